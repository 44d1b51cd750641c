"""The plumbing every list shares: a proxy sorting by the models' sort role and matching the filter text
in any column, the filter box that drives it, and the table's (or tree's) look and selection behaviour."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QObject, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QTableView,
    QTreeView,
    QWidget,
)

from crane_desktop.models.table import Role


def sort_filter_proxy(
    model: QAbstractItemModel,
    parent: QObject,
    *,
    recursive: bool = False,
    kind: type[QSortFilterProxyModel] = QSortFilterProxyModel,
) -> QSortFilterProxyModel:
    """Sorts by Role.SORT; the filter matches any column, ignoring case (and children, if recursive).
    `kind`: a proxy class of the page's own (rows kept in place whatever the order...)."""
    proxy = kind(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(Role.SORT)
    proxy.setFilterKeyColumn(-1)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setRecursiveFilteringEnabled(recursive)
    return proxy


def filter_box(parent: QWidget, placeholder: str, proxy: QSortFilterProxyModel) -> QLineEdit:
    """A clearable line edit whose text filters `proxy` as the user types."""
    edit = QLineEdit(parent)
    edit.setPlaceholderText(placeholder)
    edit.setClearButtonEnabled(True)
    edit.textChanged.connect(proxy.setFilterFixedString)
    return edit


def setup_table(table: QTableView | QTreeView, *, multiple: bool = False) -> None:
    """Whole rows selected (several with `multiple`), alternating colours, no wrapping, columns resized
    by the user, the last one stretched; sortable by clicking a header. A table shows no row numbers;
    a tree's rows are of one height (laid out without measuring each)."""
    table.setSortingEnabled(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(
        QAbstractItemView.SelectionMode.ExtendedSelection
        if multiple
        else QAbstractItemView.SelectionMode.SingleSelection
    )
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    if isinstance(table, QTreeView):
        table.setUniformRowHeights(True)
        header = table.header()
    else:
        table.verticalHeader().hide()
        header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
