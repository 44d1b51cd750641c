"""Swarm jobs against the real swarm: a replicated job with 3 completions, deployed from the deploy
dialog's form, shows 3/3 in its service detail, and "Run again" (asked first) starts run 2, which
completes too while the first run's tasks stay in the task tree."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from crane_desktop.models.apps import SERVICES, TASKS
from tests.gui.test_deploy_dialog import closed, field, open_dialog, set_text
from tests.gui.test_node_helpers import answer
from tests.swarm import IMAGE, docker, docker_json, remove_leftover_containers, unique


def test_replicated_job_shows_3_of_3_and_runs_again(connected_window, qtbot):
    window = connected_window
    name = unique("gjob")
    dialog = open_dialog(window, qtbot)
    dialog.tabs.setCurrentWidget(dialog.form_tab)
    mode = field(dialog, "mode")
    assert isinstance(mode, QComboBox)
    mode.setCurrentIndex(mode.findData("replicated-job"))
    for key, text in (("name", name), ("image", IMAGE), ("args", "true"), ("replicas", "3"),
                      ("max_concurrent", "2")):  # fmt: skip
        set_text(dialog, key, text)
    try:
        deploy_and_run_again(window, qtbot, dialog, name)
    finally:
        docker(1, "service", "rm", name, check=False)
        remove_leftover_containers(f"com.docker.swarm.service.name={name}")


def deploy_and_run_again(window, qtbot, dialog, name: str) -> None:
    dialog.deploy_button.click()
    qtbot.waitUntil(lambda: closed(dialog), timeout=20000)
    spec = docker_json(1, "service", "inspect", name)[0]["Spec"]
    assert spec["Mode"] == {"ReplicatedJob": {"MaxConcurrent": 2, "TotalCompletions": 3}}

    qtbot.waitUntil(lambda: any(s.name == name for s in window.store.get("services").values()), timeout=10000)
    service_id = next(s.id for s in window.store.get("services").values() if s.name == name)
    detail = window.open_service(service_id)
    qtbot.waitUntil(lambda: detail.job.text().startswith("Job: 3/3 completed, 0 failed"), timeout=30000)
    assert "run 1" in detail.job.text() and "at most 2 at a time" in detail.job.text()
    assert detail.run_again_button.isVisible() and not detail.scale_button.isEnabled()

    detail.run_again_button.click()
    assert f"Run {name} again?" in answer(qtbot, window, accept=True)
    qtbot.waitUntil(lambda: "run 2" in detail.job.text(), timeout=15000)
    qtbot.waitUntil(lambda: detail.job.text().startswith("Job: 3/3 completed"), timeout=30000)
    assert len([t for t in detail.model.tasks() if t.state == "complete"]) == 6  # both runs kept
    # a replicated job numbers its slots from 0: each slot holds its task of both runs
    qtbot.waitUntil(lambda: sorted(slot.slot for slot in detail.model.slots()) == [0, 1, 2], timeout=5000)
    assert [len(slot.task_ids) for slot in detail.model.slots()] == [2, 2, 2]
    assert detail.model.index(0, 0).data().startswith("slot ")

    window.show_page("apps")
    apps = window.page_widgets["apps"].model
    assert apps.service_index(service_id, SERVICES).data().endswith("· replicated job")
    assert apps.service_index(service_id, TASKS).data() == "0/0 (3/3 completed)"
