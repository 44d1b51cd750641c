"""TLS against the real engines: the wrong CA or a missing client certificate is refused with a
clear message, and an explicit profile CA wins over REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE."""

from __future__ import annotations

from dataclasses import replace

import pytest
import trustme

from crane_desktop.engine.cluster import Cluster
from crane_desktop.engine.errors import TLSFailed
from crane_desktop.engine.preflight import run_preflight


def test_wrong_ca_is_refused(profile, tmp_path):
    other_ca = tmp_path / "other-ca.pem"
    trustme.CA().cert_pem.write_to_path(str(other_ca))
    bad = replace(profile, tls=replace(profile.tls, ca=str(other_ca)))
    with pytest.raises(TLSFailed) as raised:
        Cluster(bad, timeout=5).connect(list(bad.managers[:1]))
    assert "TLS" in raised.value.message and bad.managers[0] in raised.value.message
    assert "CA certificate" in raised.value.hint
    assert "certificate verify failed" in raised.value.raw.lower()


def test_missing_client_certificate_is_refused(profile):
    no_cert = replace(profile.tls, cert="", key="")
    client, report = run_preflight(profile.managers[0], no_cert, timeout=5)
    assert client is None
    assert not report.ok
    assert isinstance(report.error, TLSFailed)
    assert report.checks[0].key == "reachable" and report.checks[0].status == "fail"


def test_profile_ca_wins_over_requests_bundle(profile, tmp_path, monkeypatch):
    decoy = tmp_path / "decoy.pem"
    trustme.CA().cert_pem.write_to_path(str(decoy))
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(decoy))
    monkeypatch.setenv("CURL_CA_BUNDLE", str(decoy))
    client, report = run_preflight(profile.managers[0], profile.tls, timeout=5)
    assert report.ok, [c.message for c in report.failures]
    assert {c.key: c.status for c in report.checks}["manager"] == "ok"
    assert client.nodes()
    client.close()


def test_preflight_reports_a_healthy_manager(profile):
    client, report = run_preflight(profile.managers[1], profile.tls, timeout=5)
    statuses = {c.key: c.status for c in report.checks}
    assert statuses["reachable"] == statuses["swarm"] == statuses["manager"] == "ok"
    assert statuses["server-cert"] == "ok" and statuses["client-cert"] == "ok"
    assert report.api_version >= "1.24"
    client.close()


def test_worker_endpoint_is_not_a_manager(profile):
    client, report = run_preflight(profile.nodes["node-4"], profile.tls, timeout=5)
    assert {c.key: c.status for c in report.checks}["manager"] == "fail"
    client.close()
