"""The Nodes page: a live, sortable, filterable table of the swarm's nodes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crane_desktop.engine.diff import Diff
from crane_desktop.models.nodes import NodeTableModel
from crane_desktop.models.table import Role

if TYPE_CHECKING:
    from crane_desktop.views.main_window import MainWindow


class NodesPage(QWidget):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.model = model = NodeTableModel(self)
        window.store.changed.connect(self._on_store_changed)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setSortRole(Role.SORT)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(self.tr("Filter nodes (hostname, role, label, address…)"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.count_label = QLabel(self)

        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(NodeTableModel.ROLE_COLUMN, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)

        toolbar = QHBoxLayout()
        toolbar.addStretch(1)
        toolbar.addWidget(self.count_label)
        toolbar.addWidget(self.filter_edit, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(toolbar)
        layout.addWidget(self.table)

        for signal in (
            model.rowsInserted,
            model.rowsRemoved,
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
        ):
            signal.connect(self._update_count)
        model.rowsInserted.connect(self._fit_columns_once)
        self._fitted = False
        self._update_count()

    def _on_store_changed(self, kind: str, change: Diff) -> None:
        if kind == "nodes":
            self.model.apply_diff(change)

    def _update_count(self) -> None:
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        if shown == total:
            self.count_label.setText(self.tr("%n node(s)", "", total))
        else:
            self.count_label.setText(
                self.tr("%1 of %2 shown").replace("%1", str(shown)).replace("%2", str(total))
            )

    def _fit_columns_once(self) -> None:
        if not self._fitted:
            self._fitted = True
            self.table.resizeColumnsToContents()

    def selected_nodes(self) -> list:
        rows = self.table.selectionModel().selectedRows()
        return [self.proxy.data(index, Role.OBJECT) for index in rows]
