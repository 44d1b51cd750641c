"""Drain without downtime and rebalance on the real swarm (it drains node-2: run it on a swarm of your own,
CRANE_SWARM_INSTANCE=N). A poller samples every 200 ms that the service keeps its running tasks while
the node drains; a cancelled drain leaves the service as it was and the node active; a forced update
spreads tasks that sat on one node."""

from __future__ import annotations

import contextlib
import itertools
import json
import threading
import time
from collections.abc import Iterator

import pytest

from crane_desktop.engine import nodes as node_ops
from crane_desktop.engine.cluster import Cluster
from crane_desktop.engine.drain import (
    DrainRefused,
    DrainRun,
    Progress,
    Step,
    fetch_view,
    plan_drain,
    rebalance,
    running_count,
)
from crane_desktop.engine.snapshots import Task, parse_all
from tests.swarm import IMAGE, docker, node_id, unique, wait_until


def inspect_service(name: str) -> dict:
    return json.loads(docker(1, "service", "inspect", name))[0]


def running_nodes(name: str) -> list[str]:
    out = docker(1, "service", "ps", "--filter", "desired-state=running",
                 "--format", "{{.Node}} {{.CurrentState}}", name)  # fmt: skip
    return sorted(line.split()[0] for line in out.splitlines() if " Running " in f" {line} ")


def pinned_service(
    service_names: list[str],
    prefix: str,
    *options: str,
    replicas: int = 2,
    command: tuple[str, ...] = ("sleep", "3600"),
) -> str:
    """A start-first service whose `replicas` tasks all run on node-2, with no constraint left (as after
    node-2 came back and took them)."""
    name = unique(prefix)
    service_names.append(name)
    docker(1, "service", "create", "--detach", "--name", name, "--replicas", str(replicas),
           "--update-order", "start-first", "--update-monitor", "1s", "--stop-grace-period", "1s",
           "--constraint", "node.hostname==node-2", *options, IMAGE, *command)  # fmt: skip
    wait_until(lambda: running_nodes(name) == ["node-2"] * replicas, 60, f"{replicas} tasks on node-2")
    docker(1, "service", "update", "--detach", "--constraint-rm", "node.hostname==node-2", name)
    wait_until(lambda: inspect_service(name).get("UpdateStatus", {}).get("State") != "updating", 30,
               "the constraint removal to complete")  # fmt: skip
    assert running_nodes(name) == ["node-2"] * replicas  # nothing restarted
    return name


@contextlib.contextmanager
def node2_back_afterwards(cluster: Cluster) -> Iterator[str]:
    node = node_id("node-2")
    try:
        yield node
    finally:
        node_ops.set_availability(cluster.client, node, "active")


class RunningPoller(threading.Thread):
    """Counts the service's running tasks every 200 ms on a connection of its own."""

    def __init__(self, profile, service: str) -> None:
        super().__init__(daemon=True)
        self.cluster = Cluster(profile)
        self.cluster.connect()
        self.service = service
        self.samples: list[int] = []
        self.times: list[float] = []  # when each sample was taken (time.monotonic)
        self.sampled = threading.Event()  # the first sample is in
        self.stop = threading.Event()

    def run(self) -> None:
        client = self.cluster.client
        while True:  # a sample at once, then every 200 ms, and a last one after the drain ended
            stopping = self.stop.is_set()
            tasks = parse_all(Task, client.tasks(filters={"service": self.service})).values()
            self.times.append(time.monotonic())
            self.samples.append(running_count(tasks))
            self.sampled.set()
            if stopping:
                return
            self.stop.wait(0.2)

    def finish(self) -> list[int]:
        self.stop.set()
        self.join(10)
        self.cluster.close()
        return self.samples


def test_drain_without_downtime_keeps_both_replicas_running(cluster, profile, service_names):
    name = pinned_service(service_names, "dnd")
    with node2_back_afterwards(cluster) as node2:
        plan = plan_drain(fetch_view(cluster.client), node2)
        (move,) = [s for s in plan.services if s.name == name]
        assert not plan.refused and move.tasks == 2 and "node-2" not in move.destinations
        poller = RunningPoller(profile, name)
        poller.start()
        assert poller.sampled.wait(10)  # sampling before the drain starts
        progress: list[Progress] = []
        try:
            started = time.monotonic()
            outcome = DrainRun(plan, progress.append, poll=0.2).run(cluster.client)
            ended = time.monotonic()
        finally:
            samples = poller.finish()
        assert outcome.drained and outcome.moved == [name]
        # every sample, from before the drain started until after it ended, saw both replicas running
        assert poller.times[0] < started and poller.times[-1] > ended
        gaps = [b - a for a, b in itertools.pairwise(poller.times)]
        assert min(samples) >= 2, (samples, gaps)
        assert len(samples) >= 2 + (ended - started) / 1.0, (samples, gaps)  # at least one a second
        assert docker(1, "node", "inspect", "--format", "{{.Spec.Availability}}", "node-2") == "drain"
        nodes = running_nodes(name)
        assert len(nodes) == 2 and "node-2" not in nodes
        spec = inspect_service(name)["Spec"]
        assert not spec["TaskTemplate"].get("Placement", {}).get("Constraints")
        assert spec["UpdateConfig"]["Order"] == "start-first"
        steps = [(p.service_id and "service", p.step, p.moved) for p in progress]
        assert steps[0] == ("", Step.PAUSED, 0) and steps[-1] == ("", Step.DRAINED, 0)
        assert ("service", Step.MOVED, 2) in steps


def test_cancel_puts_the_service_and_the_node_back(cluster, service_names):
    # stop-first and a pause between tasks: the run forces start-first for its update, then restores this
    name = pinned_service(service_names, "dndc", "--update-delay", "3s", "--update-order", "stop-first")
    with node2_back_afterwards(cluster) as node2:
        plan = plan_drain(fetch_view(cluster.client), node2)
        first_moved = threading.Event()
        run = DrainRun(plan, lambda p: p.moved >= 1 and first_moved.set(), poll=0.2)
        outcomes = []
        worker = threading.Thread(target=lambda: outcomes.append(run.run(cluster.client)))
        worker.start()
        assert first_moved.wait(60)
        started = time.monotonic()
        run.cancel()
        assert time.monotonic() - started < 0.1  # Stop returns at once
        worker.join(30)
        (outcome,) = outcomes
        assert outcome.cancelled and not outcome.drained and outcome.partly == [(name, 1, 2)]
        assert outcome.availability == "active"
        assert docker(1, "node", "inspect", "--format", "{{.Spec.Availability}}", "node-2") == "active"
        service = inspect_service(name)
        assert service["Spec"]["Mode"]["Replicated"]["Replicas"] == 2
        assert not service["Spec"]["TaskTemplate"].get("Placement", {}).get("Constraints")
        assert service["Spec"]["UpdateConfig"]["Order"] == "stop-first"
        wait_until(lambda: len(running_nodes(name)) == 2, 30, "2 running tasks")
        assert running_nodes(name).count("node-2") == 1  # one moved, the other stayed


def test_refused_when_the_other_nodes_lack_memory(cluster, service_names):
    memory = int(docker(1, "node", "inspect", "--format", "{{.Description.Resources.MemoryBytes}}", "node-2"))
    big = str(memory * 6 // 10)
    name = pinned_service(service_names, "dndr", "--reserve-memory", big, replicas=1)
    filler = unique("dndf")
    service_names.append(filler)
    docker(1, "service", "create", "--detach", "--name", filler, "--replicas", "3", "--reserve-memory", big,
           "--constraint", "node.hostname!=node-2", "--replicas-max-per-node", "1",
           IMAGE, "sleep", "3600")  # fmt: skip
    wait_until(lambda: len(running_nodes(filler)) == 3, 60, "the filler on the other nodes")
    plan = plan_drain(fetch_view(cluster.client), node_id("node-2"))
    (move,) = [s for s in plan.services if s.name == name]
    assert plan.refused and move.refusal is not None
    assert move.refusal.text.startswith("Not enough memory")
    with pytest.raises(DrainRefused):
        DrainRun(plan).run(cluster.client)
    assert docker(1, "node", "inspect", "--format", "{{.Spec.Availability}}", "node-2") == "active"


def test_rebalance_spreads_tasks_sitting_on_one_node(cluster, service_names):
    name = pinned_service(service_names, "dnrb")
    before = inspect_service(name)["Spec"]["TaskTemplate"].get("ForceUpdate", 0)
    rebalance(cluster.client, inspect_service(name)["ID"])
    assert inspect_service(name)["Spec"]["TaskTemplate"]["ForceUpdate"] == before + 1
    wait_until(lambda: len(set(running_nodes(name))) == 2, 60, "the tasks on two nodes")


def test_a_failing_update_stops_the_run_and_puts_everything_back(cluster, service_names):
    # its tasks run only on node-2 (they exit at once elsewhere): the update pauses on the first failure
    script = '[ "$(hostname)" = node-2 ] && exec sleep 3600; exit 3'
    name = pinned_service(service_names, "dndf", "--hostname", "{{.Node.Hostname}}",
                          "--update-failure-action", "pause", "--entrypoint", "sh",
                          replicas=1, command=("-c", script))  # fmt: skip
    with node2_back_afterwards(cluster) as node2:
        plan = plan_drain(fetch_view(cluster.client), node2)
        outcome = DrainRun(plan, poll=0.2, timeout=60).run(cluster.client)
        assert not outcome.drained and not outcome.cancelled and outcome.failure is not None
        assert outcome.failure.text.startswith(
            f"{name}: Its update stopped (paused): update paused due to failure"
        )
        assert outcome.availability == "active" and outcome.leftover == []
        assert docker(1, "node", "inspect", "--format", "{{.Spec.Availability}}", "node-2") == "active"
        assert not inspect_service(name)["Spec"]["TaskTemplate"].get("Placement", {}).get("Constraints")
