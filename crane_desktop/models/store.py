"""The GUI thread's copy of the watcher's state, shared by every page and detail view.

Pages and details read the current snapshots with `get(kind)` and follow `changed(kind, Diff)`; they
never ask the engine for what the watcher already follows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from crane_desktop.engine.diff import Diff, apply
from crane_desktop.engine.snapshots import Task
from crane_desktop.models.task_history import TaskHistoryFile
from crane_desktop.threadcheck import gui_thread_only

# Tasks the engine has forgotten, kept per service for the slot history (a slot scaled away, history
# trimmed by the swarm's task retention): the newest this many of each service.
RETIRED_PER_SERVICE = 100
SAVE_DELAY_MS = 5000  # retirements come in bursts (an update replaces every task): one write per burst


class ClusterStore(QObject):
    changed = Signal(
        str, object
    )  # kind ("nodes", "services", "tasks", "networks", "secrets", "configs"), Diff
    cleared = Signal()
    eventArrived = Signal(object)  # EngineEvent: one of the watcher's events, as it came (engine/events.py)
    eventsBackfilled = Signal(object)  # list[EngineEvent]: the last minutes' events, asked once on connect

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._state: dict[str, dict[str, Any]] = {}
        self._retired: dict[str, dict[str, Task]] = {}
        self.loaded: set[str] = set()
        self._history: TaskHistoryFile | None = None
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self._save_history)

    def attach_history(self, history: TaskHistoryFile) -> None:
        """Keep the retired tasks in `history` (the cluster's file) and take back what it holds."""
        gui_thread_only("ClusterStore.attach_history")
        self._history = history
        for service_id, tasks in history.load().items():
            kept = {**tasks, **self._retired.get(service_id, {})}
            self._retired[service_id] = dict(list(kept.items())[-RETIRED_PER_SERVICE:])

    def apply(self, kind: str, change: Diff[Any]) -> None:
        gui_thread_only("ClusterStore.apply")
        state = self._state.setdefault(kind, {})
        if kind == "tasks":
            self._retire(state[key] for key in change.removed if key in state)
        elif kind == "services":
            for key in change.removed:
                self._retired.pop(key, None)
        apply(state, change)
        if kind == "services" and kind not in self.loaded:  # services deleted while the app was closed
            for key in [key for key in self._retired if key not in state]:
                del self._retired[key]
        self.loaded.add(kind)
        self.changed.emit(kind, change)

    def report_event(self, event: object) -> None:
        """Hand one of the engine's events to the followers (the events page)."""
        gui_thread_only("ClusterStore.report_event")
        self.eventArrived.emit(event)

    def report_backfill(self, events: list[Any]) -> None:
        """Hand the events of the last minutes (asked once on connect) to the followers (the overview)."""
        gui_thread_only("ClusterStore.report_backfill")
        self.eventsBackfilled.emit(events)

    def get(self, kind: str) -> Mapping[str, Any]:
        gui_thread_only("ClusterStore.get")
        return self._state.get(kind, {})

    def retired_tasks(self, service_id: str) -> Mapping[str, Task]:
        """The service's tasks the engine no longer lists, oldest first (a detail opened later still
        shows the whole history of its slots)."""
        gui_thread_only("ClusterStore.retired_tasks")
        return self._retired.get(service_id, {})

    def _retire(self, tasks: Iterable[Task]) -> None:
        retired = False
        services = self._state.get("services", {})
        for task in tasks:
            if "services" in self.loaded and task.service_id not in services:
                # the service went first (the watcher emits the services' diff before the tasks'): its
                # history went with it, and keeping its tasks now would keep them for good
                continue
            kept = self._retired.pop(task.service_id, {})  # re-inserted last: the most recent service
            self._retired[task.service_id] = kept
            kept[task.id] = task
            while len(kept) > RETIRED_PER_SERVICE:
                del kept[next(iter(kept))]
            retired = True
        if retired and self._history is not None and not self._save_timer.isActive():
            self._save_timer.start()

    def _save_history(self) -> None:
        if self._history is not None:
            self._history.save_later(self._history.records(self._retired))

    def clear(self) -> None:
        """Forget everything (another cluster is opened); followers drop their rows. What the cluster's
        history file was still to get is written first."""
        if self._history is not None and self._save_timer.isActive():
            self._save_timer.stop()
            self._history.save_now(self._history.records(self._retired))
        self._history = None
        self._state.clear()
        self._retired.clear()
        self.loaded.clear()
        self.cleared.emit()
