"""Command-line entry: the GUI with docker-CLI style connection flags, headless screenshots, and the
headless commands (`crane-desktop COMMAND ...`) for scripts and CI. Headless commands import no Qt."""

from __future__ import annotations

import argparse
import sys

from crane_desktop import __version__
from crane_desktop.commands import COMMANDS
from crane_desktop.connection import add_connection_flags


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="crane-desktop",
        description="A desktop console for Docker Swarm clusters. Without a command it opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"crane-desktop {__version__}")
    add_connection_flags(parser)
    parser.add_argument(
        "--screenshot", metavar="PNG", default="", help="render a page offscreen, save it, exit"
    )
    parser.add_argument("--page", default="nodes", help="page for --screenshot (nodes, ...)")
    parser.add_argument("--size", default="1280x800", help="window size for --screenshot")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds --screenshot waits for data")
    parser.add_argument("--lang", default="", choices=["", "system", "en", "zh_CN"], help="UI language")
    parser.add_argument("--theme", default="", choices=["", "system", "light", "dark"], help="colour theme")
    parser.add_argument("--debug", action="store_true", help="verbose logging")
    return parser


def build_command_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="crane-desktop", description="Headless Crane Desktop commands.")
    subparsers = parser.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        command.add_parser(subparsers, add_connection_flags)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    names = {name for command in COMMANDS for name in command.NAMES}
    if argv and argv[0] in names:
        args = build_command_parser().parse_args(argv)
        return args.run(args)
    args = build_parser().parse_args(argv)
    from crane_desktop.app import run

    return run(args)
