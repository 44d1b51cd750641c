"""`crane-desktop stack deploy [--dry-run] -c FILE [-c FILE...] NAME`, `crane-desktop stack export NAME`
and `crane-desktop stack rm NAME`: apps from
scripts and CI (`stack ls / services / ps` are in stack_lists.py), with the same connection flags as the
GUI (and DOCKER_HOST...). `-c` is the compose file here, as in `docker stack deploy` (several are merged
in order); the docker context is then given with `--context`.

Exit status: 0 done, 1 error (an invalid compose file is reported with its line and key; nothing is
sent to the engine then).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TextIO

from crane_desktop.commands import stack_lists
from crane_desktop.commands.common import connect, connected, fail
from crane_desktop.connection import go_bool_flag
from crane_desktop.engine import compose, compose_export, deploy_checks, stacks
from crane_desktop.engine.errors import EngineError, NotFound
from crane_desktop.engine.spec_diff import Restart, change_text, restart_effect

NAMES = ("stack",)
RESOLVE_IMAGE = ("always", "changed", "never")  # docker's values for --resolve-image, its default first


def add_parser(subparsers: argparse._SubParsersAction, add_connection_flags: Callable) -> None:
    parser = subparsers.add_parser(
        "stack",
        help="apps (stacks): deploy (up), config, ls, services, ps, rm (down), as docker stack; export",
    )
    actions = parser.add_subparsers(dest="stack_command", required=True)

    deploy = actions.add_parser(
        "deploy",
        aliases=["up"],
        conflict_handler="resolve",
        help="deploy or update an app from a compose file (as docker stack deploy)",
        description="Create or update the app NAME from a compose v3 file, as `docker stack deploy` does.",
    )
    add_connection_flags(deploy)
    deploy.add_argument(
        "-c",
        "--compose-file",
        required=True,
        action="append",
        help="the compose file, - for standard input (several: merged in order, as docker stack deploy does)",
    )
    deploy.add_argument("--prune", action="store_true", help="remove the app's services not in the file")
    deploy.add_argument(
        "--resolve-image",
        default=RESOLVE_IMAGE[0],
        metavar="{always,changed,never}",
        help="accepted as docker stack deploy accepts it (default: always); we never query a registry "
        "and pin no digest, whatever the value: every value deploys as docker's `never` does (and as "
        "`always` and `changed` do when the registry cannot be reached)",
    )
    deploy.add_argument(
        "--with-registry-auth",
        action="store_true",
        help="send the login of each image's registry (the profile's registries with their passwords "
        "in the OS keyring, else docker's own login) to the swarm so that the nodes can pull it; as with "
        "docker, without it no login is sent",
    )
    deploy.add_argument(
        "--dry-run",
        action="store_true",
        help="print what the deploy would create, update (with each change) and remove; send nothing",
    )
    go_bool_flag(
        deploy,
        "--detach",
        "-d",
        default=True,
        help="exit once the deploy is sent (default true, as docker); --detach=false is refused: we do not "
        "follow the services' convergence",
    )
    deploy.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="suppress progress output (as docker: only with --detach=false)",
    )
    deploy.add_argument("name", help="the app (stack) name")
    deploy.set_defaults(run=run_deploy)

    config = actions.add_parser(
        "config",
        help="print the merged, interpolated compose files (as docker stack config; no engine needed)",
        description="Output the final config file, after doing merges and interpolations, as "
        "`docker stack config` does.",
    )
    config.add_argument(
        "-c",
        "--compose-file",
        required=True,
        action="append",
        help="a compose file, - for standard input (several: merged in order)",
    )
    config.add_argument(
        "--skip-interpolation", action="store_true", help="skip interpolation and output only merged config"
    )
    config.set_defaults(run=run_config)

    export = actions.add_parser(
        "export",
        help="print a running app as a compose file (secrets and configs referenced as external)",
        description="Print the app NAME as it runs (its live service, network, secret and config specs) "
        "as a compose 3.x file that `docker stack deploy` turns into the same specs.",
    )
    add_connection_flags(export)
    export.add_argument("name", help="the app (stack) name")
    export.set_defaults(run=run_export)

    remove = actions.add_parser(
        "rm", aliases=["remove", "down"], help="remove apps: their services, networks, secrets and configs"
    )
    add_connection_flags(remove)
    go_bool_flag(
        remove, "--detach", "-d", default=True, help="do not wait for the removal (default true, as docker)"
    )
    remove.add_argument(
        "names", nargs="+", metavar="name", help="the apps (stacks) to remove, as docker stack rm"
    )
    remove.set_defaults(run=run_remove)
    stack_lists.add_parsers(actions, add_connection_flags)


def run_deploy(args: argparse.Namespace) -> int:
    if not args.detach:
        return fail(
            "stack deploy",
            ValueError(
                "--detach=false (wait for the services to converge) is not supported; "
                "follow a rollout with crane-desktop deploy, or watch the app in the window"
            ),
        )
    try:
        checked = deploy_checks.check_files(
            deploy_checks.ComposeSource(files=tuple(Path(p) for p in args.compose_file)), args.name
        )
    except EngineError as error:
        return fail("stack deploy", error)
    if args.resolve_image not in RESOLVE_IMAGE:  # checked after the files, as docker checks it
        return fail(
            "stack deploy", ValueError(f"Invalid option {args.resolve_image} for flag --resolve-image")
        )
    print_warnings(checked.plan)
    try:
        cluster = connect(args)
    except EngineError as error:
        return fail("stack deploy", error)
    try:
        if args.dry_run:
            result: stacks.DeployResult | stacks.DeployReview = stacks.review_deploy(
                cluster.client, checked.plan, prune=args.prune, places=checked.places
            )
        else:
            result = stacks.deploy(
                cluster.client,
                checked.plan,
                prune=args.prune,
                places=checked.places,
                auth=cluster.credentials().header_for if args.with_registry_auth else None,
            )
    except EngineError as error:
        return fail("stack deploy", error)
    finally:
        cluster.close()
    if isinstance(result, stacks.DeployReview):
        print_review(result)
        return 0
    for name in result.networks:
        print(f"Creating network {name}")
    for name in result.created:
        print(f"Creating service {name}")
    for name in result.updated:
        print(f"Updating service {name}")
    for name in result.removed:
        print(f"Removing service {name}")
    return 0


MARKS = {
    Restart.ALL: "restarts the tasks",
    Restart.MISPLACED: "restarts the tasks on nodes that no longer fit the placement",
    Restart.NONE: "no restart",
}


def print_review(review: stacks.DeployReview) -> None:
    """The dry run: what would be created, then each service's outcome with its changes and marks."""
    print("Dry run: nothing was sent to the engine.")
    for kind, names in (("network", review.networks), ("secret", review.secrets), ("config", review.configs)):
        for name in names:
            print(f"Would create {kind} {name}")
    for service in review.services:
        if service.outcome != "updated":
            print(f"Service {service.name}: {service.outcome}")
            continue
        effect = restart_effect(service.changes)
        print(
            f"Service {service.name}: updated, "
            + ("no task restarts" if effect is Restart.NONE else MARKS[effect])
        )
        for change in service.changes:
            print(f"    {change_text(change)}  ({MARKS[change.restart]})")


def print_warnings(plan: compose.StackPlan, stream: TextIO | None = None) -> None:
    """What docker accepts with a warning, in the words and form of the docker CLI: its log lines,
    then the options stack deploy ignores, each named once ("Ignoring unsupported options: build")."""
    stream = stream or sys.stderr
    ignored: dict[str, dict[str, str]] = {compose.IGNORED_UNSUPPORTED: {}, compose.IGNORED_DEPRECATED: {}}
    print_logged(plan.warnings, stream)
    for warning in plan.warnings:
        if warning.ignored:
            ignored[warning.ignored][warning.option] = warning.reason
    if ignored[compose.IGNORED_UNSUPPORTED]:
        print(
            f"Ignoring unsupported options: {', '.join(sorted(ignored[compose.IGNORED_UNSUPPORTED]))}\n",
            file=stream,
        )
    deprecated = ignored[compose.IGNORED_DEPRECATED]
    if deprecated:
        lines = "\n\n".join(f"{option}: {deprecated[option]}" for option in sorted(deprecated))
        print(f"Ignoring deprecated options:\n\n{lines}\n", file=stream)


def print_logged(warnings: list[compose.ComposeWarning], stream: TextIO) -> None:
    """The warnings docker's loader logs (not unset variables: docker 28 says nothing of them)."""
    for warning in compose.logged_warnings(warnings):
        print(log_line(warning.reason, stream), file=stream)


def run_config(args: argparse.Namespace) -> int:
    try:
        text, warnings = compose.stack_config_output(
            args.compose_file, substitute=not args.skip_interpolation
        )
    except EngineError as error:
        return fail("stack config", error)
    print_logged(warnings, sys.stderr)  # as docker stack config, before the file
    sys.stdout.write(text)
    return 0


def log_line(message: str, stream: TextIO) -> str:
    """A warning as the docker CLI's logger (logrus) writes it: `WARN[0000] ...` on a terminal,
    `time="..." level=warning msg="..."` otherwise (scripts, CI)."""
    if stream.isatty():
        return f"WARN[0000] {message}"
    now = datetime.now().astimezone()
    stamp = now.strftime("%Y-%m-%dT%H:%M:%S") + (now.strftime("%z") if now.utcoffset() else "Z")
    if len(stamp) > 20 and stamp[-5] in "+-":  # Go's RFC3339 offset: +02:00
        stamp = f"{stamp[:-2]}:{stamp[-2:]}"
    return f'time="{stamp}" level=warning msg={json.dumps(message, ensure_ascii=False)}'


def run_export(args: argparse.Namespace) -> int:
    try:
        with connected(args) as cluster:
            result = compose_export.export_app(cluster.client, args.name)
    except EngineError as error:
        return fail("stack export", error)
    sys.stdout.write(result.text)
    return 0


def run_remove(args: argparse.Namespace) -> int:
    """Each app in turn, as docker stack rm: one that does not exist is said and is no failure; an
    error is said and the others are still removed (exit 1)."""
    try:
        cluster = connect(args)
    except EngineError as error:
        return fail("stack rm", error)
    status = 0
    try:
        for name in args.names:
            try:
                result = stacks.remove(cluster.client, name)
            except NotFound:
                print(f"Nothing found in stack: {name}", file=sys.stderr)
                continue
            except EngineError as error:
                status = fail("stack rm", error)
                continue
            for kind, names in (
                ("service", result.services),
                ("secret", result.secrets),
                ("config", result.configs),
                ("network", result.networks),
            ):
                for object_name in names:
                    print(f"Removing {kind} {object_name}")
    finally:
        cluster.close()
    return status
