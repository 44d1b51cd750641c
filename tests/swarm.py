"""Helpers for tests against the real test swarm (scripts/testswarm)."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import subprocess
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from crane_desktop import demo
from crane_desktop.engine.profiles import Profile, load_profile_file

ROOT = Path(__file__).resolve().parent.parent
TESTSWARM = ROOT / "scripts" / "testswarm"
DEFAULT_PROFILE = demo.profile_path()
IMAGE = "127.0.0.1:5000/crane/busybox:1"


def profile_path() -> Path:
    path = Path(os.environ.get("CRANE_TEST_PROFILE") or DEFAULT_PROFILE)
    if not path.is_file():
        pytest.fail(f"the test swarm is not up ({path} missing): run scripts/testswarm up", pytrace=False)
    return path


def swarm_profile() -> Profile:
    return load_profile_file(profile_path())


def swarm_script(*args: str, check: bool = True, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(TESTSWARM), *args], capture_output=True, text=True, check=check, timeout=timeout
    )


def docker(node: int, *args: str, check: bool = True) -> str:
    """The docker CLI against node N's own engine (out of band: not through the app)."""
    result = swarm_script("docker", str(node), *args, check=False, timeout=60)
    if check and result.returncode != 0:
        raise AssertionError(f"docker {' '.join(args)} failed: {result.stderr.strip()}")
    return result.stdout.strip()


def docker_stack_rm(name: str, timeout: float = 60.0) -> None:
    """`docker stack rm NAME`, again until it succeeds: docker removes the networks right after the
    services, and the engine refuses a network while a task on it is still being torn down ("in use by
    task"). Once everything is gone docker says "Nothing found in stack" and succeeds."""
    wait_until(
        lambda: swarm_script("docker", "1", "stack", "rm", name, check=False, timeout=60).returncode == 0,
        timeout=timeout,
        what=f"docker stack rm {name} to remove everything",
    )


def docker_json(node: int, *args: str) -> object:
    return json.loads(docker(node, *args))


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:6]}"


def wait_until(condition: Callable[[], object], timeout: float = 30.0, what: str = "condition") -> object:
    """Poll engine state until `condition()` is truthy; fail with `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.1)


def node_id(hostname: str) -> str:
    return docker(1, "node", "inspect", "--format", "{{.ID}}", hostname)


@contextlib.contextmanager
def container_on(node: int, prefix: str, *command: str) -> Iterator[str]:
    """A one-task service pinned to node-N running `command`: yields its container's full id (once the
    container runs there) and removes the service afterwards."""
    name = unique(prefix)
    docker(1, "service", "create", "--detach", "--name", name, "--constraint", f"node.hostname==node-{node}",
           IMAGE, *command)  # fmt: skip
    try:
        yield str(
            wait_until(
                lambda: docker(
                    node, "ps", "-q", "--no-trunc", "--filter", f"label=com.docker.swarm.service.name={name}"
                ),
                60,
                f"the container on node-{node}",
            )
        )
    finally:
        docker(1, "service", "rm", name, check=False)


def remove_leftover_containers(label: str) -> None:
    """Remove the containers with `label` (key=value) on every node, until none is left: the engine
    leaves a swarm job's containers behind when its service is removed."""

    def none_left() -> bool:
        found = False
        for node in range(1, 5):
            left = docker(node, "ps", "-aq", "--filter", f"label={label}").split()
            if left:
                found = True
                docker(node, "rm", "--force", *left, check=False)
        return not found

    wait_until(none_left, 30, f"the containers labelled {label} removed")


@dataclasses.dataclass(frozen=True)
class PrivateRegistry:
    """The test swarm's private registry (scripts/testswarm): TLS by the test CA, htpasswd login."""

    address: str  # host:port, as an image reference names it
    user: str
    password: str
    image: str  # the test image pushed there at `up`; kept on no node
    ca: str  # the test CA's certificate (the registry's TLS)

    def repository(self, name: str) -> str:
        return f"{self.address}/{name}"


def registry() -> PrivateRegistry:
    """The private registry of the swarm the tests use (registry.json beside the profile)."""
    path = profile_path().parent / "registry.json"
    if not path.is_file():
        pytest.fail(f"the test registry is not up ({path} missing): run scripts/testswarm up", pytrace=False)
    return PrivateRegistry(**json.loads(path.read_text()))


def push_private_image(tag: str, variant: str = "") -> str:
    """Push the test image to the private registry as crane/private-busybox:TAG (a different image,
    so a different digest, when `variant` is given: the test image with the label crane.test.variant)
    and keep it on no node, so a service on it has to pull. Returns the reference; remove it from the
    nodes that pulled it with `remove_image_everywhere`."""
    reg = registry()
    reference = reg.repository(f"crane/private-busybox:{tag}")
    if variant:
        container = docker(1, "create", IMAGE, "true")
        docker(1, "commit", "--change", f"LABEL crane.test.variant={variant}", container, reference)
        docker(1, "rm", container)
    else:
        docker(1, "tag", IMAGE, reference)
    with tempfile.TemporaryDirectory() as config:  # a throwaway login: no docker config of the host's
        env = {**os.environ, "DOCKER_CONFIG": config}
        for args, stdin in (
            (["login", "-u", reg.user, "--password-stdin", reg.address], reg.password),
            (["push", "-q", reference], None),
        ):
            result = subprocess.run([str(TESTSWARM), "docker", "1", *args], input=stdin, env=env,
                                    capture_output=True, text=True, timeout=60, check=False)  # fmt: skip
            if result.returncode != 0:
                raise AssertionError(f"docker {args[0]} failed: {result.stderr.strip()}")
    docker(1, "rmi", reference)
    return reference


def remove_image_everywhere(reference: str) -> None:
    """Remove `reference` from every node's engine (after its services are gone)."""
    for node in range(1, 5):
        docker(node, "rmi", "--force", reference, check=False)
