"""The main window: a sidebar of pages, the connection banner and the status bar."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QTabBar,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crane_desktop.engine.cluster import ConnectionState
from crane_desktop.engine.diff import Diff
from crane_desktop.models.store import ClusterStore
from crane_desktop.session import ClusterSession
from crane_desktop.settings import Settings
from crane_desktop.views.notifier import Notifier
from crane_desktop.views.pages import PAGES
from crane_desktop.views.palette import CommandPalette
from crane_desktop.views.status import Banner, StatusLine
from crane_desktop.views.theme import apply_theme

log = logging.getLogger("crane.views")


class MainWindow(QMainWindow):
    """Shows one cluster session; models keep their rows (greyed) while the connection is down."""

    connectRequested = Signal()
    newWindowRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Crane Desktop"))
        self.resize(1280, 800)
        self.session: ClusterSession | None = None
        self._announced_move = ("", "")
        self.store = ClusterStore(self)
        self.notifier = Notifier(self, self.store, enabled=Settings.load().notifications != "off")
        self.models: dict[str, object] = {}  # page key -> the page's main model
        self.page_widgets: dict[str, QWidget] = {}

        self.sidebar = QListWidget(self)
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setMaximumWidth(200)
        self.sidebar.setStyleSheet("QListWidget#sidebar::item { padding: 6px 10px; }")
        self.pages = QStackedWidget(self)
        for key, title, factory in PAGES:
            self._add_page(key, title(), factory(self))
        self.nodes_page = self.page_widgets["nodes"]
        self.node_model = self.models["nodes"]
        self.sidebar.currentRowChanged.connect(self.pages.setCurrentIndex)

        self.banner = Banner(self)
        self.breadcrumb = QLabel(self)
        self.breadcrumb.setObjectName("breadcrumb")
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.addTab(self.pages, "")
        self.tabs.tabBar().setTabButton(0, QTabBar.ButtonPosition.RightSide, None)
        self.tabs.tabCloseRequested.connect(self.close_detail)
        self.tabs.currentChanged.connect(self._update_breadcrumb)
        self.sidebar.currentRowChanged.connect(self._update_breadcrumb)
        self.sidebar.itemClicked.connect(lambda _item: self.tabs.setCurrentIndex(0))
        self._details: dict[str, QWidget] = {}
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.banner)
        right_layout.addWidget(self.breadcrumb)
        right_layout.addWidget(self.tabs, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.sidebar)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([160, 1120])
        self.setCentralWidget(splitter)

        self.status_line = StatusLine(self)
        self.statusBar().addPermanentWidget(self.status_line, 1)
        self.sidebar.setCurrentRow(0)
        self.node_model.rowsInserted.connect(self._show_leader)
        self.node_model.dataChanged.connect(self._show_leader)
        self.node_model.rowsRemoved.connect(self._show_leader)
        self._build_menu()

    def _add_page(self, key: str, title: str, widget: QWidget) -> None:
        item = QListWidgetItem(title)
        item.setData(Qt.ItemDataRole.UserRole, key)
        self.sidebar.addItem(item)
        self.pages.addWidget(widget)
        self.page_widgets[key] = widget
        self.models[key] = widget.model

    def _build_menu(self) -> None:
        cluster_menu = self.menuBar().addMenu(self.tr("&Cluster"))
        connect = QAction(self.tr("&Connect…"), self)
        connect.setShortcut(QKeySequence.StandardKey.Open)
        connect.triggered.connect(self.connectRequested.emit)
        cluster_menu.addAction(connect)
        new_window = QAction(self.tr("&New window"), self)
        new_window.setShortcut(QKeySequence.StandardKey.New)
        new_window.setToolTip(self.tr("Open another window, to watch another cluster beside this one"))
        new_window.triggered.connect(self.newWindowRequested.emit)
        cluster_menu.addAction(new_window)
        cluster_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(QApplication.closeAllWindows)
        cluster_menu.addAction(quit_action)

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        notify_action = QAction(self.tr("Desktop &notifications"), self, checkable=True)
        notify_action.setChecked(self.notifier.enabled)
        notify_action.setToolTip(
            self.tr("Tell me when a node goes down or a rollout fails while I look elsewhere")
        )
        notify_action.toggled.connect(self._set_notifications)
        view_menu.addAction(notify_action)
        theme_menu = view_menu.addMenu(self.tr("&Theme"))
        themes = QActionGroup(self)
        current_theme = Settings.load().theme
        for code, name in (
            ("system", self.tr("Follow the system")),
            ("light", self.tr("Light")),
            ("dark", self.tr("Dark")),
        ):
            action = QAction(name, self, checkable=True)
            action.setChecked(code == current_theme)
            action.triggered.connect(lambda _checked, c=code: self.choose_theme(c))
            themes.addAction(action)
            theme_menu.addAction(action)
        palette_action = QAction(self.tr("Command &palette…"), self)
        palette_action.setShortcuts([QKeySequence("Ctrl+K"), QKeySequence("Ctrl+Shift+P")])
        palette_action.setToolTip(self.tr("Jump to any node, app, service, task or network (Ctrl+K)"))
        palette_action.triggered.connect(self.open_palette)
        view_menu.addAction(palette_action)
        self.addAction(palette_action)
        language_menu = view_menu.addMenu(self.tr("&Language"))
        group = QActionGroup(self)
        current = Settings.load().language
        for code, name in (
            ("system", self.tr("Follow the system")),
            ("en", "English"),
            ("zh_CN", "简体中文"),
        ):
            action = QAction(name, self, checkable=True)
            action.setChecked(code == current)
            action.triggered.connect(lambda _checked, c=code: self._choose_language(c))
            group.addAction(action)
            language_menu.addAction(action)

    def open_palette(self) -> CommandPalette:
        palette = CommandPalette(self)
        palette.show()
        return palette

    def _set_notifications(self, enabled: bool) -> None:
        self.notifier.enabled = enabled
        settings = Settings.load()
        settings.notifications = "on" if enabled else "off"
        settings.save()

    def choose_theme(self, theme: str) -> None:
        settings = Settings.load()
        settings.theme = theme
        settings.save()
        apply_theme(QApplication.instance(), theme)
        for model in self.models.values():  # colours of the rows follow the palette
            model.layoutChanged.emit()

    def _choose_language(self, code: str) -> None:
        settings = Settings.load()
        settings.language = code
        settings.save()
        self.statusBar().showMessage(self.tr("The language changes when Crane Desktop starts again."), 10000)

    def show_page(self, key: str) -> None:
        for row in range(self.sidebar.count()):
            if self.sidebar.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.sidebar.setCurrentRow(row)
                self.tabs.setCurrentIndex(0)
                return
        raise KeyError(key)

    # -- detail tabs -----------------------------------------------------------------------------
    def open_detail(
        self, key: str, title: str, factory: Callable[[], QWidget], breadcrumb: list[str]
    ) -> QWidget:
        """Open (or bring forward) the closable detail tab `key` (e.g. "service:<id>").

        `factory` builds the widget only when the tab is not open yet; `breadcrumb` is shown above the
        tabs while it is current (e.g. ["Apps", "shop", "shop_web"]). A widget with a `close_streams()`
        method gets it called when its tab closes.
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

    def open_node(self, node_id: str) -> QWidget:
        """The node detail tab (views/node_detail.py: NodeDetail(window, node_id))."""
        from crane_desktop.views.node_detail import NodeDetail

        node = self.store.get("nodes").get(node_id)
        name = node.hostname if node else node_id[:12]
        return self.open_detail(
            f"node:{node_id}", name, lambda: NodeDetail(self, node_id), [self.tr("Nodes"), name]
        )

    def open_service(self, service_id: str) -> QWidget:
        """The service detail tab (views/service_detail.py: ServiceDetail(window, service_id))."""
        from crane_desktop.views.service_detail import ServiceDetail

        service = self.store.get("services").get(service_id)
        name = service.name if service else service_id[:12]
        trail = [self.tr("Apps"), service.stack or name, name] if service else [self.tr("Apps"), name]
        return self.open_detail(f"service:{service_id}", name, lambda: ServiceDetail(self, service_id), trail)

    def open_container(self, node_id: str, container_id: str, title: str = "") -> QWidget:
        """The container detail tab (views/container_detail.py: ContainerDetail(window, node_id, id))."""
        from crane_desktop.views.container_detail import ContainerDetail

        node = self.store.get("nodes").get(node_id)
        name = title or container_id[:12]
        trail = [self.tr("Nodes"), node.hostname if node else node_id[:12], name]
        return self.open_detail(
            f"container:{container_id}", name, lambda: ContainerDetail(self, node_id, container_id), trail
        )

    def close_detail(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if index == 0 or widget is None:
            return
        self._details.pop(widget.property("detailKey"), None)
        self.tabs.removeTab(index)
        closer = getattr(widget, "close_streams", None)
        if callable(closer):
            closer()
        widget.deleteLater()

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

    # -- the session -----------------------------------------------------------------------------
    async def open_profile(self, session: ClusterSession) -> None:
        """Switch to `session` (closing any previous one) and connect it; raises EngineError."""
        self.close_session()
        self.session = session
        session.stateChanged.connect(self._on_state)
        session.diffArrived.connect(self._on_diff)
        self._on_state(session.state)
        await session.open()

    def close_session(self) -> None:
        session, self.session = self.session, None
        if session is None:
            return
        session.stateChanged.disconnect(self._on_state)
        session.diffArrived.disconnect(self._on_diff)
        self.close_all_details()
        session.close()
        self.store.clear()
        for model in self.models.values():
            model.clear()

    def _on_state(self, state: ConnectionState) -> None:
        self.banner.show_state(state)
        self.status_line.show_state(state)
        for model in self.models.values():
            model.set_stale(state.phase != "connected")
        move = (state.moved_from, state.endpoint)
        if state.moved_from and state.phase in ("connected", "no-leader") and move != self._announced_move:
            self._announced_move = move
            self.statusBar().showMessage(
                self.tr("The manager %1 stopped answering; now connected through %2.")
                .replace("%1", state.moved_from)
                .replace("%2", state.endpoint),
                15000,
            )
        self.setWindowTitle(
            self.tr("%1 - Crane Desktop").replace("%1", state.profile)
            if state.profile
            else self.tr("Crane Desktop")
        )

    def _on_diff(self, kind: str, change: Diff) -> None:
        self.store.apply(kind, change)

    def _show_leader(self, *args: object) -> None:
        leader = self.node_model.leader()
        self.status_line.show_leader(leader.hostname if leader else "")

    def closeEvent(self, event: QCloseEvent) -> None:
        self.close_session()
        super().closeEvent(event)
