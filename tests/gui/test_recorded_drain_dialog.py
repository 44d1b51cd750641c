"""Drain without downtime and rebalance on the recorded cluster, without a swarm: the plan dialog opened
from the Nodes page and the node detail (per service: the tasks on the node, where they go, or why
not), a refused plan that cannot be started, the progress and the state after a stop as the operator
reads them, and the rebalance that asks first. The runs themselves are swarm tests
(tests/integration/test_drain_no_downtime.py)."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItem

from crane_desktop.engine.diff import Diff
from crane_desktop.engine.drain import Note, Outcome, Progress, Step
from crane_desktop.views.drain_dialog import DrainDialog
from tests.conftest import run_async
from tests.gui.conftest import by_name
from tests.gui.test_node_helpers import answer, select

GATEWAY_ROW = ["gateway", "1", "node-1", ""]
AGENT_ROW = ["shop_agent", "1", "A global service: its task on node-2 stops and nothing replaces it.", ""]


def texts(item: QTreeWidgetItem) -> list[str]:
    return [item.text(column) for column in range(item.columnCount())]


def rows(dialog: DrainDialog) -> list[list[str]]:
    tree = dialog.services
    return [texts(tree.topLevelItem(row)) for row in range(tree.topLevelItemCount())]


def open_from_nodes_page(qtbot, workspace, hostname: str) -> DrainDialog:
    page = workspace.page_widgets["nodes"]
    select(page, hostname)
    assert page.drain_safely_action.isEnabled()
    page.drain_safely_action.trigger()
    dialog = page.findChild(DrainDialog, "drainDialog")
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_the_plan_shows_where_each_service_goes_and_what_stops(qtbot, workspace):
    dialog = open_from_nodes_page(qtbot, workspace, "node-2")
    assert dialog.windowTitle() == "Drain node-2 without downtime"
    assert rows(dialog) == [GATEWAY_ROW, AGENT_ROW]
    assert dialog.status.text() == "1 service(s) move. Drain node-2 this way?"
    assert dialog.start_button.isEnabled() and not dialog.stop_button.isVisible()


def test_a_refused_plan_says_why_and_cannot_start(qtbot, workspace, recorded_context):
    gateway = by_name("services", "gateway")
    raw = gateway.raw
    spec = {**raw["Spec"], "TaskTemplate": {**raw["Spec"]["TaskTemplate"]}}
    spec["TaskTemplate"]["Placement"] = {"Constraints": ["node.hostname==node-2"]}
    changed = dataclasses.replace(gateway, raw={**raw, "Spec": spec})
    recorded_context.store.apply("services", Diff(changed={gateway.id: changed}))
    dialog = open_from_nodes_page(qtbot, workspace, "node-2")
    assert rows(dialog)[0] == [
        "gateway",
        "1",
        "Cannot move: Only nodes that take no new tasks (down, paused or drained) satisfy the constraints: "
        "node-2.",
        "",
    ]
    assert dialog.status.text().startswith("Refused: the other nodes cannot take every task")
    assert "c62828" in dialog.status.styleSheet()
    assert not dialog.start_button.isEnabled()


def test_the_node_detail_opens_the_plan_of_its_node(qtbot, workspace):
    detail = workspace.open_node(by_name("nodes", "node-4").id)
    qtbot.mouseClick(detail.drain_button, Qt.MouseButton.LeftButton)
    dialog = detail.findChild(DrainDialog, "drainDialog")
    qtbot.waitUntil(dialog.isVisible)
    # node-4 runs a shop_web task and the global agent
    assert [row[0] for row in rows(dialog)] == ["shop_web", "shop_agent"]
    assert rows(dialog)[0][2] in ("node-2", "node-1")


def test_starting_without_a_cluster_says_so_and_changes_nothing(qtbot, workspace):
    dialog = open_from_nodes_page(qtbot, workspace, "node-2")
    run_async(qtbot, dialog.start())
    assert (
        dialog.status.text()
        == "Not connected to a cluster.\nConnect to a cluster first (Cluster › Connect…)."
    )
    assert not dialog.stop_button.isVisible()


def test_progress_per_service_and_the_state_after_a_stop(qtbot, workspace):
    dialog = open_from_nodes_page(qtbot, workspace, "node-2")
    gateway = by_name("services", "gateway").id
    dialog.on_progress(Progress("", Step.PAUSED))
    assert dialog.status.text() == "node-2 is paused: it takes no new tasks."
    dialog.on_progress(Progress(gateway, Step.MOVING, 1, 2))
    assert rows(dialog)[0][3] == "Moving: 1 of 2 moved"
    dialog.on_progress(Progress(gateway, Step.CANCELLED, 1, 2))
    assert rows(dialog)[0][3] == "Stopped: 1 of 2 moved, the rest stay on node-2"
    dialog._show_outcome(Outcome(cancelled=True, partly=[("gateway", 1, 2)], availability="active"))
    assert dialog.status.text() == (
        "Stopped. node-2 is active again (as before). gateway: 1 of 2 tasks moved, the others still run on "
        "node-2. No temporary constraint is left on any service."
    )
    failure = Note("{service}: {reason}", {"service": "gateway", "reason": "Its update stopped (paused): x"})
    stopped = Note("Its update stopped ({state}): {message}", {"state": "paused", "message": "x"})
    dialog.on_progress(Progress(gateway, Step.FAILED, 0, 1, stopped))
    assert rows(dialog)[0][3] == "Failed (0 of 1 moved): Its update stopped (paused): x"
    dialog._show_outcome(Outcome(failure=failure, availability="active", leftover=["gateway"]))
    assert dialog.status.text().startswith("gateway: Its update stopped (paused): x node-2 is active again")
    assert "could not be removed from: gateway. Remove it yourself." in dialog.status.text()


def test_rebalance_asks_first(qtbot, workspace):
    detail = workspace.open_service(by_name("services", "shop_web").id)
    assert detail.rebalance_button.isEnabled()
    qtbot.mouseClick(detail.rebalance_button, Qt.MouseButton.LeftButton)
    text = answer(qtbot, detail, accept=False)
    assert text.startswith("Rebalance shop_web? Every task is replaced")
    assert detail.rebalance_button.isEnabled()
