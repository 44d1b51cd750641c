"""The Capacity page: how much CPU and memory each node has, how much the tasks placed on it reserve
(what swarm's scheduler counts), what is left for new tasks, and a row for the whole cluster.

Everything but live usage comes from the store (nodes and tasks), so the page costs no engine call.
"Live usage" measures what the containers use now through each node's own engine (its stats), every
USAGE_PERIOD_MS while the page is shown, for the nodes Crane can reach.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtWidgets import QLabel, QPushButton, QTableView, QWidget

from crane_desktop.engine.capacity import measure_usage
from crane_desktop.engine.diff import Diff
from crane_desktop.messages import reason_text
from crane_desktop.models.capacity import TOTAL_KEY, CapacityTableModel, cpu_fractions, memory_fractions
from crane_desktop.models.table import Role
from crane_desktop.views.bar_delegate import BAR_HEIGHT, GAP, USAGE_HEIGHT, BarDelegate
from crane_desktop.views.filtering import filter_box, setup_table, sort_filter_proxy
from crane_desktop.views.icons import icon
from crane_desktop.views.list_page import RowCountLabel, fit_columns_once, list_layout
from crane_desktop.views.operations import operation_slot
from crane_desktop.views.pills import PillDelegate, capacity_state_tone, object_tone

if TYPE_CHECKING:
    from crane_desktop.views.context import ClusterContext, Navigator

USAGE_PERIOD_MS = 15_000


class TotalLastProxy(QSortFilterProxyModel):
    """Sorts and filters the nodes; the cluster's row stays last, whatever the order, and is never
    filtered out."""

    def lessThan(
        self, left: QModelIndex | QPersistentModelIndex, right: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if left.data(Role.KEY) == TOTAL_KEY:
            return self.sortOrder() == Qt.SortOrder.DescendingOrder
        if right.data(Role.KEY) == TOTAL_KEY:
            return self.sortOrder() == Qt.SortOrder.AscendingOrder
        return super().lessThan(left, right)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        if model.index(source_row, 0, source_parent).data(Role.KEY) == TOTAL_KEY:
            return True
        return super().filterAcceptsRow(source_row, source_parent)


class CapacityPage(QWidget):
    def __init__(self, context: ClusterContext, navigator: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context, self.navigator = context, navigator
        self.store = context.store
        self.model = model = CapacityTableModel(self)
        context.store.changed.connect(self._on_store_changed)
        self._on_store_changed("nodes", Diff())  # built after the data arrived: take what it holds
        self.proxy = sort_filter_proxy(model, self, kind=TotalLastProxy)

        self.usage_button = QPushButton(self.tr("Live usage"), self)
        self.usage_button.setObjectName("liveUsageButton")
        self.usage_button.setCheckable(True)
        self.usage_button.setToolTip(
            self.tr(
                "Measure what the containers use now, through each node's own engine, every %1 seconds "
                "(nodes Crane cannot reach show —)"
            ).replace("%1", str(USAGE_PERIOD_MS // 1000))
        )
        self.usage_button.setIcon(icon("refresh"))
        self.usage_button.toggled.connect(self._usage_toggled)
        self.usage_timer = QTimer(self)
        self.usage_timer.setInterval(USAGE_PERIOD_MS)
        self.usage_timer.timeout.connect(self.measure_usage)
        self._measuring = False

        self.filter_edit = filter_box(self, self.tr("Filter nodes (hostname, status…)"), self.proxy)
        self.count_label = RowCountLabel(
            self, model, self.proxy, lambda n: self.tr("%n node(s)", "", n), summary_rows=1
        )

        self.table = QTableView(self)
        self.table.setObjectName("capacityTable")
        self.table.setModel(self.proxy)
        setup_table(self.table)
        self.cpu_bar = BarDelegate(cpu_fractions, self.table)
        self.memory_bar = BarDelegate(memory_fractions, self.table)
        self.table.setItemDelegateForColumn(CapacityTableModel.CPU_COLUMN, self.cpu_bar)
        self.table.setItemDelegateForColumn(CapacityTableModel.MEMORY_COLUMN, self.memory_bar)
        self.state_pills = PillDelegate(object_tone(capacity_state_tone), self.table)
        self.table.setItemDelegateForColumn(CapacityTableModel.STATUS_COLUMN, self.state_pills)
        row_height = self.fontMetrics().height() + BAR_HEIGHT + USAGE_HEIGHT + 3 * GAP + 8
        self.table.verticalHeader().setDefaultSectionSize(row_height)
        self.table.sortByColumn(CapacityTableModel.NAME_COLUMN, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(self._open_node)

        self.legend = QLabel(self)
        self.legend.setObjectName("capacityLegend")
        self.legend.setWordWrap(True)
        self.legend.setText(
            self.tr(
                "Reserved: what the tasks placed on a node and wanted running reserve; swarm places a "
                "new task only where its reservation fits in what is free. Limits cap what a task may use "
                "and reserve nothing. The thin bar under each bar is what is in use now (Live usage)."
            )
        )
        self.legend.setStyleSheet("padding: 4px;")

        layout = list_layout(self, [self.usage_button], self.count_label, self.filter_edit, self.table)
        layout.addWidget(self.legend)
        fit_columns_once(model, self._fit_columns)

    def _fit_columns(self) -> None:
        self.table.resizeColumnsToContents()
        for column in (CapacityTableModel.CPU_COLUMN, CapacityTableModel.MEMORY_COLUMN):
            self.table.setColumnWidth(column, max(self.table.columnWidth(column), 220))

    # -- following the store -----------------------------------------------------------------------
    def _on_store_changed(self, kind: str, _change: Diff) -> None:
        if kind not in ("nodes", "tasks") or "nodes" not in self.store.loaded:
            return
        self.model.update(self.store.get("nodes").values(), self.store.get("tasks").values())

    def _open_node(self, index: QModelIndex) -> None:
        key = index.data(Role.KEY)
        if key and key != TOTAL_KEY:
            self.navigator.open_node(key)

    # -- live usage ----------------------------------------------------------------------------------
    def _usage_toggled(self, on: bool) -> None:
        if on:
            self.usage_timer.start()
            self.measure_usage()
        else:
            self.usage_timer.stop()
            self.model.set_usage({key: None for key in self.store.get("nodes")})

    @operation_slot()
    async def measure_usage(self) -> None:
        """One round of measurements, node after node (each row fills in as its answer comes)."""
        if self._measuring or not self.isVisible():
            return
        self._measuring = True
        try:
            for node in [n for n in self.store.get("nodes").values() if n.state == "ready"]:
                try:
                    usage = await self.context.operations.on_cluster(self, measure_usage, node)
                except Exception as error:  # not connected: nothing to measure
                    self.context.say(self.tr("Cannot measure usage: %1").replace("%1", reason_text(error)))
                    self.usage_button.setChecked(False)
                    return
                if self.usage_button.isChecked():
                    self.model.set_usage({node.id: usage})
        finally:
            self._measuring = False
