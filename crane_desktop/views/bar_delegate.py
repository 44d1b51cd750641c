"""A table cell that shows a share as a bar under its text ("0.5 of 2 CPUs (25%)"), and optionally a
thinner second bar below it (what is in use now).

The number is always written out, so the bar is never the only carrier of the information; the
colours come from views/theme.py's accents, readable on the light and the dark palette, and the bar
turns from "ok" to "warning" to "error" as it fills.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from crane_desktop.models.table import Role
from crane_desktop.views.theme import accent

BAR_HEIGHT = 6
USAGE_HEIGHT = 3
GAP = 2
MARGIN = 4
WARNING_AT = 0.75
ERROR_AT = 0.9

Fractions = Callable[[Any], tuple[float, float | None]]


def fill_color(fraction: float) -> QColor:
    """How full the bar is, in the theme's accents (the text says the same in numbers)."""
    if fraction >= ERROR_AT:
        return accent("error")
    if fraction >= WARNING_AT:
        return accent("warning")
    return accent("ok")


class BarDelegate(QStyledItemDelegate):
    """Draws the cell's text and, below it, `fractions(row object)`: (main share, second share or None)."""

    def __init__(self, fractions: Fractions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fractions = fractions

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + 2 * MARGIN, size.height() + BAR_HEIGHT + USAGE_HEIGHT + 2 * GAP)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        obj = index.data(Role.OBJECT)
        if obj is None:
            super().paint(painter, option, index)
            return
        main, second = self._fractions(obj)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        widget = option.widget  # type: ignore[attr-defined]
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)

        rect: QRect = option.rect.adjusted(MARGIN, 2, -MARGIN, -2)  # type: ignore[attr-defined]
        bars = BAR_HEIGHT + GAP + USAGE_HEIGHT
        text_rect = rect.adjusted(0, 0, 0, -bars - GAP)
        palette: QPalette = option.palette  # type: ignore[attr-defined]
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        foreground = index.data(Qt.ItemDataRole.ForegroundRole)  # the model's grey while stale
        painter.save()
        stale = isinstance(foreground, QBrush) and not selected
        painter.setPen(foreground.color() if stale else palette.color(text_role))
        painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text)
        top = rect.bottom() - bars + 1
        self._bar(painter, QRect(rect.left(), top, rect.width(), BAR_HEIGHT), main, fill_color(main), palette)
        if second is not None:
            usage_rect = QRect(rect.left(), top + BAR_HEIGHT + GAP, rect.width(), USAGE_HEIGHT)
            self._bar(painter, usage_rect, second, palette.color(QPalette.ColorRole.Link), palette)
        painter.restore()

    @staticmethod
    def _bar(painter: QPainter, rect: QRect, fraction: float, color: QColor, palette: QPalette) -> None:
        track = palette.color(QPalette.ColorRole.Mid)
        track.setAlpha(110)
        painter.fillRect(rect, track)
        width = round(rect.width() * max(0.0, min(1.0, fraction)))
        if fraction > 0 and width == 0:
            width = 1  # something reserved shows, however little
        if width:
            painter.fillRect(QRect(rect.left(), rect.top(), width, rect.height()), color)
