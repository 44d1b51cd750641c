"""Why a task is pending (or a service does not converge), in one plain sentence.

The engine's own word on a pending task is a count ("no suitable node (scheduling constraints not
satisfied on 4 nodes)"). Here the scheduler's filters are replayed client-side on the watcher's snapshots
(no extra engine call), so the sentence names what fails where: the constraint no node satisfies, the
closest node and the memory it lacks, the host port taken everywhere...

The nodes are narrowed as swarmkit's filters do, but in the order that explains best: availability,
constraints, platform (what no node can ever change), then resources, host ports and max replicas per node
(what frees up). The first filter that leaves no node is the reason. When every filter leaves a node, the
engine's message is shown as it is (a filter replayed here does not cover it, e.g. a missing plugin).

A reason is structured (`Reason`: a kind and its fields); `Reason.template` / `Reason.params` give the
English sentence marked for translation (the GUI translates it with messages.engine_text, the headless
command fills it in as it is).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import docker

from crane_desktop.engine.capacity import task_reservations
from crane_desktop.engine.entrypoints import find_service
from crane_desktop.engine.errors import translate
from crane_desktop.engine.formatting import byte_size, cpu_amount
from crane_desktop.engine.health import FAILED_STATES, task_counts
from crane_desktop.engine.i18n import QT_TRANSLATE_NOOP
from crane_desktop.engine.placement import (
    Constraint,
    ConstraintError,
    failed_constraints,
    node_platform,
    parse_constraints,
    platform_fits,
    platforms_of,
)
from crane_desktop.engine.registries import DOCKER_HUB, registry_of
from crane_desktop.engine.snapshots import Node, Service, Task, parse_all

PENDING_STATES = ("new", "allocated", "pending")
# Tasks that hold their node's resources and host ports in swarmkit's scheduler (assigned until running).
HOLDING_STATES = ("assigned", "accepted", "preparing", "ready", "starting", "running")
ACTIVE_DESIRED = (
    "new",
    "allocated",
    "pending",
    "assigned",
    "accepted",
    "preparing",
    "ready",
    "starting",
    "running",
)
_PULL_ERRORS = (
    "no such image",
    "pull access denied",
    "manifest unknown",
    "failed to resolve reference",
    "error pulling image",
    "repository does not exist",
)


class Kind(StrEnum):
    NODE_PAUSED = "node-paused"  # a global task's own node takes no new tasks
    NODE_DRAINED = "node-drained"
    NODE_DOWN = "node-down"
    NO_AVAILABLE_NODE = "no-available-node"  # every node is down, paused or drained
    CONSTRAINT = "constraint"  # one constraint that no available node satisfies
    UNKNOWN_KEY = "unknown-key"  # a constraint key swarm does not know: no node can ever satisfy it
    CONSTRAINTS = "constraints"  # every node fails one constraint or another
    ONLY_UNAVAILABLE = "only-unavailable"  # the nodes satisfying the constraints take no new tasks
    INVALID_CONSTRAINT = "invalid-constraint"
    PLATFORM = "platform"
    MEMORY = "memory"
    CPUS = "cpus"
    CPUS_AND_MEMORY = "cpus-and-memory"
    HOST_PORT = "host-port"
    MAX_REPLICAS = "max-replicas"
    IMAGE = "image"  # the image cannot be pulled
    PRIVATE_IMAGE = "private-image"  # the image of a registry other than Docker Hub cannot be pulled
    FAILING = "failing"  # the service's tasks keep failing
    ENGINE = "engine"  # only the engine's own message
    SCHEDULING = "scheduling"  # a node fits: the scheduler has not placed it yet


_TEMPLATES: dict[Kind, str] = {
    Kind.NODE_PAUSED: QT_TRANSLATE_NOOP("engine", "Its node {node} is paused: it takes no new tasks."),
    Kind.NODE_DRAINED: QT_TRANSLATE_NOOP("engine", "Its node {node} is drained: it takes no tasks."),
    Kind.NODE_DOWN: QT_TRANSLATE_NOOP("engine", "Its node {node} is down."),
    Kind.NO_AVAILABLE_NODE: QT_TRANSLATE_NOOP(
        "engine", "No node takes new tasks: every node is down, paused or drained ({nodes})."
    ),
    Kind.CONSTRAINT: QT_TRANSLATE_NOOP("engine", "No node satisfies the constraint {constraint}."),
    Kind.UNKNOWN_KEY: QT_TRANSLATE_NOOP(
        "engine", "No node can satisfy the constraint {constraint}: swarm knows no key {key}."
    ),
    Kind.CONSTRAINTS: QT_TRANSLATE_NOOP(
        "engine", "No node satisfies all the constraints; each fails one: {failures}."
    ),
    Kind.ONLY_UNAVAILABLE: QT_TRANSLATE_NOOP(
        "engine",
        "Only nodes that take no new tasks (down, paused or drained) satisfy the constraints: {nodes}.",
    ),
    Kind.INVALID_CONSTRAINT: QT_TRANSLATE_NOOP("engine", "A placement constraint is invalid: {message}"),
    Kind.PLATFORM: QT_TRANSLATE_NOOP(
        "engine", "No node has a platform the image supports ({platforms}); the nodes run {nodes}."
    ),
    Kind.MEMORY: QT_TRANSLATE_NOOP(
        "engine", "Not enough memory: it needs {memory}; {node}, the closest node, has {free_memory} free."
    ),
    Kind.CPUS: QT_TRANSLATE_NOOP(
        "engine", "Not enough CPU: it needs {cpus} CPUs; {node}, the closest node, has {free_cpus} free."
    ),
    Kind.CPUS_AND_MEMORY: QT_TRANSLATE_NOOP(
        "engine",
        "Not enough CPU and memory: it needs {cpus} CPUs and {memory}; {node}, the closest node, "
        "has {free_cpus} CPUs and {free_memory} free.",
    ),
    Kind.HOST_PORT: QT_TRANSLATE_NOOP(
        "engine", "Host port {port} is already in use on every node it may run on ({nodes})."
    ),
    Kind.MAX_REPLICAS: QT_TRANSLATE_NOOP(
        "engine", "At most {max} task(s) per node, and every node it may run on has that many ({nodes})."
    ),
    Kind.IMAGE: QT_TRANSLATE_NOOP("engine", "The image {image} cannot be pulled: {message}"),
    Kind.PRIVATE_IMAGE: QT_TRANSLATE_NOOP(
        "engine",
        "The nodes could not pull {image} from the registry {registry}: no credentials were sent for it, "
        "the registry refused them, or it has no such image. Add the registry's login under Registries, "
        "then deploy or update the service again. The engine says: {message}",
    ),
    Kind.FAILING: QT_TRANSLATE_NOOP("engine", "Its tasks keep failing: {message}"),
    Kind.ENGINE: QT_TRANSLATE_NOOP("engine", "The scheduler says: {message}"),
    Kind.SCHEDULING: QT_TRANSLATE_NOOP("engine", "Waiting for the scheduler: {nodes} can take it."),
}


@dataclass(frozen=True, slots=True)
class Reason:
    """Why one task (or a service) is stuck: a kind and what the sentence names."""

    kind: Kind
    node: str = ""  # the node in question (a global task's node, the closest node)
    nodes: tuple[str, ...] = ()  # the nodes the sentence lists (hostnames)
    constraint: str = ""
    key: str = ""
    failures: tuple[tuple[str, str], ...] = ()  # (hostname, the constraint it fails)
    platforms: tuple[str, ...] = ()
    cpus: int = 0  # nano CPUs needed
    memory: int = 0  # bytes needed
    free_cpus: int = 0
    free_memory: int = 0
    port: str = ""  # "8080/tcp"
    max_replicas: int = 0
    image: str = ""
    registry: str = ""  # the image's registry (host[:port])
    message: str = ""  # the engine's own text (the task's Status.Err), shown beside the sentence

    @property
    def template(self) -> str:
        return _TEMPLATES[self.kind]

    @property
    def params(self) -> dict[str, str]:
        return {
            "node": self.node,
            "nodes": ", ".join(self.nodes),
            "constraint": self.constraint,
            "key": self.key,
            "failures": "; ".join(f"{host}: {constraint}" for host, constraint in self.failures),
            "platforms": ", ".join(self.platforms),
            "cpus": cpu_amount(self.cpus),
            "memory": byte_size(self.memory),
            "free_cpus": cpu_amount(max(self.free_cpus, 0)),
            "free_memory": byte_size(max(self.free_memory, 0)),
            "port": self.port,
            "max": str(self.max_replicas),
            "image": self.image,
            "registry": self.registry,
            "message": self.message,
        }

    @property
    def text(self) -> str:
        """The English sentence (the headless command's)."""
        return self.template.format(**self.params)


@dataclass(frozen=True, slots=True)
class Pending:
    """One explained task (None for a service-wide reason), with the reason."""

    task: Task | None
    reason: Reason


@dataclass(frozen=True)
class ClusterView:
    """The snapshots an explanation reads: the store's (GUI) or one listing (headless command)."""

    nodes: Mapping[str, Node]
    services: Mapping[str, Service]
    tasks: Mapping[str, Task]


@dataclass
class NodeUse:
    """What a node's assigned tasks hold, as swarmkit's scheduler counts it."""

    nano_cpus: int = 0
    memory: int = 0
    host_ports: set[tuple[int, str]] = field(default_factory=set)
    active: dict[str, int] = field(default_factory=dict)  # tasks per service meant to run


def _spec(task: Task) -> Mapping[str, Any]:
    spec = task.raw.get("Spec")
    return spec if isinstance(spec, Mapping) else {}


def _section(mapping: Mapping[str, Any], *path: str) -> Mapping[str, Any]:
    for key in path:
        value = mapping.get(key)
        mapping = value if isinstance(value, Mapping) else {}
    return mapping


def _number(value: Any) -> int:
    return value if type(value) is int else 0  # JSON numbers: int, never bool or a subclass


def host_ports(service: Service | None) -> set[tuple[int, str]]:
    """The service's published ports in host mode (a port 0 is chosen by the engine: no conflict)."""
    if service is None:
        return set()
    return {(p.published, p.protocol) for p in service.ports if p.mode == "host" and p.published}


def node_use(view: ClusterView) -> dict[str, NodeUse]:
    """Reservations, host ports and active tasks per node, as swarmkit's scheduler counts them: the
    tasks placed on the node whose state has not ended. (The Capacity page counts by desired state,
    as an operator reads a reservation; a pending task's own reservation is not counted here.)"""
    use: dict[str, NodeUse] = {}
    for task in view.tasks.values():
        if not task.node_id or task.state not in HOLDING_STATES:
            continue
        held = use.setdefault(task.node_id, NodeUse())
        reserved = task_reservations(task)
        held.nano_cpus += reserved.nano_cpus
        held.memory += reserved.memory_bytes
        held.host_ports |= host_ports(view.services.get(task.service_id))
        if task.desired_state in ACTIVE_DESIRED:
            held.active[task.service_id] = held.active.get(task.service_id, 0) + 1
    return use


def is_pending(task: Task) -> bool:
    """Waiting for a node: not yet placed, and meant to run (a job's task is meant to complete)."""
    return task.state in PENDING_STATES and task.desired_state in ("running", "ready", "complete")


def _hostnames(nodes: Iterable[Node]) -> tuple[str, ...]:
    return tuple(sorted(n.hostname for n in nodes))


def _unavailable(node: Node, message: str) -> Reason:
    if node.state != "ready":
        return Reason(Kind.NODE_DOWN, node=node.hostname, message=message)
    kind = Kind.NODE_DRAINED if node.availability == "drain" else Kind.NODE_PAUSED
    return Reason(kind, node=node.hostname, message=message)


def _constraint_reason(
    constraints: list[Constraint], candidates: list[Node], message: str
) -> tuple[Reason | None, list[Node]]:
    """The nodes satisfying every constraint, or the reason none does."""
    fits = [n for n in candidates if not failed_constraints(constraints, n)]
    if fits or not constraints:
        return None, fits
    for constraint in constraints:
        if not constraint.known_key:
            return Reason(
                Kind.UNKNOWN_KEY, constraint=str(constraint), key=constraint.key, message=message
            ), []
    for constraint in constraints:  # one constraint no node satisfies: name it alone
        if not any(constraint.holds_on(n) for n in candidates):
            return Reason(Kind.CONSTRAINT, constraint=str(constraint), message=message), []
    failures = tuple(
        (n.hostname, str(failed_constraints(constraints, n)[0]))
        for n in sorted(candidates, key=lambda n: n.hostname)
    )
    return Reason(Kind.CONSTRAINTS, failures=failures, message=message), []


def _resource_reason(
    cpus: int, memory: int, candidates: list[Node], use: Mapping[str, NodeUse], message: str
) -> tuple[Reason | None, list[Node]]:
    """The nodes with room for the reservation, or the closest one and what it lacks."""

    def free(node: Node) -> tuple[int, int]:
        held = use.get(node.id, NodeUse())
        return node.nano_cpus - held.nano_cpus, node.memory_bytes - held.memory

    fits = [n for n in candidates if cpus <= free(n)[0] and memory <= free(n)[1]]
    if fits or not candidates:
        return None, fits

    def shortfall(node: Node) -> tuple[int, float, str]:
        free_cpus, free_memory = free(node)
        lacks = [need > have for need, have in ((cpus, free_cpus), (memory, free_memory))]
        relative = (max(cpus - free_cpus, 0) / cpus if cpus else 0.0) + (
            max(memory - free_memory, 0) / memory if memory else 0.0
        )
        return sum(lacks), relative, node.hostname

    closest = min(candidates, key=shortfall)
    free_cpus, free_memory = free(closest)
    lacks_cpus, lacks_memory = cpus > free_cpus, memory > free_memory
    kind = Kind.CPUS_AND_MEMORY if lacks_cpus and lacks_memory else Kind.CPUS if lacks_cpus else Kind.MEMORY
    reason = Reason(
        kind,
        node=closest.hostname,
        cpus=cpus,
        memory=memory,
        free_cpus=free_cpus,
        free_memory=free_memory,
        message=message,
    )
    return reason, []


def explain_task(task: Task, view: ClusterView, use: Mapping[str, NodeUse] | None = None) -> Reason:
    """Why this pending task has no node (`use`: node_use(view), computed once for many tasks)."""
    use = node_use(view) if use is None else use
    message = task.error
    spec = _spec(task)
    placement = _section(spec, "Placement")
    # A global task is made for one node: only that node counts.
    pinned = view.nodes.get(task.node_id) if task.node_id else None
    candidates = [pinned] if pinned is not None else sorted(view.nodes.values(), key=lambda n: n.hostname)
    available = [n for n in candidates if n.state == "ready" and n.availability == "active"]
    if pinned is not None and not available:
        return _unavailable(pinned, message)
    if not available:
        return Reason(Kind.NO_AVAILABLE_NODE, nodes=_hostnames(candidates), message=message)

    expressions = placement.get("Constraints")
    try:
        constraints = (
            parse_constraints(e for e in expressions if isinstance(e, str))
            if isinstance(expressions, list)
            else []
        )
    except ConstraintError as error:
        return Reason(Kind.INVALID_CONSTRAINT, message=str(error))
    reason, fits = _constraint_reason(constraints, available, message)
    if reason is not None:
        resting = [n for n in candidates if n not in available and not failed_constraints(constraints, n)]
        if resting:  # the nodes that would do are down, paused or drained: say that, not "no node"
            return Reason(Kind.ONLY_UNAVAILABLE, nodes=_hostnames(resting), message=message)
        return reason

    platforms = platforms_of(placement)
    on_platform = [n for n in fits if platform_fits(platforms, n)]
    if not on_platform:
        return Reason(
            Kind.PLATFORM,
            platforms=tuple(str(p) for p in platforms),
            nodes=tuple(sorted({str(node_platform(n)) for n in fits})),
            message=message,
        )

    reserved = task_reservations(task)
    cpus, memory = reserved.nano_cpus, reserved.memory_bytes
    reason, roomy = (
        _resource_reason(cpus, memory, on_platform, use, message) if cpus or memory else (None, on_platform)
    )
    if reason is not None:
        return reason

    service = view.services.get(task.service_id)
    ports = host_ports(service)
    port_free = [n for n in roomy if not (ports & use.get(n.id, NodeUse()).host_ports)]
    if not port_free:
        taken = sorted(ports & set().union(*(use.get(n.id, NodeUse()).host_ports for n in roomy)))
        return Reason(
            Kind.HOST_PORT,
            port=", ".join(f"{port}/{protocol}" for port, protocol in taken),
            nodes=_hostnames(roomy),
            message=message,
        )

    max_replicas = _number(placement.get("MaxReplicas"))
    if max_replicas > 0:
        below = [
            n for n in port_free if use.get(n.id, NodeUse()).active.get(task.service_id, 0) < max_replicas
        ]
        if not below:
            return Reason(
                Kind.MAX_REPLICAS, max_replicas=max_replicas, nodes=_hostnames(port_free), message=message
            )
        port_free = below

    if message:
        return Reason(Kind.ENGINE, message=message)
    return Reason(Kind.SCHEDULING, nodes=_hostnames(port_free))


def _is_pull_error(message: str) -> bool:
    lowered = message.lower()
    return any(pattern in lowered for pattern in _PULL_ERRORS)


def _explain(
    service: Service, ours: list[Task], view: ClusterView, use: Callable[[], Mapping[str, NodeUse]]
) -> list[Pending]:
    pending = sorted((t for t in ours if is_pending(t)), key=lambda t: (t.slot, t.node_id, t.id))
    if pending:
        held = use()
        return [Pending(t, explain_task(t, view, held)) for t in pending]
    if service.mode not in ("replicated", "global"):  # a job's tasks end by design
        return []
    running, desired = task_counts(service, ours)
    if running >= desired:
        return []
    failed = sorted((t for t in ours if t.state in FAILED_STATES), key=lambda t: t.updated_at, reverse=True)
    if not failed:
        return []
    latest = failed[0]
    message = latest.error or latest.message
    if _is_pull_error(message):
        registry = registry_of(service.image)
        if registry != DOCKER_HUB:
            reason = Reason(Kind.PRIVATE_IMAGE, image=service.short_image, registry=registry, message=message)
            return [Pending(None, reason)]
        return [Pending(None, Reason(Kind.IMAGE, image=service.short_image, message=message))]
    return [Pending(None, Reason(Kind.FAILING, message=message))]


def explain_service(
    service: Service, view: ClusterView, use: Mapping[str, NodeUse] | None = None
) -> list[Pending]:
    """Every pending task of the service with its reason; with none pending but fewer tasks running than
    wanted, the reason the tasks end (the image cannot be pulled, they keep failing). Empty: converging."""
    ours = [t for t in view.tasks.values() if t.service_id == service.id]
    return _explain(service, ours, view, lambda: node_use(view) if use is None else use)


def explain_all(view: ClusterView) -> dict[str, list[Pending]]:
    """The services that do not converge, with their reasons (for the overview): the tasks are grouped
    and the nodes' use counted once, and only when a task is pending."""
    by_service: dict[str, list[Task]] = {}
    for task in view.tasks.values():
        by_service.setdefault(task.service_id, []).append(task)
    held: list[Mapping[str, NodeUse]] = []

    def use() -> Mapping[str, NodeUse]:
        if not held:
            held.append(node_use(view))
        return held[0]

    found = {}
    for service in view.services.values():
        explained = _explain(service, by_service.get(service.id, []), view, use)
        if explained:
            found[service.id] = explained
    return found


def task_label(task: Task | None, nodes: Mapping[str, Node]) -> str:
    """ "slot 2", "node node-3" (a global task), "" for a service-wide reason (English, headless)."""
    if task is None:
        return ""
    if task.slot:
        return f"slot {task.slot}"
    node = nodes.get(task.node_id)
    return f"node {node.hostname if node else task.node_id[:12]}"


def fetch_explanation(
    client: docker.APIClient, name: str, stack: str = ""
) -> tuple[Service, ClusterView, list[Pending]]:
    """Look the service up (by name, id, or `stack_name`), list the cluster once, and explain it."""
    service = find_service(client, name, stack)
    try:
        view = ClusterView(
            nodes=parse_all(Node, client.nodes()),
            services=parse_all(Service, client.services()),
            tasks=parse_all(Task, client.tasks()),
        )
    except Exception as exc:
        raise translate(exc) from exc
    return service, view, explain_service(service, view)
