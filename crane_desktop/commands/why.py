"""`crane-desktop why SERVICE`: why the service's tasks are pending (or why it does not converge), one
plain sentence per reason, for operators at a terminal or in a CI log. Exit 0 whatever the answer."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping

from crane_desktop.commands.common import connected, fail
from crane_desktop.engine.errors import EngineError
from crane_desktop.engine.snapshots import Node, Service
from crane_desktop.engine.why_pending import Pending, fetch_explanation, task_label

NAMES = ("why",)


def add_parser(subparsers: argparse._SubParsersAction, add_connection_flags: Callable) -> None:
    parser = subparsers.add_parser(
        "why",
        help="say why a service's tasks are pending",
        description="Say in plain words why the tasks of a swarm service are pending (the constraint no "
        "node satisfies, the closest node and the memory it lacks, the host port taken...), or why the "
        "service does not converge. Exits 0 whatever the answer.",
    )
    parser.add_argument("service", help="service name (or id)")
    parser.add_argument("--stack", default="", help="the app (stack) the service belongs to")
    add_connection_flags(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        with connected(args) as cluster:
            service, view, explained = fetch_explanation(cluster.client, args.service, args.stack)
    except EngineError as error:
        return fail("why", error)
    for line in report_lines(service, explained, view.nodes):
        print(line)
    return 0


def report_lines(service: Service, explained: list[Pending], nodes: Mapping[str, Node]) -> list[str]:
    """One line per distinct sentence, naming the tasks it is about ("slot 1, slot 3: ...")."""
    if not explained:
        return [f"All tasks of {service.name} are running or on their way."]
    groups: dict[str, list[str]] = {}
    for item in explained:
        labels = groups.setdefault(item.reason.text, [])
        label = task_label(item.task, nodes)
        if label:
            labels.append(label)
    lines = [f"{service.name}: {_count(explained)}"]
    for sentence, labels in groups.items():
        lines.append(f"  {', '.join(labels)}: {sentence}" if labels else f"  {sentence}")
    engine_words = {r.message for r in (item.reason for item in explained) if r.message not in r.text}
    lines.extend(f"  (the engine says: {words})" for words in sorted(engine_words))
    return lines


def _count(explained: list[Pending]) -> str:
    tasks = sum(1 for item in explained if item.task is not None)
    if not tasks:
        return "not converging"
    return "1 task pending" if tasks == 1 else f"{tasks} tasks pending"
