"""The command palette (Ctrl+K) finds nodes and services of the live swarm by name or id prefix and
opens them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from crane_desktop.views.palette import CommandPalette
from tests.swarm import IMAGE, docker, unique


def test_palette_finds_a_node_by_id_prefix_and_a_service_by_name(connected_window, qtbot, service_names):
    window = connected_window
    name = unique("palette")
    service_names.append(name)
    docker(1, "service", "create", "--detach", "--name", name, "--replicas", "0", IMAGE, "sleep", "60")
    qtbot.waitUntil(lambda: any(s.name == name for s in window.store.get("services").values()), timeout=10000)

    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.findChild(CommandPalette, "commandPalette") is not None)
    palette = window.findChild(CommandPalette, "commandPalette")
    assert palette.isVisible()
    node4 = next(n for n in window.store.get("nodes").values() if n.hostname == "node-4")
    qtbot.keyClicks(palette.search, node4.id[:6])
    assert palette.shown_texts() == [
        "Node node-4",
        "Drain node node-4",
        "Pause node node-4",
        "Activate node node-4",
    ]

    palette.search.clear()
    qtbot.keyClicks(palette.search, f"service {name}")
    assert palette.shown_texts() == [f"Service {name}", f"Scale service {name}"]

    palette.search.clear()
    qtbot.keyClicks(palette.search, "go nodes")
    qtbot.keyClick(palette.search, Qt.Key.Key_Return)
    assert not palette.isVisible()
    assert window.tabs.currentIndex() == 0 and window.workspace.sidebar.currentItem().text() == "Nodes"


def test_palette_actions_go_through_the_widgets_and_ask_first(connected_window, qtbot):
    window = connected_window
    window.open_palette()
    palette = window.findChild(CommandPalette, "commandPalette")
    qtbot.keyClicks(palette.search, "drain node-4")
    assert palette.shown_texts() == ["Drain node node-4"]
    qtbot.keyClick(palette.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "confirmDialog") is not None, timeout=5000)
    box = window.findChild(QMessageBox, "confirmDialog")
    assert "node-4" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "confirmDialog") is None, timeout=5000)
    assert docker(1, "node", "inspect", "--format", "{{.Spec.Availability}}", "node-4") == "active"
    assert [n.hostname for n in window.nodes_page.selected_nodes()] == ["node-4"]
