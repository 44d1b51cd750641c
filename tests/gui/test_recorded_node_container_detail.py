"""The node and container details on the recorded cluster, without a swarm: the node header and swarm
spec lines follow the store (escaped, removed node said), no engine is read without a session; the
container detail says it is not connected, and a closed container tab is left alone."""

from __future__ import annotations

import asyncio
import dataclasses
import json

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from crane_desktop.engine.diff import Diff
from crane_desktop.engine.hosts import HostInfo
from crane_desktop.engine.profiles import Profile
from crane_desktop.session import ClusterSession
from crane_desktop.views.container_detail import ContainerDetail
from crane_desktop.views.node_detail import NodeDetail
from tests.conftest import run_async
from tests.gui.conftest import RECORDED, by_name

WEB_CONTAINER = "b1dec40993b4d7693557e63934bf807cbc92b4a3ab7f36d9f0fe6fbc24db786a"  # shop_web.1 on node-1
WORKER_CONTAINER = "d029d439fe62fc9f7d3a27726709a50aa04fd8fbed9737d94f6dfe30249ea3f4"  # shop_web.2 on node-4


def open_node(workspace, hostname: str) -> NodeDetail:
    return workspace.open_node(by_name("nodes", hostname).id)


def change_node(context, name: str, **fields) -> None:
    node = context.store.get("nodes")[by_name("nodes", name).id]
    context.store.apply("nodes", Diff(changed={node.id: dataclasses.replace(node, **fields)}))


def test_header_shows_role_availability_status_resources_address_and_engine(workspace):
    detail = open_node(workspace, "node-3")
    assert detail.header.text() == (
        "<b>node-3</b> &nbsp; manager · paused · ready · 2 CPU(s) · 23.5 GiB · 198.19.213.13 · "
        "Docker 20.10.24+dfsg1<br>engine address not known"
    )
    worker = open_node(workspace, "node-4")
    assert "<b>node-4</b> &nbsp; worker · active · ready" in worker.header.text()


def swarm_rows(detail) -> dict[str, str]:
    """The node detail's Swarm section as shown: {label: value}."""
    return detail.swarm_form.sections()["Swarm"]


def test_swarm_section_shows_the_labels_as_fields(workspace):
    detail = open_node(workspace, "node-3")
    rows = swarm_rows(detail)
    assert rows["Node ID"] == by_name("nodes", "node-3").id
    assert rows["Labels"] == "zone=west"
    assert rows["Manager reachability"] == "reachable"
    assert detail.swarm_form.value("Swarm", "Node ID").textInteractionFlags() & (
        Qt.TextInteractionFlag.TextSelectableByMouse
    )
    worker = swarm_rows(open_node(workspace, "node-4"))
    assert "Labels" not in worker and "Manager reachability" not in worker  # no empty rows


def test_a_nodes_diff_updates_the_header_in_place(workspace, recorded_context):
    detail = open_node(workspace, "node-3")
    availability = detail.swarm_form.value("Swarm", "Availability")
    change_node(recorded_context, "node-3", availability="drain", labels=(("zone", "east"),))
    assert "manager · drained · ready" in detail.header.text()
    assert swarm_rows(detail)["Labels"] == "zone=east"
    assert detail.swarm_form.value("Swarm", "Availability") is availability  # the same field, new value
    assert availability.text() == "drained"
    assert workspace.tabs.currentWidget() is detail  # same tab, updated


def test_a_hostname_is_shown_as_text_not_markup(workspace, recorded_context):
    detail = open_node(workspace, "node-3")
    change_node(recorded_context, "node-3", hostname="<b>evil</b>&co")
    assert detail.header.text().startswith("<b>&lt;b&gt;evil&lt;/b&gt;&amp;co</b> &nbsp; ")


def test_a_node_removed_from_the_swarm_says_so(workspace, recorded_context):
    node = by_name("nodes", "node-4")
    detail = open_node(workspace, "node-4")
    recorded_context.store.apply("nodes", Diff(removed={node.id: node}))
    assert detail.header.text() == f"<b>{node.id[:12]}</b> — no longer in the swarm"


def test_the_tabs_of_a_node_engine(workspace):
    detail = open_node(workspace, "node-1")
    titles = [detail.tabs.tabText(i) for i in range(detail.tabs.count())]
    assert titles == ["Info", "Monitoring", "Containers", "Networks", "Volumes", "Images"]
    assert workspace.breadcrumb.text() == "Nodes › node-1"


def test_without_a_session_no_node_engine_is_read(workspace, qtbot):
    detail = open_node(workspace, "node-1")
    for index in range(detail.tabs.count()):
        detail.tabs.setCurrentIndex(index)
        run_async(qtbot, detail.current_pane().refresh())
    # a read that failed would say "unreachable"; none was tried
    assert [pane.state for pane in detail.panes if pane is not detail.monitoring] == ["loading"] * 5
    assert detail.monitoring.state == "not-connected" and detail.monitoring.monitor is None
    assert detail.info.values["docker_version"].text() == "…"
    assert detail.containers.model.rowCount() == 0 and detail.events is None
    assert detail.findChild(QMessageBox) is None


def test_connect_host_without_a_session_opens_nothing(workspace, qtbot):
    detail = open_node(workspace, "node-2")
    run_async(qtbot, detail.connect_host())
    assert getattr(detail, "connect_dialog", None) is None


def open_container(workspace) -> ContainerDetail:
    return workspace.open_container(by_name("nodes", "node-1").id, WEB_CONTAINER, "shop_web.1")


def test_container_detail_without_a_session_says_not_connected(workspace, qtbot):
    detail = open_container(workspace)
    assert workspace.breadcrumb.text() == "Nodes › node-1 › shop_web.1"
    qtbot.waitUntil(detail.error.isVisible)
    assert detail.error.text() == "Not connected to a cluster."
    assert detail.config_tree.topLevelItemCount() == 0 and detail.logs._stream is None


def test_a_closed_container_tab_is_left_alone(workspace, qtbot):
    """Closed before its first read failed (not connected): the failure is not shown on the deleted tab,
    which would raise into the crash dialog (pytest-qt fails the test on such an exception)."""
    detail = open_container(workspace)
    workspace.close_detail(workspace.tabs.indexOf(detail))
    assert workspace.tabs.count() == 1 and detail.closed
    qtbot.waitUntil(lambda: not [task for task in asyncio.all_tasks() if not task.done()], timeout=5000)
    qtbot.waitUntil(lambda: not shiboken6.isValid(detail))


def test_a_container_on_a_node_without_engine_address_offers_connect_host(workspace, recorded_context, qtbot):
    """A session that has not connected yet (its profile knows no node's engine): the container of
    node-4 cannot be read, and the tab offers the node's Connect host dialog right there."""
    recorded_context.session = ClusterSession(Profile(name="recorded", managers=("tcp://127.0.0.1:9",)))
    node = by_name("nodes", "node-4")
    detail = workspace.open_container(node.id, WORKER_CONTAINER, "shop_web.2")
    qtbot.waitUntil(detail.error.isVisible)
    assert detail.error.text().startswith("The engine address of node-4 is not known.")
    assert detail.connect_button.isVisible()
    detail.connect_button.click()
    qtbot.waitUntil(lambda: getattr(detail, "connect_dialog", None) is not None)
    assert detail.connect_dialog.windowTitle() == "Connect host node-4"
    detail.connect_dialog.reject()
    assert detail.error.isVisible() and detail.connect_button.isVisible()  # cancelled: still offered
    recorded_context.session.close()
    recorded_context.session = None


def test_connect_host_is_not_offered_for_other_failures(workspace, qtbot):
    detail = open_container(workspace)
    qtbot.waitUntil(detail.error.isVisible)
    assert detail.error.text() == "Not connected to a cluster." and not detail.connect_button.isVisible()


def test_the_info_tab_counts_containers_by_state_and_images(workspace):
    """node-3's own /info, recorded with a running, a paused and two stopped containers of its own."""
    info = json.loads((RECORDED / "info.json").read_text())
    detail = open_node(workspace, "node-3")
    detail.info.show_data(HostInfo.from_api(info))
    assert detail.info.values["containers"].text() == "2 running, 1 paused, 2 stopped (5 in all)"
    assert detail.info.values["images"].text() == "1"
    host = detail.info.form.sections()["Host"]  # the same labels, read as a form
    assert host["Containers"] == "2 running, 1 paused, 2 stopped (5 in all)" and host["Images"] == "1"
