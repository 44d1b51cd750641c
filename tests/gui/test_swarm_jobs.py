"""Swarm jobs against the real swarm: a replicated job with 3 completions, deployed from the form's
spec, shows 3/3 in its service detail, and "Run again" (asked first) starts run 2, which completes too
while the first run's tasks stay in the task tree."""

from __future__ import annotations

from crane_desktop.engine import stacks
from crane_desktop.engine.cluster import Cluster
from crane_desktop.engine.service_form import ServiceForm, to_spec, validate
from tests.gui.test_node_helpers import answer
from tests.swarm import IMAGE, docker_json, unique


def test_replicated_job_shows_3_of_3_and_runs_again(connected_window, qtbot, service_names, profile):
    window = connected_window
    name = unique("gjob")
    form = ServiceForm(
        name=name, image=IMAGE, args="true", mode="replicated-job", replicas="3", max_concurrent="2",
        restart_condition="on-failure",
    )  # fmt: skip
    assert validate(form) == {}
    cluster = Cluster(profile)
    cluster.connect()
    try:
        service_names.append(name)
        stacks.create_service(cluster.client, to_spec(form))
    finally:
        cluster.close()
    mode = docker_json(1, "service", "inspect", name)[0]["Spec"]["Mode"]
    assert mode == {"ReplicatedJob": {"MaxConcurrent": 2, "TotalCompletions": 3}}

    qtbot.waitUntil(lambda: any(s.name == name for s in window.store.get("services").values()), timeout=10000)
    service_id = next(s.id for s in window.store.get("services").values() if s.name == name)
    detail = window.open_service(service_id)
    qtbot.waitUntil(lambda: detail.job.text().startswith("Job: 3/3 completed, 0 failed"), timeout=30000)
    assert "run 1" in detail.job.text() and "at most 2 at a time" in detail.job.text()
    assert detail.run_again_button.isVisible() and not detail.scale_button.isEnabled()

    detail.run_again_button.click()
    assert "Run " + name + " again?" in answer(qtbot, window, accept=True)
    qtbot.waitUntil(lambda: "run 2" in detail.job.text(), timeout=15000)
    qtbot.waitUntil(lambda: detail.job.text().startswith("Job: 3/3 completed"), timeout=30000)
    assert len([t for t in detail.model.tasks() if t.state == "complete"]) == 6  # both runs kept
