"""The capacity model on snapshots recorded off the real engine (tests/fixtures/engine/cluster): what
each node reserves, may use at most and has free, the cluster's total, the JSON and table of the
headless command, and the answers "why pending" and "drain" build on (closest node, placement)."""

import copy
import json
from pathlib import Path

from crane_desktop.commands.capacity import table
from crane_desktop.engine.capacity import (
    NodeCapacity,
    Resources,
    as_json,
    closest_node,
    cluster_total,
    node_capacities,
    place,
    task_reservations,
)
from crane_desktop.engine.snapshots import Node, Task, parse_all

RECORDED = Path(__file__).resolve().parent.parent / "fixtures" / "engine" / "cluster"
MIB = 1024 * 1024
CPU = 1_000_000_000


def load(kind: str) -> list[dict]:
    return json.loads((RECORDED / f"{kind}.json").read_text())


def capacities(tasks: list[dict] | None = None) -> dict[str, NodeCapacity]:
    nodes = parse_all(Node, load("nodes")).values()
    parsed = parse_all(Task, load("tasks") if tasks is None else tasks).values()
    return {c.hostname: c for c in node_capacities(nodes, parsed).values()}


def web_task(node_hostname: str, task_id: str, cpus: int = 0, memory: int = 0, desired="running") -> dict:
    """A copy of a recorded shop_web task, placed on `node_hostname` with these reservations."""
    nodes = {n["Description"]["Hostname"]: n["ID"] for n in load("nodes")}
    template = next(t for t in load("tasks") if t["Spec"]["Resources"].get("Reservations"))
    task = copy.deepcopy(template)
    task["ID"], task["NodeID"], task["DesiredState"] = task_id, nodes[node_hostname], desired
    task["Spec"]["Resources"]["Reservations"] = {"NanoCPUs": cpus, "MemoryBytes": memory}
    return task


def test_recorded_reservations_limits_and_free():
    by_host = capacities()
    # shop_web reserves 16 MiB and limits 0.5 CPU; its two tasks run on node-1 and node-4
    for host in ("node-1", "node-4"):
        node = by_host[host]
        assert node.total == Resources(2 * CPU, 25276510208)
        assert node.reserved == Resources(0, 16 * MIB)
        assert node.limits == Resources(CPU // 2, 0)
        assert node.free == Resources(2 * CPU, 25276510208 - 16 * MIB)
    assert by_host["node-2"].reserved == Resources() and by_host["node-2"].limits == Resources()


def test_only_placed_tasks_the_swarm_wants_running_count():
    by_host = capacities()
    # node-1: shop_web, shop_agent, and the failing worker's restarted task (desired ready); its three
    # failed tasks (desired shutdown) hold nothing
    assert by_host["node-1"].tasks == 3
    # node-3 (paused) holds the global agent's pending task
    assert by_host["node-3"].tasks == 1
    shut = web_task("node-2", "shut", cpus=CPU, memory=64 * MIB, desired="shutdown")
    unplaced = web_task("node-2", "unplaced", cpus=CPU, memory=64 * MIB)
    unplaced["NodeID"] = ""
    assert capacities([*load("tasks"), shut, unplaced])["node-2"].reserved == Resources()


def test_cpu_reservations_add_up_per_node_and_in_the_total():
    extra = [web_task("node-2", "a", cpus=CPU // 2, memory=20 * MIB), web_task("node-2", "b", cpus=CPU // 4)]
    by_host = capacities([*load("tasks"), *extra])
    assert by_host["node-2"].reserved == Resources(3 * CPU // 4, 20 * MIB)
    assert by_host["node-2"].free.cpus == 1.25
    total = cluster_total(by_host.values())
    assert total.total == Resources(8 * CPU, 4 * 25276510208)
    assert total.reserved == Resources(3 * CPU // 4, 52 * MIB)
    assert total.limits == Resources(4 * CPU // 2, 0)  # four shop_web-like tasks, 0.5 CPU each
    assert total.tasks == sum(c.tasks for c in by_host.values())


def test_odd_resources_count_as_nothing():
    task = web_task("node-2", "odd")
    for odd in (None, "lots", {"NanoCPUs": True, "MemoryBytes": -5}, {"NanoCPUs": "1"}):
        task["Spec"]["Resources"]["Reservations"] = odd
        assert task_reservations(Task.from_api(task)) == Resources()
    del task["Spec"]["Resources"]
    assert task_reservations(Task.from_api(task)) == Resources()


def test_json_holds_numbers_and_bytes():
    data = as_json(capacities()["node-1"])
    assert data["hostname"] == "node-1"
    assert data["cpus"] == 2.0 and isinstance(data["cpus"], float)
    assert data["cpus_reserved"] == 0.0 and data["cpus_limits"] == 0.5 and data["cpus_free"] == 2.0
    assert data["memory"] == 25276510208 and data["memory_reserved"] == 16 * MIB
    assert data["memory_free"] == 25276510208 - 16 * MIB
    assert "cpus_used" not in data  # no live usage measured


def test_table_aligns_columns_and_ends_with_the_cluster_total():
    rows = sorted(capacities().values(), key=lambda c: c.hostname)
    lines = table(rows).splitlines()
    assert lines[0].split()[:4] == ["HOSTNAME", "AVAILABILITY", "CPUS", "CPUS"]
    assert lines[1].startswith("node-1") and "16.0 MiB" in lines[1] and "23.5 GiB" in lines[1]
    assert lines[3].split()[1] == "pause"
    assert lines[-1].startswith("(total)") and "94.2 GiB" in lines[-1] and "32.0 MiB" in lines[-1]
    column = lines[0].index("MEMORY ")
    assert all(line[column - 1] == " " for line in lines)  # one column start for every line


def test_closest_node_names_what_it_lacks():
    by_host = capacities([*load("tasks"), web_task("node-2", "big", cpus=CPU + CPU // 2)])
    need = Resources(CPU, 24 * 1024 * MIB)
    node, missing = closest_node(by_host.values(), need)
    # node-3 is paused; node-2 lacks CPU as well; node-1 and node-4 lack the same memory: by name
    assert node.hostname == "node-1"
    assert missing == Resources(0, need.memory_bytes - by_host["node-1"].free.memory_bytes)
    node, missing = closest_node(by_host.values(), need, eligible=lambda c: c.hostname == "node-2")
    assert node.hostname == "node-2" and missing.nano_cpus == CPU // 2
    assert closest_node(by_host.values(), need, eligible=lambda c: False) is None
    _fits, nothing = closest_node(by_host.values(), Resources(CPU // 10, 20 * MIB))
    assert nothing == Resources()


def test_place_spreads_and_reports_what_fits_nowhere():
    by_host = capacities()
    node_1 = by_host["node-1"].id
    needs = [
        Resources(CPU, 0),
        Resources(CPU, 0),
        Resources(CPU, 0),
        Resources(CPU, 0),
        Resources(3 * CPU, 0),
    ]
    placed, unplaced = place(by_host.values(), needs, exclude=[node_1])
    assert unplaced == [4]  # 3 CPUs fit on no node
    assert node_1 not in placed.values() and by_host["node-3"].id not in placed.values()  # drained, paused
    assert sorted(placed) == [0, 1, 2, 3]  # node-2 and node-4 take two each
    placed, unplaced = place(by_host.values(), [Resources(CPU, 0)] * 5, exclude=[node_1])
    assert len(unplaced) == 1
