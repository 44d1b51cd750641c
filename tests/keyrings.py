"""The keyrings the tests use, never the user's own.

Every test runs with keyring's "no keyring" backend (tests/conftest.py): the app then finds none and
says so. A test that keeps passwords chooses keyrings.alt's file backend explicitly
(`PYTHON_KEYRING_BACKEND`, a file in the test's own directory), as a user may: the same backend for
the test and for the `crane-desktop` commands it runs. `gnome_keyring` is the desktop's real Secret
Service: gnome-keyring-daemon on a private session bus, unlocked with a password, that the test may
lock (its unlock prompt cannot open, so a locked collection stays locked, as a dismissed prompt does).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.session_bus import private_session_bus
from tests.swarm import wait_until

NO_KEYRING = "keyring.backends.fail.Keyring"
FILE_KEYRING = "keyrings.alt.file.PlaintextKeyring"
SECRET_SERVICE = "keyring.backends.SecretService.Keyring"


@pytest.fixture
def file_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """keyrings.alt's file backend, chosen as a user chooses a backend, in the test's directory (the
    commands the test runs use it too); returns the directory."""
    data = tmp_path / "keyring-data"
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", FILE_KEYRING)
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    return data


@dataclass
class GnomeKeyring:
    bus: str  # the private session bus's address

    def lock(self) -> None:
        """Lock the default collection (as the desktop does on a screen lock or a timeout)."""
        import secretstorage

        connection = secretstorage.dbus_init()
        try:
            secretstorage.get_default_collection(connection).lock()
        finally:
            connection.close()


@pytest.fixture
def gnome_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[GnomeKeyring]:
    """gnome-keyring-daemon (secrets only) on a private session bus, its login collection unlocked,
    chosen through keyring's own Secret Service backend; the commands the test runs reach it too."""
    home = tmp_path / "gnome-keyring-home"
    home.mkdir()
    env = {key: value for key, value in os.environ.items() if key not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"), XDG_RUNTIME_DIR=str(home))
    bus_dir = tmp_path / "bus"
    bus_dir.mkdir()
    with private_session_bus(bus_dir, env) as bus:
        env["DBUS_SESSION_BUS_ADDRESS"] = bus
        daemon_log = (tmp_path / "gnome-keyring-daemon.log").open("w")
        daemon = subprocess.Popen(
            ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
            stdin=subprocess.PIPE,
            stdout=daemon_log,
            stderr=subprocess.STDOUT,
            env=env,
            text=True,
        )
        assert daemon.stdin is not None
        daemon.stdin.write("test-password")
        daemon.stdin.close()
        for key in ("DBUS_SESSION_BUS_ADDRESS", "HOME", "XDG_DATA_HOME", "XDG_RUNTIME_DIR"):
            monkeypatch.setenv(key, env[key])
        monkeypatch.delenv("DISPLAY", raising=False)
        monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
        monkeypatch.setenv("PYTHON_KEYRING_BACKEND", SECRET_SERVICE)
        try:
            _wait_for_secret_service(daemon, tmp_path / "gnome-keyring-daemon.log")
            yield GnomeKeyring(bus)
        finally:
            daemon.terminate()
            daemon.wait(10)
            daemon_log.close()


def _wait_for_secret_service(daemon: subprocess.Popen, log: Path) -> None:
    """Until the daemon serves org.freedesktop.secrets with its collection (the daemon says nothing
    when it is ready: the bus is asked)."""
    import secretstorage

    def serving() -> bool:
        assert daemon.poll() is None, f"gnome-keyring-daemon exited ({daemon.returncode}): {log.read_text()}"
        connection = secretstorage.dbus_init()
        try:
            # the default alias, read only: asking for it with get_default_collection before the daemon
            # has made its login collection would ask to create one (a prompt, dismissed without a screen)
            # and unlocked: the daemon unlocks it with the password on its stdin a moment later
            return not secretstorage.Collection(connection).is_locked()
        except (
            secretstorage.exceptions.SecretServiceNotAvailableException,
            secretstorage.exceptions.ItemNotFoundException,
        ):
            return False
        finally:
            connection.close()

    try:  # a deadline, not a pace: under a full CI run's load the daemon took over 10 s
        wait_until(serving, 30, "gnome-keyring-daemon to serve the secrets")
    except AssertionError as error:
        raise AssertionError(f"{error}; the daemon said: {log.read_text()!r}") from None
