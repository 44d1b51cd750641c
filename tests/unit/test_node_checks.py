"""The checks over all nodes from their /info: the spread of the clocks, the security options."""

from __future__ import annotations

from crane_desktop.engine.node_checks import (
    NodeSample,
    nodes_clock_check,
    option_text,
    security_check,
    unread_nodes_checks,
)
from crane_desktop.messages import check_text

SECCOMP = "name=seccomp,profile=default"


def sample(host: str, skew: float, *options: str) -> NodeSample:
    return NodeSample(host, {"SecurityOptions": list(options)}, skew)


def test_a_node_ahead_of_the_others_is_named():
    samples = [sample("node-1", 0.2), sample("node-2", 14.0), sample("node-3", -1.0)]
    check = nodes_clock_check(samples)
    assert check.status == "warn"
    assert check_text(check) == "The nodes' clocks differ by 15.0 s (node-2 is ahead of node-3)."


def test_clocks_within_the_margin_agree():
    check = nodes_clock_check([sample("node-1", 3.0), sample("node-2", -2.0)])
    assert check.status == "ok" and check_text(check) == "The clocks of 2 nodes agree within 5.0 s."


def test_one_clock_read_cannot_be_compared():
    unknown = NodeSample("node-2", {}, problem="no-endpoint")
    silent = NodeSample("node-3", {}, problem="unreachable")
    assert nodes_clock_check([sample("node-1", 0.0), unknown, silent]).status == "warn"
    assert [check_text(check) for check in unread_nodes_checks([sample("node-1", 0.0), unknown, silent])] == [
        "Not checked, engine address not known: node-2.",
        "Not checked, engine not reached: node-3.",
    ]
    assert unread_nodes_checks([sample("node-1", 0.0)]) == []


def test_security_options_in_words():
    assert option_text(SECCOMP) == "seccomp profile=default"
    assert option_text("name=selinux") == "SELinux" and option_text("name=apparmor") == "AppArmor"
    same = security_check(
        [sample("node-1", 0, "name=apparmor", SECCOMP), sample("node-2", 0, "name=apparmor", SECCOMP)]
    )
    assert same.status == "ok"
    assert check_text(same) == "Security options of 2 nodes: AppArmor, seccomp profile=default."


def test_differing_security_options_are_said_node_by_node():
    check = security_check([sample("node-1", 0, "name=selinux", SECCOMP), sample("node-2", 0, SECCOMP)])
    assert check.status == "warn"
    assert check_text(check) == (
        "The nodes' security options differ: node-1: SELinux, seccomp profile=default; "
        "node-2: seccomp profile=default."
    )
