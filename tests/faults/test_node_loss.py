"""R2: a worker's daemon stops: its row turns Down, its tasks are rescheduled on the other nodes;
when it comes back the row is Ready again."""

from __future__ import annotations

from crane_desktop.models.nodes import NodeTableModel
from tests.swarm import IMAGE, docker, swarm_script, unique, wait_until


def row_status(model, hostname):
    for row in range(model.rowCount()):
        if model.object_at(row).hostname == hostname:
            return model.data(model.index(row, NodeTableModel.STATUS_COLUMN))
    return None


def test_worker_loss_and_return(connected_window, qtbot, service_names):
    window = connected_window
    name = unique("loss")
    service_names.append(name)
    docker(1, "service", "create", "--detach", "--name", name, "--replicas", "4", IMAGE, "sleep", "3600")
    node4 = next(n for n in window.store.get("nodes").values() if n.hostname == "node-4")

    def running(on=None, off=None):
        services = {s.id for s in window.store.get("services").values() if s.name == name}
        return [
            t
            for t in window.store.get("tasks").values()
            if t.service_id in services
            and t.state == "running"
            and t.desired_state == "running"
            and (on is None or t.node_id == on)
            and (off is None or t.node_id != off)
        ]

    # the scheduler spreads 4 tasks over the 4 nodes: one lands on node-4
    qtbot.waitUntil(lambda: len(running()) == 4 and len(running(on=node4.id)) >= 1, timeout=60000)
    swarm_script("node-stop", "4")
    try:
        qtbot.waitUntil(lambda: row_status(window.node_model, "node-4") == "down", timeout=60000)
        # the orchestrator replaces node-4's task on the other nodes; the app shows it running
        qtbot.waitUntil(lambda: len(running(off=node4.id)) == 4, timeout=90000)
    finally:
        swarm_script("node-start", "4")
    qtbot.waitUntil(lambda: row_status(window.node_model, "node-4") == "ready", timeout=60000)
    wait_until(lambda: docker(1, "node", "inspect", "--format", "{{.Status.State}}", "node-4") == "ready", 60)
