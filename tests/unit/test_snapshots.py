"""Snapshot parsing from JSON recorded off the real engine (tests/fixtures/engine, docker 20.10),
and robustness against odd JSON: parsing never raises, unknown shapes become "unknown"."""

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from crane_desktop.engine.snapshots import (
    EPOCH,
    UNKNOWN,
    Config,
    Container,
    Network,
    Node,
    Secret,
    Service,
    Task,
    parse_all,
    parse_time,
    stacks_from_services,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "engine"


def load(name):
    return json.loads((FIXTURES / f"{name}.json").read_text())


def test_nodes():
    nodes = parse_all(Node, load("nodes"))
    by_host = {n.hostname: n for n in nodes.values()}
    assert sorted(by_host) == ["node-1", "node-2", "node-3", "node-4"]
    assert [n.hostname for n in nodes.values() if n.is_leader] == ["node-1"]
    assert by_host["node-4"].role == "worker" and by_host["node-4"].manager_address == ""
    assert by_host["node-2"].role == "manager" and by_host["node-2"].manager_address == "198.19.213.12:2377"
    assert by_host["node-2"].label_dict == {"zone": "east"}
    assert by_host["node-3"].address == "198.19.213.13"
    assert all(n.state == "ready" and n.availability == "active" for n in nodes.values())
    assert by_host["node-1"].engine_version.startswith("20.10")
    assert by_host["node-1"].nano_cpus > 0 and by_host["node-1"].memory_bytes > 0
    assert by_host["node-1"].created_at.year >= 2026


def test_services_and_stacks():
    services = {s.name: s for s in parse_all(Service, load("services")).values()}
    web = services["fixture-web"]
    assert web.mode == "replicated" and web.replicas == 2
    assert web.stack == "shop"
    assert [(p.target, p.published, p.protocol, p.mode) for p in web.ports] == [(80, 8080, "tcp", "host")]
    assert web.short_image == "127.0.0.1:5000/crane/busybox:1"
    assert services["fixture-global"].mode == "global" and services["fixture-global"].replicas is None
    stacks = stacks_from_services(services.values())
    assert stacks["shop"].is_stack and stacks["shop"].service_ids == (web.id,)
    assert not stacks["fixture-bad"].is_stack


def test_tasks_keep_their_error():
    tasks = parse_all(Task, load("tasks"))
    services = {s.id: s.name for s in parse_all(Service, load("services")).values()}
    failed = [
        t for t in tasks.values() if services.get(t.service_id) == "fixture-bad" and t.state == "failed"
    ]
    assert failed and "/nonexistent" in failed[0].error
    running = [t for t in tasks.values() if t.state == "running"]
    assert running and all(t.container_id and t.node_id for t in running)
    global_tasks = [t for t in tasks.values() if services.get(t.service_id) == "fixture-global"]
    assert len({t.node_id for t in global_tasks}) == 4


def test_networks():
    networks = {n.name: n for n in parse_all(Network, load("networks")).values()}
    assert networks["ingress"].ingress and networks["ingress"].driver == "overlay"
    net = networks["fixture-net"]
    assert net.scope == "swarm" and net.attachable and not net.internal
    assert net.ipam[0].subnet == "172.28.0.0/24" and net.ipam[0].gateway == "172.28.0.1"
    assert net.labels == (("env", "test"),)


def test_containers():
    containers = parse_all(Container, load("containers"))
    assert containers and all(c.task_id for c in containers.values())
    assert all(not c.name.startswith("/") for c in containers.values())


def test_nanosecond_timestamps():
    moment = parse_time("2026-11-26T14:54:01.123456789Z")
    assert (moment.microsecond, moment.utcoffset().total_seconds()) == (123456, 0)
    assert parse_time("2026-11-26T14:54:01+08:00").utcoffset().total_seconds() == 8 * 3600
    assert parse_time("yesterday") == EPOCH and parse_time(None) == EPOCH


keys = st.sampled_from(
    [
        "ID",
        "Id",
        "Spec",
        "Status",
        "Version",
        "Index",
        "Description",
        "ManagerStatus",
        "Mode",
        "Labels",
        "IPAM",
        "Names",
        "CreatedAt",
        "Endpoint",
        "TaskTemplate",
        "State",
        "Slot",
        "Ports",
        "Config",
        "Role",
        "Replicated",
        "Replicas",
        "Global",
        "ContainerSpec",
        "Image",
        "Addr",
        "Leader",
        "ContainerStatus",
    ]
)
scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=6)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=8,
)


@given(st.dictionaries(keys, json_values, max_size=8))
def test_parsing_never_raises_on_odd_json(data):
    for kind in (Node, Service, Task, Network, Container, Secret, Config):
        snapshot = kind.from_api(data)
        assert isinstance(snapshot.id, str)


def test_empty_objects_read_as_unknown():
    assert Node.from_api({}).role == UNKNOWN and Service.from_api({}).mode == UNKNOWN
    assert Task.from_api({}).state == UNKNOWN
    assert parse_all(Node, [{"ID": ""}, "junk", {"ID": "x"}]).keys() == {"x"}
    assert parse_all(Node, {"not": "a list"}) == {}


def test_secrets_and_configs_read_their_drivers_and_a_config_its_content():
    secret = Secret.from_api(
        {"ID": "s1", "Spec": {"Name": "pw", "Driver": {"Name": "vault"}, "Labels": {"a": "b"}}}
    )
    assert (secret.name, secret.driver, secret.templating, secret.labels) == (
        "pw",
        "vault",
        "",
        (("a", "b"),),
    )
    templated = Secret.from_api({"ID": "s2", "Spec": {"Name": "t", "Templating": {"Name": "golang"}}})
    assert (templated.driver, templated.templating) == ("", "golang")  # a templated secret has no driver
    config = Config.from_api(
        {"ID": "c1", "Spec": {"Name": "c", "Data": "aGVsbG8=", "Templating": {"Name": "golang"}}}
    )
    assert (config.content, config.driver, config.templating) == (b"hello", "", "golang")
    assert Config.from_api({"ID": "c2", "Spec": {"Data": "not base64!"}}).content == b""
