"""`crane-desktop events [--since 10m] [--until 0s] [--format json]`: what the Events page shows, as
docker events prints it (one line each, or the engine's JSON with `--format json`), until interrupted
or until `--until`: the cluster's events, the tasks' state changes (type `task`, as the engine would
send them: tasks have no events) and the containers' events of every node whose own engine the profile
reaches (tasks and containers name their node: `node=HOSTNAME` in the line, a `node` object in the JSON).
With `--until` the events come in time order. Ctrl-C ends it with 130, as docker's (killed by SIGINT,
the shell says 130)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, tzinfo

from crane_desktop.commands.common import connected, fail
from crane_desktop.engine.all_events import AllEvents, StreamFailed
from crane_desktop.engine.errors import EngineError
from crane_desktop.engine.events import EngineEvent, parse_time

NAMES = ("events",)
INTERRUPTED = 130  # 128 + SIGINT, what a shell reports for `docker events` ended by Ctrl-C


def add_parser(subparsers: argparse._SubParsersAction, add_connection_flags: Callable) -> None:
    parser = subparsers.add_parser(
        "events",
        help="print the cluster's events, its tasks' state changes and its nodes' container events",
        description="Print the swarm's events (services, nodes, networks, secrets, configs), the tasks' "
        "state changes (running, failed with the error, rejected, shutdown, complete) and the containers' "
        "events of every node whose engine the profile reaches (each naming its node) as they happen, or "
        "those between --since and --until (in time order). Times as docker's: a duration before now "
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
        with connected(args) as cluster:
            events = AllEvents(cluster, since, until)
            shown = print_in_order if until is not None else print_as_they_come
            shown(events, lambda event: text(event, events.hostnames, args.format == "json"))
    except EngineError as error:
        return fail("events", error)
    except KeyboardInterrupt:
        return INTERRUPTED
    return 0


def print_as_they_come(events: AllEvents, written: Callable[[EngineEvent], str]) -> None:
    for item in events:
        if isinstance(item, StreamFailed):
            skipped(item)
        else:
            print(written(item), flush=True)


def print_in_order(events: AllEvents, written: Callable[[EngineEvent], str]) -> None:
    """A bounded span (--until): every stream read to its end, then printed by the engines' times."""
    found: list[EngineEvent] = []
    for item in events:
        if isinstance(item, StreamFailed):
            skipped(item)
        else:
            found.append(item)
    for event in sorted(found, key=lambda event: event.nanos):
        print(written(event))


def skipped(failed: StreamFailed) -> None:
    """A node's stream that failed is said and the others go on; the manager's ends the command."""
    if not failed.node:
        raise failed.error
    print(
        f"crane-desktop events: warning: no container events of {failed.node}: {failed.error.message}",
        file=sys.stderr,
        flush=True,
    )


def text(event: EngineEvent, hostnames: Mapping[str, str], as_json: bool) -> str:
    """The event as docker events writes it (a container's or a task's with its node), or as its JSON."""
    node = hostnames.get(event.node_id, event.node_id) if event.type in ("container", "task") else ""
    if as_json:
        raw = {**event.raw, "node": {"ID": event.node_id, "Name": node}} if node else event.raw
        return json.dumps(raw)
    return line(event, node=node)


def line(event: EngineEvent, zone: tzinfo | None = None, node: str = "") -> str:
    """docker events' own line: `TIME TYPE ACTION ID (ATTRIBUTES)`, the time as Go's RFC3339Nano in the
    local zone (or `zone`; `Z` for UTC, as Go writes it); `node`: the node whose engine told it, among
    the attributes."""
    local = event.when.astimezone(zone)
    offset = local.strftime("%z")
    suffix = "Z" if offset in ("+0000", "-0000") else f"{offset[:3]}:{offset[3:]}"
    stamp = f"{local:%Y-%m-%dT%H:%M:%S}.{event.nanos % 1_000_000_000:09d}{suffix}"
    attributes = dict((event.raw.get("Actor") or {}).get("Attributes") or {})
    if node:
        attributes["node"] = node
    shown = ", ".join(f"{key}={value}" for key, value in sorted(attributes.items()))
    return f"{stamp} {event.type} {event.action} {event.object_id}" + (f" ({shown})" if shown else "")
