"""Disk usage sums, the cleanup's image matching and dry run, job runs and the form's job modes, on
engine-shaped data (the swarm tests check the same against the real engines)."""

from __future__ import annotations

import yaml

from crane_desktop.engine.cleanup import (
    BUILD_CACHE,
    PINNED,
    ROLLBACK,
    STOPPED,
    UNUSED,
    UNUSED_VOLUME,
    image_matches,
    keep_references,
    parse_reference,
    plan_from_df,
)
from crane_desktop.engine.disk import DiskUsage, as_json, total, usage_from_df
from crane_desktop.engine.jobs import job_run
from crane_desktop.engine.service_form import ServiceForm, from_spec, to_compose, to_spec, validate
from crane_desktop.engine.snapshots import Node, Service, Task

DF = {
    "LayersSize": 1000,
    "Images": [
        {"Id": "sha256:aaa", "RepoTags": ["web:1"], "RepoDigests": [], "Size": 600, "SharedSize": 100,
         "Containers": 1},
        {"Id": "sha256:bbb", "RepoTags": ["web:0"], "RepoDigests": ["web@sha256:d0"], "Size": 300,
         "SharedSize": 100, "Containers": 0},
        {"Id": "sha256:ccc", "RepoTags": [], "RepoDigests": [], "Size": 200, "SharedSize": 0,
         "Containers": 0},
        {"Id": "sha256:ddd", "RepoTags": ["tools:2"], "RepoDigests": [], "Size": 50, "SharedSize": 0,
         "Containers": 0},
    ],
    "Containers": [
        {"Id": "c1", "Names": ["/run1"], "State": "running", "SizeRw": 10, "ImageID": "sha256:aaa"},
        {"Id": "c2", "Names": ["/old"], "State": "exited", "SizeRw": 7, "ImageID": "sha256:ccc"},
    ],
    "Volumes": [
        {"Name": "data", "UsageData": {"RefCount": 1, "Size": 40}},
        {"Name": "junk", "UsageData": {"RefCount": 0, "Size": 30}},
        {"Name": "unmeasured", "UsageData": {"RefCount": 0, "Size": -1}},
    ],
    "BuildCache": [
        {"ID": "b1", "Size": 20, "InUse": False, "Shared": False},
        {"ID": "b2", "Size": 5, "InUse": True, "Shared": False},
        {"ID": "b3", "Size": 9, "InUse": False, "Shared": True},
    ],
}  # fmt: skip
NODE = Node.from_api({"ID": "n1", "Description": {"Hostname": "node-1"}, "Status": {"State": "ready"}})


def test_usage_is_summed_as_docker_system_df_sums_it():
    usage = usage_from_df(DF)
    assert (usage.images, usage.images_active, usage.images_size) == (4, 1, 1000)
    assert usage.images_reclaimable == 1000 - (600 - 100)  # what the used image holds alone stays
    assert (usage.containers, usage.containers_active, usage.containers_size) == (2, 1, 17)
    assert usage.containers_reclaimable == 7
    assert (usage.volumes, usage.volumes_active) == (3, 1)
    assert (usage.volumes_size, usage.volumes_reclaimable) == (70, 30)
    assert (usage.build_cache, usage.build_cache_active) == (3, 1)
    assert (usage.build_cache_size, usage.build_cache_reclaimable) == (25, 20)  # shared cache is not counted


def test_the_total_counts_only_nodes_that_answered_and_json_says_why_one_did_not():
    down = DiskUsage(id="n2", hostname="node-2", error="Cannot reach tcp://x:2376")
    summed = total([usage_from_df(DF), down])
    assert summed.images == 4 and summed.volumes_size == 70
    assert as_json(down) == {"id": "n2", "hostname": "node-2", "error": "Cannot reach tcp://x:2376"}


def test_image_references_match_by_digest_tag_or_id_in_docker_short_form():
    assert parse_reference("docker.io/library/nginx") == ("nginx", "latest", "")
    assert parse_reference("registry:5000/a/b:1@sha256:x") == ("registry:5000/a/b", "1", "sha256:x")
    image = {"Id": "sha256:bbb", "RepoTags": ["web:0"], "RepoDigests": ["web@sha256:d0"]}
    assert image_matches(image, "web:9@sha256:d0")  # the digest a service pinned, the tag moved on
    assert image_matches(image, "docker.io/library/web:0")
    assert image_matches(image, "sha256:bbb")
    assert not image_matches(image, "web:1") and not image_matches(image, "web")


def test_the_dry_run_keeps_current_rollback_and_pinned_images_and_lists_the_rest():
    services = [
        {
            "Spec": {"Name": "shop_web", "TaskTemplate": {"ContainerSpec": {"Image": "web:1"}}},
            "PreviousSpec": {"TaskTemplate": {"ContainerSpec": {"Image": "web:0@sha256:d0"}}},
        }
    ]
    keeps = keep_references(services, ["tools:2", " "])
    plan = plan_from_df(NODE, DF, keeps)
    going = {(item.kind, item.name): item.reason for item in plan.items}
    assert going == {("container", "old"): STOPPED, ("image", "sha256:ccc"[7:19]): "dangling",
                     ("build-cache", ""): BUILD_CACHE}  # fmt: skip
    kept = {image.id: [(k.reason, k.owner) for k in image.keeps] for image in plan.kept}
    assert kept["sha256:bbb"] == [(ROLLBACK, "shop_web")]
    assert kept["sha256:ddd"] == [(PINNED, "tools:2")]
    assert plan.size == 7 + 200 + 20

    without_pin = plan_from_df(NODE, DF, keep_references(services, []), volumes=True)
    reasons = {(item.kind, item.name): item.reason for item in without_pin.items}
    assert reasons[("image", "tools:2")] == UNUSED
    assert reasons[("volume", "junk")] == UNUSED_VOLUME and ("volume", "data") not in reasons


def job_service(iteration: int | None) -> Service:
    index = {"Index": iteration} if iteration else {}
    status = {"LastExecution": "2026-01-02T03:04:05Z", "JobIteration": index}
    mode = {"ReplicatedJob": {"MaxConcurrent": 2, "TotalCompletions": 3}}
    return Service.from_api({"ID": "s1", "Spec": {"Name": "batch", "Mode": mode}, "JobStatus": status})


def job_task(task_id: str, state: str, iteration: int | None) -> Task:
    return Task.from_api({
        "ID": task_id, "ServiceID": "s1", "Slot": 1, "DesiredState": "complete", "Status": {"State": state},
        "JobIteration": {"Index": iteration} if iteration else {},
    })  # fmt: skip


def test_a_job_run_counts_only_the_tasks_of_its_iteration():
    tasks = [job_task("a", "complete", None), job_task("b", "complete", None), job_task("c", "failed", None)]
    first = job_run(job_service(None), tasks)
    assert first is not None
    assert (first.iteration, first.completed, first.failed) == (0, 2, 1)
    assert (first.total, first.max_concurrent) == (3, 2)
    again = [*tasks, job_task("d", "running", 1)]
    second = job_run(job_service(1), again)
    assert second is not None and (second.iteration, second.completed, second.running) == (1, 0, 1)
    plain = Service.from_api({"ID": "s2", "Spec": {"Name": "web", "Mode": {"Replicated": {"Replicas": 1}}}})
    assert job_run(plain, tasks) is None


def test_the_form_deploys_jobs_as_the_engine_takes_them_and_reads_them_back():
    form = ServiceForm(name="batch", image="busybox", mode="replicated-job", replicas="3", max_concurrent="2")
    assert validate(form) == {}
    spec = to_spec(form)
    assert spec["Mode"] == {"ReplicatedJob": {"MaxConcurrent": 2, "TotalCompletions": 3}}
    assert "UpdateConfig" not in spec  # the engine refuses an update config on a job
    deploy = yaml.safe_load(to_compose(form))["services"]["batch"]["deploy"]
    assert (deploy["mode"], deploy["replicas"]) == ("replicated-job", 3) and "update_config" not in deploy
    back = from_spec(spec)
    assert (back.mode, back.replicas, back.max_concurrent) == ("replicated-job", "3", "2")

    global_job = to_spec(ServiceForm(name="sweep", image="busybox", mode="global-job", replicas="x"))
    assert global_job["Mode"] == {"GlobalJob": {}}
    assert from_spec(global_job).mode == "global-job"
    problems = validate(ServiceForm(name="b", image="busybox", mode="replicated-job", replicas="0",
                                    max_concurrent="-1"))  # fmt: skip
    assert set(problems) >= {"replicas", "max_concurrent"}
