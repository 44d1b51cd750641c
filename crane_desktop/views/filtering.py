"""The sort-and-filter plumbing every list page shares: a proxy sorting by the models' sort role and
matching the filter text in any column, and the filter box that drives it."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QObject, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QLineEdit, QWidget

from crane_desktop.models.table import Role


def sort_filter_proxy(
    model: QAbstractItemModel, parent: QObject, *, recursive: bool = False
) -> QSortFilterProxyModel:
    """Sorts by Role.SORT; the filter matches any column, ignoring case (and children, if recursive)."""
    proxy = QSortFilterProxyModel(parent)
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
