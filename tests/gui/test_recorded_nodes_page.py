"""The Nodes page on the recorded cluster, without a swarm: what the table shows (roles, the leader,
availability, labels), filtering and sorting, which actions a selection allows and why, the questions
asked before drain and remove, and node changes arriving from the store in place."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import QApplication, QMessageBox

from crane_desktop.engine.diff import Diff
from crane_desktop.models.nodes import NodeTableModel
from crane_desktop.views.node_detail import NodeDetail
from tests.gui.conftest import by_name
from tests.gui.test_node_helpers import answer, cell, row_of, select, visible_box

HOST = NodeTableModel.HOSTNAME_COLUMN
ROLE = NodeTableModel.ROLE_COLUMN
AVAIL = NodeTableModel.AVAILABILITY_COLUMN
STATUS = NodeTableModel.STATUS_COLUMN
LABELS = NodeTableModel.LABELS_COLUMN
NOT_CONNECTED = "failed: Not connected to a cluster."


@pytest.fixture
def page(workspace):
    workspace.show_page("nodes")
    return workspace.page_widgets["nodes"]


def column(page, number: int) -> list[str]:
    return [page.proxy.data(page.proxy.index(row, number)) for row in range(page.proxy.rowCount())]


def foreground(page, hostname: str, number: int) -> QBrush | None:
    return page.proxy.data(page.proxy.index(row_of(page, hostname), number), Qt.ItemDataRole.ForegroundRole)


def every_action(page) -> list:
    """Open, and every action of the toolbar."""
    return [page.open_action, *(a for a in page.toolbar.actions() if not a.isSeparator())]


def change_node(store, hostname: str, **fields) -> None:
    """A node diff as the watcher would deliver it."""
    node = store.get("nodes")[by_name("nodes", hostname).id]
    store.apply("nodes", Diff(changed={node.id: dataclasses.replace(node, **fields)}))


def test_rows_show_roles_with_the_leader_first_and_the_worker_last(page):
    assert column(page, HOST) == ["node-1", "node-2", "node-3", "node-4"]
    assert column(page, ROLE) == ["manager (leader)", "manager", "manager", "worker"]
    assert page.count_label.text() == "4 node(s)"


def test_the_paused_node_and_its_label(page):
    assert cell(page, "node-3", AVAIL) == "paused"
    assert foreground(page, "node-3", AVAIL).color() == QColor("#b26a00")
    assert foreground(page, "node-4", AVAIL) is None
    assert cell(page, "node-3", LABELS) == "zone=west"
    assert page.proxy.index(row_of(page, "node-3"), LABELS).data(Qt.ItemDataRole.ToolTipRole) == "zone=west"
    assert cell(page, "node-1", LABELS) == ""
    assert set(column(page, STATUS)) == {"ready"}


def test_filter_narrows_the_table(page, qtbot):
    qtbot.keyClicks(page.filter_edit, "worker")
    assert column(page, HOST) == ["node-4"]
    assert page.count_label.text() == "1 of 4 shown"
    page.filter_edit.clear()
    qtbot.keyClicks(page.filter_edit, "WEST")  # a label value, any case
    assert column(page, HOST) == ["node-3"]
    page.filter_edit.clear()
    assert len(column(page, HOST)) == 4 and page.count_label.text() == "4 node(s)"


def test_sorting_by_a_header_and_back(page):
    page.table.sortByColumn(HOST, Qt.SortOrder.DescendingOrder)
    assert column(page, HOST) == ["node-4", "node-3", "node-2", "node-1"]
    page.table.sortByColumn(AVAIL, Qt.SortOrder.AscendingOrder)
    assert column(page, AVAIL)[-1] == "paused"
    page.table.sortByColumn(ROLE, Qt.SortOrder.AscendingOrder)
    assert column(page, HOST)[0] == "node-1" and column(page, HOST)[-1] == "node-4"


def test_nothing_selected_leaves_only_add_node(page):
    page.table.clearSelection()
    assert {a.objectName() for a in every_action(page) if a.isEnabled()} == {"addNode"}


@pytest.mark.parametrize(
    ("hostname", "promote", "demote"),
    [("node-4", True, False), ("node-2", False, True), ("node-1", False, True)],
)
def test_promote_only_a_worker_demote_only_a_manager(page, hostname, promote, demote):
    select(page, hostname)
    assert page.promote_action.isEnabled() is promote
    assert page.demote_action.isEnabled() is demote
    assert page.open_action.isEnabled() and page.labels_action.isEnabled()


def test_remove_explains_that_an_up_node_cannot_be_removed(page, recorded_context):
    select(page, "node-2")
    assert page.remove_action.isEnabled()
    assert page.remove_action.toolTip() == (
        "node-2 is up: only a node that is down can be removed (force-removal is offered)"
    )
    change_node(recorded_context.store, "node-2", state="down")
    assert cell(page, "node-2", STATUS) == "down"
    assert foreground(page, "node-2", STATUS).color() == QColor("#c62828")
    assert page.remove_action.toolTip() == "Remove the host from the swarm (only when it is down)"


def test_several_nodes_allow_only_availability_changes(page):
    select(page, "node-3", "node-4")
    assert [n.hostname for n in page.selected_nodes()] == ["node-3", "node-4"]
    allowed = {page.drain_action, page.pause_action, page.activate_action, page.add_action}
    for action in every_action(page):
        assert action.isEnabled() is (action in allowed), action.objectName()


# the offscreen platform cannot raise a popup menu or let it grab the keyboard; the menu works anyway
@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing")
def test_context_menu_offers_every_action(page, qtbot):
    select(page, "node-4")
    rect = page.table.visualRect(page.proxy.index(row_of(page, "node-4"), HOST))
    page.table.customContextMenuRequested.emit(rect.center())
    menu = page.context_menu
    qtbot.waitUntil(menu.isVisible)
    entries = [(a.text(), a.isEnabled()) for a in menu.actions() if not a.isSeparator()]
    assert entries == [
        ("Open", True),
        ("Drain", True),
        ("Pause", True),
        ("Activate", True),
        ("Drain without downtime…", True),
        ("Labels…", True),
        ("Promote", True),
        ("Demote", False),
        ("Remove…", True),
        ("Connect host…", True),
        ("Add node…", True),
    ]
    menu.close()


def test_shortcuts_are_in_the_tooltips_and_work(page, workspace, qtbot):
    tips = {a.objectName(): a.toolTip() for a in page.actions()}
    assert tips["drainNodes"].endswith("(Ctrl+D)") and tips["pauseNodes"].endswith("(Ctrl+Shift+D)")
    assert tips["activateNodes"].endswith("(Ctrl+E)") and tips["editLabels"].endswith("(Ctrl+L)")
    assert tips["connectHost"].endswith("(Ctrl+Shift+H)") and tips["addNode"].endswith("(Ctrl+J)")
    select(page, "node-4")
    workspace.activateWindow()
    qtbot.waitUntil(workspace.isActiveWindow)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert "Drain node-4?" in answer(qtbot, page, accept=False)


def test_enter_opens_the_node_detail(page, workspace, qtbot):
    select(page, "node-3")
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    detail = workspace.tabs.currentWidget()
    assert isinstance(detail, NodeDetail)
    assert workspace.tabs.tabText(workspace.tabs.currentIndex()) == "node-3"
    assert workspace.breadcrumb.text() == "Nodes › node-3"


def test_double_click_opens_the_node_detail(page, workspace, qtbot):
    rect = page.table.visualRect(page.proxy.index(row_of(page, "node-4"), HOST))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert workspace.tabs.tabText(workspace.tabs.currentIndex()) == "node-4"
    assert workspace.breadcrumb.text() == "Nodes › node-4"


def test_delete_asks_to_remove_and_cancel_changes_nothing(page, recorded_context, qtbot):
    messages = []
    recorded_context.message.connect(lambda text, _ms: messages.append(text))
    select(page, "node-2")
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    text = answer(qtbot, page, accept=False)
    assert "node-2 is up (ready)" in text and "stop its engine" in text
    assert "Force-removal takes it out of the swarm" in text
    assert visible_box(page) is None and visible_box(page, "errorDialog") is None
    assert page.model.rowCount() == 4 and messages == [] and page.last_results == []


def test_force_remove_asks_twice_then_fails_when_not_connected(page, recorded_context, qtbot):
    messages = []
    recorded_context.message.connect(lambda text, _ms: messages.append(text))
    select(page, "node-4")
    page.remove_action.trigger()
    answer(qtbot, page, accept=True)
    assert "Really force-remove node-4" in answer(qtbot, page, accept=True)
    qtbot.waitUntil(lambda: visible_box(page, "errorDialog") is not None)
    error = visible_box(page, "errorDialog")
    assert error.windowTitle() == "Host not removed" and error.text() == "Not connected to a cluster."
    assert page.last_results == [("node-4", NOT_CONNECTED)]
    assert messages == [f"node-4: {NOT_CONNECTED}"]
    assert page.model.rowCount() == 4


@pytest.mark.parametrize(
    ("hostnames", "named", "moving"),
    [(("node-4",), "node-4", 2), (("node-3", "node-4"), "node-3, node-4", 3), (("node-1",), "node-1", 2)],
)
def test_drain_question_names_the_nodes_and_the_tasks_that_move(page, qtbot, hostnames, named, moving):
    select(page, *hostnames)
    page.drain_action.trigger()
    qtbot.waitUntil(lambda: visible_box(page) is not None)
    box = visible_box(page)
    assert box.windowTitle() == "Drain nodes"
    assert box.text() == (f"Drain {named}? It stops taking tasks and its running tasks move to other nodes.")
    assert box.informativeText() == f"{moving} task(s) will move."
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    answer(qtbot, page, accept=False)
    assert page.last_results == [] and visible_box(page, "errorDialog") is None
    assert [cell(page, h, AVAIL) for h in hostnames] == [
        "paused" if h == "node-3" else "active" for h in hostnames
    ]


def test_pause_of_several_nodes_reports_each_when_not_connected(page, recorded_context, qtbot):
    messages = []
    recorded_context.message.connect(lambda text, _ms: messages.append(text))
    select(page, "node-2", "node-4")
    page.pause_action.trigger()  # no question before pausing
    qtbot.waitUntil(lambda: visible_box(page, "errorDialog") is not None)
    assert visible_box(page) is None
    error = visible_box(page, "errorDialog")
    assert error.windowTitle() == "Availability not changed"
    assert error.text() == (
        "These nodes failed:\nnode-2: Not connected to a cluster.\nnode-4: Not connected to a cluster."
    )
    assert page.last_results == [("node-2", NOT_CONNECTED), ("node-4", NOT_CONNECTED)]
    assert messages == [f"node-2: {NOT_CONNECTED}; node-4: {NOT_CONNECTED}"]


def test_a_node_diff_applies_in_place_keeping_the_selection(page, recorded_context, qtbot):
    resets, changes = [], []
    page.model.modelReset.connect(lambda: resets.append(1))
    page.model.dataChanged.connect(lambda first, last, _roles: changes.append((first.row(), last.row())))
    select(page, "node-4")
    change_node(recorded_context.store, "node-4", availability="drain", labels=(("disk", "ssd"),))
    assert cell(page, "node-4", AVAIL) == "drained" and cell(page, "node-4", LABELS) == "disk=ssd"
    node4_row = page.model.row_of(by_name("nodes", "node-4").id)
    assert changes == [(node4_row, node4_row)]
    assert resets == [] and page.model.rowCount() == 4
    assert [n.hostname for n in page.selected_nodes()] == ["node-4"]
    assert page.selected_nodes()[0].availability == "drain"


def test_a_new_leader_moves_to_the_top(page, recorded_context):
    change_node(recorded_context.store, "node-1", is_leader=False)
    change_node(recorded_context.store, "node-2", is_leader=True)
    assert column(page, HOST)[0] == "node-2"
    assert cell(page, "node-2", ROLE) == "manager (leader)" and cell(page, "node-1", ROLE) == "manager"


def test_nodes_joining_and_leaving_update_the_count(page, recorded_context):
    node4 = by_name("nodes", "node-4")
    node5 = dataclasses.replace(node4, id="n5" + node4.id[2:], hostname="node-5")
    recorded_context.store.apply("nodes", Diff(added={node5.id: node5}))
    assert page.count_label.text() == "5 node(s)" and column(page, HOST)[-1] == "node-5"
    recorded_context.store.apply("nodes", Diff(removed=frozenset({node5.id})))
    assert page.count_label.text() == "4 node(s)" and "node-5" not in column(page, HOST)


def test_stale_rows_are_greyed_and_come_back(page, workspace):
    disabled = QApplication.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    changed = []
    page.model.dataChanged.connect(lambda _first, _last, roles: changed.append(roles))
    workspace.set_stale(True)
    assert changed == [[Qt.ItemDataRole.ForegroundRole]]
    assert foreground(page, "node-1", HOST) == disabled
    assert foreground(page, "node-3", AVAIL) == disabled
    assert column(page, HOST) == ["node-1", "node-2", "node-3", "node-4"]  # rows kept
    workspace.set_stale(False)
    assert foreground(page, "node-1", HOST) is None
    assert foreground(page, "node-3", AVAIL).color() == QColor("#b26a00")
