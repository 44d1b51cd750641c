"""The deploy form's rules: field-level problems before anything is sent, the spec it builds (through
compose, like a stack file), its compose text, and the update form's round trip."""

from __future__ import annotations

from dataclasses import replace

import yaml

from crane_desktop.engine.service_form import (
    Policy,
    ServiceForm,
    from_spec,
    to_compose,
    to_spec,
    updated_spec,
    validate,
)


def good() -> ServiceForm:
    return ServiceForm(
        name="web",
        image="busybox:1",
        args="sleep 3600",
        replicas="3",
        ports=["8080:80/tcp host"],
        env=["A=1"],
        labels=["team=ops"],
        constraints=["node.role == manager"],
        memory_limit="64M",
        cpu_limit="0.5",
        update=Policy(parallelism="2", delay="10s", order="start-first"),
    )


def test_valid_form_has_no_problems():
    assert validate(good()) == {}


def test_each_bad_field_is_named():
    bad = replace(
        good(),
        name="bad name",
        image="",
        replicas="-1",
        ports=["80:eighty"],
        env=["=x"],
        memory_limit="lots",
        cpu_limit="0",
        constraints=["zone east"],
        restart_delay="soon",
        update=Policy(parallelism="x", max_failure_ratio="2", order="sideways"),
    )
    problems = validate(bad)
    assert set(problems) == {
        "name",
        "image",
        "replicas",
        "ports",
        "env",
        "memory_limit",
        "cpu_limit",
        "constraints",
        "restart_delay",
        "update.parallelism",
        "update.max_failure_ratio",
        "update.order",
    }
    template, params = problems["ports"]
    assert params == {"line": 1, "text": "80:eighty"}
    assert "{line}" in template


def test_limits_below_what_the_engine_takes_are_refused_at_their_field():
    """The engine refuses under 0.001 CPU or 4M of memory (after docker has created the app's objects):
    the form says so at the field, as the compose check does at the line."""
    tiny = replace(good(), memory_limit="1", memory_reservation="3M", cpu_limit="0.0001")
    problems = validate(tiny)
    assert {key: problems[key] for key in ("memory_limit", "memory_reservation", "cpu_limit")} == {
        "memory_limit": ("must be at least {minimum}", {"minimum": "4M"}),
        "memory_reservation": ("must be at least {minimum}", {"minimum": "4M"}),
        "cpu_limit": ("must be at least {minimum}", {"minimum": "0.001"}),
    }
    assert validate(replace(good(), memory_limit="4M", cpu_limit="0.001")) == {}


def test_global_mode_ignores_replicas_and_dnsrr_needs_host_ports():
    assert validate(replace(good(), mode="global", replicas="many")) == {}
    problems = validate(replace(good(), endpoint_mode="dnsrr", ports=["8080:80"]))
    assert list(problems) == ["ports"]


def test_spec_of_a_lone_service_and_of_an_app_service():
    spec = to_spec(good())
    assert spec["Name"] == "web"
    assert spec["Labels"] == {"team": "ops"}
    assert spec["Mode"] == {"Replicated": {"Replicas": 3}}
    assert spec["TaskTemplate"]["ContainerSpec"]["Args"] == ["sleep", "3600"]
    assert spec["TaskTemplate"]["Networks"] == []
    assert spec["TaskTemplate"]["Resources"]["Limits"] == {
        "NanoCPUs": 500_000_000,
        "MemoryBytes": 64 * 1024**2,
    }
    assert spec["EndpointSpec"]["Ports"] == [
        {"Protocol": "tcp", "TargetPort": 80, "PublishedPort": 8080, "PublishMode": "host"}
    ]
    assert spec["UpdateConfig"]["Parallelism"] == 2 and spec["UpdateConfig"]["Order"] == "start-first"
    in_app = to_spec(replace(good(), app="shop"))
    assert in_app["Name"] == "shop_web"
    assert in_app["Labels"]["com.docker.stack.namespace"] == "shop"


def test_compose_text_round_trips():
    document = yaml.safe_load(to_compose(good()))
    assert document["services"]["web"]["deploy"]["replicas"] == 3
    assert document["services"]["web"]["ports"][0] == {
        "target": 80,
        "protocol": "tcp",
        "published": 8080,
        "mode": "host",
    }


def test_update_form_round_trip_and_policy_only_update():
    spec = to_spec(replace(good(), app="shop"))
    form = from_spec(spec)
    assert form.app == "shop" and form.name == "web"
    assert form.memory_limit == "64M" and form.cpu_limit == "0.5"
    assert form.update.delay == "10s" and form.update.order == "start-first"
    assert validate(form) == {}
    edited = replace(form, update=replace(form.update, parallelism="4"), mode="global")
    new = updated_spec(spec, form, edited)
    assert new["UpdateConfig"]["Parallelism"] == 4
    assert new["TaskTemplate"] == spec["TaskTemplate"]  # untouched: no task restarts
    assert new["Mode"] == spec["Mode"]  # locked field kept


def test_an_update_sends_the_existing_networks():
    """网络模式不可更改: whatever the form holds, the update keeps the service's networks as they are."""
    spec = to_spec(replace(good(), networks=["shop_backend"]))
    spec["TaskTemplate"]["Networks"] = [{"Target": "n1d", "Aliases": ["web"]}]  # as the engine holds it
    form = from_spec(spec, {"n1d": "shop_backend"})
    assert form.networks == ["shop_backend"]
    edited = replace(form, networks=["shop_frontend"], env=["A=2"])
    new = updated_spec(spec, form, edited)
    assert new["TaskTemplate"]["Networks"] == [{"Target": "n1d", "Aliases": ["web"]}]
    assert new["TaskTemplate"]["ContainerSpec"]["Env"] == ["A=2"]
