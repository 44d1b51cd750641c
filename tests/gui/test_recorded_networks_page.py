"""The Networks page and its create/recreate dialog on the recorded cluster, without a swarm: built-in
networks explained and protected, shop_backend with its label and its service, selection from elsewhere,
the dialog refusing bad input field by field (nothing sent), and what it says when not connected."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from crane_desktop.engine.diff import Diff
from crane_desktop.engine.networks import form_from_network
from crane_desktop.models.networks import NetworkTableModel
from crane_desktop.views.network_dialog import NetworkDialog
from tests.gui.conftest import by_name
from tests.gui.test_node_helpers import visible_box

NAME, SUBNET, SERVICES = (
    NetworkTableModel.NAME_COLUMN,
    NetworkTableModel.SUBNET_COLUMN,
    NetworkTableModel.SERVICES_COLUMN,
)
LABELS = 9
NOT_CONNECTED = "Not connected to a cluster.\nConnect to a cluster first (Cluster › Connect…)."


@pytest.fixture
def page(workspace):
    workspace.show_page("networks")
    return workspace.page_widgets["networks"]


@pytest.fixture
def dialog(page, qtbot):
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    found = page.findChild(NetworkDialog, "networkDialog")
    assert found is not None and found.isVisible()
    return found


def cell(page, name: str, column: int, role: int = Qt.ItemDataRole.DisplayRole):
    for row in range(page.model.rowCount()):
        if page.model.network(row).name == name:
            return page.model.index(row, column).data(role)
    raise AssertionError(f"{name} not in the table")


def shown_names(page) -> list[str]:
    return [page.proxy.index(row, NAME).data() for row in range(page.proxy.rowCount())]


def fill(qtbot, dialog, **fields: str) -> None:
    """Type into the dialog's fields as the operator would."""
    for field, text in fields.items():
        if field == "labels":
            dialog.labels_edit.setPlainText(text)
        else:
            edit = getattr(dialog, f"{'range' if field == 'ip_range' else field}_edit")
            edit.clear()
            qtbot.keyClicks(edit, text)


def shown_errors(dialog) -> dict[str, str]:
    return {field: label.text() for field, label in dialog.errors.items() if label.isVisible()}


def test_builtin_ingress_is_explained_and_protected(page, qtmodeltester):
    qtmodeltester.check(page.model)
    assert cell(page, "ingress", NAME) == "ingress (built in)"
    assert cell(page, "ingress", SUBNET) == "10.0.0.0/24"
    assert "routing mesh for published ports" in cell(page, "ingress", NAME, Qt.ItemDataRole.ToolTipRole)
    assert cell(page, "ingress", NAME, Qt.ItemDataRole.ForegroundRole).color() == QColor("#5c6bc0")
    explanation = page.builtin_label.text()
    assert explanation.startswith("Built-in networks (cannot be deleted):")
    assert "routing mesh for published ports" in explanation and "docker_gwbridge" in explanation
    assert page.select_network("ingress")
    assert not page.delete_button.isEnabled() and not page.recreate_button.isEnabled()
    assert page.delete_button.toolTip() == "ingress is built in and cannot be deleted."


def test_shop_backend_with_its_label_and_service(page):
    assert shown_names(page) == ["ingress (built in)", "shop_backend"]
    assert page.count_label.text() == "2 network(s)"
    assert cell(page, "shop_backend", LABELS) == "tier=backend"
    assert cell(page, "shop_backend", SERVICES) == "shop_web"
    assert cell(page, "shop_backend", SUBNET) == "10.0.34.0/24"
    assert cell(page, "shop_backend", NAME, Qt.ItemDataRole.ForegroundRole) is None
    assert page.select_network("shop_backend")
    assert page.selected_network().name == "shop_backend"
    assert page.delete_button.isEnabled() and page.recreate_button.isEnabled()
    assert page.delete_button.toolTip() == "Delete the selected network"


def test_docker_gwbridge_is_explained_only_for_overlay_networks_that_are_not_internal(page, recorded_context):
    assert "overlay networks that are not internal reach the outside world" in page.builtin_label.text()
    tooltip = cell(page, "shop_backend", NAME, Qt.ItemDataRole.ToolTipRole)
    assert (
        tooltip
        == "shop_backend\nIts containers reach the outside world through docker_gwbridge on their node."
    )
    backend = by_name("networks", "shop_backend")
    internal = dataclasses.replace(backend, internal=True)
    recorded_context.store.apply("networks", Diff(changed={backend.id: internal}))
    tooltip = cell(page, "shop_backend", NAME, Qt.ItemDataRole.ToolTipRole)
    assert tooltip.endswith(
        "Internal: its containers reach only the cluster; docker_gwbridge gives them no way out."
    )
    assert "routing mesh" in cell(
        page, "ingress", NAME, Qt.ItemDataRole.ToolTipRole
    )  # ingress: its own words


def test_select_network_of_an_unknown_name_selects_nothing(page):
    assert not page.select_network("no-such-network")
    assert page.selected_network() is None
    assert not page.delete_button.isEnabled() and not page.recreate_button.isEnabled()


def test_filter_by_label_value(page, qtbot):
    qtbot.keyClicks(page.filter_edit, "backend")
    assert shown_names(page) == ["shop_backend"] and page.count_label.text() == "1 of 2 shown"


def test_open_network_shows_the_page_with_it_selected(workspace):
    workspace.show_page("nodes")
    workspace.open_network(by_name("networks", "shop_backend").id)
    page = workspace.page_widgets["networks"]
    assert workspace.sidebar.currentItem().text() == "Networks" and workspace.pages.currentWidget() is page
    assert page.selected_network().name == "shop_backend"


def test_a_service_joining_updates_the_services_in_place(page, recorded_context):
    resets = []
    page.model.modelReset.connect(lambda: resets.append(1))
    page.select_network("shop_backend")
    gateway = by_name("services", "gateway")
    joined = dataclasses.replace(gateway, network_ids=(by_name("networks", "shop_backend").id,))
    recorded_context.store.apply("services", Diff(changed={gateway.id: joined}))
    assert cell(page, "shop_backend", SERVICES) == "gateway, shop_web"
    assert resets == [] and page.selected_network().name == "shop_backend"


def test_a_network_in_use_is_not_deleted(page, qtbot):
    page.select_network("shop_backend")
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: visible_box(page, "errorDialog") is not None)
    error = visible_box(page, "errorDialog")
    assert error.text() == "The network shop_backend is in use by: shop_web."
    assert error.informativeText() == "Remove these services, or their use of the network, first."
    assert visible_box(page) is None


def test_recreate_needs_the_engine(page, qtbot):
    page.select_network("shop_backend")
    qtbot.mouseClick(page.recreate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: visible_box(page, "errorDialog") is not None)
    error = visible_box(page, "errorDialog")
    assert error.windowTitle() == "Cannot read the network" and error.text() == "Not connected to a cluster."
    assert page.findChild(NetworkDialog, "networkDialog") is None


SUB = {"subnet": "172.27.0.0/16"}  # a valid subnet, for the gateway and range cases
CIDR = "is not valid CIDR notation for the"


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"name": ""}, "name", "The network needs a name."),
        (
            {"name": "-shop"},
            "name",
            "Use only letters, digits, “-”, “_” and “.”, starting with a letter or digit.",
        ),
        ({"name": "shop_backend"}, "name", "A network named shop_backend exists already."),
        ({"name": "docker_gwbridge"}, "name", "A network named docker_gwbridge exists already."),
        ({"subnet": "172.27.0.0/33"}, "subnet", f"“172.27.0.0/33” {CIDR} subnet (e.g. 172.20.0.0/16)."),
        (
            {"subnet": "172.27.0.1/16"},
            "subnet",
            "“172.27.0.1/16” has host bits set; did you mean 172.27.0.0/16?",
        ),
        ({"subnet": "172.27.0.0/31"}, "subnet", "The subnet 172.27.0.0/31 is too small for containers."),
        ({"gateway": "172.27.0.1"}, "subnet", "A gateway or an IP range needs a subnet."),
        (
            {**SUB, "gateway": "172.26.0.1"},
            "gateway",
            "The gateway 172.26.0.1 is not inside the subnet 172.27.0.0/16.",
        ),
        ({**SUB, "gateway": "gw"}, "gateway", "“gw” is not an IP address (e.g. 172.20.10.1)."),
        (
            {**SUB, "gateway": "172.27.0.0"},
            "gateway",
            "The gateway cannot be the subnet's network address 172.27.0.0.",
        ),
        (
            {**SUB, "ip_range": "172.28.10.0/24"},
            "ip_range",
            "The IP range 172.28.10.0/24 is not inside the subnet 172.27.0.0/16.",
        ),
        (
            {**SUB, "ip_range": "172.27.300.0/24"},
            "ip_range",
            f"“172.27.300.0/24” {CIDR} IP range (e.g. 172.20.0.0/16).",
        ),
        ({"labels": "team shop"}, "labels", "“team shop” is not a key=value label."),
        ({"labels": "team=shop\nteam=web"}, "labels", "The label team is given twice."),
    ],
)
def test_dialog_refuses_bad_input_at_its_field_and_sends_nothing(dialog, qtbot, fields, field, message):
    fill(qtbot, dialog, **{"name": "shop-cache", **fields})
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.errors[field].isVisible)
    assert shown_errors(dialog) == {field: message}
    assert "#c62828" in dialog.errors[field].styleSheet()  # an error, not a warning
    # nothing was sent: trying to would have failed ("not connected") in the same step
    assert dialog.isVisible() and not dialog.failure.isVisible()


def test_typing_in_a_field_clears_its_error(dialog, qtbot):
    fill(
        qtbot, dialog, name="shop-cache", subnet="172.27.0.0/16", gateway="172.26.0.1", ip_range="10.1.0.0/24"
    )
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.errors["gateway"].isVisible)
    assert set(shown_errors(dialog)) == {"gateway", "ip_range"}
    qtbot.keyClick(dialog.gateway_edit, Qt.Key.Key_Backspace)
    assert set(shown_errors(dialog)) == {"ip_range"}


def test_overlap_is_a_warning_and_a_valid_form_fails_only_for_the_connection(dialog, qtbot):
    fill(qtbot, dialog, name="shop-cache", subnet="10.0.34.0/25", gateway="10.0.34.1", labels="team=shop")
    dialog.attachable_check.setChecked(True)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.failure.isVisible)
    assert shown_errors(dialog) == {
        "subnet": "Warning: Overlaps the subnet 10.0.34.0/24 of the network shop_backend."
    }
    assert "#b26a00" in dialog.errors["subnet"].styleSheet()
    assert dialog.failure.text() == NOT_CONNECTED
    assert dialog.isVisible() and dialog.create_button.isEnabled()
    form = dialog.form()  # what was typed is kept
    assert (form.name, form.subnet, form.gateway, form.labels, form.attachable) == (
        "shop-cache",
        "10.0.34.0/25",
        "10.0.34.1",
        "team=shop",
        True,
    )


def test_recreate_dialog_is_prefilled_and_refuses_a_network_in_use(page, recorded_context, qtbot):
    backend = by_name("networks", "shop_backend")
    dialog = NetworkDialog(recorded_context, form_from_network(backend), replacing=backend, parent=page)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "Recreate network shop_backend"
    assert dialog.create_button.text() == "Delete and recreate"
    assert (dialog.name_edit.text(), dialog.subnet_edit.text()) == ("shop_backend", "10.0.34.0/24")
    assert dialog.labels_edit.toPlainText() == "tier=backend"
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.failure.isVisible)
    assert shown_errors(dialog) == {}  # its own name and subnet do not clash with itself
    assert dialog.failure.text() == (
        "The network shop_backend is in use by: shop_web.\n"
        "Remove these services, or their use of the network, first."
    )
    assert visible_box(dialog) is None
