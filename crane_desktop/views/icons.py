"""The app's own icons: one set of simple line drawings (crane_desktop/icons/*.svg, package data), drawn
in the palette's text colour at paint time, so they follow the light and the dark theme by themselves.

The SVGs are black strokes on transparency; `icon(name)` is a QIcon whose engine renders the SVG and
fills what it drew with the colour of the current application palette (window text; the disabled
shade for a disabled button, the highlighted text for a selected row). A theme switch needs no
re-tinting: the widgets repaint on the palette change and ask the icon again.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QObject, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QAction, QColor, QIcon, QIconEngine, QImage, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QAbstractButton, QApplication

ICON_DIR = Path(__file__).resolve().parent.parent / "icons"
NAMES = (
    "nodes",
    "apps",
    "capacity",
    "disk",
    "networks",
    "secrets",
    "configs",
    "overview",
    "events",
    "refresh",
    "drain",
    "pause",
    "activate",
    "labels",
    "add",
    "remove",
    "deploy",
    "logs",
    "terminal",
    "connect",
    "alerts",
    "swarm",
)


@cache
def _svg(name: str) -> QByteArray:
    """The SVG's bytes, read once (a missing icon is a packaging bug: it raises)."""
    return QByteArray((ICON_DIR / f"{name}.svg").read_bytes())


def icon_color(mode: QIcon.Mode = QIcon.Mode.Normal, palette: QPalette | None = None) -> QColor:
    """The colour an icon is drawn in for `mode`, from the application's palette."""
    palette = palette or QApplication.palette()
    if mode == QIcon.Mode.Disabled:
        return palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    if mode == QIcon.Mode.Selected:
        return palette.color(QPalette.ColorRole.HighlightedText)
    return palette.color(QPalette.ColorRole.WindowText)


def tinted_image(name: str, size: QSize, color: QColor) -> QImage:
    """The icon `name` rendered at `size` with every drawn pixel in `color` (its alpha kept)."""
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(_svg(name)).render(painter, QRectF(0, 0, size.width(), size.height()))
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
    painter.fillRect(image.rect(), color)
    painter.end()
    return image


class TintedIconEngine(QIconEngine):
    """Draws one SVG of the set in the palette's colour of the moment (cached per size and colour)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self._cache: dict[tuple[int, int, int], QPixmap] = {}

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        color = icon_color(mode)
        key = (size.width(), size.height(), color.rgba())
        pixmap = self._cache.get(key)
        if pixmap is None:
            if len(self._cache) > 32:  # a few sizes times a few colours; themes come and go
                self._cache.clear()
            pixmap = self._cache[key] = QPixmap.fromImage(tinted_image(self.name, size, color))
        return pixmap

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        ratio = painter.device().devicePixelRatioF() if painter.device() else 1.0
        size = QSize(round(rect.width() * ratio), round(rect.height() * ratio))
        pixmap = self.pixmap(size, mode, state)
        painter.drawPixmap(rect, pixmap)

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:
        side = min(size.width(), size.height())
        return QSize(side, side)

    def clone(self) -> QIconEngine:
        return TintedIconEngine(self.name)

    def key(self) -> str:
        return "crane-tinted"

    def iconName(self) -> str:
        return self.name


def icon(name: str) -> QIcon:
    """The icon `name` of the set (NAMES), following the theme."""
    if name not in NAMES:
        raise KeyError(name)
    return QIcon(TintedIconEngine(name))


def set_icons(owner: QObject, names: Mapping[str, str]) -> None:
    """Give the actions and buttons under `owner` their icons, by object name: {"drainNodes": "drain"}.
    Their text labels stay (the icon is never the only thing that says what a button does)."""
    for child in owner.findChildren(QObject):
        name = child.objectName()
        if name in names and isinstance(child, QAction | QAbstractButton):
            child.setIcon(icon(names[name]))
