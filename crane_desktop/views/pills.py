"""Status pills: a state column's cell drawn as a rounded pill holding a symbol and the state's word
("● running", "✖ down"), tinted by how good the state is.

The word is the model's own text (translated) and the symbol's shape differs by tone (a check, a
triangle, a cross, a ring, a dot), so colour is never the only carrier. Colours come from the theme's
accents at paint time: readable on the light and the dark palette, and a theme switch needs only a repaint.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from crane_desktop.engine.capacity import NodeCapacity
from crane_desktop.engine.snapshots import Node, Service, Task
from crane_desktop.models.table import Role
from crane_desktop.views.theme import accent, is_dark

Index = QModelIndex | QPersistentModelIndex
TONES = ("ok", "warning", "error", "muted", "progress")
MARGIN = 4  # between the cell's edge and the pill
PAD = 6  # inside the pill, left and right


@dataclass(frozen=True)
class Pill:
    """What one cell's pill says: the word and its tone (one of TONES)."""

    text: str
    tone: str


def tone_color(tone: str, palette: QPalette | None = None) -> QColor:
    """The tone's colour on the current palette."""
    if tone == "progress":
        return (palette or QApplication.palette()).color(QPalette.ColorRole.Link)
    return accent({"ok": "ok", "warning": "warning", "error": "error"}.get(tone, "muted"))


# -- which tone a state has -------------------------------------------------------------------------


def node_status_tone(node: Node | NodeCapacity) -> str:
    return {"ready": "ok", "down": "error"}.get(node.state, "warning")


def availability_tone(node: Node | NodeCapacity) -> str:
    return {"active": "ok", "pause": "warning", "drain": "muted"}.get(node.availability, "warning")


def capacity_state_tone(node: NodeCapacity) -> str:
    """The capacity table's one state column: the node's status when not ready, else its availability."""
    return availability_tone(node) if node.state == "ready" else node_status_tone(node)


def task_state_tone(state: str) -> str:
    if state == "running":
        return "ok"
    if state in ("failed", "rejected", "orphaned"):
        return "error"
    if state in ("complete", "shutdown", "remove"):
        return "muted"
    return "progress"  # new, pending, assigned, accepted, preparing, ready, starting


def object_tone(tone: Callable[[Any], str]) -> Callable[[Index], str | None]:
    """A tone for the index's row object (Role.OBJECT), as the keyed models and trees give it."""

    def of(index: Index) -> str | None:
        obj = index.data(Role.OBJECT)
        return tone(obj) if obj is not None else None

    return of


def task_tone(index: Index) -> str | None:
    """The tone of a task tree's state cell; a task the engine removed is done, whatever it was."""
    task = index.data(Role.OBJECT)
    if not isinstance(task, Task):
        return None
    model, _source = source_of(index)
    if getattr(model, "is_gone", lambda _task: False)(task):
        return "muted"
    return task_state_tone(task.state)


def app_tasks_tone(index: Index) -> str | None:
    """The tone of an app tree's task count (running/desired) for an app or one of its services."""
    model, source = source_of(index)
    obj = source.data(Role.OBJECT)
    if obj is None or not hasattr(model, "counts"):
        return None
    services = [obj] if isinstance(obj, Service) else model.services_of(obj)
    pairs = [model.counts(service) for service in services]
    running, desired = sum(p[0] for p in pairs), sum(p[1] for p in pairs)
    if running >= desired:
        return "ok"
    return "error" if running == 0 else "warning"


def app_image_tone(index: Index) -> str | None:
    """The tone of an app tree's image updates cell: a newer image wants attention (warning), a
    registry that could not be asked is muted, up to date is plain text (models/apps.py)."""
    model, source = source_of(index)
    tone = getattr(model, "image_tone", None)
    return tone(source) if tone is not None else None


SEVERITY_TONES = {"bad": "error", "warn": "warning", "info": "progress"}


def severity_tone(index: Index) -> str | None:
    """The tone of an overview row (models/overview.Item)'s severity."""
    item = index.data(Role.OBJECT)
    return SEVERITY_TONES.get(getattr(item, "severity", ""))


def without_symbol(text: str) -> str:
    """The word of a text that starts with its own symbol ("▲ Warning"): the pill draws the shape."""
    head, _, rest = text.partition(" ")
    return rest if rest and len(head) == 1 and not head.isalnum() else text


# -- drawing ----------------------------------------------------------------------------------------


class PillDelegate(QStyledItemDelegate):
    """Draws a state cell as a pill: `tone(index)` says how good the state is (None: a plain cell)."""

    def __init__(
        self,
        tone: Callable[[Index], str | None],
        parent: QWidget | None = None,
        word: Callable[[str], str] = str,
    ) -> None:
        super().__init__(parent)
        self._tone = tone
        self._word = word  # the pill's word from the cell's text

    def pill(self, index: Index) -> Pill | None:
        """What the cell's pill says, or None for a cell drawn as text."""
        text = self._word(index.data(Qt.ItemDataRole.DisplayRole) or "")
        tone = self._tone(index) if text else None
        if tone is None:
            return None
        foreground = index.data(Qt.ItemDataRole.ForegroundRole)
        if isinstance(foreground, QBrush) and _is_stale(index):
            tone = "muted"  # the data may be out of date: no colour claims anything
        return Pill(str(text), tone)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        if self.pill(index) is None:
            return size
        height = option.fontMetrics.height()  # type: ignore[attr-defined]
        return QSize(size.width() + 2 * MARGIN + 2 * PAD + height, max(size.height(), height + 8))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        pill = self.pill(index)
        if pill is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""  # type: ignore[attr-defined]
        widget = option.widget  # type: ignore[attr-defined]
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        palette: QPalette = option.palette  # type: ignore[attr-defined]
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        draw_pill(painter, QRectF(option.rect), pill, palette, selected, opt.font)  # type: ignore[attr-defined]


PIXMAPS_KEPT = 512
_pixmaps: dict[tuple[Any, ...], QPixmap] = {}


def draw_pill(
    painter: QPainter, cell: QRectF, pill: Pill, palette: QPalette, selected: bool, font: QFont
) -> None:
    """The pill at the left of `cell`, vertically centred, as wide as its word (clipped to the cell).
    Drawn once per look and kept: a live table repaints its visible rows on every change."""
    height = int(min(cell.height() - 4, QFontMetrics(font).height() + 4))
    if height <= 0:
        return
    device = painter.device()
    ratio = device.devicePixelRatioF() if device is not None else 1.0
    key = (pill, palette.cacheKey(), selected, font.key(), height, ratio)
    image = _pixmaps.get(key)
    if image is None:
        if len(_pixmaps) >= PIXMAPS_KEPT:
            _pixmaps.clear()
        image = _pixmaps[key] = pill_pixmap(pill, palette, selected, font, height, ratio)
    painter.save()
    painter.setClipRect(cell)
    painter.drawPixmap(QPointF(cell.left() + MARGIN, round(cell.center().y() - height / 2)), image)
    painter.restore()


def pill_pixmap(
    pill: Pill, palette: QPalette, selected: bool, font: QFont, height: int, ratio: float
) -> QPixmap:
    """One pill on a transparent pixmap: a rounded frame in the tone's colour, its symbol, its word."""
    metrics = QFontMetrics(font)
    symbol = height - 8
    width = PAD + symbol + 4 + metrics.horizontalAdvance(pill.text) + PAD
    image = QPixmap(math.ceil(width * ratio), math.ceil(height * ratio))
    image.setDevicePixelRatio(ratio)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setFont(font)
    rect = QRectF(0, 0, width, height)
    color = tone_color(pill.tone, palette)
    fill = QColor(color)
    fill.setAlpha(70 if is_dark(palette) else 40)
    border = QColor(color)
    border.setAlpha(200)
    painter.setPen(QPen(border, 1))
    painter.setBrush(fill)
    painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), height / 2, height / 2)
    mark = QRectF(rect.left() + PAD, rect.center().y() - symbol / 2, symbol, symbol)
    draw_symbol(painter, mark, pill.tone, HIGHLIGHTED if selected else color, palette)
    text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
    painter.setPen(palette.color(text_role))
    text_rect = QRectF(mark.right() + 4, rect.top(), rect.right() - mark.right() - 4, rect.height())
    painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), pill.text)
    painter.end()
    return image


HIGHLIGHTED = QColor()  # invalid: "the palette's highlighted text", resolved in draw_symbol


def draw_symbol(painter: QPainter, rect: QRectF, tone: str, color: QColor, palette: QPalette) -> None:
    """The tone's shape: a check (ok), a triangle (warning), a cross (error), a ring (muted), a dot
    (in progress)."""
    if not color.isValid():
        color = palette.color(QPalette.ColorRole.HighlightedText)
    pen = QPen(color, max(1.5, rect.width() / 5))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    left, top, w, h = rect.left(), rect.top(), rect.width(), rect.height()
    path = QPainterPath()
    if tone == "ok":
        path.moveTo(left + 0.1 * w, top + 0.55 * h)
        path.lineTo(left + 0.4 * w, top + 0.85 * h)
        path.lineTo(left + 0.92 * w, top + 0.2 * h)
        painter.drawPath(path)
    elif tone == "error":
        painter.drawLine(QPointF(left + 0.15 * w, top + 0.15 * h), QPointF(left + 0.85 * w, top + 0.85 * h))
        painter.drawLine(QPointF(left + 0.85 * w, top + 0.15 * h), QPointF(left + 0.15 * w, top + 0.85 * h))
    elif tone == "warning":
        path.moveTo(left + 0.5 * w, top + 0.05 * h)
        path.lineTo(left + 0.98 * w, top + 0.92 * h)
        path.lineTo(left + 0.02 * w, top + 0.92 * h)
        path.closeSubpath()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawPath(path)
    elif tone == "progress":
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawEllipse(rect.adjusted(w * 0.2, h * 0.2, -w * 0.2, -h * 0.2))
    else:
        painter.drawEllipse(rect.adjusted(w * 0.15, h * 0.15, -w * 0.15, -h * 0.15))


def source_of(index: Index) -> tuple[Any, Index]:
    """The model under the view's proxies, and the index in it."""
    model = index.model()
    while hasattr(model, "mapToSource"):
        index = model.mapToSource(index)
        model = index.model()
    return model, index


def _is_stale(index: Index) -> bool:
    return bool(getattr(source_of(index)[0], "stale", False))
