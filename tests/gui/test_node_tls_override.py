"""Connect host with TLS files of the node's own (overriding the profile's): checked before any call,
refused by the engine when wrong, and used for that node's engine from then on."""

from __future__ import annotations

import shutil

import trustme
from PySide6.QtCore import Qt

from crane_desktop.engine.profiles import endpoint_host
from crane_desktop.engine.snapshots import ENDPOINT_LABEL
from crane_desktop.views.node_dialogs import ConnectHostDialog
from tests.swarm import docker


def test_connect_host_with_the_nodes_own_tls_files(connected_window, qtbot, profile, tmp_path):
    window = connected_window
    cluster = window.session.cluster
    node = next(n for n in window.store.get("nodes").values() if n.hostname == "node-3")
    own = tmp_path / "node-3-tls"
    own.mkdir()
    for source, name in (
        (profile.tls.ca, "ca.pem"),
        (profile.tls.cert, "cert.pem"),
        (profile.tls.key, "key.pem"),
    ):
        shutil.copy(source, own / name)
    wrong_ca = tmp_path / "wrong-ca.pem"
    trustme.CA().cert_pem.write_to_path(str(wrong_ca))

    dialog = ConnectHostDialog(window, window.context, node, timeout=5)
    qtbot.addWidget(dialog)
    dialog.address_edit.setText(endpoint_host(profile.nodes["node-3"]))
    dialog.own_tls.setChecked(True)
    try:
        dialog.ca_field.setText(str(own / "missing.pem"))
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "missing.pem" in dialog.error_label.text(), timeout=5000)

        dialog.ca_field.setText(str(wrong_ca))
        dialog.cert_field.setText(str(own / "cert.pem"))
        dialog.key_field.setText(str(own / "key.pem"))
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "TLS" in dialog.error_label.text(), timeout=15000)
        assert "node-3" not in cluster.profile.node_tls

        dialog.ca_field.setText(str(own / "ca.pem"))
        with qtbot.waitSignal(dialog.accepted, timeout=15000):
            qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
        assert cluster.node_tls(node).ca == str(own / "ca.pem")
        assert cluster.node_client(node).info()["Name"] == "node-3"
        labels = docker(1, "node", "inspect", "--format", "{{json .Spec.Labels}}", "node-3")
        assert ENDPOINT_LABEL in labels
    finally:
        docker(1, "node", "update", "--label-rm", ENDPOINT_LABEL, "node-3", check=False)
