"""Cleaning up the nodes' disks without breaking a rollback: a dry run per node (what would go, what is
kept and why) and then removing exactly what the dry run listed.

What may go: stopped containers, dangling images, images no container uses, build cache no build uses,
and unused volumes only when asked. What is kept whatever its state: the image of every service's
current spec and of its previous spec (`docker service rollback` needs it on the node: moby#31254),
and the images the operator pinned. Blocking: callers run these off the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import docker

from crane_desktop.engine import api
from crane_desktop.engine.cluster import Cluster
from crane_desktop.engine.disk import usage_from_df
from crane_desktop.engine.errors import EngineError
from crane_desktop.engine.snapshots import Node

log = logging.getLogger("crane.engine.cleanup")

# Why an object would go
STOPPED = "stopped"  # a container that does not run
DANGLING = "dangling"  # an image without a tag
UNUSED = "unused"  # a tagged image no container uses
UNUSED_VOLUME = "unused-volume"  # a volume no container uses
BUILD_CACHE = "build-cache"  # build cache no build uses

# Why an image is kept
CURRENT = "current"  # a service's image now
ROLLBACK = "rollback"  # a service's image before its last update: its rollback target
PINNED = "pinned"  # the operator asked to keep it


@dataclass(frozen=True)
class Keep:
    """An image reference that must stay: why, and for what (the service's name, or the pin)."""

    reference: str
    reason: str
    owner: str


@dataclass(frozen=True)
class Item:
    """One object the cleanup would remove from a node."""

    kind: str  # "container", "image", "volume", "build-cache"
    id: str  # what the engine's delete call takes
    name: str  # as people read it: tags, container name, volume name
    size: int  # bytes it holds alone (what removing it frees)
    reason: str


@dataclass(frozen=True)
class KeptImage:
    id: str
    name: str
    size: int
    keeps: tuple[Keep, ...]


@dataclass(frozen=True)
class NodePlan:
    """The dry run of one node."""

    node_id: str
    hostname: str
    items: tuple[Item, ...] = ()
    kept: tuple[KeptImage, ...] = ()
    error: str = ""  # why the node could not be read
    failure: EngineError | None = field(default=None, compare=False, repr=False)  # the same, to translate

    @property
    def size(self) -> int:
        return sum(item.size for item in self.items)


@dataclass(frozen=True)
class NodeResult:
    """What a cleanup did on one node: what went, what refused (and the engine's words), what was kept
    because it became a rollback target or was pinned since the dry run, the bytes freed."""

    node_id: str
    hostname: str
    removed: tuple[Item, ...] = ()
    failed: tuple[tuple[Item, str], ...] = ()
    freed: int = 0
    error: str = ""
    failure: EngineError | None = field(default=None, compare=False, repr=False)  # the same, to translate
    kept: tuple[tuple[Item, Keep], ...] = ()


# -- image references ------------------------------------------------------------------------------
def parse_reference(reference: str) -> tuple[str, str, str]:
    """(name, tag, digest) of an image reference, the name in docker's short form (docker.io/library/
    dropped); a reference with neither tag nor digest means :latest."""
    rest, _, digest = reference.strip().partition("@")
    name, tag = rest, ""
    colon, slash = rest.rfind(":"), rest.rfind("/")
    if colon > slash:
        name, tag = rest[:colon], rest[colon + 1 :]
    for prefix in ("docker.io/", "index.docker.io/"):
        if name.startswith(prefix):
            name = name[len(prefix) :]
    if name.startswith("library/") and name.count("/") == 1:
        name = name[len("library/") :]
    if not tag and not digest:
        tag = "latest"
    return name, tag, digest


def image_matches(image: Mapping[str, Any], reference: str) -> bool:
    """Is `image` (an entry of /images or /system/df) what `reference` names: by digest, by tag or by
    id? Any of them is enough (a cleanup keeps too much rather than too little)."""
    if reference.startswith("sha256:"):
        return str(image.get("Id", "")).startswith(reference)
    name, tag, digest = parse_reference(reference)
    if digest:
        for repo_digest in image.get("RepoDigests") or ():
            other_name, _, other_digest = parse_reference(str(repo_digest))
            if other_name == name and other_digest == digest:
                return True
    if tag:
        for repo_tag in image.get("RepoTags") or ():
            if parse_reference(str(repo_tag))[:2] == (name, tag):
                return True
    return False


def keep_references(services: Iterable[Mapping[str, Any]], pins: Iterable[str]) -> list[Keep]:
    """Every service's current and previous image (its rollback target), then the pinned images."""
    keeps = []
    for service in services:
        name = str((service.get("Spec") or {}).get("Name", ""))
        for reason, spec_key in ((CURRENT, "Spec"), (ROLLBACK, "PreviousSpec")):
            image = _spec_image(service.get(spec_key))
            if image:
                keeps.append(Keep(image, reason, name))
    keeps.extend(Keep(pin.strip(), PINNED, pin.strip()) for pin in pins if pin.strip())
    return keeps


def _spec_image(spec: Any) -> str:
    if not isinstance(spec, Mapping):
        return ""
    container = (spec.get("TaskTemplate") or {}).get("ContainerSpec") or {}
    image = container.get("Image") if isinstance(container, Mapping) else ""
    return image if isinstance(image, str) else ""


def cluster_keeps(client: docker.APIClient, pins: Iterable[str]) -> list[Keep]:
    """What no cleanup may remove anywhere in the swarm (read from the manager `client`)."""
    return keep_references(api.call(client, client.services), pins)


# -- the dry run -----------------------------------------------------------------------------------
def _tags(image: Mapping[str, Any]) -> list[str]:
    return [str(t) for t in image.get("RepoTags") or () if t and t != "<none>:<none>"]


def _image_name(image: Mapping[str, Any]) -> str:
    tags = _tags(image)
    if tags:
        return ", ".join(tags)
    digests = [str(d) for d in image.get("RepoDigests") or () if d and not str(d).startswith("<none>")]
    return digests[0] if digests else str(image.get("Id", ""))[7:19]


def _own_size(image: Mapping[str, Any]) -> int:
    size, shared = image.get("Size"), image.get("SharedSize")
    if not isinstance(size, int) or size < 0:
        return 0
    return size - shared if isinstance(shared, int) and 0 <= shared <= size else size


def plan_from_df(
    node: Node, df: Mapping[str, Any], keeps: Sequence[Keep], *, volumes: bool = False
) -> NodePlan:
    """What a cleanup of this node would remove and which images it keeps, from its /system/df."""
    containers = [c for c in df.get("Containers") or () if isinstance(c, Mapping)]
    running = [c for c in containers if c.get("State") in ("running", "paused", "restarting")]
    items = [
        Item(
            "container",
            str(c.get("Id", "")),
            ", ".join(str(n).lstrip("/") for n in c.get("Names") or ()) or str(c.get("Id", ""))[:12],
            int(c.get("SizeRw") or 0),
            STOPPED,
        )
        for c in containers
        if c not in running
    ]
    in_use = {str(c.get("ImageID", "")) for c in running}
    kept = []
    for image in (i for i in df.get("Images") or () if isinstance(i, Mapping)):
        image_id = str(image.get("Id", ""))
        matched = tuple(keep for keep in keeps if image_matches(image, keep.reference))
        if matched:
            kept.append(KeptImage(image_id, _image_name(image), _own_size(image), matched))
        elif image_id not in in_use:
            reason = UNUSED if _tags(image) else DANGLING
            items.append(Item("image", image_id, _image_name(image), _own_size(image), reason))
    if volumes:
        for volume in (v for v in df.get("Volumes") or () if isinstance(v, Mapping)):
            usage = volume.get("UsageData") or {}
            if int(usage.get("RefCount") or 0) == 0:
                name = str(volume.get("Name", ""))
                items.append(Item("volume", name, name, max(0, int(usage.get("Size") or 0)), UNUSED_VOLUME))
    cache_size = usage_from_df(df).build_cache_reclaimable
    if cache_size:
        items.append(Item("build-cache", "", "", cache_size, BUILD_CACHE))
    return NodePlan(node.id, node.hostname, tuple(items), tuple(kept))


def plan_node(cluster: Cluster, node: Node, keeps: Sequence[Keep], *, volumes: bool = False) -> NodePlan:
    """The dry run of one node, through its own engine (a plan with `error` when it cannot be read)."""
    try:
        client = cluster.node_client(node)
        df = api.call(client, client.df)
    except EngineError as error:
        return NodePlan(node.id, node.hostname, error=error.message, failure=error)
    return plan_from_df(node, df if isinstance(df, Mapping) else {}, keeps, volumes=volumes)


def plan_cleanup(
    cluster: Cluster, nodes: Sequence[Node], pins: Iterable[str], volumes: bool = False
) -> list[NodePlan]:
    """The dry run of every node given, in that order (the swarm's services read once)."""
    keeps = cluster_keeps(cluster.client, pins)
    return [plan_node(cluster, node, keeps, volumes=volumes) for node in nodes]


# -- removing ----------------------------------------------------------------------------------------
def _remove(client: docker.APIClient, item: Item) -> int:
    """Remove one object; the bytes the engine says it freed where it says (build cache), else 0."""
    if item.kind == "container":
        api.call(client, client.remove_container, item.id, v=False)
    elif item.kind == "image":
        # force: an image with several tags goes whole; the engine still refuses one a running
        # container uses ("cannot be forced"), so nothing running loses its image
        api.call(client, client.remove_image, item.id, force=True)
    elif item.kind == "volume":
        api.call(client, client.remove_volume, item.id)
    elif item.kind == "build-cache":  # no build uses it: pruned whole (what is unused now)
        answer = api.call(client, client.prune_builds)
        return int((answer or {}).get("SpaceReclaimed") or 0)
    return 0


def apply_plan(cluster: Cluster, node: Node, plan: NodePlan, keeps: Sequence[Keep] = ()) -> NodeResult:
    """Remove what `plan` lists on `node`, containers first (their images are then free), each on its
    own: one that refuses (in use again, gone) is reported and the rest goes on. An image that became
    one of `keeps` since the dry run (a service updated meanwhile) is kept and reported."""
    try:
        client = cluster.node_client(node)
        df = api.call(client, client.df)
    except EngineError as error:
        return NodeResult(node.id, node.hostname, error=error.message, failure=error)
    before = usage_from_df(df)
    images = {str(i.get("Id", "")): i for i in df.get("Images") or () if isinstance(i, Mapping)}
    order = {"container": 0, "image": 1, "volume": 2, "build-cache": 3}
    removed: list[Item] = []
    failed: list[tuple[Item, str]] = []
    kept: list[tuple[Item, Keep]] = []
    for item in sorted(plan.items, key=lambda i: order.get(i.kind, 9)):
        image = images.get(item.id) if item.kind == "image" else None
        now_kept = [k for k in keeps if image is not None and image_matches(image, k.reference)]
        if now_kept:
            kept.append((item, now_kept[0]))
            continue
        try:
            _remove(client, item)
        except EngineError as error:
            if error.status == 404:  # gone already: what we wanted
                removed.append(item)
                continue
            log.info("cleanup of %s on %s: %s", item.id, node.hostname, error)
            failed.append((item, error.raw or error.message))
        else:
            removed.append(item)
    try:
        after = usage_from_df(api.call(client, client.df))
        freed = max(0, before.total_size - after.total_size)
    except EngineError:
        freed = sum(item.size for item in removed)
    return NodeResult(node.id, node.hostname, tuple(removed), tuple(failed), freed, kept=tuple(kept))


def apply_plans(
    cluster: Cluster, nodes: Sequence[Node], plans: Sequence[NodePlan], pins: Iterable[str] = ()
) -> list[NodeResult]:
    """Every node's plan carried out, node after node (a node that could not be read is skipped); the
    services' images are read again first, so none that became a rollback target meanwhile goes."""
    keeps = cluster_keeps(cluster.client, pins)
    by_id = {node.id: node for node in nodes}
    return [
        apply_plan(cluster, by_id[plan.node_id], plan, keeps)
        for plan in plans
        if plan.node_id in by_id and not plan.error and plan.items
    ]
