"""Node operations against the real swarm: drain moves tasks away, pause/activate round-trip, labels
visible to `docker node inspect`, a concurrent CLI change detected (Conflict), promote/demote, removal
refused while up, connect host verified by node id, and node-2's own engine objects."""

from __future__ import annotations

import json
import socket

import pytest

from crane_desktop.engine import hosts
from crane_desktop.engine import nodes as node_ops
from crane_desktop.engine.errors import Conflict, EngineError, EngineTimeout
from crane_desktop.engine.snapshots import ENDPOINT_LABEL
from tests.swarm import IMAGE, docker, node_id, unique, wait_until


def inspect(node: str) -> dict:
    return json.loads(docker(1, "node", "inspect", node))[0]


def labels_of(node: str) -> dict:
    return inspect(node)["Spec"].get("Labels") or {}


def tasks_on(service: str, hostname: str) -> list[str]:
    out = docker(1, "service", "ps", "--filter", "desired-state=running", "--format", "{{.Node}}", service)
    return [line for line in out.splitlines() if line == hostname]


def test_drain_moves_tasks_then_activate(cluster, service_names):
    name = unique("drain")
    service_names.append(name)
    docker(
        1,
        "service",
        "create",
        "--detach",
        "--name",
        name,
        "--replicas",
        "4",
        "--placement-pref",
        "spread=node.id",
        IMAGE,
        "sleep",
        "3600",
    )
    wait_until(lambda: tasks_on(name, "node-4"), 60, "a task on node-4")
    node4 = node_id("node-4")
    try:
        node_ops.set_availability(cluster.client, node4, "drain")
        assert inspect("node-4")["Spec"]["Availability"] == "drain"
        wait_until(lambda: not tasks_on(name, "node-4"), 60, "node-4's tasks to move")
        wait_until(
            lambda: (
                len(docker(1, "service", "ps", "--filter", "desired-state=running", "-q", name).split()) == 4
            ),
            60,
            "4 running tasks elsewhere",
        )
    finally:
        node_ops.set_availability(cluster.client, node4, "active")
    assert inspect("node-4")["Spec"]["Availability"] == "active"


def test_pause_and_activate_round_trip(cluster):
    node4 = node_id("node-4")
    try:
        before = node_ops.set_availability(cluster.client, node4, "pause")
        assert inspect("node-4")["Spec"]["Availability"] == "pause"
        assert before.availability == "active"
    finally:
        node_ops.set_availability(cluster.client, node4, "active")
    assert inspect("node-4")["Spec"]["Availability"] == "active"


def test_labels_added_changed_removed_and_conflict(cluster):
    node4 = node_id("node-4")
    original = labels_of("node-4")
    try:
        node = node_ops.inspect(cluster.client, node4)
        node_ops.update_labels(cluster.client, node, {**original, "zone": "a", "tier": "web"})
        assert labels_of("node-4") == {**original, "zone": "a", "tier": "web"}
        node = node_ops.inspect(cluster.client, node4)
        node_ops.update_labels(cluster.client, node, {**original, "zone": "b"})
        assert labels_of("node-4") == {**original, "zone": "b"}
        # someone changes the labels with the CLI between our load and our apply
        loaded = node_ops.inspect(cluster.client, node4)
        docker(1, "node", "update", "--label-add", "by-cli=yes", "node-4")
        with pytest.raises(Conflict) as caught:
            node_ops.update_labels(cluster.client, loaded, {**original, "zone": "c"})
        assert "changed by someone else" in caught.value.message
        assert labels_of("node-4") == {**original, "zone": "b", "by-cli": "yes"}  # not lost
        with pytest.raises(EngineError):
            node_ops.update_labels(cluster.client, node_ops.inspect(cluster.client, node4), {"bad key": "x"})
    finally:
        node_ops.update_labels(cluster.client, node_ops.inspect(cluster.client, node4), original)
    assert labels_of("node-4") == original


def test_promote_then_demote(cluster):
    node4 = node_id("node-4")
    nodes = list(node_ops.Node.from_api(n) for n in cluster.client.nodes())
    try:
        node_ops.set_role(cluster.client, node4, "manager")
        wait_until(
            lambda: inspect("node-4").get("ManagerStatus", {}).get("Reachability") == "reachable",
            60,
            "node-4 a reachable manager",
        )
    finally:
        nodes = [node_ops.Node.from_api(n) for n in cluster.client.nodes()]
        node_ops.set_role(cluster.client, node4, "worker", nodes)
    wait_until(
        lambda: inspect("node-4")["Spec"]["Role"] == "worker" and "ManagerStatus" not in inspect("node-4"),
        60,
        "node-4 a worker again",
    )


def test_remove_refused_while_up(cluster):
    node = node_ops.inspect(cluster.client, node_id("node-4"))
    with pytest.raises(node_ops.NodeNotDown) as caught:
        node_ops.remove(cluster.client, node)
    assert "node-4 is still up" in caught.value.message
    # and the engine agrees when asked without force
    with pytest.raises(Exception) as engine_refusal:
        cluster.client.remove_node(node.id, force=False)
    assert "down" in str(engine_refusal.value)
    assert inspect("node-4")["Status"]["State"] == "ready"


def test_connect_host_verifies_the_node_id(cluster, profile):
    node2 = node_id("node-2")
    original = labels_of("node-2")
    try:
        node_ops.disconnect_host(cluster.client, node2)
        with pytest.raises(node_ops.WrongNode) as wrong:
            node_ops.connect_host(cluster.client, node2, profile.nodes["node-3"], profile.tls)
        assert "is node-3, not node-2" in wrong.value.message
        assert ENDPOINT_LABEL not in labels_of("node-2")
        fresh = node_ops.connect_host(cluster.client, node2, profile.nodes["node-2"], profile.tls)
        assert fresh.endpoint_label == profile.nodes["node-2"]
        assert labels_of("node-2")[ENDPOINT_LABEL] == profile.nodes["node-2"]
    finally:
        node_ops.update_labels(cluster.client, node_ops.inspect(cluster.client, node2), original)


def test_connect_host_unreachable_times_out(cluster, profile):
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)  # accepts the TCP connection, never answers the TLS handshake
    try:
        with pytest.raises(EngineTimeout) as caught:
            node_ops.connect_host(
                cluster.client,
                node_id("node-2"),
                f"tcp://127.0.0.1:{silent.getsockname()[1]}",
                profile.tls,
                timeout=1.0,
            )
        assert "did not answer in time" in caught.value.message and "127.0.0.1" in caught.value.message
    finally:
        silent.close()


def test_node2_engine_objects(cluster, profile):
    node2 = next(n for n in map(node_ops.Node.from_api, cluster.client.nodes()) if n.hostname == "node-2")
    client = cluster.node_client(node2)
    name = unique("host-ctr")
    docker(2, "run", "-d", "--name", name, IMAGE, "sleep", "300")
    volume = unique("host-vol")
    try:
        assert hosts.host_info(client).swarm_node_id == node2.id
        assert name in {c.name for c in hosts.containers(client).values()}
        assert {"bridge", "ingress"} <= {n.name for n in hosts.networks(client).values()}
        images = hosts.images(client)
        busybox = next(i for i in images.values() if IMAGE in i.tags)
        assert hosts.image_history(client, busybox.id)
        hosts.create_volume(client, volume)
        assert volume in hosts.volumes(client)
        assert volume in docker(2, "volume", "ls", "-q").split()
        hosts.remove_volume(client, volume)
        assert volume not in docker(2, "volume", "ls", "-q").split()
        with pytest.raises(EngineError):
            hosts.create_volume(client, "-bad")
    finally:
        docker(2, "rm", "-f", name, check=False)
        docker(2, "volume", "rm", volume, check=False)
