"""The Secrets page on the real swarm: a secret created from typed text appears live, is rotated from
the page (its new version listed, the old one gone, the dialog's lines and outcome), and the new version
is deleted after the question. Everything goes through the page's own dialogs and operations."""

from __future__ import annotations

from PySide6.QtCore import Qt

from crane_desktop.views.secret_dialogs import CreateDialog, RotateDialog
from tests.gui.test_node_helpers import answer
from tests.swarm import unique


def listed(page) -> set[str]:
    return {page.proxy.index(row, 0).data() for row in range(page.proxy.rowCount())}


def test_create_rotate_and_delete_a_secret_from_the_page(connected_window, qtbot):
    window, name = connected_window, unique("crane-gui-secret")
    window.show_page("secrets")
    page = window.workspace.page_widgets["secrets"]
    client = window.session.cluster.client
    try:
        qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
        create = page.findChild(CreateDialog, "createSecretDialog")
        create.name_edit.setText(name)
        create.data_input.text_edit.setPlainText("first")
        create.labels_edit.setPlainText("team=shop")
        qtbot.mouseClick(create.ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: name in listed(page), timeout=10000)

        assert page.select(name)
        qtbot.mouseClick(page.rotate_button, Qt.MouseButton.LeftButton)
        rotate = page.findChild(RotateDialog, "rotateDialog")
        rotate.data_input.text_edit.setPlainText("second")
        qtbot.mouseClick(rotate.ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: rotate.outcome is not None, timeout=20000)
        assert rotate.status.text() == f"Done: every service uses {name}-v2; {name} is removed."
        qtbot.waitUntil(lambda: listed(page) >= {f"{name}-v2"} and name not in listed(page), timeout=10000)
        new = next(s for s in client.secrets() if s["Spec"]["Name"] == f"{name}-v2")
        assert new["Spec"]["Labels"] == {"team": "shop"}  # the labels go with the new version
        rotate.close()

        assert page.select(f"{name}-v2")
        qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
        answer(qtbot, page, accept=True)
        qtbot.waitUntil(lambda: f"{name}-v2" not in listed(page), timeout=10000)
    finally:
        for secret in client.secrets():
            if secret["Spec"]["Name"].startswith(name):
                client.remove_secret(secret["ID"])
