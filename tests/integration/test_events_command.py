"""`crane-desktop events --since 5s --until 0s --format json` against the real swarm: a network created
and removed just before shows as its events, from create to remove, in the engine's own JSON (as
`docker events` prints)."""

from __future__ import annotations

import json

from tests.integration.test_stack_command import crane
from tests.swarm import docker, profile_path, unique


def test_events_prints_a_network_created_and_removed():
    name = unique("evnet")
    network_id = docker(1, "network", "create", "--driver", "overlay", name).strip()
    docker(1, "network", "rm", name)
    done = crane(
        "events", "--profile-file", str(profile_path()), "--since", "5s", "--until", "0s", "--format", "json"
    )
    assert done.returncode == 0, done.stderr
    events = [json.loads(line) for line in done.stdout.splitlines()]
    ours = [(e["Type"], e["Action"]) for e in events if e["Actor"]["ID"] == network_id]
    assert ours[0] == ("network", "create") and ours[-1] == ("network", "remove")  # swarm's words


def test_a_time_docker_would_not_read_is_refused():
    done = crane("events", "--profile-file", str(profile_path()), "--since", "yesterday-ish")
    assert done.returncode == 1
    assert 'failed to parse value as time or duration: "yesterday-ish"' in done.stderr
