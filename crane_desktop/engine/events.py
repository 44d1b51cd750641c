"""The engine's events as rows an operator reads (time, type, object, action, details), and the task
state changes the task diffs show (the engine sends no events for tasks).

One parser for the events page (fed by the watcher's stream and a backfill on connect) and for
`crane-desktop events`; `--since`/`--until` are read as docker reads them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import docker

from crane_desktop.engine import api
from crane_desktop.engine.compose.units import duration_ns
from crane_desktop.engine.diff import Diff
from crane_desktop.engine.snapshots import Task

# the object types the events page follows (container events are the nodes' own, not the cluster's)
CLUSTER_EVENT_TYPES = ("config", "network", "node", "secret", "service")
TASK_STATES_REPORTED = ("running", "failed", "rejected", "shutdown", "complete")
_SERVICE_NAME = "com.docker.swarm.service.name"
_NODE_ID = "com.docker.swarm.node.id"
# a task container's labels that only repeat ids (its name says the task; the node is the row's node)
_CONTAINER_ID_LABELS = frozenset(
    {_NODE_ID, "com.docker.swarm.service.id", "com.docker.swarm.task", "com.docker.swarm.task.id"}
)


@dataclass(frozen=True)
class EngineEvent:
    """One row of the events page: an engine event, or a task state change (`type` "task")."""

    nanos: int  # when, in nanoseconds since the epoch (the engine's timeNano)
    type: str
    action: str
    object_id: str
    name: str
    details: str
    service: str = ""  # the service's name the event concerns, if any
    node_id: str = ""  # the node the event concerns, if any
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def when(self) -> datetime:
        return datetime.fromtimestamp(self.nanos / 1e9, UTC)

    @property
    def key(self) -> str:
        """The same for the same event however it arrived (the stream or a backfill)."""
        return f"{self.nanos}:{self.type}:{self.action}:{self.object_id}"

    def record(self) -> dict[str, Any]:
        """The row as one JSON object (a line of the page's export)."""
        return {
            "time": self.when.isoformat().replace("+00:00", "Z"),
            "type": self.type,
            "action": self.action,
            "id": self.object_id,
            "object": self.name,
            "details": self.details,
            "service": self.service,
            "node": self.node_id,
        }


def from_api(raw: Mapping[str, Any], node_id: str = "") -> EngineEvent:
    """An event as the engine's /events stream gives it; `node_id`: the node whose own engine sent it
    (a container's event), when its labels do not say."""
    actor = raw.get("Actor") or {}
    attributes: Mapping[str, str] = actor.get("Attributes") or {}
    event_type = str(raw.get("Type", ""))
    name = str(attributes.get("name", ""))
    nanos = raw_nanos(raw)
    left_out = _CONTAINER_ID_LABELS if event_type == "container" else frozenset()
    details = ", ".join(
        f"{key}={value}" for key, value in sorted(attributes.items()) if key != "name" and key not in left_out
    )
    service = name if event_type == "service" else str(attributes.get(_SERVICE_NAME, ""))
    if event_type == "node":
        node_id = str(actor.get("ID", ""))
    else:
        node_id = str(attributes.get(_NODE_ID, "")) or node_id
    return EngineEvent(
        nanos, event_type, str(raw.get("Action", "")), str(actor.get("ID", "")), name, details, service,
        node_id, raw,
    )  # fmt: skip


class ResumePoint:
    """The newest event a stream handed on, to reopen the stream from it after a break: the engine
    sends again what it holds from that instant on (`since` takes that instant in), so the events
    missed during the break come, and the ones already handed on are dropped here by their key.

    By key, not by time: the swarm stamps an event with its object's update time, so two events may
    come in the other order than their times; the keys of the last `RECENT_SECONDS` are kept."""

    RECENT_SECONDS = 60

    def __init__(self) -> None:
        self.nanos = 0
        self._recent: dict[str, int] = {}  # key -> when, of the events handed on lately
        self._prune_at = 1000

    def since(self) -> str | None:
        """The `since` to reopen with (seconds.nanoseconds, as the engine reads it); None before any event."""
        if not self.nanos:
            return None
        seconds, nanos = divmod(self.nanos, 1_000_000_000)
        return f"{seconds}.{nanos:09d}"

    def fresh(self, nanos: int, key: str) -> bool:
        """Is this event new (then it is remembered), not one handed on before the break?"""
        if key in self._recent:
            return False
        self._recent[key] = nanos
        if nanos > self.nanos:
            self.nanos = nanos
        if len(self._recent) > self._prune_at:  # now and then: forget what cannot come again
            oldest = self.nanos - self.RECENT_SECONDS * 1_000_000_000
            self._recent = {k: when for k, when in self._recent.items() if when >= oldest}
            self._prune_at = max(1000, 2 * len(self._recent))
        return True


def one_nodes_own(event: EngineEvent) -> bool:
    """A local event of the manager's own engine in its stream (a container joining the `bridge`
    network): not the cluster's, and told for that one node only, so the Events page leaves it out
    (each node's containers come from its own engine's stream, engine/node_events.py)."""
    return event.type in CLUSTER_EVENT_TYPES and event.raw.get("scope") == "local"


def raw_nanos(raw: Mapping[str, Any]) -> int:
    """When the engine says an event happened, in nanoseconds since the epoch."""
    return int(raw.get("timeNano") or int(raw.get("time", 0)) * 1_000_000_000)


def raw_key(raw: Mapping[str, Any]) -> str:
    """`EngineEvent.key` of an event as the engine sent it."""
    actor = raw.get("Actor") or {}
    return f"{raw_nanos(raw)}:{raw.get('Type', '')}:{raw.get('Action', '')}:{actor.get('ID', '')}"


def task_transitions(change: Diff[Task], state_before: Mapping[str, str]) -> list[tuple[Task, str | None]]:
    """The tasks of a diff whose state changed (or that are new), with the state they had (None for a
    new task): the task events the engine does not send. `state_before`: task id -> state."""
    found = []
    for task in (*change.added.values(), *change.changed.values()):
        old = state_before.get(task.id)
        if old != task.state:
            found.append((task, old))
    return found


def task_event(task: Task, service_name: str) -> EngineEvent | None:
    """A task's new state as an event row (None for the states on the way: new, assigned, ...)."""
    if task.state not in TASK_STATES_REPORTED:
        return None
    name = f"{service_name}.{task.slot}" if task.slot else f"{service_name}.{task.node_id[:12]}"
    details = task.error or task.message
    nanos = int(task.updated_at.timestamp() * 1e9)
    # as the engine would send it, had it task events (what `crane-desktop events` prints)
    attributes = {"name": name, "service": service_name}
    attributes |= {"error": task.error} if task.error else {"message": task.message} if task.message else {}
    raw = {"Type": "task", "Action": task.state, "Actor": {"ID": task.id, "Attributes": attributes},
           "scope": "swarm", "time": nanos // 1_000_000_000, "timeNano": nanos}  # fmt: skip
    return EngineEvent(nanos, "task", task.state, task.id, name, details, service_name, task.node_id, raw)


# -- docker's --since / --until ------------------------------------------------------------------
_DATE_FORMATS = ("%Y-%m-%dT%H:%M:%S.%f%z", "%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S.%f",
                 "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d")  # fmt: skip
_UNIX = re.compile(r"^\d+(\.\d{1,9})?$")


def parse_time(text: str, now: datetime) -> float:
    """A `--since`/`--until` value as docker's GetTimestamp reads it: a Go duration before now (`10m`,
    `1h30m`, `0s`), a Unix time (`1700000000.5`), or an RFC 3339 date or time (local without a zone).
    Seconds since the epoch; ValueError with docker's words when it is none of them."""
    text = text.strip()
    if _UNIX.match(text):
        return float(text)
    if "-" not in text:
        try:
            return (now - timedelta(microseconds=duration_ns(text) / 1000)).timestamp()
        except (ValueError, OverflowError):
            pass
    for form in _DATE_FORMATS:
        try:
            moment = datetime.strptime(text.replace("Z", "+0000"), form)
        except ValueError:
            continue
        return (moment if moment.tzinfo else moment.astimezone()).timestamp()
    raise ValueError(f'failed to parse value as time or duration: "{text}"')


def read_events(
    client: docker.APIClient,
    since: float | None,
    until: float | None,
    types: tuple[str, ...],
    actions: tuple[str, ...] = (),
    node_id: str = "",
) -> Iterator[EngineEvent]:
    """The engine's events from `since` (until `until`, else as they come), of `types` (and only
    `actions`, when given); `node_id`: the node whose own engine `client` asks (engine/from_api)."""
    filters = {"type": list(types), **({"event": list(actions)} if actions else {})}
    params = {"filters": json.dumps(filters)}
    for name, moment in (("since", since), ("until", until)):
        if moment is not None:
            params[name] = f"{moment:.9f}"
    # opened within the client's timeout (an engine that does not answer is given up), then read
    # without one: a quiet stream is not a dead one
    response = api.call(client, api.open_stream, client, "/events", params=params)
    try:
        api.no_read_timeout(client, response)
        for line in api.stream_lines(response):
            if line:
                yield from_api(json.loads(line), node_id)
    finally:
        response.close()


def recent_events(client: docker.APIClient, minutes: int) -> list[EngineEvent]:
    """The cluster's events of the last `minutes` (the engine keeps the last thousand or so): the
    events page's backfill on connect."""
    now = datetime.now(UTC).timestamp()
    found = read_events(client, now - minutes * 60, now, CLUSTER_EVENT_TYPES)
    return [event for event in found if not one_nodes_own(event)]
