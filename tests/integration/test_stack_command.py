"""`crane-desktop stack deploy/rm` from a script's point of view: exit codes, what it prints, and an
invalid file (line and key in the message) that creates nothing."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.swarm import IMAGE, docker, profile_path, swarm_profile, unique


def crane(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "crane_desktop", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ) if env is None else env,
    )


def stack_services(name: str) -> list[str]:
    out = docker(
        1, "service", "ls", "--filter", f"label=com.docker.stack.namespace={name}", "--format", "{{.Name}}"
    )
    return sorted(out.split())


def test_stack_deploy_and_rm(tmp_path):
    name = unique("cmd")
    path = tmp_path / "app.yml"
    path.write_text(
        f"version: '3.8'\nservices:\n  web:\n    image: {IMAGE}\n    command: sleep 3600\n"
        f"  job:\n    image: {IMAGE}\n    command: sleep 3600\n    deploy: {{replicas: 0}}\n"
    )
    try:
        done = crane(
            "stack", "deploy", "--profile-file", str(profile_path()), "--resolve-image", "always",
            "-c", str(path), name,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert f"Creating service {name}_web" in done.stdout
        spec_image = docker(
            1, "service", "inspect", f"{name}_web", "--format", "{{.Spec.TaskTemplate.ContainerSpec.Image}}"
        )
        assert spec_image.strip() == IMAGE  # no registry queried, no digest pinned (as docker's `never`)
        assert f"Creating network {name}_default" in done.stdout
        assert stack_services(name) == [f"{name}_job", f"{name}_web"]

        path.write_text(f"version: '3.8'\nservices:\n  web:\n    image: {IMAGE}\n    command: sleep 3600\n")
        done = crane(
            "stack", "deploy", "--profile-file", str(profile_path()), "--prune", "-c", str(path), name
        )
        assert done.returncode == 0, done.stderr
        assert f"Removing service {name}_job" in done.stdout
        assert stack_services(name) == [f"{name}_web"]

        other = unique("nothing")  # docker stack rm/down takes several apps; one that is not there is said
        done = crane("stack", "down", "-d", "--profile-file", str(profile_path()), other, name)
        assert done.returncode == 0, done.stderr
        assert done.stderr.strip() == f"Nothing found in stack: {other}"
        assert f"Removing network {name}_default" in done.stdout
        assert stack_services(name) == []
    finally:
        docker(1, "stack", "rm", name, check=False)


def test_invalid_file_creates_nothing(tmp_path):
    name = unique("cmdbad")
    path = tmp_path / "bad.yml"
    path.write_text(
        f"services:\n  web:\n    image: {IMAGE}\n  db:\n    image: {IMAGE}\n    deploy:\n      replicas: x\n"
    )
    done = crane("stack", "deploy", "--profile-file", str(profile_path()), "-c", str(path), name)
    assert done.returncode == 1
    assert "Line 7, bad.yml: services.db.deploy.replicas: must be a whole number" in done.stderr
    assert stack_services(name) == []
    assert name not in docker(1, "network", "ls", "--format", "{{.Name}}")


def test_rm_of_unknown_app_says_so_and_succeeds_as_docker_does():
    name = unique("nothing")
    done = crane("stack", "rm", "--profile-file", str(profile_path()), name)
    assert done.returncode == 0
    assert done.stderr.strip() == f"Nothing found in stack: {name}"


def test_connection_flags_before_the_command_reach_it():
    """`crane-desktop -H tcp://NODE:2376 --tlsverify stack rm X` with the TLS files in DOCKER_CERT_PATH,
    as with the docker CLI: the engine answers (without -H it would try the local engine, absent here)."""
    profile = swarm_profile()
    env = {k: v for k, v in os.environ.items() if k not in ("DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_TLS")}
    env["DOCKER_CERT_PATH"] = os.path.dirname(profile.tls.ca)
    name = unique("nothing")
    done = crane("-H", profile.managers[0], "--tlsverify", "stack", "rm", name, env=env)
    assert done.returncode == 0
    assert done.stderr.strip() == f"Nothing found in stack: {name}"  # the engine answered
    unverified = crane("-H", profile.managers[0], "--tlsverify=false", "stack", "rm", name, env=env)
    assert unverified.returncode == 0  # TLS on, the engine's certificate not checked; nothing else said
    assert unverified.stderr.strip() == f"Nothing found in stack: {name}"


def app_objects(name: str) -> dict[str, list[str]]:
    """Everything on the engine labelled as part of app NAME."""
    label = f"label=com.docker.stack.namespace={name}"
    return {
        kind: docker(1, kind, "ls", "--filter", label, "--format", "{{.Name}}").split()
        for kind in ("service", "network", "secret", "config")
    }


@pytest.mark.parametrize("kind", ["secret", "config"])
def test_a_missing_external_object_refuses_the_deploy_before_anything_is_made(tmp_path, kind):
    """The app's own network, secret and config would come first; a missing external one is found
    before any of them is created, so the refused deploy leaves nothing behind."""
    name = unique("cmdext")
    missing = unique(f"no-such-{kind}")
    (tmp_path / "own.txt").write_text("own")
    path = tmp_path / "app.yml"
    outside = f"  outside: {{external: true, name: {missing}}}\n"
    path.write_text(
        f"version: '3.8'\nservices:\n  web:\n    image: {IMAGE}\n    command: sleep 3600\n"
        f"    secrets: [own_secret{', outside' if kind == 'secret' else ''}]\n"
        f"    configs: [own_config{', outside' if kind == 'config' else ''}]\n"
        "secrets:\n  own_secret: {file: ./own.txt}\n"
        + (outside if kind == "secret" else "")
        + "configs:\n  own_config: {file: ./own.txt}\n"
        + (outside if kind == "config" else "")
    )
    try:
        done = crane("stack", "deploy", "--profile-file", str(profile_path()), "-c", str(path), name)
        assert done.returncode == 1, done.stdout
        line = 10 if kind == "secret" else 12  # where `outside` is declared
        refusal = f"Line {line}, app.yml: {kind}s.outside: the external {kind} {missing} does not exist"
        assert refusal in done.stderr
        assert done.stdout == ""
        assert app_objects(name) == {"service": [], "network": [], "secret": [], "config": []}
    finally:
        docker(1, "stack", "rm", name, check=False)


DRY_RUN_APP = """version: '3.8'
services:
  web:
    image: {image}
    command: sleep 3600
    environment: [COLOR={color}]
    deploy: {{replicas: 0, update_config: {{parallelism: {parallelism}}}}}
  same:
    image: {image}
    command: sleep 3600
    deploy: {{replicas: 0}}
{extra}"""
ADDED = """  added:
    image: {image}
    networks: [back]
    secrets: [token]
networks:
  back: {{}}
secrets:
  token:
    file: ./token.txt
"""


def test_stack_deploy_dry_run_lists_the_changes_and_sends_nothing(tmp_path):
    name = unique("dry")
    path = tmp_path / "app.yml"
    (tmp_path / "token.txt").write_text("t0ken")
    path.write_text(
        DRY_RUN_APP.format(image=IMAGE, color="blue", parallelism=1, extra=f"  gone:\n    image: {IMAGE}\n")
    )
    deploy = ("stack", "deploy", "--profile-file", str(profile_path()), "-c", str(path))
    try:
        assert crane(*deploy, name).returncode == 0
        versions = {
            s: docker(1, "service", "inspect", "-f", "{{.Version.Index}}", s) for s in stack_services(name)
        }
        path.write_text(
            DRY_RUN_APP.format(image=IMAGE, color="green", parallelism=2, extra=ADDED.format(image=IMAGE))
        )

        done = crane(*deploy, "--dry-run", "--prune", name)

        assert done.returncode == 0, done.stderr
        assert done.stdout.splitlines() == [
            "Dry run: nothing was sent to the engine.",
            f"Would create network {name}_back",
            f"Would create secret {name}_token",
            f"Service {name}_added: created",
            f"Service {name}_same: unchanged",
            f"Service {name}_web: updated, restarts the tasks",
            "    TaskTemplate.ContainerSpec.Env: COLOR=blue -> COLOR=green  (restarts the tasks)",
            "    UpdateConfig.Parallelism: 1 -> 2  (no restart)",
            f"Service {name}_gone: removed",
        ]
        after = {
            s: docker(1, "service", "inspect", "-f", "{{.Version.Index}}", s) for s in stack_services(name)
        }
        assert after == versions
        assert docker(1, "network", "ls", "-q", "--filter", f"name={name}_back") == ""
        assert docker(1, "secret", "ls", "-q", "--filter", f"name={name}_token") == ""
    finally:
        docker(1, "stack", "rm", name, check=False)
