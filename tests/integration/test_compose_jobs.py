"""Swarm jobs in compose files against the real swarm: `deploy.mode: replicated-job` and `global-job`
deployed with `crane-desktop stack deploy` give the specs `docker stack deploy` gives (docker 28's
convertDeployMode: the replicas are the completions and the max concurrent).

Not in the parity suite: the engine (20.10 here) leaves a job's containers behind when its service is
removed, so the suite's "the app's containers are gone" wait would never end; this test removes them.
For the same reason the export's round trip of this parity file is here too (the others:
tests/integration/test_compose_export.py)."""

from __future__ import annotations

import os
import shutil

from tests.compose_parity import differences, normalise, snapshot
from tests.integration.test_compose_export import export_to
from tests.integration.test_compose_parity import CASES, deploy_docker, deploy_ours
from tests.swarm import IMAGE, docker, docker_stack_rm, remove_leftover_containers, unique, wait_until


def completed(name: str) -> bool:
    """Every task of the app ran to completion (2 of batch, one of sweep on each of the 4 nodes)."""
    states = docker(1, "stack", "ps", name, "--format", "{{.CurrentState}}").splitlines()
    return len(states) == 6 and all(state.startswith("Complete") for state in states)


def remove_app_and_its_job_containers(name: str) -> None:
    """Once its jobs are done (a container the agent creates after the removal would stay for good),
    the app and what its jobs left."""
    wait_until(lambda: completed(name), 30, f"the jobs of {name} to complete")
    docker(1, "stack", "rm", name, check=False)
    remove_leftover_containers(f"com.docker.stack.namespace={name}")


def test_job_modes_deploy_as_docker_stack_deploy_does(cluster, tmp_path):
    folder = tmp_path / "jobs"
    shutil.copytree(CASES / "jobs", folder)
    ours, theirs = unique("pojob"), unique("pcjob")
    env = dict(os.environ) | {"IMAGE": IMAGE}
    try:
        deploy_ours(folder, ["docker-compose.yml"], env, ours)
        deploy_docker(folder, ["docker-compose.yml"], env, theirs)
        mine, docker_s = snapshot(cluster, ours), snapshot(cluster, theirs)
        assert mine["services"]["STACK_batch"]["Mode"] == {
            "ReplicatedJob": {"MaxConcurrent": 2, "TotalCompletions": 2}
        }
        assert mine["services"]["STACK_sweep"]["Mode"] == {"GlobalJob": {}}
        assert differences(mine, docker_s) == []
    finally:
        for name in (ours, theirs):
            remove_app_and_its_job_containers(name)


def test_an_exported_job_app_deploys_to_the_same_specs(cluster, tmp_path):
    """The jobs parity file deployed by docker, exported, and the export deployed by docker under
    another name once the original is gone: the same specs, field by field (the job modes with their
    completions)."""
    original, copy = unique("xojob"), unique("xcjob")
    env = dict(os.environ) | {"IMAGE": IMAGE}
    try:
        deploy_docker(CASES / "jobs", ["docker-compose.yml"], env, original)
        path = export_to(cluster, original, tmp_path / "export")
        before = snapshot(cluster, original)
        remove_app_and_its_job_containers(original)
        docker_stack_rm(original)  # its network too (once its containers are gone): the copy pins its subnet
        deploy_docker(path.parent, [path.name], dict(os.environ), copy)
        after = normalise(snapshot(cluster, copy), original, {})
        assert before["services"]["STACK_batch"]["Mode"] == {
            "ReplicatedJob": {"MaxConcurrent": 2, "TotalCompletions": 2}
        }
        assert differences(before, after) == [], path.read_text()
    finally:
        for name in (original, copy):
            remove_app_and_its_job_containers(name)
