"""The GUI's Check and `crane-desktop stack deploy` refuse the same invalid files at the same line and
key, the engine checks included (a missing external network, a missing external secret in the second
of two files), and neither creates anything."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QPushButton

from tests.gui.test_deploy_dialog import open_dialog
from tests.integration.test_stack_command import app_objects, crane
from tests.swarm import IMAGE, profile_path, unique

SERVICE = f"version: '3.8'\nservices:\n  web:\n    image: {IMAGE}\n    command: sleep 3600\n"
GUI_PLACE = re.compile(r"^(?:(?P<file>\S+), line|Line) (?P<line>\d+), (?P<key>\S+): ")
CLI_PLACE = re.compile(r"error: Line (?P<line>\d+), (?:(?P<file>\S+): )?(?P<key>\S+): ")


def cases(secret: str) -> dict[str, dict[str, str]]:
    """Each invalid case: its files, in the order given to -c."""
    return {
        "unknown key": {"app.yml": SERVICE + "    deploy:\n      replica_count: 2\n"},
        "wrong type": {"app.yml": SERVICE + "    deploy:\n      replicas: two\n"},
        "missing external network": {
            "app.yml": SERVICE
            + "    networks: [outside]\nnetworks:\n  outside:\n    external: true\n"
            + "    name: ${CRANE_PARITY_NETWORK}\n"  # the variable names the network
        },
        "missing external secret": {
            "base.yml": SERVICE,
            "secret.yml": "version: '3.8'\nservices:\n  web:\n    secrets: [token]\n"
            + f"secrets:\n  token:\n    external: true\n    name: {secret}\n",
        },
    }


def place(pattern: re.Pattern[str], text: str) -> tuple[str, str, str]:
    found = pattern.search(text)
    assert found is not None, text
    return found["file"] or "", found["line"], found["key"]


def test_check_and_the_command_line_refuse_at_the_same_line_and_key(
    connected_window, qtbot, tmp_path, monkeypatch
):
    name = unique("parity")
    monkeypatch.setenv("CRANE_PARITY_NETWORK", unique("no-net"))  # the GUI's and the command's variable
    dialog = open_dialog(connected_window, qtbot)
    dialog.app_edit.setText(name)
    tab = dialog.compose_tab
    seen = {}
    for case, files in cases(unique("no-secret")).items():
        folder = tmp_path / case.replace(" ", "-")
        folder.mkdir()
        paths = []
        for file_name, text in files.items():
            paths.append(folder / file_name)
            paths[-1].write_text(text)
        tab.set_paths(paths)
        tab.error_label.setText("")
        tab.findChild(QPushButton, "composeCheckButton").click()
        qtbot.waitUntil(lambda: bool(tab.error_label.text()) and tab.check_button.isEnabled(), timeout=15000)
        gui = tab.error_label.text()
        assert not dialog.deploy_button.isEnabled(), case
        cli = crane(
            "stack",
            "deploy",
            "--profile-file",
            str(profile_path()),
            *[arg for path in paths for arg in ("-c", str(path))],
            name,
        )
        assert cli.returncode == 1, cli.stdout
        seen[case] = place(GUI_PLACE, gui)
        assert seen[case] == place(CLI_PLACE, cli.stderr), case
    assert seen == {
        "unknown key": ("app.yml", "7", "services.web.deploy.replica_count"),
        "wrong type": ("app.yml", "7", "services.web.deploy.replicas"),
        "missing external network": ("app.yml", "8", "networks.outside"),
        "missing external secret": ("secret.yml", "6", "secrets.token"),
    }
    assert app_objects(name) == {"service": [], "network": [], "secret": [], "config": []}
