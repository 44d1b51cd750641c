"""E1: the engine's event time -> its row shown on the Events page. Target: within 1 s (issue 15).

A MainWindow connected to the test swarm shows its Events page. Each run drains node-4 and makes it
active again (node events of the manager's stream), and creates a service whose one task fails at once
(a task row, from the task diffs; and its container's `die`, from node streams of the nodes' own
engines). The latency of a row is from the time the engine gives the event (its timeNano; for a task,
the moment its state changed) to the moment the row enters the page's table (the proxy's rowsInserted:
it is painted in the same event-loop turn). The swarm runs on this machine: one clock.

Run: CRANE_SWARM_INSTANCE=K .venv/bin/python -m benchmarks.e1_event_latency [runs=5]
(a swarm of your own: it drains node-4)
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import time
from collections.abc import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync
from PySide6.QtWidgets import QApplication

from crane_desktop.demo import profile_path
from crane_desktop.engine.events import EngineEvent
from crane_desktop.engine.profiles import load_profile_file
from crane_desktop.models.table import Role
from crane_desktop.session import ClusterSession
from crane_desktop.views.main_window import MainWindow
from tests.swarm import IMAGE, docker, unique


class RowClock:
    """When each event's row entered the page's table (wall clock, as the engine's timeNano)."""

    def __init__(self, proxy) -> None:
        self.proxy = proxy
        self.shown: list[tuple[EngineEvent, float]] = []
        proxy.rowsInserted.connect(self._inserted)

    def _inserted(self, _parent, first: int, last: int) -> None:
        now = time.time()
        for row in range(first, last + 1):
            self.shown.append((self.proxy.index(row, 0).data(Role.OBJECT), now))

    def find(self, wanted: Callable[[EngineEvent], bool]) -> tuple[EngineEvent, float] | None:
        return next(((e, t) for e, t in self.shown if wanted(e)), None)


async def latency(clock: RowClock, wanted: Callable[[EngineEvent], bool], what: str, after: float) -> float:
    """Seconds from the engine's time of the first event `wanted` since `after` to its row shown (the
    backfill brings older ones, e.g. of the previous run)."""
    deadline = time.monotonic() + 30
    while (found := clock.find(lambda e: e.nanos / 1e9 >= after and wanted(e))) is None:
        if time.monotonic() > deadline:
            raise RuntimeError(f"no row for {what}")
        await asyncio.sleep(0.005)
    event, shown = found
    return shown - event.nanos / 1e9


async def one_run(window: MainWindow, clock: RowClock, node4: str) -> dict[str, float]:
    found: dict[str, float] = {}
    for availability in ("drain", "active"):
        started = time.time()
        docker(1, "node", "update", "--availability", availability, "node-4")
        found[f"node {availability}"] = await latency(
            clock,
            lambda e, a=availability: e.object_id == node4 and f"availability.new={a}" in e.details,
            f"node-4 {availability}",
            started,
        )
    name = unique("e1fail")
    started = time.time()
    docker(1, "service", "create", "--detach", "--name", name, "--restart-condition", "none", IMAGE, "false")
    try:
        found["task failed"] = await latency(
            clock,
            lambda e: e.type == "task" and e.service == name and e.action == "failed",
            "the task",
            started,
        )
        found["container die"] = await latency(
            clock,
            lambda e: e.type == "container" and e.service == name and e.action == "die",
            "the container",
            started,
        )
    finally:
        docker(1, "service", "rm", name, check=False)
    return found


async def run(runs: int) -> None:
    profile = load_profile_file(profile_path())
    window = MainWindow()
    window.resize(1400, 900)
    window.show()
    await window.open_profile(ClusterSession(profile, window))
    window.show_page("events")
    page = window.page_widgets["events"]
    clock = RowClock(page.proxy)
    while len(window.store.get("nodes")) < 4 or len(window.session.node_events.followed) < 4:
        await asyncio.sleep(0.1)
    node4 = next(n.id for n in window.store.get("nodes").values() if n.hostname == "node-4")
    results = []
    try:
        for number in range(runs):
            found = await one_run(window, clock, node4)
            load = os.getloadavg()[0]
            results.append(found)
            figures = ", ".join(f"{what} {seconds * 1000:.0f} ms" for what, seconds in found.items())
            print(f"run {number + 1}: load {load:.1f}: {figures}", flush=True)
    finally:
        docker(1, "node", "update", "--availability", "active", "node-4", check=False)
        window.close()
    print(f"E1 runs={runs}")
    for what in results[0]:
        values = [r[what] * 1000 for r in results]
        print(
            f"  {what}: median {statistics.median(values):.0f} ms, max {max(values):.0f} ms (target <= 1 s)"
        )


def main() -> None:
    app = QApplication.instance() or QApplication([])  # qasync's event loop runs on it
    assert app is not None
    qasync.run(run(int(sys.argv[1]) if len(sys.argv) > 1 else 5))


if __name__ == "__main__":
    main()
