"""The Overview page on the recorded cluster (no swarm): the summaries, what needs attention, the
latest changes, in-place updates from the store's diffs, and navigation to the details."""

from __future__ import annotations

import copy
import dataclasses
import re
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QApplication

from crane_desktop.engine.diff import Diff
from crane_desktop.engine.events import EngineEvent
from crane_desktop.engine.formatting import local_date
from crane_desktop.engine.node_certs import NodeCertificate
from crane_desktop.engine.snapshots import Node
from crane_desktop.engine.swarm_settings import SwarmSettings
from crane_desktop.models.table import Role
from tests.gui.conftest import by_name, recorded


def page(workspace):
    return workspace.page_widgets["overview"]


def rows(view) -> list[tuple[str, str, str]]:
    model = view.model()
    return [tuple(model.index(row, column).data() for column in range(3)) for row in range(model.rowCount())]


def test_the_app_opens_on_the_overview(workspace):
    assert workspace.sidebar.currentItem().text() == "Overview"
    assert workspace.pages.currentWidget() is page(workspace)


def test_summaries_say_what_the_cluster_is(workspace):
    overview = page(workspace)
    assert overview.nodes_box.text() == "4 node(s)\n4 ready · 1 paused"
    assert overview.managers_box.text() == "3 of 3 managers reachable: 1 more can be lost"
    services = overview.services_box.text()
    assert services.startswith("4 service(s)\n")
    assert "not converged" in services


def test_needs_attention_lists_services_not_converged_with_counts_and_why(workspace, qtbot):
    overview = page(workspace)

    def found() -> dict[str, str]:
        return {subject: text for _, subject, text in rows(overview.attention)}

    # why it is pending, in words (reasoned on the runner's pool, shown when it comes back)
    qtbot.waitUntil(lambda: ": Its" in found().get("shop_agent", ""))
    assert found()["shop_worker"] == (
        "0 of 1 tasks running: Its tasks keep failing: the container exited with code 3"
    )
    assert found()["shop_agent"] == "3 of 4 tasks running: Its node node-3 is paused: it takes no new tasks."


def test_a_node_going_down_appears_in_place_and_in_the_latest_changes(workspace, qtbot):
    overview = page(workspace)
    store = overview.context.store
    before = overview.attention.model().rowCount()
    resets = []
    source: QAbstractItemModel = overview.model
    source.modelReset.connect(lambda: resets.append(True))
    node = by_name("nodes", "node-4")
    store.apply(
        "nodes",
        Diff(changed={node.id: dataclasses.replace(node, state="down", state_message="heartbeat failure")}),
    )

    qtbot.waitUntil(lambda: overview.attention.model().rowCount() == before + 1)
    assert ("✖ Problem", "node-4", "The node is down: heartbeat failure") in rows(overview.attention)
    assert "1 down" in overview.nodes_box.text()
    assert [r[1:] for r in rows(overview.changes)] == [("node-4", "Node is down (was ready)")]
    assert resets == []


def test_losing_managers_says_what_it_means(workspace, qtbot):
    overview = page(workspace)
    store = overview.context.store
    managers = [n for n in recorded("nodes").values() if n.role == "manager" and not n.is_leader]
    store.apply(
        "nodes", Diff(changed={managers[0].id: dataclasses.replace(managers[0], reachability="unreachable")})
    )
    qtbot.waitUntil(lambda: "one more loss" in overview.managers_box.text())
    assert overview.managers_box.text() == "2 of 3 managers reachable: one more loss stops the cluster"
    assert any(subject == "Managers" for _, subject, _ in rows(overview.attention))

    store.apply(
        "nodes", Diff(changed={managers[1].id: dataclasses.replace(managers[1], reachability="unreachable")})
    )
    qtbot.waitUntil(lambda: "lost its quorum" in overview.managers_box.text())


def test_a_task_failing_now_is_listed_and_ages_out_after_15_minutes(workspace, qtbot):
    overview = page(workspace)
    store = overview.context.store
    task = next(t for t in recorded("tasks").values() if t.state == "running")
    failed = dataclasses.replace(
        task, state="failed", error="task: non-zero exit (1)", updated_at=datetime.now(UTC)
    )
    store.apply("tasks", Diff(changed={task.id: failed}))

    def listed() -> bool:
        return any(text.startswith("Task ") and "code 1" in text for _, _, text in rows(overview.attention))

    qtbot.waitUntil(listed)
    assert "1 task(s) failed in the last 15 minutes" in overview.services_box.text()

    store.apply(
        "tasks",
        Diff(changed={task.id: dataclasses.replace(failed, updated_at=datetime(2020, 1, 1, tzinfo=UTC))}),
    )
    qtbot.waitUntil(lambda: not listed())


def test_activating_a_row_opens_its_detail(workspace, qtbot):
    overview = page(workspace)
    view = overview.attention
    model = view.model()
    worker = by_name("services", "shop_worker")
    row = next(r for r in range(model.rowCount()) if model.index(r, 1).data() == worker.name)
    view.activated.emit(model.index(row, 0))
    assert workspace.tabs.currentWidget().property("breadcrumb").endswith("shop_worker")


def test_the_nodes_link_opens_the_nodes_page(workspace):
    overview = page(workspace)
    overview.nodes_box.body.linkActivated.emit("page:nodes")
    assert workspace.pages.currentWidget() is workspace.page_widgets["nodes"]


def test_the_swarm_root_certificate_date_is_shown(workspace):
    text = page(workspace).certificates_box.text()
    assert text.startswith("Swarm root CA expires on ")


def test_node_certificates_that_need_attention_are_listed_else_the_next_expiry(workspace, qtbot):
    overview = page(workspace)
    now = datetime.now(UTC)
    node_1, node_4 = by_name("nodes", "node-1"), by_name("nodes", "node-4")
    renewed = NodeCertificate(node_1.id, "node-1", now + timedelta(days=60), True, now + timedelta(days=42))
    workspace.context.alerts.set_node_readings({node_1.id: renewed}, [])
    expected = f"Node certificates: renewed by the swarm (the next expires on {local_date(renewed.expiry)})"
    qtbot.waitUntil(lambda: expected in overview.certificates_box.text(), timeout=5000)

    since = now - timedelta(days=1)
    workspace.context.store.apply(
        "nodes",
        Diff(changed={node_4.id: dataclasses.replace(node_4, state="down", version=node_4.version + 1)}),
    )
    down = NodeCertificate(node_4.id, "node-4", since + timedelta(days=18), warn_from=since, down_since=since)
    workspace.context.alerts.set_node_readings({node_1.id: renewed, node_4.id: down}, [])
    qtbot.waitUntil(lambda: "node-4 is down" in overview.certificates_box.text(), timeout=5000)
    assert "node-4 is down: its swarm certificate may expire from " + local_date(down.expiry) in (
        overview.certificates_box.text()
    )
    assert "renewed by the swarm" not in overview.certificates_box.text()
    overview.certificates_box.body.linkActivated.emit("page:swarm")
    assert workspace.pages.currentWidget() is workspace.page_widgets["swarm"]


def test_rows_say_their_state_in_words_not_only_colour(workspace):
    view = page(workspace).attention
    index = view.model().index(0, 0)
    assert index.data() in ("✖ Problem", "▲ Warning")
    assert index.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert index.data(Role.OBJECT) is not None


def test_while_another_page_is_in_front_the_overview_waits_until_shown(workspace, qtbot):
    overview = page(workspace)
    workspace.show_page("nodes")
    node = by_name("nodes", "node-2")
    overview.context.store.apply("nodes", Diff(changed={node.id: dataclasses.replace(node, state="down")}))
    QApplication.processEvents()  # the refresh the diff scheduled runs now (a zero-time timer)
    assert "node-2" not in [subject for _, subject, _ in rows(overview.attention)]
    # the latest changes still follow the diffs
    assert [r[1:] for r in rows(overview.changes)] == [("node-2", "Node is down (was ready)")]

    workspace.show_page("overview")
    qtbot.waitUntil(lambda: "node-2" in [subject for _, subject, _ in rows(overview.attention)])


def link(box, words: str) -> str:
    """The href of the link whose text contains `words` in a summary box."""
    found = re.findall(r'<a href="([^"]*)">(.*?)</a>', box.body.text())
    matches = [href for href, text in found if words in re.sub(r"<[^>]+>", "", text)]
    assert len(matches) == 1, (words, found)
    return matches[0]


def change_nodes(store, names, **changes) -> None:
    for name in names:
        node = by_name("nodes", name)
        store.apply("nodes", Diff(changed={node.id: dataclasses.replace(node, **changes)}))


def test_a_count_of_one_opens_its_objects_detail(workspace):
    overview = page(workspace)
    overview.nodes_box.body.linkActivated.emit(link(overview.nodes_box, "1 paused"))
    assert workspace.tabs.currentWidget().property("breadcrumb").endswith("node-3")


def test_a_count_of_several_narrows_needs_attention_to_them_until_show_all(workspace, qtbot):
    overview = page(workspace)
    store = overview.context.store
    change_nodes(store, ("node-2", "node-4"), state="down")
    qtbot.waitUntil(lambda: "2 down" in overview.nodes_box.text())
    everything = overview.attention.model().rowCount()

    overview.nodes_box.body.linkActivated.emit(link(overview.nodes_box, "2 down"))
    assert sorted(subject for _, subject, _ in rows(overview.attention)) == ["node-2", "node-4"]
    assert overview.show_all.isVisible() and overview.show_all.text().startswith("only the nodes down")

    overview.services_box.body.linkActivated.emit(link(overview.services_box, "2 not converged"))
    assert sorted(subject for _, subject, _ in rows(overview.attention)) == ["shop_agent", "shop_worker"]

    overview.show_all.linkActivated.emit("attention:")
    assert overview.attention.model().rowCount() == everything and not overview.show_all.isVisible()


def test_several_drained_nodes_open_the_nodes_page_filtered_to_them(workspace, qtbot):
    overview = page(workspace)
    store = overview.context.store
    change_nodes(store, ("node-1", "node-4"), availability="drain")
    qtbot.waitUntil(lambda: "2 drained" in overview.nodes_box.text())
    overview.nodes_box.body.linkActivated.emit(link(overview.nodes_box, "2 drained"))
    nodes_page = workspace.page_widgets["nodes"]
    assert workspace.pages.currentWidget() is nodes_page
    assert nodes_page.filter_edit.text() == "drained"
    shown = nodes_page.proxy
    assert sorted(shown.index(r, 1).data() for r in range(shown.rowCount())) == ["node-1", "node-4"]


def test_the_nodes_certificates_say_their_validity_and_name_a_node_off_the_current_ca(workspace, qtbot):
    overview = page(workspace)
    nodes = recorded("nodes")
    root = next(iter(nodes.values())).raw["Description"]["TLSInfo"]
    overview.swarm = SwarmSettings.from_api(
        {"Spec": {"CAConfig": {"NodeCertExpiry": 90 * 86_400 * 10**9}}, "TLSInfo": root}
    )
    overview.refresh()
    expected = "Node certificates: valid for 90 day(s), renewed by the swarm; all 4 node(s) on the current CA"
    assert expected in overview.certificates_box.text()
    assert link(overview.certificates_box, "Swarm root CA") == "page:swarm"

    node = by_name("nodes", "node-2")
    raw = copy.deepcopy(node.raw)
    raw["Description"]["TLSInfo"]["CertIssuerPublicKey"] = "b2xkIGtleQ=="
    overview.context.store.apply("nodes", Diff(changed={node.id: Node.from_api(raw)}))
    qtbot.waitUntil(lambda: "1 node(s) not on the current CA" in overview.certificates_box.text())
    href = link(overview.certificates_box, "node-2: certificate not from the current CA")
    overview.certificates_box.body.linkActivated.emit(href)
    assert workspace.tabs.currentWidget().property("breadcrumb").endswith("node-2")


def test_networks_secrets_and_configs_changed_are_latest_changes_that_open_their_page(workspace):
    overview = page(workspace)
    store = overview.context.store
    now = int(datetime.now(UTC).timestamp() * 1e9)
    created = EngineEvent(now, "network", "create", "n" * 25, "shop_cache", "")
    store.report_event(created)
    store.report_event(created)  # the same event again (the stream reopened): one row
    store.report_event(
        EngineEvent(now + 1, "network", "connect", "n" * 25, "shop_cache", "")
    )  # a container's
    store.report_event(EngineEvent(now + 2, "secret", "remove", "s" * 25, "vault_old_token", ""))
    assert sorted(r[1:] for r in rows(overview.changes)) == [
        ("shop_cache", "Network created"),
        ("vault_old_token", "Secret removed"),
    ]
    view = overview.changes
    row = next(r for r in range(view.model().rowCount()) if view.model().index(r, 1).data() == "shop_cache")
    view.activated.emit(view.model().index(row, 0))
    assert workspace.pages.currentWidget() is workspace.page_widgets["networks"]

    workspace.show_page("overview")
    overview.all_events.linkActivated.emit("page:events")
    assert workspace.pages.currentWidget() is workspace.page_widgets["events"]


def test_times_are_shown_in_full(workspace, qtbot):
    overview = page(workspace)
    node = by_name("nodes", "node-4")
    overview.context.store.apply("nodes", Diff(changed={node.id: dataclasses.replace(node, state="down")}))
    qtbot.waitUntil(lambda: overview.changes.model().rowCount() == 1)
    text = overview.changes.model().index(0, 3).data()
    assert overview.changes.columnWidth(3) > overview.changes.fontMetrics().horizontalAdvance(text)


def test_the_events_before_the_cluster_was_opened_start_the_latest_changes(workspace):
    overview = page(workspace)
    store = overview.context.store
    web, node = by_name("services", "shop_web"), by_name("nodes", "node-2")
    now = int(datetime.now(UTC).timestamp() * 1e9)
    store.report_backfill(
        [
            EngineEvent(now - 3, "service", "update", web.id, "shop_web", ""),
            EngineEvent(now - 2, "node", "update", node.id, "node-2", ""),
            EngineEvent(now - 1, "container", "die", "c" * 64, "shop_web.1.x", ""),  # not the swarm's
        ]
    )
    assert sorted(r[1:] for r in rows(overview.changes)) == [
        ("node-2", "Node updated"),
        ("shop_web", "Service updated"),
    ]
    # a service's event as it happens is left to the services' diffs (no row twice for one change)
    store.report_event(EngineEvent(now, "service", "update", web.id, "shop_web", ""))
    assert overview.changes.model().rowCount() == 2
    view = overview.changes
    row = next(r for r in range(view.model().rowCount()) if view.model().index(r, 1).data() == "shop_web")
    view.activated.emit(view.model().index(row, 0))
    assert workspace.tabs.currentWidget().property("breadcrumb").endswith("shop_web")
