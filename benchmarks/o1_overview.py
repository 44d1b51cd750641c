"""O1: the Overview page's GUI work for one task diff on a big swarm (1,000 services, 3,000 tasks on
4 nodes; 50 services do not converge, so the why-pending sentences are computed too): the store applies
the diff, the page follows it into the latest changes, recomputes the health and signals the rows that
changed; the why-pending reasoning runs on the operation runner's pool and its sentences are shown when
they come back. Per round, until the page is idle again: the GUI thread's own CPU time (what the app
controls, whatever else the 2 cores do) and the wall-clock time. Target: <= 16 ms of GUI work.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks.o1_overview [TASKS_EACH [PENDING]]
(at 10,000 tasks as P1 makes them, 9,800 pending: `... -m benchmarks.o1_overview 10 9800`)
"""

from __future__ import annotations

import asyncio
import dataclasses
import os
import statistics
import sys
import time
from datetime import UTC, datetime

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync
from PySide6.QtWidgets import QApplication

from crane_desktop import heap
from crane_desktop.engine.diff import Diff
from crane_desktop.engine.snapshots import Node, Service, Task
from crane_desktop.views.context import ClusterContext
from crane_desktop.views.overview_page import OverviewPage

NODES = 4
SERVICES = 1_000
TASKS_EACH = 3
STUCK = 50  # services whose last task waits for a node
PENDING = 0  # or: the last PENDING tasks all wait for a node (P1's 10,000-task load)
ROUNDS = 30


def node(index: int) -> Node:
    return Node.from_api(
        {
            "ID": f"node{index:021d}",
            "Description": {
                "Hostname": f"node-{index}",
                "Resources": {"NanoCPUs": 2 * 10**9, "MemoryBytes": 2**32},
            },
            "Spec": {"Role": "manager" if index < 3 else "worker", "Availability": "active"},
            "Status": {"State": "ready"},
            "ManagerStatus": {"Reachability": "reachable"} if index < 3 else None,
        }
    )


def service(index: int) -> Service:
    return Service.from_api(
        {
            "ID": f"svc{index:022d}",
            "Spec": {
                "Name": f"app{index // 10}_svc{index}",
                "Mode": {"Replicated": {"Replicas": TASKS_EACH}},
            },
        }
    )


def task(index: int) -> Task:
    service_index, slot = divmod(index, TASKS_EACH)
    stuck = (service_index < STUCK and slot == TASKS_EACH - 1) or index >= SERVICES * TASKS_EACH - PENDING
    return Task.from_api(
        {
            "ID": f"task{index:021d}",
            "Version": {"Index": index},
            "ServiceID": f"svc{service_index:022d}",
            "Slot": slot + 1,
            "NodeID": "" if stuck else f"node{index % NODES:021d}",
            "DesiredState": "running",
            "Status": {
                "State": "pending" if stuck else "running",
                "Err": "no suitable node" if stuck else "",
            },
            "Spec": {"Placement": {"Constraints": ["node.labels.zone==nowhere"]} if stuck else {}},
        }
    )


class NoNavigation:
    def show_page(self, key: str, filter_text: str = "") -> None: ...


async def measure(app: QApplication) -> None:
    context = ClusterContext()
    store = context.store
    store.apply("nodes", Diff(added={n.id: n for n in (node(i) for i in range(NODES))}))
    store.apply("services", Diff(added={s.id: s for s in (service(i) for i in range(SERVICES))}))
    tasks = {t.id: t for t in (task(i) for i in range(SERVICES * TASKS_EACH))}
    store.apply("tasks", Diff(added=tasks))
    page = OverviewPage(context, NoNavigation())  # type: ignore[arg-type]
    page.resize(1280, 800)
    page.show()
    await settle(page)
    heap.settle()  # as the app, once started: what lives on is out of later full collections
    gui_cpu, wall = [], []
    running = [t for t in tasks.values() if t.state == "running"]
    step = min(7, len(running) // ROUNDS)  # a different running task each round
    for round_ in range(ROUNDS):
        failed = dataclasses.replace(
            running[-1 - round_ * step],
            state="failed",
            error="task: non-zero exit (1)",
            updated_at=datetime.now(UTC),
        )
        cpu, start = time.thread_time(), time.perf_counter()
        store.apply("tasks", Diff(changed={failed.id: failed}))
        await settle(page)
        gui_cpu.append((time.thread_time() - cpu) * 1000)
        wall.append((time.perf_counter() - start) * 1000)
    assert page.health is not None and page.model.rowCount() >= len(page.health.not_converged)
    assert len(page.why) == len(page.health.not_converged), "the sentences came back for every one"
    print(
        f"O1 overview: {SERVICES} services, {SERVICES * TASKS_EACH} tasks on {NODES} nodes,"
        f" {len(page.why)} not converging; one task fails per round, {ROUNDS} rounds"
        f" (load {os.getloadavg()[0]:.1f})"
    )
    print(f"  GUI thread CPU per diff: median {statistics.median(gui_cpu):.1f} ms, max {max(gui_cpu):.1f} ms")
    print(f"  wall clock until idle (why-pending on the pool): median {statistics.median(wall):.1f} ms")


async def settle(page: OverviewPage) -> None:
    """Until the refresh ran and the why-pending sentences are back. Waits on the page's own tasks
    rather than polling (a poll every millisecond while the pool reasons cost the GUI thread tens of
    milliseconds per round at 10,000 tasks, counted as the page's work)."""
    while page._refresh_soon.isActive():
        await asyncio.sleep(0)
    for _ in range(3):  # the reasoning task starts on a later turn of the loop
        await asyncio.sleep(0)
    while page._explaining:
        others = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
        if others:
            await asyncio.wait(others)
        else:
            await asyncio.sleep(0.001)


def main() -> None:
    global TASKS_EACH, PENDING
    if len(sys.argv) > 1:
        TASKS_EACH = int(sys.argv[1])
    if len(sys.argv) > 2:
        PENDING = int(sys.argv[2])
    sys.setswitchinterval(0.001)  # as crane_desktop/app.py does
    app = QApplication.instance() or QApplication([])
    heap.GuiThreadCollector(app)  # as the app: cyclic garbage collected on the GUI thread, on a timer
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        loop.run_until_complete(measure(app))


if __name__ == "__main__":
    main()
