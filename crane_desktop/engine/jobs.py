"""Swarm jobs (replicated-job, global-job): how far the current run is, from the snapshots the store
holds, and "run again" (a forced update starts a new iteration; the runs before stay in the task
history).

A job service's `JobStatus` says which iteration is current (`JobIteration.Index`, absent for the first)
and when it last started (`LastExecution`); each task carries the iteration it belongs to.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from docker import APIClient as Client

from crane_desktop.engine.health import FAILED_STATES, JOB_MODES
from crane_desktop.engine.snapshots import Service, Task, parse_time
from crane_desktop.engine.stacks import update_spec

RUNNING_STATES = frozenset(
    {"new", "pending", "assigned", "accepted", "preparing", "ready", "starting", "running"}
)


@dataclass(frozen=True)
class JobRun:
    """The current run of a job: its iteration (0 for the first), when it started, and its tasks'
    outcome. `total` is the completions asked for (a global job: one task per eligible node, so the
    tasks the run has)."""

    iteration: int
    last_execution: datetime
    total: int
    max_concurrent: int | None
    completed: int
    failed: int
    running: int

    @property
    def done(self) -> bool:
        return self.completed >= self.total > 0


def is_job(service: Service) -> bool:
    return service.mode in JOB_MODES


def _iteration(raw: Mapping[str, Any] | None) -> int:
    index = (raw or {}).get("Index") if isinstance(raw, Mapping) else None
    return index if isinstance(index, int) else 0


def job_run(service: Service, tasks: Iterable[Task]) -> JobRun | None:
    """The current run of a job service (None for a service that is no job)."""
    if not is_job(service):
        return None
    status = service.raw.get("JobStatus") or {}
    iteration = _iteration(status.get("JobIteration"))
    current = [
        t for t in tasks if t.service_id == service.id and _iteration(t.raw.get("JobIteration")) == iteration
    ]
    return _run(service, iteration, current, parse_time(status.get("LastExecution")))


def job_runs(service: Service, tasks: Iterable[Task]) -> list[JobRun]:
    """Every run whose tasks are still known (the engine's task history and the ones Crane kept after
    the engine forgot them), newest first; the current one as `job_run` gives it. An earlier run's
    start is its first task's creation."""
    known = list(tasks)
    current = job_run(service, known)
    if current is None:
        return []
    by_iteration: dict[int, list[Task]] = {}
    for task in known:
        if task.service_id == service.id:
            by_iteration.setdefault(_iteration(task.raw.get("JobIteration")), []).append(task)
    earlier = [
        _run(service, iteration, listed, min(t.created_at for t in listed))
        for iteration, listed in by_iteration.items()
        if iteration != current.iteration
    ]
    return [current, *sorted(earlier, key=lambda run: run.iteration, reverse=True)]


def _run(service: Service, iteration: int, tasks: list[Task], started: datetime) -> JobRun:
    """One run's counts from its tasks."""
    completed = sum(1 for t in tasks if t.state == "complete")
    failed = sum(1 for t in tasks if t.state in FAILED_STATES)
    running = sum(1 for t in tasks if t.state in RUNNING_STATES and t.desired_state == "complete")
    mode = (service.raw.get("Spec") or {}).get("Mode") or {}
    replicated = mode.get("ReplicatedJob") if isinstance(mode, Mapping) else None
    if isinstance(replicated, Mapping):
        concurrent = replicated.get("MaxConcurrent")
        total = service.replicas or 0
        max_concurrent = concurrent if isinstance(concurrent, int) else 1
    else:  # a global job: as many as the nodes the run placed a task on
        total = len({t.node_id for t in tasks if t.node_id}) or len(tasks)
        max_concurrent = None
    return JobRun(
        iteration=iteration,
        last_execution=started,
        total=total,
        max_concurrent=max_concurrent,
        completed=completed,
        failed=failed,
        running=running,
    )


def run_again(client: Client, service_id: str) -> None:
    """Start the job again: a forced update (ForceUpdate + 1, as `docker service update --force`)
    makes the engine start a new iteration with the same spec."""

    def force(spec: dict[str, Any]) -> None:
        template = spec.setdefault("TaskTemplate", {})
        template["ForceUpdate"] = int(template.get("ForceUpdate") or 0) + 1

    update_spec(client, service_id, force)
