"""Our compose deploy against `docker stack deploy`: the same file deployed both ways gives the same
specs, field by field (only the app name inside names and labels differs)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from crane_desktop.engine import compose, stacks
from tests.compose_parity import apps_removed_afterwards, differences, snapshot
from tests.swarm import IMAGE, docker, unique, wait_until

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "compose" / "varied"


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


@pytest.fixture
def stacks_to_remove():
    """Apps a test deploys; removed afterwards with the volumes their tasks made."""
    yield from apps_removed_afterwards()


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
