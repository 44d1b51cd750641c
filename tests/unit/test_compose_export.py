"""The export's reverse conversion without an engine: the specs our converter makes from the parity
suite's files, exported and converted again, are the same specs (the round trip through
`docker stack deploy` itself: tests/integration/test_compose_export.py); values compose reads back
exactly; the oldest schema that has every key; what has no compose key named in the header."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
import yaml

from crane_desktop.engine import compose
from crane_desktop.engine.compose_export import AppObjects, cpus, export
from crane_desktop.engine.formatting import duration

PARITY = Path(__file__).resolve().parent.parent / "fixtures" / "compose" / "parity"
ENV = {
    "IMAGE": "registry:5000/app:1",
    "APP_PREFIX": "app",
    "OUTSIDE_NETWORK": "outside-net",
    "OUTSIDE_SECRET": "outside-secret",
    "OUTSIDE_CONFIG": "outside-config",
    "PARITY_SET": "set",
    "PARITY_EMPTY": "",
    "FROM_SHELL": "shell",
}


def running(plan: compose.StackPlan) -> AppObjects:
    """The app as the engine would list it after deploying `plan` (references by name, no ids)."""
    services = [{"Spec": spec} for spec in plan.services.values()]
    networks = [{"Id": f"id-{name}", **body} for name, body in plan.networks.items()]
    networks += [{"Id": f"id-{name}", "Name": name} for name in plan.external_networks]
    configs = [
        {"ID": name, "Spec": {**spec, "Data": base64.b64encode(spec["Data"]).decode()}}
        for name, spec in plan.configs.items()
    ]
    secrets = [{"ID": name, "Spec": spec} for name, spec in plan.secrets.items()]
    return AppObjects(plan.name, services, networks, secrets, configs)


def with_config_ids(plan: compose.StackPlan) -> compose.StackPlan:
    """References with ids (the export reads objects by id), and without the isolation `default` that
    the engine reports for every service (the export leaves it out)."""
    for spec in plan.services.values():
        container = spec["TaskTemplate"]["ContainerSpec"]
        if container.get("Isolation") == "default":
            del container["Isolation"]
        for kind, key, id_key in (
            ("Secrets", "SecretName", "SecretID"),
            ("Configs", "ConfigName", "ConfigID"),
        ):
            for ref in container.get(kind) or ():
                ref[id_key] = ref[key]
    return plan


@pytest.mark.parametrize(
    "case", ["service-keys", "objects", "more-keys", "voting", "variables", "anchors", "jobs"]
)
def test_the_converters_specs_come_back_from_their_export(case, tmp_path):
    plan = with_config_ids(compose.load_file(PARITY / case / "docker-compose.yml", "app", environ=ENV))
    result = export(running(plan), config_files=True)
    (tmp_path / "docker-compose.yml").write_text(result.text)
    for name, data in result.files.items():
        (tmp_path / name).write_bytes(data)

    again = with_config_ids(compose.load_file(tmp_path / "docker-compose.yml", "app", environ={}))

    assert again.services == plan.services
    assert again.networks == plan.networks
    assert again.configs == plan.configs
    assert sorted(again.external_networks) == sorted(plan.external_networks)


def spec(**container) -> dict:
    return {
        "Spec": {
            "Name": "app_web",
            "Labels": {"com.docker.stack.namespace": "app"},
            "TaskTemplate": {"ContainerSpec": {"Image": "busybox", **container}},
            "Mode": {"Replicated": {"Replicas": 1}},
        }
    }


def test_values_read_back_exactly():
    assert [duration(n) for n in (0, 7, 1_500_000, 90 * 10**9, 3600 * 10**9)] == [
        "0s",
        "7ns",
        "1ms500us",
        "1m30s",
        "1h",
    ]
    assert [cpus(n) for n in (250_000_000, 10**9, 1, 333_333_333)] == [
        "0.25",
        "1",
        "0.000000001",
        "0.333333333",
    ]
    text = export(AppObjects("app", [spec(Env=["PRICE=$5", "X=${Y}"])], [], [], [])).text
    assert yaml.safe_load(text)["services"]["web"]["environment"] == ["PRICE=$$5", "X=$${Y}"]
    plan = compose.load(text, "app")
    assert plan.services["app_web"]["TaskTemplate"]["ContainerSpec"]["Env"] == ["PRICE=$5", "X=${Y}"]


def test_the_version_is_the_oldest_that_has_every_key():
    plain = export(AppObjects("app", [spec(Args=["sleep", "1"])], [], [], [])).text
    assert "\nversion: '3.0'\n" in plain
    with_init = export(AppObjects("app", [spec(Init=True)], [], [], [])).text
    assert "\nversion: '3.7'\n" in with_init
    service = spec()
    service["Spec"]["TaskTemplate"]["Placement"] = {"MaxReplicas": 2}
    assert "\nversion: '3.8'\n" in export(AppObjects("app", [service], [], [], [])).text


def test_what_compose_cannot_say_is_named_in_the_header():
    service = spec(Groups=["wheel"], DNSConfig={"Options": ["ndots:2"]})
    service["Spec"]["Mode"] = {"ReplicatedJob": {"MaxConcurrent": 2, "TotalCompletions": 5}}
    result = export(AppObjects("app", [service], [], [], []))
    assert result.notes == [
        "app_web: ContainerSpec.Groups (no compose 3.x key)",
        "app_web: DNS options ['ndots:2'] (no compose 3.x key)",
        "app_web: on no network (compose puts it on the app's default network)",
        "app_web: the job's max concurrent 2 (compose runs as many as its replicas)",
    ]
    header = result.text.split("\nversion:")[0]
    assert "# Cannot round-trip: app_web: ContainerSpec.Groups (no compose 3.x key)" in header
