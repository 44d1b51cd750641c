"""Private registries: which registry an image comes from, the profile's logins with their passwords
in the OS keyring, and the login a create or update sends with the image (`X-Registry-Auth`, as
docker's `--with-registry-auth`), so that the nodes can pull it.

The password of a profile's registry is kept only in the OS keyring (Secret Service, Keychain, Windows
Credential Manager) through the `keyring` library, never in the profiles file. A keyring that keyring
would only fall back to (its plain-text file backends, priority below 1) is not used unless the user
chose it (PYTHON_KEYRING_BACKEND or keyringrc.cfg): without a real keyring the app says so.
A registry not in the profile falls back to docker's own login (engine/docker_credentials.py).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from docker import APIClient as Client

from crane_desktop.engine import api
from crane_desktop.engine.docker_credentials import AuthConfig, docker_login
from crane_desktop.engine.errors import EngineError
from crane_desktop.engine.i18n import QT_TRANSLATE_NOOP
from crane_desktop.engine.profiles import RegistryLogin, normalize_registry_address

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

DOCKER_HUB = "docker.io"
HUB_LOOKUP_KEY = "https://index.docker.io/v1/"  # where docker files Docker Hub's login
KEYRING_SERVICE = "Crane Desktop registry {address}"

T = TypeVar("T")
AuthFor = Callable[[str], "str | None"]  # image -> the X-Registry-Auth header to send with it, if any


class KeyringUnavailable(EngineError):
    """No OS keyring can keep (or give) a registry's password."""

    template = QT_TRANSLATE_NOOP(
        "engine", "No keyring is available to keep registry passwords: the system has no keyring service."
    )
    hint = QT_TRANSLATE_NOOP(
        "engine",
        "Start the desktop's keyring (Secret Service, e.g. GNOME Keyring or KWallet; Keychain; Windows "
        "Credential Manager), or choose a keyring backend with PYTHON_KEYRING_BACKEND.",
    )


class KeyringLocked(KeyringUnavailable):
    """The keyring exists but is locked (or refused to open)."""

    template = QT_TRANSLATE_NOOP(
        "engine", "The keyring is locked: the password of {registry} cannot be read."
    )
    hint = QT_TRANSLATE_NOOP("engine", "Unlock the keyring (log in to the desktop session) and try again.")


def registry_of(image: str) -> str:
    """The registry an image reference names, as docker parses references: the first path component
    when it looks like a host (a dot or a port, `localhost`, or upper case), otherwise Docker Hub."""
    name = image.split("@", 1)[0]
    first, slash, _ = name.partition("/")
    if not slash:
        return DOCKER_HUB
    if "." in first or ":" in first or first == "localhost" or first.lower() != first:
        return normalize_registry_address(first)
    return DOCKER_HUB


def lookup_key(address: str) -> str:
    """The server address docker sends and files a registry's login under."""
    return HUB_LOOKUP_KEY if address == DOCKER_HUB else address


def check_address(address: str) -> str:
    """The normalized address, or an error saying what is wrong with what was typed."""
    normalized = normalize_registry_address(address)
    if not normalized or any(c.isspace() for c in normalized):
        raise EngineError(
            QT_TRANSLATE_NOOP("engine", "“{address}” is not a registry address (host or host:port)."),
            address=address,
        )
    return normalized


# -- the keyring ------------------------------------------------------------------------------------
def detect_keyring(
    candidates: Iterable[KeyringBackend] | None = None,
) -> KeyringBackend:
    """The keyring to keep passwords in: the one the user chose (PYTHON_KEYRING_BACKEND, keyringrc.cfg),
    otherwise the best recommended one (priority >= 1) of `candidates` (default: every backend keyring
    found). Raises KeyringUnavailable when there is none: keyring's plain-text fallbacks (priority
    below 1) are never taken silently."""
    import keyring.backend  # imported when a password is first needed: the app starts without it
    import keyring.core
    from keyring.backends import fail

    chosen = keyring.core.load_env() or keyring.core.load_config()
    if chosen is None:
        found = keyring.backend.get_all_keyring() if candidates is None else candidates
        recommended = [k for k in found if keyring.core.recommended(k)]
        chosen = max(recommended, key=keyring.backend.by_priority, default=None)
    if chosen is None or isinstance(chosen, fail.Keyring) or type(chosen).__module__.endswith(".null"):
        raise KeyringUnavailable()
    return chosen


class PasswordStore:
    """Registry passwords in a keyring (one entry per registry and user), with every keyring failure
    turned into words. `backend` None: `detect_keyring()` when first needed."""

    def __init__(self, backend: KeyringBackend | None = None) -> None:
        self._backend = backend

    @property
    def backend(self) -> KeyringBackend:
        if self._backend is None:
            self._backend = detect_keyring()
        return self._backend

    def check(self) -> str:
        """Raise KeyringUnavailable unless a keyring is there; its name otherwise."""
        return str(getattr(self.backend, "name", type(self.backend).__name__))

    def get(self, login: RegistryLogin, *, unlock: bool = True) -> str | None:
        """The password kept for the login (None: none kept). `unlock` False: a locked Secret Service
        collection is refused as locked without keyring asking the desktop to unlock it (a prompt out
        of nowhere, for a check the operator did not start)."""
        if not unlock and _locked_collection(self.backend):
            raise KeyringLocked(
                raw="locked; not asked to unlock for a background check", registry=login.address
            )
        return self._guarded(login, lambda b: b.get_password(_service(login), login.user))

    def set(self, login: RegistryLogin, secret: str) -> None:
        self._guarded(login, lambda b: b.set_password(_service(login), login.user, secret))

    def delete(self, login: RegistryLogin) -> None:
        import keyring.errors

        def delete(backend: KeyringBackend) -> None:
            with contextlib.suppress(keyring.errors.PasswordDeleteError):  # nothing kept for it
                backend.delete_password(_service(login), login.user)

        self._guarded(login, delete)

    def _guarded(self, login: RegistryLogin, action: Callable[[KeyringBackend], T]) -> T:
        import keyring.errors

        backend = self.backend
        try:
            return action(backend)
        except keyring.errors.KeyringLocked as error:
            raise KeyringLocked(raw=str(error), registry=login.address) from error
        except keyring.errors.NoKeyringError as error:
            raise KeyringUnavailable(raw=str(error)) from error
        except keyring.errors.KeyringError as error:
            raise KeyringLocked(raw=str(error) or type(error).__name__, registry=login.address) from error


def _locked_collection(backend: KeyringBackend) -> bool:
    """Is the Secret Service collection keyring would read locked? (Other keyrings: not known, False.)
    Asked without unlocking or creating anything."""
    if type(backend).__module__ != "keyring.backends.SecretService":
        return False
    import secretstorage

    try:
        connection = secretstorage.dbus_init()
    except secretstorage.exceptions.SecretServiceNotAvailableException:
        return False  # keyring says so in its own words
    try:
        preferred = getattr(backend, "preferred_collection", None)
        return bool(secretstorage.Collection(connection, *([preferred] if preferred else [])).is_locked())
    except secretstorage.exceptions.SecretStorageException:
        return False  # no such collection: keyring's own read says what is wrong
    finally:
        connection.close()


def _service(login: RegistryLogin) -> str:
    return KEYRING_SERVICE.format(address=login.address)


# -- what a deploy sends ------------------------------------------------------------------------------
class Credentials:
    """The login to send with an image: the profile's registry (its password from the keyring, or one
    kept for this session only), otherwise docker's own (config.json, credential helpers), otherwise none.
    Reads on every call (keyring, helpers): run it off the GUI thread."""

    def __init__(
        self,
        logins: Iterable[RegistryLogin] = (),
        passwords: PasswordStore | None = None,
        *,
        session_passwords: Mapping[RegistryLogin, str] | None = None,
        docker_config: Path | None = None,
        unlock: bool = True,
    ) -> None:
        self.logins = {login.address: login for login in logins}
        self.passwords = passwords or PasswordStore()
        self.session_passwords = dict(session_passwords or {})
        self.docker_config = docker_config
        self.unlock = unlock  # False: a locked keyring is an answer, not a prompt (background checks)

    def auth_for(self, image: str) -> AuthConfig | None:
        address = registry_of(image)
        login = self.logins.get(address)
        if login is not None:
            secret = self.session_passwords.get(login)
            if secret is None:
                secret = self.passwords.get(login, unlock=self.unlock)
            if secret is None:
                raise EngineError(
                    QT_TRANSLATE_NOOP(
                        "engine",
                        "The keyring has no password for {user} at {registry}: enter it under Registries.",
                    ),
                    user=login.user,
                    registry=address,
                )
            return AuthConfig(lookup_key(address), login.user, secret)
        return docker_login(address, lookup_key(address), self.docker_config)

    def header_for(self, image: str) -> str | None:
        """The X-Registry-Auth value for `image`, or None when no login is known for its registry."""
        auth = self.auth_for(image)
        return auth.header() if auth is not None else None

    def headers_for(self, images: Iterable[str]) -> dict[str, str]:
        """The header of every image that has a login (read all at once, before anything is created)."""
        return {image: header for image in dict.fromkeys(images) if (header := self.header_for(image))}


def registry_auth_header(auth_for: AuthFor | None, image: str) -> dict[str, str]:
    """The request headers that carry the login for `image` (none without one)."""
    header = auth_for(image) if auth_for is not None and image else None
    return {"X-Registry-Auth": header} if header else {}


def log_in(client: Client, address: str, user: str, password: str) -> str:
    """Ask the engine to log in to the registry (its /auth, as `docker login`): the engine's own answer
    ("Login Succeeded"), or an error saying the registry refused the login or could not be reached
    (the engine answers 401, or 500 naming the registry's 401, as 20.10 does)."""
    body = {"username": user, "password": password, "serveraddress": lookup_key(address)}
    try:
        answer: Any = api.call(client, api.post_json, client, "/auth", body)
    except EngineError as error:
        raw = error.raw or str(error)
        if error.status == 401 or "unauthorized" in raw.lower():
            raise EngineError(
                QT_TRANSLATE_NOOP("engine", "The registry {registry} refused the login of {user}."),
                raw=raw,
                status=error.status,
                registry=address,
                user=user,
            ) from error
        if error.status is not None and error.status >= 500:
            raise EngineError(
                QT_TRANSLATE_NOOP("engine", "The engine could not log in to the registry {registry}."),
                raw=raw,
                hint=QT_TRANSLATE_NOOP(
                    "engine",
                    "Check the address, and that the swarm's managers reach the registry and trust its "
                    "certificate (certs.d).",
                ),
                status=error.status,
                registry=address,
            ) from error
        raise
    return str((answer or {}).get("Status") or "")
