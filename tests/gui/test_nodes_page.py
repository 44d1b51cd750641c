"""The Nodes page against the real swarm: four nodes with their roles, and a drain done out of band
with the docker CLI appears in place, keeping the selection."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel

from crane_desktop.models.nodes import NodeTableModel
from crane_desktop.models.table import Role
from tests.swarm import docker


def shown_rows(page):
    proxy = page.proxy
    return [
        [proxy.data(proxy.index(row, column)) for column in range(proxy.columnCount())]
        for row in range(proxy.rowCount())
    ]


def cell(page, hostname, column):
    model = page.model
    for row in range(model.rowCount()):
        if model.object_at(row).hostname == hostname:
            return model.data(model.index(row, column))
    raise AssertionError(f"{hostname} not in the table")


def test_table_shows_nodes_with_roles(connected_window, qtbot):
    page = connected_window.nodes_page
    roles = {
        cell(page, f"node-{n}", NodeTableModel.HOSTNAME_COLUMN): cell(
            page, f"node-{n}", NodeTableModel.ROLE_COLUMN
        )
        for n in range(1, 5)
    }
    assert roles["node-4"] == "worker"
    assert sorted(roles[f"node-{n}"] for n in (1, 2, 3)) == ["manager", "manager", "manager (leader)"]
    # sorted by role: the leader first, the worker last
    rows = shown_rows(page)
    assert rows[0][NodeTableModel.ROLE_COLUMN] == "manager (leader)"
    assert rows[-1][NodeTableModel.HOSTNAME_COLUMN] == "node-4"
    assert page.count_label.text() == "4 node(s)"
    assert "leader node-" in connected_window.status_line.leader.text()
    assert connected_window.status_line.phase.text() == "connected"
    rtt = connected_window.status_line.rtt
    qtbot.waitUntil(lambda: rtt.text().startswith("RTT ") and rtt.text().endswith(" ms"), timeout=10000)
    assert not connected_window.banner.isVisible()


def test_filter_narrows_the_table(connected_window, qtbot):
    page = connected_window.nodes_page
    qtbot.keyClicks(page.filter_edit, "worker")
    assert [r[NodeTableModel.HOSTNAME_COLUMN] for r in shown_rows(page)] == ["node-4"]
    assert page.count_label.text() == "1 of 4 shown"
    page.filter_edit.clear()
    assert len(shown_rows(page)) == 4


def test_out_of_band_drain_appears_in_place(connected_window, qtbot):
    page = connected_window.nodes_page
    resets = []
    page.model.modelReset.connect(lambda: resets.append(1))
    proxy_row = next(
        r for r in range(page.proxy.rowCount()) if page.proxy.data(page.proxy.index(r, 1)) == "node-4"
    )
    page.table.selectionModel().select(
        page.proxy.index(proxy_row, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    try:
        docker(1, "node", "update", "--availability", "drain", "node-4")
        qtbot.waitUntil(
            lambda: cell(page, "node-4", NodeTableModel.AVAILABILITY_COLUMN) == "drained", timeout=5000
        )
        assert [n.hostname for n in page.selected_nodes()] == ["node-4"]
        assert page.model.rowCount() == 4
    finally:
        docker(1, "node", "update", "--availability", "active", "node-4")
    qtbot.waitUntil(
        lambda: cell(page, "node-4", NodeTableModel.AVAILABILITY_COLUMN) == "active", timeout=5000
    )
    assert resets == []
    assert [page.proxy.data(i, Role.OBJECT).hostname for i in page.table.selectionModel().selectedRows()] == [
        "node-4"
    ]
