"""Why pending on the real swarm: an impossible constraint, a reservation larger than any node and a
host-mode port collision each give the sentence that names what fails; `crane-desktop why` prints it."""

from __future__ import annotations

import random
import re

from crane_desktop.engine.snapshots import Task, parse_all
from crane_desktop.engine.why_pending import Kind, fetch_explanation
from tests.integration.test_stack_command import crane
from tests.swarm import IMAGE, docker, profile_path, unique, wait_until


def has_pending_with_error(cluster, name: str) -> bool:
    """The scheduler tried and gave up at least once (the pending task carries its Status.Err)."""
    tasks = parse_all(Task, cluster.client.tasks(filters={"service": name})).values()
    return any(t.state == "pending" and t.error for t in tasks)


def test_stuck_services_get_their_sentences(cluster, service_names):
    constrained, greedy, ported = unique("crane-why-c"), unique("crane-why-m"), unique("crane-why-p")
    service_names.extend([constrained, greedy, ported])
    common = ("--detach", "--quiet", "--stop-grace-period", "0s")
    docker(1, "service", "create", *common, "--name", constrained,
           "--constraint", "node.labels.crane-test-nonexistent==yes", IMAGE, "sleep", "3600")  # fmt: skip
    docker(1, "service", "create", *common, "--name", greedy, "--reserve-memory", "1T",
           IMAGE, "sleep", "3600")  # fmt: skip
    port = str(random.randint(21000, 29000))
    docker(1, "service", "create", *common, "--name", ported, "--replicas", "2",
           "--constraint", "node.hostname==node-2", "--publish", f"mode=host,published={port},target=80",
           IMAGE, "sleep", "3600")  # fmt: skip
    for name in (constrained, greedy, ported):
        wait_until(lambda name=name: has_pending_with_error(cluster, name), 30, f"{name} to be pending")

    _, _, explained = fetch_explanation(cluster.client, constrained)
    (item,) = explained
    assert item.reason.kind is Kind.CONSTRAINT
    assert item.reason.text == "No node satisfies the constraint node.labels.crane-test-nonexistent==yes."
    assert "scheduling constraints not satisfied" in item.reason.message

    _, _, explained = fetch_explanation(cluster.client, greedy)
    (item,) = explained
    assert item.reason.kind is Kind.MEMORY
    assert re.fullmatch(
        r"Not enough memory: it needs 1\.0 TiB; node-\d, the closest node, has [\d.]+ GiB free\.",
        item.reason.text,
    ), item.reason.text
    assert "insufficient resources" in item.reason.message

    _, _, explained = fetch_explanation(cluster.client, ported)
    (item,) = explained  # one task runs on node-2 and holds the port
    assert item.reason.kind is Kind.HOST_PORT
    assert item.reason.text == f"Host port {port}/tcp is already in use on every node it may run on (node-2)."
    assert "host-mode port already in use" in item.reason.message

    result = crane("why", greedy, "--profile-file", str(profile_path()))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"{greedy}: 1 task pending"
    assert lines[1].startswith("  slot 1: Not enough memory: it needs 1.0 TiB; node-")
