"""Which engine the docker-CLI style connection flags name: shared by the window (app) and the headless
commands, so neither has to import the command line's entry point. Imports no Qt."""

from __future__ import annotations

import argparse

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
