"""The swarm's settings without an engine: what the recorded /swarm says, the checks of typed settings
(swarmkit's own limits: node certificates valid at least 1 h), and a CA rotation's progress."""

from __future__ import annotations

import dataclasses
import json

import pytest

from crane_desktop.engine import swarm_settings as swarm
from crane_desktop.engine.snapshots import Node, parse_all
from tests.gui.conftest import RECORDED

RECORDED_SWARM = json.loads((RECORDED / "swarm.json").read_text())
NODES = parse_all(Node, json.loads((RECORDED / "nodes.json").read_text()))


def test_the_recorded_swarm_reads_as_the_cli_shows_it():
    settings = swarm.SwarmSettings.from_api(RECORDED_SWARM)
    assert settings.texts() == {
        "task_history_limit": "5",
        "heartbeat_period": "5s",
        "snapshot_interval": "10000",
        "node_cert_expiry": "2160h0m0s",
    }
    assert (settings.data_path_port, settings.subnet_size, settings.default_address_pool) == (4789, 24, ())
    assert not settings.autolock and settings.version == RECORDED_SWARM["Version"]["Index"]
    assert settings.root_expiry() is not None


@pytest.mark.parametrize(
    ("key", "text", "value"),
    [
        ("task_history_limit", "0", 0),
        ("task_history_limit", " 12 ", 12),
        ("snapshot_interval", "1", 1),
        ("heartbeat_period", "1s", 10**9),
        ("heartbeat_period", "1m30s", 90 * 10**9),
        ("node_cert_expiry", "1h", 3600 * 10**9),
        ("node_cert_expiry", "2160h", 2160 * 3600 * 10**9),
    ],
)
def test_good_settings_become_values(key, text, value):
    texts = {**swarm.SwarmSettings.from_api(RECORDED_SWARM).texts(), key: text}
    values, problems = swarm.check_settings(texts)
    assert problems == {} and values[key] == value


@pytest.mark.parametrize(
    ("key", "text"),
    [
        ("task_history_limit", "-1"),
        ("task_history_limit", "1.5"),
        ("task_history_limit", ""),
        ("task_history_limit", "99999999999999999999"),
        ("snapshot_interval", "0"),
        ("heartbeat_period", "999ms"),
        ("heartbeat_period", "5"),
        ("heartbeat_period", "-5s"),
        ("node_cert_expiry", "59m59s"),
        ("node_cert_expiry", "90d"),
        ("node_cert_expiry", "9999999999h"),
    ],
)
def test_bad_settings_are_refused_by_field(key, text):
    texts = {**swarm.SwarmSettings.from_api(RECORDED_SWARM).texts(), key: text}
    values, problems = swarm.check_settings(texts)
    assert list(problems) == [key] and key not in values


def test_only_changed_settings_are_sent():
    settings = swarm.SwarmSettings.from_api(RECORDED_SWARM)
    values, _ = swarm.check_settings(
        {**settings.texts(), "heartbeat_period": "5000ms", "snapshot_interval": "20"}
    )
    assert swarm.changed_settings(settings, values) == {"snapshot_interval": 20}


def test_a_rotation_goes_node_by_node_through_its_two_steps():
    settings = swarm.SwarmSettings.from_api(RECORDED_SWARM)
    nodes = list(NODES.values())
    their_root = swarm.node_trust_root(nodes[0])
    their_issuer = nodes[0].raw["Description"]["TLSInfo"]["CertIssuerPublicKey"]
    # rotating, /swarm names the new CA as the issuer: nodes whose certificate it signed are through step 1
    rotating = dataclasses.replace(settings, rotating=True, trust_root=their_root)
    assert {swarm.node_progress(node, rotating) for node in nodes} == {swarm.AWAITING_CERTIFICATE}
    issued = dataclasses.replace(rotating, issuer_key=their_issuer)
    assert {swarm.node_progress(node, issued) for node in nodes} == {swarm.NEW_CERTIFICATE}
    assert not swarm.rotation_done(issued, nodes)
    # the swarm switched roots: done once every node trusts the new one
    assert {swarm.node_progress(node, settings) for node in nodes} == {swarm.AWAITING_ROOT}
    assert not swarm.rotation_done(settings, nodes)
    assert not swarm.rotation_done(dataclasses.replace(settings, trust_root=their_root), nodes)  # old issuer
    assert swarm.rotation_done(
        dataclasses.replace(settings, trust_root=their_root, issuer_key=their_issuer), nodes
    )
