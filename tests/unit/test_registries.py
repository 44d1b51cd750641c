"""Registry logins without a swarm: which registry an image names (as docker parses references), docker's
own config.json (auths, credsStore, credHelpers with a real helper program), the keyring rules (none,
plain-text fallbacks refused) and the header a deploy sends."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path

import pytest
from keyrings.alt.file import PlaintextKeyring

from crane_desktop.engine import stacks
from crane_desktop.engine.docker_credentials import AuthConfig, DockerLogin, docker_login, docker_logins
from crane_desktop.engine.errors import EngineError
from crane_desktop.engine.profiles import Profile, RegistryLogin
from crane_desktop.engine.registries import (
    Credentials,
    KeyringLocked,
    KeyringUnavailable,
    PasswordStore,
    check_address,
    detect_keyring,
    registry_of,
)

HELPERS = Path(__file__).resolve().parent.parent / "fixtures" / "credential-helpers"
LOGIN = RegistryLogin("registry.example:5443", "ci")


@pytest.mark.parametrize(
    ("image", "registry"),
    [
        ("busybox", "docker.io"),
        ("library/busybox:1.36", "docker.io"),
        ("shop/web:1.4", "docker.io"),
        ("docker.io/shop/web", "docker.io"),
        ("index.docker.io/shop/web", "docker.io"),
        ("registry.example/shop/web:1", "registry.example"),
        ("registry:5000/shop/web:1.4", "registry:5000"),
        ("localhost/web", "localhost"),
        ("198.19.214.1:5443/crane/private-busybox:1@sha256:" + "0" * 64, "198.19.214.1:5443"),
        ("Registry/web", "Registry"),  # upper case is no repository name: docker takes it as a host
        ("shop/web@sha256:" + "0" * 64, "docker.io"),
    ],
)
def test_the_registry_of_an_image_as_docker_parses_it(image, registry):
    assert registry_of(image) == registry


def test_a_typed_address_is_reduced_to_host_and_port():
    assert check_address(" https://registry.example:5443/v2/ ") == "registry.example:5443"
    assert check_address("index.docker.io") == "docker.io"
    with pytest.raises(EngineError, match="is not a registry address"):
        check_address("my registry")


def test_the_profile_keeps_its_registries_without_passwords(tmp_path):
    profile = Profile("p", ("unix:///var/run/docker.sock",), registries=(LOGIN,))
    data = profile.to_json()
    assert data["registries"] == [{"address": "registry.example:5443", "user": "ci"}]
    assert Profile.from_json(data).registries == (LOGIN,)


def write_config(tmp_path: Path, config: dict) -> Path:
    folder = tmp_path / "docker-config"
    folder.mkdir(exist_ok=True)
    (folder / "config.json").write_text(json.dumps(config))
    return folder


def basic(user: str, password: str) -> str:
    return base64.b64encode(f"{user}:{password}".encode()).decode()


def test_docker_auths_by_exact_key_by_host_and_for_docker_hub(tmp_path, monkeypatch):
    write_config(
        tmp_path,
        {
            "auths": {
                "registry.example:5443": {"auth": basic("ci", "s3:cret")},
                "https://other.example/v1/": {"auth": basic("old", "style")},
                "https://index.docker.io/v1/": {"auth": basic("hubuser", "hubpass")},
                "token.example": {"identitytoken": "tok"},
            }
        },
    )
    monkeypatch.setenv("DOCKER_CONFIG", str(tmp_path / "docker-config"))  # found as docker finds it
    credentials = Credentials()
    assert credentials.auth_for("registry.example:5443/shop/web:1") == AuthConfig(
        "registry.example:5443", "ci", "s3:cret"
    )
    assert credentials.auth_for("other.example/web") == AuthConfig("other.example", "old", "style")
    assert credentials.auth_for("busybox") == AuthConfig("https://index.docker.io/v1/", "hubuser", "hubpass")
    assert credentials.auth_for("token.example/web") == AuthConfig("token.example", identitytoken="tok")
    assert credentials.auth_for("nowhere.example/web") is None


def test_credential_helpers_are_asked_as_docker_asks_them(tmp_path, monkeypatch):
    logins = tmp_path / "helper-logins.json"
    logins.write_text(
        json.dumps(
            {
                "registry.example:5443": {"Username": "ci", "Secret": "from-helper"},
                "token.example": {"Username": "<token>", "Secret": "refresh-token"},
            }
        )
    )
    monkeypatch.setenv("CRANE_TEST_CREDENTIALS", str(logins))
    monkeypatch.setenv("PATH", f"{HELPERS}:{os.environ['PATH']}")
    folder = write_config(
        tmp_path,
        {
            "credsStore": "crane-test",
            "credHelpers": {"private.example": "missing-helper"},
            "auths": {"registry.example:5443": {"auth": basic("file", "ignored-with-a-store")}},
        },
    )
    assert docker_login("registry.example:5443", "registry.example:5443", folder) == AuthConfig(
        "registry.example:5443", "ci", "from-helper"
    )
    assert docker_login("token.example", "token.example", folder) == AuthConfig(
        "token.example", identitytoken="refresh-token"
    )
    assert docker_login("unknown.example", "unknown.example", folder) is None  # "credentials not found"
    with pytest.raises(EngineError) as refused:  # credHelpers wins over credsStore for its registry
        docker_login("private.example", "private.example", folder)
    assert refused.value.message == (
        "docker's configuration names the credential helper docker-credential-missing-helper, "
        "which is not installed."
    )


def test_a_password_goes_to_the_keyring_and_into_the_header(tmp_path):
    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "keyring.cfg")
    passwords = PasswordStore(backend)
    passwords.set(LOGIN, "pa55")
    assert backend.get_password("Crane Desktop registry registry.example:5443", "ci") == "pa55"
    header = Credentials([LOGIN], passwords).header_for("registry.example:5443/shop/web:1")
    assert header is not None
    assert json.loads(base64.urlsafe_b64decode(header)) == {
        "serveraddress": "registry.example:5443",
        "username": "ci",
        "password": "pa55",
    }
    passwords.delete(LOGIN)
    with pytest.raises(EngineError) as missing:
        Credentials([LOGIN], passwords).header_for("registry.example:5443/shop/web:1")
    assert missing.value.message == (
        "The keyring has no password for ci at registry.example:5443: enter it under Registries."
    )


def test_images_of_other_registries_never_open_the_keyring():
    credentials = Credentials([LOGIN])  # the tests have no keyring (tests/conftest.py)
    assert credentials.header_for("127.0.0.1:5000/crane/busybox:1") is None
    with pytest.raises(KeyringUnavailable) as absent:
        credentials.header_for("registry.example:5443/shop/web:1")
    assert absent.value.message == (
        "No keyring is available to keep registry passwords: the system has no keyring service."
    )
    assert "PYTHON_KEYRING_BACKEND" in absent.value.hint


def test_a_plain_text_fallback_is_never_chosen_silently(monkeypatch):
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND")
    monkeypatch.setenv("XDG_CONFIG_HOME", "/nonexistent")  # no keyringrc.cfg either
    with pytest.raises(KeyringUnavailable):
        detect_keyring([PlaintextKeyring()])  # priority 0.5: keyring's last resort, not ours
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")  # chosen: used
    assert isinstance(detect_keyring([]), PlaintextKeyring)


def test_the_forms_new_secret_waits_for_the_login_no_engine_is_asked_without_one():
    """The form makes its new secrets and configs before the service: the image's login is read first,
    so a keyring that cannot give it refuses with nothing sent (no engine: None would fail any call)."""
    spec = {"Name": "web", "TaskTemplate": {"ContainerSpec": {"Image": "registry.example:5443/shop/web:1"}}}
    new = {"secrets": {"web_pw": {"Name": "web_pw", "Labels": {}, "Data": b"s3cret"}}}
    with pytest.raises(KeyringUnavailable):
        stacks.create_service_with_objects(None, spec, new, Credentials([LOGIN]).header_for)


def test_dockers_own_logins_are_listed_without_their_secrets(tmp_path, monkeypatch):
    """What the Registries dialog shows beside the profile's: config.json's auths (user decoded), or the
    credential store's list, and the registries a credHelpers entry sends to its own helper."""
    folder = write_config(
        tmp_path,
        {
            "auths": {
                "registry.example:5443": {"auth": basic("ci", "s3:cret")},
                "https://index.docker.io/v1/": {"auth": basic("hubuser", "hubpass")},
                "empty.example": {},
            },
            "credHelpers": {"123.dkr.ecr.example": "ecr-login"},
        },
    )
    assert docker_logins(folder) == [
        DockerLogin("123.dkr.ecr.example", "", "ecr-login"),
        DockerLogin("docker.io", "hubuser", "config.json"),
        DockerLogin("registry.example:5443", "ci", "config.json"),
    ]
    logins = tmp_path / "helper-logins.json"
    logins.write_text(json.dumps({"https://index.docker.io/v1/": {"Username": "hub", "Secret": "hub-s3cret"},
                                  "token.example": {"Username": "<token>", "Secret": "t"}}))  # fmt: skip
    monkeypatch.setenv("CRANE_TEST_CREDENTIALS", str(logins))
    monkeypatch.setenv("PATH", f"{HELPERS}:{os.environ['PATH']}")
    (tmp_path / "store").mkdir()
    stored = write_config(tmp_path / "store", {"credsStore": "crane-test", "auths": {"ignored.example": {}}})
    assert docker_logins(stored) == [
        DockerLogin("docker.io", "hub", "crane-test"),
        DockerLogin("token.example", "", "crane-test"),
    ]
    assert "s3cret" not in repr(docker_logins(stored))


def test_a_background_check_takes_a_locked_keyring_as_its_answer_without_a_prompt(gnome_keyring):
    """The newer-image checks run on their own: a locked desktop keyring is their answer, not an unlock
    prompt out of nowhere (keyring itself would ask the desktop to unlock: "Failed to unlock the
    collection!" once the prompt is dismissed). A deploy still lets keyring ask."""
    PasswordStore().set(LOGIN, "s3cret")
    image = "registry.example:5443/shop/web:1"
    assert Credentials([LOGIN], unlock=False).auth_for(image).password == "s3cret"  # unlocked: read
    gnome_keyring.lock()
    with pytest.raises(KeyringLocked) as background:
        Credentials([LOGIN], unlock=False).header_for(image)
    assert background.value.raw == "locked; not asked to unlock for a background check"
    assert (
        background.value.message
        == "The keyring is locked: the password of registry.example:5443 cannot be read."
    )
