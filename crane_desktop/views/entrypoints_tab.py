"""The service detail's "Entry points" tab: where the service is reached from outside, and a load
balancer's configuration (nginx or HAProxy) for it, to copy or save.

It follows the store: when a task moves to another node, a host-mode port's addresses change in place.
The text is the same the headless `crane-desktop entrypoints` command prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crane_desktop.engine.diff import Diff, diff
from crane_desktop.engine.entrypoints import PortEntry, entry_points, render
from crane_desktop.engine.snapshots import Service
from crane_desktop.models.table import Column, KeyedTableModel
from crane_desktop.views.text_export import ask_save, copy_text, save_text

if TYPE_CHECKING:
    from crane_desktop.views.context import ClusterContext

translate = QCoreApplication.translate


@dataclass(frozen=True)
class EntryRow:
    endpoint: str
    hostname: str
    published: int
    target: int
    protocol: str
    mode: str


def _mode_text(row: EntryRow) -> str:
    if row.mode == "host":
        return translate("EntryPointsTab", "host (nodes running a task)")
    return translate("EntryPointsTab", "ingress (routing mesh, every node)")


ENTRY_COLUMNS = (
    Column(lambda: translate("EntryPointsTab", "Address"), lambda r: r.endpoint),
    Column(lambda: translate("EntryPointsTab", "Node"), lambda r: r.hostname),
    Column(
        lambda: translate("EntryPointsTab", "Published port"),
        lambda r: str(r.published),
        lambda r: r.published,
    ),
    Column(lambda: translate("EntryPointsTab", "Target port"), lambda r: str(r.target), lambda r: r.target),
    Column(lambda: translate("EntryPointsTab", "Protocol"), lambda r: r.protocol),
    Column(lambda: translate("EntryPointsTab", "Mode"), _mode_text),
)


def rows_of(entries: list[PortEntry]) -> dict[str, EntryRow]:
    rows = {}
    for entry in entries:
        port = entry.port
        for address, endpoint in zip(entry.addresses, entry.endpoints, strict=True):
            key = f"{port.published}/{port.protocol}/{address.hostname}"
            rows[key] = EntryRow(
                endpoint, address.hostname, port.published, port.target, port.protocol, port.mode
            )
    return rows


class EntryPointsTab(QWidget):
    FORMATS = ("nginx", "haproxy", "json")

    def __init__(self, context: ClusterContext, service_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entryPointsTab")
        self.context = context
        self.store = context.store
        self.service_id = service_id
        self._entries: list[PortEntry] = []
        self._rows: dict[str, EntryRow] = {}
        self._service: Service | None = None
        self.save_dialog: QFileDialog | None = None
        self.model = KeyedTableModel(ENTRY_COLUMNS, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.summary = QLabel(self)
        self.summary.setObjectName("entrySummary")
        self.summary.setWordWrap(True)

        self.format_combo = QComboBox(self)
        self.format_combo.setObjectName("formatCombo")
        for key, title in (
            ("nginx", self.tr("nginx")),
            ("haproxy", self.tr("HAProxy")),
            ("json", self.tr("JSON")),
        ):
            self.format_combo.addItem(title, key)
        self.tcp_combo = QComboBox(self)
        self.tcp_combo.setObjectName("tcpCombo")
        self.tcp_combo.addItem(self.tr("TCP ports are HTTP"), "http")
        self.tcp_combo.addItem(self.tr("TCP ports are plain TCP"), "stream")
        self.copy_button = QPushButton(self.tr("Copy"), self)
        self.copy_button.setObjectName("copyButton")
        self.save_button = QPushButton(self.tr("Save…"), self)
        self.save_button.setObjectName("saveButton")
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("configText")
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))

        tools = QHBoxLayout()
        tools.addWidget(QLabel(self.tr("Load balancer configuration:"), self))
        tools.addWidget(self.format_combo)
        tools.addWidget(self.tcp_combo)
        tools.addStretch(1)
        tools.addWidget(self.copy_button)
        tools.addWidget(self.save_button)
        bottom = QWidget(self)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addLayout(tools)
        bottom_layout.addWidget(self.text)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.summary)
        top_layout.addWidget(self.table)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.format_combo.currentIndexChanged.connect(self._render)
        self.tcp_combo.currentIndexChanged.connect(self._render)
        self.copy_button.clicked.connect(self.copy)
        self.save_button.clicked.connect(self.ask_save)
        self.store.changed.connect(self._on_store_changed)
        self._recompute()

    def _on_store_changed(self, kind: str, _change: Diff) -> None:
        if kind in ("nodes", "services", "tasks"):
            self._recompute()

    def _recompute(self) -> None:
        store = self.store
        service = store.get("services").get(self.service_id)
        if service is None:
            self.summary.setText(self.tr("The service no longer exists."))
            return
        entries = entry_points(service, store.get("nodes").values(), store.get("tasks").values())
        rows = rows_of(entries)
        self.model.apply_diff(diff(self._rows, rows))
        self._rows = rows
        changed = entries != self._entries or self._service is None or service.name != self._service.name
        self._service, self._entries = service, entries
        if not service.ports:
            self.summary.setText(
                self.tr(
                    "%1 publishes no port: it is reached only from other services on its networks."
                ).replace("%1", service.name)
            )
        else:
            self.summary.setText(
                self.tr(
                    "Addresses at which %1 is reached from outside the swarm. Ingress ports answer on every "
                    "node (the routing mesh); host-mode ports only on the nodes running one of its tasks."
                ).replace("%1", service.name)
            )
        if changed:
            self._render()

    def format(self) -> str:
        return self.format_combo.currentData()

    def config_text(self) -> str:
        return self.text.toPlainText()

    def _render(self, *args: object) -> None:
        if self._service is None:
            return
        self.text.setPlainText(
            render(self.format(), self._service, self._entries, self.tcp_combo.currentData())
        )

    def copy(self) -> None:
        copy_text(self.context, self.config_text(), self.tr("Configuration copied."))

    def ask_save(self) -> None:
        suffix = {"nginx": "conf", "haproxy": "cfg", "json": "json"}[self.format()]
        name = f"{self._service.name if self._service else 'service'}-{self.format()}.{suffix}"
        self.save_dialog = ask_save(self, self.tr("Save the configuration"), name, self.save_to)

    def save_to(self, path: str) -> None:
        save_text(self.context, path, self.config_text())
