"""`crane-desktop events [--since 10m] [--until 0s] [--format json]`: the cluster's events, as docker
events prints them (one line each, or the engine's JSON with `--format json`), until interrupted or
until `--until`. Ctrl-C ends it with 0, as docker's does."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Callable
from datetime import UTC, datetime

from crane_desktop.commands.common import connected, fail
from crane_desktop.engine.errors import EngineError
from crane_desktop.engine.events import CLUSTER_EVENT_TYPES, EngineEvent, parse_time, read_events

NAMES = ("events",)


def add_parser(subparsers: argparse._SubParsersAction, add_connection_flags: Callable) -> None:
    parser = subparsers.add_parser(
        "events",
        help="print the cluster's events",
        description="Print the swarm's events (services, nodes, networks, secrets, configs) as they "
        "happen, or those between --since and --until. Times as docker's: a duration before now "
        "(10m, 1h30m), a Unix time or an RFC 3339 date.",
    )
    parser.add_argument("--since", default="", help="show the events since this time")
    parser.add_argument("--until", default="", help="stop at this time (else run until interrupted)")
    parser.add_argument("--format", default="", choices=("", "json"), help="json: one JSON object a line")
    add_connection_flags(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    now = datetime.now(UTC)
    try:
        since = parse_time(args.since, now) if args.since else None
        until = parse_time(args.until, now) if args.until else None
    except ValueError as error:
        print(f"crane-desktop events: error: {error}", file=sys.stderr)
        return 1
    try:
        with connected(args) as cluster, contextlib.closing(cluster.stream_client()) as client:
            for event in read_events(client, since, until, CLUSTER_EVENT_TYPES):
                print(json.dumps(event.raw) if args.format == "json" else line(event), flush=True)
    except EngineError as error:
        return fail("events", error)
    except KeyboardInterrupt:
        return 0
    return 0


def line(event: EngineEvent) -> str:
    """docker events' own line: `TIME TYPE ACTION ID (ATTRIBUTES)`."""
    stamp = event.when.astimezone().strftime("%Y-%m-%dT%H:%M:%S.") + f"{event.nanos % 1_000_000_000:09d}"
    stamp += event.when.astimezone().strftime("%z")[:3] + ":" + event.when.astimezone().strftime("%z")[3:]
    attributes = (event.raw.get("Actor") or {}).get("Attributes") or {}
    shown = ", ".join(f"{key}={value}" for key, value in sorted(attributes.items()))
    return f"{stamp} {event.type} {event.action} {event.object_id}" + (f" ({shown})" if shown else "")
