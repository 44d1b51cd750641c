"""R1: stopping the daemon of the manager in use moves the app to another manager by itself, the
status bar says so, and the node table (kept, greyed meanwhile) then shows the old manager down."""

from __future__ import annotations

from crane_desktop.models.nodes import NodeTableModel
from tests.swarm import docker, swarm_script, wait_until


def status_of(model, hostname):
    for row in range(model.rowCount()):
        node = model.object_at(row)
        if node.hostname == hostname:
            return model.data(model.index(row, NodeTableModel.STATUS_COLUMN))
    return None


def test_manager_loss_fails_over_and_shows_the_node_down(connected_window, qtbot, profile):
    window = connected_window
    cluster = window.session.cluster
    assert cluster.endpoint == profile.managers[0]
    swarm_script("node-stop", "1")
    try:
        qtbot.waitUntil(
            lambda: window.status_line.manager.text() in ("manager node-2", "manager node-3"), timeout=30000
        )
        assert cluster.endpoint in profile.managers[1:]
        assert "stopped answering" in window.statusBar().currentMessage()
        assert profile.managers[0] in window.statusBar().currentMessage()
        # the rows are kept while the swarm elects a new leader
        assert window.node_model.rowCount() == 4
        qtbot.waitUntil(lambda: status_of(window.node_model, "node-1") == "down", timeout=90000)
        # what the user reads (the status bar follows the engine's state through a queued signal)
        qtbot.waitUntil(lambda: window.status_line.phase.text() == "connected", timeout=30000)
        assert not window.banner.isVisible()
        new_manager = {profile.managers[1]: "node-2", profile.managers[2]: "node-3"}[cluster.endpoint]
        assert window.status_line.manager.text() == f"manager {new_manager}"
        assert window.node_model.rowCount() == 4
        assert not window.node_model.stale
    finally:
        swarm_script("node-start", "1")
    wait_until(
        lambda: docker(2, "node", "inspect", "--format", "{{.Status.State}}", "node-1") == "ready",
        120,
        "node-1 ready again",
    )
    qtbot.waitUntil(lambda: status_of(window.node_model, "node-1") == "ready", timeout=30000)
    # the old manager is back: the app stays where it is (no flapping)
    assert cluster.endpoint in profile.managers[1:]
    assert window.status_line.phase.text() == "connected"
