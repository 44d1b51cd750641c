"""The Nodes page's host management driven through its real widgets against the test swarm: drain
(asking first, saying how many tasks move) from the toolbar, activate from the context menu, pause of
several nodes with one result each, the labels editor (validation, apply, concurrent change reported),
promote/demote, removal of a node that is up (explained, force behind a second question), Enter opens."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QTableWidgetItem

from crane_desktop.engine import nodes as node_ops
from crane_desktop.models.nodes import NodeTableModel
from crane_desktop.views.main_window import MainWindow
from crane_desktop.views.node_detail import NodeDetail
from crane_desktop.views.node_dialogs import LabelsDialog
from tests.gui.test_node_helpers import (
    answer,
    cell,
    click_action,
    closed,
    row_of,
    select,
    visible_box,
    visible_dialog,
)
from tests.swarm import IMAGE, docker, node_id, unique, wait_until

AVAIL = NodeTableModel.AVAILABILITY_COLUMN


def labels_of(node: str) -> dict:
    return json.loads(docker(1, "node", "inspect", node))[0]["Spec"].get("Labels") or {}


def running_on(service: str, hostname: str) -> int:
    out = docker(1, "service", "ps", "--filter", "desired-state=running", "--format", "{{.Node}}", service)
    return out.splitlines().count(hostname)


def test_tooltips_in_cranes_words(connected_window):
    page = connected_window.nodes_page
    assert "stop scheduling: its running tasks move to other nodes" in page.drain_action.toolTip()
    assert "no new tasks; running ones stay" in page.pause_action.toolTip()
    assert "normal scheduling" in page.activate_action.toolTip()


# the offscreen platform cannot raise a popup menu or let it grab the keyboard; the menu works anyway
@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing")
def test_drain_asks_then_moves_tasks_and_context_menu_activates(connected_window, qtbot):
    window = connected_window
    page = window.nodes_page
    name = unique("gdrain")
    docker(
        1,
        "service",
        "create",
        "--detach",
        "--name",
        name,
        "--replicas",
        "4",
        "--placement-pref",
        "spread=node.id",
        IMAGE,
        "sleep",
        "3600",
    )
    node4 = node_id("node-4")
    try:
        wait_until(lambda: running_on(name, "node-4"), 60, "a task on node-4")
        qtbot.waitUntil(
            lambda: node_ops.running_tasks_on(window.store.get("tasks").values(), node4) >= 1, timeout=30000
        )
        select(page, "node-4")
        click_action(qtbot, page, page.drain_action)
        text = answer(qtbot, window, accept=False)  # Cancel: nothing changes
        assert "Drain node-4?" in text and "task(s) will move" in text
        assert cell(page, "node-4", AVAIL) == "active"
        click_action(qtbot, page, page.drain_action)
        answer(qtbot, window, accept=True)
        qtbot.waitUntil(lambda: cell(page, "node-4", AVAIL) == "drained", timeout=10000)
        assert page.last_results == [("node-4", "drained")]
        wait_until(lambda: running_on(name, "node-4") == 0, 60, "node-4's tasks to move")

        # activate from the context menu
        select(page, "node-4")
        rect = page.table.visualRect(page.proxy.index(row_of(page, "node-4"), 1))
        page.table.customContextMenuRequested.emit(rect.center())
        menu = page.context_menu
        qtbot.waitUntil(menu.isVisible, timeout=5000)
        assert [a.text() for a in menu.actions() if not a.isSeparator()][:4] == [
            "Open",
            "Drain",
            "Pause",
            "Activate",
        ]
        qtbot.mouseClick(
            menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(page.activate_action).center()
        )
        qtbot.waitUntil(lambda: cell(page, "node-4", AVAIL) == "active", timeout=10000)
    finally:
        docker(1, "node", "update", "--availability", "active", "node-4")
        docker(1, "service", "rm", name, check=False)


def test_pause_several_nodes_one_result_each(connected_window, qtbot):
    page = connected_window.nodes_page
    try:
        select(page, "node-3", "node-4")
        assert len(page.selected_nodes()) == 2
        assert not page.labels_action.isEnabled()  # one node only
        click_action(qtbot, page, page.pause_action)  # no question: nothing moves
        qtbot.waitUntil(
            lambda: cell(page, "node-3", AVAIL) == "paused" and cell(page, "node-4", AVAIL) == "paused",
            timeout=10000,
        )
        assert sorted(page.last_results) == [("node-3", "paused"), ("node-4", "paused")]
        assert "node-3: paused" in connected_window.statusBar().currentMessage()
        click_action(qtbot, page, page.activate_action)
        qtbot.waitUntil(
            lambda: cell(page, "node-3", AVAIL) == "active" and cell(page, "node-4", AVAIL) == "active",
            timeout=10000,
        )
        assert sorted(page.last_results) == [("node-3", "activated"), ("node-4", "activated")]
    finally:
        for host in ("node-3", "node-4"):
            docker(1, "node", "update", "--availability", "active", host)


def open_labels(qtbot, page):
    select(page, "node-4")
    click_action(qtbot, page, page.labels_action)
    qtbot.waitUntil(lambda: visible_dialog(page, LabelsDialog) is not None, timeout=5000)
    return visible_dialog(page, LabelsDialog)


def test_labels_editor_validates_applies_and_reports_a_concurrent_change(connected_window, qtbot):
    page = connected_window.nodes_page
    original = labels_of("node-4")
    try:
        dialog = open_labels(qtbot, page)
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
        row = dialog.table.rowCount() - 1
        dialog.table.setItem(row, 0, QTableWidgetItem("bad key"))
        dialog.table.setItem(row, 1, QTableWidgetItem("x"))
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "spaces" in dialog.error_label.text(), timeout=5000)
        assert dialog.error_label.isVisible() and dialog.error_label.text().startswith("Row ")
        assert labels_of("node-4") == original
        dialog.table.item(row, 0).setText("zone")
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: closed(dialog), timeout=10000)
        assert labels_of("node-4") == {**original, "zone": "x"}
        qtbot.waitUntil(lambda: "zone=x" in cell(page, "node-4", NodeTableModel.LABELS_COLUMN), timeout=10000)

        # change and remove through the editor, while someone changes them with the CLI meanwhile
        dialog = open_labels(qtbot, page)
        docker(1, "node", "update", "--label-add", "by-cli=yes", "node-4")
        zone_row = next(r for r in range(dialog.table.rowCount()) if dialog.table.item(r, 0).text() == "zone")
        dialog.table.item(zone_row, 1).setText("y")
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "changed by someone else" in dialog.error_label.text(), timeout=10000)
        assert dialog.isVisible()
        assert labels_of("node-4") == {**original, "zone": "x", "by-cli": "yes"}  # nothing lost
        qtbot.mouseClick(dialog.reload_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.table.rowCount() == len(original) + 2, timeout=10000)
        for r in range(dialog.table.rowCount()):
            if dialog.table.item(r, 0).text() == "zone":
                dialog.table.selectRow(r)
        qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: closed(dialog), timeout=10000)
        assert labels_of("node-4") == {**original, "by-cli": "yes"}
    finally:
        node = node_ops.inspect(connected_window.session.cluster.client, node_id("node-4"))
        node_ops.update_labels(connected_window.session.cluster.client, node, original)


def test_promote_then_demote(connected_window, qtbot):
    page = connected_window.nodes_page
    role = NodeTableModel.ROLE_COLUMN
    try:
        select(page, "node-4")
        assert page.promote_action.isEnabled() and not page.demote_action.isEnabled()
        click_action(qtbot, page, page.promote_action)
        qtbot.waitUntil(lambda: cell(page, "node-4", role) == "manager", timeout=15000)
        assert page.last_results == [("node-4", "promoted to manager")]
        wait_until(
            lambda: (
                docker(
                    1,
                    "node",
                    "inspect",
                    "--format",
                    "{{if .ManagerStatus}}{{.ManagerStatus.Reachability}}{{end}}",
                    "node-4",
                )
                == "reachable"
            ),
            60,
            "node-4 a reachable manager",
        )
        select(page, "node-4")
        qtbot.waitUntil(page.demote_action.isEnabled, timeout=5000)
        click_action(qtbot, page, page.demote_action)
        qtbot.waitUntil(lambda: cell(page, "node-4", role) == "worker", timeout=15000)
        assert page.last_results == [("node-4", "demoted to worker")]
    finally:
        docker(1, "node", "demote", "node-4", check=False)
        wait_until(
            lambda: (
                docker(
                    1, "node", "inspect", "--format", "{{.Spec.Role}} {{if .ManagerStatus}}m{{end}}", "node-4"
                )
                == "worker"  # docker() strips the trailing space
            ),
            60,
            "node-4 a worker again",
        )


def test_remove_of_a_node_that_is_up_explains_and_asks_twice(connected_window, qtbot):
    window = connected_window
    page = window.nodes_page
    select(page, "node-4")
    assert "only a node that is down can be removed" in page.remove_action.toolTip()
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    text = answer(qtbot, window, accept=True)  # "Force remove…"
    assert "node-4 is up (ready)" in text and "stop its engine" in text
    second = answer(qtbot, window, accept=False)
    assert "Really force-remove node-4" in second
    assert page.model.rowCount() == 4
    assert docker(1, "node", "inspect", "--format", "{{.Status.State}}", "node-4") == "ready"
    assert visible_box(window) is None


def test_enter_and_double_click_open_the_node(connected_window, qtbot):
    window = connected_window
    page = window.nodes_page
    select(page, "node-2")
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    detail = window.tabs.currentWidget()
    assert isinstance(detail, NodeDetail) and window.tabs.tabText(window.tabs.currentIndex()) == "node-2"
    assert window.breadcrumb.text() == "Nodes › node-2"
    window.show_page("nodes")
    rect = page.table.visualRect(page.proxy.index(row_of(page, "node-3"), 1))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.tabs.tabText(window.tabs.currentIndex()) == "node-3"
    assert window.tabs.count() == 3
    window.close_all_details()


def test_node_actions_have_shortcuts_shown_in_their_tooltips(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    page = window.nodes_page
    assert page.drain_action.shortcut() == QKeySequence("Ctrl+D")
    assert page.drain_action.toolTip().endswith("(Ctrl+D)")
    assert page.labels_action.shortcut() == QKeySequence("Ctrl+L")
