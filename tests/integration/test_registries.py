"""Private images on the real swarm and the test swarm's real registry (TLS by the test CA, htpasswd):
with the login the nodes pull them, without it the tasks fail and the app says why in words; the
engine's /auth checks a login; `stack deploy` and `deploy` send the login from the profile's
registries (password in the keyring); a locked (the desktop's real gnome-keyring, locked) or absent
keyring refuses before anything exists."""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

import pytest
from keyring.backends.SecretService import Keyring as SecretServiceKeyring
from keyrings.alt.file import PlaintextKeyring

from crane_desktop.engine import stacks
from crane_desktop.engine.errors import EngineError
from crane_desktop.engine.profiles import RegistryLogin
from crane_desktop.engine.registries import (
    Credentials,
    KeyringUnavailable,
    PasswordStore,
    detect_keyring,
    log_in,
)
from crane_desktop.engine.snapshots import Task, parse_all
from crane_desktop.engine.why_pending import Kind, fetch_explanation
from tests.integration.test_stack_command import crane, stack_services
from tests.swarm import (
    docker,
    docker_stack_rm,
    profile_path,
    push_private_image,
    registry,
    remove_image_everywhere,
    unique,
    wait_until,
)


@pytest.fixture
def private_images():
    """Tags pushed by the test (each on no node at first), removed from every node afterwards."""
    pushed: list[str] = []

    def push(variant: str = "") -> str:
        pushed.append(push_private_image(unique("t"), variant))
        return pushed[-1]

    yield push
    for reference in pushed:
        remove_image_everywhere(reference)


def login_of_registry() -> RegistryLogin:
    """The test registry's login, as a profile lists it (its password not read yet)."""
    reg = registry()
    return RegistryLogin(reg.address, reg.user)


def login_in_keyring() -> RegistryLogin:
    """The test registry's login, its password kept in the keyring the test chose."""
    login = login_of_registry()
    PasswordStore().set(login, registry().password)
    return login


def spec(name: str, image: str) -> dict:
    return {
        "Name": name,
        "TaskTemplate": {
            "ContainerSpec": {"Image": image, "Command": ["sleep", "3600"], "StopGracePeriod": 0},
            "RestartPolicy": {"Condition": "any", "Delay": 1_000_000_000},
        },
        "Mode": {"Replicated": {"Replicas": 1}},
    }


def running(cluster, name: str) -> bool:
    tasks = parse_all(Task, cluster.client.tasks(filters={"service": name})).values()
    return any(t.state == "running" for t in tasks)


def explained_kind(cluster, name: str) -> object:
    _, _, explained = fetch_explanation(cluster.client, name)
    return explained[0] if explained and explained[0].reason.kind is Kind.PRIVATE_IMAGE else None


def test_a_private_image_runs_with_its_login_and_without_it_the_app_says_why(
    cluster, service_names, private_images, file_keyring
):
    credentials = Credentials([login_in_keyring()])
    with_login, without = unique("crane-reg-ok"), unique("crane-reg-no")
    service_names.extend([with_login, without])
    image, other = private_images(), private_images()
    stacks.create_service(cluster.client, spec(with_login, image), auth=credentials.header_for)
    stacks.create_service(cluster.client, spec(without, other))  # no login sent
    wait_until(lambda: running(cluster, with_login), 30, f"{with_login} to run {image}")
    item = wait_until(lambda: explained_kind(cluster, without), 30, f"{without} explained")
    assert item.reason.text.startswith(
        f"The nodes could not pull {other} from the registry {registry().address}: no credentials were "
        "sent for it, the registry refused them, or it has no such image."
    )
    assert f"No such image: {other}" in item.reason.text

    # the login goes with an update too: the failing service is fixed by updating it with the login
    stacks.update_spec(cluster.client, without, lambda s: None, auth=credentials.header_for)
    wait_until(lambda: running(cluster, without), 30, f"{without} to run once updated with the login")


def test_the_engine_checks_a_login(cluster):
    reg = registry()
    assert log_in(cluster.client, reg.address, reg.user, reg.password) == "Login Succeeded"
    with pytest.raises(EngineError) as refused:
        log_in(cluster.client, reg.address, reg.user, "wrong")
    assert refused.value.message == f"The registry {reg.address} refused the login of {reg.user}."


def compose_file(tmp_path: Path, image: str, more: str) -> Path:
    """A one-service compose file on `image` (`more`: the service's further lines, then top-level ones)."""
    path = tmp_path / "compose.yml"
    path.write_text(f'version: "3.8"\nservices:\n  web:\n    image: {image}\n{more}')
    return path


def profile_with_registry(tmp_path: Path) -> Path:
    reg = registry()
    data = json.loads(profile_path().read_text())
    data["registries"] = [{"address": reg.address, "user": reg.user}]
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(data))
    return path


def test_the_commands_send_the_profile_s_registry_login(tmp_path, private_images, file_keyring):
    login_in_keyring()
    profile = profile_with_registry(tmp_path)
    app = unique("crane-reg-app")
    more = "    command: sleep 3600\n    stop_grace_period: 0s\n"
    more += "    deploy:\n      update_config: {monitor: 100ms}\n"
    compose = compose_file(tmp_path, private_images(), more)
    try:
        result = crane(
            "stack", "deploy", "--with-registry-auth", "-c", str(compose), app, "--profile-file", str(profile)
        )
        assert result.returncode == 0, result.stderr
        newer = private_images("newer")
        result = crane("deploy", "web", "--stack", app, "--image", newer, "--timeout", "60",
                       "--profile-file", str(profile))  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert f"completed: {app}_web runs {newer}" in result.stdout
    finally:
        docker_stack_rm(app)


def refused_deploy(tmp_path: Path) -> tuple[str, subprocess.CompletedProcess]:
    """`stack deploy` of an app on the private image with a network of its own, from the profile with
    the registry; the app's name and the command's result."""
    profile = profile_with_registry(tmp_path)
    app = unique("crane-reg-refused")
    compose = compose_file(tmp_path, registry().image, "    networks: [back]\nnetworks:\n  back: {}\n")
    return app, crane(
        "stack", "deploy", "--with-registry-auth", "-c", str(compose), app, "--profile-file", str(profile)
    )


def assert_nothing_created(app: str) -> None:
    assert stack_services(app) == []
    assert docker(1, "network", "ls", "-q", "--filter", f"label=com.docker.stack.namespace={app}") == ""


def test_a_locked_keyring_refuses_the_deploy_before_anything_exists(tmp_path, gnome_keyring):
    login_in_keyring()  # kept in the desktop's keyring while it is unlocked
    gnome_keyring.lock()
    app, result = refused_deploy(tmp_path)
    assert result.returncode == 1
    assert (
        f"error: The keyring is locked: the password of {registry().address} cannot be read. "
        "(Failed to unlock the collection!)"
    ) in result.stderr
    assert "Unlock the keyring (log in to the desktop session) and try again." in result.stderr
    assert_nothing_created(app)


def test_no_keyring_refuses_the_deploy_before_anything_exists(tmp_path):
    app, result = refused_deploy(tmp_path)  # the tests' default: keyring's "no keyring" backend
    assert result.returncode == 1
    assert "error: No keyring is available to keep registry passwords" in result.stderr
    assert_nothing_created(app)


def test_the_desktop_s_keyring_is_found_and_a_plain_text_fallback_passed_over(gnome_keyring, monkeypatch):
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND")  # nothing chosen: the best recommended backend
    monkeypatch.setenv("XDG_CONFIG_HOME", str(Path(os.environ["HOME"]) / "config"))  # no keyringrc.cfg
    found = detect_keyring([PlaintextKeyring(), SecretServiceKeyring()])
    assert isinstance(found, SecretServiceKeyring)
    login = RegistryLogin("registry.example:5443", "ci")
    PasswordStore(found).set(login, "s3cret")
    assert PasswordStore(found).get(login) == "s3cret"


def test_the_update_forms_new_secret_waits_for_the_login(cluster, service_names):
    """The update form makes its new secrets before it sends the service: without a keyring to give
    the new image's login, it refuses before the secret exists (the engine's events show none made)."""
    name, secret = unique("crane-reg-upd"), unique("crane-reg-pw")
    service_names.append(name)
    idle = {**spec(name, "127.0.0.1:5000/crane/busybox:1"), "Mode": {"Replicated": {"Replicas": 0}}}
    stacks.create_service(cluster.client, idle)
    since = int(time.time()) - 1

    def to_private_image(service_spec: dict) -> None:
        service_spec["TaskTemplate"]["ContainerSpec"]["Image"] = registry().image

    new = {"secrets": {secret: {"Name": secret, "Labels": {}, "Data": b"s3cret"}}}
    with pytest.raises(KeyringUnavailable):  # the tests' default: no keyring
        stacks.update_with_references(
            cluster.client, name, to_private_image, new, Credentials([login_of_registry()]).header_for
        )
    events = cluster.client.events(
        since=since, until=int(time.time()) + 1, decode=True, filters={"type": "secret"}
    )
    assert [e["Actor"]["Attributes"].get("name") for e in events] == []
    assert (
        cluster.client.inspect_service(name)["Spec"]["TaskTemplate"]["ContainerSpec"]["Image"]
        != registry().image
    )
