"""Node operations that need no engine: label keys as Docker accepts them, the demote guard (last
manager, quorum), engine addresses from what people type, join commands, host info parsing."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from crane_desktop.engine import hosts
from crane_desktop.engine import nodes as node_ops
from crane_desktop.engine.snapshots import Node, parse_all

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "engine"


@pytest.fixture
def swarm_nodes() -> list[Node]:
    return list(parse_all(Node, json.loads((FIXTURES / "nodes.json").read_text())).values())


def managers(nodes):
    return [n for n in nodes if n.role == "manager"]


@pytest.mark.parametrize("key", ["zone", "com.example.tier", "a-b_c/d", "数据"])
def test_label_keys_docker_accepts(key):
    assert node_ops.label_key_error(key) == ""


@pytest.mark.parametrize("key", ["", "a=b", "with space", "tab\tkey"])
def test_label_keys_refused(key):
    assert node_ops.label_key_error(key)


def test_demote_guard_last_manager(swarm_nodes):
    only = managers(swarm_nodes)[0]
    nodes = [only] + [replace(n, role="worker") for n in swarm_nodes if n.id != only.id]
    problem = node_ops.demote_problem(nodes, only.id)
    assert problem is not None and "last manager" in problem.message


def test_demote_guard_quorum(swarm_nodes):
    first, second, third = managers(swarm_nodes)[:3]
    down = {second.id, third.id}
    nodes = [
        replace(n, reachability="unreachable", is_leader=False) if n.id in down else n for n in swarm_nodes
    ]
    problem = node_ops.demote_problem(nodes, first.id)
    assert problem is not None and "quorum" in problem.message
    assert problem.params == {"reachable": 0, "total": 2}


def test_demote_allowed_when_the_rest_keep_quorum(swarm_nodes):
    first = managers(swarm_nodes)[0]
    assert node_ops.demote_problem(swarm_nodes, first.id) is None
    worker = next(n for n in swarm_nodes if n.role == "worker")
    assert node_ops.demote_problem(swarm_nodes, worker.id) is None


@pytest.mark.parametrize(
    ("typed", "endpoint"),
    [
        ("10.0.0.5", "tcp://10.0.0.5:2376"),
        (" node-2 ", "tcp://node-2:2376"),
        ("node-2:2377", "tcp://node-2:2377"),
        ("tcp://10.0.0.5:2376", "tcp://10.0.0.5:2376"),
        ("fd00::5", "tcp://[fd00::5]:2376"),
        ("[fd00::5]:3000", "tcp://[fd00::5]:3000"),
    ],
)
def test_engine_endpoint_from_what_people_type(typed, endpoint):
    assert node_ops.engine_endpoint(typed) == endpoint


def test_join_commands(swarm_nodes):
    info = node_ops.JoinInfo("SWMTKN-w", "SWMTKN-m", node_ops.manager_addresses(swarm_nodes), 1)
    leader = next(n for n in swarm_nodes if n.is_leader)
    assert info.managers[0] == leader.manager_address
    assert info.command("worker") == f"docker swarm join --token SWMTKN-w {leader.manager_address}"
    assert info.command("manager").startswith("docker swarm join --token SWMTKN-m ")


def test_running_tasks_on_counts_what_would_move():
    from crane_desktop.engine.snapshots import Task

    tasks = parse_all(Task, json.loads((FIXTURES / "tasks.json").read_text())).values()
    node_id = next(iter(tasks)).node_id
    expected = sum(1 for t in tasks if t.node_id == node_id and t.desired_state == "running")
    assert node_ops.running_tasks_on(tasks, node_id) == expected
    assert node_ops.running_tasks_on(tasks, "nope") == 0


def test_host_info_and_skew():
    info = json.loads((FIXTURES / "info.json").read_text())
    now = datetime(2020, 1, 1, tzinfo=UTC)
    info["SystemTime"] = (now + timedelta(seconds=42)).isoformat()
    parsed = hosts.HostInfo.from_api(info, now=now)
    assert parsed.skew_seconds == pytest.approx(42)
    assert parsed.docker_version == info["ServerVersion"] and parsed.cpus == info.get("NCPU", 0)


@pytest.mark.parametrize(
    ("name", "ok"), [("", True), ("data_1", True), ("a", False), ("-x", False), ("a b", False)]
)
def test_volume_names(name, ok):
    assert (hosts.volume_name_error(name) == "") is ok


def test_image_and_volume_snapshots():
    image = hosts.Image.from_api(
        {"Id": "sha256:abc", "RepoTags": ["<none>:<none>"], "Size": 10, "Created": 5}
    )
    assert image.tags == () and image.name == "abc"
    volume = hosts.Volume.from_api({"Name": "v", "Driver": "local", "Labels": None, "CreatedAt": ""})
    assert volume.name == "v" and volume.labels == ()
