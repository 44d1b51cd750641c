"""The Networks page against the real swarm: built-in networks explained and protected, the create
dialog refusing bad input at the field, creating, recreating and deleting with confirmation, and a
network in use refused with its service named."""

from __future__ import annotations

import json

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from crane_desktop.models.networks import NetworkTableModel
from crane_desktop.views.network_dialog import NetworkDialog
from tests.swarm import IMAGE, docker, unique


@pytest.fixture
def network_names():
    names: list[str] = []
    yield names
    for name in names:
        docker(1, "network", "rm", name, check=False)


@pytest.fixture
def service_names():
    names: list[str] = []
    yield names
    for name in names:
        docker(1, "service", "rm", name, check=False)


def services_of(page, name: str) -> str:
    return cell(page, name, NetworkTableModel.SERVICES_COLUMN) if name in names(page) else ""


def labels_of(name: str) -> dict | None:
    found = json.loads(docker(1, "network", "inspect", name, check=False) or "[]")
    return found[0]["Labels"] if found else None


def page_of(window):
    window.show_page("networks")
    page = window.page_widgets["networks"]
    return page


def names(page) -> list[str]:
    return [page.model.network(row).name for row in range(page.model.rowCount())]


def cell(page, name: str, column: int) -> str:
    for row in range(page.model.rowCount()):
        if page.model.network(row).name == name:
            return page.model.data(page.model.index(row, column))
    raise AssertionError(f"{name} not in the table")


def confirm_box(window, qtbot, accept: bool = True) -> None:
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "confirmDialog") is not None)
    box = window.findChild(QMessageBox, "confirmDialog")
    if accept:
        box.findChild(QPushButton, "confirmButton").click()
    else:
        box.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "confirmDialog") is None)


def test_builtin_ingress_is_explained_and_protected(connected_window, qtbot, qtmodeltester):
    page = page_of(connected_window)
    qtbot.waitUntil(lambda: "ingress" in names(page), timeout=10000)
    qtmodeltester.check(page.model)
    assert cell(page, "ingress", NetworkTableModel.NAME_COLUMN) == "ingress (built in)"
    assert cell(page, "ingress", NetworkTableModel.SUBNET_COLUMN) == "10.0.0.0/24"
    explanation = page.builtin_label.text()
    assert "routing mesh for published ports" in explanation and "docker_gwbridge" in explanation
    assert page.select_network("ingress")
    assert not page.delete_button.isEnabled() and not page.recreate_button.isEnabled()
    assert page.delete_button.toolTip() == "ingress is built in and cannot be deleted."


def test_create_refuses_bad_input_then_creates_and_deletes(connected_window, qtbot, network_names, tmp_path):
    page = page_of(connected_window)
    qtbot.waitUntil(lambda: page.model.loaded, timeout=10000)
    name = unique("crane-gui")
    network_names.append(name)
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    dialog = page.findChild(NetworkDialog, "networkDialog")
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.name_edit, name)
    qtbot.keyClicks(dialog.subnet_edit, "172.27.0.0/16")
    qtbot.keyClicks(dialog.gateway_edit, "172.26.0.1")
    qtbot.keyClicks(dialog.range_edit, "172.27.300.0/24")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.errors["gateway"].isVisible)
    assert dialog.errors["gateway"].text() == "The gateway 172.26.0.1 is not inside the subnet 172.27.0.0/16."
    assert "is not valid CIDR notation for the IP range" in dialog.errors["ip_range"].text()
    assert not dialog.errors["name"].isVisible()
    dialog.grab().save(str(tmp_path / "dialog.png"))
    assert name not in docker(1, "network", "ls", "--format", "{{.Name}}").split()

    dialog.gateway_edit.setText("172.27.10.1")
    dialog.range_edit.setText("172.27.10.0/24")
    dialog.attachable_check.setChecked(True)
    dialog.labels_edit.setPlainText("team=shop")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.findChild(NetworkDialog, "networkDialog") is None, timeout=15000)
    qtbot.waitUntil(lambda: name in names(page), timeout=15000)
    inspected = json.loads(docker(1, "network", "inspect", name))[0]
    assert inspected["Attachable"] is True and inspected["Labels"] == {"team": "shop"}
    qtbot.waitUntil(lambda: cell(page, name, NetworkTableModel.SUBNET_COLUMN) == "172.27.0.0/16")

    assert page.select_network(name)
    assert page.delete_button.isEnabled()
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    confirm_box(connected_window, qtbot, accept=False)
    assert name in names(page)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    confirm_box(connected_window, qtbot)
    qtbot.waitUntil(lambda: name not in names(page), timeout=15000)


def test_in_use_refused_and_recreate_prefills(connected_window, qtbot, network_names, service_names):
    page = page_of(connected_window)
    name, service = unique("crane-gui-used"), unique("crane-gui-svc")
    network_names.append(name)
    service_names.append(service)
    docker(1, "network", "create", "--driver", "overlay", "--attachable", "--label", "a=1", name)
    docker(1, "service", "create", "-d", "--name", service, "--network", name, IMAGE, "sleep", "3600")
    qtbot.waitUntil(
        lambda: (
            service in (cell(page, name, NetworkTableModel.SERVICES_COLUMN) if name in names(page) else "")
        ),
        timeout=20000,
    )
    assert page.select_network(name)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.findChild(QMessageBox, "errorDialog") is not None)
    error = page.findChild(QMessageBox, "errorDialog")
    assert error.text() == f"The network {name} is in use by: {service}."
    error.close()
    error.deleteLater()

    docker(1, "service", "rm", service)
    qtbot.waitUntil(lambda: cell(page, name, NetworkTableModel.SERVICES_COLUMN) == "", timeout=20000)
    old_id = page.selected_network().id
    qtbot.mouseClick(page.recreate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.findChild(NetworkDialog, "networkDialog") is not None)
    dialog = page.findChild(NetworkDialog, "networkDialog")
    assert dialog.name_edit.text() == name and dialog.attachable_check.isChecked()
    assert dialog.labels_edit.toPlainText() == "a=1"
    dialog.labels_edit.setPlainText("a=2")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    confirm_box(connected_window, qtbot)

    def failed() -> bool:
        return shiboken6.isValid(dialog) and dialog.failure.isVisible()

    qtbot.waitUntil(lambda: labels_of(name) == {"a": "2"} or failed(), timeout=30000)
    assert not failed(), dialog.failure.text()
    qtbot.waitUntil(lambda: name in names(page) and page.model.get(old_id) is None, timeout=15000)
