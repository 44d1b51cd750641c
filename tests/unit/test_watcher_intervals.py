"""How often the watcher relists tasks (they have no events): every second while the cluster changes,
less often while a big cluster is quiet (benchmarks/README.md, "Idle following")."""

from typing import Any, cast

import pytest

from crane_desktop.engine.cluster import Cluster
from crane_desktop.engine.watcher import Watcher


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
