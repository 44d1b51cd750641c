"""The drain-without-downtime planner on snapshots recorded off the real engine
(tests/fixtures/engine/cluster): which services move where, which cannot move by nature (global), and
the refusals with their reason (memory, host port, max replicas, a constraint only the node satisfies,
an update under way), counting the tasks already planned."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from crane_desktop.commands.drain import find_node, plan_lines
from crane_desktop.engine.drain import DrainRefused, DrainRun, plan_drain
from crane_desktop.engine.errors import NotFound
from crane_desktop.engine.snapshots import Node, Service, Task, parse_all
from crane_desktop.engine.why_pending import ClusterView

RECORDED = Path(__file__).resolve().parent.parent / "fixtures" / "engine" / "cluster"
GIB = 1024**3


class Cluster:
    """The recorded JSON, to change before building the view."""

    def __init__(self) -> None:
        self.nodes = self.load("nodes")
        self.services = self.load("services")
        self.tasks = self.load("tasks")

    @staticmethod
    def load(kind: str) -> list[dict]:
        return json.loads((RECORDED / f"{kind}.json").read_text())

    def node_id(self, hostname: str) -> str:
        return next(n["ID"] for n in self.nodes if n["Description"]["Hostname"] == hostname)

    def service(self, name: str) -> dict:
        return next(s for s in self.services if s["Spec"]["Name"] == name)

    def tasks_of(self, name: str) -> list[dict]:
        service_id = self.service(name)["ID"]
        return [
            t
            for t in self.tasks
            if t["ServiceID"] == service_id and t["DesiredState"] in ("running", "ready")
        ]

    def reserve(self, name: str, memory: int) -> None:
        """The service and its tasks reserve `memory` bytes each."""
        reservations = {"MemoryBytes": memory}
        self.service(name)["Spec"]["TaskTemplate"]["Resources"] = {"Reservations": reservations}
        for task in self.tasks_of(name):
            task["Spec"]["Resources"] = {"Reservations": dict(reservations)}

    def add_task(self, name: str, hostname: str, task_id: str) -> None:
        task = copy.deepcopy(self.tasks_of(name)[0])
        task["ID"], task["NodeID"] = task_id, self.node_id(hostname)
        self.tasks.append(task)

    def plan(self, hostname: str):
        view = ClusterView(
            parse_all(Node, self.nodes), parse_all(Service, self.services), parse_all(Task, self.tasks)
        )
        return plan_drain(view, self.node_id(hostname))


def by_name(plan) -> dict:
    return {s.name: s for s in plan.services}


def test_recorded_drain_of_node_2_moves_the_gateway_and_stops_the_global_agent():
    plan = Cluster().plan("node-2")
    assert not plan.refused and plan.availability == "active"
    services = by_name(plan)
    # gateway: constraint node.role==manager, host port 8080: node-1 is the only other active manager
    assert services["gateway"].moves and services["gateway"].destinations == ("node-1",)
    agent = services["shop_agent"]
    assert (
        not agent.moves
        and agent.stays.text == "A global service: its task on node-2 stops and nothing replaces it."
    )
    assert [s.name for s in plan.moving] == ["gateway"]


def test_refused_when_no_other_node_has_the_memory():
    cluster = Cluster()
    cluster.reserve("shop_web", 13 * GIB)  # node-1 and node-4 hold one each: 10.5 GiB free there
    cluster.add_task("shop_web", "node-2", "web-on-2")  # and node-2 one more
    plan = cluster.plan("node-1")
    web = by_name(plan)["shop_web"]
    assert plan.refused and not web.moves
    assert web.refusal.text.startswith("Not enough memory: it needs 13.0 GiB; node-")
    assert "the closest node, has 10.5 GiB free" in web.refusal.text


def test_tasks_already_planned_count_against_their_node():
    cluster = Cluster()
    cluster.reserve("shop_web", 10 * GIB)  # node-1 and node-4
    cluster.reserve("shop_worker", 10 * GIB)  # its restarting task on node-1
    cluster.add_task("shop_worker", "node-2", "worker-on-2")
    cluster.tasks_of("shop_worker")[-1]["Spec"]["Resources"] = {"Reservations": {"MemoryBytes": 12 * GIB}}
    services = by_name(cluster.plan("node-1"))
    # node-4 has 13.5 GiB free, node-2 11.5: the first task planned goes to node-4, then the other one
    # no longer fits there and goes to node-2
    destinations = services["shop_web"].destinations + services["shop_worker"].destinations
    assert sorted(destinations) == ["node-2", "node-4"]


def test_refused_when_the_host_port_is_taken_on_every_other_eligible_node():
    cluster = Cluster()
    cluster.add_task("gateway", "node-1", "gateway-on-1")  # node-1 publishes 8080 already
    gateway = by_name(cluster.plan("node-2"))["gateway"]
    assert (
        gateway.refusal.text == "Host port 8080/tcp is already in use on every node it may run on (node-1)."
    )


def test_max_replicas_per_node_picks_another_node_or_refuses():
    cluster = Cluster()
    cluster.service("shop_web")["Spec"]["TaskTemplate"]["Placement"] = {"MaxReplicas": 1}
    assert by_name(cluster.plan("node-1"))["shop_web"].destinations == ("node-2",)  # node-4 has one
    cluster.nodes[[n["Description"]["Hostname"] for n in cluster.nodes].index("node-2")]["Spec"][
        "Availability"
    ] = "pause"
    web = by_name(cluster.plan("node-1"))["shop_web"]
    assert web.refusal.text.startswith("At most 1 task(s) per node")


def test_a_constraint_only_the_node_satisfies_refuses_the_drain():
    cluster = Cluster()
    cluster.service("gateway")["Spec"]["TaskTemplate"]["Placement"] = {
        "Constraints": ["node.hostname==node-2"]
    }
    plan = cluster.plan("node-2")
    assert by_name(plan)["gateway"].refusal.text == (
        "Only nodes that take no new tasks (down, paused or drained) satisfy the constraints: node-2."
    )
    try:
        DrainRun(plan).run(client=None)  # refused before any call
    except DrainRefused as error:
        assert "node-2 cannot be drained without downtime" in str(error)
    else:
        raise AssertionError("a refused plan ran")


def test_a_service_being_updated_is_not_moved_meanwhile():
    cluster = Cluster()
    cluster.service("gateway")["UpdateStatus"] = {"State": "updating"}
    gateway = by_name(cluster.plan("node-2"))["gateway"]
    assert (
        gateway.refusal.text == "An update of this service is under way (updating): drain when it has ended."
    )


def test_a_drained_node_has_nothing_to_plan():
    cluster = Cluster()
    cluster.nodes[0]["Spec"]["Availability"] = "drain"
    plan = cluster.plan(cluster.nodes[0]["Description"]["Hostname"])
    assert plan.refused and plan.problem.text.endswith("is already drained.")


def test_the_headless_command_prints_the_plan_and_finds_nodes_by_name_or_id():
    cluster = Cluster()
    plan = cluster.plan("node-2")
    assert plan_lines(plan) == [
        "Drain node-2 without downtime:",
        "  gateway: 1 task(s) -> node-1",
        "  shop_agent: A global service: its task on node-2 stops and nothing replaces it.",
    ]
    nodes = parse_all(Node, cluster.nodes)
    node2 = cluster.node_id("node-2")
    assert find_node(nodes, "node-2").id == node2 and find_node(nodes, node2[:5]).id == node2
    try:
        find_node(nodes, "node-9")
    except NotFound as error:
        assert str(error).startswith("No node node-9 in the swarm.")
    else:
        raise AssertionError("an unknown node was found")
