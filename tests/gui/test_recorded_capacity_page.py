"""The Capacity page on the recorded cluster, without a swarm: each node's bars with their numbers as
text, the cluster's row always last whatever the sort, rows updated in place when a task is placed,
the bars' colours as they fill, and what Live usage says when not connected."""

from __future__ import annotations

import copy

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from crane_desktop.engine.diff import Diff
from crane_desktop.engine.snapshots import Task
from crane_desktop.models.capacity import CapacityTableModel
from crane_desktop.views.bar_delegate import BAR_HEIGHT, GAP, MARGIN, USAGE_HEIGHT
from crane_desktop.views.theme import accent
from tests.gui.conftest import by_name, recorded

NAME, CPU, MEMORY, TASKS = (
    CapacityTableModel.NAME_COLUMN,
    CapacityTableModel.CPU_COLUMN,
    CapacityTableModel.MEMORY_COLUMN,
    CapacityTableModel.TASKS_COLUMN,
)
CPU_FREE = 4


@pytest.fixture
def page(workspace):
    workspace.show_page("capacity")
    return workspace.page_widgets["capacity"]


def shown(page, column: int = NAME) -> list[str]:
    return [page.proxy.index(row, column).data() for row in range(page.proxy.rowCount())]


def row_text(page, name: str, column: int) -> str:
    names = shown(page)
    return page.proxy.index(names.index(name), column).data()


def placed_task(node: str, task_id: str, nano_cpus: int, memory: int) -> Task:
    """A shop_web task copied onto `node` with these reservations, as the watcher would parse it."""
    template = next(t for t in recorded("tasks").values() if t.raw["Spec"]["Resources"].get("Reservations"))
    raw = copy.deepcopy(dict(template.raw))
    raw["ID"], raw["NodeID"] = task_id, by_name("nodes", node).id
    raw["Spec"]["Resources"]["Reservations"] = {"NanoCPUs": nano_cpus, "MemoryBytes": memory}
    return Task.from_api(raw)


def test_each_node_shows_reserved_of_total_and_the_cluster_total(page):
    assert shown(page) == ["node-1", "node-2", "node-3", "node-4", "Cluster total"]
    assert page.count_label.text() == "4 node(s)"
    # shop_web reserves 16 MiB on node-1 and node-4 and limits 0.5 CPU
    assert row_text(page, "node-1", CPU) == "0 of 2 CPUs (0%)"
    assert row_text(page, "node-1", MEMORY) == "16.0 MiB of 23.5 GiB (<1%)"
    assert row_text(page, "node-2", MEMORY) == "0 B of 23.5 GiB (0%)"
    assert row_text(page, "node-3", 1) == "paused"
    assert row_text(page, "Cluster total", CPU) == "0 of 8 CPUs (0%)"
    assert row_text(page, "Cluster total", MEMORY) == "32.0 MiB of 94.2 GiB (<1%)"
    assert row_text(page, "Cluster total", TASKS) == str(
        sum(int(row_text(page, f"node-{i}", TASKS)) for i in range(1, 5))
    )
    assert "Memory reserved: 16.0 MiB of 23.5 GiB" in page.proxy.index(0, MEMORY).data(
        Qt.ItemDataRole.ToolTipRole
    )


def test_sorting_keeps_the_cluster_total_last(page, qtbot):
    page.table.sortByColumn(MEMORY, Qt.SortOrder.DescendingOrder)
    names = shown(page)
    assert set(names[:2]) == {"node-1", "node-4"} and names[-1] == "Cluster total"
    page.table.sortByColumn(NAME, Qt.SortOrder.DescendingOrder)
    assert shown(page) == ["node-4", "node-3", "node-2", "node-1", "Cluster total"]
    page.filter_edit.setText("node-2")
    assert shown(page) == ["node-2", "Cluster total"]
    assert page.count_label.text() == "1 of 4 shown"  # the cluster's row is no node
    page.filter_edit.setText("no such node")
    assert shown(page) == ["Cluster total"] and page.count_label.text() == "0 of 4 shown"


def test_a_task_placed_updates_its_node_and_the_total_in_place(page, recorded_context, qtbot):
    resets, changed = [], []
    page.model.modelReset.connect(lambda: resets.append(1))
    page.model.dataChanged.connect(lambda first, last, *_: changed.extend(range(first.row(), last.row() + 1)))
    node_2 = shown(page).index("node-2")
    page.table.selectionModel().select(
        page.proxy.index(node_2, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    task = placed_task("node-2", "capacitytask1", 500_000_000, 20 * 1024 * 1024)
    recorded_context.store.apply("tasks", Diff(added={task.id: task}))

    assert row_text(page, "node-2", CPU) == "0.5 of 2 CPUs (25%)"
    assert row_text(page, "node-2", MEMORY) == "20.0 MiB of 23.5 GiB (<1%)"
    assert row_text(page, "node-2", CPU_FREE) == "1.5"
    assert row_text(page, "Cluster total", CPU) == "0.5 of 8 CPUs (6%)"
    assert row_text(page, "Cluster total", MEMORY) == "52.0 MiB of 94.2 GiB (<1%)"
    assert not resets
    node_row = page.model.row_of(by_name("nodes", "node-2").id)
    assert sorted(set(changed)) == sorted({node_row, page.model.row_of("*total*")})  # those two only
    selected = page.table.selectionModel().selectedRows()
    assert [index.data() for index in selected] == ["node-2"]

    recorded_context.store.apply("tasks", Diff(removed=frozenset({task.id})))
    assert row_text(page, "node-2", CPU) == "0 of 2 CPUs (0%)"


def test_bars_fill_in_the_theme_colours_as_nodes_fill(page, recorded_context, qtbot):
    def bar_color(name: str, column: int, fraction: float):
        rect = page.table.visualRect(page.proxy.index(shown(page).index(name), column))
        bottom = rect.bottom() - 2 - USAGE_HEIGHT - GAP
        x = rect.left() + MARGIN + int((rect.width() - 2 * MARGIN) * fraction)
        image = page.table.viewport().grab().toImage()
        return image.pixelColor(x, bottom - BAR_HEIGHT // 2).name()

    full = placed_task("node-2", "capacitytask2", 1_900_000_000, 0)
    half = placed_task("node-4", "capacitytask3", 1_000_000_000, 0)
    recorded_context.store.apply("tasks", Diff(added={full.id: full, half.id: half}))
    qtbot.waitUntil(lambda: row_text(page, "node-2", CPU) == "1.9 of 2 CPUs (95%)")
    assert bar_color("node-2", CPU, 0.5) == accent("error").name()
    assert bar_color("node-4", CPU, 0.25) == accent("ok").name()
    assert bar_color("node-4", CPU, 0.75) != accent("ok").name()  # the empty half of the bar


def test_double_click_opens_the_node_and_the_total_opens_nothing(page, workspace, qtbot):
    tabs = workspace.tabs.count()
    page.table.doubleClicked.emit(page.proxy.index(shown(page).index("Cluster total"), NAME))
    assert workspace.tabs.count() == tabs
    page.table.doubleClicked.emit(page.proxy.index(shown(page).index("node-3"), NAME))
    assert workspace.tabs.count() == tabs + 1


def test_live_usage_without_a_connection_says_so_and_turns_off(page, recorded_context, qtbot):
    messages = []
    recorded_context.message.connect(lambda text, _ms: messages.append(text))
    qtbot.mouseClick(page.usage_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.usage_button.isChecked())
    assert messages == ["Cannot measure usage: Not connected to a cluster."]
    assert row_text(page, "node-1", 9) == "—"


def test_bar_texts_grey_while_the_data_may_be_stale(page, qtbot):
    def darkest_text_pixel() -> int:
        rect = page.table.visualRect(page.proxy.index(0, CPU))
        image = page.table.viewport().grab().toImage()
        text_bottom = rect.bottom() - 2 - USAGE_HEIGHT - GAP - BAR_HEIGHT - GAP
        return min(
            image.pixelColor(x, y).lightness()
            for x in range(rect.left() + MARGIN, rect.left() + 120)
            for y in range(rect.top() + 2, text_bottom)
        )

    assert darkest_text_pixel() < 60
    page.model.set_stale(True)
    assert darkest_text_pixel() > 100
