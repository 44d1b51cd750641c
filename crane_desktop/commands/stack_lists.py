"""`crane-desktop stack ls`, `stack services STACK` and `stack ps STACK`: what docker's commands of the
same names print (tables, `--format json` one object a line, `-q`), from scripts and CI.

Exit status as docker: `ps` of an app without tasks fails ("nothing found in stack: X"); `services`
of an app without services says "Nothing found in stack: X" on standard error and exits 0.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from crane_desktop.commands import stack_rows
from crane_desktop.commands.common import connect, fail
from crane_desktop.commands.docker_output import FormatError, render
from crane_desktop.engine import api, stacks
from crane_desktop.engine.errors import EngineError

FORMAT_HELP = "'table' (default), 'table TEMPLATE', 'json' (one object a line) or a TEMPLATE of {{.Field}}"


def add_parsers(actions: argparse._SubParsersAction, add_connection_flags: Callable) -> None:
    """The list sub-commands of `stack`, with docker's options."""

    def add(name: str, help: str, run: Callable, *, stack: bool = True, quiet: str = "", **kw: Any) -> Any:
        parser = actions.add_parser(name, help=help, **kw)
        if stack:
            parser.add_argument("name", metavar="STACK", help="the app (stack) name")
        parser.add_argument("--format", default="", help=FORMAT_HELP)
        if quiet:
            parser.add_argument("-q", "--quiet", action="store_true", help=quiet)
        if stack:
            parser.add_argument(
                "-f", "--filter", action="append", default=[], type=filter_pair, metavar="FILTER",
                help="filter output (name=value), as docker; the engine checks the name",
            )  # fmt: skip
        add_connection_flags(parser)
        parser.set_defaults(run=run)
        return parser

    add("ls", "list apps (stacks), as docker stack ls", run_ls, stack=False, aliases=["list"])
    add(
        "services", "list an app's services, as docker stack services", run_services, quiet="only display IDs"
    )
    ps = add("ps", "list an app's tasks, as docker stack ps", run_ps, quiet="only display task IDs")
    ps.add_argument("--no-trunc", action="store_true", help="do not truncate output")
    ps.add_argument("--no-resolve", action="store_true", help="do not map IDs to names")


def filter_pair(text: str) -> tuple[str, str]:
    """docker's FilterOpt: `name=value`, the name lower-cased, both trimmed."""
    name, equals, value = text.partition("=")
    if not equals:
        raise argparse.ArgumentTypeError(
            f'invalid argument "{text}": bad format of filter (expected name=value)'
        )
    return name.strip().lower(), value.strip()


def filters_of(args: argparse.Namespace) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for name, value in args.filter:
        found.setdefault(name, []).append(value)
    return found


def _print(command: str, fmt: str, headers: dict[str, str], rows: list[dict[str, str]]) -> int:
    try:
        text = render(fmt, headers, rows)
    except FormatError as error:
        return fail(command, error)
    sys.stdout.write(text)
    return 0


def run_ls(args: argparse.Namespace) -> int:
    try:
        cluster = connect(args)
        try:
            counts = stacks.list_stacks(cluster.client)
        finally:
            cluster.close()
    except EngineError as error:
        return fail("stack ls", error)
    fmt = stack_rows.list_format(args.format, stack_rows.LS_TABLE, quiet=False)
    return _print("stack ls", fmt, stack_rows.LS_HEADERS, stack_rows.stack_rows(counts))


def run_services(args: argparse.Namespace) -> int:
    try:
        cluster = connect(args)
        try:
            services = stacks.stack_services_with_status(cluster.client, args.name, filters_of(args))
        finally:
            cluster.close()
    except EngineError as error:
        return fail("stack services", error)
    if not services:
        print(f"Nothing found in stack: {args.name}", file=sys.stderr)
        return 0
    fmt = stack_rows.list_format(args.format, stack_rows.SERVICES_TABLE, args.quiet)
    return _print("stack services", fmt, stack_rows.SERVICES_HEADERS, stack_rows.service_rows(services))


def run_ps(args: argparse.Namespace) -> int:
    try:
        cluster = connect(args)
        try:
            client = cluster.client
            tasks = stacks.stack_tasks(client, args.name, filters_of(args))
            services: dict[str, str] = {}
            nodes: dict[str, str] = {}
            if tasks and not args.no_resolve:
                services = {s["ID"]: s["Spec"]["Name"] for s in stacks.stack_services(client, args.name)}
                nodes = stack_rows.node_names(api.call(client, client.nodes))
        finally:
            cluster.close()
    except EngineError as error:
        return fail("stack ps", error)
    if not tasks:
        return fail("stack ps", EngineError("nothing found in stack: {name}", name=args.name))
    fmt = stack_rows.list_format(args.format, stack_rows.TASKS_TABLE, args.quiet)
    rows = stack_rows.task_rows(
        tasks,
        services,
        nodes,
        now=datetime.now(UTC),
        trunc=not args.no_trunc,
        table=fmt.startswith("table"),
    )
    return _print("stack ps", fmt, stack_rows.TASKS_HEADERS, rows)
