"""The deploy dialog against the real swarm: a bad compose file is refused at its line and creates
nothing; a good one deploys; the form refuses bad fields before sending, creates a replicated and a
global service, shows its compose text; the update form locks the mode fields, marks before Apply which
changes restart the tasks, and the engine agrees: a policy-only update keeps the tasks, an image + env
update replaces them."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit
from shiboken6 import isValid

from crane_desktop.views.deploy_dialog import DeployDialog
from tests.gui.apps_helpers import app_row
from tests.swarm import IMAGE, docker, docker_json, unique

IMAGE_2 = IMAGE.rsplit(":", 1)[0] + ":2"


def open_dialog(window, qtbot) -> DeployDialog:
    window.show_page("apps")
    page = window.page_widgets["apps"]
    page.deploy_button.click()

    def visible() -> list[DeployDialog]:
        return [d for d in window.findChildren(DeployDialog, "deployDialog") if d.isVisible()]

    qtbot.waitUntil(lambda: bool(visible()))
    return visible()[0]


def closed(dialog: DeployDialog) -> bool:
    return not isValid(dialog) or not dialog.isVisible()


def field(dialog, key: str):
    return dialog.form_tab.inputs[key]


def set_text(dialog, key: str, text: str) -> None:
    widget = field(dialog, key)
    if isinstance(widget, QLineEdit):
        widget.setText(text)
    else:
        assert isinstance(widget, QPlainTextEdit)
        widget.setPlainText(text)


def services_named(prefix: str) -> list[str]:
    return sorted(docker(1, "service", "ls", "--format", "{{.Name}}", "--filter", f"name={prefix}").split())


def test_compose_errors_at_their_line_then_deploy(connected_window, qtbot):
    window = connected_window
    dialog = open_dialog(window, qtbot)
    name = unique("gdep")
    dialog.app_edit.setText(name)
    editor = dialog.compose_tab.editor
    editor.setPlainText(
        f"version: '3.8'\nservices:\n  web:\n    image: {IMAGE}\n    deploy:\n      replica_count: 2\n"
    )
    dialog.deploy_button.click()
    qtbot.waitUntil(lambda: "Line 6" in dialog.compose_tab.error_label.text())
    assert "services.web.deploy.replica_count" in dialog.compose_tab.error_label.text()
    assert editor.textCursor().blockNumber() == 5  # the cursor is put on the bad line
    assert dialog.isVisible()
    assert services_named(name) == []
    try:
        editor.setPlainText(
            f"version: '3.8'\nservices:\n  web:\n    image: {IMAGE}\n    command: sleep 3600\n"
            "    deploy:\n      replicas: 0\n"
        )
        dialog.deploy_button.click()
        qtbot.waitUntil(lambda: closed(dialog), timeout=20000)
        page = window.page_widgets["apps"]
        qtbot.waitUntil(lambda: app_row(page, name).isValid(), timeout=20000)
        assert services_named(name) == [f"{name}_web"]
    finally:
        docker(1, "stack", "rm", name, check=False)


def test_form_refuses_bad_fields_then_creates_services(connected_window, qtbot, service_names, tmp_path):
    window = connected_window
    dialog = open_dialog(window, qtbot)
    dialog.tabs.setCurrentWidget(dialog.form_tab)
    name = unique("gform")
    set_text(dialog, "name", "bad name")
    set_text(dialog, "image", IMAGE)
    set_text(dialog, "replicas", "two")
    set_text(dialog, "memory_limit", "lots")
    set_text(dialog, "ports", "8080:http")
    set_text(dialog, "update.delay", "soon")
    dialog.deploy_button.click()
    errors = dialog.form_tab.errors
    qtbot.waitUntil(lambda: errors["name"].isVisibleTo(dialog))
    for key in ("replicas", "memory_limit", "ports", "update.delay"):
        assert errors[key].isVisibleTo(dialog), key
    assert "Line 1" in errors["ports"].text()
    assert not errors["image"].isVisibleTo(dialog)
    assert dialog.isVisible()

    service_names.append(name)
    set_text(dialog, "name", name)
    set_text(dialog, "replicas", "2")
    set_text(dialog, "memory_limit", "32M")
    set_text(dialog, "ports", "")
    set_text(dialog, "update.delay", "1s")
    set_text(dialog, "args", "sleep 3600")
    set_text(dialog, "env", "COLOR=blue")
    dialog.form_tab.findChild(type(dialog.deploy_button), "showComposeButton").click()
    assert f"{name}:" in dialog.form_tab.preview.toPlainText()
    assert "replicas: 2" in dialog.form_tab.preview.toPlainText()
    dialog.deploy_button.click()
    qtbot.waitUntil(lambda: closed(dialog), timeout=20000)
    spec = docker_json(1, "service", "inspect", name)[0]["Spec"]
    assert spec["Mode"] == {"Replicated": {"Replicas": 2}}
    assert spec["TaskTemplate"]["Resources"]["Limits"]["MemoryBytes"] == 32 * 1024 * 1024
    assert spec["TaskTemplate"]["ContainerSpec"]["Env"] == ["COLOR=blue"]
    assert spec["UpdateConfig"]["Delay"] == 10**9

    # a global service, in an app
    dialog = open_dialog(window, qtbot)
    dialog.tabs.setCurrentWidget(dialog.form_tab)
    app = unique("gformapp")
    set_text(dialog, "app", app)
    set_text(dialog, "name", "agent")
    set_text(dialog, "image", IMAGE)
    set_text(dialog, "args", "sleep 3600")
    mode = field(dialog, "mode")
    mode.setCurrentIndex(mode.findData("global"))
    try:
        dialog.deploy_button.click()
        qtbot.waitUntil(lambda: closed(dialog), timeout=20000)
        spec = docker_json(1, "service", "inspect", f"{app}_agent")[0]["Spec"]
        assert spec["Mode"] == {"Global": {}}
        assert spec["Labels"]["com.docker.stack.namespace"] == app
    finally:
        docker(1, "stack", "rm", app, check=False)


def test_update_form_locks_modes_and_marks_what_restarts_tasks(connected_window, qtbot, service_names):
    window = connected_window
    name = unique("gupd")
    service_names.append(name)
    docker(
        1, "service", "create", "--detach", "--name", name, "--replicas", "2", "--stop-grace-period", "1s",
        "--update-parallelism", "0", IMAGE, "sleep", "3600",
    )  # fmt: skip
    service_id = docker(1, "service", "inspect", "--format", "{{.ID}}", name)
    qtbot.waitUntil(lambda: service_id in window.store.get("services"), timeout=10000)
    detail = window.open_service(service_id)
    qtbot.waitUntil(
        lambda: len([s for s in detail.model.slots() if detail.model.current(s).state == "running"]) == 2,
        timeout=30000,
    )
    before = sorted(docker(1, "service", "ps", "-q", name).split())

    def visible() -> list[DeployDialog]:
        return [d for d in detail.findChildren(DeployDialog, "deployDialog") if d.isVisible()]

    def edit() -> DeployDialog:
        detail.edit_button.click()
        qtbot.waitUntil(lambda: bool(visible()))
        return visible()[0]

    dialog = edit()
    for key in ("mode", "endpoint_mode", "name", "app"):
        assert not field(dialog, key).isEnabled(), key
    assert "cannot change" in dialog.form_tab.errors["mode"].text().lower()
    assert field(dialog, "image").text() == IMAGE

    # policy only: same tasks
    version = docker_json(1, "service", "inspect", name)[0]["Version"]["Index"]
    set_text(dialog, "update.parallelism", "3")
    qtbot.waitUntil(lambda: "Update policy · Parallelism" in dialog.changes_view.toPlainText())
    marks = dialog.changes_view.toPlainText()
    assert marks.startswith("Applying this restarts no task"), marks
    dialog.deploy_button.click()
    qtbot.waitUntil(lambda: closed(dialog), timeout=20000)
    spec = docker_json(1, "service", "inspect", name)[0]
    assert spec["Version"]["Index"] > version
    assert spec["Spec"]["UpdateConfig"]["Parallelism"] == 3

    # image + env: every slot gets one new task; had the policy edit restarted them there would be two
    dialog = edit()
    set_text(dialog, "image", IMAGE_2)
    set_text(dialog, "env", "COLOR=green")
    qtbot.waitUntil(lambda: "COLOR=green" in dialog.changes_view.toPlainText())
    marks = dialog.changes_view.toPlainText().splitlines()
    assert marks[0].startswith("Applying this restarts every task"), marks
    assert "Environment variables: - -> COLOR=green  (restarts the tasks)" in marks
    dialog.deploy_button.click()
    qtbot.waitUntil(lambda: closed(dialog), timeout=20000)
    qtbot.waitUntil(lambda: detail.service.update_state == "completed", timeout=60000)
    after = sorted(docker(1, "service", "ps", "-q", name).split())
    assert set(before) <= set(after) and len(after) == 4
    running = docker(1, "service", "ps", "-q", "--filter", "desired-state=running", name).split()
    assert len(running) == 2 and not set(running) & set(before)
    spec = docker_json(1, "service", "inspect", name)[0]["Spec"]
    assert spec["TaskTemplate"]["ContainerSpec"]["Env"] == ["COLOR=green"]
    assert spec["TaskTemplate"]["ContainerSpec"]["Image"].startswith(IMAGE_2)
    assert spec["UpdateConfig"]["Parallelism"] == 3
