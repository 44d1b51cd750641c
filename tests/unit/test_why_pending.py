"""Why a task is pending, on the cluster recorded off the real engine (tests/gui/conftest.py says what it
holds), with the pending task's spec varied the ways a service can be stuck."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from crane_desktop.commands.why import report_lines
from crane_desktop.engine.snapshots import Node, Service, Task, parse_all
from crane_desktop.engine.why_pending import ClusterView, Kind, explain_all, explain_service

RECORDED = Path(__file__).resolve().parent.parent / "fixtures" / "engine" / "cluster"
GIB = 1024**3


def recorded_json(kind: str) -> list[dict]:
    return json.loads((RECORDED / f"{kind}.json").read_text())


def view(extra_tasks: list[dict] = (), services: list[dict] | None = None) -> ClusterView:
    return ClusterView(
        nodes=parse_all(Node, recorded_json("nodes")),
        services=parse_all(Service, services if services is not None else recorded_json("services")),
        tasks=parse_all(Task, recorded_json("tasks") + list(extra_tasks)),
    )


def service_named(cluster: ClusterView, name: str) -> Service:
    return next(s for s in cluster.services.values() if s.name == name)


def pending_task(
    service: str, placement: dict | None = None, reservations: dict | None = None, err: str = ""
):
    """A replicated task of `service` that the scheduler could not place, built from a recorded one."""
    base = next(t for t in recorded_json("tasks") if t["Status"]["State"] == "pending")
    task = copy.deepcopy(base)
    cluster = view()
    task.update(ID="crane-test-pending", NodeID="", Slot=7, ServiceID=service_named(cluster, service).id)
    task["Spec"]["Placement"] = placement or {}
    task["Spec"]["Resources"] = {"Reservations": reservations or {}, "Limits": {}}
    task["Status"] = {"State": "pending", "Message": "pending task scheduling", "Err": err}
    return task


def reason_for(service: str, **spec) -> object:
    task = pending_task(service, **spec)
    cluster = view([task])
    explained = explain_service(service_named(cluster, service), cluster)
    assert [p.task.id for p in explained] == ["crane-test-pending"]
    return explained[0].reason


def test_the_recorded_cluster_explains_its_stuck_services():
    cluster = view()
    found = {cluster.services[sid].name: items for sid, items in explain_all(cluster).items()}
    assert sorted(found) == ["shop_agent", "shop_worker"]  # shop_web and gateway run
    (agent,) = found["shop_agent"]  # the global service's task for the paused node
    assert agent.reason.kind is Kind.NODE_PAUSED
    assert agent.reason.text == "Its node node-3 is paused: it takes no new tasks."
    assert agent.reason.message == "1 node not available for new tasks"  # the engine's words, kept
    (worker,) = found["shop_worker"]
    assert worker.task is None and worker.reason.kind is Kind.FAILING
    assert worker.reason.text == "Its tasks keep failing: task: non-zero exit (3)"


def test_a_constraint_no_node_satisfies_is_named():
    reason = reason_for(
        "shop_web",
        placement={"Constraints": ["node.role==manager", "node.labels.crane-test-nonexistent==yes"]},
        err="no suitable node (scheduling constraints not satisfied on 4 nodes)",
    )
    assert reason.kind is Kind.CONSTRAINT
    assert reason.text == "No node satisfies the constraint node.labels.crane-test-nonexistent==yes."


def test_constraints_each_node_fails_differently_list_the_nodes():
    reason = reason_for(
        "shop_web", placement={"Constraints": ["node.role == manager", "node.hostname==node-4"]}
    )
    assert reason.kind is Kind.CONSTRAINTS
    # node-3 is paused: only the nodes that take tasks are listed.
    assert reason.failures == (
        ("node-1", "node.hostname==node-4"),
        ("node-2", "node.hostname==node-4"),
        ("node-4", "node.role==manager"),
    )
    assert "node-4: node.role==manager" in reason.text


def test_an_unknown_key_is_called_out():
    reason = reason_for("shop_web", placement={"Constraints": ["node.zone==west"]})
    assert reason.kind is Kind.UNKNOWN_KEY
    assert reason.text == "No node can satisfy the constraint node.zone==west: swarm knows no key node.zone."


def test_an_invalid_constraint_says_what_is_wrong():
    reason = reason_for("shop_web", placement={"Constraints": ["node.role = manager"]})
    assert reason.kind is Kind.INVALID_CONSTRAINT
    assert "no operator" in reason.text


def test_too_much_memory_names_the_closest_node_and_its_free_memory():
    reason = reason_for(
        "shop_web",
        reservations={"MemoryBytes": 1024 * GIB},
        err="no suitable node (insufficient resources on 3 nodes)",
    )
    assert reason.kind is Kind.MEMORY
    # shop_web's two tasks reserve 16 MiB on node-1 and node-4; node-3 is paused: node-2 is closest.
    assert reason.node == "node-2"
    assert reason.free_memory == 25276510208
    assert reason.text == "Not enough memory: it needs 1.0 TiB; node-2, the closest node, has 23.5 GiB free."


def test_too_many_cpus_and_both():
    reason = reason_for("shop_web", reservations={"NanoCPUs": 4_000_000_000})
    assert reason.kind is Kind.CPUS
    assert reason.text == "Not enough CPU: it needs 4 CPUs; node-1, the closest node, has 2 free."
    reason = reason_for("shop_web", reservations={"NanoCPUs": 2_500_000_000, "MemoryBytes": 64 * GIB})
    assert reason.kind is Kind.CPUS_AND_MEMORY
    assert "it needs 2.5 CPUs and 64.0 GiB" in reason.text


def test_a_host_port_taken_on_every_eligible_node():
    # gateway's running task holds host port 8080 on node-2; a second one pinned there cannot start.
    reason = reason_for("gateway", placement={"Constraints": ["node.hostname==node-2"]})
    assert reason.kind is Kind.HOST_PORT
    assert reason.text == "Host port 8080/tcp is already in use on every node it may run on (node-2)."
    # Another manager is free: the scheduler only has to get to it.
    reason = reason_for("gateway", placement={"Constraints": ["node.role==manager"]})
    assert reason.kind is Kind.SCHEDULING and reason.nodes == ("node-1",)


def test_max_replicas_per_node():
    reason = reason_for("shop_web", placement={"MaxReplicas": 1, "Constraints": ["node.hostname!=node-2"]})
    assert reason.kind is Kind.MAX_REPLICAS
    assert (
        reason.text
        == "At most 1 task(s) per node, and every node it may run on has that many (node-1, node-4)."
    )


def test_a_platform_no_node_runs():
    reason = reason_for("shop_web", placement={"Platforms": [{"OS": "linux", "Architecture": "arm64"}]})
    assert reason.kind is Kind.PLATFORM
    assert (
        reason.text == "No node has a platform the image supports (linux/arm64); the nodes run linux/x86_64."
    )


def _unpullable(image: str) -> tuple[Service, ClusterView]:
    """The recorded shop_worker on `image`, its failed tasks rejected as a node that cannot pull it."""
    services = recorded_json("services")
    tasks = recorded_json("tasks")
    worker = next(s for s in services if s["Spec"]["Name"] == "shop_worker")
    worker["Spec"]["TaskTemplate"]["ContainerSpec"]["Image"] = image
    for task in tasks:
        if task["ServiceID"] == worker["ID"] and task["Status"]["State"] == "failed":
            task["Status"].update(State="rejected", Err=f"No such image: {image}")
    cluster = ClusterView(
        parse_all(Node, recorded_json("nodes")), parse_all(Service, services), parse_all(Task, tasks)
    )
    return cluster.services[worker["ID"]], cluster


def test_an_image_that_cannot_be_pulled():
    (item,) = explain_service(*_unpullable("shop/worker:1"))
    assert item.reason.kind is Kind.IMAGE
    assert item.reason.text == "The image shop/worker:1 cannot be pulled: No such image: shop/worker:1"


def test_an_image_of_a_private_registry_that_cannot_be_pulled_points_at_its_login():
    (item,) = explain_service(*_unpullable("reg.example:5443/shop/worker:1@sha256:" + "ab" * 32))
    assert item.reason.kind is Kind.PRIVATE_IMAGE
    assert item.reason.text == (
        "The nodes could not pull reg.example:5443/shop/worker:1 from the registry reg.example:5443: "
        "no credentials were sent for it, the registry refused them, or it has no such image. Add the "
        "registry's login under Registries, then deploy or update the service again. The engine says: "
        "No such image: reg.example:5443/shop/worker:1@sha256:" + "ab" * 32
    )


def test_the_headless_report_groups_identical_sentences():
    first = pending_task(
        "shop_web", reservations={"MemoryBytes": 1024 * GIB}, err="insufficient resources on 3 nodes"
    )
    second = copy.deepcopy(first)
    second.update(ID="crane-test-pending-2", Slot=8)
    cluster = view([first, second])
    service = service_named(cluster, "shop_web")
    lines = report_lines(service, explain_service(service, cluster), cluster.nodes)
    assert lines == [
        "shop_web: 2 tasks pending",
        "  slot 7, slot 8: Not enough memory: it needs 1.0 TiB; node-2, the closest node, has 23.5 GiB free.",
        "  (the engine says: insufficient resources on 3 nodes)",
    ]
    gateway = service_named(cluster, "gateway")
    assert report_lines(gateway, explain_service(gateway, cluster), cluster.nodes) == [
        "All tasks of gateway are running or on their way."
    ]


def test_a_task_without_reservations_ignores_an_over_reserved_node():
    # swarmkit's resource filter is off for a task that reserves nothing, even on a node whose tasks
    # reserve more than it has (its resources shrank).
    nodes = recorded_json("nodes")
    node_1 = next(n for n in nodes if n["Description"]["Hostname"] == "node-1")
    node_1["Description"]["Resources"]["MemoryBytes"] = 1024 * 1024  # shop_web reserves 16 MiB there
    task = pending_task("shop_web", placement={"Constraints": ["node.hostname==node-1"]})
    cluster = ClusterView(
        parse_all(Node, nodes),
        parse_all(Service, recorded_json("services")),
        parse_all(Task, [*recorded_json("tasks"), task]),
    )
    (item,) = explain_service(service_named(cluster, "shop_web"), cluster)
    assert item.reason.kind is Kind.SCHEDULING and item.reason.nodes == ("node-1",)
    task = pending_task(
        "shop_web", placement={"Constraints": ["node.hostname==node-1"]}, reservations={"MemoryBytes": 1}
    )
    cluster = ClusterView(cluster.nodes, cluster.services, parse_all(Task, [*recorded_json("tasks"), task]))
    (item,) = explain_service(service_named(cluster, "shop_web"), cluster)
    assert item.reason.kind is Kind.MEMORY and item.reason.text.endswith(
        "node-1, the closest node, has 0 B free."
    )


def test_constraints_only_a_paused_node_satisfies_say_so():
    reason = reason_for("shop_web", placement={"Constraints": ["node.labels.zone==west"]})
    assert reason.kind is Kind.ONLY_UNAVAILABLE
    assert reason.text == (
        "Only nodes that take no new tasks (down, paused or drained) satisfy the constraints: node-3."
    )
