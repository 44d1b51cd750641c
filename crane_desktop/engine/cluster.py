"""An open profile: the manager in use, moving to another manager when it goes away, node clients.

Blocking by design (docker-py is synchronous): callers run these methods off the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, Literal

import docker

from crane_desktop.engine.client import POOL_SIZE, make_client
from crane_desktop.engine.errors import ConnectionFailed, EngineError, NoNodeEndpoint, NotSwarmManager
from crane_desktop.engine.preflight import PreflightReport, run_preflight
from crane_desktop.engine.profiles import (
    Profile,
    RegistryLogin,
    TLSConfig,
    endpoint_host,
    endpoint_port,
    validate,
)
from crane_desktop.engine.registries import Credentials, PasswordStore
from crane_desktop.engine.snapshots import EPOCH, Node, parse_time

log = logging.getLogger("crane.engine.cluster")

# While its swarm elects a leader a manager's /info waits for it (about 11 s seen here); in failover we
# settle for a manager that answers everything but /info within this time.
FAILOVER_INFO_TIMEOUT = 2.0

Phase = Literal["connecting", "connected", "no-leader", "reconnecting", "disconnected"]


@dataclass(frozen=True)
class ConnectionState:
    """What the status bar and the banner show."""

    phase: Phase
    profile: str
    endpoint: str = ""
    manager: str = ""
    api_version: str = ""
    error: EngineError | None = None
    attempt: int = 0
    moved_from: str = ""


def manager_endpoints(
    nodes: Iterable[Node], template_endpoint: str, known: Callable[[Node], str]
) -> list[str]:
    """Engine endpoints of the swarm's managers: known ones (profile, endpoint label) first, else
    guessed from their swarm address and the port of the endpoint in use."""
    port = endpoint_port(template_endpoint) if template_endpoint.startswith("tcp://") else None
    found = []
    for node in nodes:
        if node.role != "manager":
            continue
        endpoint = known(node)
        if endpoint:
            found.append(endpoint)
        elif port and node.manager_address:
            found.append(f"tcp://{node.manager_address.rsplit(':', 1)[0]}:{port}")
    return found


def node_endpoint(profile: Profile, node: Node) -> str:
    """The node's own engine: the profile's entry (by hostname or id) first, then Crane's label."""
    return profile.nodes.get(node.hostname) or profile.nodes.get(node.id) or node.endpoint_label


def node_tls(profile: Profile, node: Node) -> TLSConfig | None:
    """The TLS files for the node's own engine: its own when the profile has some, else the profile's."""
    return profile.node_tls.get(node.hostname) or profile.tls


class Cluster:
    """The connection to one swarm through one of its managers."""

    def __init__(
        self,
        profile: Profile,
        *,
        timeout: float = 5.0,
        on_state: Callable[[ConnectionState], None] | None = None,
    ) -> None:
        self.profile = profile
        self.passwords = PasswordStore()  # the OS keyring, found when a registry password is first needed
        self.session_passwords: dict[RegistryLogin, str] = {}  # typed with no keyring: until the app quits
        self.timeout = timeout
        self._on_state = on_state or (lambda state: None)
        self._lock = threading.Lock()
        self._client: docker.APIClient | None = None
        self._report: PreflightReport | None = None
        self._discovered: list[str] = []
        self._node_clients: dict[str, docker.APIClient] = {}
        self._closed = False
        self.clock_skew = 0.0  # engine clock minus ours, in seconds (for `since=` on event streams)
        self.state = ConnectionState("disconnected", profile.name)

    # -- state -----------------------------------------------------------------------------------
    def _set_state(self, state: ConnectionState) -> None:
        self.state = state
        log.info("connection %s: %s %s", state.phase, state.endpoint, state.error or "")
        self._on_state(state)

    def set_phase(self, phase: Phase, error: EngineError | None = None) -> None:
        self._set_state(replace(self.state, phase=phase, error=error))

    @property
    def client(self) -> docker.APIClient:
        client = self._client
        if client is None:
            raise ConnectionFailed(endpoint=self.profile.managers[0])
        return client

    @property
    def endpoint(self) -> str:
        return self._report.endpoint if self._report else ""

    @property
    def report(self) -> PreflightReport | None:
        return self._report

    def stream_client(self, *, timeout: float | None = None, pool_size: int = POOL_SIZE) -> docker.APIClient:
        """A client of its own for a long stream (no read timeout; the pool stays free), or for a
        worker's requests in flight at once (`timeout`, `pool_size`)."""
        client = self.client
        return make_client(
            self.endpoint, self.profile.tls, timeout=timeout, version=client.api_version, pool_size=pool_size
        )

    # -- connecting ------------------------------------------------------------------------------
    def candidates(self) -> list[str]:
        """Managers to try: the profile's, in order, then those the swarm told us about."""
        seen: dict[str, None] = {}
        for endpoint in (*self.profile.managers, *self._discovered):
            seen.setdefault(endpoint, None)
        return list(seen)

    def learn_managers(self, nodes: Iterable[Node]) -> None:
        self._discovered = manager_endpoints(
            nodes, self.endpoint or self.profile.managers[0], self.node_endpoint
        )

    def connect(self, endpoints: list[str] | None = None, moved_from: str = "") -> PreflightReport:
        """Connect to the first endpoint that passes the pre-flight checks; raise if none does."""
        validate(self.profile)
        with self._lock:
            self._closed = False
        self._set_state(ConnectionState("connecting", self.profile.name, moved_from=moved_from))
        last: PreflightReport | None = None
        for endpoint in endpoints or self.candidates():
            client, report = run_preflight(endpoint, self.profile.tls, self.timeout)
            last = report
            if client is not None and report.ok:
                self._install(client, report, moved_from)
                return report
            if client is not None:
                client.close()
        self._set_state(replace(self.state, phase="disconnected", error=_report_error(last)))
        raise _report_error(last)

    def _install(self, client: docker.APIClient, report: PreflightReport, moved_from: str) -> None:
        with self._lock:
            if self._closed:  # a failover that ended after close(): keep nothing open
                client.close()
                return
            old, self._client, self._report = self._client, client, report
        if old is not None and old is not client:
            old.close()
        swarm = report.info.get("Swarm") or {}
        engine_time = parse_time(report.info.get("SystemTime"))
        self.clock_skew = (engine_time - datetime.now(UTC)).total_seconds() if engine_time != EPOCH else 0.0
        self._set_state(
            ConnectionState(
                "no-leader" if report.busy else "connected",
                self.profile.name,
                endpoint=report.endpoint,
                manager=report.info.get("Name", "") or endpoint_host(report.endpoint),
                api_version=report.api_version,
                moved_from=moved_from if moved_from and moved_from != report.endpoint else "",
            )
        )
        log.info("connected to %s (node %s)", report.endpoint, swarm.get("NodeID", "?"))

    def failover(self, stop: threading.Event, max_delay: float = 5.0) -> PreflightReport | None:
        """Probe every known manager at once, with backoff between rounds, until one answers or stop.

        A manager that answers with its whole pre-flight wins at once; one that answers but whose swarm
        is electing a leader is taken when no better one answers in that round.
        """
        previous = self.endpoint
        attempt = 0
        delay = 0.2
        while not stop.is_set():
            attempt += 1
            self._set_state(replace(self.state, phase="reconnecting", attempt=attempt))
            chosen = self._probe_all(self.candidates())
            if chosen is not None:
                client, report = chosen
                self._install(client, report, previous)
                return report
            stop.wait(delay)
            delay = min(delay * 2, max_delay)
        return None

    def _probe_all(self, endpoints: list[str]) -> tuple[docker.APIClient, PreflightReport] | None:
        """Pre-flight all endpoints in parallel; return as soon as one fully passes."""
        pool = ThreadPoolExecutor(max_workers=max(1, len(endpoints)), thread_name_prefix="crane-probe")
        futures = [
            pool.submit(run_preflight, e, self.profile.tls, self.timeout, FAILOVER_INFO_TIMEOUT)
            for e in endpoints
        ]
        chosen = busy = None
        try:
            for future in as_completed(futures):
                client, report = future.result()
                if client is None or not report.ok:
                    continue
                if not report.busy:
                    chosen = (client, report)
                    break
                busy = busy or (client, report)
        finally:
            pool.shutdown(wait=False)
        chosen = chosen or busy
        keep = chosen[0] if chosen else None
        for future in futures:  # close every other client, now or when its probe ends
            future.add_done_callback(lambda done: _close_unless(done.result()[0], keep))
        return chosen

    # -- per-node engines ------------------------------------------------------------------------
    def node_endpoint(self, node: Node) -> str:
        return node_endpoint(self.profile, node)

    def node_tls(self, node: Node) -> TLSConfig | None:
        return node_tls(self.profile, node)

    def set_node_tls(self, hostname: str, tls: TLSConfig | None) -> Profile:
        """Use `tls` (None: the profile's) for that node's engine from now on; returns the new profile."""
        node_tls = {k: v for k, v in self.profile.node_tls.items() if k != hostname}
        if tls is not None:
            node_tls[hostname] = tls
        self.profile = replace(self.profile, node_tls=node_tls)
        with self._lock:
            stale, self._node_clients = list(self._node_clients.values()), {}
        for client in stale:
            client.close()
        return self.profile

    def set_registries(self, registries: Iterable[RegistryLogin]) -> Profile:
        """Use this registries list from now on (so saving the profile again keeps it); returns it."""
        self.profile = replace(self.profile, registries=tuple(registries))
        return self.profile

    def credentials(self, *, unlock: bool = True) -> Credentials:
        """The registry logins a deploy sends: the profile's registries (passwords in the OS keyring, or
        kept for this session only in `session_passwords`), then docker's own logins. `unlock` False
        (background checks): a locked keyring is refused without a prompt to unlock it."""
        return Credentials(
            self.profile.registries, self.passwords, session_passwords=self.session_passwords, unlock=unlock
        )

    def set_alerts(self, alerts: Mapping[str, Any]) -> Profile:
        """Keep the alert rules in the profile in use (so saving it again keeps them); returns it."""
        self.profile = replace(self.profile, alerts=alerts)
        return self.profile

    def reaches(self, node: Node) -> bool:
        """Can the node's own engine be asked: an endpoint for it, or the manager in use is that node?"""
        if self.node_endpoint(node):
            return True
        return bool(self._report and (self._report.info.get("Swarm") or {}).get("NodeID") == node.id)

    def node_client(self, node: Node) -> docker.APIClient:
        """A client for the node's own engine (containers, stats, exec...); raises when it has none.

        Clients are cached per endpoint and closed with the cluster. The manager in use serves its
        own node when no endpoint is known for it.
        """
        endpoint = self.node_endpoint(node)
        if not endpoint:
            if self.reaches(node):
                return self.client
            raise NoNodeEndpoint(hostname=node.hostname)
        with self._lock:
            cached = self._node_clients.get(endpoint)
        if cached is not None:
            return cached
        client = make_client(endpoint, self.node_tls(node), timeout=self.timeout)
        with self._lock:
            cached = self._node_clients.setdefault(endpoint, client)
        if cached is not client:
            client.close()
        return cached

    def node_stream_client(
        self, node: Node, *, timeout: float | None = None, pool_size: int = POOL_SIZE
    ) -> docker.APIClient:
        """A client of its own (no read timeout) for a long stream (logs, stats, exec, events) on the
        node's engine, or for a worker's requests in flight at once (`timeout`, `pool_size`); the
        manager in use serves its own node. Raises NoNodeEndpoint otherwise."""
        endpoint = self.node_endpoint(node)
        if not endpoint:
            self.node_client(node)  # raises NoNodeEndpoint unless it is the manager's own node
            return self.stream_client(timeout=timeout, pool_size=pool_size)
        return make_client(
            endpoint,
            self.node_tls(node),
            timeout=timeout,
            version=self.client.api_version,
            pool_size=pool_size,
        )

    def alive(self, timeout: float = 2.0) -> bool:
        """Does the manager in use still answer at all (a cheap /_ping on a fresh connection)?"""
        current = self._client
        if current is None or not self.endpoint:
            return False
        try:
            probe = make_client(self.endpoint, self.profile.tls, timeout=timeout, version=current.api_version)
        except EngineError:
            return False
        try:
            return bool(probe.ping())
        except Exception:
            return False
        finally:
            probe.close()

    def close(self) -> None:
        """Close the clients. Returns at once: closing a docker-py client only closes the sockets of
        its idle connections (no network I/O); a request still in flight on another thread fails
        with ConnectionFailed when it comes back, or at its timeout."""
        with self._lock:
            self._closed = True
            client, self._client = self._client, None
            node_clients, self._node_clients = list(self._node_clients.values()), {}
        for other in (client, *node_clients):
            if other is not None:
                other.close()
        self._set_state(ConnectionState("disconnected", self.profile.name))


def _close_unless(client: docker.APIClient | None, keep: docker.APIClient | None) -> None:
    if client is not None and client is not keep:
        client.close()


def _report_error(report: PreflightReport | None) -> EngineError:
    if report is None:
        return ConnectionFailed(endpoint="?")
    if report.error is not None:
        return report.error
    failure = report.failures[0] if report.failures else None
    if failure is None:
        return ConnectionFailed(endpoint=report.endpoint)
    if failure.key == "manager":
        return NotSwarmManager(endpoint=report.endpoint)
    error_type = ConnectionFailed if failure.key == "reachable" else EngineError
    params = {k: v for k, v in failure.params.items() if k != "raw"}
    return error_type(
        failure.template,
        raw=str(failure.params.get("raw", "")),
        hint=failure.hint or None,
        endpoint=report.endpoint,
        **{k: v for k, v in params.items() if k != "endpoint"},
    )
