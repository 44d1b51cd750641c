"""The Terminal tab: a shell in the container through exec with a TTY, on the container's node engine.

Ends cleanly when the shell exits or the connection drops (said in the terminal), and can be reopened.
"""

from __future__ import annotations

import asyncio
import logging
import shlex
from collections.abc import Callable, Iterable
from typing import Any, Protocol, TypeVar

import docker
from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from qasync import asyncSlot

from crane_desktop import bridge
from crane_desktop.engine import containers
from crane_desktop.engine.errors import EngineError
from crane_desktop.messages import error_text
from crane_desktop.terminal.backends import available
from crane_desktop.terminal.exec_bridge import ExecSession
from crane_desktop.terminal.widget import TerminalWidget

log = logging.getLogger("crane.terminal")
T = TypeVar("T")


class Runner(Protocol):
    """Runs blocking calls off the GUI thread for an owner widget (the views' OperationRunner);
    raises (a BaseException) instead of returning once the owner has closed."""

    async def run(self, owner: QObject, fn: Callable[..., T], *args: Any, busy: Iterable[Any] = ()) -> T: ...


def _auto() -> str:
    return QCoreApplication.translate("TerminalPanel", "Default shell (bash when present, else /bin/sh)")


class TerminalPanel(QWidget):
    """Toolbar (command, open/reopen, status) over a TerminalWidget. `client_factory` builds a client for
    the container's node engine with no read timeout; `runner` calls it (and the exec set-up) off the
    GUI thread."""

    def __init__(
        self,
        parent: QWidget | None,
        runner: Runner,
        client_factory: Callable[[], docker.APIClient],
        container_id: str,
        emulator: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("terminalPanel")
        self.runner = runner
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

    def _chosen_command(self) -> list[str] | None:
        """The command typed or picked (read on the GUI thread); None: the container's default shell."""
        text = self.command.currentText().strip()
        if self.command.currentIndex() == 0 and text == _auto():
            return None
        return shlex.split(text) or ["/bin/sh"]

    @asyncSlot()
    async def open(self) -> None:
        """Open (or reopen) the shell."""
        self.close_streams()
        self.open_button.setEnabled(False)
        self.status.setText(self.tr("Connecting…"))
        cols, rows = self.terminal.grid_size()
        buffered = 128 * 1024 if self.terminal.emulator.name == "pyte" else None
        started: list[ExecSession] = []
        try:
            session = await self.runner.run(
                self,
                _start_session,
                self.client_factory,
                self.container_id,
                self._chosen_command(),
                bridge.relay(self._ended),  # from the reader thread, when the session ends
                (cols, rows, buffered),
                started,
            )
        except Exception as exc:
            self.status.setText(error_text(exc) if isinstance(exc, EngineError) else str(exc))
            self.open_button.setText(self.tr("Reopen"))
            self.open_button.setEnabled(True)
            return
        except BaseException as gone:  # the panel closed meanwhile: the shell must not outlive it
            for orphan in started:
                orphan.close()
            if _interrupt(gone):
                raise
            return
        command = session.command
        self.session = session
        self.terminal.source = session.take
        self.terminal.send = session.write
        self.status.setText(self.tr("Connected: %1").replace("%1", " ".join(command)))
        self.open_button.setText(self.tr("Reopen"))
        self.open_button.setEnabled(True)
        self.terminal.setFocus()

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
        self._resize(session, cols, rows)

    @asyncSlot()
    async def _resize(self, session: ExecSession, cols: int, rows: int) -> None:
        try:
            await self.runner.run(self, session.resize, cols, rows)
        except BaseException as failed:  # an engine error, or the panel closed meanwhile
            if _interrupt(failed):
                raise
            log.debug("resize failed: %s", failed)

    def close_streams(self) -> None:
        session, self.session = self.session, None
        if session is not None:
            session.close()
        self.terminal.source = None
        self.terminal.send = lambda data: None


def _start_session(
    client_factory: Callable[[], docker.APIClient],
    container_id: str,
    command: list[str] | None,
    on_end: Callable[[int | None, Exception | None], None],
    size: tuple[int, int, int | None],
    started: list[ExecSession],
) -> ExecSession:
    """Off the GUI thread: open the node's engine, pick the shell, start the exec session (kept in
    `started` too, so that a panel closed meanwhile can close it)."""
    client = client_factory()
    cols, rows, buffered = size
    session = ExecSession(
        client,
        container_id,
        command or containers.default_shell(client, container_id),
        on_end,
        cols,
        rows,
    )
    if buffered is not None:
        session.max_buffered = buffered
    session.start()
    started.append(session)
    return session


def _interrupt(error: BaseException) -> bool:
    """Not the runner's "owner closed" nor an engine failure: the process is stopping, or the task
    was cancelled."""
    return isinstance(error, KeyboardInterrupt | SystemExit | asyncio.CancelledError)
