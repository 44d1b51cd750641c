"""The service detail on the recorded cluster, without a swarm: the title, the task tree (slots, history,
failed tasks in red with their error, the global service's pending task), sorting, what the actions
allow or refuse before asking the engine, the spec view, the rollout line and the deleted state as the
store's diffs arrive, opening a task's container, and closing the tab."""

from __future__ import annotations

import dataclasses
import json

import pytest
import shiboken6
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QMessageBox

from crane_desktop.engine.diff import Diff
from crane_desktop.i18n import install_translators
from crane_desktop.models.tasks import CONTAINER, CREATED, ERROR, NODE, SLOT, STATE, TASK, UPDATED
from crane_desktop.views.container_detail import ContainerDetail
from crane_desktop.views.operations import CLOSED
from tests.conftest import run_async
from tests.gui.conftest import by_name

RED = "#c62828"
IMAGE = "127.0.0.1:5000/crane/busybox:1"


def open_service(workspace, name: str):
    return workspace.open_service(by_name("services", name).id)


def rows(detail, column: int, parent: QModelIndex = QModelIndex()) -> list[str]:  # noqa: B008
    """The texts of `column` in the order the (sorted) tree shows them."""
    proxy = detail.proxy
    return [proxy.index(row, column, parent).data() for row in range(proxy.rowCount(parent))]


def spec_form(detail) -> dict[str, dict[str, str]]:
    """The spec form as shown: {section: {label: value}}."""
    return detail.spec_view.readable.sections()


def change_service(context, name: str, **fields) -> None:
    """The watcher's diff of one changed service."""
    service = context.store.get("services")[by_name("services", name).id]
    context.store.apply("services", Diff(changed={service.id: dataclasses.replace(service, **fields)}))


@pytest.mark.parametrize(
    ("name", "mode"),
    [("shop_web", "replicated: 2 task(s)"), ("shop_agent", "global: one task per node")],
)
def test_title_names_the_image_and_the_mode(workspace, name, mode):
    detail = open_service(workspace, name)
    assert detail.title.text() == f"<b>{name}</b> — {IMAGE} — {mode}"


def test_a_slot_row_shows_its_current_task_and_keeps_its_history(workspace):
    detail = open_service(workspace, "shop_worker")
    assert rows(detail, SLOT) == ["slot 1"]
    assert rows(detail, STATE) == ["ready"]  # the task meant to run, not the newest failure
    slot = detail.proxy.index(0, 0)
    assert rows(detail, STATE, slot).count("failed") == 3
    assert rows(detail, NODE, slot) == ["node-1", "node-1", "node-1", "node-2"]


def test_failed_tasks_are_red_and_bold_with_their_error(workspace):
    detail = open_service(workspace, "shop_worker")
    slot = detail.proxy.index(0, 0)
    failed = [row for row, state in enumerate(rows(detail, STATE, slot)) if state == "failed"]
    assert len(failed) == 3
    for row in failed:
        error = detail.proxy.index(row, ERROR, slot)
        assert error.data() == "the container exited with code 3"
        assert error.data(Qt.ItemDataRole.ForegroundRole).color().name() == RED
        assert error.data(Qt.ItemDataRole.FontRole).bold()
    ready = detail.proxy.index(rows(detail, STATE, slot).index("ready"), ERROR, slot)
    assert ready.data() == "" and ready.data(Qt.ItemDataRole.ForegroundRole).color().name() != RED


def test_global_service_has_a_row_per_node_and_says_why_one_is_pending(workspace):
    detail = open_service(workspace, "shop_agent")
    assert sorted(rows(detail, SLOT)) == ["node-1", "node-2", "node-3", "node-4"]
    row = rows(detail, SLOT).index("node-3")
    assert detail.proxy.index(row, STATE).data() == "pending"
    assert detail.proxy.index(row, ERROR).data() == "Its node node-3 is paused: it takes no new tasks."
    assert detail.proxy.index(row, STATE).data(Qt.ItemDataRole.ToolTipRole) == (
        "Its node node-3 is paused: it takes no new tasks.\n"
        "pending task scheduling\n1 node not available for new tasks"
    )
    assert detail.proxy.index(row, CONTAINER).data() == ""  # it never started


def test_sorting_by_a_column_reorders_the_slots(workspace):
    detail = open_service(workspace, "shop_web")
    assert rows(detail, SLOT) == ["slot 1", "slot 2"]
    detail.tasks_view.sortByColumn(SLOT, Qt.SortOrder.DescendingOrder)
    assert rows(detail, SLOT) == ["slot 2", "slot 1"]
    detail.tasks_view.sortByColumn(NODE, Qt.SortOrder.AscendingOrder)
    assert rows(detail, NODE) == ["node-1", "node-4"]
    agent = open_service(workspace, "shop_agent")
    agent.tasks_view.sortByColumn(STATE, Qt.SortOrder.AscendingOrder)
    assert rows(agent, STATE) == ["pending", "running", "running", "running"]


def test_global_service_cannot_be_scaled(workspace):
    detail = open_service(workspace, "shop_agent")
    why = "A global service runs one task on every eligible node; it cannot be scaled."
    for widget in (detail.scale_button, detail.replicas):
        assert not widget.isEnabled() and widget.toolTip() == why
    web = open_service(workspace, "shop_web")
    assert web.scale_button.isEnabled() and web.scale_button.toolTip() == ""
    assert web.replicas.value() == 2


def test_roll_back_is_offered_only_with_a_previous_spec(workspace, recorded_context):
    detail = open_service(workspace, "shop_web")
    assert not detail.rollback_button.isEnabled()
    service = by_name("services", "shop_web")
    change_service(recorded_context, "shop_web", raw={**service.raw, "PreviousSpec": service.raw["Spec"]})
    assert detail.rollback_button.isEnabled()


def test_roll_back_asks_first_listing_what_goes_back(workspace, recorded_context, qtbot):
    detail = open_service(workspace, "shop_web")
    service = by_name("services", "shop_web")
    previous = json.loads(json.dumps(service.raw["Spec"]))
    previous["TaskTemplate"]["ContainerSpec"]["Image"] = "127.0.0.1:5000/crane/busybox:0"
    previous["Labels"] = {**previous.get("Labels", {}), "tier": "old"}
    change_service(recorded_context, "shop_web", raw={**service.raw, "PreviousSpec": previous})
    detail.rollback_button.click()
    qtbot.waitUntil(lambda: detail.findChild(QMessageBox, "confirmDialog") is not None)
    box = detail.findChild(QMessageBox, "confirmDialog")
    assert box.text() == "Roll back shop_web to its previous spec?"
    lines = box.informativeText().splitlines()
    assert lines[0].startswith("Applying this restarts every task of the service")
    image = f"Image: {IMAGE} -> 127.0.0.1:5000/crane/busybox:0"
    assert f"{image}  (restarts the tasks)" in lines
    labels = [line for line in lines if line.startswith("Labels")]
    assert labels and all(line.endswith("(no restart)") and "old" in line for line in labels)
    box.button(QMessageBox.StandardButton.Cancel).click()  # nothing sent: no session to send it to
    qtbot.waitUntil(lambda: detail.findChild(QMessageBox, "confirmDialog") is None)


@pytest.mark.parametrize("image", ["", "   ", "busybox latest"])
def test_image_field_refuses_an_empty_name_or_spaces_without_asking_the_engine(workspace, qtbot, image):
    detail = open_service(workspace, "shop_web")
    detail.image_edit.setText(image)
    run_async(qtbot, detail.update_image())
    assert RED in detail.image_edit.styleSheet()
    assert detail.image_edit.toolTip() == "Give an image name (no spaces)."
    # had it asked the engine, the disconnected context would have shown "not connected"
    assert detail.findChild(QMessageBox, "errorDialog") is None
    assert detail.image_button.isEnabled()


def test_scale_while_disconnected_shows_the_error_and_gives_the_buttons_back(workspace, qtbot):
    detail = open_service(workspace, "shop_web")
    detail.replicas.setValue(3)
    run_async(qtbot, detail.scale())
    box = detail.findChild(QMessageBox, "errorDialog")
    assert box is not None and box.isVisible()
    assert box.windowTitle() == "Cannot scale the service"
    assert box.text() == "Not connected to a cluster."
    assert box.informativeText() == "Connect to a cluster first (Cluster › Connect…)."
    for button in (detail.scale_button, detail.image_button, detail.edit_button, detail.replicas):
        assert button.isEnabled(), button.objectName()
    assert not detail.rollback_button.isEnabled()  # still no previous spec
    assert detail.replicas.value() == 3  # what the operator typed stays


def test_spec_is_a_form_with_raw_json_one_click_away(workspace):
    detail = open_service(workspace, "shop_web")
    detail.tabs.setCurrentWidget(detail.spec_view)
    form = spec_form(detail)
    assert list(form) == [
        "Basic info",
        "Network config",
        "Container settings",
        "Resources and placement",
        "Restart policy",
        "Update policy",
        "Rollback policy",
    ]
    basic = form["Basic info"]
    assert basic["Mode"] == "replicated × 2"
    assert basic["App"] == "shop" and basic["Image"] == IMAGE
    assert form["Network config"]["Networks"] == "shop_backend"  # the network's name, not its id
    # sizes as every form and the capacity page write them (not the deploy form's "16M")
    assert form["Resources and placement"] == {"Limits": "0.5 CPU", "Reservations": "16.0 MiB"}
    assert form["Update policy"] == {
        "Parallelism": "1",
        "Delay": "0s",
        "Failure action": "pause",
        "Monitor": "5s",
        "Max failure ratio": "0",
        "Order": "stop-first",
    }
    assert form["Restart policy"] == {
        "Restart condition": "any",
        "Restart delay": "5s",
        "Restart max attempts": "no limit",  # the engine's 0
    }
    image = detail.spec_view.readable.value("Basic info", "Image")
    assert image.isVisible() and image.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    view = detail.spec_view
    assert view.readable.isVisible() and not view.raw.isVisible()
    view.toggle.click()
    assert view.raw.isVisible() and not view.readable.isVisible() and view.toggle.text() == "Show readable"
    raw = json.loads(view.raw.toPlainText())
    assert raw["Spec"]["Name"] == "shop_web"
    view.toggle.click()
    assert view.readable.isVisible() and view.toggle.text() == "Show raw JSON"


def test_a_service_change_updates_title_and_spec_in_place(workspace, recorded_context):
    detail = open_service(workspace, "shop_web")
    detail.tabs.setCurrentWidget(detail.spec_view)
    form = detail.spec_view.readable
    mode, image, parallelism = (
        form.value("Basic info", "Mode"),
        form.value("Basic info", "Image"),
        form.value("Update policy", "Parallelism"),
    )
    service = by_name("services", "shop_web")
    raw = json.loads(json.dumps(service.raw))
    raw["Spec"]["Mode"]["Replicated"]["Replicas"] = 5
    raw["Spec"]["TaskTemplate"]["ContainerSpec"]["Image"] = "nginx:1.27"
    raw["Spec"]["UpdateConfig"] = {
        **raw["Spec"].get("UpdateConfig", {}),
        "Parallelism": 2,
        "Delay": 90 * 10**9,
    }
    change_service(recorded_context, "shop_web", replicas=5, image="nginx:1.27", raw=raw)
    assert detail.title.text().endswith("replicated: 5 task(s)")
    assert detail.replicas.value() == 5
    # the same fields, their values changed in place
    assert form.value("Basic info", "Mode") is mode and mode.text() == "replicated × 5"
    assert form.value("Basic info", "Image") is image and image.text() == "nginx:1.27"
    assert form.value("Update policy", "Parallelism") is parallelism and parallelism.text() == "2"
    assert spec_form(detail)["Update policy"]["Delay"] == "1m30s"
    assert json.loads(detail.spec_view.raw.toPlainText())["Spec"]["UpdateConfig"]["Parallelism"] == 2


@pytest.mark.parametrize(
    ("state", "message", "words", "red"),
    [
        ("updating", "update in progress", "updating", False),
        ("paused", "update paused due to failure or early termination of task x", "paused", True),
        ("rollback_completed", "rollback completed", "rolled back", True),
    ],
)
def test_rollout_line_follows_the_update_state(workspace, recorded_context, state, message, words, red):
    detail = open_service(workspace, "shop_web")
    assert detail.rollout.text() == ""
    change_service(recorded_context, "shop_web", update_state=state, update_message=message)
    assert detail.rollout.text() == (f"Update: {words} — 2 of 2 task(s) running the new spec — {message}")
    assert (RED in detail.rollout.styleSheet()) is red


def test_rollout_counts_tasks_on_the_new_image(workspace, recorded_context):
    detail = open_service(workspace, "shop_web")
    change_service(recorded_context, "shop_web", update_state="updating", update_message="")
    task = recorded_context.store.get("tasks")["dp9lf43qvoj2l4dg9ttcpz4a1"]
    recorded_context.store.apply(
        "tasks", Diff(changed={task.id: dataclasses.replace(task, image="127.0.0.1:5000/crane/busybox:0")})
    )
    assert detail.rollout.text() == "Update: updating — 1 of 2 task(s) running the new spec"


def test_a_deleted_service_says_so_and_its_actions_are_disabled(workspace, recorded_context):
    detail = open_service(workspace, "shop_web")
    service_id = by_name("services", "shop_web").id
    recorded_context.store.apply("services", Diff(removed={service_id: by_name("services", "shop_web")}))
    assert detail.title.text() == "shop_web (deleted)"
    for widget in (
        detail.scale_button,
        detail.image_button,
        detail.edit_button,
        detail.rollback_button,
        detail.replicas,
    ):
        assert not widget.isEnabled(), widget.objectName()
    assert rows(detail, SLOT) == ["slot 1", "slot 2"]  # the tasks stay to be read


def test_activating_a_task_opens_its_container_tab(workspace):
    detail = open_service(workspace, "shop_web")
    row = rows(detail, NODE).index("node-4")
    detail.tasks_view.activated.emit(detail.proxy.index(row, TASK))
    container = workspace.tabs.currentWidget()
    assert isinstance(container, ContainerDetail)
    assert container.container_id.startswith("d029d439fe62")
    assert workspace.tabs.tabText(workspace.tabs.currentIndex()) == "r3rrcvnpjn0n"
    assert workspace.breadcrumb.text() == "Nodes › node-4 › r3rrcvnpjn0n"


def test_activating_a_task_without_a_container_opens_nothing(workspace):
    detail = open_service(workspace, "shop_agent")
    row = rows(detail, SLOT).index("node-3")
    detail.tasks_view.activated.emit(detail.proxy.index(row, TASK))
    assert workspace.tabs.currentWidget() is detail and workspace.tabs.count() == 2


def test_closing_the_tab_stops_following_the_store(workspace, recorded_context, qtbot):
    detail = open_service(workspace, "shop_web")
    workspace.close_detail(workspace.tabs.indexOf(detail))
    assert workspace.tabs.count() == 1
    assert detail.property(CLOSED)
    service_id = by_name("services", "shop_web").id
    recorded_context.store.apply("services", Diff(removed={service_id: by_name("services", "shop_web")}))
    assert detail.title.text() != "shop_web (deleted)"  # no longer listening
    qtbot.waitUntil(lambda: not shiboken6.isValid(detail))
    assert workspace.open_service(service_id) is not detail


def test_the_time_columns_are_as_wide_as_their_text_at_the_default_size(workspace):
    """The failed tasks of a slot's history are bold: their times too are read whole once expanded."""
    detail = open_service(workspace, "shop_worker")
    view, proxy = detail.tasks_view, detail.proxy
    view.expandAll()
    slot = proxy.index(0, SLOT)
    for column in (CREATED, UPDATED):
        cells = [proxy.index(row, column, slot) for row in range(proxy.rowCount(slot))]
        assert any(cell.data(Qt.ItemDataRole.FontRole) for cell in cells)  # a failed (bold) task among them
        for cell in cells:
            font = cell.data(Qt.ItemDataRole.FontRole) or view.font()
            text_width = QFontMetrics(font).horizontalAdvance(cell.data())
            assert view.header().sectionSize(column) >= text_width + 4, cell.data()  # not "2026-11-29 1…"


@pytest.fixture
def english(qapp):
    """The English catalogue the app installs (its plurals)."""
    installed = install_translators(qapp, "en")
    yield
    for translator in installed:
        qapp.removeTranslator(translator)


def test_the_header_and_the_rollout_say_task_counts_in_english_plurals(english, workspace, recorded_context):
    """They said "replicated: 1 task(s)" and "1 of 2 task(s)": the count was put in with %1."""
    assert open_service(workspace, "shop_worker").title.text().endswith("replicated: 1 task")
    web = open_service(workspace, "shop_web")
    assert web.title.text().endswith("replicated: 2 tasks")
    change_service(recorded_context, "shop_web", update_state="updating", update_message="")
    assert web.rollout.text() == "Update: updating — 2 of 2 tasks running the new spec"
