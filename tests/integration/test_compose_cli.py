"""Our compose deploy against `docker stack deploy`: the same file deployed both ways gives the same
specs, field by field (only the app name inside names and labels differs)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from crane_desktop.engine import compose, stacks
from tests.swarm import IMAGE, docker, unique, wait_until

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "compose" / "varied"
VOLATILE = {
    "ID",
    "Version",
    "CreatedAt",
    "UpdatedAt",
    "Endpoint",
    "UpdateStatus",
    "PreviousSpec",
    "ServiceStatus",
}


@pytest.fixture
def app_dir(tmp_path, monkeypatch) -> Path:
    target = tmp_path / "app"
    shutil.copytree(FIXTURE, target)
    (target / "token.txt").write_text("s3cret\n")
    (target / "settings.conf").write_text("level=debug\n")
    monkeypatch.setenv("IMAGE", IMAGE)
    monkeypatch.setenv("WEB_PORT", "18080")
    monkeypatch.setenv("WHO", "crane")
    return target


def volumes() -> dict[int, set[str]]:
    return {node: set(docker(node, "volume", "ls", "-q").split()) for node in range(1, 5)}


def containers_gone(names: list[str]) -> bool:
    return not any(
        docker(node, "ps", "-aq", "--filter", f"label=com.docker.stack.namespace={name}")
        for node in range(1, 5)
        for name in names
    )


@pytest.fixture
def stacks_to_remove():
    """Apps a test deploys; removed afterwards with the volumes their tasks made (named and anonymous:
    like `docker stack rm`, removing an app leaves volumes on the nodes)."""
    names: list[str] = []
    before = volumes()
    yield names
    for name in names:
        docker(1, "stack", "rm", name, check=False)
    wait_until(lambda: containers_gone(names), timeout=60, what="the apps' containers to go")
    for node, found in volumes().items():
        new = sorted(found - before[node])
        if new:
            # A task container the agent is still tearing down (or had just created when the app went)
            # holds its volumes a moment longer than `docker ps` shows it: wait until the removal goes.
            wait_until(
                lambda node=node, new=new: remove_volumes(node, new),
                timeout=60,
                what=f"the apps' volumes on node {node} to be released",
            )


def remove_volumes(node: int, names: list[str]) -> bool:
    docker(node, "volume", "rm", *names, check=False)
    return not set(names) & set(docker(node, "volume", "ls", "-q").split())


def normalise(value: Any, stack: str, ids: dict[str, str]) -> Any:
    """Replace the app name by STACK and object ids (networks, secrets, configs) by their names."""
    if isinstance(value, dict):
        return {
            normalise(k, stack, ids): normalise(v, stack, ids) for k, v in value.items() if k not in VOLATILE
        }
    if isinstance(value, list):
        return [normalise(v, stack, ids) for v in value]
    if isinstance(value, str):
        value = ids.get(value, value)
        return value.replace(f"{stack}_", "STACK_") if value != stack else "STACK"
    return value


def differences(ours: Any, theirs: Any, path: str = "") -> list[str]:
    if isinstance(ours, dict) and isinstance(theirs, dict):
        found = []
        for key in sorted(set(ours) | set(theirs)):
            found += differences(ours.get(key), theirs.get(key), f"{path}.{key}")
        return found
    if isinstance(ours, list) and isinstance(theirs, list) and len(ours) == len(theirs):
        return [
            d
            for i, (a, b) in enumerate(zip(ours, theirs, strict=True))
            for d in differences(a, b, f"{path}[{i}]")
        ]
    return [] if ours == theirs else [f"{path}: ours={ours!r} cli={theirs!r}"]


def snapshot(cluster, stack: str) -> dict[str, Any]:
    client = cluster.client
    flt = {"label": f"com.docker.stack.namespace={stack}"}
    ids = {n["Id"]: n["Name"] for n in client.networks()}
    ids.update({s["ID"]: s["Spec"]["Name"] for s in client.secrets()})
    ids.update({c["ID"]: c["Spec"]["Name"] for c in client.configs()})
    services = {s["Spec"]["Name"]: s["Spec"] for s in client.services(filters=flt)}
    networks = {
        n["Name"]: {k: n[k] for k in ("Driver", "Scope", "Internal", "Attachable", "Labels")}
        for n in client.networks(filters=flt)
    }
    secrets = {s["Spec"]["Name"]: s["Spec"] for s in client.secrets(filters=flt)}
    configs = {c["Spec"]["Name"]: c["Spec"] for c in client.configs(filters=flt)}
    state = {"services": services, "networks": networks, "secrets": secrets, "configs": configs}
    return normalise(state, stack, ids)


def test_compose_deploy_equals_docker_stack_deploy(cluster, app_dir, stacks_to_remove):
    ours, cli = unique("cmpo"), unique("cmpc")
    stacks_to_remove.extend([ours, cli])
    plan = compose.load_file(app_dir / "docker-compose.yml", ours)
    stacks.deploy(cluster.client, plan)
    docker(1, "stack", "deploy", "--resolve-image", "never", "-c", str(app_dir / "docker-compose.yml"), cli)

    mine, theirs = snapshot(cluster, ours), snapshot(cluster, cli)
    assert sorted(mine["services"]) == ["STACK_idle", "STACK_web", "STACK_worker"]
    assert (
        sorted(mine["networks"])
        == sorted(theirs["networks"])
        == ["STACK_back", "STACK_default", "STACK_front"]
    )
    assert differences(mine, theirs) == []
    # spot checks that the comparison saw the features
    web = mine["services"]["STACK_web"]
    assert web["Labels"]["com.docker.stack.image"] == IMAGE
    assert web["EndpointSpec"]["Ports"][0]["PublishMode"] == "host"
    assert "GREETING=hello crane" in web["TaskTemplate"]["ContainerSpec"]["Env"]
    assert web["UpdateConfig"]["Order"] == "start-first"


def test_redeploy_updates_in_place_and_prunes(cluster, app_dir, stacks_to_remove):
    name = unique("cmpr")
    stacks_to_remove.append(name)
    path = app_dir / "docker-compose.yml"
    first = stacks.deploy(cluster.client, compose.load_file(path, name))
    assert sorted(first.created) == [f"{name}_idle", f"{name}_web", f"{name}_worker"]
    web_id = cluster.client.inspect_service(f"{name}_web")["ID"]

    text = path.read_text().replace("  idle:\n", "  idle-gone:\n", 1)
    text = text[: text.index("  idle-gone:\n")] + text[text.index("\nnetworks:") :]
    path.write_text(text)
    second = stacks.deploy(cluster.client, compose.load_file(path, name))
    assert second.removed == [f"{name}_idle"]
    assert sorted(second.updated) == [f"{name}_web", f"{name}_worker"]
    assert cluster.client.inspect_service(f"{name}_web")["ID"] == web_id
    remaining = sorted(s["Spec"]["Name"] for s in stacks.stack_services(cluster.client, name))
    assert remaining == [f"{name}_web", f"{name}_worker"]

    removed = stacks.remove(cluster.client, name)
    assert sorted(removed.services) == remaining
    assert sorted(removed.networks) == [f"{name}_back", f"{name}_default", f"{name}_front"]
    assert stacks.stack_services(cluster.client, name) == []
    # the manager's engine may list its local copy of an overlay network a moment longer
    wait_until(
        lambda: cluster.client.networks(filters={"label": f"com.docker.stack.namespace={name}"}) == [],
        what="the app's networks to be gone",
    )


def test_credential_spec_from_a_config_deploys_as_docker_does(
    cluster, tmp_path, stacks_to_remove, monkeypatch
):
    """The service's credential spec names the app's config by id, with the config as a runtime
    reference, as docker stack deploy makes it."""
    monkeypatch.setenv("IMAGE", IMAGE)
    (tmp_path / "spec.json").write_text('{"CmsPlugins": ["ActiveDirectory"]}\n')
    file = tmp_path / "docker-compose.yml"
    file.write_text(
        'version: "3.8"\n'
        "services:\n"
        "  app:\n"
        "    image: ${IMAGE}\n"
        '    command: ["sleep", "3600"]\n'
        "    credential_spec:\n"
        "      config: spec\n"
        "configs:\n"
        "  spec:\n"
        "    file: ./spec.json\n"
    )
    ours, cli = unique("cmpk"), unique("cmpl")
    stacks_to_remove.extend([ours, cli])
    stacks.deploy(cluster.client, compose.load_file(file, ours))
    docker(1, "stack", "deploy", "--resolve-image", "never", "-c", str(file), cli)

    assert differences(snapshot(cluster, ours), snapshot(cluster, cli)) == []
    (service,) = cluster.client.services(filters={"name": f"{ours}_app"})
    (config,) = cluster.client.configs(filters={"name": f"{ours}_spec"})
    credential = service["Spec"]["TaskTemplate"]["ContainerSpec"]["Privileges"]["CredentialSpec"]
    assert credential["Config"] == config["ID"]  # the id, not the name
