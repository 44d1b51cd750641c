"""`crane-desktop capacity [--format table|json] [--usage]`: every node's CPUs and memory, what the tasks
placed on it reserve and may use at most (limits), and what is left for new tasks; for scripts that
check a cluster has room before a deploy, and for operators at a terminal."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from crane_desktop.commands.common import add_format_flag, connected, fail
from crane_desktop.commands.docker_output import tabwrite
from crane_desktop.engine.capacity import (
    NodeCapacity,
    as_json,
    cluster_total,
    fetch_capacities,
    measure_usage,
    with_usage,
)
from crane_desktop.engine.cluster import Cluster
from crane_desktop.engine.errors import EngineError
from crane_desktop.engine.formatting import byte_size, cpu_amount, cpu_load

NAMES = ("capacity",)
TOTAL = "(total)"


def add_parser(subparsers: argparse._SubParsersAction, add_connection_flags: Callable) -> None:
    parser = subparsers.add_parser(
        "capacity",
        help="show each node's CPUs and memory: total, reserved, limits, free",
        description="Show each node's CPUs and memory as the swarm reports them, what the tasks placed "
        "on it reserve (desired state running) and may use at most (limits), and what is left for new "
        "tasks (total minus reserved). The JSON is a list with one object per node (CPUs as numbers, "
        "memory in bytes).",
    )
    add_format_flag(parser)
    parser.add_argument(
        "--usage",
        action="store_true",
        help="also measure what the containers use now, on the nodes whose engine Crane can reach (slower)",
    )
    add_connection_flags(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        with connected(args) as cluster:
            capacities = measured(cluster, usage=args.usage)
    except EngineError as error:
        return fail("capacity", error)
    if args.format == "json":
        sys.stdout.write(json.dumps([as_json(c) for c in capacities], indent=2) + "\n")
    else:
        sys.stdout.write(table(capacities, usage=args.usage))
    return 0


def measured(cluster: Cluster, *, usage: bool) -> list[NodeCapacity]:
    """Every node's capacity, with its live usage where its engine answers if `usage`."""
    capacities, nodes = fetch_capacities(cluster.client)
    if not usage:
        return capacities
    with ThreadPoolExecutor(max_workers=4) as pool:  # node after node would add up the seconds
        usages = list(pool.map(lambda c: measure_usage(cluster, nodes[c.id]), capacities))
    return [with_usage(c, u) for c, u in zip(capacities, usages, strict=True)]


def table(capacities: list[NodeCapacity], *, usage: bool = False) -> str:
    """Aligned columns as docker's lists, with a last row for the whole cluster."""
    headers = ["HOSTNAME", "AVAILABILITY", "CPUS", "CPUS RESERVED", "CPUS LIMITS", "CPUS FREE"]
    headers += ["MEMORY", "MEMORY RESERVED", "MEMORY LIMITS", "MEMORY FREE"]
    if usage:
        headers += ["CPUS USED", "MEMORY USED"]

    def cells(capacity: NodeCapacity, name: str, availability: str) -> list[str]:
        row = [name, availability]
        row += [
            cpu_amount(r.nano_cpus)
            for r in (capacity.total, capacity.reserved, capacity.limits, capacity.free)
        ]
        row += [
            byte_size(r.memory_bytes)
            for r in (capacity.total, capacity.reserved, capacity.limits, capacity.free)
        ]
        if usage:
            used = capacity.usage
            row += [cpu_load(used.cpus), byte_size(used.memory_bytes)] if used else ["-", "-"]
        return row

    lines = [headers, *(cells(c, c.hostname, c.availability) for c in capacities)]
    lines.append(cells(cluster_total(capacities), TOTAL, ""))
    return tabwrite(lines)
