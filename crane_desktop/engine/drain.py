"""Drain without downtime: move a node's replicated tasks elsewhere *before* draining it, and rebalance.

A plain drain stops the node's tasks and lets the orchestrator start replacements elsewhere: between the
two, a service runs with fewer tasks than it wants (moby#33220, #34139). Here, per replicated service
with tasks on the node:

1. The node is **paused** first: it keeps its tasks but takes no new ones (of any service), so nothing
   the orchestrator starts meanwhile lands there.
2. The service gets a temporary placement constraint `node.id!=NODE` and, for that update only, the
   update order `start-first` (its parallelism, delay, monitor and failure action stay as they are).
   Swarm replaces only the tasks the new constraints exclude (a task whose node still satisfies the
   constraints is not "dirty" when nothing but the placement changed), and start-first starts each
   replacement and waits until it runs before it stops the old task: at every moment the service has at
   least its desired count of running tasks.
3. When the update has completed (no task of the service wanted on the node, enough running elsewhere),
   the constraint and the update order are put back as they were: no task restarts, since every task's
   node satisfies the looser constraints. (The service's "previous spec" is now the constrained one.)
4. When every service has moved, the node is drained: only tasks that cannot move stop then.

Why not "scale up by the node's task count, then drain, then scale down"? Scaling up does not say where
the new tasks go (swarm may pick the node being drained if it is not paused), and scaling down removes
tasks swarm chooses, not necessarily those on the node; the drain in between stops the node's tasks
before their replacements run. The constraint update moves exactly the node's tasks, with swarm's own
rolling-update machinery (its failure detection and action included).

Global services run one task per node: their task on the node cannot move, it stops with the drain and
nothing replaces it (the plan says so). Jobs are not moved either.

The plan (`plan_drain`) is computed from snapshots (the store's, or one listing) with the scheduler's
filters of engine/why_pending.py and the capacity model's `place`: constraints, platforms, resources,
host-mode published ports and max replicas per node, counting the tasks already planned. When a task
fits on no other node, the plan is refused with that reason.

The executor (`DrainRun`) runs the steps on a worker thread, reports progress through a callback and
checks its cancel flag between steps and while it waits. Cancelling puts the current service's
constraint and update order back (its tasks already moved stay where they are, the others stay on the
node) and gives the node its availability from before (it was only paused): the cluster is as before,
except for the tasks that already run elsewhere.

`rebalance` is `docker service update --force`: every task is replaced and swarm spreads the new ones,
e.g. over a node that came back after a drain.
"""

from __future__ import annotations

import copy
import logging
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

import docker

from crane_desktop.engine import api
from crane_desktop.engine import nodes as node_ops
from crane_desktop.engine.cancellable import Cancellable
from crane_desktop.engine.capacity import HOLDING, node_capacities, place, task_reservations
from crane_desktop.engine.errors import EngineError
from crane_desktop.engine.i18n import QT_TRANSLATE_NOOP
from crane_desktop.engine.snapshots import Node, Service, Task, parse_all
from crane_desktop.engine.stacks import update_spec
from crane_desktop.engine.why_pending import ClusterView, Kind, NodeUse, explain_task, host_ports, node_use

log = logging.getLogger("crane.engine.drain")

UPDATING = ("updating", "paused", "rollback_started", "rollback_paused")
GLOBAL_STAYS = QT_TRANSLATE_NOOP(
    "engine", "A global service: its task on {node} stops and nothing replaces it."
)
JOB_STAYS = QT_TRANSLATE_NOOP("engine", "A job: its task on {node} is not moved.")
UPDATE_UNDER_WAY = QT_TRANSLATE_NOOP(
    "engine", "An update of this service is under way ({state}): drain when it has ended."
)
FAILED_UPDATE = ("paused", "rollback_started", "rollback_paused", "rollback_completed")


@dataclass(frozen=True, slots=True)
class Note:
    """A sentence for the operator: an English template marked for translation and its parameters."""

    template: str
    params: Mapping[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.template.format(**self.params)


@dataclass(frozen=True, slots=True)
class ServicePlan:
    """One service with tasks on the node: where its tasks go, or why they cannot move."""

    service_id: str
    name: str
    tasks: int  # its tasks on the node (wanted running)
    destinations: tuple[str, ...] = ()  # hostnames, one per task, as the plan placed them
    refusal: Note | None = None  # why they cannot move (refuses the whole drain)
    stays: Note | None = None  # a task that cannot move by nature (global service, job): it stops

    @property
    def moves(self) -> bool:
        return self.refusal is None and self.stays is None


@dataclass(frozen=True, slots=True)
class DrainPlan:
    node_id: str
    hostname: str
    availability: str  # the node's availability before: what a cancel gives back
    services: tuple[ServicePlan, ...]
    problem: Note | None = None  # why the node itself cannot be drained this way

    @property
    def refused(self) -> bool:
        return self.problem is not None or any(s.refusal is not None for s in self.services)

    @property
    def moving(self) -> tuple[ServicePlan, ...]:
        return tuple(s for s in self.services if s.moves)


def _replacement(task: Task, service: Service) -> Task:
    """The task that would replace `task`: pending (no node, no error), made from the service's spec (a
    task keeps the spec it was made with: after a constraint change it can differ)."""
    raw = dict(task.raw)
    raw["NodeID"] = ""
    template = (service.raw.get("Spec") or {}).get("TaskTemplate")
    if isinstance(template, Mapping):
        raw["Spec"] = template
    raw["Status"] = {**(raw.get("Status") or {}), "Err": "", "State": "pending"}
    return Task.from_api(raw)


def _with_availability(node: Node, availability: str) -> Node:
    raw = copy.deepcopy(dict(node.raw))
    raw.setdefault("Spec", {})["Availability"] = availability
    return Node.from_api(raw)


def plan_drain(view: ClusterView, node_id: str) -> DrainPlan:
    """Which services have tasks on the node, and whether (and where) the other nodes can take them."""
    node = view.nodes.get(node_id)
    if node is None:
        return DrainPlan(
            node_id, node_id[:12], "", (), Note(QT_TRANSLATE_NOOP("engine", "The node is gone."))
        )
    hostname = node.hostname
    problem = None
    if node.availability == "drain":
        problem = Note(QT_TRANSLATE_NOOP("engine", "{node} is already drained."), {"node": hostname})
    on_node: dict[str, list[Task]] = {}
    for task in view.tasks.values():
        if task.node_id == node_id and task.desired_state in HOLDING:
            on_node.setdefault(task.service_id, []).append(task)
    # The other nodes as the scheduler sees them once the node takes no more tasks.
    others = ClusterView(
        {**view.nodes, node_id: _with_availability(node, "drain")}, view.services, view.tasks
    )
    use = {key: _copy_use(value) for key, value in node_use(view).items()}
    capacities = node_capacities(view.nodes.values(), view.tasks.values())
    plans = []
    for service_id, tasks in on_node.items():
        service = view.services.get(service_id)
        if service is None:
            continue
        plans.append(_plan_service(service, tasks, others, use, capacities, node_id, hostname))
    plans.sort(key=lambda p: (p.refusal is None, p.stays is not None, p.name))
    return DrainPlan(node_id, hostname, node.availability, tuple(plans), problem)


def _copy_use(use: NodeUse) -> NodeUse:
    return NodeUse(use.nano_cpus, use.memory, set(use.host_ports), dict(use.active))


def _plan_service(
    service: Service,
    tasks: list[Task],
    others: ClusterView,
    use: dict[str, NodeUse],
    capacities: dict[str, Any],
    node_id: str,
    hostname: str,
) -> ServicePlan:
    """Place the service's tasks of the node one by one on the other nodes, counting what is placed."""
    base = ServicePlan(service.id, service.name, len(tasks))
    if service.mode == "global":
        return replace(base, stays=Note(GLOBAL_STAYS, {"node": hostname}))
    if service.mode != "replicated":
        return replace(base, stays=Note(JOB_STAYS, {"node": hostname}))
    if service.update_state in UPDATING:
        return replace(base, refusal=Note(UPDATE_UNDER_WAY, {"state": service.update_state}))
    destinations = []
    ports = host_ports(service)
    for task in sorted(tasks, key=lambda t: (t.slot, t.id)):
        replacement = _replacement(task, service)
        reason = explain_task(replacement, others, use)
        if reason.kind != Kind.SCHEDULING:
            return replace(base, refusal=Note(reason.template, reason.params))
        need = task_reservations(replacement)
        fitting = [capacities[n.id] for n in others.nodes.values() if n.hostname in reason.nodes]
        placed, _unfit = place(fitting, [need], exclude=[node_id])
        chosen = placed.get(0)
        if chosen is None:  # explain_task found room: place() agrees unless the figures disagree
            return replace(base, refusal=Note(reason.template, reason.params))
        capacities[chosen] = replace(capacities[chosen], reserved=capacities[chosen].reserved + need)
        held = use.setdefault(chosen, NodeUse())
        held.nano_cpus += need.nano_cpus
        held.memory += need.memory_bytes
        held.host_ports |= ports
        held.active[service.id] = held.active.get(service.id, 0) + 1
        destinations.append(others.nodes[chosen].hostname)
    return replace(base, destinations=tuple(destinations))


def fetch_view(client: docker.APIClient) -> ClusterView:
    """Nodes, services and tasks from a manager (headless planning)."""
    return ClusterView(
        parse_all(Node, api.call(client, client.nodes)),
        parse_all(Service, api.call(client, client.services)),
        parse_all(Task, api.call(client, client.tasks)),
    )


# -- running it ---------------------------------------------------------------------------------
class Step(StrEnum):
    PAUSED = "paused"  # the node takes no new tasks (service_id "")
    MOVING = "moving"
    MOVED = "moved"
    FAILED = "failed"
    CANCELLED = "cancelled"  # this service's move was stopped: its constraint is back as it was
    DRAINED = "drained"  # the node is drained (service_id "")
    RESTORED = "restored"  # the node has its availability from before again (service_id "")


@dataclass(frozen=True, slots=True)
class Progress:
    service_id: str  # "" for the node's own steps
    step: Step
    moved: int = 0
    total: int = 0
    note: Note | None = None  # why it failed
    name: str = ""  # the service's name (a service the plan shown did not list yet)


@dataclass
class Outcome:
    """How a run ended: drained, or what state the cluster was left in."""

    drained: bool = False
    cancelled: bool = False
    moved: list[str] = field(default_factory=list)  # services whose tasks all run elsewhere now
    partly: list[tuple[str, int, int]] = field(default_factory=list)  # (service, moved, of)
    failure: Note | None = None
    availability: str = ""  # the node's availability at the end
    leftover: list[str] = field(default_factory=list)  # services whose temporary change could not be undone


class DrainRefused(EngineError):
    template = QT_TRANSLATE_NOOP("engine", "{node} cannot be drained without downtime: {reason}")


class DrainRun(Cancellable):
    """The steps of one drain without downtime, run by `run` on a worker thread; `cancel` from any
    thread returns at once and takes effect at the next check (within `poll` seconds)."""

    def __init__(
        self,
        plan: DrainPlan,
        report: Callable[[Progress], None] = lambda _progress: None,
        *,
        poll: float = 0.25,
        timeout: float = 600.0,
    ) -> None:
        super().__init__()
        self.plan = plan
        self.report = report
        self.poll = poll
        self.timeout = timeout  # per service

    def run(self, client: docker.APIClient) -> Outcome:
        plan = self.plan
        if plan.refused:
            first = plan.problem or next(s.refusal for s in plan.services if s.refusal is not None)
            raise DrainRefused(node=plan.hostname, reason=first.text if first else "")
        outcome = Outcome(availability=plan.availability)
        if plan.availability == "active":
            node_ops.set_availability(client, plan.node_id, "pause")
            outcome.availability = "pause"
            self.report(Progress("", Step.PAUSED))
        try:
            # Planned again now that the node takes no new tasks: what runs there now is all that moves.
            fresh = plan_drain(fetch_view(client), plan.node_id)
            refused = next((s for s in fresh.services if s.refusal is not None), None)
            if refused is not None and refused.refusal is not None:
                outcome.failure = Note(
                    QT_TRANSLATE_NOOP("engine", "{service}: {reason}"),
                    {"service": refused.name, "reason": refused.refusal.text},
                )
            for service in fresh.moving if outcome.failure is None else ():
                if self.cancelled:
                    break
                if not self._move(client, service, outcome):
                    break
            if not self.cancelled and outcome.failure is None:
                node_ops.set_availability(client, plan.node_id, "drain")
                outcome.availability, outcome.drained = "drain", True
                self.report(Progress("", Step.DRAINED))
                return outcome
        except EngineError as error:
            outcome.failure = Note(error.template, {k: str(v) for k, v in error.params.items()})
        outcome.cancelled = self.cancelled
        if outcome.availability != plan.availability:
            try:
                node_ops.set_availability(client, plan.node_id, plan.availability)
                outcome.availability = plan.availability
                self.report(Progress("", Step.RESTORED))
            except EngineError as error:
                log.warning("cannot give %s its availability back: %s", plan.hostname, error)
        return outcome

    def _move(self, client: docker.APIClient, service: ServicePlan, outcome: Outcome) -> bool:
        """Move one service's tasks off the node; False when the run must stop (cancel or failure)."""
        total = service.tasks
        self.report(Progress(service.service_id, Step.MOVING, 0, total, name=service.name))
        undo = _exclude_node(client, service.service_id, self.plan.node_id)
        moved, done, failure = 0, False, None
        try:
            deadline = time.monotonic() + self.timeout
            while not self._cancelled.wait(self.poll):
                state = _move_state(client, service.service_id, self.plan.node_id)
                if state.moved(total) != moved:
                    moved = state.moved(total)
                    self.report(Progress(service.service_id, Step.MOVING, moved, total))
                if state.update_state in FAILED_UPDATE and state.update_started != undo.started:
                    failure = Note(
                        QT_TRANSLATE_NOOP("engine", "Its update stopped ({state}): {message}"),
                        {"state": state.update_state, "message": state.update_message},
                    )
                    break
                if state.done:
                    done = True
                    break
                if time.monotonic() > deadline:
                    failure = Note(
                        QT_TRANSLATE_NOOP("engine", "Its tasks did not move within {seconds} s."),
                        {"seconds": str(int(self.timeout))},
                    )
                    break
        finally:
            try:
                undo.restore(client)
            except EngineError as error:
                log.warning("cannot put %s back: %s", service.name, error)
                outcome.leftover.append(service.name)
        if done:
            outcome.moved.append(service.name)
            self.report(Progress(service.service_id, Step.MOVED, total, total))
            return True
        if moved:
            outcome.partly.append((service.name, moved, total))
        if failure is not None:
            outcome.failure = Note(
                QT_TRANSLATE_NOOP("engine", "{service}: {reason}"),
                {"service": service.name, "reason": failure.text},
            )
            self.report(Progress(service.service_id, Step.FAILED, moved, total, failure))
        else:
            self.report(Progress(service.service_id, Step.CANCELLED, moved, total))
        return False


def exclusion(node_id: str) -> str:
    return f"node.id!={node_id}"


@dataclass
class _Undo:
    """What the temporary update changed, to put back: the constraint added and the update config."""

    service_id: str
    constraint: str
    added: bool
    update_config: Any  # the update config before (None: there was none)
    had_placement: bool
    had_constraints: bool
    set_config: Any = None  # the update config we set
    started: str = ""  # UpdateStatus.StartedAt before our update: an older status is not ours

    def restore(self, client: docker.APIClient) -> None:
        def change(spec: dict[str, Any]) -> None:
            template = spec.setdefault("TaskTemplate", {})
            placement = template.get("Placement") or {}
            constraints = [
                c for c in placement.get("Constraints") or [] if not (self.added and c == self.constraint)
            ]
            if constraints or self.had_constraints:
                placement["Constraints"] = constraints
            else:
                placement.pop("Constraints", None)
            if placement or self.had_placement:
                template["Placement"] = placement
            else:
                template.pop("Placement", None)
            if spec.get("UpdateConfig") == self.set_config:  # nobody changed it meanwhile
                if self.update_config is None:
                    spec.pop("UpdateConfig", None)
                else:
                    spec["UpdateConfig"] = self.update_config

        update_spec(client, self.service_id, change)


def _exclude_node(client: docker.APIClient, service_id: str, node_id: str) -> _Undo:
    """Add `node.id!=NODE` and the start-first order to the service (one update)."""
    current = api.call(client, client.inspect_service, service_id)
    spec = current.get("Spec") or {}
    template = spec.get("TaskTemplate") or {}
    placement = template.get("Placement")
    constraint = exclusion(node_id)
    undo = _Undo(
        service_id,
        constraint,
        added=constraint not in ((placement or {}).get("Constraints") or []),
        update_config=copy.deepcopy(spec.get("UpdateConfig")),
        had_placement="Placement" in template,
        had_constraints=isinstance(placement, Mapping) and "Constraints" in placement,
        started=str((current.get("UpdateStatus") or {}).get("StartedAt", "")),
    )

    def change(spec: dict[str, Any]) -> None:
        placement = spec.setdefault("TaskTemplate", {}).setdefault("Placement", {})
        constraints = placement.setdefault("Constraints", [])
        if undo.added:
            constraints.append(constraint)
        config = dict(spec.get("UpdateConfig") or {})
        config["Order"] = "start-first"
        spec["UpdateConfig"] = config
        undo.set_config = copy.deepcopy(config)

    update_spec(client, service_id, change)
    return undo


@dataclass(frozen=True, slots=True)
class _MoveState:
    left: int  # tasks still wanted on the node
    running_elsewhere: int
    replicas: int
    update_state: str
    update_message: str
    update_started: str

    def moved(self, total: int) -> int:
        return max(0, total - self.left)

    @property
    def done(self) -> bool:
        """Nothing wanted on the node, enough running elsewhere, and the update (monitor period
        included) over: a task that moved has run at least that long."""
        return (
            self.left == 0 and self.running_elsewhere >= self.replicas and self.update_state not in UPDATING
        )


def _move_state(client: docker.APIClient, service_id: str, node_id: str) -> _MoveState:
    service = api.call(client, client.inspect_service, service_id)
    tasks = parse_all(Task, api.call(client, client.tasks, filters={"service": service_id})).values()
    status = service.get("UpdateStatus") or {}
    replicas = ((service.get("Spec") or {}).get("Mode") or {}).get("Replicated", {}).get("Replicas", 0)
    return _MoveState(
        left=sum(1 for t in tasks if t.node_id == node_id and t.desired_state in HOLDING),
        running_elsewhere=sum(
            1 for t in tasks if t.node_id != node_id and t.state == "running" and t.desired_state == "running"
        ),
        replicas=int(replicas or 0),
        update_state=str(status.get("State", "")),
        update_started=str(status.get("StartedAt", "")),
        update_message=str(status.get("Message", "")),
    )


def running_count(tasks: Iterable[Task]) -> int:
    """Tasks running and meant to (what "no downtime" keeps at the desired count)."""
    return sum(1 for t in tasks if t.state == "running" and t.desired_state == "running")


# -- rebalance ----------------------------------------------------------------------------------
def rebalance(client: docker.APIClient, service_id: str) -> None:
    """Replace every task of the service (`docker service update --force`): swarm spreads the new ones
    over the nodes that take tasks now, following the service's update config."""

    def change(spec: dict[str, Any]) -> None:
        template = spec.setdefault("TaskTemplate", {})
        template["ForceUpdate"] = int(template.get("ForceUpdate") or 0) + 1

    update_spec(client, service_id, change)
