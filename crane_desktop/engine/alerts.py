"""Alert rules and their evaluation, from the snapshots the store already holds (no engine call).

A rule names a condition (a node down, a service's tasks failing, a rollout in trouble...) and its
thresholds. The evaluator is given the snapshots and the time on every diff and on a clock tick; it
remembers since when each condition holds, starts an alert once it has held for its rule's duration
(debounce) and clears it when the condition goes away. A condition that stays true starts one alert,
not one per diff. Pure Python, so the tests drive it with recorded snapshots and an injected clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from crane_desktop.engine.health import FAILED_STATES, JOB_MODES, quorum, swarm_root_expiry, task_counts
from crane_desktop.engine.i18n import QT_TRANSLATE_NOOP, Phrase
from crane_desktop.engine.snapshots import Node, Service, Task

CONTEXT = "alerts"

NODE_DOWN = "node_down"
TASK_FAILURES = "task_failures"
ROLLOUT = "rollout"
NOT_CONVERGED = "not_converged"
CERTIFICATE = "certificate"
QUORUM = "quorum"

ROLLOUT_PROBLEMS = frozenset({"paused", "rollback_started", "rollback_paused", "rollback_completed"})


@dataclass(frozen=True, slots=True)
class Parameter:
    """One threshold of a rule: its name in the saved profile, its label and its allowed range."""

    name: str  # "count", "minutes" or "days"
    label: str  # marked for translation in CONTEXT
    minimum: int
    maximum: int


@dataclass(frozen=True, slots=True)
class RuleKind:
    key: str
    title: str  # marked for translation in CONTEXT
    parameters: tuple[Parameter, ...]
    defaults: Mapping[str, int]


MINUTES_HELD = Parameter("minutes", QT_TRANSLATE_NOOP("alerts", "For at least (minutes)"), 0, 1440)

KINDS: tuple[RuleKind, ...] = (
    RuleKind(
        NODE_DOWN,
        QT_TRANSLATE_NOOP("alerts", "Node down or manager unreachable"),
        (MINUTES_HELD,),
        {"minutes": 1},
    ),
    RuleKind(
        TASK_FAILURES,
        QT_TRANSLATE_NOOP("alerts", "A service's tasks failing"),
        (
            Parameter("count", QT_TRANSLATE_NOOP("alerts", "Failures at least"), 1, 1000),
            Parameter("minutes", QT_TRANSLATE_NOOP("alerts", "Within (minutes)"), 1, 1440),
        ),
        {"count": 3, "minutes": 5},
    ),
    RuleKind(
        ROLLOUT,
        QT_TRANSLATE_NOOP("alerts", "Rollout paused or rolled back"),
        (),
        {},
    ),
    RuleKind(
        NOT_CONVERGED,
        QT_TRANSLATE_NOOP("alerts", "Service not converged"),
        (MINUTES_HELD,),
        {"minutes": 5},
    ),
    RuleKind(
        CERTIFICATE,
        QT_TRANSLATE_NOOP("alerts", "Swarm certificate expiring"),
        (Parameter("days", QT_TRANSLATE_NOOP("alerts", "Within (days)"), 1, 3650),),
        {"days": 30},
    ),
    RuleKind(
        QUORUM,
        QT_TRANSLATE_NOOP("alerts", "Manager quorum at risk"),
        (MINUTES_HELD,),
        {"minutes": 0},
    ),
)
KIND_BY_KEY = {kind.key: kind for kind in KINDS}


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule as the user set it: switched on or off, and its thresholds by parameter name."""

    kind: str
    enabled: bool = True
    values: Mapping[str, int] = field(default_factory=dict)

    def value(self, name: str) -> int:
        return self.values.get(name, KIND_BY_KEY[self.kind].defaults[name])

    @property
    def held(self) -> timedelta:
        """How long the condition must hold before the alert starts."""
        if MINUTES_HELD in KIND_BY_KEY[self.kind].parameters:
            return timedelta(minutes=self.value("minutes"))
        return timedelta(0)


def default_rules() -> tuple[Rule, ...]:
    """Every rule switched on, with its default thresholds."""
    return tuple(Rule(kind.key, True, dict(kind.defaults)) for kind in KINDS)


def check_value(parameter: Parameter, value: object) -> Phrase | None:
    """Why `value` cannot be this threshold, or None when it can."""
    if (
        isinstance(value, int)
        and not isinstance(value, bool)
        and parameter.minimum <= value <= parameter.maximum
    ):
        return None
    return Phrase(
        QT_TRANSLATE_NOOP("alerts", "{label}: give a whole number from {minimum} to {maximum}."),
        {
            "label": Phrase(parameter.label, context=CONTEXT),
            "minimum": str(parameter.minimum),
            "maximum": str(parameter.maximum),
        },
        CONTEXT,
    )


def check_rule(kind: str, values: Mapping[str, object]) -> Phrase | None:
    """Why these thresholds cannot be used (the first problem), or None when they can."""
    for parameter in KIND_BY_KEY[kind].parameters:
        problem = check_value(parameter, values.get(parameter.name))
        if problem is not None:
            return problem
    return None


def rules_to_json(rules: Iterable[Rule]) -> dict[str, Any]:
    return {rule.kind: {"enabled": rule.enabled, **rule.values} for rule in rules}


def rules_from_json(data: object) -> tuple[Rule, ...]:
    """The saved rules; a rule missing or with bad thresholds gets its defaults (a profile edited by
    hand must still open)."""
    saved = data if isinstance(data, Mapping) else {}
    rules = []
    for kind in KINDS:
        entry = saved.get(kind.key)
        entry = entry if isinstance(entry, Mapping) else {}
        values = {name: entry.get(name) for name in kind.defaults}
        if check_rule(kind.key, values) is not None:
            values = dict(kind.defaults)
        rules.append(Rule(kind.key, entry.get("enabled") is not False, values))  # type: ignore[arg-type]
    return tuple(rules)


@dataclass(frozen=True, slots=True)
class Condition:
    """A rule's condition holding for one object."""

    object_id: str
    object_name: str
    message: Phrase


@dataclass(frozen=True, slots=True)
class Alert:
    id: str  # rule kind, object id and start: one alert per object and rule at a time
    rule: str
    object_id: str
    object_name: str
    message: Phrase
    started: datetime
    cleared: datetime | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    started: tuple[Alert, ...] = ()
    cleared: tuple[Alert, ...] = ()


@dataclass(frozen=True, slots=True)
class Snapshot:
    nodes: Mapping[str, Node]
    services: Mapping[str, Service]
    tasks: Mapping[str, Task]


def _phrase(template: str, **params: str) -> Phrase:
    return Phrase(template, params, CONTEXT)


NODE_STATE_MESSAGES = {
    "down": QT_TRANSLATE_NOOP("alerts", "{node} is down."),
    "disconnected": QT_TRANSLATE_NOOP("alerts", "{node} is disconnected."),
}


def nodes_down(rule: Rule, snapshot: Snapshot, now: datetime) -> list[Condition]:
    found = []
    for node in snapshot.nodes.values():
        if node.state != "ready":
            template = NODE_STATE_MESSAGES.get(
                node.state, QT_TRANSLATE_NOOP("alerts", "{node} is not ready ({state}).")
            )
            message = _phrase(template, node=node.hostname, state=node.state)
        elif node.role == "manager" and node.reachability not in ("reachable", ""):
            message = _phrase(
                QT_TRANSLATE_NOOP("alerts", "The manager {node} is unreachable."), node=node.hostname
            )
        else:
            continue
        found.append(Condition(node.id, node.hostname, message))
    return found


def tasks_failing(rule: Rule, snapshot: Snapshot, now: datetime) -> list[Condition]:
    since = now - timedelta(minutes=rule.value("minutes"))
    counts: dict[str, int] = {}
    for task in snapshot.tasks.values():
        if task.state in FAILED_STATES and task.updated_at >= since:
            counts[task.service_id] = counts.get(task.service_id, 0) + 1
    found = []
    for service_id, count in counts.items():
        if count >= rule.value("count"):
            service = snapshot.services.get(service_id)
            name = service.name if service else service_id
            message = _phrase(
                QT_TRANSLATE_NOOP("alerts", "{count} tasks of {service} failed within {minutes} min."),
                count=str(count),
                service=name,
                minutes=str(rule.value("minutes")),
            )
            found.append(Condition(service_id, name, message))
    return found


def rollouts(rule: Rule, snapshot: Snapshot, now: datetime) -> list[Condition]:
    found = []
    for service in snapshot.services.values():
        if service.update_state == "paused":
            template = QT_TRANSLATE_NOOP("alerts", "The update of {service} is paused: {reason}")
        elif service.update_state in ROLLOUT_PROBLEMS:
            template = QT_TRANSLATE_NOOP("alerts", "The update of {service} is rolled back: {reason}")
        else:
            continue
        message = _phrase(template, service=service.name, reason=service.update_message)
        found.append(Condition(service.id, service.name, message))
    return found


def not_converged(rule: Rule, snapshot: Snapshot, now: datetime) -> list[Condition]:
    by_service: dict[str, list[Task]] = {}
    for task in snapshot.tasks.values():
        by_service.setdefault(task.service_id, []).append(task)
    found = []
    for service in snapshot.services.values():
        if service.mode in JOB_MODES:
            continue
        running, desired = task_counts(service, by_service.get(service.id, ()))
        if running != desired:
            message = _phrase(
                QT_TRANSLATE_NOOP("alerts", "{service} runs {running} of {desired} tasks."),
                service=service.name,
                running=str(running),
                desired=str(desired),
            )
            found.append(Condition(service.id, service.name, message))
    return found


def certificate(rule: Rule, snapshot: Snapshot, now: datetime) -> list[Condition]:
    expiry = swarm_root_expiry(snapshot.nodes.values())
    if expiry is None or expiry - now > timedelta(days=rule.value("days")):
        return []
    message = _phrase(
        QT_TRANSLATE_NOOP("alerts", "The swarm's root certificate expires on {date}."),
        date=expiry.strftime("%Y-%m-%d"),
    )
    return [Condition("swarm-root-ca", "swarm root CA", message)]


def quorum_at_risk(rule: Rule, snapshot: Snapshot, now: datetime) -> list[Condition]:
    """At risk when a manager is unreachable and losing one more would stop the cluster (or it has
    already stopped). A single-manager swarm, never fault tolerant, is not reported all the time."""
    state = quorum(snapshot.nodes.values())
    if state.reachable == state.managers or state.spare > 0:
        return []
    message = _phrase(
        QT_TRANSLATE_NOOP("alerts", "{reachable} of {managers} managers are reachable; {needed} are needed."),
        reachable=str(state.reachable),
        managers=str(state.managers),
        needed=str(state.needed),
    )
    return [Condition("quorum", "managers", message)]


CONDITIONS = {
    NODE_DOWN: nodes_down,
    TASK_FAILURES: tasks_failing,
    ROLLOUT: rollouts,
    NOT_CONVERGED: not_converged,
    CERTIFICATE: certificate,
    QUORUM: quorum_at_risk,
}


def holding(rules: Iterable[Rule], snapshot: Snapshot, now: datetime) -> dict[str, tuple[Rule, Condition]]:
    """The conditions of the enabled rules that hold now, by alert key. Reads only immutable
    snapshots, so it may run off the GUI thread (a pass over every task: ~15 ms at 10,000)."""
    found: dict[str, tuple[Rule, Condition]] = {}
    for rule in rules:
        if rule.enabled:
            for condition in CONDITIONS[rule.kind](rule, snapshot, now):
                found[f"{rule.kind}:{condition.object_id}"] = (rule, condition)
    return found


class AlertEvaluator:
    """Remembers since when each condition holds and which alerts are firing."""

    def __init__(self, rules: Iterable[Rule] = ()) -> None:
        self.rules = tuple(rules) or default_rules()
        self._since: dict[str, datetime] = {}  # alert id -> when its condition was first seen
        self.firing: dict[str, Alert] = {}

    def set_rules(self, rules: Iterable[Rule]) -> None:
        """New thresholds: conditions are seen afresh on the next evaluation (a rule switched off
        clears its alerts then)."""
        self.rules = tuple(rules)

    def reset(self) -> Outcome:
        """Another cluster: every alert clears without a time (nothing is known any more)."""
        cleared = tuple(self.firing.values())
        self._since.clear()
        self.firing.clear()
        return Outcome(cleared=cleared)

    def evaluate(self, snapshot: Snapshot, now: datetime) -> Outcome:
        return self.settle(holding(self.rules, snapshot, now), now)

    def settle(self, holding: Mapping[str, tuple[Rule, Condition]], now: datetime) -> Outcome:
        """Start the alerts whose condition has held long enough, clear those that stopped holding."""
        for key in list(self._since):
            if key not in holding:
                del self._since[key]
        started = []
        for key, (rule, condition) in holding.items():
            since = self._since.setdefault(key, now)
            if key in self.firing:
                if self.firing[key].message != condition.message:
                    self.firing[key] = replace(self.firing[key], message=condition.message)
            elif now - since >= rule.held:
                alert = Alert(
                    f"{key}@{now.isoformat()}",
                    rule.kind,
                    condition.object_id,
                    condition.object_name,
                    condition.message,
                    now,
                )
                self.firing[key] = alert
                started.append(alert)
        cleared = tuple(
            replace(self.firing.pop(key), cleared=now) for key in list(self.firing) if key not in holding
        )
        return Outcome(tuple(started), cleared)
