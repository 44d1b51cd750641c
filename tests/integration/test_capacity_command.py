"""`crane-desktop capacity --format json` against the real swarm: every node's CPUs and memory as
`docker node inspect` reports them, and the reservations and limits of the tasks placed on it (desired
state running, or ready: restarting) summed, with a service of ours reserving CPU and memory."""

from __future__ import annotations

import json

from tests.integration.test_stack_command import crane
from tests.swarm import IMAGE, docker, docker_json, profile_path, unique, wait_until

NANO = 1_000_000_000
MIB = 1024 * 1024


def expected() -> list[dict]:
    """What the command must print, computed from the docker CLI's own view of the swarm."""
    nodes = docker_json(1, "node", "inspect", *docker(1, "node", "ls", "-q").split())
    task_ids = docker(1, "node", "ps", "-q", "--no-trunc", *(n["ID"] for n in nodes)).split()
    tasks = docker_json(1, "inspect", *sorted(set(task_ids))) if task_ids else []
    rows = []
    for node in sorted(nodes, key=lambda n: n["Description"]["Hostname"]):
        placed = [
            t for t in tasks if t.get("NodeID") == node["ID"] and t["DesiredState"] in ("running", "ready")
        ]

        def total(kind: str, field: str, placed=placed) -> int:
            return sum((t["Spec"].get("Resources") or {}).get(kind, {}).get(field, 0) for t in placed)

        resources = node["Description"]["Resources"]
        rows.append(
            {
                "hostname": node["Description"]["Hostname"],
                "cpus": resources["NanoCPUs"] / NANO,
                "cpus_reserved": total("Reservations", "NanoCPUs") / NANO,
                "cpus_limits": total("Limits", "NanoCPUs") / NANO,
                "memory": resources["MemoryBytes"],
                "memory_reserved": total("Reservations", "MemoryBytes"),
                "memory_limits": total("Limits", "MemoryBytes"),
                "memory_free": resources["MemoryBytes"] - total("Reservations", "MemoryBytes"),
            }
        )
    return rows


def shown() -> list[dict]:
    done = crane("capacity", "--profile-file", str(profile_path()), "--format", "json")
    assert done.returncode == 0, done.stderr
    keys = ("hostname", "cpus", "cpus_reserved", "cpus_limits", "memory", "memory_reserved", "memory_limits")
    return [{k: row[k] for k in (*keys, "memory_free")} for row in json.loads(done.stdout)]


def test_capacity_json_equals_node_inspect_and_the_tasks_reservations():
    name = unique("capacity")
    docker(
        1, "service", "create", "--detach", "--quiet", "--name", name, "--replicas", "2",
        "--reserve-cpu", "0.1", "--reserve-memory", "20m", "--limit-memory", "64m",
        "--placement-pref", "spread=node.id", IMAGE, "sleep", "3600",
    )  # fmt: skip
    try:

        def running_nodes() -> list[str]:
            out = docker(
                1,
                "service",
                "ps",
                name,
                "--filter",
                "desired-state=running",
                "--format",
                "{{.Node}} {{.CurrentState}}",
            )
            return [line.split()[0] for line in out.splitlines() if " Running" in line]

        hosts = wait_until(lambda: len(running_nodes()) == 2 and running_nodes(), 60, f"{name} running twice")
        # the swarm is shared: compare when nothing else changed between the two readings around ours
        for _attempt in range(5):
            before, got, after = expected(), shown(), expected()
            if before == after:
                break
        assert before == after, "the swarm kept changing"
        assert got == before
        ours = [row for row in got if row["hostname"] in hosts]
        assert all(row["cpus_reserved"] >= 0.1 and row["memory_reserved"] >= 20 * MIB for row in ours)
        assert all(row["memory_limits"] >= 64 * MIB for row in ours)

        done = crane("capacity", "--profile-file", str(profile_path()), "--format", "json", "--usage")
        assert done.returncode == 0, done.stderr
        measured = {row["hostname"]: row for row in json.loads(done.stdout)}
        for host in hosts:  # the profile names every node's engine: ours run containers there
            assert measured[host]["containers"] >= 1 and measured[host]["memory_used"] > 0
            assert 0 <= measured[host]["cpus_used"] <= measured[host]["cpus"]
    finally:
        docker(1, "service", "rm", name, check=False)
