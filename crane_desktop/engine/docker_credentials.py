"""The logins docker itself keeps: `config.json`'s `auths`, `credsStore` and `credHelpers`.

Read as docker/cli's configfile does (DOCKER_CONFIG or ~/.docker): a registry named in `credHelpers`
asks that helper, otherwise `credsStore` (when set) asks the store's helper, otherwise the `auths`
entry's base64 `user:password` (or its identity token) is used. A helper is the program
`docker-credential-NAME`, run as `docker-credential-NAME get` with the registry's address on its
standard input; it answers `{"ServerURL", "Username", "Secret"}`, a user `<token>` meaning the secret is
an identity token.
"""

from __future__ import annotations

import base64
import binascii
import json
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crane_desktop.engine.errors import EngineError
from crane_desktop.engine.i18n import QT_TRANSLATE_NOOP
from crane_desktop.engine.profiles import docker_config_dir

HELPER_TIMEOUT = 20.0  # seconds: a platform helper may show an unlock prompt
TOKEN_USER = "<token>"


@dataclass(frozen=True)
class AuthConfig:
    """A registry login as the engine takes it (types.AuthConfig)."""

    serveraddress: str
    username: str = ""
    password: str = ""
    identitytoken: str = ""

    def header(self) -> str:
        """The X-Registry-Auth value: the login as URL-safe base64 JSON (docker's EncodeAuthConfig)."""
        fields = {key: value for key, value in vars(self).items() if value}
        return base64.urlsafe_b64encode(json.dumps(fields).encode()).decode("ascii")


def hostname_of(key: str) -> str:
    """An `auths` key as the registry's host: `https://registry:5000/v1/` -> `registry:5000`
    (docker's ConvertToHostname)."""
    for scheme in ("http://", "https://"):
        if key.startswith(scheme):
            key = key[len(scheme) :]
            break
    return key.split("/", 1)[0]


def load_config(config_dir: Path | None = None) -> Mapping[str, Any]:
    """docker's config.json as a mapping (empty when there is none); a file that is not JSON is an
    error that names it, since its logins would silently be missing otherwise."""
    path = (config_dir or docker_config_dir()) / "config.json"
    try:
        data = json.loads(path.read_text())
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as error:
        raise EngineError(
            QT_TRANSLATE_NOOP("engine", "docker's configuration {path} cannot be read."),
            raw=str(error),
            path=path,
        ) from error
    return data if isinstance(data, Mapping) else {}


def docker_login(address: str, lookup_key: str, config_dir: Path | None = None) -> AuthConfig | None:
    """docker's own login for the registry `address` (`lookup_key`: the key docker files it under,
    `https://index.docker.io/v1/` for Docker Hub), or None when docker has none."""
    config = load_config(config_dir)
    helpers = config.get("credHelpers") or {}
    helper = helpers.get(lookup_key) or helpers.get(address) if isinstance(helpers, Mapping) else None
    helper = helper or config.get("credsStore")
    if isinstance(helper, str) and helper:
        return helper_login(helper, lookup_key)
    return file_login(config.get("auths") or {}, address, lookup_key)


def file_login(auths: object, address: str, lookup_key: str) -> AuthConfig | None:
    """The `auths` entry for the registry: the exact key first, then any key naming the same host."""
    if not isinstance(auths, Mapping):
        return None
    entry = auths.get(lookup_key)
    if entry is None:
        entry = next((value for key, value in auths.items() if hostname_of(str(key)) == address), None)
    if not isinstance(entry, Mapping):
        return None
    user, password = str(entry.get("username") or ""), str(entry.get("password") or "")
    encoded = str(entry.get("auth") or "")
    if encoded:
        try:
            user, _, password = base64.b64decode(encoded).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError) as error:
            raise EngineError(
                QT_TRANSLATE_NOOP("engine", "docker's saved login for {registry} cannot be decoded."),
                raw=str(error),
                registry=address,
            ) from error
    token = str(entry.get("identitytoken") or "")
    if not (user or password or token):
        return None
    return AuthConfig(lookup_key, user, password, token)


def _run_helper(helper: str, action: str, text: str = "") -> tuple[bool, str]:
    """Run `docker-credential-HELPER ACTION` with `text` on its standard input: (False when it has no
    such login, docker's "credentials not found"; its standard output, stripped). Other failures raise."""
    program = f"docker-credential-{helper}"
    try:
        result = subprocess.run(
            [program, action],
            input=text,
            capture_output=True,
            text=True,
            timeout=HELPER_TIMEOUT,
            check=False,
        )
    except FileNotFoundError as error:
        raise EngineError(
            QT_TRANSLATE_NOOP(
                "engine",
                "docker's configuration names the credential helper {program}, which is not installed.",
            ),
            program=program,
        ) from error
    except subprocess.TimeoutExpired as error:
        raise EngineError(
            QT_TRANSLATE_NOOP("engine", "The credential helper {program} did not answer in time."),
            program=program,
        ) from error
    answer = (result.stdout or "").strip()
    if result.returncode != 0 and "credentials not found" not in answer.lower():
        raise EngineError(
            QT_TRANSLATE_NOOP("engine", "The credential helper {program} failed."),
            raw=(answer or result.stderr or "").strip(),
            program=program,
        )
    return result.returncode == 0, answer


def _not_a_login(helper: str, answer: str) -> EngineError:
    return EngineError(
        QT_TRANSLATE_NOOP("engine", "The credential helper {program} gave an answer that is not a login."),
        raw=answer[:200],
        program=f"docker-credential-{helper}",
    )


def helper_login(helper: str, lookup_key: str) -> AuthConfig | None:
    """Ask `docker-credential-HELPER get` for the registry's login (None: the helper has none)."""
    found, answer = _run_helper(helper, "get", lookup_key)
    if not found:
        return None
    try:
        data = json.loads(answer)
        user, secret = str(data.get("Username") or ""), str(data.get("Secret") or "")
    except (ValueError, AttributeError) as error:
        raise _not_a_login(helper, answer) from error
    if user == TOKEN_USER:
        return AuthConfig(lookup_key, identitytoken=secret)
    return AuthConfig(lookup_key, user, secret) if user or secret else None


# -- what docker keeps, as a list ----------------------------------------------------------------------
@dataclass(frozen=True)
class DockerLogin:
    """A registry docker has a login for, as the Registries dialog lists it (never its secret)."""

    address: str  # the registry's host[:port]; docker.io for Docker Hub
    user: str  # "" when only asking its helper for the secret would tell
    source: str  # "config.json", or the credential helper's name


def registry_address(key: str) -> str:
    """An `auths` or helper key as the registry's address the app uses (Docker Hub as docker.io)."""
    host = hostname_of(key)
    return "docker.io" if host in ("index.docker.io", "registry-1.docker.io") else host


def docker_logins(config_dir: Path | None = None) -> list[DockerLogin]:
    """Every registry docker itself has a login for, by address: its credential store's list
    (`docker-credential-STORE list`) or config.json's `auths`, then `credHelpers` (each asked by
    docker for its own registry, so the user is not known without asking for the secret)."""
    config = load_config(config_dir)
    found: dict[str, DockerLogin] = {}
    store = config.get("credsStore")
    if isinstance(store, str) and store:
        _found, answer = _run_helper(store, "list")
        try:
            listed = json.loads(answer or "{}")
            pairs = [(str(url), str(user)) for url, user in listed.items()]
        except (ValueError, AttributeError) as error:
            raise _not_a_login(store, answer) from error
        for url, user in pairs:
            address = registry_address(url)
            found[address] = DockerLogin(address, "" if user == TOKEN_USER else user, store)
    else:
        auths = config.get("auths") or {}
        for key in auths if isinstance(auths, Mapping) else ():
            address = registry_address(str(key))
            login = file_login({key: auths[key]}, address, str(key))
            if login is not None:
                found[address] = DockerLogin(address, login.username, "config.json")
    helpers = config.get("credHelpers") or {}
    for key, helper in helpers.items() if isinstance(helpers, Mapping) else ():
        address = registry_address(str(key))
        found[address] = DockerLogin(address, "", str(helper))
    return sorted(found.values(), key=lambda login: login.address)
