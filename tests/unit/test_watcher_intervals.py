"""How often the watcher relists tasks (they have no events): every second while the cluster changes,
less often while a big cluster is quiet (benchmarks/README.md, "Idle following"), and every step while
a task's change its node's engine announced is awaited from the manager (benchmark E1)."""

import time
from types import SimpleNamespace
from typing import Any, cast

import pytest

from crane_desktop.engine.cluster import Cluster
from crane_desktop.engine.events import EngineEvent, from_api
from crane_desktop.engine.node_events import TASK_STATES_AFTER, NodeEventStreams, announced_task_change
from crane_desktop.engine.watcher import KINDS, TASK_WATCH_SECONDS, TASK_WATCH_STEP, Watcher


@pytest.fixture
def watcher():
    watcher = Watcher(cast(Cluster, None), lambda kind, change: None)
    yield watcher
    cast(Any, watcher)._pool.shutdown()


def waits(watcher, changes: list[bool], tasks: int) -> list[float]:
    return [watcher._next_task_wait(changed, tasks) for changed in changes]


def test_a_quiet_big_cluster_is_asked_less_and_less_up_to_ten_seconds(watcher):
    assert waits(watcher, [False] * 6, 10_000) == [2.0, 4.0, 8.0, 10.0, 10.0, 10.0]


def test_the_cap_is_a_second_per_thousand_tasks(watcher):
    assert waits(watcher, [False] * 4, 3_000) == [2.0, 3.0, 3.0, 3.0]


def test_a_small_cluster_keeps_the_one_second_interval(watcher):
    assert waits(watcher, [False] * 3, 800) == [1.0, 1.0, 1.0]


def test_a_change_or_a_poke_brings_the_interval_back_to_one_second(watcher):
    waits(watcher, [False] * 4, 10_000)
    assert waits(watcher, [True, False], 10_000) == [1.0, 2.0]
    waits(watcher, [False] * 3, 10_000)
    watcher.poke("tasks")
    assert waits(watcher, [False], 10_000) == [2.0]


def test_service_and_node_events_poke_the_tasks(watcher):
    waits(watcher, [False] * 4, 10_000)
    watcher._mark({"Type": "node", "Action": "update", "Actor": {"ID": "n1"}})
    assert watcher._next_relist["tasks"] == 0.0
    assert waits(watcher, [False], 10_000) == [2.0]


def task(state: str) -> SimpleNamespace:
    return SimpleNamespace(state=state)


def relist_tasks(watcher, listed: dict) -> float:
    """One task list answering `listed`; the seconds until the next one."""
    watcher._list_parsed = lambda kind: dict(listed)
    watcher._relist([KINDS["tasks"]])
    return watcher._next_relist["tasks"] - time.monotonic()


def test_a_task_containers_exit_has_the_tasks_listed_every_step_until_the_manager_has_it(watcher):
    listed = {"t1": task("running"), "t2": task("running")}
    relist_tasks(watcher, listed)
    assert relist_tasks(watcher, listed) > 0.9  # quiet: once a second

    watcher.expect_task_change("t1", TASK_STATES_AFTER["die"])  # node-2's engine: t1's container died
    assert watcher._next_relist["tasks"] - time.monotonic() <= TASK_WATCH_STEP
    assert relist_tasks(watcher, listed) <= TASK_WATCH_STEP  # the manager has not recorded it yet
    listed["t2"] = task("failed")
    assert relist_tasks(watcher, listed) <= TASK_WATCH_STEP  # another task's change: t1's still awaited
    listed["t1"] = task("failed")
    assert relist_tasks(watcher, listed) > 0.9  # there: the usual pace again


def test_an_awaited_change_that_never_comes_stops_being_awaited(watcher, monkeypatch):
    listed = {"t1": task("running")}
    relist_tasks(watcher, listed)
    watcher.expect_task_change("t1", TASK_STATES_AFTER["die"])
    later = time.monotonic() + TASK_WATCH_SECONDS + 0.1
    monkeypatch.setattr(time, "monotonic", lambda: later)
    assert relist_tasks(watcher, listed) > 0.9


def container_event(action: str, nanos: int, **labels: str) -> EngineEvent:
    raw = {"Type": "container", "Action": action, "timeNano": nanos,
           "Actor": {"ID": "c1", "Attributes": {"name": "web.1.x", **labels}}}  # fmt: skip
    return from_api(raw, node_id="n2")


def test_a_task_containers_start_and_exit_announce_the_states_the_manager_records_next():
    now = time.time_ns()
    task_label = {"com.docker.swarm.task.id": "t1"}
    assert announced_task_change(container_event("die", now, **task_label)) == (
        "t1",
        TASK_STATES_AFTER["die"],
    )
    assert "failed" in TASK_STATES_AFTER["die"] and "running" not in TASK_STATES_AFTER["die"]
    assert announced_task_change(container_event("start", now, **task_label))[1] >= {"running", "failed"}
    assert announced_task_change(container_event("die", now)) is None  # not a swarm task
    assert announced_task_change(container_event("destroy", now, **task_label)) is None

    streams = NodeEventStreams(lambda node: None, lambda node: True, lambda event: None)
    awaited: list[str] = []
    streams.on_task_change = lambda task_id, states: awaited.append(task_id)
    streams._deliver(container_event("die", now - 3600 * 10**9, **task_label))  # a backfilled one
    assert awaited == []
    streams._deliver(container_event("die", now, **task_label))
    assert awaited == ["t1"]
