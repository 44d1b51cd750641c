"""The GUI thread's copy of the watcher's state, shared by every page and detail view.

Pages and details read the current snapshots with `get(kind)` and follow `changed(kind, Diff)`; they
never ask the engine for what the watcher already follows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from PySide6.QtCore import QObject, Signal

from crane_desktop.engine.diff import Diff, apply
from crane_desktop.engine.snapshots import Task
from crane_desktop.threadcheck import gui_thread_only

# Tasks the engine has forgotten, kept per service for the slot history (a slot scaled away, history
# trimmed by the swarm's task retention): the newest this many of each service.
RETIRED_PER_SERVICE = 100


class ClusterStore(QObject):
    changed = Signal(str, object)  # kind ("nodes", "services", "tasks", "networks"), Diff
    cleared = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._state: dict[str, dict[str, Any]] = {}
        self._retired: dict[str, dict[str, Task]] = {}
        self.loaded: set[str] = set()

    def apply(self, kind: str, change: Diff[Any]) -> None:
        gui_thread_only("ClusterStore.apply")
        state = self._state.setdefault(kind, {})
        if kind == "tasks":
            self._retire(state[key] for key in change.removed if key in state)
        elif kind == "services":
            for key in change.removed:
                self._retired.pop(key, None)
        apply(state, change)
        self.loaded.add(kind)
        self.changed.emit(kind, change)

    def get(self, kind: str) -> Mapping[str, Any]:
        gui_thread_only("ClusterStore.get")
        return self._state.get(kind, {})

    def retired_tasks(self, service_id: str) -> Mapping[str, Task]:
        """The service's tasks the engine no longer lists, oldest first (a detail opened later still
        shows the whole history of its slots)."""
        gui_thread_only("ClusterStore.retired_tasks")
        return self._retired.get(service_id, {})

    def _retire(self, tasks: Iterable[Task]) -> None:
        for task in tasks:
            kept = self._retired.setdefault(task.service_id, {})
            kept[task.id] = task
            while len(kept) > RETIRED_PER_SERVICE:
                del kept[next(iter(kept))]

    def clear(self) -> None:
        """Forget everything (another cluster is opened); followers drop their rows."""
        self._state.clear()
        self._retired.clear()
        self.loaded.clear()
        self.cleared.emit()
