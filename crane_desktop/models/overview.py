"""The overview's two live tables: what needs attention now (computed from the store's snapshots on
every diff, engine/health.py) and the latest changes seen in the diffs (a bounded ring).

Both are keyed tables: a refresh becomes row inserts, removes and dataChanged, never a reset.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import count
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QColor

from crane_desktop.engine.diff import Diff, diff
from crane_desktop.engine.events import EngineEvent, task_transitions
from crane_desktop.engine.formatting import local_time
from crane_desktop.engine.health import Health
from crane_desktop.engine.snapshots import Node, Service, Task
from crane_desktop.engine.task_errors import task_error
from crane_desktop.messages import phrase_text
from crane_desktop.models.apps import BAD, WARN, update_state_text
from crane_desktop.models.events import type_text
from crane_desktop.models.nodes import availability_text, status_text
from crane_desktop.models.table import Column, KeyedTableModel
from crane_desktop.models.tasks import state_text

translate = QCoreApplication.translate
EVENTS_KEPT = 200


@dataclass(frozen=True, slots=True)
class Item:
    """One row: what it is about, in words, and what activating it opens."""

    key: str
    severity: str  # "bad" | "warn" | "info"
    subject: str
    text: str
    when: datetime | None
    target_kind: str  # "node" | "service" | "page"
    target_id: str


def severity_text(item: Item) -> str:
    """The state as a symbol and a word, so that it never rests on colour alone."""
    return {
        "bad": translate("Overview", "✖ Problem"),
        "warn": translate("Overview", "▲ Warning"),
        "info": translate("Overview", "● Change"),
    }[item.severity]


def severity_color(item: Item) -> QColor | None:
    return {"bad": BAD, "warn": WARN}.get(item.severity)


def _time_text(item: Item) -> str:
    return local_time(item.when) if item.when else ""


def _time_sort(item: Item) -> float:
    return item.when.timestamp() if item.when else 0.0


def _columns() -> list[Column]:
    return [
        Column(lambda: translate("Overview", "State"), severity_text, color=severity_color),
        Column(lambda: translate("Overview", "Object"), lambda i: i.subject),
        Column(lambda: translate("Overview", "What"), lambda i: i.text, tooltip=lambda i: i.text),
        Column(lambda: translate("Overview", "Time"), _time_text, sort=_time_sort),
    ]


def attention_items(
    health: Health,
    nodes: Mapping[str, Node],
    services: Mapping[str, Service],
    why: Mapping[str, list[str]] | None = None,
) -> dict[str, Item]:
    """What an operator should look at now, keyed so that refreshes update rows in place; `why` gives
    the sentences of the services that do not converge (models/why_pending.py)."""
    items: dict[str, Item] = {}
    quorum = health.quorum
    if quorum.managers and quorum.spare < 1:
        sentence = quorum_sentence(quorum.managers, quorum.reachable, quorum.spare)
        items["quorum"] = Item(
            "quorum", "bad", translate("Overview", "Managers"), sentence, None, "page", "nodes"
        )
    for node in nodes.values():
        if node.state != "ready":
            text = translate("Overview", "The node is %1: %2").replace("%1", status_text(node))
            text = text.replace("%2", node.state_message or translate("Overview", "no message"))
            items[f"node:{node.id}"] = Item(
                f"node:{node.id}", "bad", node.hostname, text, node.updated_at, "node", node.id
            )
    running_of = translate("Overview", "%1 of %2 tasks running")  # once: a big swarm has 1,000 such rows
    with_reasons = translate("Overview", "%1: %2")
    for convergence in health.not_converged:
        text = running_of.replace("%1", str(convergence.running)).replace("%2", str(convergence.desired))
        reasons = (why or {}).get(convergence.service_id)
        if reasons:
            text = with_reasons.replace("%1", text).replace("%2", " ".join(reasons))
        severity = "bad" if convergence.running == 0 else "warn"
        key = f"service:{convergence.service_id}"
        items[key] = Item(key, severity, convergence.name, text, None, "service", convergence.service_id)
    for rollout in health.rollouts:
        state = update_state_text(rollout.state)
        text = f"{state}: {rollout.message}" if rollout.message else state
        severity = "warn" if rollout.state in ("updating", "rollback_started") else "bad"
        key = f"rollout:{rollout.service_id}"
        updated = services[rollout.service_id].updated_at if rollout.service_id in services else None
        items[key] = Item(key, severity, rollout.name, text, updated, "service", rollout.service_id)
    for failed in health.failed:
        host = nodes.get(failed.node_id)
        where = host.hostname if host else failed.node_id[:12] or "—"
        text = translate("Overview", "Task %1 failed on %2: %3").replace(
            "%1", f"{failed.service_name}.{failed.slot}"
        )
        text = text.replace("%2", where).replace(
            "%3", phrase_text(task_error(failed.reason)) or state_text(failed.state)
        )
        key = f"task:{failed.task_id}"
        items[key] = Item(key, "bad", failed.service_name, text, failed.when, "service", failed.service_id)
    return items


def quorum_sentence(managers: int, reachable: int, spare: int) -> str:
    """ "2 of 3 managers reachable: one more loss stops the cluster", in the user's language."""
    if spare < 0:
        text = translate(
            "Overview", "%1 of %2 managers reachable: the cluster has lost its quorum and cannot change"
        )
    elif spare == 0:
        text = translate("Overview", "%1 of %2 managers reachable: one more loss stops the cluster")
    else:
        text = translate("Overview", "%1 of %2 managers reachable: %n more can be lost", "", spare)
    return text.replace("%1", str(reachable)).replace("%2", str(managers))


class AttentionModel(KeyedTableModel):
    """What needs attention now; `show` replaces the whole set with keyed row changes. It is the
    overview page's model: `cleared` tells the page that another cluster is being opened."""

    cleared = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(_columns(), parent)

    def clear(self) -> None:
        super().clear()
        self.cleared.emit()

    def show(self, items: Mapping[str, Item]) -> None:
        current = {self._keys[row]: self._objects[row] for row in range(len(self._keys))}
        self.apply_diff(diff(current, dict(items)))


class ChangesModel(KeyedTableModel):
    """The latest changes seen in the store's diffs, newest first once sorted by time; bounded."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(_columns(), parent)
        self._serial = count()
        self._previous: dict[str, Mapping[str, Any]] = {}

    def follow(
        self, kind: str, change: Diff[Any], current: Mapping[str, Any], services: Mapping[str, Service]
    ) -> None:
        """Turn one store diff into change rows (only once the kind was first loaded: the first
        listing is the cluster as it is, not a change)."""
        before = self._previous.get(kind)
        self._previous[kind] = dict(current)
        if before is None:
            return
        found = _changes(kind, change, before, services)
        if not found:
            return
        keys = [f"change:{next(self._serial)}" for _ in found]
        added = {key: Item(key, *item) for key, item in zip(keys, found, strict=True)}
        overflow = self.rowCount() + len(added) - EVENTS_KEPT
        oldest = frozenset(self._keys[:overflow]) if overflow > 0 else frozenset()
        self.apply_diff(Diff(added=added, removed=oldest))

    def add_event(self, event: EngineEvent) -> None:
        """A network, secret or config created, updated or removed as it happens (the engine's event:
        the overview follows no diff of these kinds; nodes, services and tasks come from their diffs)."""
        self.add_events([event], OBJECT_PAGES)

    def add_backfill(self, events: list[EngineEvent]) -> None:
        """The cluster's events of the last minutes, asked once on connect (by the events page): what
        changed before the cluster was opened, services and nodes included (no diff showed those)."""
        self.add_events(events, (*OBJECT_PAGES, "service", "node"))

    def add_events(self, events: list[EngineEvent], types: Collection[str]) -> None:
        """Rows for the events of `types` that change an object, each event once (by its key: the
        backfill and the stream overlap), the newest EVENTS_KEPT."""
        added: dict[str, Item] = {}
        for event in events:
            key = f"event:{event.key}"
            found = _object_event(event, types)
            if found is not None and key not in self._rows:
                added[key] = Item(key, *found)
        if not added:
            return
        newest = dict(sorted(added.items(), key=lambda pair: _time_sort(pair[1]))[-EVENTS_KEPT:])
        overflow = self.rowCount() + len(newest) - EVENTS_KEPT
        oldest = frozenset(self._keys[:overflow]) if overflow > 0 else frozenset()
        self.apply_diff(Diff(added=newest, removed=oldest))

    def remember(self, kind: str, current: Mapping[str, Any]) -> None:
        """What the store held before this model followed it: later diffs are changes to it."""
        self._previous[kind] = dict(current)

    def clear(self) -> None:
        self._previous.clear()
        super().clear()


Change = tuple[str, str, str, datetime, str, str]  # severity, subject, text, when, target kind, target id


def _changes(
    kind: str, change: Diff[Any], before: Mapping[str, Any], services: Mapping[str, Service]
) -> list[Change]:
    if kind == "nodes":
        return _node_changes(change, before)
    if kind == "services":
        return _service_changes(change, before)
    return _task_changes(change, before, services)


OBJECT_PAGES = {"network": "networks", "secret": "secrets", "config": "configs"}


def _object_event(event: EngineEvent, types: Collection[str]) -> Change | None:
    if event.type not in types:
        return None
    done = {
        "create": translate("Overview", "created"),
        "update": translate("Overview", "updated"),
        "remove": translate("Overview", "removed"),
    }.get(event.action)
    if done is None:  # a network's connect / disconnect of a container: not a change of the network
        return None
    text = translate("Overview", "%1 %2").replace("%1", type_text(event.type)).replace("%2", done)
    subject = event.name or event.object_id[:12]
    if event.type in ("service", "node") and event.action != "remove":
        return ("info", subject, text, event.when, event.type, event.object_id)
    page = OBJECT_PAGES.get(event.type) or ("apps" if event.type == "service" else "nodes")
    return ("info", subject, text, event.when, "page", page)


def _node_changes(change: Diff[Node], before: Mapping[str, Node]) -> list[Change]:
    now = datetime.now(UTC)
    joined, removed = translate("Overview", "Node joined"), translate("Overview", "Node removed")
    found: list[Change] = [("info", n.hostname, joined, now, "node", n.id) for n in change.added.values()]
    found += [
        ("warn", before[k].hostname, removed, now, "page", "nodes") for k in change.removed if k in before
    ]
    for node in change.changed.values():
        old = before.get(node.id)
        if old is None:
            continue
        if old.state != node.state:
            text = translate("Overview", "Node is %1 (was %2)")
            text = text.replace("%1", status_text(node)).replace("%2", status_text(old))
            found.append(
                ("info" if node.state == "ready" else "bad", node.hostname, text, now, "node", node.id)
            )
        if old.availability != node.availability:
            text = translate("Overview", "Availability %1 (was %2)")
            text = text.replace("%1", availability_text(node)).replace("%2", availability_text(old))
            found.append(("info", node.hostname, text, now, "node", node.id))
    return found


def _service_changes(change: Diff[Service], before: Mapping[str, Service]) -> list[Change]:
    now = datetime.now(UTC)
    created, removed = translate("Overview", "Service created"), translate("Overview", "Service removed")
    found: list[Change] = [("info", s.name, created, now, "service", s.id) for s in change.added.values()]
    found += [("info", before[k].name, removed, now, "page", "apps") for k in change.removed if k in before]
    for service in change.changed.values():
        old = before.get(service.id)
        if old is not None and old.update_state != service.update_state and service.update_state:
            severity = "bad" if service.update_state in ("paused", "rollback_paused") else "info"
            text = update_state_text(service.update_state)
            found.append((severity, service.name, text, now, "service", service.id))
    return found


def _task_changes(
    change: Diff[Task], before: Mapping[str, Task], services: Mapping[str, Service]
) -> list[Change]:
    found = []
    states = {key: before[key].state for key in (*change.added, *change.changed) if key in before}
    for task, _old in task_transitions(change, states):
        if task.state in ("failed", "rejected"):
            service = services.get(task.service_id)
            found.append(_task_failed(task, service.name if service else task.service_id[:12]))
    return found


def _task_failed(task: Task, service_name: str) -> Change:
    name = f"{service_name}.{task.slot}" if task.slot else service_name
    text = translate("Overview", "Task %1 %2: %3").replace("%1", name).replace("%2", state_text(task.state))
    text = text.replace("%3", phrase_text(task_error(task.error)) or task.message)
    return ("bad", service_name, text, task.updated_at, "service", task.service_id)
