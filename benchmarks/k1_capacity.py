"""K1: the Capacity page's GUI work for one task diff on a big swarm (1,000 services' 3,000 tasks on
100 nodes, every task reserving and limiting CPU and memory): the store applies the diff, the page
recomputes every node's sums and the model signals the rows that changed, behind a sort proxy and a
visible table. Prints the median and the worst of the rounds (target: <= 16 ms, one frame).

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks.k1_capacity
"""

from __future__ import annotations

import os
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from crane_desktop.engine.diff import Diff
from crane_desktop.engine.snapshots import Node, Task
from crane_desktop.views.capacity_page import CapacityPage
from crane_desktop.views.context import ClusterContext

NODES = 100
TASKS = 3_000
ROUNDS = 30


def node(index: int) -> Node:
    return Node.from_api(
        {
            "ID": f"node{index:021d}",
            "Description": {
                "Hostname": f"node-{index}",
                "Resources": {"NanoCPUs": 8 * 10**9, "MemoryBytes": 32 * 2**30},
            },
            "Spec": {"Role": "worker", "Availability": "active"},
            "Status": {"State": "ready"},
        }
    )


def task(index: int, node_index: int, state: str = "running") -> Task:
    amounts = {"NanoCPUs": 100_000_000, "MemoryBytes": 64 * 2**20}
    return Task.from_api(
        {
            "ID": f"task{index:021d}",
            "Version": {"Index": index},
            "ServiceID": f"svc{index // 3:022d}",
            "NodeID": f"node{node_index:021d}",
            "DesiredState": "running",
            "Status": {"State": state},
            "Spec": {"Resources": {"Reservations": amounts, "Limits": amounts}},
        }
    )


class NoNavigation:
    def open_node(self, node_id: str) -> None: ...


def main() -> None:
    app = QApplication.instance() or QApplication([])
    context = ClusterContext()
    store = context.store
    store.apply("nodes", Diff(added={n.id: n for n in (node(i) for i in range(NODES))}))
    store.apply("tasks", Diff(added={t.id: t for t in (task(i, i % NODES) for i in range(TASKS))}))
    page = CapacityPage(context, NoNavigation())  # type: ignore[arg-type]
    page.resize(1280, 800)
    page.show()
    app.processEvents()
    times = []
    for round_ in range(ROUNDS):
        added = task(TASKS + round_, round_ % NODES, "pending")
        start = time.perf_counter()
        store.apply("tasks", Diff(added={added.id: added}))
        app.processEvents()
        times.append((time.perf_counter() - start) * 1000)
    assert page.model.rowCount() == NODES + 1
    print(f"K1 capacity: {TASKS + ROUNDS} tasks on {NODES} nodes, one task added per round, {ROUNDS} rounds")
    print(f"  GUI work per diff: median {statistics.median(times):.1f} ms, max {max(times):.1f} ms")


if __name__ == "__main__":
    main()
