"""The pre-flight checks over all the nodes of the test swarm: every node's clock read and compared,
and their security options said, as the connection dialog's Test shows them."""

from __future__ import annotations

from dataclasses import replace

from crane_desktop.messages import check_text
from crane_desktop.views.connect_dialog import check_profile


def test_the_clocks_of_all_four_nodes_are_compared(profile):
    report = check_profile(profile)
    checks = {check.key: check for check in report.checks}
    clock = checks["nodes-clock"]
    assert clock.status == "ok" and clock.params["count"] == 4
    assert check_text(clock).startswith("The clocks of 4 nodes agree within ")
    assert "seccomp" in check_text(checks["security"])
    assert "nodes-unknown" not in checks and "nodes-unreached" not in checks


def test_a_node_without_a_known_engine_is_named(profile):
    """node-4 (a worker) without its profile entry: its engine cannot be guessed, so it is named."""
    nodes = {host: endpoint for host, endpoint in profile.nodes.items() if host != "node-4"}
    report = check_profile(replace(profile, nodes=nodes))
    checks = {check.key: check for check in report.checks}
    assert checks["nodes-clock"].params["count"] == 3
    assert check_text(checks["nodes-unknown"]) == "Not checked, engine address not known: node-4."
