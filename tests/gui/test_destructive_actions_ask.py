"""R6: every destructive action the app offers asks first. Each is driven through its real widget (button,
toolbar action or keyboard shortcut, as a user would), the question is cancelled, and the engine (docker
CLI, out of band) shows that nothing changed; a few are then confirmed and the engine shows them done."""

from __future__ import annotations

import asyncio
import json

from PySide6.QtCore import QItemSelectionModel, Qt

from crane_desktop.models.nodes import NodeTableModel
from crane_desktop.views.node_detail import NodeDetail
from crane_desktop.views.node_dialogs import AddNodeDialog
from tests.gui.apps_helpers import app_row
from tests.gui.test_node_helpers import answer, cell, click_action, select, visible_box, visible_dialog
from tests.swarm import IMAGE, docker, node_id, swarm_script, unique, wait_until


def cancel(qtbot, window) -> str:
    return answer(qtbot, window, accept=False)


def confirm(qtbot, window) -> str:
    return answer(qtbot, window, accept=True)


def pane_select(pane, predicate) -> None:
    for row in range(pane.proxy.rowCount()):
        if predicate(pane.proxy.index(row, 0).data() or ""):
            pane.table.selectRow(row)
            return
    raise AssertionError("row not in the table")


def pane_names(pane) -> set[str]:
    return {pane.model.data(pane.model.index(r, 0)) for r in range(pane.model.rowCount())}


def press_delete(qtbot, window, widget) -> None:
    """The Delete key as a user presses it: shortcuts need the window active and the widget focused."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_Delete)


def network_id(name: str) -> str:
    found = json.loads(docker(1, "network", "inspect", name, check=False) or "[]")
    return found[0]["Id"] if found else ""


def select_network(qtbot, page, name: str) -> None:
    qtbot.waitUntil(lambda: page.select_network(name), timeout=15000)


def test_app_network_and_token_actions_ask_first(connected_window, qtbot):
    window = connected_window
    app = unique("r6app")
    net = unique("r6net")
    docker(1, "service", "create", "--detach", "--name", app, "--replicas", "0", IMAGE, "sleep", "3600")
    docker(1, "network", "create", "--driver", "overlay", net)
    net_id = network_id(net)
    worker_token = docker(1, "swarm", "join-token", "-q", "worker")
    manager_token = docker(1, "swarm", "join-token", "-q", "manager")
    try:
        # delete app (a lone service is an app of its own): the button, then the Delete key
        window.show_page("apps")
        apps = window.page_widgets["apps"]
        qtbot.waitUntil(lambda: app_row(apps, app).isValid(), timeout=20000)
        apps.tree.selectionModel().select(
            apps.proxy.mapFromSource(app_row(apps, app)),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        qtbot.mouseClick(apps.delete_button, Qt.MouseButton.LeftButton)
        assert app in cancel(qtbot, window)
        press_delete(qtbot, window, apps.tree)
        cancel(qtbot, window)
        assert docker(1, "service", "ls", "-q", "--filter", f"name={app}") != ""

        # delete network and recreate network
        window.show_page("networks")
        networks = window.page_widgets["networks"]
        select_network(qtbot, networks, net)
        qtbot.mouseClick(networks.delete_button, Qt.MouseButton.LeftButton)
        assert net in cancel(qtbot, window)
        press_delete(qtbot, window, networks.table)
        cancel(qtbot, window)
        qtbot.mouseClick(networks.recreate_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: getattr(networks, "dialog", None) is not None, timeout=10000)
        dialog = networks.dialog
        qtbot.waitUntil(dialog.isVisible, timeout=10000)
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
        assert net in cancel(qtbot, window)
        assert dialog.isVisible()  # cancelling the question keeps what was typed
        dialog.reject()
        assert network_id(net) == net_id

        # rotate join tokens (worker and manager)
        window.show_page("nodes")
        page = window.nodes_page
        click_action(qtbot, page, page.add_action)
        qtbot.waitUntil(lambda: visible_dialog(page, AddNodeDialog) is not None, timeout=5000)
        add = visible_dialog(page, AddNodeDialog)
        qtbot.waitUntil(lambda: add.tokens.worker_field.edit.text() != "", timeout=10000)
        for button in (add.tokens.rotate_worker, add.tokens.rotate_manager):
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
            cancel(qtbot, window)
        add.reject()
        assert docker(1, "swarm", "join-token", "-q", "worker") == worker_token
        assert docker(1, "swarm", "join-token", "-q", "manager") == manager_token

        # now confirm: the network and the app go
        window.show_page("networks")
        select_network(qtbot, networks, net)
        qtbot.mouseClick(networks.delete_button, Qt.MouseButton.LeftButton)
        confirm(qtbot, window)
        qtbot.waitUntil(lambda: network_id(net) == "", timeout=30000)
        window.show_page("apps")
        qtbot.waitUntil(lambda: app_row(apps, app).isValid(), timeout=5000)
        apps.tree.selectionModel().select(
            apps.proxy.mapFromSource(app_row(apps, app)),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        qtbot.mouseClick(apps.delete_button, Qt.MouseButton.LeftButton)
        confirm(qtbot, window)
        qtbot.waitUntil(
            lambda: docker(1, "service", "ls", "-q", "--filter", f"name={app}") == "", timeout=30000
        )
        qtbot.waitUntil(lambda: not app_row(apps, app).isValid(), timeout=15000)
        assert visible_box(window) is None
    finally:
        docker(1, "service", "rm", app, check=False)
        docker(1, "network", "rm", net, check=False)


def test_node_host_actions_ask_first(connected_window, qtbot):
    window = connected_window
    page = window.nodes_page
    volume = unique("r6vol")
    tag = f"127.0.0.1:5000/crane/busybox:{unique('r6')}"
    docker(2, "volume", "create", volume)
    scratch = unique("r6scratch")
    docker(2, "create", "--name", scratch, IMAGE, "true")
    docker(2, "commit", scratch, tag)  # an image of its own (one tag), safe to remove
    docker(2, "rm", scratch)
    try:
        # drain (moves tasks) and force-remove of a node that is up (two questions): cancel each
        select(page, "node-4")
        click_action(qtbot, page, page.drain_action)
        cancel(qtbot, window)
        click_action(qtbot, page, page.remove_action)
        cancel(qtbot, window)
        click_action(qtbot, page, page.remove_action)
        confirm(qtbot, window)  # "Force remove…" leads to the second question
        assert "Really force-remove node-4" in cancel(qtbot, window)
        state = docker(1, "node", "inspect", "--format", "{{.Status.State}} {{.Spec.Availability}}", "node-4")
        assert state == "ready active"

        # remove volume and remove image on node-2's own engine
        window.open_node(node_id("node-2"))
        detail = window.tabs.currentWidget()
        assert isinstance(detail, NodeDetail)
        detail.tabs.setCurrentWidget(detail.volumes)
        qtbot.waitUntil(lambda: volume in pane_names(detail.volumes), timeout=15000)
        pane_select(detail.volumes, lambda name: name == volume)
        qtbot.mouseClick(detail.volumes.remove_button, Qt.MouseButton.LeftButton)
        assert volume in cancel(qtbot, window)
        assert volume in docker(2, "volume", "ls", "-q").split()
        qtbot.mouseClick(detail.volumes.remove_button, Qt.MouseButton.LeftButton)
        confirm(qtbot, window)
        qtbot.waitUntil(lambda: volume not in docker(2, "volume", "ls", "-q").split(), timeout=30000)

        detail.tabs.setCurrentWidget(detail.images)
        qtbot.waitUntil(lambda: any(tag in name for name in pane_names(detail.images)), timeout=15000)
        pane_select(detail.images, lambda name: tag in name)
        qtbot.mouseClick(detail.images.remove_button, Qt.MouseButton.LeftButton)
        cancel(qtbot, window)
        assert docker(2, "image", "ls", "-q", tag) != ""
        qtbot.mouseClick(detail.images.remove_button, Qt.MouseButton.LeftButton)
        confirm(qtbot, window)
        qtbot.waitUntil(lambda: docker(2, "image", "ls", "-q", tag) == "", timeout=30000)
        assert docker(2, "image", "ls", "-q", IMAGE) != ""
        window.close_all_details()
    finally:
        docker(2, "volume", "rm", volume, check=False)
        docker(2, "rmi", tag, check=False)


def test_remove_of_a_down_node_asks_first(connected_window, qtbot):
    window = connected_window
    page = window.nodes_page
    swarm_script("node-stop", "4")
    try:
        qtbot.waitUntil(lambda: cell(page, "node-4", NodeTableModel.STATUS_COLUMN) == "down", timeout=60000)
        select(page, "node-4")
        page.table.setFocus()
        qtbot.keyClick(page.table, Qt.Key.Key_Delete)
        text = cancel(qtbot, window)
        assert "Remove host node-4" in text and "cannot be undone" in text
        assert docker(1, "node", "inspect", "--format", "{{.Status.State}}", "node-4") == "down"
        assert visible_box(window) is None
    finally:
        swarm_script("node-start", "4")
    wait_until(
        lambda: docker(1, "node", "inspect", "--format", "{{.Status.State}}", "node-4") == "ready",
        60,
        "node-4 ready again",
    )


def test_a_question_whose_parent_closes_is_a_no(qtbot, loop):
    """A dialog closed while its question is open (e.g. the recreate-network dialog) takes the question
    with it: the action does not happen and nothing raises."""
    from PySide6.QtWidgets import QWidget

    from crane_desktop.views import dialogs
    from tests.conftest import run_async

    parent = QWidget()
    parent.show()
    asked = asyncio.ensure_future(dialogs.confirm(parent, "Delete", "Delete x?", "Delete"))
    qtbot.waitUntil(lambda: visible_box(parent) is not None, timeout=5000)
    parent.deleteLater()
    assert run_async(qtbot, asked, timeout=5000) is False
