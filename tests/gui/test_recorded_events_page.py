"""The Events page on the recorded cluster, without a swarm: rows from the engine's events (as the
watcher hands them on through the store) and from the task diffs, the filters, Pause keeping what comes
in a buffer, Export as JSON lines, and the ring's bound."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime, timedelta

from crane_desktop.engine.diff import Diff
from crane_desktop.engine.events import from_api
from crane_desktop.models.events import EventsModel
from tests.gui.conftest import by_name

NOW = datetime.now(UTC)


def raw_event(kind: str, action: str, actor: str, when: datetime = NOW, **attributes: str) -> dict:
    """An event as the engine's /events stream sends it."""
    nanos = int(when.timestamp() * 1e9)
    return {"Type": kind, "Action": action, "Actor": {"ID": actor, "Attributes": attributes},
            "scope": "swarm", "time": nanos // 10**9, "timeNano": nanos}  # fmt: skip


def page_of(workspace):
    workspace.show_page("events")
    return workspace.page_widgets["events"]


def shown(page) -> list[list[str]]:
    """The table's rows as the operator reads them, top to bottom (newest first)."""
    proxy = page.proxy
    return [[proxy.index(r, c).data() for c in range(1, 5)] for r in range(proxy.rowCount())]


def fail_a_task(context, service: str, error: str) -> None:
    """The watcher's diff of one of the service's running tasks failing."""
    service_id = by_name("services", service).id
    task = next(t for t in context.store.get("tasks").values() if t.service_id == service_id and t.is_running)
    failed = dataclasses.replace(task, state="failed", error=error, updated_at=NOW)
    context.store.apply("tasks", Diff(changed={task.id: failed}))


def report(context, *events: dict) -> None:
    for event in events:
        context.store.report_event(from_api(event))


def test_events_and_task_changes_become_rows(workspace, recorded_context):
    page = page_of(workspace)
    assert shown(page) == []  # the first listing is the cluster as it is, not events
    web = by_name("services", "shop_web")
    images = {"image.new": "busybox:2", "image.old": "busybox:1"}
    update = raw_event("service", "update", web.id, NOW - timedelta(seconds=5), name="shop_web", **images)
    report(recorded_context, update)
    fail_a_task(recorded_context, "shop_web", "task: non-zero exit (137)")
    assert shown(page) == [
        ["Task", "shop_web.1", "failed", "the container exited with code 137"],
        ["Service", "shop_web", "update", "image.new=busybox:2, image.old=busybox:1"],
    ]
    report(recorded_context, update)
    assert len(shown(page)) == 2  # the same event again (backfill and stream overlap): one row
    assert page.count_label.text() == "2 event(s)"


def test_filters_by_type_service_node_time_and_text(workspace, recorded_context):
    page = page_of(workspace)
    node = by_name("nodes", "node-4")
    report(
        recorded_context,
        raw_event("node", "update", node.id, name="node-4", **{"availability.new": "drain"}),
        raw_event("secret", "create", "s1", name="db_password"),
        raw_event("service", "create", "x1", NOW - timedelta(hours=2), name="gateway"),
    )
    fail_a_task(recorded_context, "shop_web", "no space left")
    assert len(shown(page)) == 4

    page.type_filter.setCurrentIndex(page.type_filter.findData("secret"))
    assert [row[1] for row in shown(page)] == ["db_password"]
    page.type_filter.setCurrentIndex(0)

    page.service_filter.setCurrentIndex(page.service_filter.findText("shop_web"))
    assert [row[:3] for row in shown(page)] == [["Task", "shop_web.1", "failed"]]
    page.service_filter.setCurrentIndex(0)

    page.node_filter.setCurrentIndex(page.node_filter.findText("node-4"))
    assert [row[1] for row in shown(page)] == ["node-4"]
    page.node_filter.setCurrentIndex(0)

    page.range_filter.setCurrentIndex(page.range_filter.findData(15))
    assert "gateway" not in [row[1] for row in shown(page)] and len(shown(page)) == 3
    page.range_filter.setCurrentIndex(0)

    page.filter_edit.setText("DRAIN")
    assert [row[1] for row in shown(page)] == ["node-4"]
    assert page.count_label.text() == "1 of 4 shown"


def test_pause_keeps_what_comes_and_resume_shows_it(workspace, recorded_context):
    page = page_of(workspace)
    report(recorded_context, raw_event("network", "create", "n1", name="first"))
    page.pause_button.click()
    assert page.pause_button.text() == "Resume"
    report(recorded_context, raw_event("network", "create", "n2", name="second"))
    fail_a_task(recorded_context, "shop_web", "oom")
    assert [row[1] for row in shown(page)] == ["first"]
    assert len(page.model.held) == 2
    page.pause_button.click()
    assert page.pause_button.text() == "Pause"
    assert sorted(row[1] for row in shown(page)) == ["first", "second", "shop_web.1"]


def test_export_writes_the_rows_shown_as_json_lines(workspace, recorded_context, tmp_path):
    page = page_of(workspace)
    report(
        recorded_context,
        raw_event("config", "create", "c1", NOW - timedelta(seconds=2), name="nginx_conf"),
        raw_event("network", "remove", "n1", NOW - timedelta(seconds=1), name="old_net"),
    )
    page.type_filter.setCurrentIndex(page.type_filter.findData("network"))
    report(recorded_context, raw_event("network", "create", "n2", NOW, name="new_net"))
    path = tmp_path / "events.jsonl"
    assert page.export(str(path))
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [(line["type"], line["action"], line["object"]) for line in lines] == [
        ("network", "remove", "old_net"),
        ("network", "create", "new_net"),
    ]
    assert lines[0]["id"] == "n1" and lines[0]["time"].endswith("Z")


def test_the_ring_keeps_the_newest_rows(qtbot):
    model = EventsModel(ring=3)
    events = [from_api(raw_event("network", "create", f"n{i}", NOW + timedelta(seconds=i), name=f"net{i}"))
              for i in range(5)]  # fmt: skip
    model.add(events[:2])
    model.add(events[2:])
    assert [event.name for event in model.objects()] == ["net2", "net3", "net4"]
    model.set_paused(True)
    model.add([from_api(raw_event("network", "create", f"m{i}", name=f"m{i}")) for i in range(5)])
    assert len(model.held) == 3  # the buffer is bounded too


def test_activating_a_row_opens_its_object(workspace, recorded_context):
    page = page_of(workspace)
    node = by_name("nodes", "node-4")
    report(recorded_context, raw_event("node", "update", node.id, name="node-4"))
    fail_a_task(recorded_context, "shop_web", "exit 3")
    rows = {page.proxy.index(r, 1).data(): page.proxy.index(r, 0) for r in range(page.proxy.rowCount())}
    page.table.activated.emit(rows["Task"])
    assert workspace.tabs.tabText(workspace.tabs.currentIndex()).startswith("shop_web")
    page.table.activated.emit(rows["Node"])
    assert workspace.tabs.tabText(workspace.tabs.currentIndex()).startswith("node-4")


def test_a_containers_event_is_a_container_row_of_its_node_that_opens_the_container(
    workspace, recorded_context
):
    page = page_of(workspace)
    node = by_name("nodes", "node-2")
    died = raw_event("container", "die", "c0ffee" * 10, name="backup-job", exitCode="3", image="busybox")
    recorded_context.store.report_event(from_api(died, node_id=node.id))  # a node stream's event
    report(recorded_context, raw_event("network", "create", "n1", name="other"))
    page.type_filter.setCurrentIndex(page.type_filter.findData("container"))
    assert shown(page) == [["Container", "backup-job", "die", "exitCode=3, image=busybox"]]
    page.node_filter.setCurrentIndex(page.node_filter.findText("node-3"))
    assert shown(page) == []
    page.node_filter.setCurrentIndex(page.node_filter.findText("node-2"))
    page.table.activated.emit(page.proxy.index(0, 0))
    assert workspace.tabs.tabText(workspace.tabs.currentIndex()).startswith("backup-job")


def test_the_managers_own_local_events_are_left_out(workspace, recorded_context):
    """The manager's stream also tells its own engine's local events (a container joining `bridge`):
    one node's only, not the cluster's, so not rows (each node's containers come from its own engine)."""
    page = page_of(workspace)
    joined = raw_event("network", "connect", "b1", name="bridge", container="c" * 64, type="bridge")
    report(recorded_context, {**joined, "scope": "local"})
    created = raw_event("network", "create", "n1", name="shop_front", type="overlay")
    report(recorded_context, created)
    assert shown(page) == [["Network", "shop_front", "create", "type=overlay"]]


def test_the_first_listing_shows_the_task_states_of_the_backfills_minutes(qtbot, loop):
    """A task that failed just before the window connected is a row, as the engine's recent events
    are (the backfill's 15 minutes); the rest of the first listing is the cluster as it is."""
    from crane_desktop.views.context import ClusterContext
    from crane_desktop.views.workspace import Workspace
    from tests.gui.conftest import feed, recorded

    context = ClusterContext()
    try:
        workspace = Workspace(context)
        qtbot.addWidget(workspace)
        page = page_of(workspace)  # built before the first listing comes, as on connect
        tasks = recorded("tasks")
        running = [t for t in tasks.values() if t.is_running]
        failed_lately = dataclasses.replace(running[0], state="failed", error="task: non-zero exit (2)",
                                            updated_at=NOW - timedelta(minutes=2))  # fmt: skip
        failed_long_ago = dataclasses.replace(running[1], state="failed", error="task: non-zero exit (9)",
                                              updated_at=NOW - timedelta(minutes=20))  # fmt: skip
        tasks = {**tasks, failed_lately.id: failed_lately, failed_long_ago.id: failed_long_ago}
        feed(context.store, ("nodes", "services", "networks"))
        context.store.apply("tasks", Diff(added=tasks))
        rows = [row for row in shown(page) if row[0] == "Task"]
        assert [row[2:] for row in rows] == [["failed", "the container exited with code 2"]]
    finally:
        context.close()  # its timers would go on into the next test
