"""The Disk usage page: what each node's own engine says about its disk (images, containers, volumes,
build cache, what a cleanup could reclaim) and the cluster's total, read when the page is first shown
and on Refresh (the store holds no disk figures: each reading asks every node's engine, off the GUI
thread). "Clean up…" opens the dry run for the selected nodes, or all of them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QPushButton, QTableView, QWidget

from crane_desktop.engine.diff import Diff
from crane_desktop.engine.disk import cluster_usage
from crane_desktop.engine.snapshots import Node
from crane_desktop.messages import reason_text
from crane_desktop.models.disk import TOTAL_KEY, DiskTableModel
from crane_desktop.models.table import Role
from crane_desktop.views.capacity_page import TotalLastProxy
from crane_desktop.views.cleanup_dialog import CleanupDialog
from crane_desktop.views.filtering import filter_box, setup_table, sort_filter_proxy
from crane_desktop.views.icons import set_icons
from crane_desktop.views.list_page import RowCountLabel, fit_columns_once, list_layout
from crane_desktop.views.operations import operation_slot

if TYPE_CHECKING:
    from crane_desktop.views.context import ClusterContext, Navigator


class DiskPage(QWidget):
    def __init__(self, context: ClusterContext, navigator: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context, self.navigator = context, navigator
        self.store = context.store
        self.model = model = DiskTableModel(self)
        self.proxy = sort_filter_proxy(model, self, kind=TotalLastProxy)
        self._reading = False
        self.store.changed.connect(self._on_store_changed)

        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.setObjectName("diskRefreshButton")
        self.refresh_button.setToolTip(self.tr("Ask every node's own engine again (docker system df)"))
        self.refresh_button.clicked.connect(self.refresh)
        self.cleanup_button = QPushButton(self.tr("Clean up…"), self)
        self.cleanup_button.setObjectName("cleanupButton")
        self.cleanup_button.setToolTip(
            self.tr("See what a cleanup of the selected nodes (none selected: all) would remove, then do it")
        )
        self.cleanup_button.clicked.connect(self.clean_up)

        self.filter_edit = filter_box(self, self.tr("Filter nodes (hostname…)"), self.proxy)
        self.count_label = RowCountLabel(
            self, model, self.proxy, lambda n: self.tr("%n node(s)", "", n), summary_rows=1
        )
        self.table = QTableView(self)
        self.table.setObjectName("diskTable")
        self.table.setModel(self.proxy)
        setup_table(self.table, multiple=True)
        self.table.sortByColumn(DiskTableModel.NAME_COLUMN, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(self._open_node)

        self.legend = QLabel(self)
        self.legend.setObjectName("diskLegend")
        self.legend.setWordWrap(True)
        self.legend.setStyleSheet("padding: 4px;")
        self.legend.setText(
            self.tr(
                "Each node's own engine is asked, as docker system df on that node. Reclaimable: what "
                "stopped containers, images no container uses, unused volumes and unused build cache hold. "
                "A cleanup keeps every service's current and previous image (its rollback target)."
            )
        )
        set_icons(self, {"diskRefreshButton": "refresh", "cleanupButton": "remove"})
        actions = [self.refresh_button, self.cleanup_button]
        layout = list_layout(self, actions, self.count_label, self.filter_edit, self.table)
        layout.addWidget(self.legend)
        fit_columns_once(model, self.table.resizeColumnsToContents)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.model.loaded:
            self.refresh()

    def _on_store_changed(self, kind: str, change: Diff) -> None:
        """The nodes arrived while the page is shown: read them; a node left the swarm: drop its row."""
        if kind != "nodes":
            return
        if change.removed and self.model.loaded:
            self.model.update([u for u in self.model.usages() if u.id not in change.removed])
        if not self.model.loaded and self.isVisible():
            self.refresh()

    def _nodes(self) -> list[Node]:
        return sorted(self.store.get("nodes").values(), key=lambda n: n.hostname)

    @operation_slot()
    async def refresh(self) -> None:
        """Read every node's disk usage (side by side, off the GUI thread); rows update in place."""
        if self._reading or "nodes" not in self.store.loaded:
            return
        self._reading = True
        try:
            usages = await self.context.operations.on_cluster(
                self, cluster_usage, self._nodes(), busy=[self.refresh_button, self.cleanup_button]
            )
        except Exception as error:  # not connected
            self.context.say(self.tr("Cannot read the disk usage: %1").replace("%1", reason_text(error)))
            return
        finally:
            self._reading = False
        self.model.update(usages)

    def selected_nodes(self) -> list[Node]:
        """The selected nodes; all of them when none (or only the total) is selected."""
        nodes = self.store.get("nodes")
        keys = {
            index.data(Role.KEY)
            for index in self.table.selectionModel().selectedRows(DiskTableModel.NAME_COLUMN)
        }
        chosen = [nodes[key] for key in keys if key in nodes]
        return sorted(chosen, key=lambda n: n.hostname) if chosen else self._nodes()

    def clean_up(self) -> None:
        cluster = self.context.cluster
        profile = cluster.profile.name if cluster is not None else ""
        dialog = CleanupDialog(self, self.context.operations, self.selected_nodes(), profile)
        dialog.cleaned.connect(self.refresh)
        dialog.open()

    def _open_node(self, index: QModelIndex) -> None:
        key = index.data(Role.KEY)
        if key and key != TOTAL_KEY:
            self.navigator.open_node(key)
