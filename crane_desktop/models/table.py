"""A table model keyed by object id that applies engine diffs in place.

Rows are inserted, removed and changed with beginInsertRows / beginRemoveRows / dataChanged for
exactly the rows concerned, never a reset: selection, sort, scroll and expansion survive refreshes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from crane_desktop.engine.diff import Diff
from crane_desktop.models.live import LiveRows, stale_brush
from crane_desktop.threadcheck import gui_thread_only

Index = QModelIndex | QPersistentModelIndex


class Role(IntEnum):
    OBJECT = Qt.ItemDataRole.UserRole + 1
    SORT = Qt.ItemDataRole.UserRole + 2
    KEY = Qt.ItemDataRole.UserRole + 3


@dataclass(frozen=True)
class Column:
    """How one column shows an object: its text, sort key, tooltip and colour."""

    title: Callable[[], str]
    text: Callable[[Any], str]
    sort: Callable[[Any], str | int | float] | None = None  # plain values: the proxy compares them
    tooltip: Callable[[Any], str] | None = None
    color: Callable[[Any], QColor | None] | None = None


def runs(rows: Iterable[int]) -> list[tuple[int, int]]:
    """Sorted rows grouped into contiguous (first, last) runs."""
    result: list[tuple[int, int]] = []
    for row in sorted(rows):
        if result and row == result[-1][1] + 1:
            result[-1] = (result[-1][0], row)
        else:
            result.append((row, row))
    return result


class KeyedTableModel(LiveRows, QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._keys: list[str] = []
        self._objects: list[Any] = []
        self._rows: dict[str, int] = {}

    # -- reading ---------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._objects)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def column_titles(self) -> list[str]:
        return [column.title() for column in self._columns]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._objects):
            return None
        obj = self._objects[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(obj)
        if role == Role.SORT:
            return column.sort(obj) if column.sort else column.text(obj)
        if role == Role.OBJECT:
            return obj
        if role == Role.KEY:
            return self._keys[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip:
            return column.tooltip(obj)
        if role == Qt.ItemDataRole.ForegroundRole:
            if self.stale:
                return stale_brush()
            color = column.color(obj) if column.color else None
            return QBrush(color) if color is not None else None
        return None

    def object_at(self, row: int) -> Any:
        return self._objects[row]

    def row_of(self, key: str) -> int:
        return self._rows.get(key, -1)

    def get(self, key: str) -> Any:
        row = self._rows.get(key)
        return None if row is None else self._objects[row]

    def objects(self) -> list[Any]:
        return list(self._objects)

    # -- writing ---------------------------------------------------------------------------------
    def apply_diff(self, change: Diff[Any]) -> None:
        """Apply one engine diff with the fewest row signals."""
        gui_thread_only(f"{type(self).__name__}.apply_diff")
        self._remove(change.removed)
        self._change(change.changed)
        self._add(change.added)
        self.loaded = True

    def clear(self) -> None:
        """Remove every row (row removal, not a reset) and forget that data was loaded."""
        self._remove(list(self._keys))
        self.loaded = False

    def _remove(self, keys: Iterable[str]) -> None:
        rows = [self._rows[key] for key in keys if key in self._rows]
        if not rows:
            return
        for first, last in reversed(runs(rows)):
            self.beginRemoveRows(QModelIndex(), first, last)
            del self._keys[first : last + 1]
            del self._objects[first : last + 1]
            self.endRemoveRows()
        self._rows = {key: row for row, key in enumerate(self._keys)}

    def _change(self, changed: Mapping[str, Any]) -> None:
        touched = []
        for key, obj in changed.items():
            row = self._rows.get(key)
            if row is not None:
                self._objects[row] = obj
                touched.append(row)
        last_column = len(self._columns) - 1
        for first, last in runs(touched):
            self.dataChanged.emit(self.index(first, 0), self.index(last, last_column))

    def _add(self, added: Mapping[str, Any]) -> None:
        new = [(key, obj) for key, obj in added.items() if key not in self._rows]
        updates = {key: obj for key, obj in added.items() if key in self._rows}
        if updates:
            self._change(updates)
        if not new:
            return
        first = len(self._objects)
        self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
        for offset, (key, obj) in enumerate(new):
            self._keys.append(key)
            self._objects.append(obj)
            self._rows[key] = first + offset
        self.endInsertRows()
