"""The sidebar's counts beside the pages' names (Nodes 4 · 1 down, Apps 3, Networks 7), kept up to date
from the store's diffs: only counting, no other work per diff.

The item's own text stays the page's name (the tab and the breadcrumb use it); the count is kept in
`COUNT_ROLE` and the delegate shows it after the name, in words as well as numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QIcon, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QListWidget, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from crane_desktop.engine.diff import Diff
from crane_desktop.engine.health import node_counts
from crane_desktop.models.live import LiveRows
from crane_desktop.models.store import ClusterStore

translate = QCoreApplication.translate
COUNT_ROLE = Qt.ItemDataRole.UserRole + 10
PADDING = 12

Counter = Callable[[ClusterStore, LiveRows], str]


def nodes_count(store: ClusterStore, _model: LiveRows) -> str:
    """How many nodes (4), and how many of them are down while some are (4 · 1 down)."""
    counts = node_counts(store.get("nodes").values())
    down = counts.down  # a plain name: lupdate misses a numerus argument written counts.down
    if not down:
        return str(counts.total)
    return translate("Sidebar", "%1 · %n down", "", down).replace("%1", str(counts.total))


def rows_count(_store: ClusterStore, model: LiveRows) -> str:
    """As many as the page lists (its top rows: apps, networks)."""
    return str(model.rowCount())


def alerts_count(_store: ClusterStore, model: LiveRows) -> str:
    """The alerts firing and not acknowledged (nothing when there are none: no alarm for a zero)."""
    active = sum(row.active for row in model.objects())  # type: ignore[attr-defined]  # AlertTableModel
    return str(active) if active else ""


# page key -> (the store's kinds its count follows, the count)
COUNTS: dict[str, tuple[tuple[str, ...], Counter]] = {
    "nodes": (("nodes",), nodes_count),
    "apps": (("services",), rows_count),
    "networks": (("networks", "services"), rows_count),
    "secrets": (("secrets",), rows_count),
    "configs": (("configs",), rows_count),
    "alerts": (("nodes", "services", "tasks"), alerts_count),  # also when acknowledged (countChanged)
}


class SidebarDelegate(QStyledItemDelegate):
    """Shows an item's count after its name, on rows with room around them."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + 2 * PADDING, size.height() + PADDING)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        """The row's background across the whole width; its icon and text (with the count) moved in from
        the edge, in the highlighted text's colour when selected."""
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = option.widget  # type: ignore[attr-defined]
        style = widget.style() if widget is not None else QApplication.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, widget)
        rect = option.rect.adjusted(PADDING, 0, -PADDING // 2, 0)  # type: ignore[attr-defined]
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        side = opt.decorationSize.height()  # type: ignore[attr-defined]
        if not opt.icon.isNull():  # type: ignore[attr-defined]
            mode = QIcon.Mode.Selected if selected else QIcon.Mode.Normal
            opt.icon.paint(painter, QRect(rect.left(), rect.center().y() - side // 2, side, side), mode=mode)  # type: ignore[attr-defined]
            rect.setLeft(rect.left() + side + PADDING // 2)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setPen(opt.palette.color(role))  # type: ignore[attr-defined]
        painter.setFont(opt.font)  # type: ignore[attr-defined]
        text = opt.fontMetrics.elidedText(opt.text, Qt.TextElideMode.ElideRight, rect.width())  # type: ignore[attr-defined]
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text)
        painter.restore()

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        count = index.data(COUNT_ROLE)
        if count:
            option.text = f"{option.text} {count}"  # type: ignore[attr-defined]


class SidebarCounts(QObject):
    """Keeps the counts of the sidebar's items up to date. It is connected to the store after the pages
    (built first), so the pages' models have taken a diff when it counts their rows."""

    def __init__(self, sidebar: QListWidget, store: ClusterStore, models: Mapping[str, LiveRows]) -> None:
        super().__init__(sidebar)
        self.sidebar = sidebar
        self.store = store
        self.models = models
        sidebar.setItemDelegate(SidebarDelegate(sidebar))
        store.changed.connect(self._on_changed)
        store.cleared.connect(self.update_all)
        self.update_all()

    def _on_changed(self, kind: str, _change: Diff[Any]) -> None:
        for key, (kinds, _counter) in COUNTS.items():
            if kind in kinds:
                self.update(key)

    def update_all(self) -> None:
        for key in COUNTS:
            self.update(key)

    def update(self, key: str) -> None:
        kinds, counter = COUNTS[key]
        loaded = kinds[0] in self.store.loaded and key in self.models
        count = counter(self.store, self.models[key]) if loaded else ""
        for row in range(self.sidebar.count()):
            item = self.sidebar.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == key and item.data(COUNT_ROLE) != count:
                item.setData(COUNT_ROLE, count)
                item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{item.text()} {count}".strip())

    def text(self, key: str) -> str:
        """What the sidebar shows for the page `key`: its name and its count."""
        for row in range(self.sidebar.count()):
            item = self.sidebar.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == key:
                return f"{item.text()} {item.data(COUNT_ROLE) or ''}".strip()
        raise KeyError(key)
