"""Profiles from the docker CLI's environment, flags and contexts; validation; the store."""

import hashlib
import json
from dataclasses import replace

import pytest

from crane_desktop.engine import profiles
from crane_desktop.engine.alerts import QUORUM, default_rules, rules_from_json, rules_to_json
from crane_desktop.engine.errors import ProfileInvalid
from crane_desktop.engine.profiles import Profile, ProfileStore, TLSConfig


def tls_files(directory):
    directory.mkdir(parents=True, exist_ok=True)
    for name in ("ca", "cert", "key"):
        (directory / f"{name}.pem").write_text(name)
    return directory


def test_environment_with_tls_verify(tmp_path):
    certs = tls_files(tmp_path / "certs")
    env = {"DOCKER_HOST": "tcp://10.1.2.3:2376", "DOCKER_TLS_VERIFY": "1", "DOCKER_CERT_PATH": str(certs)}
    profile = profiles.from_environment(env)
    assert profile.managers == ("tcp://10.1.2.3:2376",)
    assert profile.tls == TLSConfig(
        str(certs / "ca.pem"), str(certs / "cert.pem"), str(certs / "key.pem"), True
    )
    profiles.validate(profile)


def test_environment_without_host_gives_nothing():
    assert profiles.from_environment({}) is None


def test_tls_verify_zero_still_verifies_as_the_docker_cli(tmp_path):
    """docker/cli reads DOCKER_TLS_VERIFY as "set to anything": "0" turns verification on, too."""
    env = {"DOCKER_HOST": "tcp://127.0.0.1:2376", "DOCKER_TLS_VERIFY": "0", "DOCKER_CERT_PATH": str(tmp_path)}
    assert profiles.from_environment(env).tls.verify is True
    assert profiles.from_environment({**env, "DOCKER_TLS_VERIFY": ""}).tls is None


def test_plain_tcp_to_remote_host_needs_consent():
    profile = Profile("p", ("tcp://192.0.2.10:2375",))
    with pytest.raises(ProfileInvalid) as raised:
        profiles.validate(profile)
    assert "192.0.2.10" in raised.value.message
    assert "TLS" in raised.value.message
    profiles.validate(Profile("p", ("tcp://192.0.2.10:2375",), allow_insecure_tcp=True))
    profiles.validate(Profile("p", ("tcp://127.0.0.1:2375",)))


@pytest.mark.parametrize(
    "endpoint",
    ["http://host:2375", "manager:2376", "tcp://:2376", ""],
)
def test_bad_endpoints_are_refused(endpoint):
    with pytest.raises(ProfileInvalid):
        profiles.validate(Profile("p", (endpoint,) if endpoint else ()))


def test_missing_tls_file_is_named(tmp_path):
    profile = Profile("p", ("tcp://h:2376",), TLSConfig(ca=str(tmp_path / "nope.pem")))
    with pytest.raises(ProfileInvalid) as raised:
        profiles.validate(profile)
    assert "nope.pem" in raised.value.message


def write_context(config_dir, name, host, with_tls=True, skip_verify=False):
    digest = hashlib.sha256(name.encode()).hexdigest()
    meta = config_dir / "contexts" / "meta" / digest
    meta.mkdir(parents=True)
    (meta / "meta.json").write_text(
        json.dumps(
            {
                "Name": name,
                "Metadata": {},
                "Endpoints": {"docker": {"Host": host, "SkipTLSVerify": skip_verify}},
            }
        )
    )
    if with_tls:
        tls_files(config_dir / "contexts" / "tls" / digest / "docker")


def test_context_import_with_tls_files(tmp_path):
    config = tmp_path / "docker"
    write_context(config, "prod", "tcp://198.51.100.7:2376")
    write_context(config, "local-ssh", "ssh://ops@host", with_tls=False)
    assert profiles.list_contexts(config) == sorted(
        ["prod", "local-ssh"], key=lambda n: hashlib.sha256(n.encode()).hexdigest()
    )
    prod = profiles.from_context("prod", config)
    assert prod.managers == ("tcp://198.51.100.7:2376",)
    assert prod.tls.ca.endswith("ca.pem") and prod.tls.cert.endswith("cert.pem") and prod.tls.verify
    profiles.validate(prod)
    ssh = profiles.from_context("local-ssh", config)
    assert ssh.managers == ("ssh://ops@host",) and ssh.tls is None
    profiles.validate(ssh)


def test_unknown_context_is_a_clear_error(tmp_path):
    with pytest.raises(ProfileInvalid) as raised:
        profiles.from_context("ghost", tmp_path)
    assert "ghost" in raised.value.message


def test_cli_flags_follow_the_docker_cli(tmp_path):
    certs = tls_files(tmp_path / "c")
    profile = profiles.from_cli_flags(
        host="tcp://198.51.100.1:2376", tlsverify=True, env={"DOCKER_CERT_PATH": str(certs)}
    )
    assert profile.tls.verify and profile.tls.ca == str(certs / "ca.pem")
    explicit = profiles.from_cli_flags(host="tcp://h:2376", tlscacert="/x/ca.pem", tlsverify=True, env={})
    assert explicit.tls.ca == "/x/ca.pem"
    from_env = profiles.from_cli_flags(env={"DOCKER_HOST": "unix:///run/d.sock"})
    assert from_env.managers == ("unix:///run/d.sock",)
    assert profiles.from_cli_flags(env={}) is None


def test_store_round_trip_and_replace():
    store = ProfileStore()
    first = Profile("a", ("unix:///var/run/docker.sock",))
    second = Profile(
        "b", ("tcp://127.0.0.1:2375", "tcp://127.0.0.2:2375"), nodes={"node-1": "tcp://127.0.0.1:2375"}
    )
    store.put(first)
    store.put(second)
    store.put(Profile("a", ("unix:///other.sock",)))
    loaded = {p.name: p for p in store.load()}
    assert loaded["a"].managers == ("unix:///other.sock",)
    assert loaded["b"] == second
    store.remove("a")
    assert [p.name for p in store.load()] == ["b"]


def test_alert_rules_are_saved_with_their_profile():
    store = ProfileStore()
    store.put(Profile("a", ("unix:///var/run/docker.sock",)))
    store.put(Profile("b", ("unix:///other.sock",)))
    rules = [replace(rule, enabled=rule.kind != QUORUM) for rule in default_rules()]
    store.set_alerts("a", rules_to_json(rules))
    loaded = {p.name: p for p in store.load()}
    assert rules_from_json(loaded["a"].alerts) == tuple(rules)
    assert rules_from_json(loaded["b"].alerts) == default_rules()  # a profile without rules: the defaults
    assert Profile.from_json({"name": "c", "managers": ["unix:///x.sock"], "alerts": "junk"}).alerts == {}


def test_store_skips_broken_entries():
    store = ProfileStore()
    store.path.parent.mkdir(parents=True)
    store.path.write_text(
        json.dumps([{"name": "ok", "managers": ["unix:///x.sock"]}, {"name": ""}, 42, "junk"])
    )
    assert [p.name for p in store.load()] == ["ok"]
    store.path.write_text("{not json")
    assert store.load() == []
