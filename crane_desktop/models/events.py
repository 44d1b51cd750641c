"""The events page's table: the engine's events (from the watcher's stream, and a backfill of the recent
ones on connect) and the task state changes the store's task diffs show, in a bounded ring.

Paused, rows keep coming into a buffer (bounded too) and are shown at once when the table resumes.
Rows are keyed by the event (engine/events.py `EngineEvent.key`), so an event that comes twice (the
backfill and the stream overlap) is one row.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from crane_desktop.engine.diff import Diff
from crane_desktop.engine.events import EngineEvent, task_event, task_transitions
from crane_desktop.engine.formatting import seconds_time
from crane_desktop.engine.i18n import QT_TRANSLATE_NOOP
from crane_desktop.engine.snapshots import Service, Task
from crane_desktop.engine.task_errors import task_error
from crane_desktop.messages import phrase_text
from crane_desktop.models.table import Column, KeyedTableModel
from crane_desktop.models.tasks import state_text

translate = QCoreApplication.translate
RING = 5000  # rows kept: the oldest go first


def type_text(event_type: str) -> str:
    """The object type in the user's words (the engine's word for a type it adds later)."""
    words = {
        "service": translate("EventsModel", "Service"),
        "node": translate("EventsModel", "Node"),
        "network": translate("EventsModel", "Network"),
        "secret": translate("EventsModel", "Secret"),
        "config": translate("EventsModel", "Config"),
        "task": translate("EventsModel", "Task"),
        "container": translate("EventsModel", "Container"),
    }
    return words.get(event_type, event_type)


# the engine's actions for the objects the page shows, in the user's words (English: the engine's own)
ACTIONS = frozenset(
    {
        QT_TRANSLATE_NOOP("EventsModel", "create"),
        QT_TRANSLATE_NOOP("EventsModel", "update"),
        QT_TRANSLATE_NOOP("EventsModel", "remove"),
        QT_TRANSLATE_NOOP("EventsModel", "start"),
        QT_TRANSLATE_NOOP("EventsModel", "restart"),
        QT_TRANSLATE_NOOP("EventsModel", "die"),
        QT_TRANSLATE_NOOP("EventsModel", "oom"),
        QT_TRANSLATE_NOOP("EventsModel", "kill"),
        QT_TRANSLATE_NOOP("EventsModel", "stop"),
        QT_TRANSLATE_NOOP("EventsModel", "destroy"),
        QT_TRANSLATE_NOOP("EventsModel", "pause"),
        QT_TRANSLATE_NOOP("EventsModel", "unpause"),
        QT_TRANSLATE_NOOP("EventsModel", "rename"),
        QT_TRANSLATE_NOOP("EventsModel", "connect"),
        QT_TRANSLATE_NOOP("EventsModel", "disconnect"),
    }
)
_HEALTH = "health_status: "  # the engine's action for a health check's outcome: "health_status: healthy"


def action_text(event: EngineEvent) -> str:
    """A task's state in the words of the task lists; the engine's action in the user's words (one the
    engine adds later as it says it)."""
    if event.type == "task":
        return state_text(event.action)
    if event.action.startswith(_HEALTH):
        health = translate("EngineTerms", event.action[len(_HEALTH) :])
        return translate("EventsModel", "health_status: %1").replace("%1", health)
    return translate("EventsModel", event.action) if event.action in ACTIONS else event.action


def details_text(event: EngineEvent) -> str:
    """A task's error in the user's words where the engine's text has a known shape; as given otherwise."""
    return phrase_text(task_error(event.details)) if event.type == "task" else event.details


def _columns() -> list[Column]:
    return [
        Column(
            lambda: translate("EventsModel", "Time"), lambda e: seconds_time(e.when), sort=lambda e: e.nanos
        ),
        Column(lambda: translate("EventsModel", "Type"), lambda e: type_text(e.type)),
        Column(lambda: translate("EventsModel", "Object"), lambda e: e.name or e.object_id[:12]),
        Column(lambda: translate("EventsModel", "Action"), action_text),
        Column(lambda: translate("EventsModel", "Details"), details_text, tooltip=lambda e: e.details),
    ]


class EventsModel(KeyedTableModel):
    TIME_COLUMN = 0

    def __init__(self, parent: Any = None, ring: int = RING) -> None:
        super().__init__(_columns(), parent)
        self.ring = ring
        self.paused = False
        self.held: dict[str, EngineEvent] = {}  # what came while paused, by key
        self._task_states: dict[str, str] | None = None  # None until the tasks were first listed

    # -- what comes in ---------------------------------------------------------------------------
    def add(self, events: Iterable[EngineEvent]) -> None:
        """New rows (held while paused); the oldest rows leave once the ring is full."""
        # the rows keep what the table shows, not the engine's JSON: a container's event carries every
        # label of its image and service (~3 KB), so a full ring of them held ~15 MiB more
        fresh = {
            e.key: replace(e, raw={}) if e.raw else e
            for e in events
            if e.key not in self._rows and e.key not in self.held
        }
        if not fresh:
            return
        if self.paused:
            self.held.update(fresh)
            while len(self.held) > self.ring:
                del self.held[next(iter(self.held))]
            return
        overflow = self.rowCount() + len(fresh) - self.ring
        if overflow > len(self._keys):  # more than the whole ring at once: keep the newest
            fresh = dict(list(fresh.items())[-self.ring :])
            overflow = len(self._keys)
        oldest = frozenset(self._keys[:overflow]) if overflow > 0 else frozenset()
        self.apply_diff(Diff(added=fresh, removed=oldest))

    def follow_tasks(
        self, change: Diff[Task], services: Mapping[str, Service], since: datetime | None = None
    ) -> None:
        """The task state changes of one store diff of tasks as rows. The first listing is the cluster
        as it is: only the states its tasks took from `since` on are rows (the backfill's minutes, as
        the engine's recent events: a task that failed just before connecting shows)."""
        before = self._task_states
        if before is None:
            self.remember_tasks(change.added, services, since)
            return
        rows = []
        for task, _old in task_transitions(change, before):
            row = self._task_row(task, services)
            if row is not None:
                rows.append(row)
        for key in change.removed:
            before.pop(key, None)
        before.update((task.id, task.state) for task in (*change.added.values(), *change.changed.values()))
        self.add(rows)

    def remember_tasks(
        self, tasks: Mapping[str, Task], services: Mapping[str, Service], since: datetime | None = None
    ) -> None:
        """What the store held first (when the page was built, or its first listing): later diffs are
        changes to it; the states taken from `since` on are rows."""
        self._task_states = {key: task.state for key, task in tasks.items()}
        if since is not None:
            recent = (self._task_row(task, services) for task in tasks.values() if task.updated_at >= since)
            self.add(row for row in recent if row is not None)

    @staticmethod
    def _task_row(task: Task, services: Mapping[str, Service]) -> EngineEvent | None:
        service = services.get(task.service_id)
        return task_event(task, service.name if service else task.service_id[:12])

    def set_paused(self, paused: bool) -> None:
        """Pause (rows go to the buffer) or resume (the buffer's rows are shown)."""
        self.paused = paused
        if not paused and self.held:
            held, self.held = self.held, {}
            self.add(held.values())

    def clear(self) -> None:
        self.held.clear()
        self._task_states = None
        super().clear()
