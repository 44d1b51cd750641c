"""Node operations on the swarm: availability, labels, roles, removal, joining, and "connect host".

Every update sends the node's version as the engine gave it: a change made by someone else since then
makes the engine refuse ("update out of sequence"), which becomes a Conflict, never a silent overwrite.
Blocking (docker-py): callers run these off the GUI thread.
"""

from __future__ import annotations

import ipaddress
import re
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import docker

from crane_desktop.engine import api
from crane_desktop.engine.client import make_client
from crane_desktop.engine.errors import Conflict, EngineError, NotFound
from crane_desktop.engine.i18n import QT_TRANSLATE_NOOP
from crane_desktop.engine.profiles import TLSConfig
from crane_desktop.engine.snapshots import ENDPOINT_LABEL, Node, Task

AVAILABILITIES = ("active", "pause", "drain")
DEFAULT_ENGINE_PORT = 2376
SWARM_PORT = 2377
# Docker accepts any non-empty key without "="; we also refuse whitespace and control characters
# (C0, DEL and C1), which the CLI cannot pass either.
_LABEL_KEY = re.compile(r"[^=\s\x00-\x1f\x7f-\x9f]+")
_HOST_NAME = re.compile(
    r"[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\.?"
)


class ManagerGuard(EngineError):
    """A role change the swarm would refuse (or that would break it)."""


class WrongNode(EngineError):
    template = QT_TRANSLATE_NOOP(
        "engine", "The engine at {endpoint} is {found}, not {hostname}: that address is another node's."
    )
    hint = QT_TRANSLATE_NOOP("engine", "Give the address of this node's own engine.")


class NodeNotDown(EngineError):
    template = QT_TRANSLATE_NOOP("engine", "{hostname} is still up; only a node that is down can be removed.")
    hint = QT_TRANSLATE_NOOP(
        "engine", "Stop its engine or make it leave the swarm first, or force the removal."
    )


# -- reading -------------------------------------------------------------------------------------
def inspect(client: docker.APIClient, node_id: str) -> Node:
    """The node as the engine has it now (with its current version)."""
    return Node.from_api(api.call(client, client.inspect_node, node_id))


def _update(client: docker.APIClient, node: Node, **changes: Any) -> None:
    spec = dict(node.raw.get("Spec") or {})
    spec.update(changes)
    api.call(client, client.update_node, node.id, node.version, spec)


# -- availability ------------------------------------------------------------------------------
def set_availability(client: docker.APIClient, node_id: str, availability: str) -> Node:
    """Drain, pause or activate: applied on the node's current spec and version."""
    if availability not in AVAILABILITIES:
        raise ValueError(availability)
    node = inspect(client, node_id)
    if node.availability != availability:
        _update(client, node, Availability=availability)
    return node


def running_tasks_on(tasks: Iterable[Task], node_id: str) -> int:
    """How many tasks would move if the node were drained."""
    return sum(1 for t in tasks if t.node_id == node_id and t.desired_state == "running")


# -- labels --------------------------------------------------------------------------------------
def label_key_error(key: str) -> str:
    """Why Docker would not accept `key` as a node label key (an engine message), or ""."""
    if not key:
        return QT_TRANSLATE_NOOP("engine", "A label key cannot be empty.")
    if not _LABEL_KEY.fullmatch(key):
        return QT_TRANSLATE_NOOP("engine", "A label key cannot contain “=”, spaces or control characters.")
    return ""


def update_labels(client: docker.APIClient, node: Node, labels: Mapping[str, str]) -> None:
    """Replace the node's labels, applied on the version `node` was read at (Conflict if it moved)."""
    for key in labels:
        problem = label_key_error(key)
        if problem:
            raise EngineError(problem)
    _update(client, node, Labels=dict(labels))


# -- roles ---------------------------------------------------------------------------------------
def demote_problem(nodes: Iterable[Node], node_id: str) -> EngineError | None:
    """Why demoting `node_id` must be refused (the last manager, or quorum lost), or None."""
    managers = [n for n in nodes if n.role == "manager"]
    if not any(n.id == node_id for n in managers):
        return None
    if len(managers) <= 1:
        return ManagerGuard(
            QT_TRANSLATE_NOOP("engine", "This is the swarm's last manager; it cannot be demoted."),
            hint=QT_TRANSLATE_NOOP("engine", "Promote another node first."),
        )
    remaining = [n for n in managers if n.id != node_id]
    reachable = [n for n in remaining if n.reachability == "reachable" or n.is_leader]
    if len(reachable) <= len(remaining) // 2:
        return ManagerGuard(
            QT_TRANSLATE_NOOP(
                "engine",
                "Demoting this manager would break the quorum: only {reachable} of the other {total} "
                "managers are reachable.",
            ),
            hint=QT_TRANSLATE_NOOP("engine", "Bring the unreachable managers back first."),
            reachable=len(reachable),
            total=len(remaining),
        )
    return None


def set_role(client: docker.APIClient, node_id: str, role: str, nodes: Iterable[Node] = ()) -> Node:
    """Promote (role "manager") or demote (role "worker"), refusing a demotion that would hurt."""
    if role not in ("manager", "worker"):
        raise ValueError(role)
    if role == "worker":
        problem = demote_problem(nodes, node_id)
        if problem is not None:
            raise problem
    node = inspect(client, node_id)
    if node.role != role:
        _update(client, node, Role=role)
    return node


# -- removal -------------------------------------------------------------------------------------
def remove(client: docker.APIClient, node: Node, *, force: bool = False) -> None:
    """Remove a node from the swarm; a node that is up needs `force` (asked for separately)."""
    if node.state != "down" and not force:
        raise NodeNotDown(hostname=node.hostname)
    api.call(client, client.remove_node, node.id, force)


# -- joining -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class JoinInfo:
    worker_token: str
    manager_token: str
    managers: tuple[str, ...]  # "host:2377"
    version: int

    def command(self, role: str) -> str:
        token = self.manager_token if role == "manager" else self.worker_token
        address = self.managers[0] if self.managers else f"MANAGER:{SWARM_PORT}"
        return f"docker swarm join --token {token} {address}"


def manager_addresses(nodes: Iterable[Node]) -> tuple[str, ...]:
    """The managers' swarm addresses (the leader first)."""
    managers = sorted(
        (n for n in nodes if n.role == "manager" and n.manager_address), key=lambda n: not n.is_leader
    )
    return tuple(n.manager_address for n in managers)


def join_info(client: docker.APIClient, nodes: Iterable[Node]) -> JoinInfo:
    swarm = api.call(client, client.inspect_swarm)
    tokens = swarm.get("JoinTokens") or {}
    return JoinInfo(
        worker_token=str(tokens.get("Worker", "")),
        manager_token=str(tokens.get("Manager", "")),
        managers=manager_addresses(nodes),
        version=int((swarm.get("Version") or {}).get("Index", 0)),
    )


def rotate_token(client: docker.APIClient, role: str) -> None:
    """Make a new join token for `role`; the old one stops working (nodes already in are unaffected)."""
    swarm = api.call(client, client.inspect_swarm)
    version = int((swarm.get("Version") or {}).get("Index", 0))
    api.call(
        client,
        client.update_swarm,
        version,
        swarm.get("Spec"),
        rotate_worker_token=role == "worker",
        rotate_manager_token=role == "manager",
    )


def address_error(address: str) -> str:
    """Why `address` is not an engine address as typed in "connect host"/"join" (an engine message), or
    "": a host name or IP, optionally with a port ("[v6]:port" for IPv6), optionally as tcp://..."""
    text = address.strip()
    scheme, sep, rest = text.partition("://")
    if sep:
        text = rest if scheme == "tcp" else ""
    port = ""
    if text.startswith("["):
        host, bracket, tail = text[1:].partition("]")
        if not bracket or (tail and not tail.startswith(":")):
            host = ""
        port = tail[1:] if tail else ""
        ok = _is_ip(host, 6)
    elif text.count(":") > 1 and not sep:  # a bare IPv6 address (the port comes from the port field)
        ok = _is_ip(text, 6)
    else:
        host, colon, port = text.partition(":")
        ok = (_is_ip(host, 4) or bool(_HOST_NAME.fullmatch(host))) and (not colon or bool(port))
    if ok and port:
        ok = bool(re.fullmatch(r"[0-9]{1,5}", port)) and 1 <= int(port) <= 65535
    if ok and len(text) <= 260:
        return ""
    return QT_TRANSLATE_NOOP(
        "engine", "Give the engine's IP address or host name, with an optional port (e.g. 10.0.0.5:2376)."
    )


def _is_ip(text: str, version: int) -> bool:
    try:
        return ipaddress.ip_address(text).version == version
    except ValueError:
        return False


def engine_endpoint(address: str, port: int = DEFAULT_ENGINE_PORT) -> str:
    """`tcp://host:port` from what people type: an IP or host, with or without port or scheme."""
    text = address.strip()
    if "://" in text:
        return text
    if text.startswith("[") or text.count(":") == 1:
        return f"tcp://{text}" if re.search(r":\d+$", text) else f"tcp://{text}:{port}"
    if text.count(":") > 1:  # a bare IPv6 address
        return f"tcp://[{text}]:{port}"
    return f"tcp://{text}:{port}"


def join_remote(
    endpoint: str,
    tls: TLSConfig | None,
    info: JoinInfo,
    role: str = "worker",
    *,
    timeout: float = 20.0,
) -> str:
    """Join the engine at `endpoint` to the swarm (as Crane did); returns its new swarm node id."""
    remote = make_client(endpoint, tls, timeout=timeout)
    try:
        host_info = api.call(endpoint, remote.info)
        state = (host_info.get("Swarm") or {}).get("LocalNodeState", "")
        if state not in ("", "inactive"):
            raise EngineError(
                QT_TRANSLATE_NOOP("engine", "The engine at {endpoint} is already part of a swarm."),
                hint=QT_TRANSLATE_NOOP("engine", "Make it leave its swarm first (docker swarm leave)."),
                endpoint=endpoint,
            )
        token = info.manager_token if role == "manager" else info.worker_token
        host = endpoint.split("://", 1)[-1].rsplit(":", 1)[0].strip("[]")
        api.call(
            endpoint,
            remote.join_swarm,
            list(info.managers),
            token,
            listen_addr=f"0.0.0.0:{SWARM_PORT}",
            advertise_addr=f"{host}:{SWARM_PORT}",
        )
        joined = api.call(endpoint, remote.info)
        return str((joined.get("Swarm") or {}).get("NodeID", ""))
    finally:
        remote.close()


# -- connect host --------------------------------------------------------------------------------
def engine_node_id(endpoint: str, tls: TLSConfig | None, *, timeout: float = 5.0) -> str:
    """The swarm node id the engine at `endpoint` reports (Info.Swarm.NodeID)."""
    remote = make_client(endpoint, tls, timeout=timeout)
    try:
        info = api.call(endpoint, remote.info)
    finally:
        remote.close()
    return str((info.get("Swarm") or {}).get("NodeID", ""))


def connect_host(
    client: docker.APIClient,
    node_id: str,
    endpoint: str,
    tls: TLSConfig | None,
    *,
    timeout: float = 5.0,
) -> Node:
    """Verify that `endpoint` is this node's own engine, then store it as Crane's endpoint label."""
    found = engine_node_id(endpoint, tls, timeout=timeout)
    node = inspect(client, node_id)
    if found != node.id:
        raise WrongNode(endpoint=endpoint, found=_hostname_of(client, found), hostname=node.hostname)
    labels = node.label_dict
    if labels.get(ENDPOINT_LABEL) != endpoint:
        labels[ENDPOINT_LABEL] = endpoint
        _update(client, node, Labels=labels)
    return inspect(client, node_id)


def _hostname_of(client: docker.APIClient, node_id: str) -> str:
    """A node's hostname for a message (its short id when the swarm does not know it)."""
    if not node_id:
        return "?"
    try:
        return inspect(client, node_id).hostname
    except EngineError:
        return node_id[:12]


def disconnect_host(client: docker.APIClient, node_id: str) -> None:
    """Forget the node's endpoint label."""
    node = inspect(client, node_id)
    labels = node.label_dict
    if labels.pop(ENDPOINT_LABEL, None) is not None:
        _update(client, node, Labels=labels)


def connect_new_host(
    client: docker.APIClient, node_id: str, endpoint: str, tls: TLSConfig | None, *, wait: float = 15.0
) -> Node:
    """Connect a host that just joined: the managers list it a moment later, so retry until `wait`."""
    deadline = time.monotonic() + wait
    while True:
        try:
            return connect_host(client, node_id, endpoint, tls)
        except (NotFound, Conflict):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)
