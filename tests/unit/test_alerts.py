"""Alert rules on recorded snapshots and synthetic diffs, with an injected clock: an alert starts once
its condition has held for the rule's duration, starts once however many diffs follow, and clears
when the condition goes away."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from crane_desktop.engine.alerts import (
    CERTIFICATE,
    NODE_DOWN,
    NOT_CONVERGED,
    QUORUM,
    ROLLOUT,
    TASK_FAILURES,
    AlertEvaluator,
    Rule,
    Snapshot,
    check_rule,
    default_rules,
    rules_from_json,
    rules_to_json,
)
from crane_desktop.engine.diff import Diff, apply
from crane_desktop.engine.health import swarm_root_expiry
from crane_desktop.engine.preflight import certificate_expiries
from crane_desktop.engine.profiles import TLSConfig
from crane_desktop.engine.snapshots import Node, Service, Task, parse_all

RECORDED = Path(__file__).resolve().parents[1] / "fixtures" / "engine" / "cluster"


def recorded(kind, cls):
    return parse_all(cls, json.loads((RECORDED / f"{kind}.json").read_text()))


class Cluster:
    """The recorded cluster's snapshots, changed by diffs as the store changes them."""

    def __init__(self):
        self.nodes = recorded("nodes", Node)
        self.services = recorded("services", Service)
        self.tasks = recorded("tasks", Task)
        # the recording's time: the newest task update, so its failures are recent
        self.now = max(task.updated_at for task in self.tasks.values())

    def snapshot(self):
        return Snapshot(self.nodes, self.services, self.tasks)

    def node(self, hostname):
        return next(node for node in self.nodes.values() if node.hostname == hostname)

    def service(self, name):
        return next(service for service in self.services.values() if service.name == name)


def only(kind, **values):
    return [Rule(kind, True, values)]


def test_a_node_down_alerts_once_after_its_minute_and_clears_when_back():
    cluster = Cluster()
    evaluator = AlertEvaluator(only(NODE_DOWN, minutes=1))
    assert evaluator.evaluate(cluster.snapshot(), cluster.now).started == ()
    node = cluster.node("node-4")
    apply(cluster.nodes, Diff(changed={node.id: replace(node, state="down", version=node.version + 1)}))
    assert evaluator.evaluate(cluster.snapshot(), cluster.now).started == ()  # not for a minute yet
    later = cluster.now + timedelta(seconds=61)
    outcome = evaluator.evaluate(cluster.snapshot(), later)
    assert [(a.rule, a.object_name, str(a.message)) for a in outcome.started] == [
        (NODE_DOWN, "node-4", "node-4 is down.")
    ]
    assert evaluator.evaluate(cluster.snapshot(), later + timedelta(minutes=5)).started == ()  # no duplicate
    apply(cluster.nodes, Diff(changed={node.id: node}))
    outcome = evaluator.evaluate(cluster.snapshot(), later + timedelta(minutes=6))
    assert [(a.object_name, a.cleared) for a in outcome.cleared] == [("node-4", later + timedelta(minutes=6))]


def test_a_flap_shorter_than_the_duration_raises_nothing():
    cluster = Cluster()
    evaluator = AlertEvaluator(only(NODE_DOWN, minutes=1))
    node = cluster.node("node-2")
    apply(cluster.nodes, Diff(changed={node.id: replace(node, reachability="unreachable")}))
    assert evaluator.evaluate(cluster.snapshot(), cluster.now).started == ()
    apply(cluster.nodes, Diff(changed={node.id: node}))
    evaluator.evaluate(cluster.snapshot(), cluster.now + timedelta(seconds=30))
    apply(cluster.nodes, Diff(changed={node.id: replace(node, reachability="unreachable")}))
    assert evaluator.evaluate(cluster.snapshot(), cluster.now + timedelta(seconds=70)).started == ()
    outcome = evaluator.evaluate(cluster.snapshot(), cluster.now + timedelta(seconds=131))
    assert [str(a.message) for a in outcome.started] == ["The manager node-2 is unreachable."]


def test_failing_tasks_of_the_recorded_worker_alert_and_age_out():
    cluster = Cluster()
    worker = cluster.service("shop_worker")
    failed = sum(
        1 for task in cluster.tasks.values() if task.service_id == worker.id and task.state == "failed"
    )
    assert failed >= 3
    evaluator = AlertEvaluator(only(TASK_FAILURES, count=3, minutes=15))
    outcome = evaluator.evaluate(cluster.snapshot(), cluster.now)
    assert [a.object_name for a in outcome.started] == ["shop_worker"]
    assert f"{failed} tasks of shop_worker failed" in str(outcome.started[0].message)
    outcome = evaluator.evaluate(cluster.snapshot(), cluster.now + timedelta(hours=1))
    assert [a.object_name for a in outcome.cleared] == ["shop_worker"]
    assert (
        AlertEvaluator(only(TASK_FAILURES, count=failed + 1, minutes=15))
        .evaluate(cluster.snapshot(), cluster.now)
        .started
        == ()
    )


def test_a_rollout_rolled_back_alerts_at_once():
    cluster = Cluster()
    web = cluster.service("shop_web")
    evaluator = AlertEvaluator(only(ROLLOUT))
    assert evaluator.evaluate(cluster.snapshot(), cluster.now).started == ()
    rolled_back = replace(web, update_state="rollback_completed", update_message="update failed")
    apply(cluster.services, Diff(changed={web.id: rolled_back}))
    outcome = evaluator.evaluate(cluster.snapshot(), cluster.now)
    assert [str(a.message) for a in outcome.started] == [
        "The update of shop_web is rolled back: update failed"
    ]


def test_not_converged_waits_for_its_minutes():
    cluster = Cluster()
    evaluator = AlertEvaluator(only(NOT_CONVERGED, minutes=5))
    assert evaluator.evaluate(cluster.snapshot(), cluster.now).started == ()  # shop_worker, shop_agent
    outcome = evaluator.evaluate(cluster.snapshot(), cluster.now + timedelta(minutes=5))
    assert {a.object_name for a in outcome.started} >= {"shop_worker"}
    assert "shop_web" not in {a.object_name for a in outcome.started}


def test_the_root_certificate_alerts_within_its_days():
    cluster = Cluster()
    expiry = swarm_root_expiry(cluster.nodes.values())
    assert expiry is not None
    evaluator = AlertEvaluator(only(CERTIFICATE, days=30))
    assert evaluator.evaluate(cluster.snapshot(), expiry - timedelta(days=31)).started == ()
    outcome = evaluator.evaluate(cluster.snapshot(), expiry - timedelta(days=29))
    assert [str(a.message) for a in outcome.started] == [
        f"The swarm's root certificate expires on {expiry:%Y-%m-%d}."
    ]


def test_quorum_at_risk_when_one_more_manager_loss_would_stop_the_cluster():
    cluster = Cluster()
    evaluator = AlertEvaluator(only(QUORUM, minutes=0))
    node = cluster.node("node-2")
    apply(cluster.nodes, Diff(changed={node.id: replace(node, reachability="unreachable")}))
    outcome = evaluator.evaluate(cluster.snapshot(), cluster.now)
    assert [str(a.message) for a in outcome.started] == ["2 of 3 managers are reachable; 2 are needed."]


def test_a_rule_switched_off_clears_its_alerts():
    cluster = Cluster()
    evaluator = AlertEvaluator(only(TASK_FAILURES, count=1, minutes=15))
    assert evaluator.evaluate(cluster.snapshot(), cluster.now).started
    evaluator.set_rules([Rule(TASK_FAILURES, False, {"count": 1, "minutes": 15})])
    assert [a.object_name for a in evaluator.evaluate(cluster.snapshot(), cluster.now).cleared] == [
        "shop_worker"
    ]


def test_rules_are_validated_and_saved():
    assert check_rule(TASK_FAILURES, {"count": 3, "minutes": 1}) is None
    problem = check_rule(TASK_FAILURES, {"count": 0, "minutes": 1})
    assert str(problem) == "Failures at least: give a whole number from 1 to 1000."
    assert check_rule(NODE_DOWN, {"minutes": "5"}) is not None
    rules = [replace(rule, enabled=rule.kind != QUORUM) for rule in default_rules()]
    assert rules_from_json(json.loads(json.dumps(rules_to_json(rules)))) == tuple(rules)
    assert rules_from_json({TASK_FAILURES: {"count": -2, "minutes": 1}}) == default_rules()
    assert rules_from_json(None) == default_rules()


def test_the_profiles_own_certificates_alert_within_the_days_too(tmp_path):
    """The client certificate the app connects with (and the profile's CA) expire long before a swarm's
    root CA: read from the profile's files, they alert by the same rule."""
    from tests.unit.test_preflight_and_errors import NOW, write_cert

    client, key = write_cert(tmp_path / "cert.pem", NOW + timedelta(days=20))
    ca, _ = write_cert(tmp_path / "ca.pem", NOW + timedelta(days=400))
    expiries = certificate_expiries(TLSConfig(str(ca), str(client), str(key)))
    assert set(expiries) == {"client-cert", "ca-cert"}
    assert certificate_expiries(TLSConfig("", str(tmp_path / "missing.pem"))) == {}  # said by the checks

    cluster = Cluster()
    snapshot = replace(cluster.snapshot(), profile_certificates=expiries)
    evaluator = AlertEvaluator(only(CERTIFICATE, days=30))
    outcome = evaluator.evaluate(snapshot, NOW)
    assert [(a.object_id, a.object_name, str(a.message)) for a in outcome.started] == [
        (
            "client-cert",
            "Client certificate",
            f"This workstation's client certificate expires on {NOW + timedelta(days=20):%Y-%m-%d}.",
        )
    ]
    assert AlertEvaluator(only(CERTIFICATE, days=10)).evaluate(snapshot, NOW).started == ()


def test_a_locked_manager_is_said_to_be_locked_not_only_down():
    cluster = Cluster()
    evaluator = AlertEvaluator(only(NODE_DOWN, minutes=0))
    node = cluster.node("node-2")
    apply(cluster.nodes, Diff(changed={node.id: replace(node, state="down", version=node.version + 1)}))
    locked = replace(cluster.snapshot(), locked=frozenset({node.id}))
    outcome = evaluator.evaluate(locked, cluster.now)
    assert [str(a.message) for a in outcome.started] == [
        "node-2 is locked: autolock is on and its engine restarted. Unlock it on the Swarm page with the "
        "unlock key."
    ]
    # unlocked and back: the alert clears
    apply(cluster.nodes, Diff(changed={node.id: node}))
    assert [a.object_name for a in evaluator.evaluate(cluster.snapshot(), cluster.now).cleared] == ["node-2"]
