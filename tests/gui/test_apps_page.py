"""The Apps page against the real swarm: an app deployed out of band appears with its services and
task counts, in place; deleting asks first (cancel keeps it), names what goes, and removes it all; a
single service of a multi-service app is not deleted alone."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QMessageBox, QPushButton

from crane_desktop.models.apps import SERVICES, TASKS
from tests.gui.apps_helpers import app_row, app_texts, child_names, cli_deploy, write_stack
from tests.swarm import docker, unique, wait_until


def select(page, index) -> None:
    proxy_index = page.proxy.mapFromSource(index)
    page.tree.selectionModel().select(
        proxy_index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    )


def dialog(window, name: str) -> QMessageBox | None:
    for box in window.findChildren(QMessageBox, name):
        if box.isVisible():
            return box
    return None


def test_app_appears_live_and_delete_asks_first(connected_window, qtbot, tmp_path):
    window = connected_window
    window.show_page("apps")
    page = window.page_widgets["apps"]
    name = unique("gapp")
    resets = []
    page.model.modelReset.connect(lambda: resets.append(1))
    try:
        cli_deploy(write_stack(tmp_path / "a.yml", {"web": "replicas: 2", "db": ""}), name)
        qtbot.waitUntil(
            lambda: app_texts(page, name)[SERVICES : TASKS + 1] == ["2 service(s)", "3/3"], timeout=30000
        )
        assert sorted(child_names(page, name)) == [f"{name}_db", f"{name}_web"]  # in the order they came
        page.tree.expand(page.proxy.mapFromSource(app_row(page, name)))

        # a single service of the app cannot be deleted on its own: explained, nothing removed
        select(page, page.model.index(0, 0, app_row(page, name)))
        page.delete_button.click()
        qtbot.waitUntil(lambda: dialog(window, "cannotDeleteDialog") is not None)
        box = dialog(window, "cannotDeleteDialog")
        assert "is not deleted alone" in box.text()
        box.button(QMessageBox.StandardButton.Ok).click()

        # cancel keeps the app
        select(page, app_row(page, name))
        page.delete_button.click()
        qtbot.waitUntil(lambda: dialog(window, "confirmDialog") is not None, timeout=10000)
        box = dialog(window, "confirmDialog")
        assert name in box.text()
        assert f"{name}_web" in box.informativeText() and f"{name}_default" in box.informativeText()
        box.button(QMessageBox.StandardButton.Cancel).click()
        qtbot.waitUntil(lambda: dialog(window, "confirmDialog") is None)
        assert docker(1, "stack", "services", "-q", name).count("\n") == 1

        # confirm removes the services and the network, and the row goes
        page.delete_button.click()
        qtbot.waitUntil(lambda: dialog(window, "confirmDialog") is not None, timeout=10000)
        dialog(window, "confirmDialog").findChild(QPushButton, "confirmButton").click()
        qtbot.waitUntil(lambda: not app_row(page, name).isValid(), timeout=30000)
        qtbot.waitUntil(lambda: "was deleted" in window.statusBar().currentMessage(), timeout=30000)
        assert docker(1, "service", "ls", "-q", "--filter", f"label=com.docker.stack.namespace={name}") == ""
        wait_until(
            lambda: (
                docker(1, "network", "ls", "-q", "--filter", f"label=com.docker.stack.namespace={name}") == ""
            ),
            what="the app's network to be gone",
        )
        assert resets == []
    finally:
        docker(1, "stack", "rm", name, check=False)


def test_lone_service_is_its_own_app(connected_window, qtbot, service_names):
    from tests.swarm import IMAGE

    window = connected_window
    page = window.page_widgets["apps"]
    name = unique("glone")
    service_names.append(name)
    docker(1, "service", "create", "--detach", "--name", name, "--replicas", "0", IMAGE, "sleep", "3600")
    qtbot.waitUntil(lambda: app_row(page, name).isValid(), timeout=20000)
    assert child_names(page, name) == [name]
    assert app_texts(page, name)[TASKS] == "0/0"
