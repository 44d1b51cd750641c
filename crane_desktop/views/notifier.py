"""Desktop notifications when an alert starts while the window is in the background (the rules of
models/alerts.py: a node down, tasks failing, a rollout paused or rolled back...). Optional (View menu).

On Linux they go to the desktop's notification service (org.freedesktop.Notifications on the session
bus), which shows them as the desktop's own and keeps them in its list; elsewhere, or without such a
service, a tray message whose icon goes away again, or else the window asks for attention."""

from __future__ import annotations

import shutil
import sys

from PySide6.QtCore import QObject, QProcess, QTimer, Signal
from PySide6.QtWidgets import QApplication, QSystemTrayIcon, QWidget

from crane_desktop.engine.alerts import Alert
from crane_desktop.messages import phrase_text
from crane_desktop.models.alerts import AlertCenter, rule_title

NOTIFICATIONS = "org.freedesktop.Notifications"
SHOWN_MS = 10000
DESKTOP_ENTRY = "crane-desktop"  # packaging/linux/crane-desktop.desktop; also the icon's name


def desktop_notifications_available() -> bool:
    """Linux: a session bus with a notification service on it (asked with QtDBus), and `gdbus` to
    call it. The call goes through gdbus because PySide6's QtDBus cannot send Notify's uint32
    replaces_id: a Python int goes as int32, `QDBusArgument << int` as uint16 and numpy.uint32 does not
    marshal (PySide6 6.11); the services (GNOME Shell, KDE, dunst) refuse Notify without its exact
    types. The .deb recommends libglib2.0-bin for gdbus; without it the notifier falls back."""
    if not sys.platform.startswith("linux") or shutil.which("gdbus") is None:
        return False
    from PySide6.QtDBus import QDBusConnection

    bus = QDBusConnection.sessionBus()
    return bus.isConnected() and bool(bus.interface().isServiceRegistered(NOTIFICATIONS).value())


def gvariant_string(text: str) -> str:
    """`text` as a GVariant text-format string literal (what gdbus call parses its arguments as)."""
    escaped = text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n")
    return f"'{escaped}'"


def freedesktop_notify_command(app_name: str, title: str, text: str) -> list[str]:
    """gdbus's arguments for Notify(app_name, replaces_id, app_icon, summary, body, actions, hints,
    expire_timeout)."""
    hints = f"{{'desktop-entry': <{gvariant_string(DESKTOP_ENTRY)}>}}"
    return [
        "call", "--session", "--dest", NOTIFICATIONS, "--object-path", "/org/freedesktop/Notifications",
        "--method", f"{NOTIFICATIONS}.Notify",
        gvariant_string(app_name), "0", gvariant_string(DESKTOP_ENTRY), gvariant_string(title),
        gvariant_string(text), "[]", hints, str(SHOWN_MS),
    ]  # fmt: skip


class Notifier(QObject):
    """Announces every alert that starts: its rule as the title, its message as the text."""

    notified = Signal(str, str)  # title, text: every alert that started
    raised = Signal(str, str, str)  # how ("desktop", "tray" or "attention"), title, text: what was shown

    def __init__(self, window: QWidget, alerts: AlertCenter, enabled: bool = True) -> None:
        super().__init__(window)
        self.window = window
        self.enabled = enabled
        self._tray: QSystemTrayIcon | None = None
        self._desktop: bool | None = None  # the desktop's notification service: asked once, when needed
        alerts.fired.connect(self._on_fired)

    def _on_fired(self, alert: Alert) -> None:
        self.notify(rule_title(alert.rule), phrase_text(alert.message))

    def notify(self, title: str, text: str) -> None:
        self.notified.emit(title, text)
        if not self.enabled or self.window.isActiveWindow():
            return
        if self._desktop is None:
            self._desktop = desktop_notifications_available()
        if self._desktop:
            command = freedesktop_notify_command(QApplication.applicationDisplayName(), title, text)
            if QProcess.startDetached("gdbus", command)[0]:
                self.raised.emit("desktop", title, text)
                return
        if QSystemTrayIcon.isSystemTrayAvailable():
            if self._tray is None:
                self._tray = QSystemTrayIcon(self.window.windowIcon(), self)
            self._tray.show()
            self._tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Warning, SHOWN_MS)
            QTimer.singleShot(SHOWN_MS, self._tray.hide)  # a message, not an icon that stays
            self.raised.emit("tray", title, text)
        else:
            QApplication.alert(self.window)
            self.raised.emit("attention", title, text)
