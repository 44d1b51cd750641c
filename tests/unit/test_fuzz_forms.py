"""R5: every form field, fuzzed. The service form (ports, resources, durations, replicas, env, labels,
mounts, constraints, policies), the network form (subnet, gateway, IP range, labels), node label keys,
volume names and the engine address of "connect host"/"join". Validators never raise; each refusal
names its field; what a validator accepts builds a spec the engine takes (no error left for later)."""

from __future__ import annotations

import ipaddress
import json
import os
import unicodedata
from dataclasses import fields, replace
from typing import Any
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from crane_desktop.engine import hosts, networks
from crane_desktop.engine import nodes as node_ops
from crane_desktop.engine.errors import EngineError
from crane_desktop.engine.service_form import (
    Phrase,
    Policy,
    ServiceForm,
    from_spec,
    spec_summary,
    to_compose,
    to_spec,
    validate,
)
from crane_desktop.engine.snapshots import Network, Node
from tests.unit.spec_limits import assert_numbers_fit

FUZZ = settings(
    max_examples=int(os.environ.get("CRANE_FUZZ_EXAMPLES", "250")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate]
    if "CRANE_FUZZ_EXAMPLES" in os.environ
    else tuple(Phase),
)

# -- strategies -----------------------------------------------------------------------------------
junk = st.text(max_size=12) | st.sampled_from(
    ["", " ", "$", "$HOME", "${X}", "数据", "²", "٣", "𝟘", "\u200b", "\x85", "\x00", "nan", "inf", "-0",
     "1e999", "1e-12", "9" * 400, "0x10", "1_000", "a\nb"]
)  # fmt: skip
number = (
    st.integers(0, 10**6).map(str)
    | st.sampled_from(["0", "1", "3", "-1", "²", "٣", " 7 ", "1.5", "99999999999999999999999", "9" * 400])
    | junk
)
decimal = st.floats(allow_nan=True, allow_infinity=True).map(repr) | st.sampled_from(
    ["0.5", ".5", "1.", "2", "0", "1e-12", "1e300", "nan", "inf", "-1", "1_0", "١"]
)
duration = st.builds(
    lambda n, u: f"{n}{u}", number, st.sampled_from(["s", "ms", "m", "h", "µs", "us", "ns", "", "d"])
) | st.sampled_from(["0", "1m30s", "0s", "1h1m1s", "5 s", "2562048h", "300000000h"])
size = st.builds(
    lambda n, u: f"{n}{u}", decimal | number, st.sampled_from(["", "M", "G", "k", "Mi", "GB", "x"])
)
port = st.integers(0, 70000).map(str) | st.sampled_from(["65535", "65536", "٨٠", "²", "99999999999"])
port_line = (
    st.builds(
        lambda p, t, proto, mode: f"{p}{t}{proto}{mode}",
        st.just("") | port.map(lambda p: f"{p}:"),
        port,
        st.sampled_from(["", "/tcp", "/udp", "/sctp", "/icmp"]),
        st.sampled_from(["", " host", " ingress", " bridge"]),
    )
    | junk
)
value_text = st.text(max_size=12) | st.sampled_from(["$", "$$", "${X}", "a=b", "数据", " x "])
key_text = st.from_regex(r"[A-Za-z_][A-Za-z0-9_.]{0,8}", fullmatch=True) | junk
env_line = st.builds(lambda k, v: f"{k}={v}", key_text, value_text) | key_text | junk
mount_line = (
    st.builds(
        lambda s, t, m: f"{s}:{t}{m}",
        st.sampled_from(["data", "/srv/data", "./rel", "a b", "x", "$V", "数据", "d"]),
        st.sampled_from(["/target", "rel", "/t$x", "/a b"]),
        st.sampled_from(["", ":ro", ":rw", ":z"]),
    )
    | junk
)
constraint = (
    st.builds(
        lambda k, op, v: f"{k} {op} {v}",
        st.sampled_from(["node.role", "node.labels.zone", "node.hostname", "bad key"]),
        st.sampled_from(["==", "!=", "=", ">"]),
        value_text,
    )
    | junk
)
name = st.from_regex(r"[a-zA-Z0-9][a-zA-Z0-9_.-]{0,70}", fullmatch=True) | junk


policy = st.builds(
    Policy,
    parallelism=number,
    delay=duration,
    failure_action=st.sampled_from(["pause", "continue", "rollback", "explode", ""]),
    monitor=duration,
    max_failure_ratio=decimal,
    order=st.sampled_from(["stop-first", "start-first", "middle"]),
)
service_form = st.builds(
    ServiceForm,
    app=st.just("") | name,
    name=name,
    image=st.sampled_from(["busybox:1", "127.0.0.1:5000/crane/busybox:1", "${IMAGE}", "a b", "$x"]) | junk,
    command=st.just("") | junk | st.just("sh -c 'echo $HOME'"),
    args=st.just("") | junk | st.just("echo 'unclosed"),
    mode=st.sampled_from(["replicated", "global", "daemon"]),
    replicas=number,
    endpoint_mode=st.sampled_from(["vip", "dnsrr", "nat"]),
    ports=st.lists(port_line, max_size=3),
    networks=st.lists(st.sampled_from(["front", "back"]), max_size=2, unique=True),
    env=st.lists(env_line, max_size=3),
    labels=st.lists(env_line, max_size=3),
    mounts=st.lists(mount_line, max_size=2),
    cpu_limit=st.just("") | decimal,
    memory_limit=st.just("") | size,
    cpu_reservation=st.just("") | decimal,
    memory_reservation=st.just("") | size,
    constraints=st.lists(constraint, max_size=2),
    restart_condition=st.sampled_from(["none", "on-failure", "any", "always"]),
    restart_delay=duration,
    restart_max_attempts=number,
    update=policy,
    rollback=policy,
)
FORM_FIELDS = {f.name for f in fields(ServiceForm)} | {
    f"{prefix}.{f.name}" for prefix in ("update", "rollback") for f in fields(Policy)
}


def assert_sendable(spec: dict[str, Any]) -> None:
    json.dumps(spec, allow_nan=False)
    assert_numbers_fit(spec)
    for p in spec["EndpointSpec"]["Ports"]:
        assert 1 <= p["TargetPort"] <= 65535 and 0 <= p["PublishedPort"] <= 65535
    resources = spec["TaskTemplate"]["Resources"]
    for kind in ("Limits", "Reservations"):
        if (resources.get(kind) or {}).get("NanoCPUs") is not None and kind in resources:
            assert resources[kind]["NanoCPUs"] >= 0


# -- the service form -----------------------------------------------------------------------------
@FUZZ
@given(service_form)
@example(ServiceForm(name="web", image="busybox", env=["PRICE=$5"]))  # "$" interpolated: ComposeError
@example(ServiceForm(name="web", image="busybox", labels=["a=${X}"], constraints=["node.labels.z == $z"]))
@example(ServiceForm(name="web", image="busybox", replicas="²"))  # isdigit() but not int(): ValueError
@example(ServiceForm(name="web", image="busybox", restart_max_attempts="²"))
@example(ServiceForm(name="web", image="busybox", replicas="99999999999999999999999"))
@example(ServiceForm(name="web", image="busybox", cpu_limit="nan"))  # accepted, then ValueError
@example(ServiceForm(name="web", image="busybox", cpu_limit="inf"))  # OverflowError
@example(ServiceForm(name="web", image="busybox", cpu_limit="1e-12"))  # 0 CPUs after rounding
@example(ServiceForm(name="web", image="busybox", memory_limit="9" * 400 + "M"))
@example(ServiceForm(name="web", image="busybox", restart_delay="300000000h"))
@example(ServiceForm(name="web\n", image="busybox"))  # "$" of the name pattern matched before "\n"
@example(ServiceForm(app="a" * 40, name="b" * 40, image="busybox"))  # app_name over 63 characters
@example(ServiceForm(name="web", image="busybox", mounts=["a b:/data"]))  # not a volume name
@example(ServiceForm(name="web", image="busybox", update=Policy(parallelism="9" * 30)))
def test_service_form(form):
    problems = validate(form)
    for key, (template, params) in problems.items():
        assert key in FORM_FIELDS, key
        assert template.format(**params)
    if problems:
        return
    text = to_compose(form)
    spec = to_spec(form)  # a validated form builds: no ComposeError left for the deploy button
    assert_sendable(spec)
    container = spec["TaskTemplate"]["ContainerSpec"]
    assert sorted(container.get("Env", [])) == sorted(
        {line.partition("=")[0]: line for line in form.env}.values()
    )
    assert spec["Name"] == (f"{form.app}_{form.name}" if form.app else form.name) and len(spec["Name"]) <= 63
    assert form.image.strip() in text or "$" in form.image
    # the update form is filled from the spec: it must validate as it is
    again = from_spec(spec)
    assert validate(again) == {}, again


@FUZZ
@given(
    service_form,
    st.sampled_from(sorted(f for f in FORM_FIELDS if "." not in f and f not in ("update", "rollback"))),
    junk,
)
def test_one_bad_field_is_refused_at_that_field(form, key, value):
    """A valid form with one field set to junk: refused at that field (or still fine)."""
    good = ServiceForm(name="web", image="busybox:1")
    current = getattr(good, key)
    bad = replace(good, **{key: [value] if isinstance(current, list) else value})
    problems = validate(bad)
    assert set(problems) <= {key}, problems
    if not problems:
        assert_sendable(to_spec(bad))


# -- the network form -----------------------------------------------------------------------------
ipv4 = st.ip_addresses(v=4).map(str)
ipv6 = st.ip_addresses(v=6).map(str)
cidr = st.builds(lambda a, p: f"{a}/{p}", ipv4, st.integers(0, 33)) | st.builds(
    lambda a, p: f"{a}/{p}", ipv6, st.integers(0, 129)
)
strict_cidr = st.ip_addresses(v=4).flatmap(
    lambda a: st.integers(8, 30).map(lambda p: str(ipaddress.ip_network(f"{a}/{p}", strict=False)))
)
ip_text = (
    cidr | strict_cidr | ipv4 | ipv6 | junk | st.sampled_from(["fe80::1%eth0/64", "10.0.0.0/255.255.0.0"])
)
label_text = st.lists(env_line | st.just("a=1,b=2") | st.just("k=v"), max_size=3).map("\n".join)
network_form = st.builds(
    networks.NetworkForm,
    name=name,
    subnet=st.just("") | ip_text,
    gateway=st.just("") | ip_text,
    ip_range=st.just("") | ip_text,
    internal=st.booleans(),
    attachable=st.booleans(),
    labels=st.just("") | label_text,
)


def _network(subnet: str) -> Network:
    config = [{"Subnet": subnet}] if subnet else []
    return Network.from_api({"Id": "n1", "Name": "backend", "Scope": "swarm", "IPAM": {"Config": config}})


@FUZZ
@given(network_form, st.just("") | ip_text)
@example(networks.NetworkForm("n", "10.0.0.0/24", "10.0.0.255"), "")
@example(networks.NetworkForm("n", "fd00::/64", "10.0.0.1", "10.0.0.0/24"), "fd00::/48")
def test_network_form(form, other_subnet):
    problems = networks.validate(form, [_network(other_subnet)])
    for problem in problems:
        assert problem.field in networks.FIELDS
        assert problem.template.format(**problem.params) == problem.message
    if networks.errors_only(problems):
        return
    spec = networks.create_spec(form)
    assert networks.NAME_PATTERN.fullmatch(spec["name"]) and len(spec["name"]) <= networks.NAME_MAX
    subnet = form.subnet.strip()
    if subnet:
        net = ipaddress.ip_network(subnet)  # strict: no host bits
        if form.gateway.strip():
            assert ipaddress.ip_address(form.gateway.strip()) in net
        if form.ip_range.strip():
            assert ipaddress.ip_network(form.ip_range.strip()).subnet_of(net)  # type: ignore[arg-type]
    for key in spec["labels"] or {}:
        assert key and not any(c.isspace() for c in key)


@FUZZ
@given(label_text | junk)
def test_network_labels_round_trip(text):
    labels, problems = networks.parse_labels(text)
    assert all(p.field == "labels" for p in problems)
    if not problems:
        again, more = networks.parse_labels(networks.labels_to_text(labels.items()))
        assert not more and again == labels


# -- node labels, volumes, engine addresses -------------------------------------------------------
def _node() -> Node:
    return Node.from_api({"ID": "n1", "Version": {"Index": 1}, "Spec": {"Role": "worker"}})


@FUZZ
@given(st.text(max_size=12) | junk, st.text(max_size=12))
@example("a\x7fb", "")  # DEL: a control character the key pattern let through
@example("a\x9bb", "")  # a C1 control character
def test_node_label_keys(key, value):
    problem = node_ops.label_key_error(key)
    if problem:
        with pytest.raises(EngineError):  # refused before anything is sent (no client needed)
            node_ops.update_labels(None, _node(), {key: value})  # type: ignore[arg-type]
        return
    assert key and "=" not in key
    assert not any(c.isspace() or unicodedata.category(c) == "Cc" for c in key), repr(key)


@FUZZ
@given(st.text(max_size=12) | junk)
def test_volume_names(name):
    if not hosts.volume_name_error(name) and name:
        assert name[0].isascii() and name[0].isalnum() and len(name) >= 2


@FUZZ
@given(
    st.text(max_size=20)
    | junk
    | ipv4
    | ipv6
    | st.builds(lambda h, p: f"{h}:{p}", st.sampled_from(["node-1", "10.0.0.1", "[fd00::1]"]), port)
    | st.sampled_from(["tcp://", "tcp://h:99999", "ssh://u@h", "h/x", "[fd00::1", "::1", "a b", "-bad-"]),
    st.integers(1, 65535),
)
@example("tcp://", 2376)
@example("h:99999", 2376)
@example("10.0.0.1/24", 2376)
def test_engine_addresses(address, port):
    problem = node_ops.address_error(address)
    endpoint = node_ops.engine_endpoint(address, port)  # never raises, even for what is refused
    if problem:
        return
    parts = urlsplit(endpoint)
    assert parts.scheme == "tcp" and parts.hostname and 1 <= (parts.port or 0) <= 65535, endpoint
    assert not parts.path and not parts.query and not parts.username


# -- regressions the fuzzers found ----------------------------------------------------------------
def test_dollar_signs_in_the_form_are_literal():
    form = ServiceForm(name="web", image="busybox", env=["PRICE=$5", "HOME=${HOME}"], labels=["cost=$$"])
    assert validate(form) == {}
    spec = to_spec(form)
    assert spec["TaskTemplate"]["ContainerSpec"]["Env"] == ["HOME=${HOME}", "PRICE=$5"]
    assert spec["Labels"]["cost"] == "$$"
    assert "PRICE=$$5" in to_compose(form)  # the compose text means the same to `docker stack deploy`


@pytest.mark.parametrize(
    ("changes", "key"),
    [
        ({"replicas": "²"}, "replicas"),
        ({"replicas": str(2**63)}, "replicas"),
        ({"cpu_limit": "nan"}, "cpu_limit"),
        ({"cpu_reservation": "1e-12"}, "cpu_reservation"),
        ({"memory_limit": "9" * 30 + "P"}, "memory_limit"),
        ({"restart_delay": "2562048h"}, "restart_delay"),
        ({"name": "web\n"}, "name"),
        ({"app": "a" * 62}, "app"),
        ({"app": "a" * 40, "name": "b" * 30}, "name"),
        ({"mounts": ["a b:/data"]}, "mounts"),
    ],
)
def test_values_the_engine_would_refuse_are_refused_at_their_field(changes, key):
    assert set(validate(replace(ServiceForm(name="web", image="busybox"), **changes))) == {key}


@pytest.mark.parametrize(
    "address", ["10.0.0.5", "node-1", "node-1:2376", "[fd00::1]:2376", "fd00::1", "tcp://10.0.0.5:2376"]
)
def test_engine_addresses_accepted(address):
    assert node_ops.address_error(address) == ""


@pytest.mark.parametrize(
    "address", ["", "a b", "h/x", "ssh://u@h", "tcp://", "h:0", "h:99999", "h:", "[fd00::1", "数据", "-x"]
)
def test_engine_addresses_refused(address):
    assert node_ops.address_error(address)


def _drop(value: Any, doomed: set[int], counter: list[int]) -> Any:
    """`value` with the dict entries whose running number is in `doomed` left out."""
    if isinstance(value, dict):
        result = {}
        for key, item in value.items():
            counter[0] += 1
            if counter[0] not in doomed:
                result[key] = _drop(item, doomed, counter)
        return result
    if isinstance(value, list):
        return [_drop(item, doomed, counter) for item in value]
    return value


FULL = ServiceForm(
    app="shop",
    name="web",
    image="busybox:1",
    args="sleep 1",
    ports=["8080:80/tcp ingress", "53/udp host"],
    env=["A=1"],
    labels=["team=ops"],
    mounts=["data:/data:ro", "/srv:/srv"],
    cpu_limit="0.5",
    memory_limit="64M",
    cpu_reservation="0.1",
    memory_reservation="32M",
    constraints=["node.role == manager"],
    networks=["front"],
)


@FUZZ
@given(st.sets(st.integers(1, 120), max_size=6))
def test_the_update_form_reads_specs_with_missing_fields(doomed):
    """An older engine (or another tool) may leave fields out: the update form and the summary still open."""
    spec = _drop(to_spec(FULL), doomed, [0])
    form = from_spec(spec, {"front": "front"})
    assert isinstance(validate(form), dict)
    for label, value in spec_summary(spec):
        assert label and isinstance(value, str | Phrase)


def test_a_mount_without_target_does_not_break_the_update_form():
    spec = to_spec(FULL)
    del spec["TaskTemplate"]["ContainerSpec"]["Mounts"][0]["Target"]  # was a KeyError
    assert from_spec(spec).mounts == ["/srv:/srv"]
