"""The container detail tab: Config, Logs, Monitoring, Processes, Changes and Terminal, all talking to the
container's own node engine (the manager's engine for its own node)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crane_desktop.engine import containers
from crane_desktop.engine.container_status import health_phrase, state_phrase
from crane_desktop.engine.diff import Diff
from crane_desktop.engine.errors import NoNodeEndpoint
from crane_desktop.engine.logs import LogRequest
from crane_desktop.messages import phrase_text, reason_text
from crane_desktop.views.context import StreamOwner
from crane_desktop.views.log_view import LogView
from crane_desktop.views.operations import OwnerGone, is_open, mark_closed, operation_slot

T = TypeVar("T")

if TYPE_CHECKING:
    import docker

    from crane_desktop.engine.cluster import Cluster
    from crane_desktop.engine.snapshots import Node
    from crane_desktop.views.context import ClusterContext

log = logging.getLogger("crane.views.container")
MASK = "••••••••"


class ContainerDetail(QWidget):
    """One container, reached from a task, a node's container list or quick search."""

    def __init__(
        self, context: ClusterContext, node_id: str, container_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("containerDetail")
        self.context = context
        self.node_id = node_id
        self.container_id = container_id
        self.config: containers.ContainerConfig | None = None
        self.closed = False
        self.error = QLabel(self)
        self.error.setObjectName("containerError")
        self.error.setWordWrap(True)
        self.connect_button = QPushButton(self.tr("Connect host…"), self)
        self.connect_button.setObjectName("containerConnectHost")
        self.connect_button.setToolTip(self.tr("Give the engine address of this container's node"))
        self.connect_button.clicked.connect(self.connect_host)
        self._hide_error()
        # the node's address may come after the tab said it was missing (Connect host here or on the
        # node): its next snapshot reads the container again
        context.store.changed.connect(self._on_store_changed)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("containerTabs")

        self.config_tree = QTreeWidget(self)
        self.config_tree.setObjectName("containerConfig")
        self.config_tree.setHeaderLabels([self.tr("Setting"), self.tr("Value")])
        self.config_tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.config_tree.itemClicked.connect(self._reveal)
        self.logs = LogView(self)
        self.tail = QComboBox(self)
        self.tail.setObjectName("logTail")
        for text, value in (
            (self.tr("Last 100 lines"), 100),
            (self.tr("Last 1,000 lines"), 1000),
            (self.tr("Last 10,000 lines"), 10000),
            (self.tr("All lines"), "all"),
        ):
            self.tail.addItem(text, value)
        self.tail.setCurrentIndex(1)
        self.since = QComboBox(self)
        self.since.setObjectName("logSince")
        for text, seconds in (
            (self.tr("From the start"), 0),
            (self.tr("Since 5 minutes ago"), 300),
            (self.tr("Since 1 hour ago"), 3600),
            (self.tr("Since 24 hours ago"), 86400),
        ):
            self.since.addItem(text, seconds)
        self.tail.currentIndexChanged.connect(self.follow_logs)
        self.since.currentIndexChanged.connect(self.follow_logs)
        logs_page = QWidget(self)
        logs_bar = QHBoxLayout()
        logs_bar.addWidget(self.tail)
        logs_bar.addWidget(self.since)
        logs_bar.addStretch(1)
        logs_layout = QVBoxLayout(logs_page)
        logs_layout.setContentsMargins(0, 0, 0, 0)
        logs_layout.addLayout(logs_bar)
        logs_layout.addWidget(self.logs, 1)
        self.processes = QTreeWidget(self)
        self.processes.setObjectName("containerProcesses")
        self.processes.setRootIsDecorated(False)
        self.changes = QTreeWidget(self)
        self.changes.setObjectName("containerChanges")
        self.changes.setRootIsDecorated(False)
        self.changes.setHeaderLabels([self.tr("Change"), self.tr("Path")])
        self.changes.setSortingEnabled(True)
        self.change_filter = QComboBox(self)
        self.change_filter.setObjectName("changeKind")
        for text, value in (
            (self.tr("All changes"), ""),
            (self.tr("Added"), "added"),
            (self.tr("Changed"), "changed"),
            (self.tr("Deleted"), "deleted"),
        ):
            self.change_filter.addItem(text, value)
        self.change_search = QLineEdit(self)
        self.change_search.setPlaceholderText(self.tr("Filter paths"))
        self.change_filter.currentIndexChanged.connect(self._filter_changes)
        self.change_search.textChanged.connect(self._filter_changes)

        self.tabs.addTab(self.config_tree, self.tr("Config"))
        self.tabs.addTab(logs_page, self.tr("Logs"))
        self.monitoring: QWidget | None = None
        self.terminal: QWidget | None = None
        self._monitoring_index = self.tabs.addTab(QWidget(self), self.tr("Monitoring"))
        self.tabs.addTab(self._with_refresh(self.processes, self.refresh_processes), self.tr("Processes"))
        changes_page = self._with_refresh(
            self.changes, self.refresh_changes, self.change_filter, self.change_search
        )
        self.tabs.addTab(changes_page, self.tr("Changes"))
        self.terminal_index = self.tabs.addTab(QWidget(self), self.tr("Terminal"))
        self.tabs.currentChanged.connect(self._tab_shown)

        layout = QVBoxLayout(self)
        error_row = QHBoxLayout()
        error_row.addWidget(self.error, 1)
        error_row.addWidget(self.connect_button)
        layout.addLayout(error_row)
        layout.addWidget(self.tabs, 1)
        self._change_rows: list[tuple[str, str]] = []
        self.load()

    def _with_refresh(self, view: QWidget, refresh, *extra: QWidget) -> QWidget:
        page = QWidget(self)
        bar = QHBoxLayout()
        button = QPushButton(self.tr("Refresh"), page)
        button.clicked.connect(refresh)
        for widget in extra:
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(view, 1)
        return page

    # -- the node's engine ------------------------------------------------------------------------
    def node(self) -> Node | None:
        return self.context.store.get("nodes").get(self.node_id)

    def stream_client(self) -> Callable[[], docker.APIClient]:
        """Opens a stream client of the container's engine (called on a stream's thread; the node is
        read from the store here, on the GUI thread)."""
        node = self.node()
        opener = self.context.node_stream_client(node) if node is not None else None
        if opener is None:
            raise RuntimeError("no engine for this container's node")
        return opener

    def _show_error(self, exc: BaseException) -> None:
        """Say why the container cannot be read; when its node's engine address is not known, offer to
        give it right here (the node's own Connect host dialog)."""
        self.error.setText(reason_text(exc))
        self.error.show()
        self.connect_button.setVisible(isinstance(exc, NoNodeEndpoint) and self.node() is not None)

    def _hide_error(self) -> None:
        self.error.hide()
        self.connect_button.hide()

    @operation_slot()
    async def connect_host(self) -> None:
        """The node's Connect host dialog; once the engine address is stored (Crane's label, which the
        store sees with the node's next snapshot: `_on_store_changed`), the container is read again."""
        from crane_desktop.views.nodes_page import open_connect_host  # nodes_page opens containers

        node = self.node()
        if node is None:
            return
        if await open_connect_host(self, self.context, node) is not None and not self.closed:
            self._hide_error()
            self.load()  # a slot: scheduled (the profile may have the address already)

    def _on_store_changed(self, kind: str, change: Diff) -> None:
        """Read the container again when its node changed while its engine address was missing."""
        waiting = self.connect_button.isVisibleTo(self) and not self.closed
        if waiting and kind == "nodes" and self.node_id in change.changed:
            self._hide_error()
            self.load()

    async def _fetch(self, call: Callable[..., T]) -> T | None:
        """`call(client, container_id)` on the container's engine, off the GUI thread. None when it
        failed (said in the tab); OwnerGone when the tab closed meanwhile."""
        node = self.node()
        try:
            if node is None:
                raise NoNodeEndpoint(hostname=self.node_id[:12])
            return await self.context.operations.on_cluster(
                self, _on_container, node, call, self.container_id
            )
        except Exception as exc:
            if not is_open(self):  # closed before a failure raised ahead of the runner (not connected)
                raise OwnerGone() from exc
            self._show_error(exc)
            return None

    # -- config and logs --------------------------------------------------------------------------
    @operation_slot()
    async def load(self) -> None:
        config = await self._fetch(containers.inspect)
        if config is None:
            return
        self.config = config
        self._hide_error()
        self._fill_config(self.config)
        self.follow_logs()

    def follow_logs(self) -> None:
        """(Re)start following the container's log with the chosen tail and since."""
        if self.config is None:
            return
        seconds = self.since.currentData()
        request = LogRequest(
            "container",
            self.container_id,
            tail=self.tail.currentData(),
            since=int(time.time()) - seconds if seconds else None,
            tty=self.config.tty,
        )
        self.logs.close_streams()
        self.logs.clear()
        self.logs.follow(self.stream_client(), request)

    def _fill_config(self, config: containers.ContainerConfig) -> None:
        tree = self.config_tree
        tree.clear()

        def section(title: str, rows: list[tuple[str, str]]) -> QTreeWidgetItem:
            item = QTreeWidgetItem(tree, [title, "" if rows else self.tr("(none)")])
            for key, value in rows:
                QTreeWidgetItem(item, [key, value])
            item.setExpanded(True)
            return item

        general = [
            (self.tr("Name"), config.name),
            (self.tr("ID"), config.id),
            (self.tr("Image"), config.image),
            (self.tr("Image digest"), config.digest or config.image_id),
            (self.tr("Command"), " ".join(config.command)),
            (self.tr("Entrypoint"), " ".join(config.entrypoint)),
            (self.tr("Hostname"), config.hostname),
            (self.tr("State"), phrase_text(state_phrase(config.state))),
            (self.tr("Health"), phrase_text(health_phrase(config.health)) or self.tr("no health check")),
            (self.tr("Restart count"), str(config.restart_count)),
            (self.tr("Started"), config.started_at),
        ]
        section(self.tr("General"), general)
        env = section(self.tr("Environment"), [])
        env.setText(1, "" if config.env else self.tr("(none)"))
        for key, value in config.env:
            item = QTreeWidgetItem(env, [key, MASK if containers.looks_secret(key) and value else value])
            if containers.looks_secret(key) and value:
                item.setData(1, Qt.ItemDataRole.UserRole, value)
                item.setToolTip(1, self.tr("Click to show the value"))
        section(self.tr("Ports"), [(port, "") for port in config.ports])
        section(
            self.tr("Networks"),
            [
                (
                    net.name,
                    self.tr("IP %1 · gateway %2 · MAC %3")
                    .replace("%1", net.ip or "-")
                    .replace("%2", net.gateway or "-")
                    .replace("%3", net.mac or "-"),
                )
                for net in config.networks
            ],
        )
        kinds = {"volume": self.tr("volume"), "bind": self.tr("bind mount")}
        section(
            self.tr("Mounts"),
            [
                (
                    m.destination,
                    (self.tr("%1: %2") if m.rw else self.tr("%1: %2 (read-only)"))
                    .replace("%1", kinds.get(m.kind, m.kind))
                    .replace("%2", m.source),
                )
                for m in config.mounts
            ],
        )
        section(self.tr("Labels"), list(config.labels))

    def _reveal(self, item: QTreeWidgetItem, column: int) -> None:
        secret = item.data(1, Qt.ItemDataRole.UserRole)
        if secret:
            item.setText(1, secret if item.text(1) == MASK else MASK)

    # -- processes and changes --------------------------------------------------------------------
    @operation_slot()
    async def refresh_processes(self) -> None:
        top = await self._fetch(containers.top)
        if top is None:
            return
        titles, rows = top
        self.processes.clear()
        self.processes.setHeaderLabels(titles)
        for row in rows:
            QTreeWidgetItem(self.processes, row)

    @operation_slot()
    async def refresh_changes(self) -> None:
        change_rows = await self._fetch(containers.changes)
        if change_rows is None:
            return
        self._change_rows = change_rows
        self.changes.clear()
        names = {"added": self.tr("Added"), "changed": self.tr("Changed"), "deleted": self.tr("Deleted")}
        for kind, path in self._change_rows:
            item = QTreeWidgetItem(self.changes, [names[kind], path])
            item.setData(0, Qt.ItemDataRole.UserRole, kind)
        self._filter_changes()

    def change_rows(self, visible_only: bool = True) -> list[tuple[str, str]]:
        """(kind, path) of the rows of the Changes tab (those the filters leave visible)."""
        return [
            (item.data(0, Qt.ItemDataRole.UserRole), item.text(1))
            for item in self._change_items()
            if not (visible_only and item.isHidden())
        ]

    def _change_items(self) -> Iterator[QTreeWidgetItem]:
        for i in range(self.changes.topLevelItemCount()):
            item = self.changes.topLevelItem(i)
            if item is not None:  # never, below the count
                yield item

    def _filter_changes(self) -> None:
        kind = self.change_filter.currentData()
        text = self.change_search.text().lower()
        for item in self._change_items():
            hidden = bool(kind and item.data(0, Qt.ItemDataRole.UserRole) != kind) or (
                bool(text) and text not in item.text(1).lower()
            )
            item.setHidden(hidden)

    # -- lazily built tabs ------------------------------------------------------------------------
    def _tab_shown(self, index: int) -> None:
        page = self.tabs.widget(index)
        if index == self._monitoring_index and self.monitoring is None:
            self.monitoring = self._build_monitoring()
            self._replace_tab(index, self.monitoring, self.tr("Monitoring"))
        elif index == self.terminal_index and self.terminal is None:
            self.terminal = self._build_terminal()
            self._replace_tab(index, self.terminal, self.tr("Terminal"))
        elif (
            page is not None
            and page.findChild(QTreeWidget) is self.processes
            and not self.processes.topLevelItemCount()
        ):
            self.refresh_processes()
        elif page is not None and page.findChild(QTreeWidget) is self.changes and not self._change_rows:
            self.refresh_changes()

    def _replace_tab(self, index: int, widget: QWidget, title: str) -> None:
        self.tabs.blockSignals(True)
        old = self.tabs.widget(index)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, widget, title)
        self.tabs.setCurrentIndex(index)
        self.tabs.blockSignals(False)
        if old is not None:
            old.deleteLater()

    def _build_monitoring(self) -> QWidget:
        from crane_desktop.views.charts import ContainerCharts

        return ContainerCharts(self, self.stream_client(), self.container_id)

    def _build_terminal(self) -> QWidget:
        from crane_desktop.terminal.session import TerminalPanel

        return TerminalPanel(self, self.context.operations, self.stream_client(), self.container_id)

    def close_streams(self) -> None:
        """Stop the log, stats and exec streams of this tab (called when the tab closes)."""
        self.closed = True
        mark_closed(self)  # engine answers still in flight deliver nothing to it
        self.logs.close_streams()
        for widget in (self.monitoring, self.terminal):
            if isinstance(widget, StreamOwner):
                widget.close_streams()


def _on_container(cluster: Cluster, node: Node, call: Callable[..., T], container_id: str) -> T:
    client: docker.APIClient = cluster.node_client(node)
    return call(client, container_id)
