"""The service detail's extra tabs on the recorded cluster, without a swarm: Entry points (the gateway's
host-mode port on the node running its task, the nginx / HAProxy / JSON text, copy and save), Continuous
deployment and Logs without a session, the task tags of the service logs, and the log view's own
controls the other log tests leave out."""

from __future__ import annotations

import dataclasses
import json
import threading

import pytest
from PySide6.QtGui import QGuiApplication

from crane_desktop import bridge
from crane_desktop.engine.diff import Diff
from crane_desktop.engine.logs import LogLine, parse_line
from crane_desktop.engine.profiles import Profile, TLSConfig
from crane_desktop.session import ClusterSession
from crane_desktop.views.cd_tab import ContinuousDeploymentTab
from crane_desktop.views.entrypoints_tab import EntryPointsTab
from crane_desktop.views.log_view import LogView, ServiceLogs, TaskTags
from tests.gui.conftest import by_name

GATEWAY_TASK = "7mklo1pxraaqc4mnxcgzu5c9y"  # running on node-2 (198.19.213.12)


def entry_tab(qtbot, context, name: str) -> EntryPointsTab:
    tab = EntryPointsTab(context, by_name("services", name).id)
    qtbot.addWidget(tab)
    return tab


def table(tab: EntryPointsTab) -> list[list[str]]:
    model = tab.model
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_host_mode_port_is_listed_on_the_node_running_the_task(qtbot, recorded_context):
    tab = entry_tab(qtbot, recorded_context, "gateway")
    assert table(tab) == [
        ["198.19.213.12:8080", "node-2", "8080", "80", "tcp", "host (nodes running a task)"]
    ]
    assert tab.summary.text().startswith("Addresses at which gateway is reached from outside the swarm.")
    assert "server 198.19.213.12:8080;" in tab.config_text()
    assert "listen 8080;" in tab.config_text()


def test_a_service_without_ports_says_how_it_is_reached(qtbot, recorded_context):
    tab = entry_tab(qtbot, recorded_context, "shop_web")
    assert tab.model.rowCount() == 0
    assert tab.summary.text() == (
        "shop_web publishes no port: it is reached only from other services on its networks."
    )
    assert "# The service publishes no reachable port: nothing to balance." in tab.config_text()


def test_haproxy_and_json_renderings(qtbot, recorded_context):
    tab = entry_tab(qtbot, recorded_context, "gateway")
    tab.format_combo.setCurrentIndex(tab.format_combo.findData("haproxy"))
    text = tab.config_text()
    assert "frontend crane_gateway_8080" in text and "bind :8080" in text and "mode http" in text
    assert "server node_2 198.19.213.12:8080 check" in text
    tab.tcp_combo.setCurrentIndex(tab.tcp_combo.findData("stream"))
    assert "mode tcp" in tab.config_text() and "mode http" not in tab.config_text()
    tab.format_combo.setCurrentIndex(tab.format_combo.findData("json"))
    data = json.loads(tab.config_text())
    assert data["service"] == "gateway"
    assert data["ports"] == [
        {
            "published": 8080,
            "target": 80,
            "protocol": "tcp",
            "mode": "host",
            "addresses": [{"node": "node-2", "address": "198.19.213.12"}],
            "endpoints": ["198.19.213.12:8080"],
        }
    ]


def test_the_task_moving_to_another_node_updates_the_address_in_place(qtbot, recorded_context):
    tab = entry_tab(qtbot, recorded_context, "gateway")
    task = recorded_context.store.get("tasks")[GATEWAY_TASK]
    node_1 = by_name("nodes", "node-1")
    with qtbot.assertNotEmitted(tab.model.modelReset):
        recorded_context.store.apply(
            "tasks", Diff(changed={task.id: dataclasses.replace(task, node_id=node_1.id)})
        )
    assert [row[:2] for row in table(tab)] == [["198.19.213.11:8080", "node-1"]]
    assert "server 198.19.213.11:8080;" in tab.config_text()
    assert "198.19.213.12" not in tab.config_text()


def test_copy_puts_the_config_on_the_clipboard_and_says_so(qtbot, recorded_context):
    tab = entry_tab(qtbot, recorded_context, "gateway")
    with qtbot.waitSignal(recorded_context.message) as said:
        tab.copy_button.click()
    assert said.args == ["Configuration copied.", 5000]
    assert QGuiApplication.clipboard().text() == tab.config_text()


def test_save_writes_the_file_and_says_where(qtbot, recorded_context, tmp_path):
    tab = entry_tab(qtbot, recorded_context, "gateway")
    path = tmp_path / "lb.conf"
    with qtbot.waitSignal(recorded_context.message) as said:
        tab.save_to(str(path))
    assert path.read_text(encoding="utf-8") == tab.config_text()
    assert said.args[0] == f"Saved {path}."
    missing = tmp_path / "no-such-dir" / "lb.conf"
    with qtbot.waitSignal(recorded_context.message) as said:
        tab.save_to(str(missing))
    assert said.args[0].startswith(f"Cannot save {missing}: ") and not missing.exists()


def test_save_button_suggests_a_file_named_after_service_and_format(qtbot, recorded_context):
    tab = entry_tab(qtbot, recorded_context, "gateway")
    tab.show()
    tab.format_combo.setCurrentIndex(tab.format_combo.findData("haproxy"))
    tab.save_button.click()
    qtbot.waitUntil(lambda: tab.save_dialog is not None and tab.save_dialog.isVisible())
    assert tab.save_dialog.selectedFiles()[0].endswith("gateway-haproxy.cfg")
    tab.save_dialog.reject()


def test_entry_points_of_a_deleted_service_say_so(qtbot, recorded_context):
    tab = entry_tab(qtbot, recorded_context, "gateway")
    gateway = by_name("services", "gateway")
    recorded_context.store.apply("services", Diff(removed={gateway.id: gateway}))
    assert tab.summary.text() == "The service no longer exists."


def test_continuous_deployment_without_a_session_shows_no_command(qtbot, recorded_context):
    tab = ContinuousDeploymentTab(recorded_context, by_name("services", "shop_web").id)
    qtbot.addWidget(tab)
    # the command needs the profile's endpoint and TLS files: nothing half-right is shown
    assert tab.command_text() == "" and tab.env_text.toPlainText() == "" and tab.howto.text() == ""
    assert tab.docker_command.toPlainText() == "" and tab.prerequisites.text() == ""
    service = by_name("services", "shop_web")
    recorded_context.store.apply(
        "services", Diff(changed={service.id: dataclasses.replace(service, name="shop_web2")})
    )
    assert tab.command_text() == ""


def test_continuous_deployment_states_the_prerequisites_and_the_docker_equivalent(qtbot, recorded_context):
    """With a profile (a session not connected yet): the guide's two prerequisites, and the docker CLI
    command for runners that only have docker, with the same connection flags."""
    tls = TLSConfig(ca="/certs/ca.pem", cert="/certs/cert.pem", key="/certs/key.pem")
    profile = Profile(name="ci", managers=("tcp://manager-1:2376",), tls=tls)
    recorded_context.session = ClusterSession(profile)
    tab = ContinuousDeploymentTab(recorded_context, by_name("services", "shop_web").id)
    qtbot.addWidget(tab)
    prerequisites = tab.prerequisites.text()
    assert "can pull 127.0.0.1:5000/crane/busybox:${TAG}" in prerequisites
    assert "reachable from the nodes" in prerequisites
    assert "reaches a manager's engine at tcp://manager-1:2376" in prerequisites
    assert tab.docker_command.toPlainText() == (
        "docker -H tcp://manager-1:2376 --tlsverify --tlscacert /certs/ca.pem --tlscert /certs/cert.pem "
        '--tlskey /certs/key.pem service update --image "127.0.0.1:5000/crane/busybox:${TAG}" '
        "--with-registry-auth --detach=false shop_web"
    )
    tab.docker_copy_button.click()
    assert QGuiApplication.clipboard().text() == tab.docker_command.toPlainText()
    recorded_context.session.close()
    recorded_context.session = None


def test_service_logs_do_not_start_without_a_session(workspace, qtbot):
    detail = workspace.open_service(by_name("services", "shop_web").id)
    logs = next(w for w in detail.extra_tabs if isinstance(w, ServiceLogs))
    detail.tabs.setCurrentWidget(logs)
    qtbot.waitUntil(logs.isVisible)
    assert logs.tags is None and logs.view._stream is None
    assert logs.view.status.text() == "0 line(s)"
    workspace.close_detail(workspace.tabs.indexOf(detail))  # closing a never started tab is fine
    assert logs.view._stream is None


def store_tags(context, name: str, lookup=None) -> TaskTags:
    """Task tags knowing what the store knows, as the Logs tab keeps them."""
    service = by_name("services", name)
    tags = TaskTags(name, lookup)
    tasks = context.store.get("tasks").values()
    tags.update(
        slots={t.id: t.slot for t in tasks if t.service_id == service.id},
        hosts={n.id: n.hostname for n in context.store.get("nodes").values()},
    )
    return tags


def test_task_tags_name_slot_and_host_from_the_store(recorded_context):
    tags = store_tags(recorded_context, "shop_web")
    node_4 = by_name("nodes", "node-4")
    line = LogLine("hello", task_id="r3rrcvnpjn0ne0ufym1y8qdwy", node_id=node_4.id)
    assert tags.tag(line) == "shop_web.2@node-4"
    tags.update(name="shop_front")  # the service was renamed
    assert tags.tag(line) == "shop_front.2@node-4"


def test_a_task_the_store_does_not_know_is_asked_once(recorded_context):
    asked: list[str] = []

    def task_slot(task_id: str) -> int:  # what the manager answers for a task it already runs
        asked.append(task_id)
        return 3

    tags = store_tags(recorded_context, "shop_web", task_slot)
    node_1 = by_name("nodes", "node-1")
    first = LogLine("one", task_id="newtask0000000000000000001", node_id=node_1.id)
    assert tags.tag(first) == "shop_web.3@node-1"
    assert tags.tag(first._replace(text="two")) == "shop_web.3@node-1"
    assert asked == ["newtask0000000000000000001"]


def test_a_task_the_manager_cannot_tell_is_tagged_by_its_id(recorded_context):
    def task_slot(task_id: str) -> int:
        raise LookupError(task_id)  # removed meanwhile

    tags = store_tags(recorded_context, "shop_web", task_slot)
    line = LogLine("x", task_id="gone12345678901234567890", node_id="unknownnode1234567890")
    assert tags.tag(line) == "shop_web.gone12@unknownnode1"


def test_global_tasks_are_tagged_by_their_id_prefix(recorded_context):
    tags = store_tags(recorded_context, "shop_agent")
    node_4 = by_name("nodes", "node-4")
    line = LogLine("tick", task_id="eta1l60jsp17b2r5y2s8zbmqv", node_id=node_4.id)
    assert tags.tag(line) == "shop_agent.eta1l6@node-4"


def log_view(qtbot) -> LogView:
    view = LogView(show_source=True)
    qtbot.addWidget(view)
    view.resize(800, 300)
    view.show()
    return view


def feed(qtbot, view: LogView, texts: list[str]) -> None:
    view.append([parse_line(f"2026-11-29T16:00:0{i % 10}.000000001Z {t}") for i, t in enumerate(texts)])
    qtbot.waitUntil(lambda: not view.inbox.pending())


def test_clear_empties_the_view_and_the_count(qtbot):
    view = log_view(qtbot)
    feed(qtbot, view, ["a", "b", "c"])
    assert view.status.text() == "3 line(s)"
    view.clear_button.click()
    assert view.shown_lines() == [] and view.status.text() == "0 line(s)"
    feed(qtbot, view, ["d"])
    assert [line.text for line in view.shown_lines()] == ["d"]


def test_pause_is_said_on_the_button_and_in_the_status(qtbot):
    view = log_view(qtbot)
    feed(qtbot, view, ["a"])
    view.pause.click()
    assert view.pause.text() == "Resume" and view.status.text() == "1 line(s) · paused"
    view.pause.click()
    assert view.pause.text() == "Pause" and view.status.text() == "1 line(s)"


def test_the_end_of_the_stream_stays_said(qtbot):
    view = log_view(qtbot)
    feed(qtbot, view, ["a"])
    ended = bridge.relay(view.show_end)  # what the stream's thread is given
    reporter = threading.Thread(target=ended, args=("connection reset",))
    reporter.start()
    reporter.join()
    qtbot.waitUntil(lambda: view.status.text() == "1 line(s) · The log stream ended. connection reset")
    feed(qtbot, view, ["b"])  # lines queued before the end still arrive
    assert view.status.text() == "2 line(s) · The log stream ended. connection reset"


@pytest.mark.parametrize("timestamps", [True, False])
def test_export_follows_the_timestamps_box(qtbot, tmp_path, timestamps):
    view = log_view(qtbot)
    feed(qtbot, view, ["hello"])
    view.timestamps.setChecked(timestamps)
    path = tmp_path / "out.txt"
    assert view.export(str(path)) == 1
    expected = "2026-11-29T16:00:00.000000001Z hello" if timestamps else "hello"
    assert path.read_text(encoding="utf-8").splitlines() == [expected]
