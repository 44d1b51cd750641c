"""The join commands (worker, manager) with copy buttons and token rotation: one widget, shown by the
Swarm page and by the "add node" dialog (which also needs the tokens to join an engine from here).

It calls the engine itself through the operation runner (itself as the owner: inside a dialog that
closed, nothing of it is touched) and says what happened in its own lines.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from crane_desktop.engine import nodes as node_ops
from crane_desktop.engine.snapshots import Node
from crane_desktop.views.dialogs import ERROR_STYLE, confirm, failure_text
from crane_desktop.views.operations import OperationRunner, is_open, operation_slot


class CopyField(QWidget):
    """A read-only text (a command, a key) with a Copy button."""

    def __init__(self, parent: QWidget, name: str) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setReadOnly(True)
        self.edit.setObjectName(name)
        self.copy_button = QPushButton(self.tr("Copy"), self)
        self.copy_button.setObjectName(f"{name}Copy")
        self.copy_button.clicked.connect(self.copy)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.copy_button)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.edit.text())


class JoinTokens(QGroupBox):
    """`docker swarm join` commands for both roles; "Rotate…" asks, makes a new token, shows it."""

    def __init__(self, parent: QWidget, operations: OperationRunner, nodes: Callable[[], list[Node]]) -> None:
        super().__init__(self.tr("Run on the new host"), parent)
        self.setObjectName("joinTokens")
        self.operations = operations
        self.nodes = nodes
        self.info: node_ops.JoinInfo | None = None
        self.worker_field = CopyField(self, "workerCommand")
        self.manager_field = CopyField(self, "managerCommand")
        self.rotate_worker = QPushButton(self.tr("Rotate worker token…"), self)
        self.rotate_worker.clicked.connect(lambda: self.rotate("worker"))
        self.rotate_manager = QPushButton(self.tr("Rotate manager token…"), self)
        self.rotate_manager.clicked.connect(lambda: self.rotate("manager"))
        self.message_label = QLabel(self)
        self.message_label.setObjectName("joinMessage")
        self.message_label.setWordWrap(True)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("tokenError")
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        form = QFormLayout(self)
        form.addRow(self.tr("As a worker:"), self.worker_field)
        form.addRow(self.tr("As a manager:"), self.manager_field)
        rotate_row = QHBoxLayout()
        rotate_row.addWidget(self.rotate_worker)
        rotate_row.addWidget(self.rotate_manager)
        rotate_row.addStretch(1)
        form.addRow(rotate_row)
        form.addRow(self.message_label)
        form.addRow(self.error_label)

    def show_problem(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    @operation_slot()
    async def load(self) -> None:
        try:
            info = await self.operations.on_manager(self, node_ops.join_info, self.nodes())
        except Exception as exc:
            self.show_problem(failure_text(exc))
            return
        self.show_problem("")
        self.info = info
        self.worker_field.edit.setText(info.command("worker"))
        self.manager_field.edit.setText(info.command("manager"))

    @operation_slot()
    async def rotate(self, role: str) -> None:
        text = (
            self.tr("Make a new worker join token? The current one stops working for new nodes.")
            if role == "worker"
            else self.tr("Make a new manager join token? The current one stops working for new nodes.")
        )
        asked = await confirm(self, self.tr("Rotate join token"), text, self.tr("Rotate"))
        if not asked or not is_open(self):
            return
        try:
            await self.operations.on_manager(
                self, node_ops.rotate_token, role, busy=[self.rotate_worker, self.rotate_manager]
            )
        except Exception as exc:
            self.show_problem(failure_text(exc))
            return
        self.message_label.setText(self.tr("A new join token was made."))
        await self.load()
