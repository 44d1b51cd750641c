"""The export of a running app, deployed again: every app of the compose parity suite, deployed by
`docker stack deploy`, exported (configs written beside the file) and the export deployed by
`docker stack deploy --resolve-image never` under another name, compares equal field by field with the
names normalised. The original's services and networks go first (the copy publishes the same ports and
pins the same subnets); its secrets and configs stay, as the export refers to the secrets by name.

Left out of the comparison, on purpose: the app's own secrets (their data cannot be read back, so the
export references the original's as external: the copy owns none)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from crane_desktop.engine import compose_export
from tests.compose_parity import apps_removed_afterwards, containers_gone, differences, normalise, snapshot
from tests.integration.test_compose_parity import CASES, FILES, crane, deploy_docker, outside  # noqa: F401
from tests.swarm import IMAGE, docker, profile_path, unique, wait_until


@pytest.fixture
def apps() -> Iterator[list[str]]:
    yield from apps_removed_afterwards()


def remove_services_and_networks(name: str) -> None:
    label = f"label=com.docker.stack.namespace={name}"
    docker(1, "service", "rm", *docker(1, "service", "ls", "-q", "--filter", label).split())
    wait_until(lambda: containers_gone([name]), timeout=60, what=f"the tasks of {name} to go")
    networks = docker(1, "network", "ls", "-q", "--filter", label).split()
    if networks:
        docker(1, "network", "rm", *networks)


def references_in_name_order(state: dict) -> dict:
    """The converter sorts a service's secrets, configs and networks by their full names, which start
    with the app's name for its own and not for the others: compared in the order of the normalised
    names."""
    for spec in state["services"].values():
        container = spec["TaskTemplate"]["ContainerSpec"]
        for kind, key in (("Secrets", "SecretName"), ("Configs", "ConfigName")):
            if kind in container:
                container[kind].sort(key=lambda ref, key=key: ref[key])
        spec["TaskTemplate"].get("Networks", []).sort(key=lambda attachment: attachment["Target"])
    return state


def export_to(cluster, app: str, folder: Path) -> Path:
    """The app exported as the GUI saves it: the compose file with its configs beside it, in `folder`."""
    path = folder / "docker-compose.yml"
    folder.mkdir()
    compose_export.write_export(path, compose_export.export_app(cluster.client, app, config_files=True))
    return path


@pytest.mark.parametrize("case", sorted(FILES))
def test_an_exported_app_deploys_to_the_same_specs(case, cluster, outside, apps, tmp_path):  # noqa: F811
    folder = tmp_path / case
    shutil.copytree(CASES / case, folder)
    original, copy = unique("xo"), unique("xc")
    apps += [original, copy]
    env = dict(os.environ) | outside | {"IMAGE": IMAGE, "PARITY_SET": "set-value", "PARITY_EMPTY": ""}
    env |= {"FROM_SHELL": "from the shell", "APP_PREFIX": original}
    env.pop("PARITY_UNSET", None)
    deploy_docker(folder, FILES[case], env, original)

    path = export_to(cluster, original, tmp_path / "export")
    before = snapshot(cluster, original)
    remove_services_and_networks(original)
    deploy_docker(path.parent, [path.name], dict(os.environ), copy)
    after = normalise(snapshot(cluster, copy), original, {})

    assert before["services"], "the case deployed no service"
    before.pop("secrets"), after.pop("secrets")  # the copy refers to the original's: none of its own
    assert differences(references_in_name_order(before), references_in_name_order(after)) == [], (
        path.read_text()
    )


def test_stack_export_prints_changes_made_outside_the_app(cluster, apps, tmp_path):
    original, copy = unique("xo"), unique("xc")
    apps += [original, copy]
    (tmp_path / "app.yml").write_text(
        f"version: '3.8'\nservices:\n  web:\n    image: {IMAGE}\n    command: sleep 3600\n"
        "    configs: [settings]\nconfigs:\n  settings:\n    file: ./app.yml\n"
    )
    deploy_docker(tmp_path, ["app.yml"], dict(os.environ), original)
    docker(1, "service", "update", "--detach", "--env-add", "ADDED=by the CLI", "--limit-memory", "32M",
           f"{original}_web")  # fmt: skip

    done = crane("stack", "export", "--profile-file", str(profile_path()), original, env=dict(os.environ))

    assert done.returncode == 0, done.stderr
    assert "- ADDED=by the CLI" in done.stdout and "memory: 32M" in done.stdout
    assert "Configs are external too" in done.stdout.split("\nversion:")[0]
    before = snapshot(cluster, original)
    remove_services_and_networks(original)
    (tmp_path / "export.yml").write_text(done.stdout)
    deploy_docker(tmp_path, ["export.yml"], dict(os.environ), copy)
    after = normalise(snapshot(cluster, copy), original, {})
    before.pop("configs"), after.pop("configs")  # external in a printed export: the copy owns none
    assert differences(before, after) == []
