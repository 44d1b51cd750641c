"""Public compose files we did not write (tests/fixtures/compose/public) in the deploy dialog's compose
tab, without a swarm: Check lists the warnings with their lines before Deploy (awesome-compose's pihole
example: unset variables, options stack deploy ignores) and refuses what the command line refuses at the
same file, line and key (its prometheus-grafana example: two mounts at one target)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton

from crane_desktop.cli import main

PUBLIC = Path(__file__).resolve().parent.parent / "fixtures" / "compose" / "public"
PIHOLE_VARIABLES = (
    "TIMEZONE", "PIHOLE_PW", "PIHOLE_ROUTER_IP", "PIHOLE_NETWORK_DOMAIN", "PIHOLE_REVERSE_DNS",
    "PIHOLE_HOST_IP",
    "PIHOLE_HOST_IPV6",
)  # fmt: skip


@pytest.fixture(autouse=True)
def unset(monkeypatch) -> None:
    for name in PIHOLE_VARIABLES:
        monkeypatch.delenv(name, raising=False)


def check(deploy, qtbot, path: Path) -> None:
    deploy.app_edit.setText("pub")
    deploy.compose_tab.set_paths([path])
    deploy.compose_tab.findChild(QPushButton, "composeCheckButton").click()
    qtbot.waitUntil(lambda: deploy.compose_tab.error_label.text() != "")


def test_a_public_file_s_warnings_are_listed_with_their_lines_before_deploy(deploy, qtbot):
    tab = deploy.compose_tab
    check(deploy, qtbot, PUBLIC / "pihole-cloudflared-DoH" / "compose.yaml")
    shown = [tab.warnings.item(row).text() for row in range(tab.warnings.count())]
    assert (
        "compose.yaml, line 10, services.cloudflared.environment[0]: The variable TIMEZONE is not set: "
        in ("\n".join(shown))
    )
    assert any(
        text.startswith("compose.yaml, line 5, services.cloudflared.container_name: ") for text in shown
    )
    assert any(text.startswith("compose.yaml, line 13, services.cloudflared.restart: ") for text in shown)
    assert any(text.startswith("compose.yaml, line 45, services.pihole.depends_on: ") for text in shown)
    assert tab.warnings.isVisibleTo(deploy)
    assert tab.error_label.text().startswith("The file is valid.")
    assert deploy.deploy_button.isEnabled()


def test_check_refuses_a_public_file_at_the_file_line_and_key_the_command_line_names(deploy, qtbot, capsys):
    path = PUBLIC / "prometheus-grafana" / "compose.yaml"
    check(deploy, qtbot, path)
    shown = deploy.compose_tab.error_label.text()
    assert main(["stack", "deploy", "-c", str(path), "pub"]) == 1  # refused before any connection
    said = capsys.readouterr().err
    gui = re.match(r"(?P<file>\S+), line (?P<line>\d+), (?P<key>\S+): (?P<reason>.*)", shown)
    cli = re.search(r"error: Line (?P<line>\d+), (?P<file>\S+): (?P<key>\S+): (?P<reason>.*)", said)
    assert gui and cli, (shown, said)
    assert (gui["file"], gui["line"], gui["key"]) == (cli["file"], cli["line"], cli["key"])
    assert (gui["line"], gui["key"]) == ("12", "services.prometheus.volumes[1]")
    assert gui["reason"] == cli["reason"].strip()
    assert "duplicate mount point /prometheus" in gui["reason"]
    assert not deploy.deploy_button.isEnabled()
