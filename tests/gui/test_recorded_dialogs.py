"""The dialogs on the recorded cluster, without a swarm: the deploy dialog refuses a bad compose file at
its line and bad form fields under each field, offers the store's networks and node-label constraints,
locks what an update cannot change, and keeps the input when it cannot reach the engine; the labels
editor refuses duplicate or empty keys before sending; `confirm` and `show_error` as operators see them
(a question whose parent closes is a no: test_destructive_actions_ask.py)."""

from __future__ import annotations

import asyncio
import copy
from dataclasses import replace

import docker.errors
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton, QTableWidgetItem, QWidget

from crane_desktop.engine.diff import Diff
from crane_desktop.views import dialogs
from crane_desktop.views.deploy_dialog import DeployDialog
from crane_desktop.views.node_dialogs import LabelsDialog
from crane_desktop.views.operations import NotConnected
from tests.conftest import run_async
from tests.gui.conftest import by_name
from tests.gui.test_deploy_dialog import set_text

IMAGE = "127.0.0.1:5000/crane/busybox:1"
NOT_CONNECTED = "Not connected to a cluster."
BAD_FIELDS = {
    "name": "bad name",
    "replicas": "two",
    "memory_limit": "lots",
    "ports": "8080:http",
    "update.delay": "soon",
}


def error_box(widget: QWidget) -> QMessageBox | None:
    box = widget.findChild(QMessageBox, "errorDialog")
    return box if box is not None and box.isVisible() else None


@pytest.mark.parametrize(
    ("text", "error", "line"),
    [
        (
            f"version: '3.8'\nservices:\n  web:\n    image: {IMAGE}\n    deploy:\n      replica_count: 2\n",
            "Line 6, services.web.deploy.replica_count: unknown key “replica_count”",
            6,
        ),
        (
            "version: '3.8'\nservices:\n  web:\n    command: sleep 3600\n",
            "Line 3, services.web: the service needs an image",
            3,
        ),
        (
            f"version: '3.8'\nservices:\n  web:\n    image: {IMAGE}\n    ports:\n      - \"80:http\"\n",
            "Line 6, services.web.ports[0]: “80:http” is not a port (e.g. 8080:80/tcp)",
            6,
        ),
    ],
)
def test_compose_errors_point_at_their_line_and_key(deploy, qtbot, text, error, line):
    deploy.app_edit.setText("shop2")
    deploy.compose_tab.editor.setPlainText(text)
    run_async(qtbot, deploy.deploy())
    assert deploy.compose_tab.error_label.text() == error
    assert deploy.compose_tab.editor.textCursor().blockNumber() == line - 1  # the cursor is on it
    assert deploy.isVisible() and error_box(deploy) is None  # nothing was sent


VALID_UNCONNECTED = (
    "The file is valid. Not connected: the external networks, secrets and configs it uses are checked "
    "once connected."
)


def test_check_says_a_good_file_is_valid(deploy, qtbot):
    deploy.compose_tab.editor.setPlainText(f"services:\n  web:\n    image: {IMAGE}\n")
    deploy.compose_tab.findChild(QPushButton, "composeCheckButton").click()
    qtbot.waitUntil(lambda: deploy.compose_tab.error_label.text() == VALID_UNCONNECTED)


def test_form_field_errors_appear_under_each_field(deploy, qtbot):
    deploy.tabs.setCurrentWidget(deploy.form_tab)
    for key, text in BAD_FIELDS.items():
        set_text(deploy, key, text)
    set_text(deploy, "image", IMAGE)
    run_async(qtbot, deploy.deploy())
    errors = deploy.form_tab.errors
    for key in BAD_FIELDS:
        assert errors[key].isVisibleTo(deploy) and errors[key].text(), key
    assert "Line 1" in errors["ports"].text()
    assert not errors["image"].isVisibleTo(deploy)
    assert deploy.status.text() == "Correct the fields marked in red."
    assert error_box(deploy) is None  # refused before the engine was asked
    set_text(deploy, "replicas", "2")
    run_async(qtbot, deploy.deploy())
    assert not errors["replicas"].isVisibleTo(deploy) and errors["name"].isVisibleTo(deploy)


def test_form_shows_its_compose_text(deploy):
    deploy.tabs.setCurrentWidget(deploy.form_tab)
    set_text(deploy, "name", "api")
    set_text(deploy, "image", IMAGE)
    set_text(deploy, "replicas", "3")
    deploy.form_tab.findChild(QPushButton, "showComposeButton").click()
    preview = deploy.form_tab.preview
    assert preview.isVisibleTo(deploy)
    assert "  api:" in preview.toPlainText() and "replicas: 3" in preview.toPlainText()


def listed_networks(deploy: DeployDialog) -> list[str]:
    picker = deploy.form_tab.network_picker
    return [picker.list.item(row).text() for row in range(picker.list.count())]


def test_networks_are_chosen_by_label_in_the_form_and_follow_the_store(deploy, recorded_context):
    """发布新服务时通过标签选择网络: the picker in the form, live as networks come and go."""
    deploy.tabs.setCurrentWidget(deploy.form_tab)
    picker = deploy.form_tab.network_picker
    assert picker.isVisibleTo(deploy)
    assert listed_networks(deploy) == ["shop_backend"]  # not ingress
    assert deploy.form_tab.form().networks == []
    backend = by_name("networks", "shop_backend")
    frontend = replace(backend, id="frontendid", name="shop_frontend", labels=(("tier", "frontend"),))
    edge = replace(backend, id="edgeid", name="shop_edge", labels=(("tier", "frontend"), ("zone", "west")))
    recorded_context.store.apply("networks", Diff(added={frontend.id: frontend, edge.id: edge}))
    assert listed_networks(deploy) == ["shop_backend", "shop_edge", "shop_frontend"]

    picker.by_label.click()
    picker.label_combo.setEditText("tier=frontend")
    assert picker.matches.text() == "Networks with this label: shop_edge, shop_frontend"
    assert deploy.form_tab.form().networks == ["shop_edge", "shop_frontend"]
    # a network removed while the dialog is open is no longer chosen
    recorded_context.store.apply("networks", Diff(removed=frozenset({edge.id})))
    assert deploy.form_tab.form().networks == ["shop_frontend"]
    assert picker.matches.text() == "Networks with this label: shop_frontend"

    picker.by_name.click()
    picker.list.item(0).setCheckState(Qt.CheckState.Checked)
    assert deploy.form_tab.form().networks == ["shop_backend"]


def test_enter_in_the_network_picker_does_not_deploy(deploy, qtbot):
    deploy.tabs.setCurrentWidget(deploy.form_tab)
    picker = deploy.form_tab.network_picker
    clicks: list[bool] = []
    deploy.deploy_button.clicked.connect(lambda: clicks.append(True))  # the dialog's default button
    picker.by_label.click()
    edit = picker.label_combo.lineEdit()
    edit.setFocus()
    qtbot.keyClicks(edit, "tier=backend")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    picker.by_name.click()
    picker.list.setFocus()
    picker.list.setCurrentRow(0)
    qtbot.keyClick(picker.list, Qt.Key.Key_Enter)
    assert clicks == [] and deploy.isVisible()
    # Enter elsewhere in the form still presses Deploy (here: refused, the fields are empty)
    name = deploy.form_tab.inputs["name"]
    name.setFocus()
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert clicks == [True]
    qtbot.waitUntil(lambda: deploy.status.text() == "Correct the fields marked in red.")


def test_constraints_are_suggested_from_the_node_labels(deploy):
    pick = deploy.form_tab.constraint_pick
    offered = [pick.itemData(row) for row in range(1, pick.count())]
    assert "node.labels.zone == west" in offered
    assert {f"node.hostname == node-{n}" for n in range(1, 5)} <= set(offered)
    assert offered[:2] == ["node.role == manager", "node.role == worker"]
    pick.activated.emit(offered.index("node.labels.zone == west") + 1)
    pick.activated.emit(1)
    assert deploy.form_tab.form().constraints == ["node.labels.zone == west", "node.role == manager"]
    assert pick.currentIndex() == 0


def test_update_form_is_filled_from_the_service_and_locks_what_cannot_change(qtbot, recorded_context, parent):
    dialog = DeployDialog(recorded_context, parent, service=by_name("services", "shop_web"))
    dialog.open()
    assert dialog.windowTitle() == "Update shop_web" and dialog.deploy_button.text() == "Update"
    assert dialog.tabs.count() == 1 and dialog.tabs.currentWidget() is dialog.form_tab
    assert not dialog.prune_box.isVisibleTo(dialog)  # a compose deploy's choice, nothing of a service's
    form = dialog.form_tab.form()
    assert (form.app, form.name, form.image, form.replicas) == ("shop", "web", IMAGE, "2")
    assert form.networks == ["shop_backend"]
    for key in ("mode", "endpoint_mode", "name", "app"):
        field = dialog.form_tab.inputs[key]
        assert not field.isEnabled(), key
        assert field.toolTip().startswith("Cannot change: the engine keeps a service's mode"), key
        assert dialog.form_tab.errors[key].isVisibleTo(dialog), key
    assert dialog.form_tab.inputs["image"].isEnabled()
    # 网络模式不可更改: shown, ticked, locked, saying why
    picker = dialog.form_tab.network_picker
    assert not picker.isEnabled() and picker.list.item(0).checkState() == Qt.CheckState.Checked
    assert picker.toolTip().startswith("The network mode cannot be changed on update")
    assert dialog.form_tab.errors["networks"].text() == picker.toolTip()
    assert dialog.changes_view.toPlainText() == "No changes."


def update_dialog(qtbot, recorded_context, parent, name: str) -> DeployDialog:
    dialog = DeployDialog(recorded_context, parent, service=by_name("services", name))
    dialog.open()
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_update_form_marks_the_changes_that_restart_tasks(qtbot, recorded_context, parent):
    dialog = update_dialog(qtbot, recorded_context, parent, "shop_web")
    changes = dialog.changes_view
    assert changes.isVisibleTo(dialog)
    assert not dialog.prune_box.isVisibleTo(dialog)  # an app's choice: not over the service's form
    set_text(dialog, "replicas", "4")
    set_text(dialog, "update.parallelism", "2")
    qtbot.waitUntil(lambda: changes.toPlainText().startswith("Applying this restarts no task"))
    lines = changes.toPlainText().splitlines()[1:]
    assert "Task count: 2 -> 4  (no restart)" in lines
    assert "Update policy · Parallelism: - -> 2  (no restart)" in lines  # the service had no policy
    assert "Update policy · Monitor: - -> 5s  (no restart)" in lines  # durations read as typed
    assert all(line.endswith("(no restart)") for line in lines)

    set_text(dialog, "env", "DB_PASSWORD=secret\nMODE=dev")
    qtbot.waitUntil(lambda: "MODE=dev" in changes.toPlainText())
    text = changes.toPlainText()
    assert text.startswith("Applying this restarts every task of the service")
    assert (
        "Environment variables: DB_PASSWORD=secret, MODE=prod -> DB_PASSWORD=secret, MODE=dev"
        "  (restarts the tasks)"
    ) in text.splitlines()
    assert "Task count: 2 -> 4  (no restart)" in text.splitlines()

    # the service changed meanwhile (another operator): compared with the spec as it is now
    web = by_name("services", "shop_web")
    spec = copy.deepcopy(web.raw["Spec"])
    spec["TaskTemplate"]["ContainerSpec"]["Env"] = ["DB_PASSWORD=secret", "MODE=dev"]
    newer = replace(web, raw={**web.raw, "Spec": spec})
    recorded_context.store.apply("services", Diff(changed={web.id: newer}))
    qtbot.waitUntil(lambda: "Environment variables" not in changes.toPlainText())
    assert changes.toPlainText().startswith("Applying this restarts no task")

    set_text(dialog, "replicas", "many")
    qtbot.waitUntil(lambda: changes.toPlainText().startswith("Correct the fields marked in red"))


def test_compose_check_of_an_existing_app_says_what_changes_per_service(deploy, qtbot):
    web = by_name("services", "shop_web").raw["Spec"]["TaskTemplate"]["ContainerSpec"]
    deploy.app_edit.setText("shop")
    deploy.compose_tab.editor.setPlainText(
        "services:\n"
        "  web:\n"
        f"    image: {web['Image']}\n"
        "    command: [sleep, '7200']\n"
        "  cache:\n"
        f"    image: {IMAGE}\n"
    )
    deploy.compose_tab.findChild(QPushButton, "composeCheckButton").click()
    review = deploy.compose_tab.review
    qtbot.waitUntil(lambda: review.isVisibleTo(deploy))
    lines = review.toPlainText().splitlines()
    assert lines[0] == "The app shop exists; deploying this file:"
    assert "shop_cache: created" in lines
    assert "shop_web: updated, restarts its tasks" in lines
    assert "    Start command: sleep, 3600 -> sleep, 7200  (restarts the tasks)" in lines
    assert not any("shop_agent" in line or "removed" in line for line in lines)  # kept without --prune
    deploy.prune_box.setChecked(True)
    assert not review.isVisibleTo(deploy)  # what it said no longer holds
    deploy.compose_tab.findChild(QPushButton, "composeCheckButton").click()
    qtbot.waitUntil(lambda: review.isVisibleTo(deploy))
    assert {"shop_agent: removed", "shop_worker: removed"} <= set(review.toPlainText().splitlines())
    # an app that does not exist: no review
    deploy.app_edit.setText("newshop")
    deploy.compose_tab.findChild(QPushButton, "composeCheckButton").click()
    qtbot.waitUntil(lambda: not review.isVisibleTo(deploy))
    qtbot.waitUntil(lambda: deploy.compose_tab.error_label.text() == VALID_UNCONNECTED)


def test_deploying_while_disconnected_shows_the_error_and_keeps_the_input(deploy, qtbot):
    deploy.tabs.setCurrentWidget(deploy.form_tab)
    set_text(deploy, "name", "api")
    set_text(deploy, "image", IMAGE)
    set_text(deploy, "env", "COLOR=blue")
    run_async(qtbot, deploy.deploy())
    box = error_box(deploy)
    assert box is not None and box.windowTitle() == "Cannot deploy" and box.text() == NOT_CONNECTED
    assert deploy.isVisible() and deploy.deploy_button.isEnabled()
    assert deploy.status.text() == ""
    form = deploy.form_tab.form()
    assert (form.name, form.image, form.env) == ("api", IMAGE, ["COLOR=blue"])


@pytest.fixture
def labels(qtbot, recorded_context, parent) -> LabelsDialog:
    dialog = LabelsDialog(parent, recorded_context.operations, by_name("nodes", "node-3"))
    dialog.open()
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def label_rows(dialog: LabelsDialog) -> list[tuple[str, str]]:
    table = dialog.table
    return [(table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())]


def test_labels_editor_lists_the_nodes_labels(labels):
    assert labels.windowTitle() == "Labels of node-3"
    assert label_rows(labels) == [("zone", "west")]


@pytest.mark.parametrize(
    ("key", "problem"),
    [
        ("zone", "Row 2: The key “zone” appears twice."),
        ("", "Row 2: A label key cannot be empty."),
        ("rack id", "Row 2: A label key cannot contain “=”, spaces or control characters."),
    ],
)
def test_labels_editor_refuses_a_bad_key_before_sending(labels, qtbot, key, problem):
    labels.add_button.click()
    labels.table.setItem(1, 0, QTableWidgetItem(key))
    labels.table.setItem(1, 1, QTableWidgetItem("east"))
    run_async(qtbot, labels.apply())
    # had it been sent, the disconnected context would have answered "not connected"
    assert labels.error_label.text() == problem and labels.error_label.isVisible()
    assert labels.table.currentRow() == 1 and labels.isVisible() and labels.apply_button.isEnabled()


def test_labels_editor_ignores_blank_rows_and_keeps_the_edit_when_it_cannot_send(labels, qtbot):
    labels.add_button.click()  # left blank
    labels.add_button.click()
    labels.table.setItem(2, 0, QTableWidgetItem("rack"))
    labels.table.setItem(2, 1, QTableWidgetItem("r1"))
    assert labels.labels() == ({"zone": "west", "rack": "r1"}, "")
    run_async(qtbot, labels.apply())
    assert labels.error_label.text().startswith(NOT_CONNECTED)
    assert labels.isVisible() and label_rows(labels)[2] == ("rack", "r1")


def test_confirm_defaults_to_cancel_and_answers_what_was_clicked(parent, qtbot, loop):
    for click, answer in (("cancel", False), ("confirm", True)):
        asked = asyncio.ensure_future(
            dialogs.confirm(parent, "Remove", "Remove shop?", "Remove", details="Its services stop.")
        )
        qtbot.waitUntil(lambda: parent.findChild(QMessageBox, "confirmDialog") is not None)
        box = parent.findChild(QMessageBox, "confirmDialog")
        qtbot.waitUntil(box.isVisible)
        assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
        assert box.text() == "Remove shop?" and box.informativeText() == "Its services stop."
        button = box.findChild(QPushButton, "confirmButton")
        assert button.text() == "Remove"
        (box.button(QMessageBox.StandardButton.Cancel) if click == "cancel" else button).click()
        assert run_async(qtbot, asked, timeout=5000) is answer
        qtbot.waitUntil(lambda: parent.findChild(QMessageBox, "confirmDialog") is None)


def test_show_error_in_plain_words_with_the_hint(parent):
    dialogs.show_error(parent, "Cannot scale the service", NotConnected())
    box = error_box(parent)
    assert box is not None and box.icon() == QMessageBox.Icon.Critical
    assert box.text() == NOT_CONNECTED
    assert box.informativeText() == "Connect to a cluster first (Cluster › Connect…)."
    assert box.detailedText() == ""


def test_show_error_keeps_the_engines_raw_text_in_the_details(parent):
    raw = 'invalid mount config for type "bind": bind source path does not exist: /srv/x'
    dialogs.show_error(parent, "Cannot deploy", docker.errors.APIError("400 Client Error", explanation=raw))
    box = error_box(parent)
    assert box.windowTitle() == "Cannot deploy"
    assert box.text() == f"The engine refused the request: {raw}"
    assert box.detailedText() == raw
