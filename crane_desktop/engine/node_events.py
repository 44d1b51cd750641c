"""The containers' events of the connected nodes, for the events page.

A manager's event stream carries only the cluster's events (services, nodes, networks, secrets,
configs); what happens to a container is told by the engine of the node it runs on. So each node
whose own engine the profile reaches (an endpoint for it, or the manager in use for its own node) and
that the swarm says is ready gets a stream of its own (hosts.HostEvents: a thread and a client of its
own, stopped at once). A stream that breaks is opened again from its last event (events.ResumePoint),
so what happened meanwhile comes without repeats; it is stopped when its node is down or gone.

The streams are started and stopped from the watcher's thread (`follow`, with each nodes diff) and
stopped from the GUI thread (`stop`): a lock keeps them in order. Their events go to `on_event` on the
streams' threads.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any

import docker

from crane_desktop.engine.diff import Diff
from crane_desktop.engine.events import EngineEvent, ResumePoint, from_api, raw_key, raw_nanos
from crane_desktop.engine.hosts import HostEvents
from crane_desktop.engine.snapshots import Node

# what a container goes through (not the exec_* of every health check, nor attach, resize, top...)
CONTAINER_ACTIONS = (
    "create", "start", "restart", "die", "oom", "kill", "stop", "destroy", "pause", "unpause",
    "health_status", "rename", "update",
)  # fmt: skip
# a task container's start or exit, and the task states the manager records a moment later
_ENDED = frozenset({"complete", "shutdown", "failed", "rejected", "orphaned", "remove"})
TASK_STATES_AFTER = {"start": frozenset({"running", *_ENDED}), "die": _ENDED}
FRESH_SECONDS = 30  # older (a stream's backfill): the manager has long had the task's state
_TASK_ID = "com.docker.swarm.task.id"
BACKFILL_MINUTES = 15  # how far back the first stream of a node starts (as the cluster's backfill)
RETRY_SECONDS = 5.0

EventSink = Callable[[EngineEvent], None]


def announced_task_change(event: EngineEvent) -> tuple[str, frozenset[str]] | None:
    """A swarm task's container started or exited: the task's id and the states the manager records
    next (None for any other event)."""
    attributes = (event.raw.get("Actor") or {}).get("Attributes") or {}
    task_id = attributes.get(_TASK_ID)
    states = TASK_STATES_AFTER.get(event.action)
    if event.type != "container" or not task_id or states is None:
        return None
    return str(task_id), states


class ContainerEvents(HostEvents):
    """One node engine's container events as events page rows, from `since` (seconds), then from its
    last event each time the stream is opened again."""

    kind = "node-events"

    def __init__(
        self,
        client_factory: Callable[[], docker.APIClient],
        node_id: str,
        on_event: EventSink,
        resume: ResumePoint,
        since: float | None = None,
    ) -> None:
        super().__init__(client_factory, lambda _type: None, ("container",), RETRY_SECONDS)
        self._node_id = node_id
        self._on_row = on_event
        self._resume = resume
        self._since = since

    def _params(self) -> dict[str, str]:
        params = {"filters": json.dumps({"type": ["container"], "event": list(CONTAINER_ACTIONS)})}
        since = self._resume.since() or (f"{self._since:.9f}" if self._since else None)
        if since:
            params["since"] = since
        return params

    def _deliver(self, event: Mapping[str, Any]) -> None:
        if self._resume.fresh(raw_nanos(event), raw_key(event)):
            self._on_row(from_api(event, node_id=self._node_id))


class NodeEventStreams:
    """A ContainerEvents stream per ready node whose engine is reachable, kept in step with the nodes."""

    def __init__(
        self,
        client_for: Callable[[Node], docker.APIClient],
        reachable: Callable[[Node], bool],
        on_event: EventSink,
        backfill_minutes: int = BACKFILL_MINUTES,
    ) -> None:
        """`client_for(node)`: a stream client for the node's own engine (Cluster.node_stream_client);
        `reachable(node)`: whether the profile reaches that engine at all."""
        self._client_for = client_for
        self._reachable = reachable
        self._on_event = on_event
        self._since = time.time() - backfill_minutes * 60 if backfill_minutes else None
        self._lock = threading.Lock()
        self._nodes: dict[str, Node] = {}
        self._streams: dict[str, ContainerEvents] = {}
        self._resume: dict[str, ResumePoint] = {}  # kept while a node is down: it resumes from there
        self._stopped = False
        # told when a task's container started or exited (Watcher.expect_task_change), on the
        # streams' threads: the task's row then comes as soon as the manager has its new state
        self.on_task_change: Callable[[str, frozenset[str]], None] | None = None

    @property
    def followed(self) -> frozenset[str]:
        """The ids of the nodes whose container events are followed now."""
        with self._lock:
            return frozenset(self._streams)

    def follow(self, change: Diff[Node]) -> None:
        """Bring the streams in step with a diff of the nodes: one for each ready, reachable node."""
        with self._lock:
            if self._stopped:
                return
            for node_id in change.removed:
                self._nodes.pop(node_id, None)
                self._resume.pop(node_id, None)
            self._nodes.update(change.added)
            self._nodes.update(change.changed)
            wanted = {i: n for i, n in self._nodes.items() if n.state == "ready" and self._reachable(n)}
            ending = [self._streams.pop(i) for i in list(self._streams) if i not in wanted]
            for node_id, node in wanted.items():
                if node_id not in self._streams:
                    self._streams[node_id] = self._start(node)
        for stream in ending:
            stream.stop()

    def _start(self, node: Node) -> ContainerEvents:
        resume = self._resume.setdefault(node.id, ResumePoint())
        stream = ContainerEvents(lambda: self._client_for(node), node.id, self._deliver, resume, self._since)
        return stream.start()

    def _deliver(self, event: EngineEvent) -> None:
        on_task_change = self.on_task_change
        announced = announced_task_change(event)
        if on_task_change is not None and announced and event.nanos / 1e9 > time.time() - FRESH_SECONDS:
            on_task_change(*announced)
        self._on_event(event)

    def stop(self) -> list[ContainerEvents]:
        """Stop every stream; returns at once (with the streams, for tests to wait on)."""
        with self._lock:
            self._stopped = True
            streams, self._streams = list(self._streams.values()), {}
        for stream in streams:
            stream.stop()
        return streams
