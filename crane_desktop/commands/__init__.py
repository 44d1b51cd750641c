"""Headless commands (`crane-desktop COMMAND ...`), for scripts, cron and CI pipelines.

Each command module has `NAMES` (the command words it answers to) and
`add_parser(subparsers, add_connection_flags)`, which adds its sub-parser with
`set_defaults(run=...)`; `run(args) -> int` is the exit code. No Qt is imported here.
"""

from __future__ import annotations

from types import ModuleType

from crane_desktop.commands import capacity, deploy, df, drain, entrypoints, events, rotate, stack, why

COMMANDS: list[ModuleType] = [capacity, deploy, df, drain, entrypoints, events, rotate, stack, why]
