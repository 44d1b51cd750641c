"""`crane-desktop entrypoints SERVICE --format nginx|haproxy|json`: the service's entry points as a
load-balancer configuration, for operators who regenerate a balancer's config from cron or CI."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from crane_desktop.engine.cluster import Cluster
from crane_desktop.engine.entrypoints import FORMATS, fetch_entry_points, render
from crane_desktop.engine.errors import EngineError, translate
from crane_desktop.engine.snapshots import Node, parse_all

NAMES = ("entrypoints",)


def add_parser(subparsers: argparse._SubParsersAction, add_connection_flags: Callable) -> None:
    parser = subparsers.add_parser(
        "entrypoints",
        help="print a service's entry points as nginx / HAProxy configuration or JSON",
        description="Print the addresses at which a swarm service is reached (each node address and "
        "published port) as a complete nginx or HAProxy configuration file, or as JSON.",
    )
    parser.add_argument("service", help="service name (or id)")
    parser.add_argument("--stack", default="", help="the app (stack) the service belongs to")
    parser.add_argument("--format", default="nginx", choices=FORMATS, help="output format (default nginx)")
    parser.add_argument(
        "--tcp",
        default="http",
        choices=("http", "stream"),
        help="balance TCP ports as HTTP (default) or as plain TCP streams",
    )
    parser.add_argument("-o", "--output", default="", help="write to this file instead of standard output")
    add_connection_flags(parser)
    parser.set_defaults(run=run)


def connect(args: argparse.Namespace) -> Cluster:
    """The cluster the connection flags (or DOCKER_* variables) name, connected; EngineError if not."""
    from crane_desktop.cli import profile_from_args

    profile = profile_from_args(args)
    if profile is None:
        raise EngineError(
            "no cluster given: use -H/--tlsverify..., --context, --profile, --profile-file or DOCKER_HOST"
        )
    cluster = Cluster(profile, timeout=15.0)
    cluster.connect()
    try:  # the swarm's other managers, to move to if this one goes away (one -H names just one)
        cluster.learn_managers(parse_all(Node, cluster.client.nodes()).values())
    except Exception as exc:
        cluster.close()
        raise translate(exc, cluster.endpoint) from exc
    return cluster


def fail(command: str, error: Exception) -> int:
    """One line saying why (the engine's own text after it), never the profile's key material."""
    message = error.message if isinstance(error, EngineError) else str(error)
    raw = getattr(error, "raw", "")
    print(f"crane-desktop {command}: error: {message}" + (f" ({raw})" if raw else ""), file=sys.stderr)
    hint = getattr(error, "hint", "")
    if hint:
        print(f"crane-desktop {command}: {hint}", file=sys.stderr)
    return 1


def run(args: argparse.Namespace) -> int:
    try:
        cluster = connect(args)
        try:
            service, entries = fetch_entry_points(cluster.client, args.service, args.stack)
        finally:
            cluster.close()
        text = render(args.format, service, entries, args.tcp)
    except EngineError as error:
        return fail("entrypoints", error)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as out:
            out.write(text)
    else:
        sys.stdout.write(text)
    if not any(entry.addresses for entry in entries):
        print(f"crane-desktop entrypoints: {service.name} has no reachable published port", file=sys.stderr)
    return 0
