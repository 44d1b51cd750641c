"""The main window without a swarm: its workspace and status line before any session, the banner for
each phase that is not plainly connected, the busy indicator while an operation runs, status messages,
the recorded cluster filling its pages, and the theme switch repainting rows without relayout."""

from __future__ import annotations

import asyncio
import dataclasses
import threading

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QPushButton

from crane_desktop.engine.cluster import ConnectionState
from crane_desktop.engine.diff import Diff
from crane_desktop.engine.errors import ConnectionFailed
from crane_desktop.views.main_window import MainWindow
from crane_desktop.views.operations import NotConnected
from crane_desktop.views.palette import CommandPalette
from tests.conftest import run_async
from tests.gui.conftest import by_name, feed
from tests.gui.test_node_helpers import select

UNREACHABLE = ConnectionFailed(endpoint="tcp://198.19.213.11:2376")


@pytest.fixture
def window(qtbot, loop):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture
def original_theme(qapp):
    """Put back the application's style and palette after a test switched the theme."""
    style, palette = qapp.style().name(), qapp.palette()
    yield
    qapp.setStyle(style)
    qapp.setPalette(palette)
    hints = qapp.styleHints()
    if hasattr(hints, "setColorScheme"):
        hints.setColorScheme(Qt.ColorScheme.Unknown)


class PaintCounter(QObject):
    def __init__(self, watched) -> None:
        super().__init__(watched)
        self.paints = 0
        watched.installEventFilter(self)

    def eventFilter(self, _watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def test_without_a_session_the_window_shows_an_empty_workspace(window):
    assert window.centralWidget() is window.workspace and window.session is None
    assert window.windowTitle() == "Crane Desktop"
    line = window.status_line
    assert (line.profile.text(), line.manager.text(), line.api.text(), line.phase.text()) == (
        "no profile",
        "",
        "",
        "disconnected",
    )
    assert not window.banner.isVisible() and not line.busy.isVisible()
    assert window.nodes_page.count_label.text() == "0 node(s)"
    assert not any(model.loaded for model in window.models.values())


def test_the_recorded_cluster_fills_the_pages_and_names_the_leader(window):
    feed(window.store)
    assert window.nodes_page.count_label.text() == "4 node(s)"
    assert window.page_widgets["apps"].count_label.text() == "2 app(s)"
    assert window.status_line.leader.text() == "leader node-1"
    node1, node2 = by_name("nodes", "node-1"), by_name("nodes", "node-2")
    window.store.apply(
        "nodes",
        Diff(
            changed={
                node1.id: dataclasses.replace(node1, is_leader=False),
                node2.id: dataclasses.replace(node2, is_leader=True),
            }
        ),
    )
    assert window.status_line.leader.text() == "leader node-2"
    window.store.apply("nodes", Diff(changed={node2.id: node2}))  # as recorded: not the leader
    assert window.status_line.leader.text() == "no leader"


def test_status_line_shows_the_connection(window):
    line = window.status_line
    line.show_state(ConnectionState("connected", "prod", "tcp://m1:2376", "node-1", "1.41"))
    assert (line.profile.text(), line.manager.text(), line.api.text(), line.phase.text()) == (
        "prod",
        "manager node-1",
        "API 1.41",
        "connected",
    )
    assert line.phase.styleSheet() == ""
    line.show_rtt(0.0504)
    assert line.rtt.text() == "RTT 50 ms"
    line.show_rtt(0.0002)  # loopback: not "0 ms"
    assert line.rtt.text() == "RTT 1 ms"
    line.show_state(ConnectionState("no-leader", "prod", "tcp://m1:2376", "node-1", "1.41"))
    assert line.phase.text() == "electing a leader" and "#b26a00" in line.phase.styleSheet()
    assert line.rtt.text() == ""  # no stale figure while the link is in doubt


@pytest.mark.parametrize(
    ("state", "text"),
    [
        (ConnectionState("connecting", "prod"), "Connecting to prod…"),
        (
            ConnectionState("no-leader", "prod"),
            "The swarm is electing a leader; the tables show the last known state.",
        ),
        (
            ConnectionState("reconnecting", "prod", error=UNREACHABLE, attempt=3),
            "Connection lost; reconnecting (attempt 3). The tables show the last known state. "
            "Cannot reach the Docker engine at tcp://198.19.213.11:2376.",
        ),
        (
            ConnectionState("disconnected", "prod", error=UNREACHABLE),
            "Disconnected. Cannot reach the Docker engine at tcp://198.19.213.11:2376. "
            "Check that the engine runs and that the address and port are right.",
        ),
    ],
)
def test_banner_explains_a_connection_that_is_not_healthy(window, state, text):
    window.banner.show_state(state)
    assert window.banner.isVisible() and window.banner.label.text() == text
    window.banner.show_state(ConnectionState("connected", "prod"))
    assert not window.banner.isVisible()


def test_busy_indicator_while_an_operation_runs(window, qtbot):
    release = threading.Event()
    button = QPushButton("Scale", window)
    shown = []
    window.context.operations.busyChanged.connect(shown.append)
    task = asyncio.ensure_future(window.context.operations.run(window, release.wait, 10, busy=[button]))
    qtbot.waitUntil(window.status_line.busy.isVisible)
    assert not button.isEnabled() and window.status_line.busy.toolTip() == "Waiting for the engine…"
    release.set()
    qtbot.waitUntil(task.done)
    assert task.result() is True
    assert not window.status_line.busy.isVisible() and button.isEnabled()
    assert shown == [True, False]


def test_engine_calls_without_a_session_fail_at_once(window, qtbot):
    with qtbot.assertNotEmitted(window.context.operations.busyChanged), pytest.raises(NotConnected):
        run_async(qtbot, window.context.operations.on_manager(window, lambda client: client.ping()))
    assert not window.status_line.busy.isVisible()


def test_messages_reach_the_status_bar(window, qtbot):
    window.context.say("Network shop-cache created.", 5000)
    assert window.statusBar().currentMessage() == "Network shop-cache created."
    feed(window.store)
    select(window.nodes_page, "node-4")
    window.nodes_page.pause_action.trigger()
    qtbot.waitUntil(
        lambda: window.statusBar().currentMessage() == "node-4: failed: Not connected to a cluster."
    )


def test_ctrl_k_opens_the_palette_over_the_store(window, qtbot):
    feed(window.store)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.findChild(CommandPalette, "commandPalette") is not None)
    palette = window.findChild(CommandPalette, "commandPalette")
    assert palette.isVisible() and "Node node-3" in palette.shown_texts()


def test_theme_switch_repaints_rows_without_relayout(window, qtbot, original_theme):
    feed(window.store)
    window.show_page("nodes")
    window.workspace.set_stale(True)  # grey rows take their colour from the palette when painted
    relayouts = []
    for model in window.models.values():
        model.layoutChanged.connect(lambda *_: relayouts.append("layout"))
        model.modelReset.connect(lambda: relayouts.append("reset"))
    table = window.nodes_page.table
    counter = PaintCounter(table.viewport())
    QApplication.processEvents()  # the paints already due (rows added, greyed) happen first
    counter.paints = 0
    window.choose_theme("dark")
    qtbot.waitUntil(lambda: counter.paints > 0)
    assert QApplication.palette().color(QPalette.ColorRole.Window) == QColor("#2b2b2b")
    grey = table.model().index(0, 1).data(Qt.ItemDataRole.ForegroundRole)
    assert grey.color() == QColor("#7a7a7a")
    assert relayouts == [] and window.nodes_page.count_label.text() == "4 node(s)"
