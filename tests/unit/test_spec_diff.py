"""Spec differences and their restart marks (swarmkit's IsTaskDirty rule), on specs recorded off the real
engine (tests/fixtures/engine/services.json and the recorded cluster), and a compose plan reviewed against
the app as it runs."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from crane_desktop.engine import compose
from crane_desktop.engine.spec_diff import (
    Change,
    Restart,
    change_text,
    diff_specs,
    restart_effect,
)
from crane_desktop.engine.stacks import redeploy_spec, review_plan

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "engine"


def recorded_spec(name: str, where: Path = FIXTURES / "services.json") -> dict:
    for service in json.loads(where.read_text()):
        if service["Spec"]["Name"] == name:
            return service["Spec"]
    raise KeyError(name)


def edited(spec: dict, edit) -> dict:
    new = copy.deepcopy(spec)
    edit(new)
    return new


def test_the_same_spec_has_no_changes():
    spec = recorded_spec("fixture-web")
    assert diff_specs(spec, copy.deepcopy(spec)) == []


def test_an_env_change_restarts_every_task():
    before = recorded_spec("fixture-web")
    after = edited(before, lambda s: s["TaskTemplate"]["ContainerSpec"].update(Env=["A=2"]))
    changes = diff_specs(before, after)
    assert changes == [Change("TaskTemplate.ContainerSpec.Env", ["A=1"], ["A=2"], Restart.ALL)]
    assert change_text(changes[0]) == "TaskTemplate.ContainerSpec.Env: A=1 -> A=2"
    assert restart_effect(changes) is Restart.ALL


def test_a_replicas_change_restarts_nothing():
    before = recorded_spec("fixture-web")
    after = edited(before, lambda s: s["Mode"]["Replicated"].update(Replicas=5))
    assert diff_specs(before, after) == [Change("Mode.Replicated.Replicas", 2, 5, Restart.NONE)]


def test_policy_and_service_label_changes_restart_nothing():
    before = recorded_spec("fixture-web")

    def edit(spec: dict) -> None:
        spec["UpdateConfig"] = {"Parallelism": 2, "FailureAction": "rollback"}
        spec["RollbackConfig"] = {"Parallelism": 1}
        spec["Labels"]["team"] = "ops"

    changes = diff_specs(before, edited(before, edit))
    assert [c.path for c in changes] == [  # an absent object's fields one by one
        "Labels.team",
        "RollbackConfig.Parallelism",
        "UpdateConfig.FailureAction",
        "UpdateConfig.Parallelism",
    ]
    assert {c.restart for c in changes} == {Restart.NONE}
    assert restart_effect(changes) is Restart.NONE


def test_a_restart_policy_or_port_change_restarts_every_task():
    before = recorded_spec("fixture-web")
    policy = diff_specs(
        before, edited(before, lambda s: s["TaskTemplate"].update(RestartPolicy={"Condition": "none"}))
    )
    assert [(c.path, c.restart) for c in policy] == [("TaskTemplate.RestartPolicy.Condition", Restart.ALL)]
    port = diff_specs(
        before, edited(before, lambda s: s["EndpointSpec"]["Ports"][0].update(PublishedPort=8081))
    )
    assert port == [Change("EndpointSpec.Ports[0].PublishedPort", 8080, 8081, Restart.ALL)]


def test_a_placement_change_alone_replaces_only_misplaced_tasks():
    before = recorded_spec("fixture-web")
    moved = edited(before, lambda s: s["TaskTemplate"]["Placement"].update(Constraints=["node.role==worker"]))
    changes = diff_specs(before, moved)
    assert [(c.path, c.restart) for c in changes] == [
        ("TaskTemplate.Placement.Constraints", Restart.MISPLACED)
    ]
    assert restart_effect(changes) is Restart.MISPLACED
    # with another task template change, every task is replaced
    also_env = edited(moved, lambda s: s["TaskTemplate"]["ContainerSpec"].update(Env=[]))
    assert restart_effect(diff_specs(before, also_env)) is Restart.ALL


def test_engine_defaults_and_empty_values_are_not_changes():
    """A spec sent without what the engine fills in (Isolation, Runtime, vip, empties) reads the same."""
    stored = recorded_spec("fixture-web")

    def strip(spec: dict) -> None:
        container = spec["TaskTemplate"]["ContainerSpec"]
        del container["Isolation"], container["DNSConfig"]
        del spec["TaskTemplate"]["Runtime"], spec["TaskTemplate"]["Resources"], spec["EndpointSpec"]["Mode"]

    assert diff_specs(stored, edited(stored, strip)) == []


def test_a_rollback_is_the_difference_to_the_previous_spec():
    current = recorded_spec("fixture-web")
    previous = edited(current, lambda s: s["TaskTemplate"]["ContainerSpec"].update(Image="busybox:1.36"))
    changes = diff_specs(current, previous)  # what `rollback` would apply
    assert [(c.path, c.new, c.restart) for c in changes] == [
        ("TaskTemplate.ContainerSpec.Image", "busybox:1.36", Restart.ALL)
    ]


def test_a_redeploy_keeps_force_update():
    current = edited(recorded_spec("fixture-web"), lambda s: s["TaskTemplate"].update(ForceUpdate=3))
    planned = edited(current, lambda s: s["TaskTemplate"].pop("ForceUpdate"))
    assert redeploy_spec(current, planned)["TaskTemplate"]["ForceUpdate"] == 3


def test_a_plan_review_per_service():
    """The recorded app `shop` (made with the CLI) against a compose file: web's env changes, a new
    service is created, worker and agent would be pruned."""
    cluster = FIXTURES / "cluster" / "services.json"
    current = {name: recorded_spec(name, cluster) for name in ("shop_web", "shop_agent", "shop_worker")}
    web = current["shop_web"]
    env = [e for e in web["TaskTemplate"]["ContainerSpec"]["Env"] if not e.startswith("MODE=")]
    plan = compose.StackPlan(
        name="shop",
        services={
            "shop_web": edited(
                web, lambda s: s["TaskTemplate"]["ContainerSpec"].update(Env=[*env, "MODE=dev"])
            ),
            "shop_agent": copy.deepcopy(current["shop_agent"]),
            "shop_cache": {"Name": "shop_cache", "TaskTemplate": {"ContainerSpec": {"Image": "redis"}}},
        },
    )
    reviews = {r.name: r for r in review_plan(plan, current, {})}
    assert {name: r.outcome for name, r in reviews.items()} == {
        "shop_agent": "unchanged",
        "shop_cache": "created",
        "shop_web": "updated",
        "shop_worker": "removed",
    }
    (change,) = reviews["shop_web"].changes
    assert change.path == "TaskTemplate.ContainerSpec.Env" and change.restart is Restart.ALL
    assert "MODE=dev" in change.new and "MODE=prod" in change.old


def test_no_task_count_is_one_task():
    """The engine gives a replicated service without a count one task (a compose file without replicas)."""
    before = recorded_spec("fixture-web")
    no_count = edited(before, lambda s: s.update(Mode={"Replicated": {}}))
    assert diff_specs(before, no_count) == [Change("Mode.Replicated.Replicas", 2, 1, Restart.NONE)]
    one = edited(before, lambda s: s.update(Mode={"Replicated": {"Replicas": 1}}))
    assert diff_specs(one, edited(before, lambda s: s.pop("Mode"))) == []
    zero = edited(before, lambda s: s.update(Mode={"Replicated": {"Replicas": 0}}))
    assert diff_specs(one, zero) == [Change("Mode.Replicated.Replicas", 1, 0, Restart.NONE)]


def test_changed_durations_memory_and_cpus_read_as_the_form_writes_them():
    """The text the dry run prints and the GUI's review shows: not the engine's nanoseconds and bytes."""
    before = recorded_spec("fixture-web")

    def edit(spec: dict) -> None:
        spec["UpdateConfig"] = {"Delay": 5_000_000_000}
        spec["TaskTemplate"]["ContainerSpec"]["StopGracePeriod"] = 90_000_000_000
        spec["TaskTemplate"]["Resources"] = {"Limits": {"MemoryBytes": 64 * 1024**2, "NanoCPUs": 500_000_000}}

    texts = [change_text(change) for change in diff_specs(before, edited(before, edit))]
    assert "UpdateConfig.Delay: - -> 5s" in texts
    assert "TaskTemplate.Resources.Limits.MemoryBytes: - -> 64M" in texts
    assert "TaskTemplate.Resources.Limits.NanoCPUs: - -> 0.5" in texts
    assert any(text.startswith("TaskTemplate.ContainerSpec.StopGracePeriod: ") and text.endswith(" -> 1m30s")
               for text in texts)  # fmt: skip


def test_a_review_names_the_networks_the_tasks_move_between():
    """The engine keeps a task's networks by id: the review says which network by its name (one it
    does not know yet, to be created by the deploy, by the name the file gives)."""
    cluster = FIXTURES / "cluster" / "services.json"
    web = recorded_spec("shop_web", cluster)
    (attachment,) = web["TaskTemplate"]["Networks"]
    moved = edited(web, lambda s: s["TaskTemplate"].update(Networks=[{"Target": "shop_default"}]))
    plan = compose.StackPlan(name="shop", services={"shop_web": moved})
    (review,) = review_plan(plan, {"shop_web": web}, {"shop_backend": attachment["Target"]})
    texts = [change_text(change) for change in review.changes]
    assert "TaskTemplate.Networks[0].Target: shop_backend -> shop_default" in texts
