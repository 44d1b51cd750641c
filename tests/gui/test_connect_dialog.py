"""The connection dialog: fill a profile, test it (pre-flight results shown), refuse unsafe or broken
input before any connection, and save + connect."""

from __future__ import annotations

import trustme
from PySide6.QtCore import Qt

from crane_desktop.engine.profiles import ProfileStore
from crane_desktop.views.connect_dialog import ConnectDialog


def fill(dialog, profile, ca=None):
    dialog.name_edit.setText("swarm")
    dialog.managers_edit.setPlainText("\n".join(profile.managers))
    dialog.tls_group.setChecked(True)
    dialog.ca_field.setText(ca or profile.tls.ca)
    dialog.cert_field.setText(profile.tls.cert)
    dialog.key_field.setText(profile.tls.key)


def results(dialog):
    tree = dialog.results
    return {
        tree.topLevelItem(i).text(0): tree.topLevelItem(i).text(1) for i in range(tree.topLevelItemCount())
    }


def test_without_profiles_the_local_engine_is_offered(qtbot, monkeypatch):
    monkeypatch.delenv("DOCKER_HOST", raising=False)
    dialog = ConnectDialog(ProfileStore())
    qtbot.addWidget(dialog)
    assert dialog.name_edit.text() == "local"
    assert dialog.managers_edit.toPlainText() == "unix:///var/run/docker.sock"


def test_test_button_shows_the_preflight_checks(qtbot, loop, profile):
    dialog = ConnectDialog(ProfileStore())
    qtbot.addWidget(dialog)
    fill(dialog, profile)
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.results.topLevelItemCount() > 0, timeout=15000)
    shown = results(dialog)
    assert shown["✔ reachable"].startswith("Docker 20.10")
    assert shown["✔ swarm"] == "Swarm mode is active."
    assert shown["✔ manager"] == "This node is a swarm manager."
    assert "valid until" in shown["✔ client-cert"]
    # the managers' engines guessed from their swarm addresses; the worker's address is not in the form
    assert shown["✔ nodes-clock"].startswith("The clocks of 3 nodes agree within ")
    assert shown["✔ security"].startswith("Security options of 3 nodes: seccomp")
    assert shown["⚠ nodes-unknown"] == "Not checked, engine address not known: node-4."
    assert dialog.error_label.text() == ""


def test_wrong_ca_is_shown_as_a_tls_refusal(qtbot, loop, profile, tmp_path):
    other_ca = tmp_path / "ca.pem"
    trustme.CA().cert_pem.write_to_path(str(other_ca))
    dialog = ConnectDialog(ProfileStore())
    qtbot.addWidget(dialog)
    fill(dialog, profile, ca=str(other_ca))
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.results.topLevelItemCount() > 0, timeout=15000)
    assert "was refused" in results(dialog)["✘ reachable"]


def test_unsafe_or_incomplete_input_is_refused_before_connecting(qtbot, profile):
    store = ProfileStore()
    dialog = ConnectDialog(store)
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("plain")
    dialog.managers_edit.setPlainText("tcp://198.51.100.20:2375")
    dialog.tls_group.setChecked(False)
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    assert "without TLS" in dialog.error_label.text()
    assert dialog.results.topLevelItemCount() == 0 and store.load() == [] and dialog.chosen is None
    dialog.managers_edit.setPlainText("")
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    assert "at least one manager" in dialog.error_label.text()


def test_connect_saves_the_profile(qtbot, profile):
    store = ProfileStore()
    dialog = ConnectDialog(store)
    qtbot.addWidget(dialog)
    fill(dialog, profile)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    assert dialog.chosen.managers == profile.managers
    assert [p.name for p in store.load()] == ["swarm"]


def test_demo_swarm_button_fills_the_test_swarm(qtbot, loop, profile):
    """As root on Linux in a checkout the button is offered; with the swarm already up it is quick."""
    dialog = ConnectDialog(ProfileStore())
    qtbot.addWidget(dialog)
    assert not dialog.demo_button.isHidden()
    qtbot.mouseClick(dialog.demo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.name_edit.text() == "test-swarm", timeout=120000)
    assert dialog.managers_edit.toPlainText().splitlines()[0].endswith(":2376")
    assert dialog.tls_group.isChecked() and dialog.ca_field.text().endswith("ca.pem")
