"""The watcher: list each resource once, follow the event stream, poll what has no events.

It runs on threads of its own (docker-py blocks) and hands keyed diffs, at most one per resource type
per flush interval, to a sink callable; the Qt side turns the sink into a queued signal. On a lost
manager it asks the cluster to fail over, then resyncs: the diff against what it had is exactly what
changed meanwhile, so tables get no duplicates and no gaps.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

import docker

from crane_desktop.engine import api
from crane_desktop.engine.cluster import Cluster, Phase
from crane_desktop.engine.diff import Diff, apply, diff
from crane_desktop.engine.errors import (
    ConnectionFailed,
    EngineError,
    EngineTimeout,
    NoLeader,
    NotFound,
    NotSwarmManager,
)
from crane_desktop.engine.events import ResumePoint, raw_key, raw_nanos
from crane_desktop.engine.snapshots import Config, Container, Network, Node, Secret, Service, Task, parse_all
from crane_desktop.engine.task_listing import TaskLister
from crane_desktop.engine.threads import lower_priority, reap

log = logging.getLogger("crane.engine.watcher")

Sink = Callable[[str, Diff[Any]], None]
EventSink = Callable[[dict[str, Any]], None]
RttSink = Callable[[float], None]
# events handed on to `on_event` though no kind here follows them (the events page shows them)
REPORTED_EVENT_TYPES = ("config", "secret")
T = TypeVar("T")


def _container_by_id(client: docker.APIClient, container_id: str) -> dict[str, Any]:
    found: list[dict[str, Any]] = client.containers(all=True, filters={"id": container_id})
    if not found:
        raise NotFound()
    return found[0]


@dataclass(frozen=True)
class ResourceKind:
    """How to list, inspect and parse one resource type, and how often to relist it anyway."""

    name: str
    snapshot: type[Any]  # a snapshot class of snapshots.py (from_api, id)
    list_all: Callable[[docker.APIClient], Any]
    inspect: Callable[[docker.APIClient, str], Any] | None
    event_type: str | None
    relist_every: float


KINDS: dict[str, ResourceKind] = {
    kind.name: kind
    for kind in (
        ResourceKind("nodes", Node, lambda c: c.nodes(), lambda c, i: c.inspect_node(i), "node", 5.0),
        ResourceKind(
            "services", Service, lambda c: c.services(), lambda c, i: c.inspect_service(i), "service", 30.0
        ),
        ResourceKind("tasks", Task, lambda c: c.tasks(), None, None, 1.0),
        ResourceKind(
            "networks",
            Network,
            lambda c: c.networks(filters={"scope": "swarm"}),
            lambda c, i: c.inspect_network(i, scope="swarm"),
            "network",
            30.0,
        ),
        # Rarely changed and announced by events: relisted only once a minute.
        ResourceKind(
            "secrets", Secret, lambda c: c.secrets(), lambda c, i: c.inspect_secret(i), "secret", 60.0
        ),
        ResourceKind(
            "configs", Config, lambda c: c.configs(), lambda c, i: c.inspect_config(i), "config", 60.0
        ),
        ResourceKind(
            "containers", Container, lambda c: c.containers(all=True), _container_by_id, "container", 30.0
        ),
    )
}
CLUSTER_KINDS = ("nodes", "services", "tasks", "networks", "secrets", "configs")
STREAM_ENDED = object()
WAKE = object()  # put on the event queue to wake the loop (a task change is awaited)
INSPECT_LIMIT = 40  # more dirty ids than this in one flush: relist instead of inspecting each
# Tasks have no events: they are relisted every `task_interval` while the cluster changes. Each list
# that finds nothing new doubles the wait, up to a second per thousand tasks (the manager encodes every
# task on each list: ~10 ms of its CPU per thousand), never more than IDLE_TASK_CAP; any change, event
# or poke brings it back to `task_interval`.
IDLE_TASK_CAP = 10.0
TASKS_PER_IDLE_SECOND = 1000
# A node's engine tells when a task's container starts or exits (engine/node_events.py); the manager
# records the task's new state a moment later. Until a list shows that task in one of the states
# awaited (or TASK_WATCH_SECONDS passed), tasks are listed every TASK_WATCH_STEP (never more often than
# four times a list's own time): the task's row comes within a step of the manager's change, not up to
# a second and a flush later.
TASK_WATCH_SECONDS = 2.0
TASK_WATCH_STEP = 0.1
RTT_EVERY = 5.0  # seconds between the /_ping round trips the status bar shows
RTT_SAMPLES = 3  # the median of the last few: one reconnect's handshake is not the link's RTT


class Watcher:
    """Keeps `state[kind]` equal to the engine's truth and reports every change as a Diff."""

    def __init__(
        self,
        cluster: Cluster,
        sink: Sink,
        kinds: Iterable[str] = CLUSTER_KINDS,
        *,
        flush_interval: float = 0.25,
        task_interval: float = 1.0,
        on_event: EventSink | None = None,
        on_rtt: RttSink | None = None,
    ) -> None:
        """`on_event(event)` gets every event of the stream as the engine sent it (on the watcher's
        thread, before the diff it causes), secrets' and configs' too. `on_rtt(seconds)` gets the
        round-trip time to the manager in use every RTT_EVERY seconds (a /_ping, on the watcher's
        thread)."""
        self.cluster = cluster
        self.kinds = [KINDS[name] for name in kinds]
        self.state: dict[str, dict[str, Any]] = {kind.name: {} for kind in self.kinds}
        self._sink = sink
        self._on_event = on_event
        self._on_rtt = on_rtt
        self._rtts: list[float] = []
        self._next_ping = 0.0
        self._flush_interval = flush_interval
        self._task_interval = task_interval
        self._stop = threading.Event()
        self._stopped = threading.Event()
        self._events: queue.Queue[Any] = queue.Queue()
        self._stream: Any = None
        self._events_thread: threading.Thread | None = None
        self._thread: threading.Thread | None = None
        self._dirty: dict[str, set[str]] = {}
        self._next_relist: dict[str, float] = {}
        self._emitted_once: set[str] = set()
        self._resume = ResumePoint()  # the last event handed on (the watcher's thread only)
        self._task_wait = task_interval  # the current wait between task lists (grows while idle)
        # task id -> (the states awaited, until when): the node streams add, the watcher's thread takes
        self._awaited: dict[str, tuple[frozenset[str], float]] = {}
        self._awaited_lock = threading.Lock()
        self._task_lister = TaskLister()
        self._pool = ThreadPoolExecutor(max_workers=len(self.kinds) + 1, thread_name_prefix="crane-list")

    # -- lifecycle -------------------------------------------------------------------------------
    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="crane-watcher", daemon=True)
        self._thread.start()

    def stop(self, timeout: float | None = None) -> None:
        """Stop following; returns at once. The event stream's socket is shut here (that ends its
        read); a reaper thread waits for the watcher's threads and its pool, then sets `stopped`, so
        closing a profile leaves no thread behind without the GUI thread waiting for a list call.
        `timeout` is ignored (kept for callers that passed it): wait on `wait_stopped()`."""
        if self._stop.is_set():
            return
        self._stop.set()
        self._close_stream()
        threads = [t for t in (self._thread, self._events_thread) if t is not None]
        reap("crane-watcher-reaper", lambda: self._reap(threads), self._stopped)

    def _reap(self, threads: list[threading.Thread]) -> None:
        for thread in threads:
            if thread is not threading.current_thread():
                thread.join()
        events_thread = self._events_thread  # a stream opened while stopping has a thread too
        if events_thread is not None and events_thread not in threads:
            self._close_stream()
            events_thread.join()
        self._pool.shutdown(wait=True, cancel_futures=True)

    @property
    def stopped(self) -> threading.Event:
        """Set once every thread of the watcher has ended after `stop()`."""
        return self._stopped

    def wait_stopped(self, timeout: float | None = None) -> bool:
        """Wait (not on the GUI thread) until the watcher's threads have ended; False on timeout."""
        return self._stopped.wait(timeout)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def poke(self, kind: str) -> None:
        """Relist `kind` at the next flush (after an action whose effect has no event, e.g. tasks)."""
        self._next_relist[kind] = 0.0
        if kind == "tasks":
            self._task_wait = self._task_interval

    def expect_task_change(self, task_id: str, states: frozenset[str]) -> None:
        """A task's container started or exited on its node (any thread): list the tasks every
        TASK_WATCH_STEP until the task shows in one of `states` (or TASK_WATCH_SECONDS passed)."""
        now = time.monotonic()
        with self._awaited_lock:
            self._awaited[task_id] = (states, now + TASK_WATCH_SECONDS)
        self._next_relist["tasks"] = min(self._next_relist.get("tasks", 0.0), now + TASK_WATCH_STEP)
        self._events.put(WAKE)

    def _watching_tasks(self, listed: dict[str, Any] | None = None) -> bool:
        """Is a task change still awaited (those `listed` shows, or whose time passed, are not)?"""
        now = time.monotonic()
        with self._awaited_lock:
            for task_id, (states, until) in list(self._awaited.items()):
                task = listed.get(task_id) if listed is not None else None
                if until <= now or (task is not None and task.state in states):
                    del self._awaited[task_id]
            return bool(self._awaited)

    # -- main loop -------------------------------------------------------------------------------
    def _run(self) -> None:
        lower_priority()
        backoff = 0.5
        while not self._stop.is_set():
            try:
                since = self._since()
                self._rtts, self._next_ping = [], 0.0  # perhaps another manager now
                opening = self._pool.submit(self._start_events, since)
                try:
                    self._relist(self.kinds)
                finally:
                    failed_to_open = opening.exception()  # never leave it opening behind our back
                if failed_to_open is not None:
                    raise failed_to_open
                if self.cluster.state.phase != "connected" and not self._stop.is_set():
                    self.cluster.set_phase("connected")
                backoff = 0.5
                self._follow()
            except EngineError as error:
                if self._stop.is_set():
                    break
                self._close_stream()
                if self._should_fail_over(error):
                    log.warning("manager lost: %s", error)
                    if self.cluster.failover(self._stop) is None:
                        break
                else:
                    phase = self._waiting_phase(error)
                    log.warning("%s: %s", phase, error)
                    self.cluster.set_phase(phase, error)
                    self._stop.wait(backoff)
                    backoff = min(backoff * 2, 4.0)
            except Exception:  # a bug must not kill the watcher silently
                log.exception("watcher failed; resyncing")
                self._close_stream()
                self._stop.wait(backoff)
                backoff = min(backoff * 2, 4.0)
        self._close_stream()

    def _should_fail_over(self, error: EngineError) -> bool:
        """Gone or no longer a manager: move. Merely slow (e.g. waiting for a leader): stay."""
        if isinstance(error, EngineTimeout):
            return not self.cluster.alive()
        return isinstance(error, ConnectionFailed | NotSwarmManager)

    def _waiting_phase(self, error: EngineError) -> Phase:
        if isinstance(error, NoLeader) or self.cluster.state.phase == "no-leader":
            return "no-leader"
        return "reconnecting"

    def _follow(self) -> None:
        next_flush = time.monotonic() + self._flush_interval
        while not self._stop.is_set():
            timeout = max(0.0, next_flush - time.monotonic())
            try:
                event = self._events.get(timeout=timeout)
            except queue.Empty:
                event = None
            if event is STREAM_ENDED:
                if self._stop.is_set():
                    return
                self._ask(lambda client: client.ping())  # raises when the manager is gone
                raise EngineError(raw="event stream ended")  # resync with a fresh stream
            if event is WAKE:
                next_flush = min(next_flush, time.monotonic() + TASK_WATCH_STEP)
                continue
            if event is not None:
                self._hand_on(event)
                self._mark(event)
                continue
            step = TASK_WATCH_STEP if self._watching_tasks() else self._flush_interval
            next_flush = time.monotonic() + step
            self._flush()
            self._measure_rtt()

    # -- events ----------------------------------------------------------------------------------
    def _since(self) -> int | str:
        """Where the stream (re)opens. At first a moment before the listing beside it, so no change is
        lost; once events were handed on, from the last of them: the events missed while the stream
        was down come now (the listing has their changes; `_hand_on` drops what comes again)."""
        return self._resume.since() or int(time.time() + self.cluster.clock_skew) - 1

    def _start_events(self, since: int | str | None = None) -> None:
        types = sorted({kind.event_type for kind in self.kinds if kind.event_type})
        if not types:
            return
        if self._on_event is not None:
            types = sorted({*types, *REPORTED_EVENT_TYPES})
        self._close_stream()
        self._events = queue.Queue()
        client = self.cluster.stream_client()
        try:
            stream = api.call(client, client.events, since=since, decode=True, filters={"type": types})
        except EngineError:
            client.close()
            raise
        self._stream = (stream, client)
        if self._stop.is_set():  # stopped while opening: stop() did not see this stream
            self._close_stream()
            return
        target = self._events
        self._events_thread = threading.Thread(
            target=self._read_events, args=(stream, target), name="crane-events", daemon=True
        )
        self._events_thread.start()

    def _read_events(self, stream: Any, target: queue.Queue[Any]) -> None:
        lower_priority()
        try:
            for event in stream:
                target.put(event)
        except Exception as exc:
            if not self._stop.is_set():
                log.info("event stream broke: %s", exc)
        target.put(STREAM_ENDED)

    def _close_stream(self) -> None:
        current, self._stream = self._stream, None
        if current is None:
            return
        stream, client = current
        try:
            stream.close()
        except Exception:
            log.debug("closing the event stream", exc_info=True)
        client.close()

    def _hand_on(self, event: dict[str, Any]) -> None:
        if self._on_event is None or not self._resume.fresh(raw_nanos(event), raw_key(event)):
            return
        try:
            self._on_event(event)
        except Exception:  # a listener's bug must not stop the cluster's refreshes
            log.exception("handing on an event")

    def _mark(self, event: dict[str, Any]) -> None:
        event_type = event.get("Type")
        actor = (event.get("Actor") or {}).get("ID", "")
        for kind in self.kinds:
            if kind.event_type == event_type and actor:
                self._dirty.setdefault(kind.name, set()).add(actor)
        if event_type in ("service", "node"):  # tasks follow their service and their node
            self.poke("tasks")

    # -- listing and diffing ---------------------------------------------------------------------
    def _ask(self, fn: Callable[[docker.APIClient], T]) -> T:
        """`fn(client)` on the manager in use, its errors as EngineErrors."""
        return api.call(self.cluster.endpoint, fn, self.cluster.client)

    def _flush(self) -> None:
        now = time.monotonic()
        due = [k for k in self.kinds if now >= self._next_relist.get(k.name, 0.0)]
        if due:
            self._relist(due)
        dirty, self._dirty = self._dirty, {}
        for kind in self.kinds:
            ids = dirty.get(kind.name)
            if ids and kind not in due:
                self._refresh(kind, ids)

    def _measure_rtt(self) -> None:
        if self._on_rtt is None or time.monotonic() < self._next_ping:
            return
        began = time.perf_counter()
        self._ask(lambda client: client.ping())
        self._rtts = [*self._rtts[-(RTT_SAMPLES - 1) :], time.perf_counter() - began]
        self._next_ping = time.monotonic() + RTT_EVERY
        self._on_rtt(sorted(self._rtts)[len(self._rtts) // 2])

    def _relist(self, kinds: Iterable[ResourceKind]) -> None:
        """List `kinds` (concurrently when several: connect time is then the slowest list, not the
        sum), parse each into snapshots and emit what changed."""
        kinds = list(kinds)
        started = time.monotonic()
        if len(kinds) > 1:
            futures = [self._pool.submit(self._list_parsed, kind) for kind in kinds]
            results = [future.result() for future in futures]
        else:
            results = [self._list_parsed(kinds[0])]
        elapsed = time.monotonic() - started
        for kind, fresh in zip(kinds, results, strict=True):
            change = diff(self.state[kind.name], fresh)
            if kind.name == "tasks":
                watching = self._watching_tasks(fresh)
                base = TASK_WATCH_STEP if watching else self._next_task_wait(bool(change), len(fresh))
            else:
                base = kind.relist_every
            self._next_relist[kind.name] = time.monotonic() + max(base, 4 * elapsed)
            self._emit(kind.name, change)
            if kind.name == "nodes":
                self.cluster.learn_managers(fresh.values())

    def _next_task_wait(self, changed: bool, count: int) -> float:
        if changed:
            self._task_wait = self._task_interval
        else:
            cap = min(IDLE_TASK_CAP, max(self._task_interval, count / TASKS_PER_IDLE_SECOND))
            self._task_wait = min(cap, self._task_wait * 2)
        return self._task_wait

    def _list_parsed(self, kind: ResourceKind) -> dict[str, Any]:
        if kind.name == "tasks":  # the biggest list: decoded only where it changed
            return self._task_lister.parse(self._ask(lambda client: api.get_raw(client, "/tasks")))
        return parse_all(kind.snapshot, self._ask(kind.list_all))

    def _refresh(self, kind: ResourceKind, ids: set[str]) -> None:
        inspect = kind.inspect
        if inspect is None or len(ids) > INSPECT_LIMIT:
            self._relist([kind])
            return
        current = self.state[kind.name]
        fresh: dict[str, Any] = {}
        gone: set[str] = set()
        for object_id in ids:
            try:
                data = api.call(self.cluster.endpoint, inspect, self.cluster.client, object_id)
            except NotFound:
                gone.add(object_id)
                continue
            snapshot = kind.snapshot.from_api(data)
            fresh[snapshot.id or object_id] = snapshot
        change = Diff(
            added={k: v for k, v in fresh.items() if k not in current},
            changed={k: v for k, v in fresh.items() if k in current and current[k] != v},
            removed=frozenset(k for k in gone if k in current),
        )
        self._emit(kind.name, change)

    def _emit(self, kind: str, change: Diff[Any]) -> None:
        if self._stop.is_set():  # the profile is closing: nobody is listening any more
            return
        first = kind not in self._emitted_once
        if not change and not first:
            return
        self._emitted_once.add(kind)
        apply(self.state[kind], change)
        self._sink(kind, change)
