"""A job's service detail without a swarm (a job service and its tasks fed to the recorded store, as
the watcher would): the current run's completed/total, failed and running counts, the run number and
its start; the earlier runs listed with theirs; Run again instead of Scale and Rebalance; a new run
starting counts its own tasks; Run again asks first and a Cancel sends nothing."""

from __future__ import annotations

from crane_desktop.engine.diff import Diff
from crane_desktop.engine.formatting import local_time
from crane_desktop.engine.snapshots import Service, Task
from tests.gui.test_node_helpers import answer

MODE = {"ReplicatedJob": {"MaxConcurrent": 2, "TotalCompletions": 3}}


def job(iteration: int) -> Service:
    index = {"Index": iteration} if iteration else {}
    return Service.from_api({
        "ID": "jobsvc", "Version": {"Index": 10 + iteration},
        "Spec": {"Name": "nightly", "Mode": MODE, "TaskTemplate": {"ContainerSpec": {"Image": "busybox:1"}}},
        "JobStatus": {"JobIteration": index, "LastExecution": "2026-01-02T03:04:05Z"},
    })  # fmt: skip


def task(task_id: str, slot: int, state: str, iteration: int) -> Task:
    return Task.from_api({
        "ID": task_id, "ServiceID": "jobsvc", "Slot": slot, "NodeID": "", "DesiredState": "complete",
        "Status": {"State": state}, "JobIteration": {"Index": iteration} if iteration else {},
        "CreatedAt": f"2026-01-02T03:04:0{slot}Z",
    })  # fmt: skip


def test_a_job_shows_its_run_and_is_run_again_not_scaled(workspace, recorded_context, qtbot):
    store = recorded_context.store
    store.apply("services", Diff(added={"jobsvc": job(0)}))
    runs = (task("t0", 0, "complete", 0), task("t1", 1, "failed", 0), task("t2", 2, "complete", 0))
    first = {t.id: t for t in runs}
    store.apply("tasks", Diff(added=first))
    detail = workspace.open_service("jobsvc")
    assert detail.job.text().startswith("Job: 2/3 completed, 1 failed, 0 running — run 1, started ")
    assert detail.job.text().endswith("(at most 2 at a time)")
    assert "replicated job: 3 completion(s)" in detail.title.text()
    assert detail.run_again_button.isVisible() and not detail.rebalance_button.isVisible()
    assert detail.job_history.isHidden()  # no earlier run
    assert not detail.scale_button.isEnabled() and "run again" in detail.scale_button.toolTip()
    assert sorted(slot.slot for slot in detail.model.slots()) == [0, 1, 2]

    store.apply("services", Diff(changed={"jobsvc": job(1)}))
    store.apply("tasks", Diff(added={"u0": task("u0", 0, "running", 1)}))
    assert detail.job.text().startswith("Job: 0/3 completed, 0 failed, 1 running — run 2")
    assert len(detail.model.slots()[0].task_ids) == 2  # slot 0 keeps its task of run 1
    # the earlier run is listed with its own counts, started when its first task was created
    started = local_time(first["t0"].created_at)
    assert not detail.job_history.isHidden()
    assert detail.job_history.text() == f"Run 1, started {started}: 2/3 completed, 1 failed"

    detail.run_again_button.click()
    assert "Run nightly again?" in answer(qtbot, workspace, accept=False)
    assert detail.run_again_button.isEnabled()  # cancelled: nothing was sent
