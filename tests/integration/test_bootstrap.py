"""The README's commands run by a normal user. scripts/bootstrap, on a machine that lacks what the app
needs: it says what is missing and the command that installs it, and stops, instead of skipping apt
silently (as root it would install them itself). scripts/test: it needs root, and says so at once."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
USER = "nobody"


@pytest.fixture
def checkout():
    """A checkout the normal user owns, with a stand-in ldconfig that knows no library."""
    folder = Path(tempfile.mkdtemp(prefix="crane-bootstrap-"))
    (folder / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "bootstrap", folder / "scripts" / "bootstrap")
    (folder / "bin").mkdir()
    (folder / "bin" / "ldconfig").write_text("#!/bin/sh\nexit 0\n")
    (folder / "bin" / "ldconfig").chmod(0o755)
    subprocess.run(["chown", "-R", f"{USER}:", str(folder)], check=True)
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder)


def bootstrap(checkout: Path, *env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["runuser", "-u", USER, "--", "env", "-i", f"PATH={checkout / 'bin'}:/usr/bin:/bin",
         f"HOME={checkout}", *env, str(checkout / "scripts" / "bootstrap")],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def test_missing_qt_libraries_are_named_with_the_command_and_nothing_is_installed(checkout):
    result = bootstrap(checkout)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("bootstrap: missing Debian packages: libxkbcommon0 ")
    assert "libxcb-cursor0" in lines[0].split()  # Qt's xcb plugin, since Qt 6.5
    assert lines[1].startswith("  install them with:  sudo apt-get install libxkbcommon0 ")
    assert "cannot start without" in lines[2] and "run this again" in lines[2]
    assert not (checkout / ".venv").exists()


def test_a_python_older_than_311_or_missing_is_named(checkout):
    result = bootstrap(checkout, "PYTHON=/usr/bin/python3.9-absent")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "bootstrap: Crane Desktop needs Python 3.11 or newer; /usr/bin/python3.9-absent: not found.",
        "  Set PYTHON=/path/to/python3.11 (or newer) and run this again.",
    ]


def test_the_test_command_says_at_once_that_it_needs_root():
    """As a normal user, scripts/test stops before it installs or runs anything, and says why and what
    runs without root."""
    result = subprocess.run(
        ["runuser", "-u", USER, "--", "env", "-i", "PATH=/usr/bin:/bin", str(ROOT / "scripts" / "test")],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.startswith("scripts/test needs root: it builds a real 4-node swarm")
    assert "sudo ./scripts/test" in result.stderr
    assert "pytest tests/unit tests/gui -m 'not swarm'" in result.stderr
    assert "bootstrap" not in result.stderr  # nothing ran before
