"""What the live models of the pages share: whether data has arrived (`loaded`), greying the rows
while the data may be out of date (`stale`, rows kept), and column titles as the horizontal header.

A mixin rather than a base: the table model derives from QAbstractTableModel, the trees from
QAbstractItemModel; it goes first among the bases and defines no `__init__`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import QApplication

# The type checker sees the mixin as the model it is mixed into; at run time it is a plain class.
if TYPE_CHECKING:
    _ModelBase = QAbstractItemModel
else:
    _ModelBase = object


def stale_brush() -> QBrush:
    """The colour of a row whose data may be out of date: the palette's disabled text."""
    return QApplication.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)


class LiveRows(_ModelBase):
    loaded = False  # a first diff arrived since the model was made or cleared
    stale = False  # the connection is down: the rows are kept, greyed

    def clear(self) -> None:
        """Remove every row (row removal, not a reset) and forget that data was loaded."""
        raise NotImplementedError

    def column_titles(self) -> Sequence[str]:
        """The header's titles, in the user's language (asked each time: the language may change)."""
        raise NotImplementedError

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = self.column_titles()
        return titles[section] if 0 <= section < len(titles) else None

    def set_stale(self, stale: bool) -> None:
        """Grey the rows (keeping them) while the data may be out of date."""
        if stale == self.stale:
            return
        self.stale = stale
        self._repaint_foreground(QModelIndex())

    def _repaint_foreground(self, parent: QModelIndex | QPersistentModelIndex) -> None:
        """Have the views ask again for the colour of the rows: one range over the top-level rows. A
        view repaints its whole viewport for a range, the child rows of a tree with it (they ask `data`
        again when painted), so they need no signal of their own: one per parent row cost ~60 ms of
        GUI work at 1,000 apps (benchmarks/README.md, "Slow link (50 ms RTT)")."""
        rows = self.rowCount(parent)
        if not rows:
            return
        self.dataChanged.emit(
            self.index(0, 0, parent),
            self.index(rows - 1, self.columnCount(parent) - 1, parent),
            [Qt.ItemDataRole.ForegroundRole],
        )
