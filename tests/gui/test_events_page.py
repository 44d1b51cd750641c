"""The Events page of a window connected to the test swarm: a service update made with the docker CLI
shows as its row (the engine's event handed on by the watcher), with the image change in its details;
what happened just before the window connected is there too (the backfill)."""

from __future__ import annotations

import time

from crane_desktop.models.table import Role
from crane_desktop.session import ClusterSession
from crane_desktop.views.main_window import MainWindow
from tests.conftest import run_async
from tests.gui.test_service_detail import IMAGE_2, create
from tests.swarm import IMAGE, docker, unique


def test_a_service_update_shows_on_the_events_page(connected_window, qtbot, service_names):
    window = connected_window
    service_id = create(service_names, "--replicas", "0", IMAGE, "sleep", "3600")  # no task to wait for
    qtbot.waitUntil(lambda: service_id in window.store.get("services"), timeout=10000)
    window.show_page("events")
    page = window.page_widgets["events"]

    docker(1, "service", "update", "--detach", "--image", IMAGE_2, service_names[-1])

    def update_row() -> list[str]:
        for event in page.model.objects():
            if event.object_id == service_id and event.action == "update":
                return [event.name, event.details]
        return []

    qtbot.waitUntil(lambda: bool(update_row()), timeout=5000)
    name, details = update_row()
    assert name == service_names[-1]
    assert f"image.new={IMAGE_2}" in details and f"image.old={IMAGE}" in details


def test_events_from_before_the_window_connected_are_backfilled(qtbot, loop, profile):
    name = unique("evback")
    network_id = docker(1, "network", "create", "--driver", "overlay", name)
    try:
        # the watcher's stream starts a second before it opens: the event must be older than that, so
        # that only the backfill can bring it (time passing, not a wait for something to happen)
        qtbot.wait(2500)
        window = MainWindow()
        qtbot.addWidget(window)
        run_async(qtbot, window.open_profile(ClusterSession(profile, window)))
        page = window.page_widgets["events"]

        def created() -> list[str]:
            rows = page.model.objects()
            return [e.name for e in rows if e.object_id == network_id and e.action == "create"]

        qtbot.waitUntil(lambda: bool(created()), timeout=10000)
        assert created() == [name]
        window.close_session()
    finally:
        docker(1, "network", "rm", name, check=False)


def shown_rows(page, since: float = 0.0) -> list[list[str]]:
    """The Events table as the operator reads it: type, object, action, details (of the events the
    engine dates from `since` on, seconds: the backfill brings earlier tests' events too)."""
    proxy = page.proxy
    return [
        [proxy.index(r, c).data() for c in range(1, 5)]
        for r in range(proxy.rowCount())
        if proxy.index(r, 0).data(Role.OBJECT).nanos >= since * 1e9
    ]


def row_like(page, type_text: str, name: str, action: str, since: float = 0.0) -> list[str] | None:
    return next((row for row in shown_rows(page, since) if row[:3] == [type_text, name, action]), None)


# the issue asks for 1 s from the engine's event to the row (benchmark E1); here only that it comes,
# with room for a loaded 2-core CI machine
SHOWN_WITHIN_MS = 15000


def test_a_drain_and_a_failing_task_show_with_their_details(connected_window, qtbot, service_names):
    window = connected_window
    window.show_page("events")
    page = window.page_widgets["events"]
    name = unique("evfail")
    service_names.append(name)
    started = time.time() - 1  # (the swarm runs on this machine: one clock)
    docker(1, "service", "create", "--detach", "--name", name, "--restart-condition", "none", IMAGE, "false")
    docker(1, "node", "update", "--availability", "drain", "node-4")
    try:
        qtbot.waitUntil(
            lambda: row_like(page, "Node", "node-4", "update", started) is not None, timeout=SHOWN_WITHIN_MS
        )
        details = row_like(page, "Node", "node-4", "update", started)[3]
        assert "availability.new=drain" in details and "availability.old=active" in details
        qtbot.waitUntil(
            lambda: row_like(page, "Task", f"{name}.1", "failed") is not None, timeout=SHOWN_WITHIN_MS
        )
        assert row_like(page, "Task", f"{name}.1", "failed")[3] == "the container exited with code 1"
    finally:
        docker(1, "node", "update", "--availability", "active", "node-4")


def test_containers_events_of_the_nodes_show_by_node(connected_window, qtbot):
    window = connected_window
    window.show_page("events")
    page = window.page_widgets["events"]
    nodes = {n.hostname: n.id for n in window.store.get("nodes").values()}
    qtbot.waitUntil(lambda: set(window.session.node_events.followed) == set(nodes.values()), timeout=10000)
    name = unique("evbox")
    # not a swarm task (no node label); it exits with 3, which the CLI passes on
    docker(2, "run", "--rm", "--name", name, IMAGE, "sh", "-c", "exit 3", check=False)
    qtbot.waitUntil(lambda: row_like(page, "Container", name, "destroy") is not None, timeout=SHOWN_WITHIN_MS)
    assert "exitCode=3" in row_like(page, "Container", name, "die")[3]
    assert row_like(page, "Container", name, "start") is not None

    page.type_filter.setCurrentIndex(page.type_filter.findData("container"))
    page.node_filter.setCurrentIndex(page.node_filter.findText("node-2"))
    assert {row[1] for row in shown_rows(page)} >= {name}
    assert {row[0] for row in shown_rows(page)} == {"Container"}
    page.node_filter.setCurrentIndex(page.node_filter.findText("node-3"))
    assert name not in {row[1] for row in shown_rows(page)}
