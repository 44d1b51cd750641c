"""Disk usage of every node, read from each node's own engine (`/system/df`), with the same counts and
sums as `docker system df` prints, and the cluster's totals.

Blocking: callers run these off the GUI thread. A node whose engine Crane cannot reach is reported as
such (`error`), never as empty.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, fields, replace
from typing import Any

import docker

from crane_desktop.engine import api
from crane_desktop.engine.cluster import Cluster
from crane_desktop.engine.errors import EngineError
from crane_desktop.engine.snapshots import Node, parse_all

log = logging.getLogger("crane.engine.disk")

NODE_READERS = 4  # nodes read side by side: one after the other would add up the seconds


@dataclass(frozen=True)
class DiskUsage:
    """One node's (or the cluster's) disk usage: counts, bytes and what a prune could give back.

    The rules are `docker system df`'s: images are the layers' size and reclaimable is what images no
    container uses hold alone; containers are their writable layers, reclaimable the stopped ones';
    volumes count their size where the engine measured it, reclaimable the unused ones'; build cache
    counts what is not shared, reclaimable what is neither shared nor in use.
    """

    id: str = ""  # node id; empty for the cluster's total
    hostname: str = ""
    error: str = ""  # why the node's engine did not answer
    failure: EngineError | None = field(default=None, compare=False, repr=False)  # the same, to translate
    images: int = 0
    images_active: int = 0
    images_size: int = 0
    images_reclaimable: int = 0
    containers: int = 0
    containers_active: int = 0
    containers_size: int = 0
    containers_reclaimable: int = 0
    volumes: int = 0
    volumes_active: int = 0
    volumes_size: int = 0
    volumes_reclaimable: int = 0
    build_cache: int = 0
    build_cache_active: int = 0
    build_cache_size: int = 0
    build_cache_reclaimable: int = 0

    @property
    def reachable(self) -> bool:
        return not self.error

    @property
    def total_size(self) -> int:
        return self.images_size + self.containers_size + self.volumes_size + self.build_cache_size

    @property
    def total_reclaimable(self) -> int:
        return (
            self.images_reclaimable
            + self.containers_reclaimable
            + self.volumes_reclaimable
            + self.build_cache_reclaimable
        )


COUNTS = tuple(f.name for f in fields(DiskUsage) if f.name not in ("id", "hostname", "error", "failure"))


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _items(data: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    value = data.get(key)
    return [item for item in value if isinstance(item, Mapping)] if isinstance(value, list) else []


def usage_from_df(data: Mapping[str, Any]) -> DiskUsage:
    """The figures of one `/system/df` answer, summed as the docker CLI sums them."""
    images = _items(data, "Images")
    containers = _items(data, "Containers")
    volumes = _items(data, "Volumes")
    cache = _items(data, "BuildCache")
    layers = _int(data.get("LayersSize"))
    used_images = [i for i in images if _int(i.get("Containers")) > 0]
    image_used_bytes = sum(
        _int(i.get("Size")) - _int(i.get("SharedSize"))
        for i in used_images
        if i.get("Size") != -1 and i.get("SharedSize") != -1
    )
    running = [c for c in containers if c.get("State") in ("running", "paused", "restarting")]
    volume_usage: list[Mapping[str, Any]] = [
        usage if isinstance(usage := v.get("UsageData"), Mapping) else {} for v in volumes
    ]
    unshared = [b for b in cache if not b.get("Shared")]
    return DiskUsage(
        images=len(images),
        images_active=len(used_images),
        images_size=layers,
        images_reclaimable=max(0, layers - image_used_bytes),
        containers=len(containers),
        containers_active=len(running),
        containers_size=sum(_int(c.get("SizeRw")) for c in containers),
        containers_reclaimable=sum(_int(c.get("SizeRw")) for c in containers if c not in running),
        volumes=len(volumes),
        volumes_active=sum(1 for u in volume_usage if _int(u.get("RefCount")) > 0),
        volumes_size=sum(max(0, _int(u.get("Size"))) for u in volume_usage),
        volumes_reclaimable=sum(
            max(0, _int(u.get("Size"))) for u in volume_usage if _int(u.get("RefCount")) == 0
        ),
        build_cache=len(cache),
        build_cache_active=sum(1 for b in cache if b.get("InUse")),
        build_cache_size=sum(_int(b.get("Size")) for b in unshared),
        build_cache_reclaimable=sum(_int(b.get("Size")) for b in unshared if not b.get("InUse")),
    )


def engine_usage(client: docker.APIClient) -> DiskUsage:
    """What the engine behind `client` says about its disk (`/system/df`)."""
    data = api.call(client, client.df)
    return usage_from_df(data if isinstance(data, Mapping) else {})


def node_usage(cluster: Cluster, node: Node) -> DiskUsage:
    """The node's disk usage through its own engine; a row with `error` when it cannot be read."""
    try:
        usage = engine_usage(cluster.node_client(node))
    except EngineError as error:
        log.info("no disk usage for node %s: %s", node.hostname, error)
        return DiskUsage(id=node.id, hostname=node.hostname, error=error.message, failure=error)
    return replace(usage, id=node.id, hostname=node.hostname)


def cluster_usage(cluster: Cluster, nodes: Iterable[Node] | None = None) -> list[DiskUsage]:
    """Every node's disk usage (side by side), in hostname order; the swarm's nodes when none given."""
    listed = list(nodes) if nodes is not None else list(parse_all(Node, cluster.client.nodes()).values())
    listed.sort(key=lambda n: (n.hostname, n.id))
    if not listed:
        return []
    workers = min(NODE_READERS, len(listed))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="crane-df") as pool:
        return list(pool.map(lambda node: node_usage(cluster, node), listed))


def total(usages: Iterable[DiskUsage]) -> DiskUsage:
    """The sum over the nodes that answered."""
    answered = [u for u in usages if u.reachable]
    return DiskUsage(**{name: sum(getattr(u, name) for u in answered) for name in COUNTS})


def as_json(usage: DiskUsage) -> dict[str, Any]:
    """One node as the headless `df` prints it (sizes in bytes)."""
    data: dict[str, Any] = {"id": usage.id, "hostname": usage.hostname}
    if not usage.reachable:
        data["error"] = usage.error
        return data
    data.update({name: getattr(usage, name) for name in COUNTS})
    return data
