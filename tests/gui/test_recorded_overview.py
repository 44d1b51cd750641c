"""The Overview page on the recorded cluster (no swarm): the summaries, what needs attention, the
latest changes, in-place updates from the store's diffs, and navigation to the details."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QApplication

from crane_desktop.engine.diff import Diff
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
