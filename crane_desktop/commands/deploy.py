"""`crane-desktop deploy SERVICE --image IMAGE`: continuous deployment from a CI pipeline.

Updates only the service's image, follows the rolling update and exits 0 when it completes; non-zero,
with the reason, when it fails, pauses, rolls back or times out. Connection as the docker CLI (flags or
DOCKER_HOST / DOCKER_TLS_VERIFY / DOCKER_CERT_PATH); nothing secret is printed.
"""

from __future__ import annotations

import argparse
import sys
import threading
from collections.abc import Callable
from datetime import datetime

import docker

from crane_desktop.commands.common import connect, fail
from crane_desktop.engine.cluster import Cluster
from crane_desktop.engine.deploy import Reconnect, deploy
from crane_desktop.engine.entrypoints import find_service
from crane_desktop.engine.errors import EngineError

NAMES = ("deploy",)


def add_parser(subparsers: argparse._SubParsersAction, add_connection_flags: Callable) -> None:
    parser = subparsers.add_parser(
        "deploy",
        help="update a service's image and wait for the rollout (for CI pipelines)",
        description="Update the image of a swarm service, keeping everything else, and follow the rolling "
        "update. Exit status: 0 completed, 3 paused, 4 rolled back, 5 failed, 6 timed out, 1 error.",
    )
    parser.add_argument("service", help="service name (or id)")
    parser.add_argument("--image", required=True, help="the new image, e.g. registry:5000/shop/web:1.4")
    parser.add_argument("--stack", default="", help="the app (stack) the service belongs to")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds to wait for the rollout")
    parser.add_argument("--detach", action="store_true", help="start the update and exit at once")
    add_connection_flags(parser)
    parser.set_defaults(run=run)


def _progress(line: str) -> None:
    print(f"{datetime.now().strftime('%H:%M:%S')} {line}", flush=True)


def _reconnect(cluster: Cluster) -> Reconnect:
    """Move to another manager of the swarm when the one in use is lost (for `follow`)."""

    def reconnect(error: EngineError, seconds_left: float) -> docker.APIClient | None:
        _progress(f"lost {cluster.endpoint} ({error.message}); trying the other managers")
        stop = threading.Event()
        timer = threading.Timer(max(0.0, seconds_left), stop.set)
        timer.start()
        try:
            report = cluster.failover(stop)
        finally:
            timer.cancel()
        if report is None:
            return None
        _progress(f"connected to {cluster.endpoint}")
        return cluster.client

    return reconnect


def run(args: argparse.Namespace) -> int:
    try:
        cluster = connect(args)
    except EngineError as error:
        return fail("deploy", error)
    try:
        service = find_service(cluster.client, args.service, args.stack)
        _progress(f"connected to {cluster.endpoint}")
        result = deploy(
            cluster.client,
            service.id,
            args.image,
            timeout=args.timeout,
            detach=args.detach,
            progress=_progress,
            reconnect=_reconnect(cluster),
            auth=cluster.credentials().header_for,
        )
    except EngineError as error:
        return fail("deploy", error)
    except KeyboardInterrupt:
        print("crane-desktop deploy: interrupted; the update goes on in the swarm", file=sys.stderr)
        return 130
    finally:
        cluster.close()
    if result.exit_code == 0:
        _progress(f"{result.outcome}: {result.message}")
    else:
        print(f"crane-desktop deploy: {result.outcome}: {result.message}", file=sys.stderr)
    return result.exit_code
