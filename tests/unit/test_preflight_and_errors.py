"""Pre-flight checks that need no engine (certificate dates, clock skew, swarm state) and the
translation of client exceptions into operator-level errors."""

import datetime as dt
import os

import docker.errors
import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from crane_desktop.engine import preflight
from crane_desktop.engine.errors import (
    Conflict,
    ConnectionFailed,
    EngineTimeout,
    NameTaken,
    NoLeader,
    NotFound,
    TLSFailed,
    translate,
)
from crane_desktop.engine.profiles import TLSConfig

NOW = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)


def write_cert(path, not_after, key_mode=0o600):
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "test")])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_after - dt.timedelta(days=400))
        .not_valid_after(not_after)
        .sign(key, hashes.SHA256())
    )
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path = path.with_suffix(".key")
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    os.chmod(key_path, key_mode)
    return path, key_path


def by_key(checks):
    return {c.key: c for c in checks}


def test_certificate_dates(tmp_path):
    ca, _ = write_cert(tmp_path / "ca.pem", NOW + dt.timedelta(days=365))
    cert, key = write_cert(tmp_path / "cert.pem", NOW + dt.timedelta(days=10))
    checks = by_key(preflight.certificate_checks(TLSConfig(str(ca), str(cert), str(key)), NOW))
    assert checks["ca-cert"].status == "ok"
    assert checks["client-cert"].status == "warn"
    assert "10 days" in checks["client-cert"].message
    assert "key-mode" not in checks


def test_expired_certificate_and_open_key_file(tmp_path):
    cert, key = write_cert(tmp_path / "cert.pem", NOW - dt.timedelta(days=1), key_mode=0o644)
    checks = by_key(preflight.certificate_checks(TLSConfig("", str(cert), str(key)), NOW))
    assert checks["client-cert"].status == "fail"
    assert "expired on 2026-11-25" in checks["client-cert"].message
    assert checks["key-mode"].status == "warn" and "chmod 600" in checks["key-mode"].hint


def test_unreadable_certificate(tmp_path):
    bad = tmp_path / "ca.pem"
    bad.write_text("not a certificate")
    checks = by_key(preflight.certificate_checks(TLSConfig(str(bad)), NOW))
    assert checks["ca-cert"].status == "fail" and "ca.pem" in checks["ca-cert"].message


def test_clock_skew():
    info = {"SystemTime": "2026-11-26T12:00:42.123456789Z"}
    assert preflight.clock_check(info, NOW).status == "warn"
    assert "42.1" in preflight.clock_check(info, NOW).message
    assert preflight.clock_check({"SystemTime": "2026-11-26T12:00:01Z"}, NOW).status == "ok"


def test_swarm_state_checks():
    inactive = preflight.swarm_checks({"Swarm": {"LocalNodeState": "inactive"}})
    assert [c.status for c in inactive] == ["fail"] and "not in swarm mode" in inactive[0].message
    worker = by_key(
        preflight.swarm_checks({"Swarm": {"LocalNodeState": "active", "ControlAvailable": False}})
    )
    assert worker["manager"].status == "fail"
    manager = by_key(
        preflight.swarm_checks({"Swarm": {"LocalNodeState": "active", "ControlAvailable": True}})
    )
    assert manager["manager"].status == "ok"


def test_old_api_is_refused():
    assert preflight.api_version_check({"ApiVersion": "1.12"}).status == "fail"
    assert preflight.api_version_check({"ApiVersion": "1.41"}).status == "ok"


def api_error(status, text):
    response = requests.Response()
    response.status_code = status
    return docker.errors.APIError(text, response, explanation=text)


@pytest.mark.parametrize(
    ("exc", "kind", "words"),
    [
        (api_error(404, "no such node"), NotFound, "no longer exists"),
        (api_error(500, "update out of sequence"), Conflict, "changed by someone else"),
        (
            api_error(
                409,
                "rpc error: code = AlreadyExists desc = name conflicts with an existing object: "
                "service web already exists",
            ),
            NameTaken,
            "already in use on the swarm",
        ),
        (
            api_error(500, "rpc error: code = Unknown desc = The swarm does not have a leader."),
            NoLeader,
            "no leader",
        ),
        (requests.exceptions.ConnectionError("refused"), ConnectionFailed, "Cannot reach"),
        (requests.exceptions.SSLError("CERTIFICATE_VERIFY_FAILED"), TLSFailed, "TLS"),
        (requests.exceptions.ReadTimeout("read timed out"), EngineTimeout, "did not answer in time"),
    ],
)
def test_translate(exc, kind, words):
    error = translate(exc, "tcp://m:2376")
    assert type(error) is kind
    assert words in error.message
    assert error.raw


def test_engine_refusal_keeps_the_reason():
    error = translate(api_error(400, "invalid name"))
    assert "invalid name" in error.message
