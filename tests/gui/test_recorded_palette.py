"""The command palette on the recorded cluster, without a swarm: an entry for every recorded node,
service, app, task, container and network; filtering by id prefix and by words in any order; Enter
runs the entry (a page, a detail, a selection); actions only where they make sense."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from crane_desktop.views.app_detail import AppDetail
from crane_desktop.views.node_detail import NodeDetail
from crane_desktop.views.palette import CommandPalette
from crane_desktop.views.service_detail import ServiceDetail
from tests.gui.conftest import by_name, recorded
from tests.gui.test_node_helpers import answer

KINDS = ("Go to ", "Node ", "Service ", "App ", "Task ", "Container ", "Network ")


@pytest.fixture
def palette(workspace, recorded_context, qtbot):
    palette = CommandPalette(recorded_context.store, workspace, workspace)
    palette.show()
    return palette


def search(qtbot, palette, text: str) -> list[str]:
    palette.search.clear()
    qtbot.keyClicks(palette.search, text)
    return palette.shown_texts()


def agent(hostname: str) -> str:
    """The name of the global service's task on a node (global tasks have no slot)."""
    return f"shop_agent.{by_name('nodes', hostname).id[:12]}"


def test_entries_for_every_recorded_object(palette):
    shown = [text for text in palette.shown_texts() if text.startswith(KINDS)]
    running = ["shop_web.1", "shop_web.2", "gateway.1", *(agent(h) for h in ("node-1", "node-2", "node-4"))]
    assert sorted(shown) == sorted(
        [
            f"Go to {page}"
            for page in (
                "Overview",
                "Nodes",
                "Apps",
                "Capacity",
                "Disk usage",
                "Networks",
                "Secrets",
                "Configs",
                "Alerts",
                "Events",
                "Swarm",
            )
        ]
        + [f"Node node-{n}" for n in range(1, 5)]
        + [f"Service {s}" for s in ("shop_web", "shop_agent", "shop_worker", "gateway")]
        + ["App shop"]
        + [f"Task {t}" for t in [*running, agent("node-3")]]  # desired running, pending included
        + [f"Container {t}" for t in running]  # the pending task has no container yet
        + ["Network shop_backend", "Network ingress"]
    )


def test_a_node_found_by_id_prefix_with_what_runs_there(palette, qtbot):
    node4 = by_name("nodes", "node-4")
    task = agent("node-4")  # a global service's task is named after its node's id
    assert search(qtbot, palette, node4.id[:6]) == [
        "Node node-4",
        f"Task {task}",
        f"Container {task}",
        "Drain node node-4",
        "Pause node node-4",
        "Activate node node-4",
        f"Open a terminal in {task}",
    ]
    assert search(qtbot, palette, f"node {node4.id[:6]}")[:2] == ["Node node-4", "Drain node node-4"]


def test_words_match_in_any_order_and_any_case(palette, qtbot):
    assert search(qtbot, palette, "BACKEND network") == ["Network shop_backend"]
    task = next(t for t in recorded("tasks").values() if t.state == "running" and t.slot == 2)
    assert search(qtbot, palette, f"task {task.id[:8]}") == ["Task shop_web.2"]
    assert search(qtbot, palette, "no-such-thing") == []


def test_scale_only_for_replicated_services(palette, qtbot):
    assert sorted(search(qtbot, palette, "scale")) == [
        "Scale service gateway",
        "Scale service shop_web",
        "Scale service shop_worker",
    ]
    assert search(qtbot, palette, "service shop_agent") == ["Service shop_agent"]


def test_terminal_only_for_running_tasks(palette, qtbot):
    assert sorted(search(qtbot, palette, "terminal")) == sorted(
        f"Open a terminal in {t}"
        for t in [
            "shop_web.1",
            "shop_web.2",
            "gateway.1",
            *(agent(h) for h in ("node-1", "node-2", "node-4")),
        ]
    )


def test_enter_goes_to_a_page(palette, workspace, qtbot):
    workspace.open_node(by_name("nodes", "node-2").id)
    search(qtbot, palette, "go apps")
    qtbot.keyClick(palette.search, Qt.Key.Key_Return)
    assert not palette.isVisible()
    assert workspace.tabs.currentIndex() == 0 and workspace.sidebar.currentItem().text() == "Apps"


def test_enter_opens_a_node_detail(palette, workspace, qtbot):
    assert search(qtbot, palette, "node node-3")[0] == "Node node-3"
    qtbot.keyClick(palette.search, Qt.Key.Key_Return)
    assert isinstance(workspace.tabs.currentWidget(), NodeDetail)
    assert workspace.breadcrumb.text() == "Nodes › node-3"


def test_enter_on_a_network_selects_it_on_its_page(palette, workspace, qtbot):
    search(qtbot, palette, "network shop_backend")
    qtbot.keyClick(palette.search, Qt.Key.Key_Return)
    assert workspace.sidebar.currentItem().text() == "Networks"
    assert workspace.page_widgets["networks"].selected_network().name == "shop_backend"


def test_a_task_entry_opens_its_service_and_an_app_entry_the_app(palette, workspace, qtbot):
    search(qtbot, palette, "task gateway.1")
    qtbot.keyClick(palette.search, Qt.Key.Key_Return)
    assert workspace.breadcrumb.text() == "Apps › gateway › gateway"
    palette.show()
    assert search(qtbot, palette, "app shop") == ["App shop"]
    qtbot.keyClick(palette.search, Qt.Key.Key_Return)
    detail = workspace.tabs.currentWidget()
    assert isinstance(detail, AppDetail) and detail.app == "shop"
    assert workspace.breadcrumb.text() == "Apps › shop"


def test_scale_entry_opens_the_service_at_its_replicas(palette, workspace, qtbot):
    search(qtbot, palette, "scale shop_web")
    qtbot.keyClick(palette.search, Qt.Key.Key_Return)
    detail = workspace.tabs.currentWidget()
    assert isinstance(detail, ServiceDetail) and workspace.breadcrumb.text() == "Apps › shop › shop_web"
    assert detail.replicas.value() == 2 and detail.replicas.isEnabled()


def test_arrow_down_then_enter_runs_the_second_entry_which_asks_first(palette, workspace, qtbot):
    nodes = workspace.page_widgets["nodes"]
    assert search(qtbot, palette, "node node-4")[:2] == ["Node node-4", "Drain node node-4"]
    qtbot.keyClick(palette.search, Qt.Key.Key_Down)
    qtbot.keyClick(palette.search, Qt.Key.Key_Return)
    assert "Drain node-4?" in answer(qtbot, nodes, accept=False)
    assert workspace.sidebar.currentItem().text() == "Nodes"
    assert [n.hostname for n in nodes.selected_nodes()] == ["node-4"] and nodes.last_results == []
