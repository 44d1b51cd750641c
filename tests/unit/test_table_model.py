"""The keyed table model applies diffs in place: Qt's model tester is happy, no reset ever happens,
and the selection survives refreshes."""

from dataclasses import replace

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt
from PySide6.QtTest import QAbstractItemModelTester

from crane_desktop.engine.diff import Diff, diff
from crane_desktop.engine.snapshots import Node
from crane_desktop.models.nodes import NodeTableModel
from crane_desktop.models.table import Role, runs

FOREGROUND = Qt.ItemDataRole.ForegroundRole


def make_node(index: int, **changes) -> Node:
    node = Node.from_api(
        {
            "ID": f"node{index:04d}",
            "Version": {"Index": 1},
            "Description": {"Hostname": f"host-{index}"},
            "Spec": {"Role": "worker", "Availability": "active"},
            "Status": {"State": "ready", "Addr": f"192.0.2.{index % 250}"},
        }
    )
    return replace(node, **changes)


def test_runs_groups_contiguous_rows():
    assert runs([5, 1, 2, 3, 7, 8]) == [(1, 3), (5, 5), (7, 8)]
    assert runs([]) == []


def test_model_tester_and_no_reset(qtbot):
    model = NodeTableModel()
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    state = {n.id: n for n in (make_node(i) for i in range(20))}
    model.apply_diff(diff({}, state))
    assert model.rowCount() == 20
    new_state = dict(state)
    for key in list(new_state)[::3]:
        del new_state[key]
    for key in list(new_state)[::2]:
        new_state[key] = replace(new_state[key], availability="drain", version=2)
    new_state["node9999"] = make_node(9999)
    model.apply_diff(diff(state, new_state))
    assert {model.object_at(r).id for r in range(model.rowCount())} == set(new_state)
    assert all(model.get(k) == v for k, v in new_state.items())
    model.clear()
    assert model.rowCount() == 0
    assert resets == []


def test_change_emits_data_changed_only_for_changed_rows(qtbot):
    model = NodeTableModel()
    nodes = {n.id: n for n in (make_node(i) for i in range(10))}
    model.apply_diff(Diff(added=nodes))
    changed_rows = []
    model.dataChanged.connect(
        lambda top, bottom, roles=(): changed_rows.extend(range(top.row(), bottom.row() + 1))
    )
    drained = replace(nodes["node0004"], availability="drain", version=2)
    model.apply_diff(Diff(changed={"node0004": drained}))
    assert changed_rows == [model.row_of("node0004")]
    assert model.data(model.index(model.row_of("node0004"), NodeTableModel.AVAILABILITY_COLUMN)) == "drained"


def test_selection_survives_refresh_through_sort_proxy(qtbot):
    model = NodeTableModel()
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(Role.SORT)
    proxy.sort(1)
    nodes = {n.id: n for n in (make_node(i) for i in range(10))}
    model.apply_diff(Diff(added=nodes))
    selection = QItemSelectionModel(proxy)
    target = proxy.mapFromSource(model.index(model.row_of("node0007"), 0))
    selection.select(
        target, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    )
    model.apply_diff(
        Diff(
            added={"node0100": make_node(100)},
            changed={"node0007": replace(nodes["node0007"], state="down", version=5)},
            removed=frozenset({"node0001", "node0002"}),
        )
    )
    selected = [proxy.data(i, Role.KEY) for i in selection.selectedRows()]
    assert selected == ["node0007"]


def test_stale_rows_are_greyed_not_removed(qtbot):
    model = NodeTableModel()
    model.apply_diff(Diff(added={"node0001": make_node(1)}))
    normal = model.data(model.index(0, 1), FOREGROUND)
    model.set_stale(True)
    assert model.rowCount() == 1
    assert (
        model.data(model.index(0, 1), FOREGROUND) is not None
        and model.data(model.index(0, 1), FOREGROUND) != normal
    )
