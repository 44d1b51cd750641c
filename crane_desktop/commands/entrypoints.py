"""`crane-desktop entrypoints SERVICE --format nginx|haproxy|json`: the service's entry points as a
load-balancer configuration, for operators who regenerate a balancer's config from cron or CI."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from crane_desktop.commands.common import connect, fail
from crane_desktop.engine.entrypoints import FORMATS, fetch_entry_points, render
from crane_desktop.engine.errors import EngineError

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
