"""`crane-desktop events [--since 10m] [--until 0s] [--format json]`: the cluster's events, as docker
events prints them (one line each, or the engine's JSON with `--format json`), until interrupted or
until `--until`. Ctrl-C ends it with 130, as docker's (killed by SIGINT, the shell says 130)."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Callable
from datetime import UTC, datetime, tzinfo

from crane_desktop.commands.common import connected, fail
from crane_desktop.engine.errors import EngineError
from crane_desktop.engine.events import CLUSTER_EVENT_TYPES, EngineEvent, parse_time, read_events

NAMES = ("events",)
INTERRUPTED = 130  # 128 + SIGINT, what a shell reports for `docker events` ended by Ctrl-C


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
        return INTERRUPTED
    return 0


def line(event: EngineEvent, zone: tzinfo | None = None) -> str:
    """docker events' own line: `TIME TYPE ACTION ID (ATTRIBUTES)`, the time as Go's RFC3339Nano in the
    local zone (or `zone`; `Z` for UTC, as Go writes it)."""
    local = event.when.astimezone(zone)
    offset = local.strftime("%z")
    suffix = "Z" if offset in ("+0000", "-0000") else f"{offset[:3]}:{offset[3:]}"
    stamp = f"{local:%Y-%m-%dT%H:%M:%S}.{event.nanos % 1_000_000_000:09d}{suffix}"
    attributes = (event.raw.get("Actor") or {}).get("Attributes") or {}
    shown = ", ".join(f"{key}={value}" for key, value in sorted(attributes.items()))
    return f"{stamp} {event.type} {event.action} {event.object_id}" + (f" ({shown})" if shown else "")
