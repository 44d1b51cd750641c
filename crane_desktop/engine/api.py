"""The one adapter between Crane's engine modules and docker-py.

Two jobs, each in one place:
- `call` runs a docker-py call and turns whatever it raises into an EngineError (errors.translate),
  so every engine module reports failures the same way.
- docker-py's private API (raw JSON posts, streamed GETs, socket timeouts, the API version) is used
  only here, behind small named functions: when docker-py changes, this is the file to fix.
"""

from __future__ import annotations

import contextlib
import logging
import socket
from collections.abc import Callable, Iterator, Mapping
from typing import Any, TypeVar

import requests
from docker import APIClient as Client
from docker.types.daemon import CancellableStream

from crane_desktop.engine.errors import EngineError, translate

log = logging.getLogger("crane.engine.api")

T = TypeVar("T")


def endpoint_of(client: Client | str) -> str:
    """The endpoint an error message names: the client's base URL, or the string given."""
    return client if isinstance(client, str) else str(client.base_url)


def call(client: Client | str, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """`fn(*args, **kwargs)`, with any failure raised as an EngineError naming `client`'s endpoint."""
    try:
        return fn(*args, **kwargs)
    except EngineError:
        raise
    except Exception as exc:
        raise translate(exc, endpoint_of(client)) from exc


# -- docker-py's private API -----------------------------------------------------------------------
def set_api_version(client: Client, version: str) -> None:
    """Speak `version` from now on (docker-py has no public setter once the client exists)."""
    client._version = version


def post_json(
    client: Client, path: str, body: Any, *args: str, headers: Mapping[str, str] | None = None, **params: Any
) -> Any:
    """POST `body` as JSON to `path` (its `{0}`... filled from `args`, quoted), with extra `headers`
    (a registry login); the decoded answer, or None when the engine answers with no body. Raises
    docker-py's errors on an HTTP error."""
    response = client._post_json(
        client._url(path, *args), data=body, params=params or None, headers=dict(headers or {})
    )
    return client._result(response, json=True) if response.content else None


def get_json(client: Client, path: str, *args: str, headers: Mapping[str, str] | None = None) -> Any:
    """GET `path` (its `{0}`... filled from `args`, quoted) with extra `headers` (a registry login),
    decoded. Raises docker-py's errors on an HTTP error."""
    response = client._get(client._url(path, *args), headers=dict(headers or {}))
    return client._result(response, json=True)


def get_raw(client: Client, path: str, *args: str) -> bytes:
    """The body of a GET of `path` as the engine sent it (undecoded: a caller that can skip decoding
    what did not change). Raises docker-py's errors on an HTTP error."""
    response: requests.Response = client._get(client._url(path, *args))
    client._raise_for_status(response)
    return response.content


def open_stream(client: Client, path: str, *args: str, params: Mapping[str, Any]) -> requests.Response:
    """A streamed GET of `path` (logs, stats, events), its HTTP status already checked."""
    response: requests.Response = client._get(client._url(path, *args), params=dict(params), stream=True)
    client._raise_for_status(response)
    return response


def no_read_timeout(client: Client, response: requests.Response) -> None:
    """Lift the socket's read timeout: a quiet stream (no log line for minutes) is not a dead one."""
    client._disable_socket_timeout(client._get_raw_response_socket(response))


def idle_read_timeout(client: Client, response: requests.Response, seconds: float) -> None:
    """Give up a read after `seconds` of silence (a response that should end but may hang)."""
    sock = client._get_raw_response_socket(response)
    for candidate in (sock, getattr(sock, "_sock", None)):
        settimeout = getattr(candidate, "settimeout", None)
        if settimeout is not None:
            settimeout(seconds)


def shut_stream(response: requests.Response) -> None:
    """Shut a streamed response's socket, which ends a read pending on another thread at once."""
    try:
        CancellableStream(None, response).close()
    except Exception:  # already closed, or not a socket we can shut
        log.debug("shutting a stream's socket", exc_info=True)
    with contextlib.suppress(Exception):
        response.close()


def interrupt_socket(sock: socket.socket) -> None:
    """Wake a read pending on another thread at once: shutdown(2) of the connection, nothing more.

    The socket (and its TLS state) is left for the reading thread to close on its way out: closing it
    here too, while that thread reads or closes it, frees OpenSSL state twice (seen as crashes)."""
    with contextlib.suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)  # the plain syscall, also for an SSLSocket


def stream_socket(response: requests.Response) -> socket.socket | None:
    """The socket under a streamed response (as docker-py's CancellableStream finds it)."""
    try:
        fp = response.raw._fp.fp
        raw = getattr(fp, "raw", None)
        sock = getattr(raw, "sock", None) or getattr(raw, "_sock", None) if raw is not None else fp._sock
    except AttributeError:  # closed already, or not a plain socket (ssh)
        return None
    return sock if isinstance(sock, socket.socket) else None


def interrupt_stream(response: requests.Response) -> None:
    """Wake the thread reading `response`; it closes the stream itself (see interrupt_socket)."""
    sock = stream_socket(response)
    if sock is not None:
        interrupt_socket(sock)


def exec_socket(handle: Any) -> socket.socket:
    """The socket of an attached exec (`exec_start(socket=True)`): over TLS the handle is an SSLSocket,
    over a unix socket a wrapper whose `_sock` is the socket."""
    sock: socket.socket = getattr(handle, "_sock", handle)
    return sock


def interrupt_exec(handle: Any) -> None:
    """Wake the thread reading an attached exec; it closes the socket itself (see interrupt_socket)."""
    interrupt_socket(exec_socket(handle))


def shut_exec_socket(handle: Any) -> None:
    """Shut and close an attached exec's socket (the shell gets a hang-up), and the HTTP response
    docker-py keeps with it (closing that is what closes a TLS connection)."""
    sock = exec_socket(handle)
    response = getattr(handle, "_response", None) or getattr(sock, "_response", None)
    steps: list[Callable[[], object]] = [lambda: sock.shutdown(socket.SHUT_RDWR), sock.close]
    if response is not None:
        steps.append(response.close)
    for step in steps:
        with contextlib.suppress(OSError):
            step()


def stream_lines(response: requests.Response) -> Iterator[bytes]:
    """The lines of a streamed response as the engine sends them: whole HTTP chunks are read as they
    come (chunk_size=None, which requests supports and its stubs do not), so fewer Python steps."""
    lines: Iterator[bytes] = response.iter_lines(chunk_size=None)  # type: ignore[call-overload]
    return lines
