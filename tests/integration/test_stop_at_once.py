"""Stopping never waits for a thread: against the real swarm, each of the watcher, a log and a stats
stream, a node's event stream, the nodes' container event streams, a node's usage monitor and an exec
session is stopped while busy; `stop()`/`close()` comes back at once (the call itself, measured), and
then its threads do end (`stopped` is set within a deadline, and every thread it ran is gone), with no
exception on any of them."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator

import pytest

from crane_desktop.engine.diff import Diff
from crane_desktop.engine.events import EngineEvent
from crane_desktop.engine.hosts import HostEvents
from crane_desktop.engine.logs import LogRequest, LogStream
from crane_desktop.engine.node_events import NodeEventStreams
from crane_desktop.engine.snapshots import Node
from crane_desktop.engine.stats import StatsStream
from crane_desktop.engine.usage_monitor import SAMPLERS, UsageMonitor
from crane_desktop.engine.watcher import Watcher
from crane_desktop.terminal.exec_bridge import ExecSession
from tests.swarm import IMAGE, container_on, docker, unique, wait_until

PROMPT = 0.1  # seconds: what "at once" allows for setting a flag and shutting sockets
ENDS_WITHIN = 15.0  # seconds: the deadline for the threads to notice and end


@pytest.fixture(scope="module")
def chatty_container() -> Iterator[str]:
    """A container on node-2 that writes a line every 0.1 s (so its log stream is always busy)."""
    with container_on(2, "stopnow", "sh", "-c", "while true; do echo tick; sleep 0.1; done") as container:
        yield container


@pytest.fixture
def thread_errors(monkeypatch: pytest.MonkeyPatch) -> list[BaseException]:
    """Exceptions that escape any thread while the test runs."""
    errors: list[BaseException] = []
    monkeypatch.setattr(threading, "excepthook", lambda args: errors.append(args.exc_value))
    return errors


def _node(cluster, hostname: str) -> Node:
    return next(Node.from_api(n) for n in cluster.client.nodes() if n["Description"]["Hostname"] == hostname)


def _new_threads(before: set[threading.Thread]) -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t not in before]


def _stop_promptly(stop: Callable[[], None]) -> float:
    started = time.monotonic()
    stop()
    return time.monotonic() - started


def _assert_ended(threads: list[threading.Thread], errors: list[BaseException]) -> None:
    alive = [t.name for t in threads if t.is_alive()]
    assert not alive, f"threads still running: {alive}"
    assert errors == []


def test_watcher_stop_returns_at_once_and_its_threads_end(cluster, thread_errors):
    before = set(threading.enumerate())
    watcher = Watcher(cluster, lambda kind, change: None)
    watcher.start()
    wait_until(lambda: cluster.state.phase == "connected" and len(watcher.state["nodes"]) == 4, 30, "listed")
    threads = _new_threads(before)
    assert any(t.name == "crane-events" for t in threads)
    took = _stop_promptly(watcher.stop)
    assert took < PROMPT, f"Watcher.stop took {took:.3f} s"
    assert watcher.wait_stopped(ENDS_WITHIN)
    _assert_ended(threads, thread_errors)


@pytest.mark.parametrize("kind", ["logs", "stats", "usage"])
def test_stream_stop_returns_at_once_and_its_thread_ends(cluster, chatty_container, thread_errors, kind):
    node = _node(cluster, "node-2")
    arrived = threading.Event()
    ended: list[object] = []
    before = set(threading.enumerate())
    if kind == "logs":
        stream = LogStream(
            lambda: cluster.node_stream_client(node),
            LogRequest("container", chatty_container, tail=1),
            lambda batch: arrived.set(),
            ended.append,
        )
    elif kind == "stats":
        stream = StatsStream(
            lambda: cluster.node_stream_client(node),
            chatty_container,
            lambda *sample: arrived.set(),
            ended.append,
        )
    else:  # a node's usage, measured back to back: a measurement is always in flight
        stream = UsageMonitor(
            lambda: cluster.node_stream_client(node, timeout=cluster.timeout, pool_size=SAMPLERS),
            node.hostname,
            lambda usage: arrived.set(),
            ended.append,
            period=0.0,
        )
    stream.start()
    assert arrived.wait(30), f"no {kind} arrived"
    threads = _new_threads(before)
    took = _stop_promptly(stream.stop)
    assert took < PROMPT, f"{kind} stop took {took:.3f} s"
    assert stream.wait_stopped(ENDS_WITHIN)
    _assert_ended(threads, thread_errors)
    assert ended == []  # a stop is not reported as an end


def test_host_events_stop_returns_at_once_and_its_thread_ends(cluster, chatty_container, thread_errors):
    node = _node(cluster, "node-2")
    seen = threading.Event()
    before = set(threading.enumerate())
    events = HostEvents(lambda: cluster.node_stream_client(node), lambda kind: seen.set())
    events.start()
    wait_until(lambda: events.running, 10, "the event stream")
    label = unique("stopnow-vol")
    docker(2, "volume", "create", label)  # an event, so the stream is known to be open
    try:
        assert seen.wait(30), "no event arrived"
    finally:
        docker(2, "volume", "rm", label, check=False)
    threads = _new_threads(before)
    took = _stop_promptly(events.stop)
    assert took < PROMPT, f"HostEvents.stop took {took:.3f} s"
    assert events.wait_stopped(ENDS_WITHIN)
    _assert_ended(threads, thread_errors)


def test_exec_session_close_returns_at_once_and_its_thread_ends(cluster, chatty_container, thread_errors):
    node = _node(cluster, "node-2")
    ended: list[object] = []
    session = ExecSession(
        cluster.node_stream_client(node), chatty_container, ["sh"], lambda code, error: ended.append(code)
    )
    before = set(threading.enumerate())
    session.start()
    session.write(b"echo ready-$((40 + 2))\n")
    screen = bytearray()

    def answered() -> bool:
        screen.extend(session.take())
        return b"ready-42" in screen

    wait_until(answered, 20, "the shell's answer")
    threads = _new_threads(before)
    assert threads and session.running
    took = _stop_promptly(session.close)
    assert took < PROMPT, f"ExecSession.close took {took:.3f} s"
    assert session.wait_stopped(ENDS_WITHIN)
    _assert_ended(threads, thread_errors)
    assert ended == []  # a close is not reported as an end


def test_node_event_streams_stop_at_once_and_their_threads_end(cluster, thread_errors):
    nodes = {n["ID"]: Node.from_api(n) for n in cluster.client.nodes()}
    seen: list[EngineEvent] = []
    before = set(threading.enumerate())
    streams = NodeEventStreams(cluster.node_stream_client, cluster.reaches, seen.append, backfill_minutes=0)
    streams.follow(Diff(added=nodes))
    assert streams.followed == frozenset(nodes)  # every node of the test profile has an endpoint
    name = unique("stopnow-box")
    docker(3, "run", "--rm", "--name", name, IMAGE, "true")  # an event, so node-3's stream is known open
    wait_until(lambda: any(e.name == name and e.action == "destroy" for e in list(seen)), 30, "its events")
    threads = _new_threads(before)
    started = time.monotonic()
    stopped = streams.stop()
    took = time.monotonic() - started
    assert took < PROMPT, f"NodeEventStreams.stop took {took:.3f} s"
    assert len(stopped) == len(nodes) and all(s.wait_stopped(ENDS_WITHIN) for s in stopped)
    streams.follow(Diff(added=nodes))  # the watcher's next diff after the stop starts nothing
    assert streams.followed == frozenset()
    _assert_ended(threads, thread_errors)
