"""`crane-desktop deploy` keeps following a rollout when the manager it follows it through dies: it
moves to another manager (learnt from the swarm: the CI runner named only one with -H), waits out the
leader election, and still exits 0 once the rollout completes."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

from tests.swarm import IMAGE, docker, swarm_script, unique, wait_until


def test_deploy_follows_the_rollout_through_a_manager_loss(service_names, profile):
    name = unique("crane-cd-failover")
    service_names.append(name)
    tag = f"127.0.0.1:5000/crane/busybox:{unique('fo')}"
    for node in range(2, 5):
        docker(node, "tag", IMAGE, tag)
    # Tasks off node-1 (it is stopped below); one task at a time with a pause between: a rollout that
    # is still going when the manager dies.
    docker(
        2, "service", "create", "-d", "--name", name, "--replicas", "2", "--stop-grace-period", "0s",
        "--constraint", "node.hostname!=node-1", "--update-parallelism", "1", "--update-delay", "15s",
        "--update-monitor", "1s", IMAGE, "sleep", "3600",
    )  # fmt: skip
    certs = os.path.dirname(profile.tls.cert)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "crane_desktop",
            "deploy",
            name,
            "--image",
            tag,
            "--timeout",
            "150",
            "-H",
            profile.managers[0],
            "--tlsverify",
            "--tlscacert",
            f"{certs}/ca.pem",
            "--tlscert",
            f"{certs}/cert.pem",
            "--tlskey",
            f"{certs}/key.pem",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=dict(os.environ),
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(process.stdout), daemon=True)
    reader.start()
    try:
        wait_until(lambda: any("updating:" in line for line in lines), 60, "the rollout to start")
        swarm_script("node-stop", "1")
        process.wait(timeout=200)
        reader.join(10)
        output = "".join(lines)
        assert process.returncode == 0, output
        assert f"lost {profile.managers[0]}" in output
        assert any(f"connected to {endpoint}" in output for endpoint in profile.managers[1:])
        assert f"completed: {name} runs {tag}" in output
        assert (
            docker(2, "service", "inspect", "--format", "{{.Spec.TaskTemplate.ContainerSpec.Image}}", name)
            == tag
        )
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
        process.stdout.close()
        swarm_script("node-start", "1")
        wait_until(
            lambda: docker(2, "node", "inspect", "--format", "{{.Status.State}}", "node-1") == "ready",
            120,
            "node-1 ready again",
        )
        docker(2, "service", "rm", name, check=False)
        for node in range(2, 5):
            docker(node, "rmi", tag, check=False)
