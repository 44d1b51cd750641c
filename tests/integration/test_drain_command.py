"""`crane-desktop drain NODE --no-downtime` against the real swarm (it drains node-2: run it on a swarm of
your own, CRANE_SWARM_INSTANCE=N): the plan with --dry-run, a run step by step to the drained node, and
Ctrl-C putting the node back (exit 130)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from tests.integration.test_drain_no_downtime import node2_back_afterwards, pinned_service, running_nodes
from tests.integration.test_stack_command import crane
from tests.swarm import docker, profile_path


def availability(hostname: str) -> str:
    return docker(1, "node", "inspect", "--format", "{{.Spec.Availability}}", hostname)


def test_dry_run_then_drain_without_downtime(cluster, service_names):
    name = pinned_service(service_names, "cdnd", replicas=1)
    with node2_back_afterwards(cluster):
        done = crane("drain", "node-2", "--no-downtime", "--dry-run", "--profile-file", str(profile_path()))
        assert done.returncode == 0, done.stderr
        lines = done.stdout.splitlines()
        assert lines[0] == "Drain node-2 without downtime:"
        assert any(line.startswith(f"  {name}: 1 task(s) -> node-") for line in lines), lines
        assert availability("node-2") == "active"

        done = crane("drain", "node-2", "--no-downtime", "--profile-file", str(profile_path()))
        assert done.returncode == 0, done.stderr
        lines = done.stdout.splitlines()
        steps = [line for line in lines if not line.startswith(" ")][1:]
        assert steps[0] == "node-2 paused: it takes no new tasks."
        assert f"{name}: moved" in steps and steps[-1] == "node-2 drained."
        assert availability("node-2") == "drain" and running_nodes(name) != ["node-2"]


def test_ctrl_c_stops_and_gives_the_node_back(cluster, service_names):
    name = pinned_service(service_names, "cdns", "--update-delay", "3s")
    with node2_back_afterwards(cluster):
        process = subprocess.Popen(
            [sys.executable, "-m", "crane_desktop", "drain", "node-2", "--no-downtime",
             "--profile-file", str(profile_path())],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(os.environ),
        )  # fmt: skip
        try:
            for line in process.stdout:
                if line.strip() == f"{name}: moving (1 of 2 moved)":
                    break
            process.send_signal(signal.SIGINT)
            out, err = process.communicate(timeout=60)
        finally:
            process.kill()
        assert process.returncode == 130, err
        assert "Stopping: putting the current service and the node back…" in err
        assert f"{name}: stopped (1 of 2 moved, the rest stay on node-2)" in out
        assert "node-2 is active (as before)." in out
        assert availability("node-2") == "active"


def test_an_unknown_node_is_named(cluster):
    done = crane("drain", "nosuch", "--no-downtime", "--profile-file", str(profile_path()))
    assert done.returncode == 1
    assert done.stderr.strip() == "crane-desktop drain: error: No node nosuch in the swarm."
