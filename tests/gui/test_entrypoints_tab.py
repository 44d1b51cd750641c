"""The service detail's "Entry points" and "Continuous deployment" tabs, standalone with a connected
window: the addresses listed per port mode, the nginx / HAProxy text accepted by the real tools once
saved, copy; the deploy command shown with the profile's TLS flags, which works when pasted."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtGui import QGuiApplication

from crane_desktop.views.cd_tab import ContinuousDeploymentTab
from crane_desktop.views.entrypoints_tab import EntryPointsTab
from crane_desktop.views.service_tabs import SERVICE_TABS
from tests.integration.test_entrypoints import haproxy_check, nginx_check
from tests.swarm import IMAGE, docker, docker_json, unique

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.fixture
def service_names():
    names: list[str] = []
    yield names
    for name in names:
        docker(1, "service", "rm", name, check=False)


def running_tasks(window, service_id: str) -> list:
    return [
        t
        for t in window.store.get("tasks").values()
        if t.service_id == service_id and t.state == "running" and t.desired_state == "running"
    ]


def start_service(window, qtbot, service_names, *args: str) -> str:
    name = unique("crane-tab")
    service_names.append(name)
    docker(
        1,
        "service",
        "create",
        "-d",
        "--name",
        name,
        "--stop-grace-period",
        "0s",
        *args,
        IMAGE,
        "sleep",
        "3600",
    )
    service_id = docker(1, "service", "inspect", "--format", "{{.ID}}", name)
    qtbot.waitUntil(lambda: service_id in window.store.get("services"), timeout=20000)
    return service_id


def test_tabs_are_registered():
    titles = [title() for title, _factory in SERVICE_TABS]
    assert "Entry points" in titles and "Continuous deployment" in titles


def test_entry_points_listed_and_configs_valid(
    connected_window, qtbot, qtmodeltester, service_names, tmp_path
):
    window = connected_window
    service_id = start_service(
        window, qtbot, service_names, "--replicas", "1",
        "--publish", "published=18090,target=80,mode=host", "--publish", "published=18091,target=81",
    )  # fmt: skip
    qtbot.waitUntil(lambda: len(running_tasks(window, service_id)) == 1, timeout=30000)
    tab = EntryPointsTab(window.context, service_id)
    qtbot.addWidget(tab)
    tab.resize(1000, 700)
    tab.show()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 5, timeout=10000)
    qtmodeltester.check(tab.model)
    rows = [tab.model.object_at(r) for r in range(tab.model.rowCount())]
    node = window.store.get("nodes")[running_tasks(window, service_id)[0].node_id]
    assert [r.hostname for r in rows if r.published == 18090] == [node.hostname]
    assert sorted(r.hostname for r in rows if r.published == 18091) == [f"node-{n}" for n in range(1, 5)]
    assert tab.model.data(tab.model.index(0, 5)) in (
        "host (nodes running a task)",
        "ingress (routing mesh, every node)",
    )
    assert f"server {node.address}:18090;" in tab.config_text()
    tab.grab().save(str(tmp_path / "entrypoints.png"))
    if os.environ.get("CRANE_SCREENSHOTS"):
        tab.grab().save(os.path.join(ROOT, "docs", "screenshots", "entrypoints.png"))

    nginx_conf = tmp_path / "lb.conf"
    tab.save_to(str(nginx_conf))
    checked = nginx_check(nginx_conf, tmp_path)
    assert checked.returncode == 0, checked.stderr
    tab.format_combo.setCurrentIndex(tab.format_combo.findData("haproxy"))
    assert "frontend crane_" in tab.config_text() and "bind :18091" in tab.config_text()
    haproxy_cfg = tmp_path / "lb.cfg"
    tab.save_to(str(haproxy_cfg))
    checked = haproxy_check(haproxy_cfg)
    assert checked.returncode == 0, checked.stderr
    tab.copy_button.click()
    assert QGuiApplication.clipboard().text() == tab.config_text()
    tab.save_button.click()
    qtbot.waitUntil(lambda: tab.save_dialog is not None and tab.save_dialog.isVisible())
    tab.save_dialog.reject()


def test_cd_tab_command_runs_as_shown(connected_window, qtbot, service_names, profile, tmp_path):
    window = connected_window
    service_id = start_service(window, qtbot, service_names, "--replicas", "1", "--update-monitor", "1s")
    tab = ContinuousDeploymentTab(window.context, service_id)
    qtbot.addWidget(tab)
    command = tab.command_text()
    name = window.store.get("services")[service_id].name
    assert command.startswith(
        f'crane-desktop deploy {name} --image "127.0.0.1:5000/crane/busybox:${{TAG}}" -H tcp://'
    )
    assert (
        f"--tlsverify --tlscacert {profile.tls.ca} --tlscert {profile.tls.cert} --tlskey {profile.tls.key}"
        in command
    )
    shown = command + tab.env_text.toPlainText() + tab.howto.text()
    assert "PRIVATE KEY" not in shown and "DOCKER_CERT_PATH" in shown
    tab.copy_button.click()
    assert QGuiApplication.clipboard().text() == command

    script = tmp_path / "deploy.sh"
    tab.save_to(str(script))
    assert command in script.read_text()
    # what a CI runner does: the pasted command, with crane-desktop being this checkout
    shell = command.replace("crane-desktop", f"{sys.executable} -m crane_desktop", 1)
    result = subprocess.run(
        ["sh", "-c", shell],
        env=dict(os.environ, TAG="2"),
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"completed: {name} runs 127.0.0.1:5000/crane/busybox:2" in result.stdout
    # a runner with only docker: the equivalent shown beside it, back to tag 1
    result = subprocess.run(
        ["sh", "-c", tab.docker_command.toPlainText()],
        env={**os.environ, "TAG": "1"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    spec = docker_json(1, "service", "inspect", name)[0]["Spec"]["TaskTemplate"]["ContainerSpec"]
    assert spec["Image"].startswith("127.0.0.1:5000/crane/busybox:1")
