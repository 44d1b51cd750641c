"""Which terminal emulators this machine can run, and building one by name. Kept apart from the interface
(emulator.py) so the backends import the interface and only this module imports the backends. Qt-free."""

from __future__ import annotations

import logging

from crane_desktop.terminal.emulator import Emulator

log = logging.getLogger("crane.terminal")


def available() -> list[str]:
    """Names of the emulators this machine can run, best first."""
    names = []
    try:
        import pyghostty  # noqa: F401

        names.append("ghostty")
    except (ImportError, OSError):
        log.info("pyghostty is not available; the terminal uses pyte")
    names.append("pyte")
    return names


def create(name: str = "", cols: int = 80, rows: int = 24, scrollback: int = 10_000) -> Emulator:
    """An emulator by name ("ghostty" or "pyte"), or the best available one."""
    name = name or available()[0]
    if name == "ghostty":
        from crane_desktop.terminal.ghostty_backend import GhosttyEmulator

        return GhosttyEmulator(cols, rows, scrollback)
    from crane_desktop.terminal.pyte_backend import PyteEmulator

    return PyteEmulator(cols, rows, scrollback)
