"""One exception family for everything that goes wrong talking to an engine.

Each error carries a message for operators (an English template marked for translation, with named
placeholders), a hint on what to do, and the engine's raw text for the details view.
"""

from __future__ import annotations

import socket
import ssl
from collections.abc import Mapping
from typing import Any

import docker.errors
import requests.exceptions

from crane_desktop.engine.i18n import QT_TRANSLATE_NOOP


class EngineError(Exception):
    """Base of the family. `template.format(**params)` is the English message."""

    template: str = QT_TRANSLATE_NOOP("engine", "The Docker engine reported an error.")
    hint: str = ""

    def __init__(
        self,
        template: str | None = None,
        *,
        raw: str = "",
        hint: str | None = None,
        status: int | None = None,
        **params: Any,
    ) -> None:
        if template is not None:
            self.template = template
        if hint is not None:
            self.hint = hint
        self.raw = raw
        self.status = status
        self.params: Mapping[str, Any] = params
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return _fill(self.template, self.params)

    def __str__(self) -> str:
        return self.message if not self.raw else f"{self.message} ({self.raw})"


class ConnectionFailed(EngineError):
    """The engine could not be reached or stopped answering."""

    template = QT_TRANSLATE_NOOP("engine", "Cannot reach the Docker engine at {endpoint}.")
    hint = QT_TRANSLATE_NOOP("engine", "Check that the engine runs and that the address and port are right.")


class TLSFailed(ConnectionFailed):
    """The TLS handshake or certificate verification failed."""

    template = QT_TRANSLATE_NOOP("engine", "The secure (TLS) connection to {endpoint} was refused.")
    hint = QT_TRANSLATE_NOOP(
        "engine", "Check the CA certificate, the client certificate and key of the profile."
    )


class EngineTimeout(ConnectionFailed):
    """The engine accepted the connection but did not answer in time."""

    template = QT_TRANSLATE_NOOP("engine", "The Docker engine at {endpoint} did not answer in time.")


class NoNodeEndpoint(EngineError):
    """The node's own engine address is not known (no profile entry, no endpoint label)."""

    template = QT_TRANSLATE_NOOP("engine", "The engine address of {hostname} is not known.")
    hint = QT_TRANSLATE_NOOP("engine", "Use “Connect host” to give the node's engine address.")


class ProfileInvalid(EngineError):
    """A profile cannot be used as it is (missing files, unsafe endpoint...)."""


class NotFound(EngineError):
    template = QT_TRANSLATE_NOOP("engine", "The object no longer exists on the engine.")


class Conflict(EngineError):
    """The object changed since it was read (stale version) or a name is taken."""

    template = QT_TRANSLATE_NOOP("engine", "The object was changed by someone else; reload and try again.")


class NameTaken(Conflict):
    """A create refused because the name is in use ("name conflicts with an existing object"): not a
    stale version, so not "changed by someone else"."""

    template = QT_TRANSLATE_NOOP("engine", "The name is already in use on the swarm: choose another.")


class NotSwarmManager(EngineError):
    template = QT_TRANSLATE_NOOP("engine", "The engine at {endpoint} is not a swarm manager.")
    hint = QT_TRANSLATE_NOOP("engine", "Connect to a manager node, or promote this node to manager.")


class NoLeader(EngineError):
    """The managers answer but have no leader (an election is under way, or quorum is lost)."""

    template = QT_TRANSLATE_NOOP("engine", "The swarm has no leader right now.")
    hint = QT_TRANSLATE_NOOP(
        "engine", "An election is under way; if it lasts, more than half of the managers are down."
    )


def _fill(template: str, params: Mapping[str, Any]) -> str:
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


def _explanation(exc: docker.errors.APIError) -> str:
    explanation = exc.explanation
    if isinstance(explanation, bytes):
        explanation = explanation.decode("utf-8", "replace")
    return str(explanation or exc)


def _is_tls_problem(exc: BaseException) -> bool:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, ssl.SSLError | requests.exceptions.SSLError):
            return True
        text = str(current)
        if "SSL" in text or "CERTIFICATE" in text.upper() or "TLS" in text:
            return True
        args = getattr(current, "args", ())
        nested = next((a for a in args if isinstance(a, BaseException)), None)
        current = current.__cause__ or current.__context__ or nested
    return False


def translate(exc: BaseException, endpoint: str = "") -> EngineError:
    """Turn an exception from docker-py, requests or the socket layer into an EngineError."""
    if isinstance(exc, EngineError):
        return exc
    raw = str(exc)
    if isinstance(exc, docker.errors.APIError):
        status = exc.status_code
        text = _explanation(exc)
        if status == 404 or isinstance(exc, docker.errors.NotFound):
            return NotFound(raw=text, status=404)
        if "does not have a leader" in text or "no leader" in text.lower():
            return NoLeader(raw=text, status=status)
        if "already exists" in text or "name conflicts with an existing object" in text:
            return NameTaken(raw=text, status=status)
        if status == 409 or "update out of sequence" in text:
            return Conflict(raw=text, status=status)
        if status == 503 and "not a swarm manager" in text:
            return NotSwarmManager(raw=text, status=status, endpoint=endpoint)
        if status == 503 and ("not part of a swarm" in text or "swarm mode" in text):
            return EngineError(
                QT_TRANSLATE_NOOP("engine", "The engine at {endpoint} is not part of a swarm."),
                raw=text,
                status=status,
                endpoint=endpoint,
            )
        return EngineError(
            QT_TRANSLATE_NOOP("engine", "The engine refused the request: {reason}"),
            raw=text,
            status=status,
            reason=text,
        )
    if _is_tls_problem(exc):
        return TLSFailed(raw=raw, endpoint=endpoint)
    if isinstance(exc, requests.exceptions.Timeout | socket.timeout | TimeoutError):
        return EngineTimeout(raw=raw, endpoint=endpoint)
    if isinstance(exc, requests.exceptions.ConnectionError | ConnectionError | OSError):
        return ConnectionFailed(raw=raw, endpoint=endpoint)
    if isinstance(exc, docker.errors.DockerException):
        return EngineError(
            QT_TRANSLATE_NOOP("engine", "The Docker client failed: {reason}"), raw=raw, reason=raw
        )
    return EngineError(raw=raw)


def is_connection_error(exc: BaseException) -> bool:
    """True when the failure means the endpoint is gone (so failing over makes sense)."""
    return isinstance(translate(exc), ConnectionFailed)
