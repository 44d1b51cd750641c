"""P3: applying a 1 % change to a 10,000-task snapshot, against a full reload of the same model.

The model sits behind a sort proxy and a visible QTableView, as on a page. Prints the median times,
their ratio (target <= 5 %) and how many model resets the diff path caused (must be 0).

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks.p3_apply_diff
"""

from __future__ import annotations

import os
import random
import statistics
import time
from dataclasses import replace

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel
from PySide6.QtWidgets import QApplication, QTableView

from crane_desktop.engine.diff import diff
from crane_desktop.engine.snapshots import Task
from crane_desktop.models.table import Column, KeyedTableModel, Role

TASKS = 10_000
CHANGED = TASKS // 100
ROUNDS = 15

COLUMNS = (
    Column(lambda: "ID", lambda t: t.id[:12]),
    Column(lambda: "Service", lambda t: t.service_id[:12]),
    Column(lambda: "Slot", lambda t: str(t.slot), lambda t: t.slot),
    Column(lambda: "Node", lambda t: t.node_id[:12]),
    Column(lambda: "State", lambda t: t.state),
    Column(lambda: "Desired", lambda t: t.desired_state),
    Column(lambda: "Message", lambda t: t.message),
)


class ReloadingModel(KeyedTableModel):
    """The naive alternative: replace everything inside a model reset."""

    def reload(self, state: dict) -> None:
        self.beginResetModel()
        self._keys = list(state)
        self._objects = list(state.values())
        self._rows = {key: row for row, key in enumerate(self._keys)}
        self.endResetModel()


def make_tasks(count: int) -> dict[str, Task]:
    tasks = {}
    for i in range(count):
        task = Task.from_api(
            {
                "ID": f"task{i:021d}",
                "Version": {"Index": 1},
                "ServiceID": f"svc{i // 10:022d}",
                "Slot": i % 10 + 1,
                "NodeID": f"node{i % 4:021d}",
                "Status": {"State": "running", "Message": "started"},
                "DesiredState": "running",
            }
        )
        tasks[task.id] = task
    return tasks


def show(model: KeyedTableModel) -> QTableView:
    proxy = QSortFilterProxyModel(model)
    proxy.setSourceModel(model)
    proxy.setSortRole(Role.SORT)
    view = QTableView()
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.resize(1200, 800)
    view.show()
    return view


def main() -> None:
    app = QApplication.instance() or QApplication([])
    rng = random.Random(7)
    state = make_tasks(TASKS)

    incremental = KeyedTableModel(COLUMNS)
    resets = []
    incremental.modelReset.connect(lambda: resets.append(1))
    incremental_view = show(incremental)
    incremental.apply_diff(diff({}, state))

    reloading = ReloadingModel(COLUMNS)
    reloading_view = show(reloading)
    reloading.reload(state)
    app.processEvents()

    diff_times, reload_times = [], []
    current = dict(state)
    for round_number in range(ROUNDS):
        new = dict(current)
        for key in rng.sample(sorted(new), CHANGED):
            new[key] = replace(
                new[key], state="failed", message=f"round {round_number}", version=round_number + 2
            )
        change = diff(current, new)

        started = time.perf_counter()
        incremental.apply_diff(change)
        app.processEvents()
        diff_times.append(time.perf_counter() - started)

        started = time.perf_counter()
        reloading.reload(new)
        app.processEvents()
        reload_times.append(time.perf_counter() - started)
        current = new

    check = dict(state)
    for key in current:
        check[key] = incremental.get(key)
    assert check == current and incremental.rowCount() == TASKS
    assert incremental_view.model().rowCount(QModelIndex()) == TASKS and reloading_view.isVisible()

    diff_median = statistics.median(diff_times)
    reload_median = statistics.median(reload_times)
    print(f"P3 tasks={TASKS} changed={CHANGED} rounds={ROUNDS}")
    print(f"  apply diff (1 %):   median {diff_median * 1000:.1f} ms")
    print(f"  full reload:        median {reload_median * 1000:.1f} ms")
    print(f"  ratio diff/reload:  {diff_median / reload_median:.1%}  (target <= 5 %)")
    print(f"  model resets on the diff path: {len(resets)}  (must be 0)")


if __name__ == "__main__":
    main()
