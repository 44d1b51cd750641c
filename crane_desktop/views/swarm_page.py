"""The Swarm page: the swarm itself rather than what runs on it. Its id and creation, its settings
(the safe ones editable), the join commands, autolock with the unlock key and unlocking a manager that
came up locked, the rotation of the swarm's root CA with its progress per node, and each node's
swarm certificate expiry (engine/node_certs.py), which also feeds the alerts.

The settings come from /swarm (read when the page is shown, then every REFRESH_MS while it is);
each manager's own state (locked or not) from its own engine; the nodes' trust roots from the store.
The certificates are read every CERTIFICATES_MS whether the page is shown or not (the alerts need
them), and at most every CERTIFICATES_SHOWN_MS while it is shown.
Every change is sent with the version read (engine/swarm_settings.py) and asked for first.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crane_desktop.engine import node_certs
from crane_desktop.engine import swarm_settings as swarm
from crane_desktop.engine.diff import Diff, diff
from crane_desktop.engine.errors import Conflict
from crane_desktop.engine.formatting import full_time
from crane_desktop.engine.snapshots import Node
from crane_desktop.messages import engine_text
from crane_desktop.models.swarm_nodes import NodeRow, SwarmNodesModel
from crane_desktop.views.dialogs import ERROR_STYLE, confirm, failure_text
from crane_desktop.views.filtering import setup_table, sort_filter_proxy
from crane_desktop.views.join_tokens import JoinTokens
from crane_desktop.views.list_page import fit_columns_once
from crane_desktop.views.operations import is_open, operation_slot
from crane_desktop.views.overview_page import EXPIRY_WARNING_DAYS
from crane_desktop.views.swarm_autolock import AutolockBox, error_line, value_row

if TYPE_CHECKING:
    from crane_desktop.engine.cluster import Cluster
    from crane_desktop.views.context import ClusterContext, Navigator

REFRESH_MS = 3_000
CERTIFICATES_MS = 300_000  # the nodes' certificates for the alerts, the page shown or not
CERTIFICATES_SHOWN_MS = 30_000  # and read again this often while the page is shown
MANAGER_DOWN_MS = 15_000  # while a manager is down and not known locked: it may come up locked
FIELD_WIDTH = 240


def _read_swarm(cluster: Cluster, nodes: list[Node]) -> tuple[swarm.SwarmSettings, dict[str, str]]:
    """The swarm's settings (through the manager in use) and every manager's own state."""
    return swarm.read(cluster.client), swarm.manager_states(cluster, nodes)


def _read_nodes(
    cluster: Cluster, nodes: list[Node]
) -> tuple[dict[str, node_certs.NodeCertificate], dict[str, str]]:
    """Every node's swarm certificate (with the validity the swarm gives them) and every manager's own
    state (a locked one is only "down" to the swarm)."""
    validity = swarm.read(cluster.client).node_cert_expiry
    return node_certs.read_certificates(nodes, validity), swarm.manager_states(cluster, nodes)


class SwarmPage(QWidget):
    def __init__(self, context: ClusterContext, navigator: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context, self.navigator = context, navigator
        self.settings: swarm.SwarmSettings | None = None
        self.states: dict[str, str] = {}
        self.certificates: dict[str, node_certs.NodeCertificate] = {}
        self._certificates_read_at = -float("inf")  # time.monotonic() of the last reading
        self._reading = False
        self._reading_certificates = False
        self._columns_fitted = False  # to the rows once the rotation state and certificates are known
        self._fields_from_swarm = True  # the next read replaces the fields, edited or not
        self.model = SwarmNodesModel(self)
        context.store.changed.connect(self._on_store_changed)
        context.store.cleared.connect(self._forget)

        inner = QWidget(self)
        layout = QVBoxLayout(inner)
        layout.addWidget(self._about_box(inner))
        layout.addWidget(self._settings_box(inner))
        self.tokens = JoinTokens(inner, context.operations, self._nodes)
        self.tokens.setTitle(self.tr("Join tokens"))
        layout.addWidget(self.tokens)
        self.autolock = AutolockBox(
            inner, context.operations, lambda: self.settings, self._selected_locked, self.refresh
        )
        layout.addWidget(self.autolock)
        layout.addWidget(self._ca_box(inner))
        layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self._tick)
        self._certificates_timer = QTimer(self)
        self._certificates_timer.setInterval(CERTIFICATES_MS)
        self._certificates_timer.timeout.connect(self.read_certificates)
        self._certificates_timer.start()
        self._show_nodes()

    # -- building ----------------------------------------------------------------------------------
    def _about_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("The swarm"), parent)
        form = QFormLayout(box)
        self.id_label = value_row(form, self, self.tr("Cluster ID:"), "swarmId")
        self.created_label = value_row(form, self, self.tr("Created:"), "swarmCreated")
        self.pool_label = value_row(form, self, self.tr("Default address pool:"), "addressPool")
        self.port_label = value_row(form, self, self.tr("Data path port:"), "dataPathPort")
        self.read_error = error_line(box, "readError")
        form.addRow(self.read_error)
        return box

    def _settings_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("Settings"), parent)
        form = QFormLayout(box)
        titles = {
            "task_history_limit": self.tr("Task history limit:"),
            "heartbeat_period": self.tr("Heartbeat period:"),
            "snapshot_interval": self.tr("Snapshot interval (log entries):"),
            "node_cert_expiry": self.tr("Node certificate validity:"),
        }
        self.fields: dict[str, QLineEdit] = {}
        self.field_errors: dict[str, QLabel] = {}
        for key in swarm.EDITABLE:
            edit = QLineEdit(box)
            edit.setObjectName(key)
            edit.setMaximumWidth(FIELD_WIDTH)
            error = error_line(box, f"{key}Error")
            cell = QVBoxLayout()
            cell.addWidget(edit)
            cell.addWidget(error)
            form.addRow(titles[key], cell)
            self.fields[key], self.field_errors[key] = edit, error
        self.apply_button = QPushButton(self.tr("Apply…"), box)
        self.apply_button.setObjectName("applySettings")
        self.apply_button.clicked.connect(self.apply_settings)
        self.reload_button = QPushButton(self.tr("Reload"), box)
        self.reload_button.setToolTip(self.tr("Read the swarm's settings again (your edits are lost)"))
        self.reload_button.clicked.connect(self.reload_settings)
        row = QHBoxLayout()
        row.addWidget(self.apply_button)
        row.addWidget(self.reload_button)
        row.addStretch(1)
        form.addRow(row)
        self.settings_message = QLabel(box)
        self.settings_message.setObjectName("settingsMessage")
        self.settings_message.setWordWrap(True)
        form.addRow(self.settings_message)
        return box

    def _ca_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("Certificates"), parent)
        layout = QVBoxLayout(box)
        form = QFormLayout()
        self.root_expiry_label = value_row(form, self, self.tr("Root CA expires:"), "rootExpiry")
        self.node_validity_label = value_row(form, self, self.tr("Node certificates:"), "nodeValidity")
        layout.addLayout(form)
        explanation = QLabel(
            self.tr(
                "The swarm's own CA signs the certificates its nodes use among themselves; they are "
                "renewed automatically. It is not the CA of the engines' TLS API: rotating it changes "
                "none of this workstation's certificates. A manager's certificate is read on its swarm "
                "port; a worker's cannot be read from here, but a node that is down cannot renew its "
                "certificate, and once it has expired the node cannot rejoin: such nodes are shown in "
                "the warning colour and raise an alert."
            ),
            box,
        )
        explanation.setWordWrap(True)
        layout.addWidget(explanation)
        self.table = QTableView(box)
        self.table.setObjectName("swarmNodes")
        self.proxy = sort_filter_proxy(self.model, self)
        self.table.setModel(self.proxy)
        setup_table(self.table)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        fit_columns_once(self.model, self.table.resizeColumnsToContents)
        self.table.setMinimumHeight(150)
        layout.addWidget(self.table)
        self.rotate_ca_button = QPushButton(self.tr("Rotate CA…"), box)
        self.rotate_ca_button.setObjectName("rotateCa")
        self.rotate_ca_button.clicked.connect(self.rotate_ca)
        self.rotation_label = QLabel(box)
        self.rotation_label.setObjectName("rotationProgress")
        self.rotation_label.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.rotate_ca_button)
        row.addWidget(self.rotation_label, 1)
        layout.addLayout(row)
        self.ca_error = error_line(box, "caError")
        layout.addWidget(self.ca_error)
        return box

    # -- reading -----------------------------------------------------------------------------------
    def _nodes(self) -> list[Node]:
        return list(self.context.store.get("nodes").values())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._timer.start()
        self._tick()

    def hideEvent(self, event: Any) -> None:
        super().hideEvent(event)
        self._timer.stop()

    def _tick(self) -> None:
        if self._reading or not self.isVisible():
            return
        self.refresh()
        if self.tokens.info is None:
            self.tokens.load()
        if time.monotonic() - self._certificates_read_at > CERTIFICATES_SHOWN_MS / 1000:
            self.read_certificates()

    @operation_slot()
    async def refresh(self) -> None:
        """Read the swarm and the managers' own states again (fields being edited are kept)."""
        self._reading = True
        try:
            settings, states = await self.context.operations.on_cluster(self, _read_swarm, self._nodes())
        except Exception as exc:
            self.read_error.setText(failure_text(exc))
            self.read_error.show()
            return
        finally:
            self._reading = False
        self.read_error.hide()
        if states != self.states:
            self.states = states
            self._hand_to_alerts()
        self.show_settings(settings)

    @operation_slot()
    async def read_certificates(self) -> None:
        """Read every node's swarm certificate and the managers' own states; show them and hand them to
        the alerts (a locked manager's alert says so)."""
        if self._reading_certificates or "nodes" not in self.context.store.loaded:
            return
        self._reading_certificates = True
        self._certificates_read_at = time.monotonic()
        cluster = self.context.cluster
        try:
            certificates, states = await self.context.operations.on_cluster(self, _read_nodes, self._nodes())
        except Exception:  # not connected, or the swarm not read: the next tick tries again
            self._certificates_read_at = -float("inf")
            return
        finally:
            self._reading_certificates = False
        if self.context.cluster is cluster:  # not another cluster's by now
            self.states = states
            self.show_certificates(certificates)
            waiting = any(
                node.role == "manager" and node.state != "ready" and states.get(node.id) != swarm.LOCKED
                for node in self._nodes()
            )
            self._certificates_timer.setInterval(MANAGER_DOWN_MS if waiting else CERTIFICATES_MS)

    def show_certificates(self, certificates: dict[str, node_certs.NodeCertificate]) -> None:
        """The nodes' certificates in the table, and to the alerts."""
        self.certificates = certificates
        self._hand_to_alerts()
        self._show_nodes()

    def _hand_to_alerts(self) -> None:
        locked = [node_id for node_id, state in self.states.items() if state == swarm.LOCKED]
        self.context.alerts.set_node_readings(self.certificates, locked)

    @operation_slot()
    async def reload_settings(self) -> None:
        for error in self.field_errors.values():
            error.hide()
        self.settings_message.setText("")
        self._fields_from_swarm = True
        await self.refresh()

    def show_settings(self, settings: swarm.SwarmSettings) -> None:
        """Show what was read; the fields take the swarm's values unless the user has edited them."""
        previous = self.settings
        self.settings = settings
        self.id_label.setText(settings.id)
        self.created_label.setText(full_time(settings.created))
        pool = ", ".join(settings.default_address_pool)
        self.pool_label.setText(
            self.tr("%1 (subnets of /%2)").replace("%1", pool).replace("%2", str(settings.subnet_size))
            if pool
            else self.tr("%1 (the engine's default; subnets of /%2)")
            .replace("%1", ", ".join(swarm.DEFAULT_ADDRESS_POOL))
            .replace("%2", str(settings.subnet_size))
        )
        self.port_label.setText(str(settings.data_path_port))
        texts = settings.texts()
        shown = previous.texts() if previous else {}
        for key, edit in self.fields.items():
            if self._fields_from_swarm or edit.text() == shown.get(key):
                edit.setText(texts[key])
        self._fields_from_swarm = False
        self.autolock.show_settings(settings)
        expiry = settings.root_expiry()
        self._show_root_expiry(expiry)
        self.node_validity_label.setText(
            self.tr("valid %1 from issue, renewed automatically before they expire").replace(
                "%1", texts["node_cert_expiry"]
            )
        )
        self._show_nodes()

    def _show_root_expiry(self, expiry: datetime | None) -> None:
        """The root's expiry, in the warning colour within EXPIRY_WARNING_DAYS (the overview warns too)."""
        if expiry is None:
            self.root_expiry_label.setText(self.tr("unknown"))
            self.root_expiry_label.setStyleSheet("")
            return
        days = (expiry - datetime.now(UTC)).days
        text = self.tr("%1 (in %n day(s))", "", days).replace("%1", full_time(expiry))
        self.root_expiry_label.setText(text)
        self.root_expiry_label.setStyleSheet(ERROR_STYLE if days < EXPIRY_WARNING_DAYS else "")

    def _show_nodes(self) -> None:
        """The nodes' rows from the store, the managers' states and the swarm's root; the progress."""
        settings = self.settings
        rows = {
            node.id: NodeRow(
                node,
                self.states.get(node.id, ""),
                swarm.node_progress(node, settings) if settings else "",
                self.certificates.get(node.id),
            )
            for node in self._nodes()
        }
        current = {row.node.id: row for row in self.model.objects()}
        change = diff(current, rows)
        if change or (not self.model.loaded and "nodes" in self.context.store.loaded):
            self.model.apply_diff(change)
        if not self._columns_fitted and settings is not None and self.certificates and rows:
            self._columns_fitted = True  # once: the user's widths are kept after
            for column in range(self.model.columnCount() - 1):  # the last one stretches
                self.table.resizeColumnToContents(column)
        self.autolock.show_locked([row.node.hostname for row in rows.values() if row.locked])
        if self.settings is None or not rows:
            self.rotation_label.setText("")
            return
        progress = [row.progress for row in rows.values()]
        if swarm.rotation_done(self.settings, (row.node for row in rows.values())):
            text = self.tr("Every node has a certificate from the current root.")
        elif self.settings.rotating:
            text = self.tr(
                "CA rotation under way: %1 of %2 nodes have a certificate from the new CA; then the swarm "
                "switches to the new root."
            )
        else:
            text = self.tr("CA rotation under way: %1 of %2 nodes trust the new root.")
        done = progress.count(swarm.NEW_CERTIFICATE if self.settings.rotating else swarm.CURRENT)
        self.rotation_label.setText(text.replace("%1", str(done)).replace("%2", str(len(rows))))

    def _on_store_changed(self, kind: str, change: Diff[Any]) -> None:
        if kind != "nodes":
            return
        shown = {row.node.id: row.node.state for row in self.model.objects()}
        self._show_nodes()
        # the first nodes of a cluster, or a node that went down or came back: ask the engines (a node
        # down cannot renew its certificate; a manager down may be locked)
        changed_state = any(
            shown.get(node_id, node.state) != node.state for node_id, node in change.changed.items()
        )
        if not self.certificates or changed_state:
            self.read_certificates()

    def _forget(self) -> None:
        """Another cluster: nothing of this one stays shown."""
        for label in (self.id_label, self.created_label, self.pool_label, self.port_label):
            label.setText("…")
        for edit in self.fields.values():
            edit.clear()
        self.autolock.forget()
        self.settings = None
        self._fields_from_swarm = True
        self.states = {}
        self.certificates = {}
        self._certificates_read_at = -float("inf")
        self._columns_fitted = False
        self.tokens.info = None
        self.model.clear()

    # -- the settings ------------------------------------------------------------------------------
    @operation_slot()
    async def apply_settings(self) -> None:
        current = self.settings
        if current is None:
            return
        values, problems = swarm.check_settings({key: edit.text() for key, edit in self.fields.items()})
        for key, error in self.field_errors.items():
            error.setText(engine_text(problems[key]) if key in problems else "")
            error.setVisible(key in problems)
        if problems:
            self.fields[next(key for key in swarm.EDITABLE if key in problems)].setFocus()
            return
        changes = swarm.changed_settings(current, values)
        if not changes:
            self.settings_message.setText(self.tr("Nothing to change."))
            return
        titles = {
            "task_history_limit": self.tr("Task history limit"),
            "heartbeat_period": self.tr("Heartbeat period"),
            "snapshot_interval": self.tr("Snapshot interval"),
            "node_cert_expiry": self.tr("Node certificate validity"),
        }
        texts = current.texts()
        details = "\n".join(
            f"{titles[key]}: {texts[key]} → {self.fields[key].text().strip()}" for key in changes
        )
        asked = await confirm(
            self, self.tr("Change the swarm's settings"), self.tr("Change these settings of the swarm?"),
            self.tr("Apply"), details=details,
        )  # fmt: skip
        if not asked or not is_open(self):
            return
        try:
            await self.context.operations.on_manager(
                self, swarm.update_settings, current, changes, busy=[self.apply_button]
            )
        except Conflict:
            self.settings_message.setText(
                self.tr(
                    "The swarm was changed by someone else since its settings were read; nothing was "
                    "saved. Reload to see them, then apply your change again."
                )
            )
            return
        except Exception as exc:
            self.settings_message.setText(failure_text(exc))
            return
        self.settings_message.setText(self.tr("The settings were changed."))
        self._fields_from_swarm = True
        await self.refresh()

    def _selected_locked(self) -> Node | None:
        """The locked manager selected in the table, or the only locked one."""
        rows = [
            self.model.object_at(self.proxy.mapToSource(index).row())
            for index in self.table.selectionModel().selectedRows()
        ]
        locked = [row for row in rows or self.model.objects() if row.locked]
        return locked[0].node if len(locked) == 1 or (rows and locked) else None

    # -- CA rotation -------------------------------------------------------------------------------
    @operation_slot()
    async def rotate_ca(self) -> None:
        current = self.settings
        if current is None:
            return
        text = self.tr(
            "Rotate the swarm's root CA? The swarm makes a new root and gives every node a new "
            "certificate from it; nodes that are down get theirs when they come back. This workstation's "
            "certificates (the engines' TLS API) do not change."
        )
        if not await confirm(self, self.tr("Rotate CA"), text, self.tr("Rotate")) or not is_open(self):
            return
        self.ca_error.hide()
        try:
            await self.context.operations.on_manager(
                self, swarm.rotate_ca, current, busy=[self.rotate_ca_button]
            )
        except Exception as exc:
            self.ca_error.setText(failure_text(exc))
            self.ca_error.show()
            return
        self.rotation_label.setText(self.tr("CA rotation started."))
        self._fields_from_swarm = True
        await self.refresh()
