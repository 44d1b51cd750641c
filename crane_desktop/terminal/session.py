"""The Terminal tab: a shell in the container through exec with a TTY, on the container's node engine.

Ends cleanly when the shell exits or the connection drops (said in the terminal), and can be reopened.
"""

from __future__ import annotations

import asyncio
import logging
import shlex
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from qasync import asyncSlot

from crane_desktop.engine import containers
from crane_desktop.messages import error_text
from crane_desktop.session import off_thread
from crane_desktop.terminal.backends import available
from crane_desktop.terminal.exec_bridge import ExecSession
from crane_desktop.terminal.widget import TerminalWidget

log = logging.getLogger("crane.terminal")


def _auto() -> str:
    return QCoreApplication.translate("TerminalPanel", "Default shell (bash when present, else /bin/sh)")


class TerminalPanel(QWidget):
    """Toolbar (command, open/reopen, status) over a TerminalWidget. `client_factory` builds a client for
    the container's node engine with no read timeout (blocking; called off the GUI thread)."""

    sessionEnded = Signal(object, object)  # exit code or None, error or None

    def __init__(
        self, parent: QWidget | None, client_factory: Callable, container_id: str, emulator: str = ""
    ) -> None:
        super().__init__(parent)
        self.setObjectName("terminalPanel")
        self.client_factory = client_factory
        self.container_id = container_id
        self.session: ExecSession | None = None
        self.command = QComboBox(self)
        self.command.setObjectName("terminalCommand")
        self.command.setEditable(True)
        self.command.addItem(_auto(), "")
        self.command.addItem("/bin/sh", "/bin/sh")
        self.command.addItem("bash", "bash")
        self.open_button = QPushButton(self.tr("Open"), self)
        self.open_button.setObjectName("terminalOpen")
        self.status = QLabel(self)
        self.status.setObjectName("terminalStatus")
        self.terminal = TerminalWidget(self, emulator or available()[0])
        self.terminal.resized.connect(self._resized)
        self.sessionEnded.connect(self._ended)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Command:"), self))
        bar.addWidget(self.command, 1)
        bar.addWidget(self.open_button)
        bar.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.terminal, 1)
        self.open_button.clicked.connect(self.open)
        self._resize_timer = QTimer(self)
        self._resize_timer.setSingleShot(True)
        self._resize_timer.setInterval(100)
        self._resize_timer.timeout.connect(self._send_resize)
        QTimer.singleShot(0, self.open)

    def _command(self, client) -> list[str]:
        text = self.command.currentText().strip()
        if self.command.currentIndex() == 0 and text == _auto():
            return containers.default_shell(client, self.container_id)
        return shlex.split(text) or ["/bin/sh"]

    @asyncSlot()
    async def open(self) -> None:
        """Open (or reopen) the shell."""
        self.close_streams()
        self.open_button.setEnabled(False)
        self.status.setText(self.tr("Connecting…"))
        cols, rows = self.terminal.grid_size()
        try:
            client = await off_thread(self.client_factory)
            command = await off_thread(self._command, client)
            session = ExecSession(client, self.container_id, command, self._report_end, cols, rows)
            if self.terminal.emulator.name == "pyte":
                session.max_buffered = 128 * 1024
            await off_thread(session.start)
        except Exception as exc:
            self.status.setText(error_text(exc) if hasattr(exc, "template") else str(exc))
            self.open_button.setText(self.tr("Reopen"))
            self.open_button.setEnabled(True)
            return
        self.session = session
        self.terminal.source = session.take
        self.terminal.send = session.write
        self.status.setText(self.tr("Connected: %1").replace("%1", " ".join(command)))
        self.open_button.setText(self.tr("Reopen"))
        self.open_button.setEnabled(True)
        self.terminal.setFocus()

    def _report_end(self, code: int | None, error: Exception | None) -> None:
        """From the reader thread. The view may be gone by then (deleted without close_streams, e.g.
        with its window): the end has nobody to tell."""
        try:
            self.sessionEnded.emit(code, error)
        except RuntimeError:
            log.debug("terminal ended after its view was deleted")

    def _ended(self, code: object, error: object) -> None:
        session = self.session
        if session is None:
            return
        # Show what is still buffered, then the end.
        self.terminal.feed(session.take())
        if error is not None:
            message = self.tr("The connection to the container was lost.")
        elif code is None:
            message = self.tr("The session ended.")
        else:
            message = self.tr("The shell exited with code %1.").replace("%1", str(code))
        self.terminal.feed(f"\r\n\x1b[2m[{message}]\x1b[0m\r\n".encode())
        self.status.setText(message)
        self.terminal.send = lambda data: None
        self.session = None
        session.close()

    def _resized(self, cols: int, rows: int) -> None:
        self._resize_timer.start()

    def _send_resize(self) -> None:
        session = self.session
        if session is None or not session.running:
            return
        cols, rows = self.terminal.grid_size()
        loop = asyncio.get_event_loop()
        future = loop.run_in_executor(None, session.resize, cols, rows)
        future.add_done_callback(lambda f: f.exception() and log.debug("resize failed: %s", f.exception()))

    def close_streams(self) -> None:
        session, self.session = self.session, None
        if session is not None:
            session.close()
        self.terminal.source = None
        self.terminal.send = lambda data: None
