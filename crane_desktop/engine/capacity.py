"""What each node can hold: its CPUs and memory, what the tasks placed on it reserve and may use at most
(limits), what is left, and (where its engine answers) what its containers use right now.

Swarm's scheduler places a task only on a node whose free resources (total minus the reservations of the
tasks it holds) cover the task's reservations; limits do not count. Computed from the snapshots the
store already holds (nodes, tasks), so the GUI needs no extra call; `fetch_capacities` lists them for
the headless command. `closest_node` and `place` answer "why pending" and "can the other nodes take
these tasks" from the same model.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import docker
from docker.utils import version_gte

from crane_desktop.engine import api
from crane_desktop.engine.snapshots import Node, Task, parse_all
from crane_desktop.engine.stats import Sample, rates, sample_from

if TYPE_CHECKING:
    from crane_desktop.engine.cluster import Cluster

log = logging.getLogger("crane.engine.capacity")

NANO = 1_000_000_000
USAGE_SAMPLERS = 8  # containers sampled at once on one node (each sample takes the engine ~1 s)


@dataclass(frozen=True, slots=True)
class Resources:
    """CPUs (in billionths, as the API counts them) and memory in bytes."""

    nano_cpus: int = 0
    memory_bytes: int = 0

    @property
    def cpus(self) -> float:
        return self.nano_cpus / NANO

    def __add__(self, other: Resources) -> Resources:
        return Resources(self.nano_cpus + other.nano_cpus, self.memory_bytes + other.memory_bytes)

    def __sub__(self, other: Resources) -> Resources:
        return Resources(self.nano_cpus - other.nano_cpus, self.memory_bytes - other.memory_bytes)

    def covers(self, need: Resources) -> bool:
        return self.nano_cpus >= need.nano_cpus and self.memory_bytes >= need.memory_bytes

    def shortfall(self, need: Resources) -> Resources:
        """What is missing for `need` to fit in these resources (zero where it fits)."""
        return Resources(
            max(0, need.nano_cpus - self.nano_cpus), max(0, need.memory_bytes - self.memory_bytes)
        )

    @classmethod
    def from_api(cls, data: Any) -> Resources:
        """From a `Reservations`/`Limits`/`Description.Resources` object (missing or odd fields: zero)."""
        if not isinstance(data, Mapping):
            return cls()
        return cls(_whole(data.get("NanoCPUs")), _whole(data.get("MemoryBytes")))


def _whole(value: Any) -> int:
    """A positive whole number from the JSON, else 0 (missing, odd, or a bool)."""
    return value if type(value) is int and value > 0 else 0


@dataclass(frozen=True, slots=True)
class Usage:
    """What a node's running containers use now (its engine's stats), with the engine's own view of
    the machine (/info), which can differ from what the swarm reports after a resize."""

    cpus: float  # CPUs busy: the containers' CPU % summed, / 100
    memory_bytes: int  # without the page cache, as `docker stats`
    containers: int
    engine_cpus: int = 0
    engine_memory_bytes: int = 0
    # Bytes per second since the sampler's previous measurement, summed over the containers (0 for the
    # first one, and for a container first seen in this one).
    net_rx: float = 0.0
    net_tx: float = 0.0
    blk_read: float = 0.0
    blk_write: float = 0.0
    t: float = 0.0  # when it was measured (seconds since the epoch, this workstation's clock)
    baseline: bool = False  # a first look with one-shot samples: CPU needs the next measurement


@dataclass(frozen=True, slots=True)
class NodeCapacity:
    """One node's resources and what its tasks (desired state running) reserve and may use at most."""

    id: str  # the node's id: rows and diffs are keyed by it
    hostname: str
    role: str
    availability: str
    state: str
    total: Resources
    reserved: Resources
    limits: Resources
    tasks: int
    usage: Usage | None = None

    @property
    def free(self) -> Resources:
        return self.total - self.reserved

    @property
    def schedulable(self) -> bool:
        """Does the swarm place new tasks here (ready and active)?"""
        return self.state == "ready" and self.availability == "active"

    def shortfall(self, need: Resources) -> Resources:
        """What this node lacks to take a task reserving `need` (zero if it fits)."""
        return self.free.shortfall(need)


HOLDING = ("running", "ready")  # desired states whose tasks hold their node's reservations


def counts_against(task: Task) -> bool:
    """Does the task hold its node's resources? Placed, and wanted running (desired state running, or
    ready: a restarted task waiting out its restart delay, which the scheduler already counts)."""
    return task.desired_state in HOLDING and bool(task.node_id)


def _resources_of(task: Task) -> Mapping[str, Any]:
    spec = task.raw.get("Spec")
    if type(spec) is not dict and not isinstance(spec, Mapping):  # JSON gives dicts: test that first
        return {}
    resources = spec.get("Resources")
    return resources if type(resources) is dict or isinstance(resources, Mapping) else {}


NOTHING = Resources()


def task_reservations(task: Task) -> Resources:
    try:  # the common shape first: thousands of tasks are read on every update
        reserved = task.raw["Spec"]["Resources"]["Reservations"]
    except (KeyError, TypeError):
        return NOTHING
    if type(reserved) is not dict or not reserved:
        return NOTHING if type(reserved) is dict else Resources.from_api(reserved)
    return Resources(_whole(reserved.get("NanoCPUs")), _whole(reserved.get("MemoryBytes")))


def task_limits(task: Task) -> Resources:
    return Resources.from_api(_resources_of(task).get("Limits"))


def node_capacities(nodes: Iterable[Node], tasks: Iterable[Task]) -> dict[str, NodeCapacity]:
    """Every node's capacity, keyed by node id, from the nodes and tasks snapshots.

    Runs on every task diff in the GUI: plain sums of ints per node (thousands of tasks, few nodes)."""
    sums: dict[str, list[int]] = {}  # node id: [reserved cpus, memory, limit cpus, memory, tasks]
    for task in tasks:
        if task.desired_state not in HOLDING or not task.node_id:
            continue
        row = sums.get(task.node_id)
        if row is None:
            row = sums[task.node_id] = [0, 0, 0, 0, 0]
        row[4] += 1
        resources = _resources_of(task)
        if not resources:
            continue
        for offset, kind in ((0, "Reservations"), (2, "Limits")):
            amounts = resources.get(kind)
            if amounts and (type(amounts) is dict or isinstance(amounts, Mapping)):
                row[offset] += _whole(amounts.get("NanoCPUs"))
                row[offset + 1] += _whole(amounts.get("MemoryBytes"))
    empty = [0, 0, 0, 0, 0]
    capacities = {}
    for node in nodes:
        row = sums.get(node.id, empty)
        capacities[node.id] = NodeCapacity(
            id=node.id,
            hostname=node.hostname,
            role=node.role,
            availability=node.availability,
            state=node.state,
            total=Resources(node.nano_cpus, node.memory_bytes),
            reserved=Resources(row[0], row[1]),
            limits=Resources(row[2], row[3]),
            tasks=row[4],
        )
    return capacities


def cluster_total(capacities: Iterable[NodeCapacity]) -> NodeCapacity:
    """The whole cluster as one row: sums of every node (usage summed over the nodes measured)."""
    total = reserved = limits = Resources()
    tasks = 0
    usages: list[Usage] = []
    for capacity in capacities:
        total += capacity.total
        reserved += capacity.reserved
        limits += capacity.limits
        tasks += capacity.tasks
        if capacity.usage is not None:
            usages.append(capacity.usage)
    usage = (
        Usage(
            cpus=sum(u.cpus for u in usages),
            memory_bytes=sum(u.memory_bytes for u in usages),
            containers=sum(u.containers for u in usages),
        )
        if usages
        else None
    )
    return NodeCapacity("", "", "", "", "", total, reserved, limits, tasks, usage)


def closest_node(
    capacities: Iterable[NodeCapacity],
    need: Resources,
    eligible: Callable[[NodeCapacity], bool] | None = None,
) -> tuple[NodeCapacity, Resources] | None:
    """The eligible node that comes nearest to fitting a task reserving `need`, and what it lacks (zero
    when it fits). Eligible: schedulable, and `eligible` if given (constraints, platform...). Nearest:
    the smallest shortfall relative to the need, memory and CPU weighed alike. None without candidates."""
    best: tuple[float, str, NodeCapacity, Resources] | None = None
    for capacity in capacities:
        if not capacity.schedulable or (eligible is not None and not eligible(capacity)):
            continue
        missing = capacity.shortfall(need)
        score = (missing.nano_cpus / need.nano_cpus if need.nano_cpus else 0.0) + (
            missing.memory_bytes / need.memory_bytes if need.memory_bytes else 0.0
        )
        if best is None or (score, capacity.hostname) < best[:2]:
            best = (score, capacity.hostname, capacity, missing)
    return None if best is None else (best[2], best[3])


def place(
    capacities: Iterable[NodeCapacity], needs: Iterable[Resources], exclude: Iterable[str] = ()
) -> tuple[dict[int, str], list[int]]:
    """Can the schedulable nodes (but those in `exclude`, e.g. the node to drain) take tasks reserving
    `needs`? Largest first, each on the node with the most room left (as swarm spreads).
    Returns ({index of need: node id}, [indexes that fit nowhere])."""
    skip = set(exclude)
    free = {c.id: c.free for c in capacities if c.schedulable and c.id not in skip}
    needs = list(needs)
    order = sorted(range(len(needs)), key=lambda i: (needs[i].memory_bytes, needs[i].nano_cpus), reverse=True)
    placed: dict[int, str] = {}
    unplaced: list[int] = []
    for index in order:
        need = needs[index]
        fitting = [node_id for node_id, room in free.items() if room.covers(need)]
        if not fitting:
            unplaced.append(index)
            continue
        chosen = max(fitting, key=lambda node_id: (free[node_id].memory_bytes, free[node_id].nano_cpus))
        free[chosen] = free[chosen] - need
        placed[index] = chosen
    return placed, sorted(unplaced)


# -- from the engine (blocking: off the GUI thread) ---------------------------------------------------
def fetch_capacities(client: docker.APIClient) -> tuple[list[NodeCapacity], dict[str, Node]]:
    """Every node's capacity from a manager (two list calls), sorted by hostname, and the nodes by id
    (to reach their engines for `measure_usage`)."""
    nodes = parse_all(Node, api.call(client, client.nodes))
    tasks = parse_all(Task, api.call(client, client.tasks)).values()
    return sorted(node_capacities(nodes.values(), tasks).values(), key=lambda c: c.hostname), nodes


def measure_usage(cluster: Cluster, node: Node) -> Usage | None:
    """The node's live usage through its own engine; None when Crane knows no way to it or it does
    not answer (usage is extra information: its absence is no error)."""
    if node.state != "ready":
        return None
    try:
        return node_usage(cluster.node_client(node))
    except Exception as error:
        log.info("no usage for node %s: %s", node.hostname, error)
        return None


def node_usage(client: docker.APIClient) -> Usage:
    """What the running containers of the engine behind `client` use now, summed (one stats sample of
    each, taken side by side), with the engine's CPUs and memory from /info."""
    return UsageSampler(one_shot=False).measure(client)


class UsageSampler:
    """Measures one engine's containers again and again, each measurement one stats sample of every
    running container taken side by side, summed.

    The engine answers a stats request at the next tick of its 1 s collector, which all pending
    requests share: a measurement costs about one second per `samplers` containers. With `one_shot`
    (API >= 1.41) the engine answers at the first tick instead of the second, and CPU % and the rates
    are taken against this sampler's previous sample of the container, so the first measurement is
    only a `baseline`. Without it, CPU % comes from the engine's own previous tick.
    """

    def __init__(self, one_shot: bool = True, samplers: int = USAGE_SAMPLERS) -> None:
        self.one_shot = one_shot
        self.samplers = samplers
        self._previous: dict[str, tuple[dict[str, Any], Sample]] = {}  # container id: raw stats, sample
        self._engine: tuple[int, int] | None = None  # CPUs and memory from /info, read once
        self._measured = False

    def measure(self, client: docker.APIClient, stop: threading.Event | None = None) -> Usage:
        """One measurement (blocking; `stop` skips the samples not yet asked for)."""
        if self._engine is None:
            info = api.call(client, client.info)
            self._engine = (_whole(info.get("NCPU")), _whole(info.get("MemTotal")))
        one_shot = self.one_shot and version_gte(client.api_version, "1.41")
        containers = [
            c["Id"] for c in api.call(client, client.containers) if isinstance(c, Mapping) and c.get("Id")
        ]

        def sample(container_id: str) -> dict[str, Any] | None:
            if stop is not None and stop.is_set():
                return None
            return _stats_or_none(client, container_id, one_shot)

        raws: list[dict[str, Any] | None] = []
        if containers:
            with ThreadPoolExecutor(max_workers=min(self.samplers, len(containers))) as pool:
                raws = list(pool.map(sample, containers))
        previous, self._previous = self._previous, {}
        baseline, self._measured = one_shot and not self._measured, True
        now = time.time()
        cpus = 0.0
        memory = 0
        moved = [0.0, 0.0, 0.0, 0.0]
        for container_id, raw in zip(containers, raws, strict=False):
            if raw is None:
                continue
            before = previous.get(container_id)
            taken = sample_from(raw, before[0] if before else None)
            if taken.t == 0.0:  # a container that stopped answers with zero times
                continue
            if one_shot and before is None:  # no previous reading yet: its CPU % is not known
                taken = replace(taken, cpu_percent=0.0)
            self._previous[container_id] = (raw, taken)
            step = rates(before[1] if before else None, taken)
            cpus += taken.cpu_percent / 100.0
            memory += taken.mem_usage
            for index, value in enumerate((step.net_rx, step.net_tx, step.blk_read, step.blk_write)):
                moved[index] += value
        return Usage(
            cpus=cpus,
            memory_bytes=memory,
            containers=len(self._previous),
            engine_cpus=self._engine[0],
            engine_memory_bytes=self._engine[1],
            net_rx=moved[0],
            net_tx=moved[1],
            blk_read=moved[2],
            blk_write=moved[3],
            t=now,
            baseline=baseline,
        )


def _stats_or_none(client: docker.APIClient, container_id: str, one_shot: bool) -> dict[str, Any] | None:
    extra = {"one_shot": True} if one_shot else {}  # docker-py refuses the argument below API 1.41
    try:
        raw = api.call(client, client.stats, container_id, stream=False, **extra)
    except Exception as error:  # the container stopped between the list and its sample
        log.debug("no stats for %s: %s", container_id[:12], error)
        return None
    return raw if isinstance(raw, dict) else None


def with_usage(capacity: NodeCapacity, usage: Usage | None) -> NodeCapacity:
    return replace(capacity, usage=usage)


def as_json(capacity: NodeCapacity) -> dict[str, Any]:
    """One node as the headless command's JSON: CPUs as numbers, memory in bytes."""
    data: dict[str, Any] = {
        "id": capacity.id,
        "hostname": capacity.hostname,
        "role": capacity.role,
        "availability": capacity.availability,
        "state": capacity.state,
        "tasks": capacity.tasks,
        "cpus": capacity.total.cpus,
        "cpus_reserved": capacity.reserved.cpus,
        "cpus_limits": capacity.limits.cpus,
        "cpus_free": capacity.free.cpus,
        "memory": capacity.total.memory_bytes,
        "memory_reserved": capacity.reserved.memory_bytes,
        "memory_limits": capacity.limits.memory_bytes,
        "memory_free": capacity.free.memory_bytes,
    }
    if capacity.usage is not None:
        data["cpus_used"] = round(capacity.usage.cpus, 3)
        data["memory_used"] = capacity.usage.memory_bytes
        data["containers"] = capacity.usage.containers
    return data
