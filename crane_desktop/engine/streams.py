"""A long engine stream (logs, stats, events) followed on a thread of its own, with its own client.

One lifecycle for every such stream: open the streamed response, lift the socket's read timeout,
hand the response to the subclass's `_pump`, and at the end either report it once through
`on_end(error)` (None when the engine closed it) or, with a `retry_delay`, open it again after that
pause. `stop()` never waits: it shuts the socket, which ends a pending read, and the thread closes
its own client on its way out; `stopped` is set once it has.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Self

import docker
import requests

from crane_desktop.engine import api
from crane_desktop.engine.errors import translate
from crane_desktop.engine.threads import lower_priority

log = logging.getLogger("crane.engine.streams")


class EngineStream:
    kind = "stream"  # for thread names and log lines
    retry_delay: float | None = None  # None: the first end is the end; else reopen after this pause

    def __init__(
        self,
        client_factory: Callable[[], docker.APIClient],
        target: str,
        on_end: Callable[[Exception | None], None] | None = None,
    ) -> None:
        self._client_factory = client_factory
        self._target = target
        self._on_end = on_end or (lambda error: None)
        self._stop = threading.Event()
        self._stopped = threading.Event()
        self._lock = threading.Lock()
        self._response: requests.Response | None = None
        name = f"{self.kind}-{target[:12]}" if target else self.kind
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def start(self) -> Self:
        self._thread.start()
        return self

    def stop(self, join: float | None = None) -> None:
        """Stop following; returns at once (shuts the socket, which unblocks the reading thread).

        `join` is ignored (kept for callers that passed it): wait on `stopped` / `wait_stopped()`.
        """
        self._stop.set()
        with self._lock:
            response = self._response
        if response is not None:
            api.interrupt_stream(response)  # the thread closes it on its way out
        if self._thread.ident is None:  # never started: nothing left to end
            self._stopped.set()

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    @property
    def stopped(self) -> threading.Event:
        """Set once the thread has ended and closed its client (or the stream never started)."""
        return self._stopped

    def wait_stopped(self, timeout: float | None = None) -> bool:
        """Wait (not on the GUI thread) until the stream's thread has ended; False on timeout."""
        return self._stopped.wait(timeout)

    def _open(self, client: docker.APIClient) -> requests.Response:
        """The streamed response (`api.open_stream(client, path, params=...)`)."""
        raise NotImplementedError

    def _pump(self, response: requests.Response) -> None:
        """Read the response until it ends or `self._stop` is set."""
        raise NotImplementedError

    def _run(self) -> None:
        lower_priority()
        try:
            while not self._stop.is_set():
                error = self._follow_once()
                if self._stop.is_set():
                    return
                if self.retry_delay is None:
                    self._on_end(error)
                    return
                if self._stop.wait(self.retry_delay):
                    return
        except Exception:  # a bug in a sink must not vanish with the thread
            log.exception("%s stream of %s failed", self.kind, self._target[:12])
        finally:
            self._stopped.set()

    def _follow(self, client: docker.APIClient) -> None:
        """Open the stream on `client` and read it until it ends or `self._stop` is set (a subclass that
        asks the engine again and again instead of following one response overrides this)."""
        response = self._open(client)
        with self._lock:
            self._response = response
        if self._stop.is_set():  # stopped while opening: stop() did not see the response
            return
        api.no_read_timeout(client, response)
        self._pump(response)

    def _follow_once(self) -> Exception | None:
        """Open the stream and read it to its end; the error that ended it (None: a clean end or a stop)."""
        client: docker.APIClient | None = None
        endpoint = ""
        try:
            client = self._client_factory()
            endpoint = str(client.base_url)
            self._follow(client)
            return None
        except Exception as exc:
            if self._stop.is_set():
                return None
            log.info("%s stream of %s ended: %s", self.kind, self._target[:12], exc)
            return translate(exc, endpoint) if isinstance(exc, docker.errors.DockerException) else exc
        finally:
            with self._lock:
                opened, self._response = self._response, None
            if opened is not None:
                api.shut_stream(opened)
            if client is not None:
                client.close()
