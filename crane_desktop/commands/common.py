"""What every headless command shares: connecting to the cluster the flags name, and reporting a failure
on standard error. Imports no Qt."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator

from crane_desktop.connection import resolve_args
from crane_desktop.engine.cluster import Cluster
from crane_desktop.engine.errors import EngineError, translate
from crane_desktop.engine.snapshots import Node, parse_all


def connect(args: argparse.Namespace) -> Cluster:
    """The cluster the connection flags (or DOCKER_* variables, the docker context in use, else the local
    engine, as the docker CLI) name, connected; EngineError if not."""
    profile = resolve_args(args).profile
    cluster = Cluster(profile, timeout=15.0)
    cluster.connect()
    try:  # the swarm's other managers, to move to if this one goes away (one -H names just one)
        cluster.learn_managers(parse_all(Node, cluster.client.nodes()).values())
    except Exception as exc:
        cluster.close()
        raise translate(exc, cluster.endpoint) from exc
    return cluster


@contextlib.contextmanager
def connected(args: argparse.Namespace) -> Iterator[Cluster]:
    """`connect(args)`, closed when the block ends (EngineError if it cannot connect)."""
    cluster = connect(args)
    try:
        yield cluster
    finally:
        cluster.close()


def fail(command: str, error: Exception) -> int:
    """One line saying why (the engine's own text after it), never the profile's key material."""
    message = error.message if isinstance(error, EngineError) else str(error)
    raw = getattr(error, "raw", "")
    print(f"crane-desktop {command}: error: {message}" + (f" ({raw})" if raw else ""), file=sys.stderr)
    hint = getattr(error, "hint", "")
    if hint:
        print(f"crane-desktop {command}: {hint}", file=sys.stderr)
    return 1


FORMATS = ("table", "json")


def add_format_flag(parser: argparse.ArgumentParser) -> None:
    """`--format table|json`, as the list commands take it (table by default)."""
    parser.add_argument("--format", default="table", choices=FORMATS, help="output format (default table)")
