"""The exec socket bridge: an interactive exec with a TTY in a container, read on a thread of its own.

Over TLS `exec_start(socket=True)` returns an SSLSocket; over a unix socket a wrapper whose `_sock` is the
socket. Output goes into a bounded buffer the widget drains once per frame: when the widget falls behind,
the reader waits, and the program's writes slow down (back-pressure) instead of memory growing.
"""

from __future__ import annotations

import logging
import socket
import threading
from collections.abc import Callable

import docker

from crane_desktop.engine import api, containers

log = logging.getLogger("crane.terminal.exec")
MAX_BUFFERED = 4 * 1024 * 1024


class ExecSession:
    """One exec. `on_end(exit_code or None, error or None)` is called once from the reader thread."""

    def __init__(
        self,
        client: docker.APIClient,
        container_id: str,
        command: list[str],
        on_end: Callable[[int | None, Exception | None], None],
        cols: int = 80,
        rows: int = 24,
    ) -> None:
        self.client = client
        self.container_id = container_id
        self.command = command
        self._on_end = on_end
        self.cols, self.rows = cols, rows
        self.exec_id = ""
        self._sock: socket.socket | None = None
        self._handle = None  # keeps docker-py's response object alive (closing it closes TLS sockets)
        self._buffer = bytearray()
        self._cond = threading.Condition()
        self._closed = threading.Event()
        self._stopped = threading.Event()
        self._write_lock = threading.Lock()
        self._thread: threading.Thread | None = None
        # How far the reader may run ahead of the screen: about half a second of the emulator's parsing,
        # so that after Ctrl-C the backlog shows quickly and the prompt comes back.
        self.max_buffered = MAX_BUFFERED

    def start(self) -> None:
        """Create and attach the exec (blocking: call off the GUI thread), then start reading."""
        self.exec_id = containers.exec_create(
            self.client, self.container_id, self.command, self.cols, self.rows
        )
        self._handle = containers.exec_start(self.client, self.exec_id)
        sock = api.exec_socket(self._handle)
        sock.settimeout(None)
        self._sock = sock
        try:
            containers.exec_resize(self.client, self.exec_id, self.cols, self.rows)
        except Exception:  # the shell may not have started yet; the widget resizes again on show
            log.debug("early exec resize failed", exc_info=True)
        self._thread = threading.Thread(
            target=self._run, args=(sock,), name=f"exec-{self.exec_id[:12]}", daemon=True
        )
        self._thread.start()
        if self._closed.is_set():  # closed while starting: close() found no socket to shut yet
            api.interrupt_exec(self._handle)

    def _run(self, sock: socket.socket) -> None:
        try:
            self._read(sock)
        except Exception:  # a bug in on_end must not vanish with the thread
            log.exception("exec session %s failed", self.exec_id[:12])
        finally:
            api.shut_exec_socket(self._handle)  # only this thread closes the socket
            self.client.close()
            self._stopped.set()

    def _read(self, sock: socket.socket) -> None:
        error: Exception | None = None
        try:
            while not self._closed.is_set():
                data = sock.recv(65536)
                if not data:
                    break
                with self._cond:
                    while len(self._buffer) > self.max_buffered and not self._closed.is_set():
                        self._cond.wait(0.1)
                    self._buffer += data
        except OSError as exc:
            if not self._closed.is_set():
                error = exc
        code = None
        if not self._closed.is_set():
            try:
                code = containers.exec_exit_code(self.client, self.exec_id)
            except Exception as exc:  # the engine went away with the connection
                error = error or exc
            self._closed.set()
            self._on_end(code, error)

    def take(self, limit: int = 1 << 30) -> bytes:
        """What arrived since the last call (at most `limit` bytes)."""
        with self._cond:
            if not self._buffer:
                return b""
            data = bytes(self._buffer[:limit])
            del self._buffer[:limit]
            self._cond.notify_all()
            return data

    @property
    def pending(self) -> int:
        return len(self._buffer)

    def write(self, data: bytes) -> None:
        sock = self._sock
        if sock is None or self._closed.is_set():
            return
        try:
            with self._write_lock:
                sock.sendall(data)
        except OSError:
            log.debug("exec write failed", exc_info=True)

    def resize(self, cols: int, rows: int) -> None:
        """TTY resize (blocking: off the GUI thread)."""
        if self.exec_id and not self._closed.is_set():
            containers.exec_resize(self.client, self.exec_id, cols, rows)
        self.cols, self.rows = cols, rows

    @property
    def running(self) -> bool:
        return self._thread is not None and not self._closed.is_set()

    def close(self) -> None:
        """End the session now (the shell gets a hang-up when its connection closes); returns at once.

        Shutting the socket ends the reader's pending read; the reader closes the client on its way
        out and then sets `stopped`.
        """
        if self._closed.is_set() and self._stopped.is_set():
            return
        self._closed.set()
        if self._handle is not None:
            api.interrupt_exec(self._handle)  # the reader closes it on its way out
        with self._cond:
            self._cond.notify_all()
        if self._thread is None:  # never started reading: nothing will close the client but us
            self.client.close()
            self._stopped.set()

    @property
    def stopped(self) -> threading.Event:
        """Set once the reader has ended and closed the client (at once when it never started)."""
        return self._stopped

    def wait_stopped(self, timeout: float | None = None) -> bool:
        """Wait (not on the GUI thread) until the session's thread has ended; False on timeout."""
        return self._stopped.wait(timeout)
