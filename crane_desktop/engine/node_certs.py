"""Each node's swarm certificate: when it expires, and whether that calls for a warning.

The engine's API gives no node certificate's dates (a node's TLS info names only its root and its
issuer), so they are read where they can be:

- a manager presents its own swarm certificate on its swarm port (2377, `ManagerStatus.Addr`) to
  anyone who opens TLS there (joining nodes have no certificate yet): a handshake gives its exact
  expiry, checked to be that node's (the subject's CN is the node id);
- a worker serves no TLS port: while it is up the swarm renews its certificate (swarmkit renews
  between 50% and 80% of a certificate's life, so at least a fifth of its validity is always left);
  once it is down it cannot, and the earliest its certificate can expire is a fifth of the validity
  after it went down (moby/moby#24132: a node whose certificate expired cannot rejoin).

A certificate needs a warning once less than a fifth of its own life is left (its renewal is late), or
while its node is down. Blocking (sockets): callers run these off the GUI thread. No Qt.
"""

from __future__ import annotations

import socket
import ssl
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from cryptography import x509
from cryptography.x509.oid import NameOID

from crane_desktop.engine.snapshots import Node

UNREACHABLE = "unreachable"  # the manager's swarm port did not answer from the workstation
FOREIGN = "foreign"  # the address presented another node's certificate

RENEWED_BEFORE = 0.2  # swarmkit renews a node certificate before 80% of its life has passed
HANDSHAKE_TIMEOUT = 3.0  # seconds per manager
READERS = 4


@dataclass(frozen=True)
class NodeCertificate:
    """What is known of one node's swarm certificate.

    `expiry` is the certificate's own end of validity when `exact` (read from a manager's swarm
    port), else the earliest it can expire (a node that is down); None when nothing can be said
    (a worker that is up: renewed by the swarm) or it could not be read (`error`)."""

    node_id: str
    hostname: str
    expiry: datetime | None = None
    exact: bool = False
    warn_from: datetime | None = None  # from then on the certificate needs a warning
    down_since: datetime | None = None
    error: str = ""  # UNREACHABLE or FOREIGN: why a manager's certificate could not be read
    address: str = ""  # the swarm address asked
    detail: str = ""  # the error as the system said it

    def warning(self, now: datetime) -> bool:
        return self.warn_from is not None and now >= self.warn_from

    def needs_attention(self, node: Node | None, now: datetime) -> bool:
        """A warning that still holds for `node` as the store has it now (a node read down that is
        back up has renewed its certificate, though it was not read again yet)."""
        if node is None or self.expiry is None or not self.warning(now):
            return False
        return self.down_since is None or node.state != "ready"


def peer_certificate(address: str, timeout: float = HANDSHAKE_TIMEOUT) -> x509.Certificate:
    """The certificate the TLS server at `address` ("host:port") presents (OSError, ssl.SSLError or
    ValueError when it cannot be had). Nothing is verified: only its dates are read."""
    host, _, port = address.rpartition(":")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    context.set_alpn_protocols(["h2"])  # the swarm port is gRPC
    with (
        socket.create_connection((host.strip("[]"), int(port)), timeout=timeout) as raw,
        context.wrap_socket(raw, server_hostname=None) as tls,
    ):
        der = tls.getpeercert(binary_form=True)
    if not der:
        raise ValueError("no certificate presented")
    return x509.load_der_x509_certificate(der)


def _subject_cn(certificate: x509.Certificate) -> str:
    names = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(names[0].value) if names else ""


def manager_certificate(node: Node, validity: timedelta) -> NodeCertificate:
    """A manager's certificate as it presents it on its swarm port."""
    address = node.manager_address
    try:
        certificate = peer_certificate(address)
    except (OSError, ssl.SSLError, ValueError) as error:
        return _by_state(node, validity, UNREACHABLE, address, str(error) or type(error).__name__)
    if _subject_cn(certificate) != node.id:
        return _by_state(node, validity, FOREIGN, address, _subject_cn(certificate))
    expiry = certificate.not_valid_after_utc
    life = expiry - certificate.not_valid_before_utc  # its own: the swarm's setting may have changed since
    return NodeCertificate(
        node.id, node.hostname, expiry, exact=True, warn_from=expiry - life * RENEWED_BEFORE, address=address
    )


def _by_state(
    node: Node, validity: timedelta, error: str = "", address: str = "", detail: str = ""
) -> NodeCertificate:
    """What the node's state tells: nothing while it is up (the swarm renews it); when it is down, it
    cannot be renewed and expires a fifth of the validity after it went down at the earliest."""
    unread = NodeCertificate(node.id, node.hostname, error=error, address=address, detail=detail)
    if node.state == "ready":
        return unread
    since = node.updated_at
    return replace(unread, expiry=since + validity * RENEWED_BEFORE, warn_from=since, down_since=since)


def node_certificate(node: Node, validity: timedelta) -> NodeCertificate:
    if node.role == "manager" and node.manager_address and node.state == "ready":
        return manager_certificate(node, validity)
    return _by_state(node, validity)


def read_certificates(nodes: Iterable[Node], validity_ns: int) -> dict[str, NodeCertificate]:
    """Every node's certificate (the managers' read side by side), by node id."""
    validity = timedelta(microseconds=validity_ns // 1000)
    listed = list(nodes)
    if not listed:
        return {}
    with ThreadPoolExecutor(max_workers=min(READERS, len(listed)), thread_name_prefix="crane-cert") as pool:
        return {cert.node_id: cert for cert in pool.map(lambda n: node_certificate(n, validity), listed)}
