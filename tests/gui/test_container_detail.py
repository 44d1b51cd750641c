"""The container detail against a task's container on another node's engine: Config, Logs, Changes,
Processes."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItem

from crane_desktop.engine.snapshots import ENDPOINT_LABEL
from crane_desktop.views.container_detail import MASK, ContainerDetail
from crane_desktop.views.node_dialogs import ConnectHostDialog
from tests.conftest import run_async
from tests.gui.test_node_detail import host_of, open_window
from tests.gui.test_node_helpers import closed, visible_dialog
from tests.swarm import IMAGE, docker, node_id, unique, wait_until


@pytest.fixture
def service_names():
    names: list[str] = []
    yield names
    for name in names:
        docker(1, "service", "rm", name, check=False)


def _find(tree, section: str, key: str) -> QTreeWidgetItem:
    top = next(
        tree.topLevelItem(i)
        for i in range(tree.topLevelItemCount())
        if tree.topLevelItem(i).text(0) == section
    )
    return next(top.child(i) for i in range(top.childCount()) if top.child(i).text(0) == key)


def test_config_logs_changes_processes(qtbot, connected_window, service_names):
    window = connected_window
    name = unique("detail")
    service_names.append(name)
    docker(
        1,
        "service",
        "create",
        "--detach",
        "--name",
        name,
        "--constraint",
        "node.hostname==node-4",
        "--env",
        "DB_PASSWORD=hunter2",
        "--env",
        "MODE=calm",
        "--label",
        "team=ops",
        "--container-label",
        "tier=web",
        IMAGE,
        "sh",
        "-c",
        "rm /etc/hostname.bak 2>/dev/null; echo 'level=error boom'; exec sleep 3600",
    )
    container = wait_until(
        lambda: docker(
            4, "ps", "-q", "--no-trunc", "--filter", f"label=com.docker.swarm.service.name={name}"
        ),
        60,
        "the container on node-4",
    )
    detail = window.open_container(node_id("node-4"), container, name)
    assert isinstance(detail, ContainerDetail)
    tree = detail.config_tree
    qtbot.waitUntil(lambda: tree.topLevelItemCount() > 0, timeout=10000)
    assert _find(tree, "General", "Image").text(1) == IMAGE
    assert _find(tree, "General", "State").text(1) == "running"
    assert _find(tree, "Labels", "tier").text(1) == "web"
    assert _find(tree, "Environment", "MODE").text(1) == "calm"
    secret = _find(tree, "Environment", "DB_PASSWORD")
    assert secret.text(1) == MASK
    tree.scrollToItem(secret)
    rect = tree.visualItemRect(secret)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert secret.text(1) == "hunter2"
    # Logs follow from node-4's engine
    qtbot.waitUntil(
        lambda: any(line.text == "level=error boom" for line in detail.logs.shown_lines()), timeout=10000
    )
    # Another tail and since: the log starts again with them
    detail.since.setCurrentIndex(detail.since.findData(300))
    detail.tail.setCurrentIndex(detail.tail.findData(100))
    qtbot.waitUntil(
        lambda: [line.text for line in detail.logs.shown_lines()] == ["level=error boom"], timeout=10000
    )
    # Changes: a file added and one deleted
    docker(4, "exec", container, "sh", "-c", "echo x > /tmp/added.txt && rm /bin/vi")
    detail.tabs.setCurrentIndex(4)
    qtbot.waitUntil(lambda: ("added", "/tmp/added.txt") in detail.change_rows(), timeout=10000)
    assert ("deleted", "/bin/vi") in detail.change_rows()
    assert ("changed", "/tmp") in detail.change_rows()
    detail.change_filter.setCurrentIndex(detail.change_filter.findData("deleted"))
    assert detail.change_rows() == [("deleted", "/bin/vi")]
    # Processes
    detail.tabs.setCurrentIndex(3)
    qtbot.waitUntil(lambda: detail.processes.topLevelItemCount() >= 1, timeout=10000)
    commands = [
        detail.processes.topLevelItem(i).text(detail.processes.columnCount() - 1)
        for i in range(detail.processes.topLevelItemCount())
    ]
    assert any("sleep 3600" in command for command in commands)
    # Monitoring: samples from node-4's engine
    detail.tabs.setCurrentIndex(2)
    qtbot.waitUntil(
        lambda: (
            detail.monitoring is not None
            and any(len(series.t) >= 2 for series in detail.monitoring.series.values())
        ),
        timeout=15000,
    )
    # Terminal: a shell through exec on node-4's engine
    detail.tabs.setCurrentIndex(5)
    qtbot.waitUntil(
        lambda: detail.terminal is not None and detail.terminal.session is not None, timeout=15000
    )
    qtbot.waitUntil(lambda: "#" in detail.terminal.terminal.screen_text(), timeout=10000)
    session = detail.terminal.session
    window.close_detail(window.tabs.indexOf(detail))
    assert detail.logs._stream is None
    assert not session.running


def test_a_closed_tab_ignores_calls_still_in_flight(connected_window, qtbot):
    """An engine answer arriving after the tab closed touches none of its (deleted) widgets."""
    window = connected_window
    node = next(iter(window.store.get("nodes").values()))
    detail = window.open_container(node.id, "0" * 64, "gone")
    qtbot.waitUntil(lambda: detail.error.isVisible(), timeout=10000)  # no such container: said so
    detail.error.hide()
    detail.close_streams()
    run_async(qtbot, ContainerDetail.load.__wrapped__(detail))
    assert detail.error.isHidden() and detail.config is None


@pytest.fixture
def worker_unknown(qtbot, loop, profile):
    """A window whose profile knows no node engines, and node-4 (a worker: no address to guess) without
    Crane's label either."""
    docker(1, "node", "update", "--label-rm", ENDPOINT_LABEL, "node-4", check=False)
    window = open_window(qtbot, loop, replace(profile, nodes={}))
    yield window
    window.close_session()
    docker(1, "node", "update", "--label-rm", ENDPOINT_LABEL, "node-4", check=False)


def test_connect_host_from_the_container_then_it_is_read(worker_unknown, qtbot, profile):
    """A container on a node whose engine address is not known: the tab offers Connect host right there;
    once the address is given, the container is read in the same tab."""
    window = worker_unknown
    container = unique("a18ch")
    container_id = docker(4, "run", "-d", "--name", container, IMAGE, "sleep", "300").strip()
    try:
        detail = window.open_container(node_id("node-4"), container_id, container)
        qtbot.waitUntil(detail.connect_button.isVisible, timeout=10000)
        assert detail.error.text().startswith("The engine address of node-4 is not known.")
        qtbot.mouseClick(detail.connect_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: visible_dialog(window, ConnectHostDialog) is not None, timeout=5000)
        dialog = visible_dialog(window, ConnectHostDialog)
        dialog.address_edit.setText(host_of(profile.nodes["node-4"]))
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: closed(dialog), timeout=10000)
        qtbot.waitUntil(lambda: detail.config is not None and not detail.error.isVisible(), timeout=10000)
        assert not detail.connect_button.isVisible()
        assert _find(detail.config_tree, "General", "Name").text(1) == container
    finally:
        docker(4, "rm", "-f", container, check=False)
