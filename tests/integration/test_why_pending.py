"""Why pending on the real swarm: an impossible constraint, a reservation larger than any node and a
host-mode port collision each give the sentence that names what fails; `crane-desktop why` prints it."""

from __future__ import annotations

import random
import re

from crane_desktop.engine import stacks
from crane_desktop.engine.snapshots import Task, parse_all
from crane_desktop.engine.why_pending import Kind, fetch_explanation
from tests.integration.test_stack_command import crane
from tests.swarm import IMAGE, docker, profile_path, unique, wait_until


def has_pending_with_error(cluster, name: str) -> bool:
    """The scheduler tried and gave up at least once (the pending task carries its Status.Err)."""
    tasks = parse_all(Task, cluster.client.tasks(filters={"service": name})).values()
    return any(t.state == "pending" and t.error for t in tasks)


def explained(cluster, name: str, kind: Kind):
    """The one pending reason of service `name`, of `kind`."""
    (item,) = fetch_explanation(cluster.client, name)[2]
    assert item.reason.kind is kind, item.reason
    return item.reason


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

    reason = explained(cluster, constrained, Kind.CONSTRAINT)
    assert reason.text == "No node satisfies the constraint node.labels.crane-test-nonexistent==yes."
    assert "scheduling constraints not satisfied" in reason.message

    reason = explained(cluster, greedy, Kind.MEMORY)
    memory = r"Not enough memory: it needs 1\.0 TiB; node-\d, the closest node, has [\d.]+ GiB free\."
    assert re.fullmatch(memory, reason.text), reason.text
    assert "insufficient resources" in reason.message

    reason = explained(cluster, ported, Kind.HOST_PORT)  # one task runs on node-2 and holds the port
    assert reason.text == f"Host port {port}/tcp is already in use on every node it may run on (node-2)."
    assert "host-mode port already in use" in reason.message

    result = crane("why", greedy, "--profile-file", str(profile_path()))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"{greedy}: 1 task pending"
    assert lines[1].startswith("  slot 1: Not enough memory: it needs 1.0 TiB; node-")


def test_per_node_constraints_a_platform_and_max_replicas_get_their_sentences(cluster, service_names):
    split, platform, spread = unique("crane-why-n"), unique("crane-why-a"), unique("crane-why-r")
    service_names.extend([split, platform, spread])
    common = ("--detach", "--quiet", "--stop-grace-period", "0s")
    # every manager fails the role, the one worker fails the hostname: each node fails one constraint
    docker(1, "service", "create", *common, "--name", split, "--constraint", "node.role==worker",
           "--constraint", "node.hostname!=node-4", IMAGE, "sleep", "3600")  # fmt: skip
    # one more task than there are nodes, at most one per node
    docker(1, "service", "create", *common, "--name", spread, "--replicas", "5",
           "--replicas-max-per-node", "1", IMAGE, "sleep", "3600")  # fmt: skip
    # the platforms docker would read from the image's manifest list: none the nodes run
    stacks.create_service(cluster.client, {
        "Name": platform,
        "TaskTemplate": {
            "ContainerSpec": {"Image": IMAGE, "Command": ["sleep", "3600"], "StopGracePeriod": 0},
            "Placement": {"Platforms": [{"OS": "linux", "Architecture": "arm64"},
                                        {"OS": "linux", "Architecture": "s390x"}]},
        },
        "Mode": {"Replicated": {"Replicas": 1}},
    })  # fmt: skip
    for name in (split, platform, spread):
        wait_until(lambda name=name: has_pending_with_error(cluster, name), 30, f"{name} to be pending")

    reason = explained(cluster, split, Kind.CONSTRAINTS)
    assert reason.text == (
        "No node satisfies all the constraints; each fails one: node-1: node.role==worker; "
        "node-2: node.role==worker; node-3: node.role==worker; node-4: node.hostname!=node-4."
    )

    reason = explained(cluster, platform, Kind.PLATFORM)
    platforms = (
        r"No node has a platform the image supports \(linux/arm64, linux/s390x\); the nodes run linux/\w+\."
    )
    assert re.fullmatch(platforms, reason.text), reason.text
    assert "unsupported platform" in reason.message

    reason = explained(cluster, spread, Kind.MAX_REPLICAS)
    assert reason.text == (
        "At most 1 task(s) per node, and every node it may run on has that many "
        "(node-1, node-2, node-3, node-4)."
    )
    assert "max replicas per node" in reason.message

    result = crane("why", spread, "--profile-file", str(profile_path()))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1].startswith("  slot ")
    assert "At most 1 task(s) per node" in result.stdout
