"""The Overview's certificates on the real swarm: the engine's answers (the swarm's node certificate
validity and CA, the profile's client certificate) reach the page once connected."""

from __future__ import annotations


def test_the_certificates_name_the_root_ca_the_nodes_and_the_client(connected_window, qtbot):
    connected_window.show_page("overview")
    box = connected_window.workspace.page_widgets["overview"].certificates_box
    qtbot.waitUntil(lambda: "Your client certificate" in box.text() and "Node certificates" in box.text())
    lines = box.text().splitlines()
    assert lines[0].startswith("Swarm root CA expires on ")
    # the test swarm keeps docker's default: 90 days (2160h), every node on the one CA
    nodes = "Node certificates: valid for 90 day(s), renewed by the swarm; all 4 node(s) on the current CA"
    assert nodes in lines
    assert lines[-1].startswith("Your client certificate expires on ")
