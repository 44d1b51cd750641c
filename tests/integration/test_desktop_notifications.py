"""Notifications on Linux go to the desktop's notification service (org.freedesktop.Notifications on
the session bus) with the exact D-Bus types it wants, and without a session bus the notifier falls back
quietly. Each case runs in its own process (Qt keeps one session-bus connection per process): against a
private dbus-daemon with a stand-in notification service (QtDBus, the types checked as a real service
checks them), and with the bus address pointing nowhere."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.session_bus import private_session_bus

ROOT = Path(__file__).resolve().parents[2]

# The notification service: exports Notify with the specification's signature (susssasa{sv}i), so a
# call with other types is refused, as GNOME Shell, KDE and dunst refuse it; prints what it receives.
SERVICE = """
from PySide6.QtCore import ClassInfo, QCoreApplication, QObject, Slot
from PySide6.QtDBus import QDBusConnection

@ClassInfo({"D-Bus Interface": "org.freedesktop.Notifications"})
class Service(QObject):
    @Slot(str, "uint", str, str, str, "QStringList", "QVariantMap", int, result="uint")
    def Notify(self, app, replaces, icon, title, body, actions, hints, timeout):
        print(repr((app, replaces, icon, title, body, list(actions), dict(hints), timeout)), flush=True)
        QCoreApplication.quit()
        return 1

app = QCoreApplication([])
bus = QDBusConnection.sessionBus()
service = Service()
bus.registerObject("/org/freedesktop/Notifications", service, QDBusConnection.RegisterOption.ExportAllSlots)
assert bus.registerService("org.freedesktop.Notifications")
print("ready", flush=True)
app.exec()
"""

# The app's side: a window in the background, a node going down (its alert rule without delay).
NOTIFY = """
from dataclasses import replace
from PySide6.QtWidgets import QApplication, QWidget
from crane_desktop.engine.alerts import NODE_DOWN, Rule
from crane_desktop.engine.diff import Diff
from crane_desktop.engine.snapshots import Node
from crane_desktop.models.alerts import AlertCenter
from crane_desktop.models.store import ClusterStore
from crane_desktop.views.notifier import Notifier

app = QApplication([])
app.setApplicationName("Crane Desktop")
window = QWidget()
store = ClusterStore()
alerts = AlertCenter(store)
alerts.set_rules([Rule(NODE_DOWN, True, {"minutes": 0})])
notifier = Notifier(window, alerts)
node = Node.from_api({"ID": "n4", "Description": {"Hostname": "node-4"}, "Status": {"State": "ready"}})
store.apply("services", Diff())
store.apply("tasks", Diff())
store.apply("nodes", Diff(added={"n4": node}))
store.apply("nodes", Diff(changed={"n4": replace(node, state="down", version=2)}))
print("desktop service:", notifier._desktop, flush=True)
"""


def run_python(code: str, env: dict[str, str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, **kwargs)


def app_env(**extra: str) -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT), **extra}


@pytest.fixture
def session_bus(tmp_path):
    """A private D-Bus session bus; yields its address."""
    with private_session_bus(tmp_path) as address:
        yield address


def test_a_node_down_reaches_the_desktops_notification_service(session_bus):
    env = app_env(DBUS_SESSION_BUS_ADDRESS=session_bus)
    serve = [sys.executable, "-c", SERVICE]
    with subprocess.Popen(serve, env=env, stdout=subprocess.PIPE, text=True) as service:
        try:
            assert service.stdout is not None
            assert service.stdout.readline().strip() == "ready"
            notified = run_python(NOTIFY, env, timeout=60)
            assert notified.returncode == 0, notified.stderr
            assert "desktop service: True" in notified.stdout
            received = service.communicate(timeout=30)[0]  # the service quits after one Notify
        finally:
            service.kill()
    app, replaces, icon, title, body, actions, hints, timeout = ast.literal_eval(received.strip())
    assert (app, replaces, icon) == ("Crane Desktop", 0, "crane-desktop")
    assert (title, body) == ("Node down or manager unreachable", "node-4 is down.")
    assert actions == [] and hints == {"desktop-entry": "crane-desktop"} and timeout == 10000


def test_without_a_session_bus_the_notifier_falls_back_quietly(tmp_path):
    env = app_env(DBUS_SESSION_BUS_ADDRESS=f"unix:path={tmp_path / 'no-bus'}")
    notified = run_python(NOTIFY, env, timeout=60)
    assert notified.returncode == 0, notified.stderr
    assert "desktop service: False" in notified.stdout
    assert "Traceback" not in notified.stderr
