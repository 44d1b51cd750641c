"""The cluster's health at a glance, computed from the snapshots the store already holds (no engine
call): nodes by state, the managers' quorum, services that have not converged, tasks that failed
lately, rollouts that are not done, and the swarm's root certificate.

Pure functions over the snapshots, so the overview recomputes them on every diff and the tests run
them on recorded snapshots.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cryptography import x509

from crane_desktop.engine.snapshots import Node, Service, Task

FAILED_WINDOW = timedelta(minutes=15)
FAILED_STATES = frozenset({"failed", "rejected"})
ROLLOUT_STATES = frozenset(
    {"updating", "paused", "rollback_started", "rollback_paused", "rollback_completed"}
)
JOB_MODES = frozenset({"replicated-job", "global-job"})


@dataclass(frozen=True, slots=True)
class NodeCounts:
    ready: int = 0
    down: int = 0  # not ready: down, disconnected or unknown
    drained: int = 0
    paused: int = 0

    @property
    def total(self) -> int:
        return self.ready + self.down


@dataclass(frozen=True, slots=True)
class Quorum:
    managers: int
    reachable: int

    @property
    def needed(self) -> int:
        """Raft needs a majority of the managers."""
        return self.managers // 2 + 1

    @property
    def spare(self) -> int:
        """How many more managers may be lost before the cluster stops (negative: already lost)."""
        return self.reachable - self.needed


@dataclass(frozen=True, slots=True)
class Convergence:
    service_id: str
    name: str
    running: int
    desired: int


@dataclass(frozen=True, slots=True)
class FailedTask:
    task_id: str
    service_id: str
    service_name: str
    slot: int
    node_id: str
    state: str
    reason: str
    when: datetime


@dataclass(frozen=True, slots=True)
class Rollout:
    service_id: str
    name: str
    state: str
    message: str


@dataclass(frozen=True, slots=True)
class Health:
    nodes: NodeCounts
    quorum: Quorum
    services: int
    not_converged: tuple[Convergence, ...]
    failed: tuple[FailedTask, ...]
    rollouts: tuple[Rollout, ...]


def task_counts(service: Service, tasks: Iterable[Task]) -> tuple[int, int]:
    """(running, desired) tasks of a service, as `docker service ls` counts them: a replicated
    service wants its replicas, a global one a task on every node that has one to run."""
    running = desired = 0
    for task in tasks:
        if task.desired_state == "running":
            desired += 1
            running += task.state == "running"
    if service.mode == "replicated":
        desired = service.replicas or 0
    return running, desired


def node_counts(nodes: Iterable[Node]) -> NodeCounts:
    ready = down = drained = paused = 0
    for node in nodes:
        if node.state == "ready":
            ready += 1
        else:
            down += 1
        drained += node.availability == "drain"
        paused += node.availability == "pause"
    return NodeCounts(ready, down, drained, paused)


def quorum(nodes: Iterable[Node]) -> Quorum:
    managers = [node for node in nodes if node.role == "manager"]
    reachable = sum(1 for node in managers if node.reachability == "reachable")
    return Quorum(len(managers), reachable)


def assess(
    nodes: Mapping[str, Node],
    services: Mapping[str, Service],
    tasks: Mapping[str, Task],
    now: datetime | None = None,
) -> Health:
    """Everything the overview shows, from one pass over the tasks."""
    now = now or datetime.now(UTC)
    by_service: dict[str, list[Task]] = defaultdict(list)
    failed: list[FailedTask] = []
    since = now - FAILED_WINDOW
    for task in tasks.values():
        by_service[task.service_id].append(task)
        if task.state in FAILED_STATES and task.updated_at >= since:
            service = services.get(task.service_id)
            failed.append(
                FailedTask(
                    task.id,
                    task.service_id,
                    service.name if service else task.service_id,
                    task.slot,
                    task.node_id,
                    task.state,
                    task.error or task.message,
                    task.updated_at,
                )
            )
    not_converged = []
    rollouts = []
    for service in services.values():
        if service.mode not in JOB_MODES:
            running, desired = task_counts(service, by_service.get(service.id, ()))
            if running != desired:
                not_converged.append(Convergence(service.id, service.name, running, desired))
        if service.update_state in ROLLOUT_STATES:
            rollouts.append(Rollout(service.id, service.name, service.update_state, service.update_message))
    return Health(
        nodes=node_counts(nodes.values()),
        quorum=quorum(nodes.values()),
        services=len(services),
        not_converged=tuple(sorted(not_converged, key=lambda c: c.name)),
        failed=tuple(sorted(failed, key=lambda f: f.when, reverse=True)),
        rollouts=tuple(sorted(rollouts, key=lambda r: r.name)),
    )


def swarm_root_expiry(nodes: Iterable[Node]) -> datetime | None:
    """When the swarm's root CA certificate expires (from the nodes' TLS info; during a CA rotation
    the nodes may hold two roots: the earliest counts). None when no node reports one."""
    roots = {node.raw.get("Description", {}).get("TLSInfo", {}).get("TrustRoot", "") for node in nodes}
    expiries = []
    for pem in roots - {""}:
        try:
            expiries.append(pem_expiry(pem.encode()))
        except ValueError:
            continue
    return min(expiries, default=None)


@functools.lru_cache(maxsize=16)
def pem_expiry(pem: bytes) -> datetime:
    """The end of a PEM certificate's validity (ValueError when it is not one). Kept per certificate:
    the overview and the alert rules ask again on every diff, and the roots rarely change."""
    return x509.load_pem_x509_certificate(pem).not_valid_after_utc
