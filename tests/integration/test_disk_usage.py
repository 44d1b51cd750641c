"""Disk usage and cleanup against the real swarm: `crane-desktop df --format json` says what each node's
own `docker system df` says, and a cleanup's dry run keeps a service's rollback image while it lists an
unused image (and a cleanup removes exactly what its plan lists)."""

from __future__ import annotations

import json

from crane_desktop.engine.cleanup import (
    PINNED,
    ROLLBACK,
    UNUSED,
    Keep,
    NodePlan,
    apply_plan,
    plan_cleanup,
)
from crane_desktop.engine.snapshots import Node, parse_all
from tests.integration.test_stack_command import crane
from tests.swarm import IMAGE, docker, profile_path, remove_leftover_containers, unique, wait_until

TYPES = {
    "Images": "images",
    "Containers": "containers",
    "Local Volumes": "volumes",
    "Build Cache": "build_cache",
}
UNITS = ("B", "kB", "MB", "GB", "TB")


def human_size(size: float) -> str:
    """go-units HumanSize, as docker system df prints sizes: 4 significant digits, powers of 1000."""
    unit = 0
    while size >= 1000 and unit < len(UNITS) - 1:
        size /= 1000
        unit += 1
    return f"{size:.4g}{UNITS[unit]}"


def docker_df(node: int) -> dict[str, dict[str, str]]:
    """The docker CLI's own `system df` of node-N, by our field prefix."""
    lines = docker(node, "system", "df", "--format", "{{json .}}").splitlines()
    return {TYPES[row["Type"]]: row for row in map(json.loads, lines)}


def shown(row: dict, prefix: str) -> dict[str, str]:
    """Our figures for one type, printed as docker prints them."""
    return {
        "TotalCount": str(row[prefix]),
        "Active": str(row[f"{prefix}_active"]),
        "Size": human_size(row[f"{prefix}_size"]),
        "Reclaimable": human_size(row[f"{prefix}_reclaimable"]),
    }


def printed(row: dict[str, str]) -> dict[str, str]:
    return {key: row[key].split(" (", 1)[0] for key in ("TotalCount", "Active", "Size", "Reclaimable")}


def test_df_json_equals_each_nodes_own_docker_system_df():
    # something to count besides the test image: a volume with data that a stopped container uses
    volume, container = unique("crane-df-vol"), unique("crane-df-ctr")
    docker(2, "volume", "create", volume)
    try:
        # created, never started: the engine fills the volume with the image's /etc at creation
        docker(2, "create", "--name", container, "-v", f"{volume}:/etc", IMAGE, "true")
        node_2 = compare_with_docker_system_df()[1]
        assert node_2["containers"] >= 1 and node_2["volumes"] >= 1 and node_2["volumes_size"] > 0
    finally:
        docker(2, "rm", "--force", container, check=False)
        docker(2, "volume", "rm", volume, check=False)


def compare_with_docker_system_df() -> list[dict]:
    """The rows of `crane-desktop df --format json`, once they agree with every node's docker system df."""
    agreed: list[dict] = []

    def readings_agree() -> bool:
        before = {n: docker_df(n) for n in range(1, 5)}
        done = crane("df", "--profile-file", str(profile_path()), "--format", "json")
        assert done.returncode == 0, done.stderr
        after = {n: docker_df(n) for n in range(1, 5)}
        if before != after:  # the swarm changed meanwhile (other tests): read again
            return False
        rows = json.loads(done.stdout)
        assert [row["hostname"] for row in rows] == [f"node-{n}" for n in range(1, 5)]
        for number, row in enumerate(rows, start=1):
            assert {"images", "images_size", "containers", "volumes"} <= set(row)
            for prefix in TYPES.values():
                assert shown(row, prefix) == printed(after[number][prefix]), (row["hostname"], prefix)
        agreed[:] = rows
        return True

    wait_until(readings_agree, 60, "a reading of every node that no other change disturbed")
    return agreed


def own_image(node: int, tag: str) -> str:
    """A new image on node-N (a commit of the test image: an id of its own) tagged `tag`."""
    container = unique("crane-cleanup-src")
    docker(node, "create", "--name", container, IMAGE, "true")
    try:
        docker(node, "commit", "--change", f"LABEL crane.test={tag}", container, tag)
    finally:
        docker(node, "rm", container)
    return docker(node, "image", "inspect", "--format", "{{.Id}}", tag)


def test_cleanup_dry_run_keeps_the_rollback_image_and_lists_an_unused_one(cluster):
    prefix = unique("crane-cleanup")
    repository = f"127.0.0.1:5000/{prefix}"
    a, b, c = (f"{repository}:{tag}" for tag in ("a", "b", "c"))
    image_ids = {tag: own_image(2, tag) for tag in (a, b, c)}
    service = f"{prefix}-svc"
    try:
        docker(1, "service", "create", "--detach", "--name", service, "--constraint", "node.hostname==node-2",
               "--no-resolve-image", a, "sleep", "600")  # fmt: skip
        docker(1, "service", "update", "--detach", "--no-resolve-image", "--image", b, service)
        wait_until(
            lambda: b in docker(2, "ps", "--format", "{{.Image}}").split(),
            60,
            "the updated task running on node-2",
        )
        nodes = parse_all(Node, cluster.client.nodes())
        node_2 = next(n for n in nodes.values() if n.hostname == "node-2")
        [plan] = plan_cleanup(cluster, [node_2], pins=[])
        assert not plan.error
        kept = {image.id: image for image in plan.kept}
        assert image_ids[a] in kept, "the rollback target must be kept"
        assert any(k.reason == ROLLBACK and k.owner == service for k in kept[image_ids[a]].keeps)
        going = {item.id: item for item in plan.items if item.kind == "image"}
        assert image_ids[a] not in going and image_ids[b] not in going
        assert going[image_ids[c]].reason == UNUSED and c in going[image_ids[c]].name

        only_ours = NodePlan(plan.node_id, plan.hostname, (going[image_ids[c]],))
        pinned_meanwhile = apply_plan(cluster, node_2, only_ours, [Keep(c, PINNED, c)])
        assert not pinned_meanwhile.removed and not pinned_meanwhile.failed
        assert [(item.id, keep.reason) for item, keep in pinned_meanwhile.kept] == [(image_ids[c], PINNED)]
        assert image_ids[c] in docker(2, "image", "ls", "-q", "--no-trunc", repository)
        result = apply_plan(cluster, node_2, only_ours)
        assert [item.id for item in result.removed] == [image_ids[c]] and not result.failed
        assert docker(2, "image", "ls", "-q", "--no-trunc", repository).split().count(image_ids[c]) == 0
        assert image_ids[a] in docker(2, "image", "ls", "-q", "--no-trunc", repository)
    finally:
        docker(1, "service", "rm", service, check=False)
        remove_leftover_containers(f"com.docker.swarm.service.name={service}")
        docker(2, "image", "rm", "--force", a, b, c, check=False)
