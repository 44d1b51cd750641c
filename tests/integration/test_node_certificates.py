"""Each manager's swarm certificate as the app reads it (a handshake on the manager's swarm port)
is that node's own certificate file (`swarm/certificates/swarm-node.crt` in its engine's data root, on
this machine for the test swarm); the worker, which serves no TLS port, is said to be renewed."""

from __future__ import annotations

from pathlib import Path

from cryptography import x509

from crane_desktop.engine.node_certs import read_certificates
from crane_desktop.engine.snapshots import Node, parse_all
from crane_desktop.engine.swarm_settings import read
from tests.swarm import docker


def own_certificate_expiry(number: int):
    root = Path(docker(number, "info", "--format", "{{.DockerRootDir}}"))
    pem = (root / "swarm" / "certificates" / "swarm-node.crt").read_bytes()
    return x509.load_pem_x509_certificate(pem).not_valid_after_utc


def test_each_managers_certificate_is_its_own_file_and_the_worker_is_renewed(cluster):
    nodes = parse_all(Node, cluster.client.nodes())
    certificates = read_certificates(nodes.values(), read(cluster.client).node_cert_expiry)
    by_host = {nodes[node_id].hostname: cert for node_id, cert in certificates.items()}
    for number in (1, 2, 3):
        cert = by_host[f"node-{number}"]
        assert (cert.exact, cert.error) == (True, ""), cert
        assert cert.expiry == own_certificate_expiry(number)
    worker = by_host["node-4"]
    assert (worker.expiry, worker.exact, worker.error) == (None, False, "")
