"""Cluster ▸ Registries…: bad input is said in the login dialog and nothing is saved; without a keyring
the dialog says so and asks (no: nothing saved; yes: kept for the session, never in the profile file);
on the real swarm and registry a login is kept in the desktop's keyring (gnome-keyring), the engine's
test login succeeds, and a service deployed from the form on a private image runs (the nodes pulled it
with the login)."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QPushButton
from shiboken6 import isValid

from crane_desktop.engine.cluster import Cluster
from crane_desktop.engine.profiles import Profile, ProfileStore, RegistryLogin
from crane_desktop.engine.registries import PasswordStore
from crane_desktop.views.registries_dialog import RegistriesDialog, RegistryLoginDialog
from tests.gui.test_deploy_dialog import closed, open_dialog, set_text
from tests.swarm import docker, push_private_image, registry, remove_image_everywhere, unique


def login_dialog(parent) -> RegistryLoginDialog:
    found = [d for d in parent.findChildren(RegistryLoginDialog) if isValid(d) and d.isVisible()]
    return found[0] if found else None


def confirm_box(parent) -> QMessageBox | None:
    found = [b for b in parent.findChildren(QMessageBox, "confirmDialog") if b.isVisible()]
    return found[0] if found else None


def type_login(dialog: RegistryLoginDialog, address: str, user: str, password: str) -> None:
    dialog.address_edit.setText(address)
    dialog.user_edit.setText(user)
    dialog.password_edit.setText(password)
    dialog.save_button.click()


def test_bad_input_and_no_keyring_save_nothing_until_the_session_is_chosen(qtbot, recorded_context, parent):
    profile = Profile("local", ("unix:///var/run/docker.sock",))
    ProfileStore().put(profile)
    cluster = Cluster(profile)
    registries = RegistriesDialog(parent, recorded_context, cluster)
    registries.show()
    registries.add_button.click()
    qtbot.waitUntil(lambda: login_dialog(registries) is not None)
    dialog = login_dialog(registries)

    type_login(dialog, "my registry", "ci", "pw")
    qtbot.waitUntil(lambda: "is not a registry address" in dialog.error_label.text())
    type_login(dialog, "https://registry.example:5443/v2/", "", "pw")
    qtbot.waitUntil(lambda: dialog.error_label.text() == "Enter the user to log in as.")
    type_login(dialog, "https://registry.example:5443/v2/", "ci", "s3cret")
    # the tests have no keyring (tests/keyrings.py): the dialog says so and asks
    qtbot.waitUntil(lambda: confirm_box(dialog) is not None, timeout=10000)
    box = confirm_box(dialog)
    assert "No keyring is available to keep registry passwords" in box.text()
    assert "Keep it only until Crane Desktop quits?" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: confirm_box(dialog) is None)
    assert dialog.isVisible() and dialog.password_edit.text() == "s3cret"  # nothing typed is lost
    assert cluster.profile.registries == () and cluster.session_passwords == {}
    assert ProfileStore().load()[0].registries == ()

    dialog.save_button.click()
    qtbot.waitUntil(lambda: confirm_box(dialog) is not None, timeout=10000)
    confirm_box(dialog).findChild(QPushButton, "confirmButton").click()
    qtbot.waitUntil(lambda: registries.table.rowCount() == 1, timeout=10000)
    login = RegistryLogin("registry.example:5443", "ci")
    assert [registries.table.item(0, c).text() for c in (0, 1)] == ["registry.example:5443", "ci"]
    assert cluster.session_passwords == {login: "s3cret"}
    assert ProfileStore().load()[0].registries == (login,)
    assert "s3cret" not in ProfileStore().path.read_text()
    assert cluster.credentials().auth_for("registry.example:5443/shop/web:1").password == "s3cret"


def docker_rows(registries: RegistriesDialog) -> list[list[str]]:
    table = registries.docker_table
    return [[table.item(row, c).text() for c in range(3)] for row in range(table.rowCount())]


def test_dockers_own_logins_are_listed_beside_the_profiles(qtbot, recorded_context, parent, tmp_path):
    """Read-only, never their secrets: where each is kept; a helper that is not installed is said."""
    folder = Path(os.environ["DOCKER_CONFIG"])  # the test's own (tests/conftest.py)
    folder.mkdir(exist_ok=True)
    hub = base64.b64encode(b"hubuser:hubpass").decode()
    (folder / "config.json").write_text(json.dumps({
        "auths": {"https://index.docker.io/v1/": {"auth": hub}},
        "credHelpers": {"123.dkr.ecr.example": "ecr-login"},
    }))  # fmt: skip
    registries = RegistriesDialog(parent, recorded_context, Cluster(Profile("local", ("unix:///x",))))
    registries.show()
    qtbot.waitUntil(lambda: registries.docker_table.rowCount() == 2)
    assert docker_rows(registries) == [
        ["123.dkr.ecr.example", "(from the helper)", "credential helper docker-credential-ecr-login"],
        ["docker.io", "hubuser", "config.json"],
    ]
    assert "hubpass" not in str(docker_rows(registries))
    registries.close()

    (folder / "config.json").write_text(json.dumps({"credsStore": "not-installed"}))
    again = RegistriesDialog(parent, recorded_context, Cluster(Profile("local", ("unix:///x",))))
    again.show()
    qtbot.waitUntil(lambda: "not installed" in again.docker_status.text())
    assert again.docker_status.text().startswith(
        "docker's configuration names the credential helper docker-credential-not-installed, which is not "
        "installed."
    )


def test_a_registry_login_is_kept_tested_and_sent_with_a_form_deploy(connected_window, qtbot, gnome_keyring):
    window, reg = connected_window, registry()
    window.show_registries()
    registries = window.registries_dialog
    qtbot.waitUntil(registries.isVisible)
    registries.add_button.click()
    qtbot.waitUntil(lambda: login_dialog(registries) is not None)
    type_login(login_dialog(registries), reg.address, reg.user, reg.password)
    qtbot.waitUntil(lambda: registries.table.rowCount() == 1, timeout=10000)
    login = RegistryLogin(reg.address, reg.user)
    assert PasswordStore().get(login) == reg.password  # in the desktop's keyring (Secret Service)
    registries.table.selectRow(0)
    registries.test_button.click()
    qtbot.waitUntil(lambda: "logged in" in registries.result_label.text(), timeout=15000)
    assert registries.result_label.text() == f"The swarm's manager logged in to {reg.address} as {reg.user}."
    registries.close()

    image, name = push_private_image(unique("gui")), unique("crane-reg-form")
    try:
        dialog = open_dialog(window, qtbot)
        dialog.tabs.setCurrentWidget(dialog.form_tab)
        set_text(dialog, "name", name)
        set_text(dialog, "image", image)
        set_text(dialog, "args", "sleep 3600")
        dialog.deploy_button.click()
        qtbot.waitUntil(lambda: closed(dialog), timeout=20000)

        def running() -> bool:
            states = docker(1, "service", "ps", name, "--format", "{{.CurrentState}}").split("\n")
            return any(state.startswith("Running") for state in states)

        qtbot.waitUntil(running, timeout=30000)
    finally:
        docker(1, "service", "rm", name, check=False)
        remove_image_everywhere(image)
