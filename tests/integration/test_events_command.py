"""`crane-desktop events --since 5s --until 0s --format json` against the real swarm: a network created
and removed just before shows as its events, from create to remove, in the engine's own JSON (as
`docker events` prints); a container run on one node shows too (its node's own engine), naming the
node, as the Events page shows it."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
import time

from tests.integration.test_stack_command import crane
from tests.swarm import IMAGE, docker, profile_path, unique, wait_until


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


def test_events_prints_the_containers_events_of_the_nodes_naming_their_node():
    name = unique("evcli")
    docker(2, "run", "--rm", "--name", name, IMAGE, "sh", "-c", "exit 3", check=False)  # not a task
    since = ("--since", "10s", "--until", "0s")
    done = crane("events", "--profile-file", str(profile_path()), *since)
    assert done.returncode == 0, done.stderr
    ours = [line.split(" ")[1:3] for line in done.stdout.splitlines() if f"name={name}," in line]
    assert ours == [["container", action] for action in ("create", "start", "die", "destroy")]
    died = next(line for line in done.stdout.splitlines() if f"name={name}," in line and " die " in line)
    assert "exitCode=3" in died and "node=node-2" in died

    done = crane("events", "--profile-file", str(profile_path()), *since, "--format", "json")
    assert done.returncode == 0, done.stderr
    events = [json.loads(line) for line in done.stdout.splitlines()]
    mine = [e for e in events if e["Actor"]["Attributes"].get("name") == name]
    assert [e["Action"] for e in mine] == ["create", "start", "die", "destroy"]
    assert {e["node"]["Name"] for e in mine} == {"node-2"}


def test_events_prints_a_tasks_failure_as_the_events_page_shows_it(service_names):
    name = unique("evtask")
    service_names.append(name)
    docker(1, "service", "create", "--detach", "--name", name, "--restart-condition", "none", IMAGE, "false")
    wait_until(
        lambda: docker(1, "service", "ps", name, "--format", "{{.CurrentState}}").startswith("Failed"),
        timeout=30,
        what=f"the task of {name} to fail",
    )
    done = crane("events", "--profile-file", str(profile_path()), "--since", "30s", "--until", "0s")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    failed = [line for line in lines if " task failed " in line and f"name={name}.1," in line]
    assert len(failed) == 1
    assert "error=task: non-zero exit (1)" in failed[0] and f"service={name}" in failed[0]
    assert "node=node-" in failed[0]


def test_a_time_docker_would_not_read_is_refused():
    done = crane("events", "--profile-file", str(profile_path()), "--since", "yesterday-ish")
    assert done.returncode == 1
    assert 'failed to parse value as time or duration: "yesterday-ish"' in done.stderr


def test_events_follows_until_ctrl_c_and_exits_130_as_docker():
    since = str(int(time.time()) - 1)  # the engine replays from there: no race with the stream opening
    command = [sys.executable, "-m", "crane_desktop", "events", "--profile-file", str(profile_path())]
    name = unique("evfollow")
    with subprocess.Popen([*command, "--since", since], stdout=subprocess.PIPE, text=True) as follower:
        guard = threading.Timer(20, follower.kill)  # a missing event ends the test, not the suite
        guard.start()
        try:
            docker(1, "network", "create", "--driver", "overlay", name)
            lines = iter(follower.stdout.readline, "")
            line = next((line for line in lines if f"name={name}" in line), "")
            assert " network create " in line
            follower.send_signal(signal.SIGINT)
            assert follower.wait(10) == 130
        finally:
            guard.cancel()
            if follower.poll() is None:  # a failed check must not leave the suite waiting on it
                follower.kill()
            docker(1, "network", "rm", name, check=False)
