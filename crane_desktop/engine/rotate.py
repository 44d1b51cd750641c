"""Rotate a secret or config: a new version, every service moved to it, the old one removed last.

The engine cannot change an object's data (moby#35803), so a rotation is:

1. Checks first (the data's size, the new name free): a refusal creates nothing.
2. The new version is created with the old one's labels and templating driver, named
   `name-v2`, `name-v3`... (`next_name`), visible beside the old one.
3. Service by service (by name), the reference is switched at the same target, owner and mode. The
   rollout is the swarm's, with the service's own update config; `deploy.follow` follows it.
   A rollout that fails is rolled back (by the swarm with `failure_action: rollback`, by us when it
   paused) and the run stops there: that service keeps the old object, those after it are not touched.
4. Only when every service succeeded is the old object removed. Otherwise both stay: nothing is lost.

`RotateRun` reports each step through a callback, the way `engine/drain.DrainRun` does; `cancel` from
any thread returns at once: the service being updated is rolled back to the old object and the run
stops, keeping the old object.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import docker

from crane_desktop.engine import api, stacks
from crane_desktop.engine import secrets_configs as objects
from crane_desktop.engine.cancellable import Cancellable
from crane_desktop.engine.deploy import DeployResult, UpdateStarted, follow
from crane_desktop.engine.errors import Conflict, EngineError
from crane_desktop.engine.i18n import QT_TRANSLATE_NOOP, Phrase, term
from crane_desktop.engine.secrets_configs import Kind
from crane_desktop.engine.snapshots import Secret, Service, parse_all

log = logging.getLogger("crane.engine.rotate")

OUTCOME_TERMS = (  # how a rollout ended (engine/deploy.py's outcomes), shown in the user's language
    QT_TRANSLATE_NOOP("EngineTerms", "paused"),
    QT_TRANSLATE_NOOP("EngineTerms", "rolled back"),
    QT_TRANSLATE_NOOP("EngineTerms", "failed"),
    QT_TRANSLATE_NOOP("EngineTerms", "timeout"),
)
VERSIONED = re.compile(r"^(?P<base>.+)-v(?P<number>\d+)$")


def next_name(name: str, existing: set[str]) -> str:
    """`name-v2` for `name`, `name-v4` for `name-v3`: the first such name not taken."""
    match = VERSIONED.match(name)
    base, number = (match["base"], int(match["number"])) if match else (name, 1)
    number += 1
    while f"{base}-v{number}" in existing:
        number += 1
    return f"{base}-v{number}"


def _phrase(error: EngineError) -> Phrase:
    """The error's message, still to be translated."""
    return Phrase(
        error.template, {k: v if isinstance(v, Phrase) else str(v) for k, v in error.params.items()}
    )


def _no_tasks(service: Mapping[str, Any]) -> bool:
    replicated = (service.get("Spec") or {}).get("Mode", {}).get("Replicated")
    return isinstance(replicated, Mapping) and replicated.get("Replicas") == 0


def _is_job(service: Mapping[str, Any]) -> bool:
    """A job has no rollout (no update status, no rollback): a new spec runs it again at once."""
    mode = (service.get("Spec") or {}).get("Mode") or {}
    return "ReplicatedJob" in mode or "GlobalJob" in mode


JOB_RUNS_AGAIN = QT_TRANSLATE_NOOP("engine", "A job: it runs again now, with the new version.")


def services_in_order(services: Iterable[Service], kind: Kind, object_id: str) -> list[Service]:
    """The services that use the object, in the order a rotation moves them (by name)."""
    using = {use.service_id for use in objects.users(services, kind, object_id)}
    return sorted((s for s in services if s.id in using), key=lambda service: service.name)


def waiting_steps(services: Iterable[Service], kind: Kind, object_id: str) -> list[Progress]:
    """A WAITING step per service the rotation will move, in its order, each with how it rolls out:
    what the operator reads before starting."""
    return [
        Progress(service.id, Step.WAITING, service.name, rollout_note(service))
        for service in services_in_order(services, kind, object_id)
    ]


def rollout_note(service: Service) -> Phrase:
    """How the swarm will roll the service out when it moves, said before the rotation starts: its
    update config (swarmkit's defaults when it has none), or that a job or a service without tasks has
    no rollout."""
    if _is_job(service.raw):
        return Phrase(QT_TRANSLATE_NOOP("engine", "A job: no rollout; moving it runs it again."))
    if _no_tasks(service.raw):
        return Phrase(QT_TRANSLATE_NOOP("engine", "No task runs: nothing to roll out."))
    config = (service.raw.get("Spec") or {}).get("UpdateConfig")
    config = config if isinstance(config, Mapping) else {}
    parallelism = int(config.get("Parallelism", 0) or 0) if config else 1  # 0: all at once
    return Phrase(
        QT_TRANSLATE_NOOP(
            "engine", "Its update config: {parallelism} at a time, {order}, on failure {action}."
        ),
        {
            "parallelism": str(parallelism) if parallelism else Phrase(QT_TRANSLATE_NOOP("engine", "all")),
            "order": term(str(config.get("Order") or "stop-first")),
            "action": term(str(config.get("FailureAction") or "pause")),
        },
    )


class Step(StrEnum):
    CREATED = "created"  # the new version exists (service_id "")
    UPDATING = "updating"
    UPDATED = "updated"  # the service uses the new version
    ROLLED_BACK = "rolled back"  # its rollout failed: it uses the old version again
    FAILED = "failed"  # its rollout failed and could not be rolled back
    WAITING = "waiting"  # not reached yet (said before the run, with how it will roll out)
    CANCELLED = "cancelled"  # stopped by cancel: rolled back to the old version
    UNCHANGED = "unchanged"  # not reached (an earlier service failed, or cancel): still on the old
    REMOVED = "removed"  # the old version is gone (service_id "")
    KEPT = "kept"  # the old version stays (service_id "")


@dataclass(frozen=True, slots=True)
class Progress:
    service_id: str  # "" for the objects' own steps
    step: Step
    name: str = ""  # the service's name (or the object's, for CREATED / REMOVED / KEPT)
    note: Phrase | None = None  # why it failed, or a rollout's progress line


@dataclass
class Outcome:
    old_name: str
    new_name: str
    new_id: str = ""
    updated: list[str] = field(default_factory=list)
    rolled_back: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failure: Phrase | None = None
    cancelled: bool = False
    old_removed: bool = False

    @property
    def exit_code(self) -> int:
        """As `crane-desktop deploy`: 0 done, 4 rolled back, 5 failed, 130 cancelled."""
        if self.cancelled:
            return 130
        if self.failure is None:
            return 0
        return 4 if self.rolled_back else 5


@dataclass(frozen=True, slots=True)
class RotatePlan:
    kind: Kind
    old_id: str
    old_name: str
    new_name: str
    data: bytes
    labels: Mapping[str, str]
    driver: str  # the templating driver (golang) of both versions


def check_rotatable(old: Secret) -> None:
    """A secret kept by a secret driver (a plugin) gets its value from that driver, not from data: a new
    version from a file would silently stop using it. Refused, saying where to change it."""
    if old.driver:
        raise EngineError(
            QT_TRANSLATE_NOOP(
                "engine",
                "{name} is kept by the secret driver {driver}: its value comes from that driver, not from "
                "a file. Change it in the driver's store.",
            ),
            name=old.name,
            driver=old.driver,
        )


def plan_rotation(
    client: docker.APIClient, kind: Kind, name: str, data: bytes, new_name: str = ""
) -> RotatePlan:
    """Everything checked, nothing created: the old object exists, the data fits, the new name is free."""
    old = objects.find(client, kind, name)
    check_rotatable(old)
    existing = {o.name for o in objects.list_objects(client, kind).values()}
    new_name = new_name or next_name(old.name, existing)
    driver = old.templating  # the new version is expanded as the old one was
    objects.check_new(kind, new_name, data, existing, driver)
    return RotatePlan(kind, old.id, old.name, new_name, data, dict(old.labels), driver)


class RotateRun(Cancellable):
    """The steps of one rotation, run by `run` on a worker thread; `cancel` from any thread returns at
    once and takes effect at the next poll."""

    def __init__(
        self,
        plan: RotatePlan,
        report: Callable[[Progress], None] = lambda _progress: None,
        *,
        timeout: float = 300.0,
    ) -> None:
        super().__init__()
        self.plan = plan
        self.report = report
        self.timeout = timeout  # per service
        self.new_id = ""  # the new version's, once created

    def run(self, client: docker.APIClient) -> Outcome:
        plan = self.plan
        outcome = Outcome(plan.old_name, plan.new_name)
        outcome.new_id = objects.create(client, plan.kind, plan.new_name, plan.data, plan.labels, plan.driver)
        self.new_id = outcome.new_id
        self.report(Progress("", Step.CREATED, plan.new_name))
        services = parse_all(Service, api.call(client, client.services)).values()
        for service in services_in_order(services, plan.kind, plan.old_id):
            service_id, service_name = service.id, service.name
            if self.cancelled or outcome.failure is not None:
                outcome.unchanged.append(service_name)
                self.report(Progress(service_id, Step.UNCHANGED, service_name))
                continue
            self._switch(client, service_id, service_name, outcome.new_id, outcome)
        outcome.cancelled = self.cancelled
        if outcome.failure is None and not outcome.cancelled:
            try:
                objects.remove(client, plan.kind, plan.old_id)
                outcome.old_removed = True
                self.report(Progress("", Step.REMOVED, plan.old_name))
                return outcome
            except EngineError as error:  # e.g. a service started using it meanwhile
                outcome.failure = _phrase(error)
        self.report(Progress("", Step.KEPT, plan.old_name, outcome.failure))
        return outcome

    def _switch(
        self, client: docker.APIClient, service_id: str, name: str, new_id: str, outcome: Outcome
    ) -> None:
        """Point the service's references at the new version and follow the rollout to its end."""
        plan = self.plan
        self.report(Progress(service_id, Step.UPDATING, name))
        before = stacks.inspect_service(client, service_id)
        id_key, name_key = ("SecretID", "SecretName") if plan.kind == "secret" else ("ConfigID", "ConfigName")

        def change(spec: dict[str, Any]) -> None:
            for ref in objects.references(spec, plan.kind):
                if ref.get(id_key) == plan.old_id:
                    ref[id_key], ref[name_key] = new_id, plan.new_name

        try:
            stacks.update_spec(client, service_id, change)
            if _no_tasks(before) or _is_job(before):  # nothing to roll out: the swarm sets no update status
                outcome.updated.append(name)
                note = Phrase(JOB_RUNS_AGAIN) if _is_job(before) else None
                self.report(Progress(service_id, Step.UPDATED, name, note))
                return
            image = str(before["Spec"].get("TaskTemplate", {}).get("ContainerSpec", {}).get("Image", ""))
            previous = str((before.get("UpdateStatus") or {}).get("StartedAt", ""))
            started = UpdateStarted(service_id, name, image, image, previous)  # the image stays
            result = follow(
                client,
                started,
                self.timeout,
                lambda line: self._line(service_id, name, line),
                self._cancelled,
            )
            self._ended(client, service_id, name, result, outcome)
        except EngineError as error:
            self._failed(service_id, name, _phrase(error), outcome)

    def _line(self, service_id: str, name: str, line: str) -> None:
        self.report(Progress(service_id, Step.UPDATING, name, Phrase("{line}", {"line": line})))

    def _ended(
        self, client: docker.APIClient, service_id: str, name: str, result: DeployResult, outcome: Outcome
    ) -> None:
        if result.outcome == "completed":
            outcome.updated.append(name)
            self.report(Progress(service_id, Step.UPDATED, name))
            return
        reason = Phrase(QT_TRANSLATE_NOOP("engine", "Its rollout ended {outcome}: {message}"),
                        {"outcome": term(result.outcome), "message": result.message})  # fmt: skip
        state = (stacks.inspect_service(client, service_id).get("UpdateStatus") or {}).get("State")
        if state == "rollback_paused":  # the swarm's own rollback stopped: nothing more to try
            self._failed(service_id, name, reason, outcome)
            return
        if result.outcome != "rolled back":  # paused, timed out or cancelled: we roll it back ourselves
            try:
                self._roll_back(client, service_id)
                self._wait_rolled_back(client, service_id)
            except EngineError as error:
                self._failed(
                    service_id,
                    name,
                    _phrase(error),
                    outcome,
                )
                return
        if self.cancelled:
            outcome.unchanged.append(name)
            self.report(Progress(service_id, Step.CANCELLED, name))
            return
        outcome.rolled_back.append(name)
        outcome.failure = Phrase(
            QT_TRANSLATE_NOOP("engine", "{service}: {reason}"), {"service": name, "reason": reason}
        )
        self.report(Progress(service_id, Step.ROLLED_BACK, name, reason))

    def _roll_back(self, client: docker.APIClient, service_id: str, attempts: int = 10) -> None:
        """Roll the service back to its previous spec. While its rollout runs the swarm keeps writing
        the service's update status, which changes its version: a rollback sent between our read and
        our write is refused as out of sequence (a stop right after the update began hit it). Sent
        again on a fresh read while the spec is still ours (it uses the new version); a spec someone
        else changed meanwhile is not rolled back over."""
        id_key = "SecretID" if self.plan.kind == "secret" else "ConfigID"
        for attempt in range(attempts):
            try:
                stacks.rollback(client, service_id)
                return
            except Conflict:
                spec = stacks.inspect_service(client, service_id).get("Spec") or {}
                ours = any(ref.get(id_key) == self.new_id for ref in objects.references(spec, self.plan.kind))
                if not ours or attempt == attempts - 1:
                    raise
                log.info("rollback of %s was out of sequence (its rollout moved on): sent again", service_id)
                time.sleep(0.1)

    def _failed(self, service_id: str, name: str, note: Phrase, outcome: Outcome) -> None:
        outcome.failure = Phrase(
            QT_TRANSLATE_NOOP("engine", "{service}: {reason}"), {"service": name, "reason": note}
        )
        self.report(Progress(service_id, Step.FAILED, name, note))

    def _wait_rolled_back(self, client: docker.APIClient, service_id: str) -> None:
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            status = stacks.inspect_service(client, service_id).get("UpdateStatus") or {}
            if status.get("State") in ("rollback_completed", "rollback_paused"):
                return
            time.sleep(0.25)
        raise EngineError(
            QT_TRANSLATE_NOOP("engine", "Its rollback did not end within {seconds} s."),
            seconds=str(int(self.timeout)),
        )
