"""The task tree: a row per slot (or per node for global services) with its current task, the slot's
history as children, history kept when the engine forgets tasks, failed tasks highlighted."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtTest import QAbstractItemModelTester

from crane_desktop.engine.diff import Diff
from crane_desktop.engine.snapshots import Node, Task
from crane_desktop.models.tasks import ERROR, NODE, SLOT, STATE, TaskTreeModel

NODES = {"n1": Node.from_api({"ID": "n1", "Description": {"Hostname": "node-1"}})}


def task(
    tid: str, slot: int, state: str, desired: str = "running", when: str = "01", node: str = "n1", **status
):
    return Task.from_api(
        {
            "ID": tid,
            "ServiceID": "svc",
            "Slot": slot,
            "NodeID": node,
            "DesiredState": desired,
            "CreatedAt": f"2026-01-01T00:00:{when}Z",
            "Status": {"State": state, **status},
        }
    )


def model_with_tester(qapp) -> TaskTreeModel:
    model = TaskTreeModel("svc", NODES.get)
    model.tester = QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    return model


def test_slots_history_and_failed(qapp):
    model = model_with_tester(qapp)
    model.apply_diff(
        Diff(
            added={
                "a": task("a", 1, "failed", "shutdown", "01", Err="starting container failed: no such file"),
                "b": task("b", 1, "running", "running", "05"),
                "c": task("c", 2, "running", "running", "02"),
                "x": Task.from_api({"ID": "x", "ServiceID": "other", "Slot": 1}),
            }
        )
    )
    assert model.rowCount() == 2
    slot1 = model.index(0, 0)
    assert slot1.data() == "slot 1"
    assert model.index(0, STATE).data() == "running"
    assert model.index(0, NODE).data() == "node-1"
    assert model.rowCount(slot1) == 2
    newest, oldest = model.index(0, STATE, slot1), model.index(1, STATE, slot1)
    assert newest.data() == "running" and oldest.data() == "failed"
    assert model.index(1, ERROR, slot1).data() == "starting container failed: no such file"
    assert model.index(1, ERROR, slot1).data(Qt.ItemDataRole.ForegroundRole).color().name() == "#c62828"

    # scale down: the engine forgets slot 2's task; its row and history stay, marked removed
    model.apply_diff(Diff(changed={"c": task("c", 2, "shutdown", "remove", "02")}))
    model.apply_diff(Diff(removed=["c"]))
    assert model.rowCount() == 2
    assert model.index(1, STATE).data() == "shut down (removed)"
    # scale up again: slot 2 gets a new current task, the old one is history
    model.apply_diff(Diff(added={"d": task("d", 2, "running", "running", "09")}))
    slot2 = model.index(1, 0)
    assert model.index(1, STATE).data() == "running"
    assert model.rowCount(slot2) == 2
    assert model.index(0, SLOT, slot2).data() == ""


def test_global_rows_per_node(qapp):
    model = model_with_tester(qapp)
    model.apply_diff(
        Diff(added={"g1": task("g1", 0, "running", node="n1"), "g2": task("g2", 0, "running", node="n2")})
    )
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["node-1", "n2"]
    model.clear()
    assert model.rowCount() == 0


def test_stale_greys_slots_and_their_history(qapp):
    """While the data may be out of date every row is greyed, the history under a slot too, and the
    views are told so (a greyed colour nobody repaints would show the old one): one range over the
    slots, for which a view repaints its whole viewport, history rows included
    (tests/gui/test_recorded_apps_page.py checks the repaint)."""
    model = model_with_tester(qapp)
    model.apply_diff(
        Diff(
            added={
                "a": task("a", 1, "failed", "shutdown", "01"),
                "b": task("b", 1, "running", "running", "05"),
            }
        )
    )
    slot1 = model.index(0, 0)
    told: list[tuple[bool, int]] = []  # (for a history row, roles)
    model.dataChanged.connect(lambda first, _last, roles: told.append((first.parent().isValid(), *roles)))
    model.set_stale(True)
    assert told == [(False, Qt.ItemDataRole.ForegroundRole)]
    grey = qapp.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    assert model.index(0, STATE).data(Qt.ItemDataRole.ForegroundRole).color() == grey
    assert model.index(1, ERROR, slot1).data(Qt.ItemDataRole.ForegroundRole).color() == grey
    model.set_stale(True)  # already greyed: nothing to repaint
    assert len(told) == 1
    model.set_stale(False)
    assert model.index(1, ERROR, slot1).data(Qt.ItemDataRole.ForegroundRole).color().name() == "#c62828"


def test_a_replicated_jobs_slot_0_is_one_slot_across_nodes(qapp):
    model = TaskTreeModel("svc", NODES.get, zero_is_slot=True)
    model.tester = QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    runs = {
        "a": task("a", 0, "complete", "complete", "01", node="n1"),
        "b": task("b", 0, "complete", "complete", "05", node="n2"),
        "c": task("c", 1, "complete", "complete", "02"),
    }
    model.apply_diff(Diff(added=runs))
    assert [(slot.slot, len(slot.task_ids)) for slot in model.slots()] == [(0, 2), (1, 1)]
    assert model.index(0, SLOT).data() == "slot 0"
    global_model = TaskTreeModel("svc", NODES.get)
    global_model.apply_diff(Diff(added=runs))
    assert len(global_model.slots()) == 3  # without it, slot 0 is a global service's node
