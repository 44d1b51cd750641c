"""`crane-desktop deploy` from a CI runner's point of view: a new tag rolls out and exits 0 with progress
lines; a bad image with `failure_action: rollback` exits non-zero and says it rolled back; nothing
secret is printed."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.swarm import IMAGE, docker, profile_path, unique


def crane(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "crane_desktop", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=dict(os.environ),
    )


@pytest.fixture
def retagged():
    """The test image under a fresh tag on every node (same image id), untagged afterwards."""
    tag = f"127.0.0.1:5000/crane/busybox:{unique('cd')}"
    for node in range(1, 5):
        docker(node, "tag", IMAGE, tag)
    yield tag
    for node in range(1, 5):
        docker(node, "rmi", tag, check=False)


def make_service(service_names, *extra: str) -> str:
    name = unique("crane-cd")
    service_names.append(name)
    docker(
        1, "service", "create", "-d", "--name", name, "--replicas", "2", "--stop-grace-period", "0s",
        "--update-monitor", "2s", *extra, IMAGE, "sleep", "3600",
    )  # fmt: skip
    return name


def image_of(name: str) -> str:
    return docker(1, "service", "inspect", "--format", "{{.Spec.TaskTemplate.ContainerSpec.Image}}", name)


def test_new_tag_rolls_out_and_exits_zero(service_names, retagged, profile):
    name = make_service(service_names, "--env", "KEEP=me", "--label", "tier=web")
    result = crane(
        "deploy", name, "--image", retagged, "--timeout", "90", "--profile-file", str(profile_path())
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"completed: {name} runs {retagged}" in result.stdout
    assert "2/2 task(s) running" in result.stdout
    assert image_of(name) == retagged
    # everything else kept
    assert docker(1, "service", "inspect", "--format", "{{.Spec.TaskTemplate.ContainerSpec.Env}}", name) == (
        "[KEEP=me]"
    )
    assert docker(1, "service", "inspect", "--format", '{{index .Spec.Labels "tier"}}', name) == "web"
    output = result.stdout + result.stderr
    assert "PRIVATE KEY" not in output and profile.tls.key not in output


def test_bad_image_rolls_back_and_exits_non_zero(service_names):
    name = make_service(service_names, "--update-failure-action", "rollback")
    result = crane(
        "deploy", name, "--image", "127.0.0.1:5000/crane/missing:1", "--timeout", "90",
        "--profile-file", str(profile_path()),
    )  # fmt: skip
    assert result.returncode == 4, result.stdout + result.stderr
    assert f"rolled back: {name} rolled back to {IMAGE}" in result.stderr
    assert "No such image" in result.stderr
    assert image_of(name) == IMAGE


def test_detach_and_docker_env(service_names, retagged, profile):
    """DOCKER_HOST / DOCKER_TLS_VERIFY / DOCKER_CERT_PATH work as for the docker CLI; --detach returns."""
    name = make_service(service_names)
    env = dict(
        os.environ,
        DOCKER_HOST=profile.managers[0],
        DOCKER_TLS_VERIFY="1",
        DOCKER_CERT_PATH=os.path.dirname(profile.tls.cert),
    )
    result = subprocess.run(
        [sys.executable, "-m", "crane_desktop", "deploy", name, "--image", retagged, "--detach"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"detached: {name} update to {retagged} started" in result.stdout
    assert image_of(name) == retagged


def test_unknown_service_fails_with_the_reason():
    result = crane("deploy", "no-such-service-y", "--image", IMAGE, "--profile-file", str(profile_path()))
    assert result.returncode == 1
    assert "No service is named no-such-service-y" in result.stderr


def test_bad_image_with_default_pause_exits_non_zero_and_says_paused(service_names):
    name = make_service(service_names)  # the swarm's default failure action: pause
    result = crane(
        "deploy", name, "--image", "127.0.0.1:5000/crane/missing:2", "--timeout", "90",
        "--profile-file", str(profile_path()),
    )  # fmt: skip
    assert result.returncode == 3, result.stdout + result.stderr
    assert "crane-desktop deploy: paused: update paused due to failure" in result.stderr
    assert "No such image" in result.stderr
