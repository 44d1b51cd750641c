"""What a tab of a node's own engine shows instead of its data: the engine address is not known (with
"Connect host"), or the engine did not answer (with the error and "Retry")."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class Unavailable(QWidget):
    """What a tab shows instead of its data: no endpoint (with Connect host) or unreachable (Retry)."""

    def __init__(self, parent: QWidget, connect_host: Callable[[], None], retry: Callable[[], None]) -> None:
        super().__init__(parent)
        self.message = QLabel(self)
        self.message.setObjectName("unavailableMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.connect_button = QPushButton(self.tr("Connect host…"), self)
        self.connect_button.setObjectName("connectHostButton")
        self.connect_button.clicked.connect(connect_host)
        self.retry_button = QPushButton(self.tr("Retry"), self)
        self.retry_button.clicked.connect(retry)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.connect_button)
        row.addWidget(self.retry_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.message)
        layout.addLayout(row)
        layout.addStretch(1)

    def show_no_endpoint(self, hostname: str) -> None:
        self.show_text(
            self.tr(
                "The engine address of %1 is not known, so its own containers, networks, volumes and "
                "images cannot be shown. Use “Connect host” to give it."
            ).replace("%1", hostname)
        )

    def show_unreachable(self, error_text: str) -> None:
        self.show_text(self.tr("unreachable: %1").replace("%1", error_text))

    def show_text(self, text: str, *, actions: bool = True) -> None:
        """Say `text`; `actions`: offer Connect host and Retry (they help with neither a lost session
        nor a node that left)."""
        self.message.setText(text)
        self.connect_button.setVisible(actions)
        self.retry_button.setVisible(actions)
