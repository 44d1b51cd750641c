"""Pre-flight checks run on connect: each a result with a plain message and a hint to fix it."""

from __future__ import annotations

import socket
import ssl
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

import docker
from cryptography import x509

from crane_desktop.engine.client import MIN_API_VERSION, make_client, negotiate, peer_certificate, version_key
from crane_desktop.engine.errors import EngineError, EngineTimeout, translate
from crane_desktop.engine.i18n import QT_TRANSLATE_NOOP, known_term
from crane_desktop.engine.profiles import TLSConfig, endpoint_host, endpoint_port
from crane_desktop.engine.snapshots import parse_time

Status = Literal["ok", "warn", "fail"]
EXPIRY_WARNING = timedelta(days=30)
CLOCK_SKEW_WARNING = timedelta(seconds=10)

# The swarm states the swarm check names ({state}); marked so the UI shows them in the user's language.
SWARM_STATES = frozenset(
    {
        QT_TRANSLATE_NOOP("EngineTerms", "inactive"),
        QT_TRANSLATE_NOOP("EngineTerms", "pending"),
        QT_TRANSLATE_NOOP("EngineTerms", "error"),
        QT_TRANSLATE_NOOP("EngineTerms", "locked"),
    }
)


@dataclass(frozen=True)
class Check:
    key: str
    status: Status
    template: str
    params: dict[str, Any] = field(default_factory=dict)
    hint: str = ""

    @property
    def message(self) -> str:
        return self.template.format(**self.params)


@dataclass(frozen=True)
class PreflightReport:
    endpoint: str
    checks: tuple[Check, ...]
    info: dict[str, Any] = field(default_factory=dict, repr=False)
    version: dict[str, Any] = field(default_factory=dict, repr=False)
    api_version: str = ""
    error: EngineError | None = None
    busy: bool = False  # answers, but its swarm is electing a leader (/info waits for one)

    @property
    def ok(self) -> bool:
        return all(check.status != "fail" for check in self.checks)

    @property
    def failures(self) -> list[Check]:
        return [check for check in self.checks if check.status == "fail"]

    @property
    def swarm_inactive(self) -> bool:
        """The engine answers but is not in swarm mode: the UI may offer `swarm init`."""
        return any(check.key == "swarm" and check.status == "fail" for check in self.checks) and (
            self.info.get("Swarm", {}).get("LocalNodeState") == "inactive"
        )


def run_preflight(
    endpoint: str, tls: TLSConfig | None, timeout: float = 5.0, info_timeout: float | None = None
) -> tuple[docker.APIClient | None, PreflightReport]:
    """Connect to `endpoint` and check it; returns the client (None if unreachable) and the report.

    A manager's /info waits for the swarm's leader; when only /info times out, the endpoint is kept
    as `busy` (reachable, swarm electing a leader) rather than failed.
    """
    checks: list[Check] = list(certificate_checks(tls))
    try:
        client = make_client(endpoint, tls, timeout=timeout, version=MIN_API_VERSION)
        version = negotiate(client)
    except Exception as exc:
        error = translate(exc, endpoint)
        checks.insert(0, _failed_reach(error))
        return None, PreflightReport(endpoint, tuple(checks), error=error)
    checks.insert(
        0,
        Check(
            "reachable",
            "ok",
            QT_TRANSLATE_NOOP("engine", "Docker {version} answers at {endpoint}."),
            {"version": version.get("Version", "?"), "endpoint": endpoint},
        ),
    )
    checks.append(api_version_check(version))
    if endpoint.startswith("tcp://") and tls is not None:
        server = server_certificate_check(client, endpoint, tls, timeout)
        if server:
            checks.append(server)
    busy = False
    info: dict[str, Any] = {}
    try:
        client.timeout = info_timeout or timeout
        info = client.info()
    except Exception as exc:
        error = translate(exc, endpoint)
        if not isinstance(error, EngineTimeout):
            client.close()
            checks.append(Check("swarm", "fail", error.template, dict(error.params), error.hint))
            return None, PreflightReport(endpoint, tuple(checks), version=version, error=error)
        busy = True
        checks.append(
            Check(
                "swarm",
                "warn",
                QT_TRANSLATE_NOOP("engine", "The engine answers, but its swarm is electing a leader."),
                hint=QT_TRANSLATE_NOOP(
                    "engine", "Wait a few seconds; the swarm elects a new leader by itself."
                ),
            )
        )
    finally:
        client.timeout = timeout
    if info:
        checks.extend(swarm_checks(info))
        checks.append(clock_check(info))
    return client, PreflightReport(endpoint, tuple(checks), info, version, client.api_version, busy=busy)


def _failed_reach(error: EngineError) -> Check:
    return Check("reachable", "fail", error.template, dict(error.params, raw=error.raw), error.hint)


def api_version_check(version: dict[str, Any]) -> Check:
    api = str(version.get("ApiVersion") or "0")
    if version_key(api) < version_key(MIN_API_VERSION):
        return Check(
            "api",
            "fail",
            QT_TRANSLATE_NOOP("engine", "API version {api} is too old (Crane Desktop needs {minimum})."),
            {"api": api, "minimum": MIN_API_VERSION},
            QT_TRANSLATE_NOOP("engine", "Upgrade Docker on this host."),
        )
    return Check("api", "ok", QT_TRANSLATE_NOOP("engine", "API version {api}."), {"api": api})


def swarm_checks(info: dict[str, Any]) -> list[Check]:
    swarm = info.get("Swarm") or {}
    state = swarm.get("LocalNodeState", "inactive")
    if state != "active":
        return [
            Check(
                "swarm",
                "fail",
                QT_TRANSLATE_NOOP("engine", "This engine is not in swarm mode (state: {state})."),
                {"state": known_term(state, SWARM_STATES)},
                QT_TRANSLATE_NOOP(
                    "engine", "Initialise a swarm here, or connect to a manager of your swarm."
                ),
            )
        ]
    checks = [Check("swarm", "ok", QT_TRANSLATE_NOOP("engine", "Swarm mode is active."))]
    if swarm.get("ControlAvailable"):
        checks.append(Check("manager", "ok", QT_TRANSLATE_NOOP("engine", "This node is a swarm manager.")))
    else:
        checks.append(
            Check(
                "manager",
                "fail",
                QT_TRANSLATE_NOOP("engine", "This node is a worker; only managers can run the cluster."),
                hint=QT_TRANSLATE_NOOP("engine", "Connect to a manager node, or promote this node."),
            )
        )
    return checks


def clock_check(info: dict[str, Any], now: datetime | None = None) -> Check:
    engine_time = parse_time(info.get("SystemTime"))
    now = now or datetime.now(UTC)
    skew = engine_time - now
    seconds = round(skew.total_seconds(), 1)
    if abs(skew) > CLOCK_SKEW_WARNING:
        return Check(
            "clock",
            "warn",
            QT_TRANSLATE_NOOP("engine", "The engine's clock differs from this workstation's by {seconds} s."),
            {"seconds": seconds},
            QT_TRANSLATE_NOOP("engine", "Synchronise the clocks (NTP); TLS and task times depend on them."),
        )
    return Check(
        "clock", "ok", QT_TRANSLATE_NOOP("engine", "Clocks agree (skew {seconds} s)."), {"seconds": seconds}
    )


def _expiry_check(key: str, what: str, not_after: datetime, now: datetime) -> Check:
    days = (not_after - now).days
    params = {"what": what, "date": not_after.date().isoformat(), "days": days}
    if not_after <= now:
        return Check(
            key,
            "fail",
            QT_TRANSLATE_NOOP("engine", "The {what} expired on {date}."),
            params,
            QT_TRANSLATE_NOOP("engine", "Issue a new certificate."),
        )
    if not_after - now < EXPIRY_WARNING:
        return Check(
            key,
            "warn",
            QT_TRANSLATE_NOOP("engine", "The {what} expires in {days} days ({date})."),
            params,
            QT_TRANSLATE_NOOP("engine", "Renew it before it expires."),
        )
    return Check(key, "ok", QT_TRANSLATE_NOOP("engine", "The {what} is valid until {date}."), params)


def certificate_expiries(tls: TLSConfig | None) -> dict[str, datetime]:
    """When the profile's client and CA certificates expire ("client-cert", "ca-cert"), for the alert
    rule; one that cannot be read is left out (the connection's checks say why). Reads files."""
    found = {}
    for key, path in (("client-cert", tls.cert if tls else ""), ("ca-cert", tls.ca if tls else "")):
        if not path:
            continue
        try:
            found[key] = x509.load_pem_x509_certificate(Path(path).read_bytes()).not_valid_after_utc
        except (OSError, ValueError):
            continue
    return found


def certificate_checks(tls: TLSConfig | None, now: datetime | None = None) -> list[Check]:
    """Dates of the profile's CA and client certificate (the files themselves, before any connection)."""
    if tls is None:
        return []
    now = now or datetime.now(UTC)
    checks = []
    for key, what, path in (
        ("ca-cert", QT_TRANSLATE_NOOP("engine", "CA certificate"), tls.ca),
        ("client-cert", QT_TRANSLATE_NOOP("engine", "client certificate"), tls.cert),
    ):
        if not path:
            continue
        try:
            cert = x509.load_pem_x509_certificate(Path(path).read_bytes())
        except (OSError, ValueError) as exc:
            checks.append(
                Check(
                    key,
                    "fail",
                    QT_TRANSLATE_NOOP("engine", "The {what} {path} cannot be read: {reason}"),
                    {"what": what, "path": path, "reason": str(exc)},
                )
            )
            continue
        checks.append(_expiry_check(key, what, cert.not_valid_after_utc, now))
    if tls.key and Path(tls.key).is_file() and Path(tls.key).stat().st_mode & 0o077:
        checks.append(
            Check(
                "key-mode",
                "warn",
                QT_TRANSLATE_NOOP("engine", "The key file {path} can be read by other users."),
                {"path": tls.key},
                QT_TRANSLATE_NOOP("engine", "Run: chmod 600 {path}"),
            )
        )
    return checks


def server_certificate_check(
    client: docker.APIClient, endpoint: str, tls: TLSConfig, timeout: float
) -> Check | None:
    """The server certificate's dates (verification itself is the client's), read from the connection
    the client just made; a handshake of its own only when that connection cannot be read."""
    der = peer_certificate(client) or _handshake_certificate(endpoint, tls, timeout)
    if not der:
        return None
    cert = x509.load_der_x509_certificate(der)
    return _expiry_check(
        "server-cert",
        QT_TRANSLATE_NOOP("engine", "server certificate"),
        cert.not_valid_after_utc,
        datetime.now(UTC),
    )


def _handshake_certificate(endpoint: str, tls: TLSConfig, timeout: float) -> bytes | None:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    try:
        if tls.cert and tls.key:
            context.load_cert_chain(tls.cert, tls.key)
        with (
            socket.create_connection((endpoint_host(endpoint), endpoint_port(endpoint)), timeout) as raw,
            context.wrap_socket(raw) as wrapped,
        ):
            return wrapped.getpeercert(binary_form=True)
    except (OSError, ssl.SSLError):
        return None
