"""The Swarm page on the real swarm: autolock (a manager restarted while it is on comes up locked, the
page says so, and is unlocked from the page with the key), the rotation of the swarm's root CA (every
node ends on the new root), and settings changed meanwhile by someone else (reported, not overwritten).

Here among the faults (run last, never on a swarm shared with others): they restart a daemon and
change the swarm's settings.
"""

from __future__ import annotations

from cryptography import x509
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from crane_desktop.engine import swarm_settings as swarm
from crane_desktop.engine.node_certs import peer_certificate
from crane_desktop.views.swarm_page import SwarmPage
from tests.gui.test_node_helpers import answer
from tests.swarm import docker, docker_json, swarm_script

STATE_COLUMN = 2


def swarm_page(window) -> SwarmPage:
    window.show_page("swarm")
    page = window.page_widgets["swarm"]
    assert isinstance(page, SwarmPage)
    return page


def row_text(page: SwarmPage, hostname: str, column: int) -> str:
    model = page.model
    for row in range(model.rowCount()):
        if model.object_at(row).node.hostname == hostname:
            return model.data(model.index(row, column))
    return ""


def manager_not_in_use(window, profile) -> int:
    """A manager other than the one the app talks to (its daemon may be restarted)."""
    endpoint = window.session.cluster.endpoint
    return next(n for n in (3, 2, 1) if profile.nodes[f"node-{n}"] != endpoint)


def test_autolock_restart_shows_locked_and_unlocks_from_the_app(connected_window, qtbot, profile):
    window = connected_window
    page = swarm_page(window)
    qtbot.waitUntil(lambda: page.settings is not None, timeout=10000)
    assert page.autolock.state_label.text() == "off"
    n = manager_not_in_use(window, profile)
    other = next(m for m in (1, 2, 3) if m != n)
    try:
        qtbot.mouseClick(page.autolock.toggle_button, Qt.MouseButton.LeftButton)
        assert "unlock key" in answer(qtbot, window, accept=True)
        # once on, the key is read and shown in clear
        qtbot.waitUntil(lambda: page.autolock.key_field.edit.text().startswith("SWMKEY-1-"), timeout=10000)
        assert page.autolock.key_field.edit.echoMode() == QLineEdit.EchoMode.Normal
        assert page.autolock.state_label.text() == "on"
        key = page.autolock.key_field.edit.text()
        qtbot.mouseClick(page.autolock.show_key_button, Qt.MouseButton.LeftButton)  # masked again
        qtbot.waitUntil(
            lambda: page.autolock.key_field.edit.echoMode() == QLineEdit.EchoMode.Password, timeout=5000
        )
        assert page.autolock.show_key_button.text() == "Show"
        assert key == docker(other, "swarm", "unlock-key", "-q")
        QApplication.clipboard().clear()
        qtbot.mouseClick(page.autolock.key_field.copy_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: QApplication.clipboard().text() == key, timeout=5000)
        assert page.autolock.message.text() == "The unlock key was copied."
        assert page.autolock.key_field.edit.echoMode() == QLineEdit.EchoMode.Password  # copied, still masked

        swarm_script("node-stop", str(n))
        swarm_script("node-start", str(n))
        # the page asks each manager's own engine: the restarted one says it is locked
        qtbot.waitUntil(lambda: row_text(page, f"node-{n}", STATE_COLUMN) == "locked", timeout=20000)
        assert f"node-{n}" in page.autolock.locked_label.text()
        locked_id = next(row.node.id for row in page.model.objects() if row.node.hostname == f"node-{n}")
        assert window.context.alerts.locked == {locked_id}  # its node-down alert says it is locked

        page.autolock.unlock_edit.setText("SWMKEY-1-not-the-key")
        select(page, f"node-{n}")
        qtbot.mouseClick(page.autolock.unlock_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: page.autolock.error.isVisible(), timeout=10000)
        assert "not this swarm's" in page.autolock.error.text()

        page.autolock.unlock_edit.setText(key)
        qtbot.mouseClick(page.autolock.unlock_button, Qt.MouseButton.LeftButton)
        # the engine answers once the manager has rejoined: slow when the machine is loaded
        qtbot.waitUntil(lambda: page.autolock.message.text() == f"node-{n} was unlocked.", timeout=60000)
        assert not page.autolock.error.isVisible()
        qtbot.waitUntil(lambda: row_text(page, f"node-{n}", STATE_COLUMN) == "ready", timeout=30000)
        qtbot.waitUntil(lambda: page.autolock.locked_label.isHidden(), timeout=10000)
        assert not window.context.alerts.locked
        assert page.autolock.message.text() == f"node-{n} was unlocked."  # not wiped by the refresh
        hosts = docker(other, "node", "ls", "--format", "{{.Hostname}} {{.Status}}").splitlines()
        assert f"node-{n} Ready" in hosts

        qtbot.mouseClick(page.autolock.rotate_key_button, Qt.MouseButton.LeftButton)
        assert "new unlock key" in answer(qtbot, window, accept=True)
        qtbot.waitUntil(lambda: page.autolock.key_field.edit.text() not in ("", key), timeout=10000)
        assert page.autolock.key_field.edit.text() == docker(other, "swarm", "unlock-key", "-q")
        assert page.autolock.key_field.edit.echoMode() == QLineEdit.EchoMode.Normal  # shown to be kept

        qtbot.mouseClick(page.autolock.toggle_button, Qt.MouseButton.LeftButton)
        answer(qtbot, window, accept=True)
        qtbot.waitUntil(lambda: page.autolock.state_label.text() == "off", timeout=10000)
        assert (
            docker(other, "info", "--format", "{{.Swarm.Cluster.Spec.EncryptionConfig.AutoLockManagers}}")
            == "false"
        )
    finally:
        docker(other, "swarm", "update", "--autolock=false", check=False)


def select(page: SwarmPage, hostname: str) -> None:
    model = page.model
    row = next(r for r in range(model.rowCount()) if model.object_at(r).node.hostname == hostname)
    page.table.selectionModel().select(
        page.proxy.mapFromSource(model.index(row, 0)),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )


def test_ca_rotation_ends_with_every_node_on_the_new_root(connected_window, qtbot):
    window = connected_window
    page = swarm_page(window)
    qtbot.waitUntil(lambda: page.settings is not None and page.model.rowCount() == 4, timeout=10000)
    old_root = page.settings.trust_root
    qtbot.mouseClick(page.rotate_ca_button, Qt.MouseButton.LeftButton)
    assert "do not change" in answer(qtbot, window, accept=True)
    qtbot.waitUntil(lambda: page.settings.trust_root != old_root, timeout=30000)
    qtbot.waitUntil(
        lambda: page.rotation_label.text() == "Every node has a certificate from the current root.",
        timeout=60000,
    )
    new_root = docker(1, "swarm", "ca").strip()
    assert new_root != old_root.strip() and page.settings.trust_root.strip() == new_root
    ids = docker(1, "node", "ls", "-q").split()
    roots = {
        n["Description"]["TLSInfo"]["TrustRoot"].strip() for n in docker_json(1, "node", "inspect", *ids)
    }
    assert roots == {new_root}
    assert {row_text(page, f"node-{i}", 3) for i in (1, 2, 3, 4)} == {"from the current root"}
    assert swarm.rotation_done(page.settings, (row.node for row in page.model.objects()))
    # the certificates the managers present on their swarm ports are signed by the new root
    root = x509.load_pem_x509_certificate(new_root.encode())
    for row in page.model.objects():
        if row.node.role == "manager":
            presented = peer_certificate(row.node.manager_address)
            presented.verify_directly_issued_by(root)  # raises when another key signed it


def history_limit(node: int) -> str:
    return docker(node, "info", "--format", "{{.Swarm.Cluster.Spec.Orchestration.TaskHistoryRetentionLimit}}")


def test_settings_changed_since_read_are_reported_never_overwritten(connected_window, qtbot):
    window = connected_window
    page = swarm_page(window)
    qtbot.waitUntil(lambda: page.settings is not None, timeout=10000)
    before = history_limit(1)
    try:
        docker(1, "swarm", "update", "--task-history-limit", "7")  # someone else, after the page read
        page.fields["task_history_limit"].setText("9")
        qtbot.mouseClick(page.apply_button, Qt.MouseButton.LeftButton)
        assert "Task history limit: 5 → 9" in answer(qtbot, window, accept=True)
        qtbot.waitUntil(lambda: "changed by someone else" in page.settings_message.text(), timeout=10000)
        assert history_limit(1) == "7"
        assert page.fields["task_history_limit"].text() == "9"  # what was typed stays

        qtbot.mouseClick(page.reload_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: page.fields["task_history_limit"].text() == "7", timeout=10000)
        page.fields["task_history_limit"].setText("9")
        qtbot.mouseClick(page.apply_button, Qt.MouseButton.LeftButton)
        answer(qtbot, window, accept=True)
        qtbot.waitUntil(lambda: page.settings_message.text() == "The settings were changed.", timeout=10000)
        assert history_limit(2) == "9"
    finally:
        docker(1, "swarm", "update", "--task-history-limit", before, check=False)
