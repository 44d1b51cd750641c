"""Each node's swarm certificate from what can be known without the node's files: a manager's read
on its swarm port (here: a TLS server of the test's own on localhost), a worker that is up renewed by
the swarm, a node that is down unable to renew (its earliest expiry a fifth of the validity after it
went down); and the alerts they raise."""

from __future__ import annotations

import json
import socket
import ssl
import threading
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from crane_desktop.engine.alerts import CERTIFICATE, AlertEvaluator, Rule, Snapshot
from crane_desktop.engine.node_certs import FOREIGN, UNREACHABLE, node_certificate, read_certificates
from crane_desktop.engine.snapshots import Node, parse_all

RECORDED = Path(__file__).resolve().parents[1] / "fixtures" / "engine" / "cluster"
NODES = parse_all(Node, json.loads((RECORDED / "nodes.json").read_text()))
VALIDITY = timedelta(days=90)
NOW = datetime(2026, 11, 30, tzinfo=UTC)


def node(hostname: str) -> Node:
    return next(n for n in NODES.values() if n.hostname == hostname)


@pytest.fixture
def swarm_port(tmp_path):
    """A TLS server on localhost presenting a certificate for node-2's id, as its swarm port does."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, node("node-2").id)])
    not_after = datetime(2027, 2, 28, 0, 22, tzinfo=UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "swarm-ca")]))
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(not_after - VALIDITY)
        .not_valid_after(not_after)
        .sign(key, hashes.SHA256())
    )
    (tmp_path / "cert.pem").write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    (tmp_path / "key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(tmp_path / "cert.pem", tmp_path / "key.pem")
    server = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except OSError:
                return
            try:
                with context.wrap_socket(connection, server_side=True):
                    pass
            except (OSError, ssl.SSLError):
                connection.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"127.0.0.1:{server.getsockname()[1]}", not_after
    stop.set()
    server.shutdown(socket.SHUT_RDWR)  # wakes the accept
    server.close()
    thread.join(5)


def test_a_managers_certificate_is_read_on_its_swarm_port(swarm_port):
    address, not_after = swarm_port
    cert = node_certificate(replace(node("node-2"), manager_address=address), VALIDITY)
    assert (cert.expiry, cert.exact, cert.error) == (not_after, True, "")
    assert cert.warn_from == not_after - VALIDITY / 5  # renewed before a fifth is left
    assert not cert.warning(not_after - timedelta(days=19)) and cert.warning(not_after - timedelta(days=17))
    # the swarm's validity raised since it was issued: the certificate's own life counts (no false alarm)
    longer = node_certificate(replace(node("node-2"), manager_address=address), timedelta(days=365))
    assert longer.warn_from == cert.warn_from


def test_another_nodes_certificate_or_no_answer_says_unknown(swarm_port):
    address, _ = swarm_port
    foreign = node_certificate(replace(node("node-3"), manager_address=address), VALIDITY)
    assert (foreign.expiry, foreign.error, foreign.detail) == (None, FOREIGN, node("node-2").id)
    closed = socket.create_server(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()
    silent = node_certificate(replace(node("node-2"), manager_address=f"127.0.0.1:{port}"), VALIDITY)
    assert (silent.expiry, silent.error, silent.address) == (None, UNREACHABLE, f"127.0.0.1:{port}")
    assert not silent.warning(NOW)


def test_a_worker_up_is_renewed_and_a_node_down_cannot_renew():
    worker = node("node-4")
    up = node_certificate(worker, VALIDITY)
    assert (up.expiry, up.exact, up.error, up.warning(NOW)) == (None, False, "", False)
    since = NOW - timedelta(days=3)
    down = node_certificate(replace(worker, state="down", updated_at=since), VALIDITY)
    assert (down.expiry, down.exact, down.down_since) == (since + timedelta(days=18), False, since)
    assert down.warning(NOW)
    # a manager that is down is not asked (its port does not answer): the same bound
    manager = node_certificate(replace(node("node-3"), state="down", updated_at=since), VALIDITY)
    assert manager.expiry == since + timedelta(days=18) and manager.error == ""


def test_certificates_are_read_for_every_node_by_id():
    down = replace(node("node-4"), state="down", updated_at=NOW)
    certs = read_certificates([down], int(VALIDITY.total_seconds()) * 10**9)
    assert list(certs) == [down.id] and certs[down.id].expiry == NOW + timedelta(days=18)


def test_a_node_down_alerts_with_the_date_its_certificate_may_expire():
    since = NOW - timedelta(days=1)
    nodes = dict(NODES)
    worker = replace(node("node-4"), state="down", updated_at=since)
    nodes[worker.id] = worker
    certs = {worker.id: node_certificate(worker, VALIDITY)}
    evaluator = AlertEvaluator([Rule(CERTIFICATE, True, {"days": 30})])
    outcome = evaluator.evaluate(Snapshot(nodes, {}, {}, certs), NOW)
    assert [(a.object_name, str(a.message)) for a in outcome.started] == [
        (
            "node-4",
            "node-4 is down and cannot renew its swarm certificate: it may expire from "
            f"{since + timedelta(days=18):%Y-%m-%d %H:%M}, after which the node cannot rejoin.",
        )
    ]
    nodes[worker.id] = replace(worker, state="ready")  # back: renewed, though not read again yet
    assert [a.object_name for a in evaluator.evaluate(Snapshot(nodes, {}, {}, certs), NOW).cleared] == [
        "node-4"
    ]


def test_a_managers_certificate_not_renewed_in_time_alerts(swarm_port):
    address, not_after = swarm_port
    manager = replace(node("node-2"), manager_address=address)
    certs = {manager.id: node_certificate(manager, VALIDITY)}
    evaluator = AlertEvaluator([Rule(CERTIFICATE, True, {"days": 30})])
    healthy = not_after - timedelta(days=40)  # renewal not due yet: no alert though within 30+ days
    assert evaluator.evaluate(Snapshot(NODES, {}, {}, certs), healthy).started == ()
    late = not_after - timedelta(days=10)
    outcome = evaluator.evaluate(Snapshot(NODES, {}, {}, certs), late)
    assert [str(a.message) for a in outcome.started] == [
        f"The swarm certificate of node-2 expires on {not_after:%Y-%m-%d %H:%M} and was not renewed."
    ]
