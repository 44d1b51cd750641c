"""Two-level trees (apps and their services, slots and their task history): the index plumbing once.

Top rows are groups; a child row's index carries its group as internal pointer, so `parent()` finds
the group's row by its key. Subclasses keep `_groups` and `_group_rows` in step and say, with
`children_of`, which keys a group holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex

Index = QModelIndex | QPersistentModelIndex


class Group(Protocol):
    key: str


class GroupTreeModel(QAbstractItemModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._groups: list[Any] = []
        self._group_rows: dict[str, int] = {}

    def children_of(self, group: Any) -> Sequence[str]:
        raise NotImplementedError

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column)
        if parent.internalPointer() is not None:
            return QModelIndex()
        return self.createIndex(row, column, self._groups[parent.row()])

    # Qt's parent() is overloaded (no argument: the QObject parent); this model only answers the index form.
    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalPointer() is None:
            return QModelIndex()
        row = self._group_rows.get(index.internalPointer().key, -1)
        return self.createIndex(row, 0) if row >= 0 else QModelIndex()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups)
        if parent.column() != 0 or parent.internalPointer() is not None:
            return 0
        return len(self.children_of(self._groups[parent.row()]))
