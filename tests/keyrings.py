"""The keyrings the tests use, never the user's own.

Every test runs with keyring's "no keyring" backend (tests/conftest.py): the app then finds none and
says so. A test that keeps passwords chooses keyrings.alt's file backend explicitly
(`PYTHON_KEYRING_BACKEND`, a file in the test's own directory), as a user may: the same backend for
the test and for the `crane-desktop` commands it runs. The desktop's Secret Service needs a session
bus and an unlocked collection that CI does not have; `LockedKeyring` answers as the Secret Service
backend does when the collection stays locked (the unlock prompt dismissed).
"""

from __future__ import annotations

from pathlib import Path

import keyring.backend
import keyring.errors
import pytest

NO_KEYRING = "keyring.backends.fail.Keyring"
FILE_KEYRING = "keyrings.alt.file.PlaintextKeyring"
LOCKED_KEYRING = "tests.keyrings.LockedKeyring"


class LockedKeyring(keyring.backend.KeyringBackend):
    """A keyring whose collection is locked: every read and write is refused as SecretService refuses."""

    priority = 1  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("Failed to unlock the collection!")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.KeyringLocked("Failed to unlock the collection!")

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.KeyringLocked("Failed to unlock the collection!")


@pytest.fixture
def file_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """keyrings.alt's file backend, chosen as a user chooses a backend, in the test's directory (the
    commands the test runs use it too); returns the directory."""
    data = tmp_path / "keyring-data"
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", FILE_KEYRING)
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    return data
