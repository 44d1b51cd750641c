"""Destructive: node-4 leaves the swarm; the worker join command the app shows works when run on
node-4; node-4 leaves again and is joined back from the app through its TLS engine (and connected as a
host); the node entries left down are removed from the app (the rows disappear). The swarm ends as it
began: four nodes, node-4 a ready worker (`scripts/testswarm up` repairs it if the test fails)."""

from __future__ import annotations

import json
import shlex

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from crane_desktop.engine.snapshots import ENDPOINT_LABEL
from crane_desktop.views.node_dialogs import AddNodeDialog
from tests.gui.test_node_helpers import answer, click_action, select_id, visible_dialog
from tests.swarm import docker, swarm_script


def node4_entries() -> list[dict]:
    nodes = json.loads(docker(1, "node", "inspect", *docker(1, "node", "ls", "-q").split()))
    return [n for n in nodes if n["Description"]["Hostname"] == "node-4"]


def rows(window, hostname: str) -> list:
    return [n for n in window.node_model.objects() if n.hostname == hostname]


def leave_and_wait_down(window, qtbot) -> None:
    before = {n.id for n in rows(window, "node-4") if n.state == "ready"}
    docker(4, "swarm", "leave")
    qtbot.waitUntil(
        lambda: all(n.state == "down" for n in rows(window, "node-4") if n.id in before), timeout=60000
    )


def test_leave_join_back_and_remove(connected_window, qtbot, profile):
    window = connected_window
    page = window.nodes_page
    node4_ip = profile.nodes["node-4"].split("://", 1)[1].rsplit(":", 1)[0]
    try:
        click_action(qtbot, page, page.add_action)
        qtbot.waitUntil(lambda: visible_dialog(page, AddNodeDialog) is not None, timeout=5000)
        dialog = visible_dialog(page, AddNodeDialog)
        qtbot.waitUntil(
            lambda: dialog.tokens.worker_field.edit.text().startswith("docker swarm join --token "),
            timeout=10000,
        )
        worker_command = dialog.tokens.worker_field.edit.text()
        assert dialog.tokens.manager_field.edit.text() != worker_command
        qtbot.mouseClick(dialog.tokens.worker_field.copy_button, Qt.MouseButton.LeftButton)
        assert QGuiApplication.clipboard().text() == worker_command

        # the command shown works when pasted into a shell on node-4
        leave_and_wait_down(window, qtbot)
        docker(4, *shlex.split(worker_command)[1:])
        qtbot.waitUntil(lambda: any(n.state == "ready" for n in rows(window, "node-4")), timeout=60000)

        # leave again, then join from the app through node-4's TLS engine
        leave_and_wait_down(window, qtbot)
        dialog.address_edit.setText(node4_ip)
        assert dialog.connect_check.isChecked()
        qtbot.mouseClick(dialog.join_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "joined the swarm" in dialog.message_label.text(), timeout=60000)
        new_id = dialog.joined_node_id
        assert new_id and docker(4, "info", "--format", "{{.Swarm.NodeID}}") == new_id
        qtbot.waitUntil(
            lambda: any(n.id == new_id and n.state == "ready" for n in rows(window, "node-4")), timeout=60000
        )
        labels = json.loads(docker(1, "node", "inspect", "--format", "{{json .Spec.Labels}}", new_id))
        assert labels[ENDPOINT_LABEL] == f"tcp://{node4_ip}:2376"
        dialog.reject()

        # the entries left down are removed from the app; their rows disappear
        for stale in [n for n in rows(window, "node-4") if n.id != new_id]:
            select_id(page, stale.id)
            page.table.setFocus()
            qtbot.keyClick(page.table, Qt.Key.Key_Delete)
            assert "Remove host node-4 from the swarm?" in answer(qtbot, window, accept=True)
            qtbot.waitUntil(lambda s=stale: page.model.row_of(s.id) == -1, timeout=15000)
        assert page.model.rowCount() == 4
        assert [n["ID"] for n in node4_entries()] == [new_id]
        docker(1, "node", "update", "--label-rm", ENDPOINT_LABEL, new_id)
    except BaseException:
        swarm_script("up")  # rebuilds the swarm when it is not healthy
        raise
    result = swarm_script("status", check=False)
    assert "status: healthy" in result.stdout
