"""A long engine stream (logs, stats) followed on a thread of its own, with its own client.

One lifecycle for every such stream: open the streamed response, lift the socket's read timeout,
hand the response to the subclass's `_pump`, report the end once through `on_end(error)` (None when
the engine closed it), and `stop()` that unblocks a pending read by shutting the socket.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Self

import docker
import requests
from docker.types.daemon import CancellableStream

from crane_desktop.engine.errors import translate
from crane_desktop.engine.threads import lower_priority

log = logging.getLogger("crane.engine.streams")


class EngineStream:
    kind = "stream"  # for thread names and log lines

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
        self._response: requests.Response | None = None
        self._client: docker.APIClient | None = None
        self._thread = threading.Thread(target=self._run, name=f"{self.kind}-{target[:12]}", daemon=True)

    def start(self) -> Self:
        self._thread.start()
        return self

    def stop(self, join: float = 2.0) -> None:
        """Stop following (unblocks the read by shutting its socket) and wait a moment for the thread."""
        self._stop.set()
        response = self._response
        if response is not None:
            try:
                CancellableStream(None, response).close()
                response.close()
            except Exception:  # already closed, or not a socket we can shut
                log.debug("closing the %s stream", self.kind, exc_info=True)
        if self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join(join)
        if self._client is not None:
            self._client.close()

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def _open(self, client: docker.APIClient) -> requests.Response:
        """The streamed response (`client._get(url, params=..., stream=True)`)."""
        raise NotImplementedError

    def _pump(self, response: requests.Response) -> None:
        """Read the response until it ends or `self._stop` is set."""
        raise NotImplementedError

    def _run(self) -> None:
        lower_priority()
        error: Exception | None = None
        endpoint = ""
        try:
            self._client = client = self._client_factory()
            endpoint = client.base_url
            response = self._response = self._open(client)
            client._raise_for_status(response)
            if self._stop.is_set():
                return
            client._disable_socket_timeout(client._get_raw_response_socket(response))
            self._pump(response)
        except Exception as exc:
            if not self._stop.is_set():
                error = translate(exc, endpoint) if isinstance(exc, docker.errors.DockerException) else exc
                log.info("%s stream of %s ended: %s", self.kind, self._target[:12], exc)
        finally:
            if not self._stop.is_set():
                self._on_end(error)
