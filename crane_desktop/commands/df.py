"""`crane-desktop df [--format table|json]`: every node's disk usage as its own engine reports it
(images, containers, volumes, build cache: counts, sizes, reclaimable), for scripts and cron jobs that
watch the nodes' disks fill up."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

from crane_desktop.commands.common import add_format_flag, connected, fail
from crane_desktop.commands.docker_output import tabwrite
from crane_desktop.engine.disk import DiskUsage, as_json, cluster_usage, total
from crane_desktop.engine.errors import EngineError
from crane_desktop.engine.formatting import byte_size

NAMES = ("df",)
TOTAL = "(total)"


def add_parser(subparsers: argparse._SubParsersAction, add_connection_flags: Callable) -> None:
    parser = subparsers.add_parser(
        "df",
        help="show each node's disk usage: images, containers, volumes, build cache",
        description="Show each node's disk usage as its own engine reports it (docker system df on every "
        "node): counts, sizes and what a cleanup could reclaim. Nodes whose engine Crane cannot reach are "
        "listed with the reason. The JSON is a list with one object per node (sizes in bytes).",
    )
    add_format_flag(parser)
    add_connection_flags(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        with connected(args) as cluster:
            usages = cluster_usage(cluster)
    except EngineError as error:
        return fail("df", error)
    if args.format == "json":
        sys.stdout.write(json.dumps([as_json(u) for u in usages], indent=2) + "\n")
    else:
        sys.stdout.write(table(usages))
    return 0


def table(usages: list[DiskUsage]) -> str:
    """Aligned columns as docker's lists, with a last row for the nodes that answered."""
    headers = ["HOSTNAME", "IMAGES", "IMAGES SIZE", "CONTAINERS", "CONTAINERS SIZE", "VOLUMES"]
    headers += ["VOLUMES SIZE", "BUILD CACHE", "RECLAIMABLE"]

    def cells(usage: DiskUsage, name: str) -> list[str]:
        if not usage.reachable:
            return [name, f"unreachable: {usage.error}"]
        return [
            name,
            str(usage.images),
            byte_size(usage.images_size),
            str(usage.containers),
            byte_size(usage.containers_size),
            str(usage.volumes),
            byte_size(usage.volumes_size),
            byte_size(usage.build_cache_size),
            byte_size(usage.total_reclaimable),
        ]

    lines = [headers, *(cells(u, u.hostname) for u in usages), cells(total(usages), TOTAL)]
    return tabwrite(lines)
