"""The service detail against the real swarm: the task tree keeps slot history through scale 3 -> 1 -> 4,
an image update rolls out and "Roll back" returns the previous image, failed tasks stand out with their
error, a global service says it cannot be scaled, and the spec is readable with raw JSON one click away."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from crane_desktop.models.tasks import ERROR, STATE
from tests.swarm import IMAGE, docker, docker_json, unique

IMAGE_2 = IMAGE.rsplit(":", 1)[0] + ":2"
FAST = (
    "--stop-grace-period", "1s", "--update-parallelism", "0", "--rollback-parallelism", "0",
    "--update-monitor", "1s", "--rollback-monitor", "1s",
)  # fmt: skip


def create(service_names, *args: str) -> str:
    name = unique("gsvc")
    service_names.append(name)
    docker(1, "service", "create", "--detach", "--name", name, *FAST, *args)
    return docker(1, "service", "inspect", "--format", "{{.ID}}", name)


def running_slots(detail) -> list[int]:
    model = detail.model
    return sorted(
        slot.slot
        for slot in model.slots()
        if (t := model.current(slot)) and t.state == "running" and t.desired_state == "running"
    )


def history(detail, slot_number: int) -> int:
    model = detail.model
    for row, slot in enumerate(model.slots()):
        if slot.slot == slot_number:
            return model.rowCount(model.index(row, 0))
    return 0


def service_image(name: str) -> str:
    return docker_json(1, "service", "inspect", name)[0]["Spec"]["TaskTemplate"]["ContainerSpec"]["Image"]


def test_scale_keeps_history_and_rollback_returns_previous_image(connected_window, qtbot, service_names):
    window = connected_window
    service_id = create(service_names, "--replicas", "3", IMAGE, "sleep", "3600")
    qtbot.waitUntil(lambda: service_id in window.store.get("services"), timeout=10000)
    detail = window.open_service(service_id)
    assert window.tabs.currentWidget() is detail
    qtbot.waitUntil(lambda: running_slots(detail) == [1, 2, 3], timeout=30000)

    detail.replicas.setValue(1)
    detail.scale_button.click()
    qtbot.waitUntil(lambda: len(running_slots(detail)) == 1, timeout=30000)
    (kept,) = running_slots(detail)
    assert len(detail.model.slots()) == 3  # the removed slots stay, with their history
    removed_rows = [row for row, slot in enumerate(detail.model.slots()) if slot.slot != kept]
    qtbot.waitUntil(
        lambda: all("running" not in detail.model.index(row, STATE).data() for row in removed_rows),
        timeout=30000,
    )

    detail.replicas.setValue(4)
    detail.scale_button.click()
    qtbot.waitUntil(lambda: running_slots(detail) == [1, 2, 3, 4], timeout=30000)
    # the two slots that were scaled away came back: their old task is in their history
    assert sorted(history(detail, n) for n in (1, 2, 3)) == [1, 2, 2]
    assert history(detail, kept) == 1 and history(detail, 4) == 1

    detail.image_edit.setText(IMAGE_2)
    detail.image_button.click()
    qtbot.waitUntil(
        lambda: detail.service.short_image == IMAGE_2 and detail.rollback_button.isEnabled(), timeout=30000
    )
    qtbot.waitUntil(lambda: "Update:" in detail.rollout.text(), timeout=30000)
    qtbot.waitUntil(lambda: detail.service.update_state == "completed", timeout=60000)
    detail.rollback_button.click()
    qtbot.waitUntil(lambda: detail.findChild(QMessageBox, "confirmDialog") is not None)
    review = detail.findChild(QMessageBox, "confirmDialog")
    assert f"Image: {IMAGE_2}" in review.informativeText()  # back to IMAGE
    review.findChild(QPushButton, "confirmButton").click()
    qtbot.waitUntil(lambda: detail.service.short_image == IMAGE, timeout=30000)
    qtbot.waitUntil(lambda: detail.service.update_state == "rollback_completed", timeout=60000)
    assert service_image(service_names[-1]).split("@")[0] == IMAGE
    assert "rolled back" in detail.rollout.text()


def test_history_of_a_slot_scaled_away_before_the_detail_opened(connected_window, qtbot, service_names):
    window = connected_window
    service_id = create(service_names, "--replicas", "2", IMAGE, "sleep", "3600")
    qtbot.waitUntil(
        lambda: (
            sum(
                t.service_id == service_id and t.state == "running"
                for t in window.store.get("tasks").values()
            )
            == 2
        ),
        timeout=30000,
    )
    docker(1, "service", "scale", "--detach", f"{service_names[-1]}=1")
    # the engine forgets the scaled-away slot's task (no detail open meanwhile)
    qtbot.waitUntil(
        lambda: sum(t.service_id == service_id for t in window.store.get("tasks").values()) == 1,
        timeout=60000,
    )
    detail = window.open_service(service_id)
    assert len(detail.model.slots()) == 2
    states = [detail.model.index(row, STATE).data() for row in range(2)]
    assert states.count("running") == 1 and sum("removed" in state for state in states) == 1


def test_failed_tasks_stand_out_with_their_error(connected_window, qtbot, service_names):
    window = connected_window
    service_id = create(
        service_names, "--restart-max-attempts", "1", "--restart-delay", "1s", IMAGE, "/does/not/exist"
    )
    qtbot.waitUntil(lambda: service_id in window.store.get("services"), timeout=10000)
    detail = window.open_service(service_id)
    model = detail.model

    def failed_child() -> QModelIndex:
        for row in range(model.rowCount()):
            parent = model.index(row, 0)
            for child in range(model.rowCount(parent)):
                if model.index(child, STATE, parent).data() in ("failed", "rejected"):
                    return model.index(child, ERROR, parent)
        return QModelIndex()

    qtbot.waitUntil(lambda: bool(failed_child().isValid() and failed_child().data()), timeout=30000)
    error = failed_child()
    assert "no such file" in error.data() or "not found" in error.data()
    assert error.data(Qt.ItemDataRole.ForegroundRole).color().name() == "#c62828"


def test_global_service_cannot_be_scaled_and_spec_is_readable(connected_window, qtbot, service_names):
    window = connected_window
    service_id = create(service_names, "--mode", "global", "--env", "COLOR=blue", IMAGE, "sleep", "3600")
    qtbot.waitUntil(lambda: service_id in window.store.get("services"), timeout=10000)
    detail = window.open_service(service_id)
    assert not detail.scale_button.isEnabled()
    assert "cannot be scaled" in detail.scale_button.toolTip()
    detail.tabs.setCurrentWidget(detail.spec_view)
    form = detail.spec_view.readable.sections()
    assert form["Basic info"]["Mode"] == "global"
    assert form["Container settings"]["Environment variables"] == "COLOR=blue"
    assert form["Basic info"]["Image"].startswith(IMAGE)
    detail.spec_view.toggle.click()
    assert detail.spec_view.stack.currentWidget() is detail.spec_view.raw
    assert '"COLOR=blue"' in detail.spec_view.raw.toPlainText()
    window.close_detail(window.tabs.indexOf(detail))
    assert window.tabs.count() == 1
