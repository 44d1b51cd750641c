"""`crane-desktop drain NODE [--no-downtime] [--dry-run]`: drain a node from a terminal or a maintenance
script. Plain, it sets the node's availability to drain (as `docker node update --availability drain`);
with --no-downtime it prints the plan, starts the node's replicated tasks on other nodes first and
drains the node once they run (engine/drain.py), one line per step; Ctrl-C stops it and puts back what
is safe to put back. Exit 0 when drained, 1 when refused or failed, 130 when stopped."""

from __future__ import annotations

import argparse
import sys
import threading
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from crane_desktop.commands.common import connected, fail
from crane_desktop.engine import nodes as node_ops
from crane_desktop.engine.drain import (
    DrainPlan,
    DrainRun,
    Outcome,
    Progress,
    Step,
    exclusion,
    fetch_view,
    plan_drain,
)
from crane_desktop.engine.errors import EngineError, NotFound
from crane_desktop.engine.i18n import QT_TRANSLATE_NOOP
from crane_desktop.engine.snapshots import Node

if TYPE_CHECKING:
    import docker

NAMES = ("drain",)
STOPPED = 130


def add_parser(subparsers: argparse._SubParsersAction, add_connection_flags: Callable) -> None:
    parser = subparsers.add_parser(
        "drain",
        help="drain a node (--no-downtime: move its tasks first)",
        description="Drain a swarm node. With --no-downtime, the node is paused, each replicated service "
        "with tasks on it gets its replacements started elsewhere (start-first) before its tasks there "
        "stop, and the node is drained last; refused when the other nodes cannot take the tasks. Ctrl-C "
        "stops it and gives the node its availability back. Exit 0 when drained, 1 when refused or "
        "failed, 130 when stopped.",
    )
    parser.add_argument("node", help="the node's hostname or id")
    parser.add_argument("--no-downtime", action="store_true", help="start the node's tasks elsewhere first")
    parser.add_argument("--dry-run", action="store_true", help="with --no-downtime: print the plan only")
    add_connection_flags(parser)
    parser.set_defaults(run=run)


def find_node(nodes: Mapping[str, Node], name: str) -> Node:
    """The node whose hostname, id or unique id prefix is `name`."""
    for node in nodes.values():
        if node.hostname == name or node.id == name:
            return node
    matches = [n for n in nodes.values() if n.id.startswith(name)]
    if len(matches) == 1:
        return matches[0]
    raise NotFound(QT_TRANSLATE_NOOP("engine", "No node {node} in the swarm."), node=name)


def plan_lines(plan: DrainPlan) -> list[str]:
    lines = [f"Drain {plan.hostname} without downtime:"]
    if plan.problem is not None:
        lines.append(f"  {plan.problem.text}")
    if not plan.services:
        lines.append("  no task of a service runs there.")
    for service in plan.services:
        if service.refusal is not None:
            lines.append(f"  {service.name}: cannot move: {service.refusal.text}")
        elif service.stays is not None:
            lines.append(f"  {service.name}: {service.stays.text}")
        else:
            lines.append(f"  {service.name}: {service.tasks} task(s) -> {', '.join(service.destinations)}")
    return lines


def progress_line(plan: DrainPlan, names: Mapping[str, str], progress: Progress) -> str:
    node = plan.hostname
    name = names.get(progress.service_id) or progress.name or progress.service_id[:12]
    return {
        Step.PAUSED: f"{node} paused: it takes no new tasks.",
        Step.DRAINED: f"{node} drained.",
        Step.RESTORED: f"{node} has its availability from before again ({plan.availability}).",
        Step.MOVING: f"{name}: moving ({progress.moved} of {progress.total} moved)",
        Step.MOVED: f"{name}: moved",
        Step.FAILED: f"{name}: failed ({progress.moved} of {progress.total} moved)"
        + (f": {progress.note.text}" if progress.note else ""),
        Step.CANCELLED: f"{name}: stopped ({progress.moved} of {progress.total} moved, "
        f"the rest stay on {node})",
    }[progress.step]


def outcome_lines(plan: DrainPlan, outcome: Outcome) -> list[str]:
    lines = []
    if outcome.failure is not None:
        lines.append(f"Failed: {outcome.failure.text}")
    if not outcome.drained:
        lines.append(f"{plan.hostname} is {outcome.availability} (as before).")
        if outcome.moved:
            lines.append(f"Moved to other nodes: {', '.join(outcome.moved)}.")
        lines.extend(
            f"{name}: {moved} of {total} tasks moved, the others still run on {plan.hostname}."
            for name, moved, total in outcome.partly
        )
    if outcome.leftover:
        lines.append(
            f"The temporary constraint {exclusion(plan.node_id)} could not be removed from: "
            f"{', '.join(outcome.leftover)}. Remove it yourself."
        )
    return lines


def run(args: argparse.Namespace) -> int:
    try:
        with connected(args) as cluster:
            view = fetch_view(cluster.client)
            node = find_node(view.nodes, args.node)
            if not args.no_downtime:
                node_ops.set_availability(cluster.client, node.id, "drain")
                print(f"{node.hostname} drained.")
                return 0
            plan = plan_drain(view, node.id)
            for line in plan_lines(plan):
                print(line)
            if args.dry_run:
                return 1 if plan.refused else 0
            return _run(cluster.client, plan)
    except EngineError as error:
        return fail("drain", error)


def _run(client: docker.APIClient, plan: DrainPlan) -> int:
    """The run on a worker thread, so that Ctrl-C here only asks it to stop (it puts things back)."""
    names = {s.service_id: s.name for s in plan.services}
    drain_run = DrainRun(plan, lambda p: print(progress_line(plan, names, p), flush=True))
    result: list[Outcome | BaseException] = []
    finished = threading.Event()  # not Thread.join: an interrupted join can leave is_alive() wrong

    def work() -> None:
        try:
            result.append(drain_run.run(client))
        except BaseException as error:  # handed to the main thread
            result.append(error)
        finally:
            finished.set()

    threading.Thread(target=work, name="crane-drain", daemon=True).start()
    while not finished.is_set():
        try:
            finished.wait(0.2)
        except KeyboardInterrupt:
            print("Stopping: putting the current service and the node back…", file=sys.stderr, flush=True)
            drain_run.cancel()
    (found,) = result
    if isinstance(found, BaseException):
        raise found
    for line in outcome_lines(plan, found):
        print(line)
    if found.drained:
        return 0
    return STOPPED if found.cancelled else 1
