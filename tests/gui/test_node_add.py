"""The add-node dialog against the real swarm: join commands for a worker and a manager with the
current tokens, token rotation only after confirmation, and joining an engine that is already in a
swarm refused with the reason."""

from __future__ import annotations

from PySide6.QtCore import Qt

from crane_desktop.views.node_dialogs import AddNodeDialog
from tests.gui.test_node_helpers import answer, click_action, visible_dialog
from tests.swarm import docker


def open_add(qtbot, page) -> AddNodeDialog:
    click_action(qtbot, page, page.add_action)
    qtbot.waitUntil(lambda: visible_dialog(page, AddNodeDialog) is not None, timeout=5000)
    dialog = visible_dialog(page, AddNodeDialog)
    qtbot.waitUntil(lambda: dialog.tokens.worker_field.edit.text() != "", timeout=10000)
    return dialog


def test_join_commands_and_token_rotation(connected_window, qtbot, profile):
    window = connected_window
    dialog = open_add(qtbot, window.nodes_page)
    worker = docker(1, "swarm", "join-token", "-q", "worker")
    manager = docker(1, "swarm", "join-token", "-q", "manager")
    leader = next(n for n in window.store.get("nodes").values() if n.is_leader)
    assert (
        dialog.tokens.worker_field.edit.text()
        == f"docker swarm join --token {worker} {leader.manager_address}"
    )
    assert (
        dialog.tokens.manager_field.edit.text()
        == f"docker swarm join --token {manager} {leader.manager_address}"
    )

    qtbot.mouseClick(dialog.tokens.rotate_worker, Qt.MouseButton.LeftButton)
    assert "new worker join token" in answer(qtbot, window, accept=False)
    assert docker(1, "swarm", "join-token", "-q", "worker") == worker
    qtbot.mouseClick(dialog.tokens.rotate_worker, Qt.MouseButton.LeftButton)
    answer(qtbot, window, accept=True)
    qtbot.waitUntil(lambda: worker not in dialog.tokens.worker_field.edit.text(), timeout=10000)
    rotated = docker(1, "swarm", "join-token", "-q", "worker")
    assert rotated != worker and rotated in dialog.tokens.worker_field.edit.text()
    assert docker(1, "swarm", "join-token", "-q", "manager") == manager
    assert dialog.tokens.message_label.text() == "A new join token was made."

    # an engine already in the swarm is not joined again
    dialog.address_edit.setText(profile.nodes["node-4"].split("://", 1)[1].rsplit(":", 1)[0])
    qtbot.mouseClick(dialog.join_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "already part of a swarm" in dialog.error_label.text(), timeout=10000)
    dialog.address_edit.setText("")
    qtbot.mouseClick(dialog.join_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "IP address or host name" in dialog.error_label.text(), timeout=5000)
    dialog.reject()
