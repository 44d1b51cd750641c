"""The main window: a sidebar of pages, the connection banner and the status bar."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QWidget,
)

from crane_desktop.engine.alerts import rules_from_json
from crane_desktop.engine.cluster import ConnectionState
from crane_desktop.engine.diff import Diff
from crane_desktop.models.nodes import NodeTableModel
from crane_desktop.models.task_history import TaskHistoryFile, history_path
from crane_desktop.session import ClusterSession
from crane_desktop.settings import Settings
from crane_desktop.views.context import ClusterContext
from crane_desktop.views.notifier import Notifier
from crane_desktop.views.palette import CommandPalette
from crane_desktop.views.registries_dialog import RegistriesDialog
from crane_desktop.views.status import Banner, StatusLine
from crane_desktop.views.theme import apply_theme
from crane_desktop.views.workspace import Workspace

log = logging.getLogger("crane.views")


class MainWindow(QMainWindow):
    """Shows one cluster session; models keep their rows (greyed) while the connection is down.

    It owns the cluster context (store, operations, status messages) and the workspace (pages, detail
    tabs) and wires them to the session; no view reaches back into it.
    """

    connectRequested = Signal()
    newWindowRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Crane Desktop"))
        self.resize(1280, 800)
        self._announced_move = ("", "")
        self.context = ClusterContext(parent=self)
        self.store = self.context.store
        self.notifier = Notifier(self, self.context.alerts, enabled=Settings.load().notifications != "off")
        self.workspace = Workspace(self.context, self)
        self.banner = Banner(self)
        self.workspace.add_banner(self.banner)
        self.setCentralWidget(self.workspace)
        # what tests and --screenshot read
        self.models = self.workspace.models
        self.page_widgets = self.workspace.page_widgets
        self.tabs = self.workspace.tabs
        self.breadcrumb = self.workspace.breadcrumb
        self.nodes_page = self.page_widgets["nodes"]
        node_model = self.models["nodes"]
        assert isinstance(node_model, NodeTableModel)  # the Nodes page's model
        self.node_model = node_model

        self.status_line = StatusLine(self)
        self.statusBar().addPermanentWidget(self.status_line, 1)
        self.context.message.connect(self.statusBar().showMessage)
        self.context.operations.busyChanged.connect(self.status_line.show_busy)
        self.node_model.rowsInserted.connect(self._show_leader)
        self.node_model.dataChanged.connect(self._show_leader)
        self.node_model.rowsRemoved.connect(self._show_leader)
        self._build_menu()

    @property
    def session(self) -> ClusterSession | None:
        return self.context.session

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
        registries = QAction(self.tr("&Registries…"), self)
        registries.setObjectName("registriesAction")
        registries.setToolTip(self.tr("The private registries whose logins deploys send to the swarm"))
        registries.triggered.connect(self.show_registries)
        cluster_menu.addAction(registries)
        cluster_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(QApplication.closeAllWindows)
        cluster_menu.addAction(quit_action)

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        notify_action = QAction(self.tr("Desktop &notifications"), self, checkable=True)
        notify_action.setChecked(self.notifier.enabled)
        notify_action.setToolTip(
            self.tr("Tell me when an alert starts (the rules of the Alerts page) while I look elsewhere")
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
        palette = CommandPalette(self.context.store, self.workspace, self)
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
        app = QApplication.instance()
        assert isinstance(app, QApplication)  # a widget exists, so the application is a QApplication
        apply_theme(app, theme)
        self.workspace.repaint_rows()

    def _choose_language(self, code: str) -> None:
        settings = Settings.load()
        settings.language = code
        settings.save()
        self.statusBar().showMessage(self.tr("The language changes when Crane Desktop starts again."), 10000)

    # -- navigation (the workspace does it) -----------------------------------------------------
    def show_page(self, key: str, filter_text: str = "") -> None:
        self.workspace.show_page(key, filter_text)

    def open_detail(
        self, key: str, title: str, factory: Callable[[], QWidget], breadcrumb: list[str]
    ) -> QWidget:
        return self.workspace.open_detail(key, title, factory, breadcrumb)

    def open_node(self, node_id: str) -> QWidget:
        return self.workspace.open_node(node_id)

    def open_service(self, service_id: str) -> QWidget:
        return self.workspace.open_service(service_id)

    def open_app(self, name: str) -> QWidget:
        return self.workspace.open_app(name)

    def open_container(self, node_id: str, container_id: str, title: str = "") -> QWidget:
        return self.workspace.open_container(node_id, container_id, title)

    def close_detail(self, index: int) -> None:
        self.workspace.close_detail(index)

    def close_all_details(self) -> None:
        self.workspace.close_all_details()

    # -- the session -----------------------------------------------------------------------------
    def show_registries(self) -> None:
        """The registries of the profile in use (Cluster ▸ Registries…); says so when not connected."""
        cluster = self.context.cluster
        if cluster is None:
            self.context.say(self.tr("Connect to a cluster first: the registries belong to its profile."))
            return
        self.registries_dialog = RegistriesDialog(self, self.context, cluster)
        self.registries_dialog.open()

    async def open_profile(self, session: ClusterSession) -> None:
        """Switch to `session` (closing any previous one) and connect it; raises EngineError."""
        self.close_session()
        self.store.attach_history(TaskHistoryFile(history_path(session.profile.name)))
        self.context.session = session
        self.context.alerts.set_rules(rules_from_json(session.profile.alerts))
        session.stateChanged.connect(self._on_state)
        session.diffArrived.connect(self._on_diff)
        session.eventArrived.connect(self.store.report_event)
        session.rttMeasured.connect(self.status_line.show_rtt)
        self._on_state(session.state)
        await session.open()

    def close_session(self) -> None:
        session, self.context.session = self.context.session, None
        if session is None:
            return
        session.stateChanged.disconnect(self._on_state)
        session.diffArrived.disconnect(self._on_diff)
        session.eventArrived.disconnect(self.store.report_event)
        session.rttMeasured.disconnect(self.status_line.show_rtt)
        self.workspace.clear()
        session.close()
        self.store.clear()

    def _on_state(self, state: ConnectionState) -> None:
        self.banner.show_state(state)
        self.status_line.show_state(state)
        self.workspace.set_stale(state.phase != "connected")
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
        self.context.close()
        super().closeEvent(event)
