"""The swarm itself: its settings (shown, the safe ones changed), autolock and unlocking a locked
manager, and the rotation of the swarm's root CA with its progress per node.

Every change is sent with the swarm's version as it was read: a change made by someone else since
makes the engine refuse ("update out of sequence"), which becomes a Conflict, never an overwrite.

The swarm's CA signs the nodes' swarm certificates (mutual TLS between managers and workers); it is not
the CA of the engines' TLS API the workstation talks to, so its rotation changes none of the
workstation's certificates. The API gives no node certificate's dates: what can be known is the root's
expiry and the validity the swarm gives node certificates (they are renewed automatically).

Blocking (docker-py): callers run these off the GUI thread. No Qt.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import docker

from crane_desktop.engine import api
from crane_desktop.engine.cluster import Cluster
from crane_desktop.engine.compose.units import duration_ns, go_duration
from crane_desktop.engine.errors import EngineError
from crane_desktop.engine.health import pem_expiry
from crane_desktop.engine.i18n import QT_TRANSLATE_NOOP
from crane_desktop.engine.snapshots import Node, parse_time

SECOND = 10**9
MIN_NODE_CERT_EXPIRY = 3600 * SECOND  # swarmkit's ca.MinNodeCertExpiration
MIN_HEARTBEAT = SECOND
DEFAULT_ADDRESS_POOL = ("10.0.0.0/8",)  # what the engine uses when the swarm was created without one
EDITABLE = ("task_history_limit", "heartbeat_period", "snapshot_interval", "node_cert_expiry")
LOCKED = "locked"


class WrongUnlockKey(EngineError):
    template = QT_TRANSLATE_NOOP("engine", "The unlock key is not this swarm's: the manager stays locked.")
    hint = QT_TRANSLATE_NOOP(
        "engine", "Copy the key from the Swarm page of a running manager (Show), or from where it was kept."
    )


@dataclass(frozen=True)
class SwarmSettings:
    """The swarm as /swarm shows it, with the spec it was read with (changes are made on it)."""

    id: str
    version: int
    created: datetime
    task_history_limit: int
    heartbeat_period: int  # ns
    snapshot_interval: int  # raft log entries between snapshots
    node_cert_expiry: int  # ns: validity of the certificates the swarm gives its nodes
    default_address_pool: tuple[str, ...]
    subnet_size: int
    data_path_port: int
    autolock: bool
    trust_root: str  # PEM of the swarm's root CA
    issuer_key: str  # the CA that signs node certificates now (during a rotation: already the new one)
    rotating: bool  # a root rotation is under way
    force_rotate: int
    spec: Mapping[str, Any] = field(repr=False)

    @classmethod
    def from_api(cls, data: Mapping[str, Any]) -> SwarmSettings:
        spec = data.get("Spec") or {}
        ca = spec.get("CAConfig") or {}
        return cls(
            id=str(data.get("ID", "")),
            version=int((data.get("Version") or {}).get("Index", 0)),
            created=parse_time(data.get("CreatedAt")),
            task_history_limit=int((spec.get("Orchestration") or {}).get("TaskHistoryRetentionLimit") or 0),
            heartbeat_period=int((spec.get("Dispatcher") or {}).get("HeartbeatPeriod") or 0),
            snapshot_interval=int((spec.get("Raft") or {}).get("SnapshotInterval") or 0),
            node_cert_expiry=int(ca.get("NodeCertExpiry") or 0),
            default_address_pool=tuple(data.get("DefaultAddrPool") or ()),
            subnet_size=int(data.get("SubnetSize") or 0),
            data_path_port=int(data.get("DataPathPort") or 0),
            autolock=bool((spec.get("EncryptionConfig") or {}).get("AutoLockManagers")),
            trust_root=str((data.get("TLSInfo") or {}).get("TrustRoot", "")),
            issuer_key=str((data.get("TLSInfo") or {}).get("CertIssuerPublicKey", "")),
            rotating=bool(data.get("RootRotationInProgress")),
            force_rotate=int(ca.get("ForceRotate") or 0),
            spec=copy.deepcopy(dict(spec)),
        )

    def texts(self) -> dict[str, str]:
        """The editable settings as the page's fields show them (durations as Go writes them)."""
        return {
            "task_history_limit": str(self.task_history_limit),
            "heartbeat_period": go_duration(self.heartbeat_period),
            "snapshot_interval": str(self.snapshot_interval),
            "node_cert_expiry": go_duration(self.node_cert_expiry),
        }

    def root_expiry(self) -> datetime | None:
        """When the swarm's root CA certificate expires (None when it cannot be read)."""
        try:
            return pem_expiry(self.trust_root.encode())
        except ValueError:
            return None


def read(client: docker.APIClient) -> SwarmSettings:
    return SwarmSettings.from_api(api.call(client, client.inspect_swarm))


# -- the safe settings -----------------------------------------------------------------------------
def check_settings(texts: Mapping[str, str]) -> tuple[dict[str, int], dict[str, str]]:
    """The typed settings as values, and what is wrong with each field (engine messages), checked
    before anything is sent: whole numbers, Go durations, and swarmkit's own limits."""
    values: dict[str, int] = {}
    problems: dict[str, str] = {}
    for key in ("task_history_limit", "snapshot_interval"):
        text = texts.get(key, "").strip()
        lowest = 0 if key == "task_history_limit" else 1
        if not text.isdigit() or int(text) < lowest or int(text) >= 2**63:
            problems[key] = (
                QT_TRANSLATE_NOOP("engine", "Give a whole number, 0 or more.")
                if lowest == 0
                else QT_TRANSLATE_NOOP("engine", "Give a whole number, 1 or more.")
            )
        else:
            values[key] = int(text)
    limits = {
        "heartbeat_period": (
            MIN_HEARTBEAT,
            QT_TRANSLATE_NOOP("engine", "Give a duration of at least 1s (e.g. 5s)."),
        ),
        "node_cert_expiry": (
            MIN_NODE_CERT_EXPIRY,
            QT_TRANSLATE_NOOP("engine", "Give a duration of at least 1h (e.g. 2160h for 90 days)."),
        ),
    }
    for key, (lowest, problem) in limits.items():
        try:
            nanoseconds = duration_ns(texts.get(key, ""))
        except ValueError:
            problems[key] = problem
            continue
        if nanoseconds < lowest or nanoseconds >= 2**63:
            problems[key] = problem
        else:
            values[key] = int(nanoseconds)
    return values, problems


def changed_settings(current: SwarmSettings, values: Mapping[str, int]) -> dict[str, int]:
    """Only the settings whose value differs from the swarm's."""
    return {key: value for key, value in values.items() if getattr(current, key) != value}


def update_settings(client: docker.APIClient, current: SwarmSettings, values: Mapping[str, int]) -> None:
    """Apply the checked values on the spec and version read (Conflict when the swarm changed since)."""
    spec = copy.deepcopy(dict(current.spec))
    paths = {
        "task_history_limit": ("Orchestration", "TaskHistoryRetentionLimit"),
        "heartbeat_period": ("Dispatcher", "HeartbeatPeriod"),
        "snapshot_interval": ("Raft", "SnapshotInterval"),
        "node_cert_expiry": ("CAConfig", "NodeCertExpiry"),
    }
    for key, value in values.items():
        section, name = paths[key]
        spec.setdefault(section, {})[name] = value
    api.call(client, client.update_swarm, current.version, spec)


# -- autolock ------------------------------------------------------------------------------------
def set_autolock(client: docker.APIClient, current: SwarmSettings, enabled: bool) -> None:
    spec = copy.deepcopy(dict(current.spec))
    spec.setdefault("EncryptionConfig", {})["AutoLockManagers"] = enabled
    api.call(client, client.update_swarm, current.version, spec)


def unlock_key(client: docker.APIClient) -> str:
    """The key that unlocks a manager restarted while autolock is on ("" when autolock is off)."""
    return str((api.call(client, client.get_unlock_key) or {}).get("UnlockKey") or "")


def rotate_unlock_key(client: docker.APIClient, current: SwarmSettings) -> str:
    """A new unlock key (the old one stops working once every manager took the new one); returns it."""
    api.call(client, client.update_swarm, current.version, dict(current.spec), rotate_manager_unlock_key=True)
    return unlock_key(client)


def local_state(client: docker.APIClient) -> str:
    """The engine's own view of its swarm membership: active, locked, pending, inactive, error."""
    info = api.call(client, client.info)
    return str((info.get("Swarm") or {}).get("LocalNodeState") or "")


def manager_states(cluster: Cluster, nodes: Iterable[Node]) -> dict[str, str]:
    """Each manager's local state, asked of its own engine ("" when that engine cannot be reached):
    a manager restarted with autolock on says "locked" there, while the swarm only sees it down."""
    states: dict[str, str] = {}
    for node in nodes:
        if node.role != "manager":
            continue
        try:
            states[node.id] = local_state(cluster.node_client(node))
        except EngineError:
            states[node.id] = ""
    return states


UNLOCK_TIMEOUT = 120.0  # seconds: the engine answers once the manager has rejoined the swarm


def unlock(cluster: Cluster, node: Node, key: str) -> None:
    """Unlock that manager with `key`, on its own engine (POST /swarm/unlock).

    A client of its own with a long read timeout: the engine answers only once the unlocked manager
    is back in the swarm, which takes longer than the usual timeout on a busy node (a timed-out
    request would report a failure while the manager does unlock)."""
    client = cluster.node_stream_client(node, timeout=UNLOCK_TIMEOUT, pool_size=1)
    try:
        api.call(client, client.unlock_swarm, key.strip())
    except EngineError as error:
        if "invalid key" in error.raw or "could not be unlocked" in error.raw:
            raise WrongUnlockKey(raw=error.raw, status=error.status) from error
        raise
    finally:
        client.close()


# -- CA rotation ---------------------------------------------------------------------------------
def rotate_ca(client: docker.APIClient, current: SwarmSettings) -> None:
    """Have the swarm make a new root CA and reissue every node's certificate (CAConfig.ForceRotate
    + 1, as `docker swarm ca --rotate`)."""
    spec = copy.deepcopy(dict(current.spec))
    spec.setdefault("CAConfig", {})["ForceRotate"] = current.force_rotate + 1
    api.call(client, client.update_swarm, current.version, spec)


CURRENT = "current"  # the node trusts the swarm's current root (nothing to wait for)
NEW_CERTIFICATE = "new-certificate"  # rotating: it has its certificate from the new CA already
AWAITING_CERTIFICATE = "awaiting-certificate"  # rotating: its certificate is still from the old CA
AWAITING_ROOT = "awaiting-root"  # the swarm switched roots; the node does not trust the new one yet


def _tls_info(node: Node) -> Mapping[str, Any]:
    return (node.raw.get("Description") or {}).get("TLSInfo") or {}


def node_trust_root(node: Node) -> str:
    return str(_tls_info(node).get("TrustRoot", ""))


def node_progress(node: Node, current: SwarmSettings) -> str:
    """Where the node is in a CA rotation. Swarmkit rotates in two steps: first every node gets a
    certificate from the new CA (while rotating, /swarm names that CA as the issuer but still the old
    root), then the swarm switches its root and the nodes come to trust the new one. A node is current
    when it trusts the swarm's root and has its certificate from the swarm's issuer (the docker CLI's
    TLS status "Ready")."""
    issuer = str(_tls_info(node).get("CertIssuerPublicKey", ""))
    if current.rotating:
        return NEW_CERTIFICATE if issuer == current.issuer_key else AWAITING_CERTIFICATE
    same_root = bool(current.trust_root) and node_trust_root(node).strip() == current.trust_root.strip()
    if same_root and issuer == current.issuer_key:
        return CURRENT
    return AWAITING_ROOT


def rotation_done(current: SwarmSettings, nodes: Iterable[Node]) -> bool:
    return all(node_progress(node, current) == CURRENT for node in nodes)
