"""The list plumbing the pages share (views/filtering.py, views/list_page.py): the row count says what
the filter leaves, columns are fitted to the first rows only, tables and trees get the same look."""

from __future__ import annotations

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QTableView, QTreeView, QWidget

from crane_desktop.views.filtering import setup_table, sort_filter_proxy
from crane_desktop.views.list_page import RowCountLabel, fit_columns_once


def add_rows(model: QStandardItemModel, *names: str) -> None:
    for name in names:
        model.appendRow([QStandardItem(name), QStandardItem("x")])


def test_the_count_follows_rows_and_filter(qtbot):
    page = QWidget()
    qtbot.addWidget(page)
    model = QStandardItemModel(page)
    proxy = sort_filter_proxy(model, page)
    label = RowCountLabel(page, model, proxy, lambda n: f"{n} thing(s)")
    assert label.text() == "0 thing(s)"
    add_rows(model, "alpha", "beta", "gamma")
    assert label.text() == "3 thing(s)"
    proxy.setFilterFixedString("BET")
    assert label.text() == "1 of 3 shown"
    model.removeRow(0)
    assert label.text() == "1 of 2 shown"
    proxy.setFilterFixedString("")
    assert label.text() == "2 thing(s)"


def test_columns_are_fitted_to_the_first_rows_only(qtbot):
    model = QStandardItemModel()
    fits: list[int] = []
    fit_columns_once(model, lambda: fits.append(model.rowCount()))
    add_rows(model, "alpha")
    add_rows(model, "beta")
    model.removeRows(0, 2)
    add_rows(model, "gamma")
    assert fits == [1]


def test_tables_and_trees_look_alike(qtbot):
    table, tree = QTableView(), QTreeView()
    for view in (table, tree):
        qtbot.addWidget(view)
    setup_table(table, multiple=True)
    setup_table(tree)
    assert table.isSortingEnabled() and tree.isSortingEnabled()
    assert table.selectionMode() == QAbstractItemView.SelectionMode.ExtendedSelection
    assert tree.selectionMode() == QAbstractItemView.SelectionMode.SingleSelection
    assert table.verticalHeader().isHidden() and tree.uniformRowHeights()
    assert table.horizontalHeader().stretchLastSection() and tree.header().stretchLastSection()
