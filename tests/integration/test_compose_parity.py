"""The compose parity suite: a broad set of compose files (every key compose v3 documents that stack
deploy takes, the shape of the documentation's examples, several files merged, docker's interpolation)
deployed both with `docker stack deploy --resolve-image never` (the docker CLI 28 on this machine) and
with `crane-desktop stack deploy`, compared field by field; invalid files refused by both, with nothing
created by either."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.compose_parity import differences, remove_apps, snapshot, volumes
from tests.swarm import IMAGE, docker, docker_stack_rm, profile_path, swarm_script, unique, wait_until

CASES = Path(__file__).resolve().parent.parent / "fixtures" / "compose" / "parity"
# Each case: its folder and the files given with -c, in order.
FILES = {
    "service-keys": ["docker-compose.yml"],
    "objects": ["docker-compose.yml"],
    "multi-file": ["docker-compose.yml", "docker-compose.override.yml", "production.yml"],
    "voting": ["docker-compose.yml"],
    "variables": ["docker-compose.yml"],
    "anchors": ["docker-compose.yml"],
    "old-version": ["docker-compose.yml"],
    "more-keys": ["docker-compose.yml"],
}


def crane(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "crane_desktop", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def docker_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """The docker CLI against node-1 with an environment of the test's choosing (for interpolation)."""
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        return swarm_script("docker", "1", *args, check=False, timeout=120)
    finally:
        os.environ.clear()
        os.environ.update(saved)


def deploy_ours(folder: Path, files: list[str], env: dict[str, str], name: str) -> None:
    flags = [arg for file in files for arg in ("-c", str(folder / file))]
    done = crane("stack", "deploy", "--profile-file", str(profile_path()), *flags, name, env=env)
    assert done.returncode == 0, done.stderr


def deploy_docker(folder: Path, files: list[str], env: dict[str, str], name: str) -> None:
    flags = [arg for file in files for arg in ("-c", str(folder / file))]
    done = docker_cli("stack", "deploy", "--resolve-image", "never", *flags, name, env=env)
    assert done.returncode == 0, done.stderr


def services_gone(name: str) -> bool:
    listed = docker(1, "service", "ls", "-q", "--filter", f"label=com.docker.stack.namespace={name}")
    return not listed


@pytest.fixture(scope="module")
def outside() -> Iterator[dict[str, str]]:
    """The external network, secret and config the `objects` case refers to."""
    names = {key: unique(f"parity-{key}") for key in ("network", "secret", "config")}
    docker(1, "network", "create", "--driver", "overlay", "--attachable", names["network"])
    swarm_script("docker", "1", "secret", "create", names["secret"], str(CASES / "objects" / "secret.txt"))
    swarm_script("docker", "1", "config", "create", names["config"], str(CASES / "objects" / "config.txt"))
    yield {
        "OUTSIDE_NETWORK": names["network"],
        "OUTSIDE_SECRET": names["secret"],
        "OUTSIDE_CONFIG": names["config"],
    }
    docker(1, "secret", "rm", names["secret"], check=False)
    docker(1, "config", "rm", names["config"], check=False)
    docker(1, "network", "rm", names["network"], check=False)


@pytest.fixture(scope="module")
def deployed(cluster_module, outside, tmp_path_factory) -> Iterator[dict[str, tuple[dict, dict]]]:
    """Every case deployed both ways (once for the module): case -> (ours, docker's) snapshots."""
    env = (
        dict(os.environ)
        | outside
        | {
            "IMAGE": IMAGE,
            "PARITY_SET": "set-value",
            "PARITY_EMPTY": "",
            "FROM_SHELL": "from the shell",
        }
    )
    env.pop("PARITY_UNSET", None)
    before = volumes()
    apps: list[str] = []
    found: dict[str, tuple[dict, dict]] = {}
    try:
        for case, files in FILES.items():
            folder = tmp_path_factory.mktemp(case) / case
            shutil.copytree(CASES / case, folder)
            ours, theirs = unique("po"), unique("pc")
            apps += [ours, theirs]
            deploy_ours(folder, files, env | {"APP_PREFIX": ours}, ours)
            mine = snapshot(cluster_module, ours)
            # ours goes before docker's is made: both publish the same ports
            docker_stack_rm(ours)
            wait_until(lambda ours=ours: services_gone(ours), what=f"the services of {ours} to go")
            deploy_docker(folder, files, env | {"APP_PREFIX": theirs}, theirs)
            found[case] = (mine, snapshot(cluster_module, theirs))
        yield found
    finally:
        remove_apps(apps, before)


@pytest.mark.parametrize("case", sorted(FILES))
def test_deploys_as_docker_stack_deploy_does(deployed, case):
    ours, theirs = deployed[case]
    assert ours["services"], "the case deployed no service"
    assert sorted(ours["services"]) == sorted(theirs["services"])
    assert differences(ours, theirs) == []


SERVICE = "services:\n  app:\n    image: ${IMAGE}\n"
INVALID = {
    "unknown key": {"a.yml": 'version: "3.8"\n' + SERVICE + "    colour: red\n"},
    "version as a number": {"a.yml": "version: 3.8\n" + SERVICE},
    "key newer than the version": {
        "a.yml": 'version: "3.2"\n' + SERVICE + "configs:\n  c:\n    file: ./a.yml\n"
    },
    "required variable unset": {
        "a.yml": 'version: "3.8"\n' + SERVICE + "    user: ${PARITY_UNSET:?set it}\n"
    },
    "files of different versions": {
        "a.yml": 'version: "3.8"\n' + SERVICE,
        "b.yml": 'version: "3.9"\n' + SERVICE + "    user: nobody\n",
    },
    "network name and external name": {
        "a.yml": 'version: "3.8"\n'
        + SERVICE
        + "    networks: [n]\nnetworks:\n  n:\n    name: one\n    external:\n      name: other\n"
    },
    "external volume with a driver": {
        "a.yml": 'version: "3.8"\n' + SERVICE + "volumes:\n  v:\n    external: true\n    driver: local\n"
    },
    "missing external network": {
        "a.yml": 'version: "3.8"\n'
        + SERVICE
        + "    networks: [n]\nnetworks:\n  n:\n    external: true\n    name: crane-parity-no-such-network\n"
    },
    "malformed port": {"a.yml": 'version: "3.8"\n' + SERVICE + '    ports: ["80:80:80:80"]\n'},
    "replicas not a number": {"a.yml": 'version: "3.8"\n' + SERVICE + "    deploy:\n      replicas: two\n"},
}


def app_objects(name: str) -> list[str]:
    """Everything labelled as part of the app: services, networks, secrets, configs."""
    label = f"label=com.docker.stack.namespace={name}"
    return [
        line
        for kind in ("service", "network", "secret", "config")
        for line in docker(1, kind, "ls", "-q", "--filter", label).split()
    ]


@pytest.mark.parametrize("case", sorted(INVALID))
def test_invalid_files_are_refused_by_both_and_create_nothing(case, tmp_path, profile):
    files = INVALID[case]
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    env = dict(os.environ) | {"IMAGE": IMAGE}
    env.pop("PARITY_UNSET", None)
    flags = [arg for name in files for arg in ("-c", str(tmp_path / name))]
    ours, theirs = unique("pbo"), unique("pbc")

    mine = crane("stack", "deploy", "--profile-file", str(profile_path()), *flags, ours, env=env)
    cli = docker_cli("stack", "deploy", "--resolve-image", "never", *flags, theirs, env=env)

    assert cli.returncode != 0, f"docker accepted it: {cli.stdout}"
    assert mine.returncode != 0, f"we accepted it: {mine.stdout}"
    assert mine.stderr.strip(), "refused without saying why"
    assert app_objects(ours) == app_objects(theirs) == []
