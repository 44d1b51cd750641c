"""Which engine the docker-CLI style connection flags name: shared by the window (app) and the headless
commands, so neither has to import the command line's entry point. Imports no Qt."""

from __future__ import annotations

import argparse
from typing import Any

from crane_desktop.engine.errors import EngineError
from crane_desktop.engine.i18n import QT_TRANSLATE_NOOP
from crane_desktop.engine.profiles import (
    ConnectionFlags,
    Profile,
    ProfileStore,
    Resolved,
    load_profile_file,
    resolve,
)

ENVIRONMENT_HELP = """\
environment variables (as the docker CLI; flags win over them):
  DOCKER_HOST          engine endpoint when neither -H nor --context is given
  DOCKER_TLS_VERIFY    set to anything (even 0): use TLS and verify the engine
  DOCKER_TLS           set to anything: use TLS
  DOCKER_CERT_PATH     directory of ca.pem, cert.pem, key.pem (default: the docker config directory)
  DOCKER_CONTEXT       docker context to use when neither -H, --context nor DOCKER_HOST is given
  DOCKER_CONFIG        docker config directory (contexts, currentContext; default ~/.docker)
  CRANE_DESKTOP_CONFIG_DIR  where saved profiles and settings live
  CRANE_DESKTOP_LOG_DIR     where logs are written

Which engine: --profile-file, --profile, --context, -H, DOCKER_HOST, DOCKER_CONTEXT, the docker config
file's currentContext, then the local engine (unix:///var/run/docker.sock)."""


def add_connection_flags(parser: argparse.ArgumentParser, *, inherited: bool = False) -> None:
    """The docker CLI's connection flags, plus our saved profiles.

    `inherited`: the flags are also on a parent parser (global flags before the command), so here they
    only set what is given and never overwrite the parent's values with defaults.
    """

    def default(value: Any) -> Any:
        return argparse.SUPPRESS if inherited else value

    connection = parser.add_argument_group("connection (as the docker CLI)")
    connection.add_argument(
        "-H",
        "--host",
        action="append",
        default=default([]),
        help="engine endpoint, e.g. tcp://manager:2376",
    )
    go_bool_flag(connection, "--tls", default=default(None), help="use TLS; implied by --tlsverify")
    go_bool_flag(
        connection,
        "--tlsverify",
        default=default(None),
        help="use TLS and verify the engine (--tlsverify=false: TLS without verifying, as docker)",
    )
    connection.add_argument("--tlscacert", default=default(""), help="trust certificates signed by this CA")
    connection.add_argument("--tlscert", default=default(""), help="client certificate")
    connection.add_argument("--tlskey", default=default(""), help="client key")
    connection.add_argument(
        "-c", "--context", default=default(""), help="docker context to use (overrides DOCKER_HOST)"
    )
    connection.add_argument("--config", default=default(""), help="docker config directory (contexts)")
    connection.add_argument("--profile", default=default(""), help="saved profile to open, by name")
    connection.add_argument("--profile-file", default=default(""), help="profile JSON file to open")


GO_TRUE = ("1", "t", "T", "TRUE", "true", "True")  # Go's strconv.ParseBool, as the docker CLI's flags
GO_FALSE = ("0", "f", "F", "FALSE", "false", "False")


def go_bool_flag(group: Any, flag: str, *short: str, default: Any, help: str) -> None:
    """A docker CLI boolean flag: `--flag` (or its short form), `--flag=true` or `--flag=false` (never a
    separate value); `default` when not given."""
    dest = flag.removeprefix("--")
    group.add_argument(flag, *short, dest=dest, action="store_const", const=True, default=default, help=help)
    for value, spellings in ((True, GO_TRUE), (False, GO_FALSE)):
        group.add_argument(
            *(f"{flag}={word}" for word in spellings),
            dest=dest,
            action="store_const",
            const=value,
            default=argparse.SUPPRESS,
            help=argparse.SUPPRESS,
        )


def flags_from_args(args: argparse.Namespace) -> ConnectionFlags:
    return ConnectionFlags(
        hosts=tuple(args.host or ()),
        context=args.context,
        tls=args.tls,
        tlsverify=args.tlsverify,
        tlscacert=args.tlscacert,
        tlscert=args.tlscert,
        tlskey=args.tlskey,
        config=args.config,
    )


def resolve_args(args: argparse.Namespace, store: ProfileStore | None = None) -> Resolved:
    """The engine the flags name: --profile-file, --profile, else the docker CLI's rules (`resolve`);
    raises EngineError when they name a bad one."""
    if args.profile_file:
        return Resolved(load_profile_file(args.profile_file), "--profile-file")
    if args.profile:
        for profile in (store or ProfileStore()).load():
            if profile.name == args.profile:
                return Resolved(profile, "--profile")
        raise EngineError(QT_TRANSLATE_NOOP("engine", "No saved profile is named {name}."), name=args.profile)
    return resolve(flags_from_args(args))


def profile_from_args(args: argparse.Namespace, store: ProfileStore | None = None) -> Profile | None:
    """Which profile the connection flags ask for (raises EngineError when they name a bad one); None
    when nothing names one (the window then offers its connect dialog instead of the local engine)."""
    resolved = resolve_args(args, store)
    return None if resolved.source == "default" else resolved.profile
