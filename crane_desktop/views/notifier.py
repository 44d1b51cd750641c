"""Desktop notifications when something an operator must know happens while the window is in the
background: a node goes down, a rollout fails, pauses or rolls back. Optional (View menu)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QSystemTrayIcon, QWidget

from crane_desktop.engine.diff import Diff
from crane_desktop.models.apps import update_state_text
from crane_desktop.models.store import ClusterStore

ROLLOUT_PROBLEMS = ("paused", "rollback_started", "rollback_paused", "rollback_completed")


class Notifier(QObject):
    """Watches the store for state transitions worth an interruption, and announces them."""

    notified = Signal(str, str)  # title, text

    def __init__(self, window: QWidget, store: ClusterStore, enabled: bool = True) -> None:
        super().__init__(window)
        self.window = window
        self.enabled = enabled
        self._node_states: dict[str, str] = {}
        self._update_states: dict[str, str] = {}
        self._tray: QSystemTrayIcon | None = None
        store.changed.connect(self._on_changed)
        store.cleared.connect(self._forget)

    def _forget(self) -> None:
        self._node_states.clear()
        self._update_states.clear()

    def _on_changed(self, kind: str, change: Diff) -> None:
        if kind == "nodes":
            for node in (*change.added.values(), *change.changed.values()):
                before = self._node_states.get(node.id)
                self._node_states[node.id] = node.state
                if before == "ready" and node.state == "down":
                    self.notify(self.tr("Node down"), self.tr("%1 is down.").replace("%1", node.hostname))
        elif kind == "services":
            for service in (*change.added.values(), *change.changed.values()):
                before = self._update_states.get(service.id, "")
                self._update_states[service.id] = service.update_state
                if service.update_state in ROLLOUT_PROBLEMS and service.update_state != before:
                    text = self.tr("The update of %1 is %2: %3")
                    text = text.replace("%1", service.name).replace(
                        "%2", update_state_text(service.update_state)
                    )
                    self.notify(self.tr("Rollout failed"), text.replace("%3", service.update_message))

    def notify(self, title: str, text: str) -> None:
        self.notified.emit(title, text)
        if not self.enabled or self.window.isActiveWindow():
            return
        if QSystemTrayIcon.isSystemTrayAvailable():
            if self._tray is None:
                self._tray = QSystemTrayIcon(self.window.windowIcon(), self)
                self._tray.show()
            self._tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Warning, 10000)
        else:
            QApplication.alert(self.window)
