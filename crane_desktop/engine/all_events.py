"""The cluster's events, the tasks' state changes and the containers' events of its nodes in one
sequence, as the Events page shows them, for `crane-desktop events`.

A manager's stream carries the cluster's events (services, nodes, networks, secrets, configs); tasks
have none, so their changes are read from the task listings, as the page reads them (a listing a
second); each ready node whose own engine the profile reaches tells its containers' events
(engine/node_events.py). Every source is read on a thread of its own into one queue; a node's that
fails is reported and the others go on, the manager's failing ends the whole.
"""

from __future__ import annotations

import functools
import queue
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import docker

from crane_desktop.engine import api
from crane_desktop.engine.cluster import Cluster
from crane_desktop.engine.diff import diff
from crane_desktop.engine.errors import EngineError, translate
from crane_desktop.engine.events import (
    CLUSTER_EVENT_TYPES,
    EngineEvent,
    one_nodes_own,
    read_events,
    task_event,
    task_transitions,
)
from crane_desktop.engine.node_events import CONTAINER_ACTIONS
from crane_desktop.engine.snapshots import Node, Task, parse_all

_ENDED = object()


@dataclass(frozen=True)
class StreamFailed:
    """A stream that could not be read (or broke): `node` is the node's hostname, "" for the manager's."""

    node: str
    error: EngineError


@dataclass(frozen=True)
class _Source:
    node: str  # hostname; "" for the manager's (the cluster's events, the tasks' changes)
    client: Callable[[], docker.APIClient]
    read: Callable[[docker.APIClient], Iterator[EngineEvent]]


def task_changes(
    client: docker.APIClient, since: float | None, until: float | None, interval: float = 1.0
) -> Iterator[EngineEvent]:
    """The tasks' state changes as the Events page derives them (tasks have no events): from a first
    listing, the states taken between `since` and `until` (or now); then, until `until` (else for
    good), those each listing `interval` later shows."""
    names: dict[str, str] = {}

    def service_name(service_id: str) -> str:
        if service_id not in names:  # a service not seen yet: the names asked again, once
            names.update({s["ID"]: s["Spec"]["Name"] for s in api.call(client, client.services)})
            names.setdefault(service_id, service_id[:12])
        return names[service_id]

    def rows(tasks: Iterable[Task]) -> Iterator[EngineEvent]:
        for task in sorted(tasks, key=lambda t: t.updated_at):
            row = task_event(task, service_name(task.service_id))
            if row is not None:
                yield row

    tasks: dict[str, Task] = parse_all(Task, api.call(client, client.tasks))
    if since is not None:
        end = until if until is not None else time.time()
        yield from rows(t for t in tasks.values() if since <= t.updated_at.timestamp() <= end)
    while until is None or time.time() < until:
        time.sleep(interval)
        fresh: dict[str, Task] = parse_all(Task, api.call(client, client.tasks))
        states = {key: task.state for key, task in tasks.items()}
        yield from rows(task for task, _old in task_transitions(diff(tasks, fresh), states))
        tasks = fresh


class AllEvents:
    """`for item in AllEvents(cluster, since, until)`: EngineEvents (and a StreamFailed per stream that
    failed) from `since`, until `until` on every stream, else as they come (daemon threads: a
    command's process ends with them). `hostnames`: node id -> hostname, of the nodes listed."""

    def __init__(self, cluster: Cluster, since: float | None, until: float | None) -> None:
        self.since, self.until = since, until
        nodes = parse_all(Node, api.call(cluster.client, cluster.client.nodes))
        self.hostnames = {node.id: node.hostname for node in nodes.values()}
        manager = functools.partial(cluster.stream_client, timeout=cluster.timeout)  # (to open it)
        self.sources = [
            _Source("", manager, self._cluster_events),
            _Source("", manager, lambda client: task_changes(client, since, until)),
        ]
        for node in sorted(nodes.values(), key=lambda n: n.hostname):
            if node.state == "ready" and cluster.reaches(node):
                client = functools.partial(cluster.node_stream_client, node, timeout=cluster.timeout)
                read = functools.partial(self._containers, node_id=node.id)
                self.sources.append(_Source(node.hostname, client, read))

    def _cluster_events(self, client: docker.APIClient) -> Iterator[EngineEvent]:
        """The manager's stream, without its own engine's local events (as the page)."""
        found = read_events(client, self.since, self.until, CLUSTER_EVENT_TYPES)
        return (event for event in found if not one_nodes_own(event))

    def _containers(self, client: docker.APIClient, node_id: str) -> Iterator[EngineEvent]:
        """A node's own engine's container events (naming the node: their labels may not)."""
        return read_events(client, self.since, self.until, ("container",), CONTAINER_ACTIONS, node_id)

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
                for event in source.read(client):
                    items.put(event)
            finally:
                client.close()
        except Exception as exc:  # the stream broke, or the engine could not be reached
            items.put(StreamFailed(source.node, translate(exc)))
        finally:
            items.put(_ENDED)
