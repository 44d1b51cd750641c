"""A private D-Bus session bus for a test (the desktop's services tested for real, never the user's bus)."""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Iterator, Mapping
from pathlib import Path


@contextlib.contextmanager
def private_session_bus(folder: Path, env: Mapping[str, str] | None = None) -> Iterator[str]:
    """Run dbus-daemon on a socket in `folder` (services it activates get `env`); yields its address."""
    with subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1", f"--address=unix:dir={folder}"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=None if env is None else dict(env),
    ) as daemon:
        assert daemon.stdout is not None
        address = daemon.stdout.readline().strip()
        assert address.startswith("unix:"), address
        try:
            yield address
        finally:
            daemon.terminate()
