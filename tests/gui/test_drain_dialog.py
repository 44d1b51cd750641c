"""Drain without downtime through the real dialog against the test swarm (it drains node-2: run it on a
swarm of your own, CRANE_SWARM_INSTANCE=N): the plan, then the progress arriving from the worker
thread per service, the node drained and the tasks elsewhere; Stop returns at once and the dialog says
in what state the cluster was left."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt

from crane_desktop.views.drain_dialog import PROGRESS, DrainDialog
from tests.gui.test_node_helpers import select
from tests.integration.test_drain_no_downtime import node2_back_afterwards, pinned_service, running_nodes
from tests.swarm import docker


def open_dialog(window, qtbot, service: str) -> DrainDialog:
    page = window.nodes_page
    select(page, "node-2")
    page.drain_safely_action.trigger()
    dialog = page.findChild(DrainDialog, "drainDialog")
    qtbot.waitUntil(dialog.isVisible)
    assert service in [
        dialog.services.topLevelItem(i).text(0) for i in range(dialog.services.topLevelItemCount())
    ]
    assert dialog.start_button.isEnabled()
    return dialog


def store_caught_up(window, qtbot, name: str) -> None:
    """The store has the service without its constraint, with both tasks (on node-2) running."""
    store = window.context.store

    def settled() -> bool:
        service = next((s for s in store.get("services").values() if s.name == name), None)
        tasks = [t for t in store.get("tasks").values() if service and t.service_id == service.id]
        running = [t for t in tasks if t.desired_state == "running" and t.state == "running"]
        placement = service.raw["Spec"]["TaskTemplate"].get("Placement", {}) if service else {}
        return service is not None and not placement.get("Constraints") and len(running) == 2

    qtbot.waitUntil(settled, timeout=20000)


def progress_of(dialog: DrainDialog, service: str) -> str:
    tree = dialog.services
    return next(tree.topLevelItem(i).text(PROGRESS) for i in range(tree.topLevelItemCount())
                if tree.topLevelItem(i).text(0) == service)  # fmt: skip


def test_the_dialog_drains_after_moving_the_tasks(connected_window, qtbot, service_names):
    name = pinned_service(service_names, "gdnd")
    store_caught_up(connected_window, qtbot, name)
    with node2_back_afterwards(connected_window.context.operations.cluster()):
        dialog = open_dialog(connected_window, qtbot, name)
        qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.stop_button.isVisible(), timeout=5000)
        qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=60000)
        assert progress_of(dialog, name) == "Moved"
        assert dialog.status.text() == (
            "node-2 is drained; its replicated tasks run on other nodes. "
            "No temporary constraint is left on any service."
        )
        assert not dialog.stop_button.isVisible() and dialog.close_button.text() == "Close"
        assert "node-2" not in running_nodes(name)
        assert docker(1, "node", "inspect", "--format", "{{.Spec.Availability}}", "node-2") == "drain"


def test_stop_returns_at_once_and_says_what_is_left(connected_window, qtbot, service_names):
    name = pinned_service(service_names, "gdns", "--update-delay", "3s")
    store_caught_up(connected_window, qtbot, name)
    with node2_back_afterwards(connected_window.context.operations.cluster()):
        dialog = open_dialog(connected_window, qtbot, name)
        qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: progress_of(dialog, name) == "Moving: 1 of 2 moved", timeout=60000)
        started = time.monotonic()
        qtbot.mouseClick(dialog.stop_button, Qt.MouseButton.LeftButton)
        assert time.monotonic() - started < 0.5
        assert not dialog.stop_button.isEnabled()
        qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=30000)
        assert progress_of(dialog, name) == "Stopped: 1 of 2 moved, the rest stay on node-2"
        assert dialog.status.text() == (
            f"Stopped. node-2 is active again (as before). {name}: 1 of 2 tasks moved, the others still run "
            "on node-2. No temporary constraint is left on any service."
        )
        assert docker(1, "node", "inspect", "--format", "{{.Spec.Availability}}", "node-2") == "active"
