"""R1: stopping the daemon of the manager in use moves the app to another manager by itself, the
status bar says so, and the node table (kept, greyed meanwhile) then shows the old manager down."""

from __future__ import annotations

from crane_desktop.models.nodes import NodeTableModel
from tests.swarm import docker, testswarm, wait_until


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
    testswarm("node-stop", "1")
    try:
        qtbot.waitUntil(lambda: cluster.endpoint == profile.managers[1], timeout=30000)
        assert "stopped answering" in window.statusBar().currentMessage()
        assert profile.managers[0] in window.statusBar().currentMessage()
        # the rows are kept while the swarm elects a new leader
        assert window.node_model.rowCount() == 4
        qtbot.waitUntil(lambda: status_of(window.node_model, "node-1") == "down", timeout=90000)
        qtbot.waitUntil(lambda: window.session.state.phase == "connected", timeout=30000)
        assert not window.banner.isVisible()
        assert window.status_line.manager.text() == "manager node-2"
        assert window.node_model.rowCount() == 4
        assert not window.node_model.stale
    finally:
        testswarm("node-start", "1")
    wait_until(
        lambda: docker(2, "node", "inspect", "--format", "{{.Status.State}}", "node-1") == "ready",
        120,
        "node-1 ready again",
    )
    qtbot.waitUntil(lambda: status_of(window.node_model, "node-1") == "ready", timeout=30000)
