"""Dialogs of host management: the labels editor, "connect host", and adding a node (join commands).

Each dialog does its engine call itself (off the GUI thread) and stays open on failure with the reason,
so nothing typed is lost; `run_dialog` awaits one without a nested event loop.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crane_desktop.engine import nodes as node_ops
from crane_desktop.engine.errors import Conflict, ProfileInvalid
from crane_desktop.engine.profiles import ProfileStore, TLSConfig, check_tls_files
from crane_desktop.engine.snapshots import ENDPOINT_LABEL, Node
from crane_desktop.messages import engine_text, error_text
from crane_desktop.views.connect_dialog import PathField
from crane_desktop.views.dialogs import ERROR_STYLE, EngineDialog, failure_text
from crane_desktop.views.join_tokens import JoinTokens
from crane_desktop.views.operations import OperationRunner, operation_slot

if TYPE_CHECKING:
    from crane_desktop.engine.cluster import Cluster
    from crane_desktop.views.context import ClusterContext


class NodeDialog(EngineDialog):
    """A node dialog that says what is wrong in its own error line (`error_label`) and stays open."""

    error_label: QLabel

    def show_problem(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def typed_address(self, edit: QLineEdit) -> str | None:
        """The engine address typed in `edit`, or None once what is wrong with it was said (and the
        cursor put back there)."""
        address = edit.text().strip()
        problem = node_ops.address_error(address)
        if problem:
            self.show_problem(engine_text(problem))
            edit.setFocus()
            return None
        return address


class LabelsDialog(NodeDialog):
    """Key/value rows of a node's labels; applied on the version read when the editor opened."""

    def __init__(self, parent: QWidget, operations: OperationRunner, node: Node) -> None:
        super().__init__(parent, operations)
        self.setObjectName("labelsDialog")
        self.node = node
        self.setWindowTitle(self.tr("Labels of %1").replace("%1", node.hostname))
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("Key"), self.tr("Value")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.add_button = QPushButton(self.tr("Add"), self)
        self.add_button.clicked.connect(lambda: self.add_row("", ""))
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.clicked.connect(self.remove_selected)
        self.reload_button = QPushButton(self.tr("Reload"), self)
        self.reload_button.setToolTip(self.tr("Read the node's current labels again (your edits are lost)"))
        self.reload_button.clicked.connect(self.reload)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("fieldError")
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.apply_button.clicked.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.reload_button):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        note = QLabel(self.tr("Placement constraints use these labels (node.labels.KEY)."), self)
        layout.addWidget(note)
        layout.addWidget(self.table)
        layout.addLayout(row)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.resize(520, 360)
        self.fill(node)

    def fill(self, node: Node) -> None:
        self.node = node
        self.table.setRowCount(0)
        for key, value in node.labels:
            self.add_row(key, value)

    def add_row(self, key: str, value: str) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(key))
        self.table.setItem(row, 1, QTableWidgetItem(value))
        if not key:
            self.table.setCurrentCell(row, 0)
        return row

    def remove_selected(self) -> None:
        for row in sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(row)

    def labels(self) -> tuple[dict[str, str], str]:
        """The rows as a dict, or the first problem (field-level) as text."""
        result: dict[str, str] = {}
        for row in range(self.table.rowCount()):
            key_item, value_item = self.table.item(row, 0), self.table.item(row, 1)
            key = (key_item.text() if key_item else "").strip()
            value = value_item.text() if value_item else ""
            if not key and not value:
                continue
            problem = node_ops.label_key_error(key)
            if not problem and key in result:
                problem = self.tr("The key “%1” appears twice.").replace("%1", key)
            elif problem:
                problem = engine_text(problem)
            if problem:
                self.table.setCurrentCell(row, 0)
                return {}, self.tr("Row %1: %2").replace("%1", str(row + 1)).replace("%2", problem)
            result[key] = value
        return result, ""

    @operation_slot()
    async def apply(self) -> None:
        labels, problem = self.labels()
        self.show_problem(problem)
        if problem:
            return
        self.apply_button.setEnabled(False)
        try:
            await self.on_manager(node_ops.update_labels, self.node, labels)
        except Conflict:
            self.show_problem(
                self.tr(
                    "The labels were changed by someone else since this editor opened; nothing was "
                    "saved. Reload to see them, then apply your change again."
                )
            )
        except Exception as exc:
            self.show_problem(failure_text(exc))
        else:
            self.accept()
        self.apply_button.setEnabled(True)

    @operation_slot()
    async def reload(self) -> None:
        try:
            node = await self.on_manager(node_ops.inspect, self.node.id)
        except Exception as exc:
            self.show_problem(failure_text(exc))
            return
        self.show_problem("")
        self.fill(node)


class ConnectHostDialog(NodeDialog):
    """Give a node's engine address; verified (same swarm node id) then stored as Crane's label."""

    def __init__(self, parent: QWidget, context: ClusterContext, node: Node, timeout: float = 5.0) -> None:
        super().__init__(parent, context.operations)
        self.setObjectName("connectHostDialog")
        cluster = self.cluster = _connected(context)
        self.node = node
        self.timeout = timeout
        self.result_node: Node | None = None
        self.setWindowTitle(self.tr("Connect host %1").replace("%1", node.hostname))
        self.address_edit = QLineEdit(self)
        self.address_edit.setObjectName("addressEdit")
        self.address_edit.setPlaceholderText(self.tr("IP address or host name"))
        current = cluster.node_endpoint(node)
        if current:
            host = current.split("://", 1)[-1]
            self.address_edit.setText(host.rsplit(":", 1)[0])
        elif node.address:
            self.address_edit.setText(node.address)
        self.port_spin = QSpinBox(self)
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(node_ops.DEFAULT_ENGINE_PORT)
        if current and current.rsplit(":", 1)[-1].isdigit():
            self.port_spin.setValue(int(current.rsplit(":", 1)[-1]))
        tls = cluster.profile.tls
        self.tls_label = QLabel(
            self.tr("TLS as in the profile (CA, client certificate and key)")
            if tls
            else self.tr("No TLS (the profile has none)"),
            self,
        )
        own = cluster.profile.node_tls.get(node.hostname)
        self.own_tls = QGroupBox(self.tr("Other TLS files for this node"), self)
        self.own_tls.setObjectName("nodeTlsGroup")
        self.own_tls.setCheckable(True)
        self.own_tls.setChecked(own is not None)
        self.ca_field = PathField(self.tr("CA certificate"), self)
        self.cert_field = PathField(self.tr("Client certificate"), self)
        self.key_field = PathField(self.tr("Client key"), self)
        for field, value in (
            (self.ca_field, own.ca if own else ""),
            (self.cert_field, own.cert if own else ""),
            (self.key_field, own.key if own else ""),
        ):
            field.setText(value)
        own_form = QFormLayout(self.own_tls)
        own_form.addRow(self.tr("CA certificate"), self.ca_field)
        own_form.addRow(self.tr("Client certificate"), self.cert_field)
        own_form.addRow(self.tr("Client key"), self.key_field)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("fieldError")
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.progress_label = QLabel(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.connect_button = self.buttons.addButton(
            self.tr("Connect"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.connect_button.setObjectName("connectButton")
        self.connect_button.clicked.connect(self.verify_and_store)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Address:"), self.address_edit)
        form.addRow(self.tr("Port:"), self.port_spin)
        form.addRow(self.tr("TLS:"), self.tls_label)
        form.addRow(self.own_tls)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr(
                    "The engine there must report the same swarm node id; the address is then stored "
                    "on the node as the label %1."
                ).replace("%1", ENDPOINT_LABEL),
                self,
                wordWrap=True,
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.buttons)
        self.resize(520, 220)

    def endpoint(self) -> str:
        return node_ops.engine_endpoint(self.address_edit.text(), self.port_spin.value())

    def node_tls(self) -> TLSConfig | None:
        """This node's own TLS files when given (validated: raises ProfileInvalid), else None."""
        if not self.own_tls.isChecked():
            return None
        tls = TLSConfig(self.ca_field.text(), self.cert_field.text(), self.key_field.text())
        check_tls_files(tls)
        return tls

    @operation_slot()
    async def verify_and_store(self) -> None:
        address = self.typed_address(self.address_edit)
        if address is None:
            return
        try:
            own_tls = self.node_tls()
        except ProfileInvalid as error:
            self.show_problem(error_text(error))
            return
        self.show_problem("")
        endpoint = self.endpoint()
        self.progress_label.setText(self.tr("Checking %1…").replace("%1", endpoint))
        self.connect_button.setEnabled(False)
        try:
            self.result_node = await self.on_manager(
                _connect_host, self.node.id, endpoint, own_tls or self.cluster.profile.tls, self.timeout
            )
        except Exception as exc:
            text = failure_text(exc)
            self.show_problem(self.tr("Not connected: %1").replace("%1", text))
        else:
            self._remember_tls(own_tls)
            self.accept()
        self.progress_label.setText("")
        self.connect_button.setEnabled(True)

    def _remember_tls(self, own_tls: TLSConfig | None) -> None:
        """Use the node's own TLS files from now on, and keep them in the saved profile (if saved)."""
        if own_tls == self.cluster.profile.node_tls.get(self.node.hostname):
            return
        profile = self.cluster.set_node_tls(self.node.hostname, own_tls)
        store = ProfileStore()
        if any(saved.name == profile.name for saved in store.load()):
            store.put(profile)


class AddNodeDialog(NodeDialog):
    """The join commands (worker, manager) with copy buttons, token rotation, and joining an engine."""

    def __init__(self, parent: QWidget, context: ClusterContext, nodes: list[Node]) -> None:
        super().__init__(parent, context.operations)
        self.setObjectName("addNodeDialog")
        self.cluster = _connected(context)
        self.nodes = nodes
        self.joined_node_id = ""
        self.setWindowTitle(self.tr("Add node"))
        self.tokens = JoinTokens(self, context.operations, lambda: self.nodes)

        join = QGroupBox(self.tr("Or join a host's engine from here (TLS as in the profile)"), self)
        self.address_edit = QLineEdit(self)
        self.address_edit.setObjectName("joinAddress")
        self.address_edit.setPlaceholderText(self.tr("IP address or host name"))
        self.port_spin = QSpinBox(self)
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(node_ops.DEFAULT_ENGINE_PORT)
        self.role_combo = QComboBox(self)
        self.role_combo.addItem(self.tr("worker"), "worker")
        self.role_combo.addItem(self.tr("manager"), "manager")
        self.connect_check = QCheckBox(self.tr("Connect host after joining"), self)
        self.connect_check.setChecked(True)
        self.join_button = QPushButton(self.tr("Join"), self)
        self.join_button.setObjectName("joinButton")
        self.join_button.clicked.connect(self.join)
        join_form = QFormLayout(join)
        join_form.addRow(self.tr("Address:"), self.address_edit)
        join_form.addRow(self.tr("Port:"), self.port_spin)
        join_form.addRow(self.tr("Role:"), self.role_combo)
        join_form.addRow(self.connect_check)
        join_form.addRow(self.join_button)

        self.message_label = QLabel(self)
        self.message_label.setObjectName("joinMessage")
        self.message_label.setWordWrap(True)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("fieldError")
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tokens)
        layout.addWidget(join)
        layout.addWidget(self.message_label)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.resize(760, 380)
        self.tokens.load()

    @operation_slot()
    async def join(self) -> None:
        address = self.typed_address(self.address_edit)
        if address is None:
            return
        info = self.tokens.info
        if info is None:
            self.show_problem(self.tr("The join tokens are not loaded yet."))
            return
        self.show_problem("")
        endpoint = node_ops.engine_endpoint(address, self.port_spin.value())
        role = self.role_combo.currentData()
        self.join_button.setEnabled(False)
        self.message_label.setText(self.tr("Joining %1…").replace("%1", endpoint))
        try:
            self.joined_node_id = await self.call(
                node_ops.join_remote, endpoint, self.cluster.profile.tls, info, role
            )
            if self.connect_check.isChecked() and self.joined_node_id:
                await self.on_manager(
                    node_ops.connect_new_host,
                    self.joined_node_id,
                    endpoint,
                    self.cluster.profile.tls,
                )
        except Exception as exc:
            self.message_label.setText("")
            self.show_problem(failure_text(exc))
        else:
            self.message_label.setText(
                self.tr("%1 joined the swarm as node %2.")
                .replace("%1", endpoint)
                .replace("%2", self.joined_node_id[:12])
            )
        self.join_button.setEnabled(True)


def _connected(context: ClusterContext) -> Cluster:
    """The cluster in use (its settings: profile, node endpoints); NotConnected without one."""
    return context.operations.cluster()


def _connect_host(client: Any, node_id: str, endpoint: str, tls: TLSConfig | None, timeout: float) -> Node:
    return node_ops.connect_host(client, node_id, endpoint, tls, timeout=timeout)
