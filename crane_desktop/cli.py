"""Command-line entry: the GUI with docker-CLI style connection flags, headless screenshots, and the
headless commands (`crane-desktop [FLAGS] COMMAND ...`) for scripts and CI. Headless commands import no Qt.

As with the docker CLI, the connection flags work before the command (`crane-desktop -H tcp://m:2376
--tlsverify stack rm shop`) as well as after it."""

from __future__ import annotations

import argparse
import functools
import sys
import warnings

import urllib3

from crane_desktop import __version__
from crane_desktop.commands import COMMANDS
from crane_desktop.connection import ENVIRONMENT_HELP, add_connection_flags


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="crane-desktop",
        usage="%(prog)s [OPTIONS] [COMMAND] ...",
        description="A desktop console for Docker Swarm clusters. Without a command it opens the window.",
        epilog=ENVIRONMENT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"crane-desktop {__version__}")
    add_connection_flags(parser)
    window = parser.add_argument_group("window (without a command)")
    window.add_argument(
        "--screenshot", metavar="PNG", default="", help="render a page offscreen, save it, exit"
    )
    window.add_argument(
        "--page", default="overview", help="page for --screenshot (overview, nodes, apps, networks, ...)"
    )
    window.add_argument("--size", default="1280x800", help="window size for --screenshot")
    window.add_argument("--timeout", type=float, default=60.0, help="seconds --screenshot waits for data")
    # default "": the saved setting (View menu); not offered as a choice
    window.add_argument(
        "--lang", default="", choices=["system", "en", "zh_CN"], help="UI language (default: as saved)"
    )
    window.add_argument(
        "--theme", default="", choices=["system", "light", "dark"], help="colour theme (default: as saved)"
    )
    window.add_argument("--debug", action="store_true", help="verbose logging")
    subparsers = parser.add_subparsers(
        dest="command", title="commands", metavar="COMMAND", prog="crane-desktop"
    )
    inherited = functools.partial(add_connection_flags, inherited=True)
    for command in COMMANDS:
        command.add_parser(subparsers, inherited)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser().parse_args(argv)
    # TLS without verification is the operator's explicit choice (--tlsverify=false, a profile's
    # setting); the docker CLI says nothing about it on each request, neither do we.
    warnings.filterwarnings("ignore", category=urllib3.exceptions.InsecureRequestWarning)
    if args.command:
        return args.run(args)
    from crane_desktop.app import run

    return run(args)
