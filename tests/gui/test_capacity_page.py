"""The Capacity page connected to the real swarm: Live usage measures through each node's own engine
and fills in the "in use" columns and the total."""

from __future__ import annotations

from PySide6.QtCore import Qt

from crane_desktop.models.capacity import CapacityTableModel

CPU_IN_USE, MEMORY_IN_USE = 9, 10


def test_live_usage_fills_in_every_reachable_node(connected_window, qtbot):
    connected_window.show_page("capacity")
    page = connected_window.page_widgets["capacity"]
    assert page.model.rowCount() == 5  # four nodes and the cluster's row

    def cell(row: int, column: int) -> str:
        return page.proxy.index(row, column).data()

    names = [cell(row, CapacityTableModel.NAME_COLUMN) for row in range(page.proxy.rowCount())]
    assert names == ["node-1", "node-2", "node-3", "node-4", "Cluster total"]
    assert all(cell(row, MEMORY_IN_USE) == "—" for row in range(5))
    qtbot.mouseClick(page.usage_button, Qt.MouseButton.LeftButton)
    # the test profile names every node's engine: each one answers
    qtbot.waitUntil(lambda: all(cell(row, MEMORY_IN_USE) != "—" for row in range(5)), timeout=30000)
    assert page.usage_button.isChecked()
    assert all(float(cell(row, CPU_IN_USE)) >= 0 for row in range(5))
    assert "In use now:" in page.proxy.index(0, CapacityTableModel.CPU_COLUMN).data(
        Qt.ItemDataRole.ToolTipRole
    )
    qtbot.mouseClick(page.usage_button, Qt.MouseButton.LeftButton)
    assert all(cell(row, MEMORY_IN_USE) == "—" for row in range(5))
