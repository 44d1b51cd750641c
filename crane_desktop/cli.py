"""Command-line entry: the GUI with docker-CLI style connection flags, headless screenshots, and the
headless commands (`crane-desktop COMMAND ...`) for scripts and CI. Headless commands import no Qt."""

from __future__ import annotations

import argparse
import sys

from crane_desktop import __version__
from crane_desktop.commands import COMMANDS
from crane_desktop.engine.errors import EngineError
from crane_desktop.engine.i18n import QT_TRANSLATE_NOOP
from crane_desktop.engine.profiles import Profile, ProfileStore, from_cli_flags, load_profile_file


def add_connection_flags(parser: argparse.ArgumentParser) -> None:
    """The docker CLI's connection flags, plus our saved profiles."""
    connection = parser.add_argument_group("connection (as the docker CLI)")
    connection.add_argument("-H", "--host", default="", help="engine endpoint, e.g. tcp://manager:2376")
    connection.add_argument("--tls", action="store_true", help="use TLS without verifying the engine")
    connection.add_argument("--tlsverify", action="store_true", help="use TLS and verify the engine")
    connection.add_argument("--tlscacert", default="", help="trust certificates signed by this CA")
    connection.add_argument("--tlscert", default="", help="client certificate")
    connection.add_argument("--tlskey", default="", help="client key")
    connection.add_argument("-c", "--context", default="", help="docker context to use")
    connection.add_argument("--profile", default="", help="saved profile to open, by name")
    connection.add_argument("--profile-file", default="", help="profile JSON file to open")


def profile_from_args(args: argparse.Namespace, store: ProfileStore | None = None) -> Profile | None:
    """Which profile the connection flags ask for (raises EngineError when they name a bad one).

    Without flags: DOCKER_HOST, then DOCKER_CONTEXT, as the docker CLI; None when nothing is set.
    """
    if args.profile_file:
        return load_profile_file(args.profile_file)
    if args.profile:
        for profile in (store or ProfileStore()).load():
            if profile.name == args.profile:
                return profile
        raise EngineError(QT_TRANSLATE_NOOP("engine", "No saved profile is named {name}."), name=args.profile)
    return from_cli_flags(
        host=args.host,
        tls=args.tls,
        tlsverify=args.tlsverify,
        tlscacert=args.tlscacert,
        tlscert=args.tlscert,
        tlskey=args.tlskey,
        context=args.context,
    )


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
