"""The GUI thread's copy of the watcher's state, shared by every page and detail view.

Pages and details read the current snapshots with `get(kind)` and follow `changed(kind, Diff)`; they
never ask the engine for what the watcher already follows.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QObject, Signal

from crane_desktop.engine.diff import Diff, apply


class ClusterStore(QObject):
    changed = Signal(str, object)  # kind ("nodes", "services", "tasks", "networks"), Diff
    cleared = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._state: dict[str, dict[str, Any]] = {}
        self.loaded: set[str] = set()

    def apply(self, kind: str, change: Diff) -> None:
        apply(self._state.setdefault(kind, {}), change)
        self.loaded.add(kind)
        self.changed.emit(kind, change)

    def get(self, kind: str) -> Mapping[str, Any]:
        return self._state.get(kind, {})

    def clear(self) -> None:
        """Forget everything (another cluster is opened); followers drop their rows."""
        self._state.clear()
        self.loaded.clear()
        self.cleared.emit()
