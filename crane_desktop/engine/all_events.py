"""The cluster's events and the containers' events of its nodes in one sequence, as the Events page
shows them, for `crane-desktop events`.

A manager's stream carries the cluster's events (services, nodes, networks, secrets, configs); each
ready node whose own engine the profile reaches tells its containers' (engine/node_events.py). Every
stream is read on a thread of its own into one queue; a node's stream that fails is reported and the
others go on, the manager's failing ends the whole (as before, when it was the only one).
"""

from __future__ import annotations

import functools
import queue
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import docker

from crane_desktop.engine import api
from crane_desktop.engine.cluster import Cluster
from crane_desktop.engine.errors import EngineError, translate
from crane_desktop.engine.events import CLUSTER_EVENT_TYPES, EngineEvent, read_events
from crane_desktop.engine.node_events import CONTAINER_ACTIONS
from crane_desktop.engine.snapshots import Node, parse_all

_ENDED = object()


@dataclass(frozen=True)
class StreamFailed:
    """A stream that could not be read (or broke): `node` is the node's hostname, "" for the manager's."""

    node: str
    error: EngineError


@dataclass(frozen=True)
class _Source:
    node: str  # hostname; "" for the manager's stream of the cluster's events
    node_id: str
    client: Callable[[], docker.APIClient]
    types: tuple[str, ...]
    actions: tuple[str, ...]


class AllEvents:
    """`for item in AllEvents(cluster, since, until)`: EngineEvents (and a StreamFailed per stream that
    failed) from `since`, until `until` on every stream, else as they come (daemon threads: a
    command's process ends with them). `hostnames`: node id -> hostname, of the nodes listed."""

    def __init__(self, cluster: Cluster, since: float | None, until: float | None) -> None:
        self.since, self.until = since, until
        nodes = parse_all(Node, api.call(cluster.client, cluster.client.nodes))
        self.hostnames = {node.id: node.hostname for node in nodes.values()}
        manager = functools.partial(cluster.stream_client, timeout=cluster.timeout)  # (to open it)
        self.sources = [_Source("", "", manager, CLUSTER_EVENT_TYPES, ())]
        for node in sorted(nodes.values(), key=lambda n: n.hostname):
            if node.state == "ready" and cluster.reaches(node):
                client = functools.partial(cluster.node_stream_client, node, timeout=cluster.timeout)
                source = _Source(node.hostname, node.id, client, ("container",), CONTAINER_ACTIONS)
                self.sources.append(source)

    def __iter__(self) -> Iterator[EngineEvent | StreamFailed]:
        items: queue.Queue[object] = queue.Queue()
        for source in self.sources:
            name = f"crane-events-{source.node or 'cluster'}"
            threading.Thread(target=self._read, args=(source, items), name=name, daemon=True).start()
        running = len(self.sources)
        while running:
            item = items.get()
            if item is _ENDED:
                running -= 1
                continue
            assert isinstance(item, EngineEvent | StreamFailed)
            yield item

    def _read(self, source: _Source, items: queue.Queue[object]) -> None:
        try:
            client = source.client()
            try:
                for event in read_events(
                    client, self.since, self.until, source.types, source.actions, source.node_id
                ):
                    items.put(event)
            finally:
                client.close()
        except Exception as exc:  # the stream broke, or the engine could not be reached
            items.put(StreamFailed(source.node, translate(exc)))
        finally:
            items.put(_ENDED)
