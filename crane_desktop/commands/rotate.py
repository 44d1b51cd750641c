"""`crane-desktop secret rotate NAME --file FILE` and `crane-desktop config rotate NAME --file FILE`.

A new version (`NAME-v2`, `-v3`...) is created from FILE, every service using NAME is moved to it at the
same target and its rollout followed, and NAME is removed only when every service succeeded
(engine/rotate.py). Exit status as `deploy`: 0 done, 4 a rollout rolled back, 5 failed, 1 error (e.g.
refused before anything was created), 130 interrupted. The data is never printed.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path

from crane_desktop.commands.common import connected, fail
from crane_desktop.engine import api
from crane_desktop.engine.errors import EngineError
from crane_desktop.engine.rotate import Progress, RotateRun, plan_rotation, waiting_steps
from crane_desktop.engine.secrets_configs import MAX_BYTES, Kind
from crane_desktop.engine.snapshots import Service, parse_all

NAMES = ("secret", "config")


def add_parser(subparsers: argparse._SubParsersAction, add_connection_flags: Callable) -> None:
    for kind in NAMES:
        parser = subparsers.add_parser(kind, help=f"swarm {kind}s: rotate")
        actions = parser.add_subparsers(dest=f"{kind}_command", required=True)
        rotate = actions.add_parser(
            "rotate",
            help=f"replace a {kind} by a new version in every service that uses it",
            description=f"Create a new version of the {kind} NAME from FILE (named NAME-v2, -v3...), move "
            "every service using it to the new version at the same target, follow each rollout, and "
            f"remove NAME when all succeeded. A failed rollout is rolled back and NAME is kept. Exit "
            "status: 0 done, 4 rolled back, 5 failed, 1 error, 130 interrupted.",
        )
        rotate.add_argument("name", help=f"the {kind} to rotate (name or id)")
        rotate.add_argument("--file", required=True, help="the new data, - for standard input")
        rotate.add_argument("--new-name", default="", help="the new version's name (default: NAME-vN)")
        rotate.add_argument("--timeout", type=float, default=300.0, help="seconds to wait for each rollout")
        add_connection_flags(rotate)
        rotate.set_defaults(run=run, kind=kind)


def _read(path: str) -> bytes:
    """The file's data, reading at most one byte past the engine's limit (the check then refuses it)."""
    if path == "-":
        return sys.stdin.buffer.read(MAX_BYTES + 1)
    with Path(path).open("rb") as file:
        return file.read(MAX_BYTES + 1)


def _progress(progress: Progress) -> None:
    text = f"{progress.name}: {progress.step}"
    if progress.note is not None:
        text += f" ({progress.note})" if progress.step != "updating" else f" {progress.note}"
    print(f"{datetime.now().strftime('%H:%M:%S')} {text}", flush=True)


def run(args: argparse.Namespace) -> int:
    command = f"{args.kind} rotate"
    kind: Kind = args.kind
    try:
        data = _read(args.file)
    except OSError as error:
        return fail(command, OSError(f"cannot read {args.file}: {error.strerror}"))
    try:
        with connected(args) as cluster:
            plan = plan_rotation(cluster.client, kind, args.name, data, args.new_name)
            services = parse_all(Service, api.call(cluster.client, cluster.client.services)).values()
            for step in waiting_steps(services, kind, plan.old_id):
                _progress(step)  # what will move, and how, before anything is created
            rotation = RotateRun(plan, _progress, timeout=args.timeout)
            with ThreadPoolExecutor(1, thread_name_prefix="crane-rotate") as pool:
                running = pool.submit(rotation.run, cluster.client)
                try:
                    outcome = running.result()
                except KeyboardInterrupt:  # cancel: the service being updated goes back to the old one
                    print(f"crane-desktop {command}: interrupted; rolling back", file=sys.stderr)
                    rotation.cancel()
                    outcome = running.result()
    except EngineError as error:
        return fail(command, error)
    if outcome.exit_code == 0:
        users = (
            ", ".join(outcome.updated) + f" on {plan.new_name}" if outcome.updated else "no service used it"
        )
        print(f"{plan.old_name} rotated to {plan.new_name}: {users}; {plan.old_name} removed", flush=True)
        return 0
    states = [f"{name}: on {plan.new_name}" for name in outcome.updated]
    states += [f"{name}: rolled back to {plan.old_name}" for name in outcome.rolled_back]
    states += [f"{name}: unchanged, on {plan.old_name}" for name in outcome.unchanged]
    reason = str(outcome.failure) if outcome.failure is not None else "cancelled"
    print(f"crane-desktop {command}: {reason}; {plan.old_name} kept; " + "; ".join(states), file=sys.stderr)
    return outcome.exit_code
