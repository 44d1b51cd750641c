"""The workspace of one cluster: the sidebar of pages, the closable detail tabs and the breadcrumb.

It is the views' `Navigator`: every page and detail gets the cluster context and this workspace, and
opens other objects through it. It needs no main window, so tests build it on a store of snapshots.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QStackedWidget,
    QTabBar,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crane_desktop.models.live import LiveRows
from crane_desktop.views.context import ClusterContext, StreamOwner
from crane_desktop.views.icons import icon
from crane_desktop.views.operations import mark_closed
from crane_desktop.views.pages import PAGES
from crane_desktop.views.sidebar import SidebarCounts


class Workspace(QWidget):
    """Pages on the left, the current page or detail tab on the right."""

    def __init__(self, context: ClusterContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.models: dict[str, LiveRows] = {}  # page key -> the page's main model
        self.page_widgets: dict[str, QWidget] = {}
        self._details: dict[str, QWidget] = {}
        self._doomed: list[QWidget] = []  # closed tabs waiting for their turn to be deleted
        self._burial = QTimer(self)
        self._burial.setInterval(0)
        self._burial.timeout.connect(self._delete_next)

        self.sidebar = QListWidget(self)
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setMaximumWidth(200)
        self.sidebar.setIconSize(QSize(20, 20))  # no style sheet: it would keep its colours at a theme switch
        # a long count ("Nodes 4 · 1 down") is elided by the delegate, never scrolled sideways
        self.sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.pages = QStackedWidget(self)
        for key, title, factory in PAGES:
            self._add_page(key, title(), factory(context, self))
        self.sidebar.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.counts = SidebarCounts(self.sidebar, context.store, self.models)
        context.alerts.countChanged.connect(self._update_alerts_count)

        self.breadcrumb = QLabel(self)
        self.breadcrumb.setObjectName("breadcrumb")
        self.breadcrumb.setTextFormat(Qt.TextFormat.PlainText)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.addTab(self.pages, "")
        self.tabs.tabBar().setTabButton(0, QTabBar.ButtonPosition.RightSide, None)
        self.tabs.tabCloseRequested.connect(self.close_detail)
        self.tabs.currentChanged.connect(self._update_breadcrumb)
        self.sidebar.currentRowChanged.connect(self._update_breadcrumb)
        self.sidebar.itemClicked.connect(lambda _item: self.tabs.setCurrentIndex(0))

        right = QWidget(self)
        self._right_layout = QVBoxLayout(right)
        self._right_layout.setContentsMargins(0, 0, 0, 0)
        self._right_layout.addWidget(self.breadcrumb)
        self._right_layout.addWidget(self.tabs, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.sidebar)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([160, 1120])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.sidebar.setCurrentRow(0)

    def _update_alerts_count(self) -> None:
        self.counts.update("alerts")

    def add_banner(self, banner: QWidget) -> None:
        """Put `banner` (the connection's state) above the breadcrumb and the tabs."""
        self._right_layout.insertWidget(0, banner)

    def _add_page(self, key: str, title: str, widget: QWidget) -> None:
        item = QListWidgetItem(icon(key), title)
        item.setData(Qt.ItemDataRole.UserRole, key)
        self.sidebar.addItem(item)
        self.pages.addWidget(widget)
        self.page_widgets[key] = widget
        model = widget.model  # type: ignore[attr-defined]  # a page has a model (views/pages.py)
        assert isinstance(model, LiveRows)
        self.models[key] = model

    # -- the Navigator ---------------------------------------------------------------------------
    def show_page(self, key: str, filter_text: str = "") -> None:
        for row in range(self.sidebar.count()):
            if self.sidebar.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.sidebar.setCurrentRow(row)
                self.tabs.setCurrentIndex(0)
                edit = getattr(self.page_widgets[key], "filter_edit", None)
                if filter_text and isinstance(edit, QLineEdit):
                    edit.setText(filter_text)
                return
        raise KeyError(key)

    def open_node(self, node_id: str) -> QWidget:
        """The node detail tab (views/node_detail.py)."""
        from crane_desktop.views.node_detail import NodeDetail

        node = self.context.store.get("nodes").get(node_id)
        name = node.hostname if node else node_id[:12]
        return self.open_detail(
            f"node:{node_id}",
            name,
            lambda: NodeDetail(self.context, self, node_id),
            [self.tr("Nodes"), name],
        )

    def open_service(self, service_id: str) -> QWidget:
        """The service detail tab (views/service_detail.py)."""
        from crane_desktop.views.service_detail import ServiceDetail

        service = self.context.store.get("services").get(service_id)
        name = service.name if service else service_id[:12]
        trail = [self.tr("Apps"), service.stack or name, name] if service else [self.tr("Apps"), name]
        return self.open_detail(
            f"service:{service_id}", name, lambda: ServiceDetail(self.context, self, service_id), trail
        )

    def open_app(self, name: str) -> QWidget:
        """The app detail tab (views/app_detail.py) of the app (stack) `name`."""
        from crane_desktop.views.app_detail import AppDetail

        return self.open_detail(
            f"app:{name}", name, lambda: AppDetail(self.context, self, name), [self.tr("Apps"), name]
        )

    def open_container(self, node_id: str, container_id: str, title: str = "") -> QWidget:
        """The container detail tab (views/container_detail.py)."""
        from crane_desktop.views.container_detail import ContainerDetail

        node = self.context.store.get("nodes").get(node_id)
        name = title or container_id[:12]
        trail = [self.tr("Nodes"), node.hostname if node else node_id[:12], name]
        return self.open_detail(
            f"container:{container_id}",
            name,
            lambda: ContainerDetail(self.context, node_id, container_id),
            trail,
        )

    def open_network(self, network_id: str) -> None:
        """The Networks page with that network selected."""
        self.show_page("networks")
        network = self.context.store.get("networks").get(network_id)
        if network is not None:
            self.page_widgets["networks"].select_network(network.name)  # type: ignore[attr-defined]

    # -- detail tabs -----------------------------------------------------------------------------
    def open_detail(
        self, key: str, title: str, factory: Callable[[], QWidget], breadcrumb: list[str]
    ) -> QWidget:
        """Open (or bring forward) the closable detail tab `key` (e.g. "service:<id>").

        `factory` builds the widget only when the tab is not open yet; `breadcrumb` is shown above the
        tabs while it is current (e.g. ["Apps", "shop", "shop_web"]).
        """
        widget = self._details.get(key)
        if widget is None:
            widget = factory()
            widget.setProperty("detailKey", key)
            widget.setProperty("breadcrumb", " › ".join(breadcrumb))
            self._details[key] = widget
            self.tabs.addTab(widget, title)
        self.tabs.setCurrentWidget(widget)
        return widget

    def close_detail(self, index: int) -> None:
        """Close a detail tab: its operations deliver nothing more, its streams stop (at once)."""
        widget = self.tabs.widget(index)
        if index == 0 or widget is None:
            return
        self._details.pop(widget.property("detailKey"), None)
        self.tabs.removeTab(index)
        mark_closed(widget)
        if isinstance(widget, StreamOwner):
            widget.close_streams()
        self._delete_soon(widget)

    def close_tab(self, widget: QWidget) -> None:
        """Close the detail tab showing `widget` (a detail whose object is gone), if it is open."""
        index = self.tabs.indexOf(widget)
        if index > 0:
            self.close_detail(index)

    def _delete_soon(self, widget: QWidget) -> None:
        """Delete closed tabs one per event-loop turn: a detail with charts and logs takes a few ms to
        tear down, and deleting a window's tabs all in one turn held the GUI thread for tens of ms."""
        widget.hide()
        self._doomed.append(widget)
        self._burial.start()

    def _delete_next(self) -> None:
        if self._doomed:
            widget = self._doomed.pop(0)
            if shiboken6.isValid(widget):
                widget.deleteLater()
        if not self._doomed:
            self._burial.stop()

    def close_all_details(self) -> None:
        while self.tabs.count() > 1:
            self.close_detail(self.tabs.count() - 1)

    def _update_breadcrumb(self, *args: object) -> None:
        if self.tabs.currentIndex() <= 0:
            item = self.sidebar.currentItem()
            self.tabs.setTabText(0, item.text() if item else "")
            self.breadcrumb.setText(item.text() if item else "")
        else:
            self.breadcrumb.setText(self.tabs.currentWidget().property("breadcrumb") or "")
        self.breadcrumb.setVisible(self.tabs.currentIndex() > 0)  # a page's name is on its tab already

    # -- following the connection ----------------------------------------------------------------
    def set_stale(self, stale: bool) -> None:
        """Grey the pages' rows (kept) while the data may be out of date."""
        for model in self.models.values():
            model.set_stale(stale)

    def clear(self) -> None:
        """Another cluster is opened: close the details, drop every row."""
        self.close_all_details()
        for model in self.models.values():
            model.clear()

    def repaint_rows(self) -> None:
        """Rows take their colours from the palette when painted: a new theme needs only a repaint."""
        for view in self.findChildren(QAbstractItemView):
            view.viewport().update()
