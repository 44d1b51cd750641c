"""A service's Logs tab keeps following tasks that start after it was opened: a scale-up's new task and
the replacements of a forced update show up tagged `name.slot@node` (and in the task filter), while the
lines of the tasks that went away stay, nothing is shown twice, and the view stays at the end."""

from __future__ import annotations

from crane_desktop.engine import stacks
from crane_desktop.views.log_view import ServiceLogs, TaskTags
from tests.swarm import IMAGE, docker, unique

TICKER = 'i=0; while true; do echo "tick $i"; i=$((i+1)); sleep 0.3; done'


def _task_ids(view) -> set[str]:
    return {line.task_id for line in view.ring.lines}


def _expected_tag(window, name: str, task_id: str) -> str | None:
    task = window.store.get("tasks").get(task_id)
    node = window.store.get("nodes").get(task.node_id) if task else None
    return f"{name}.{task.slot}@{node.hostname}" if task and node else None


def _tagged_right(window, view, name: str, task_ids: set[str]) -> bool:
    """Every line of these tasks carries its own slot/node tag (and the filter list offers it)."""
    offered = {view.source.itemData(i) for i in range(1, view.source.count())}
    for task_id in task_ids:
        tag = _expected_tag(window, name, task_id)
        lines = [line for line in view.ring.lines if line.task_id == task_id]
        if tag is None or not lines or any(line.source != tag for line in lines) or tag not in offered:
            return False
    return True


def _following(view) -> bool:
    bar = view.canvas.verticalScrollBar()
    return not view.pause.isChecked() and bar.value() == bar.maximum()


def test_service_logs_follow_tasks_started_later(qtbot, connected_window, service_names):
    window = connected_window
    name = unique("follow")
    service_names.append(name)
    service_id = docker(
        1,
        *("service", "create", "--detach", "--quiet", "--name", name, "--replicas", "1"),
        *("--stop-grace-period", "1s", "--update-delay", "0s", IMAGE, "sh", "-c", TICKER),
    )
    qtbot.waitUntil(lambda: service_id in window.store.get("services"), timeout=10000)
    detail = window.open_service(service_id)
    logs = next(widget for widget in detail.extra_tabs if isinstance(widget, ServiceLogs))
    detail.tabs.setCurrentWidget(logs)  # the user opens the Logs tab: the stream starts
    view = logs.view
    qtbot.waitUntil(lambda: len(_task_ids(view)) == 1, timeout=20000)
    (first,) = _task_ids(view)

    docker(1, "service", "scale", "--detach", f"{name}=2")  # out of band
    qtbot.waitUntil(lambda: len(_task_ids(view)) == 2, timeout=20000)
    (second,) = _task_ids(view) - {first}
    qtbot.waitUntil(lambda: _tagged_right(window, view, name, {first, second}), timeout=5000)
    assert {_expected_tag(window, name, t).split("@")[0] for t in (first, second)} == {
        f"{name}.1",
        f"{name}.2",
    }
    assert _following(view)
    # had the second task's lines come before the store listed it, they would carry the same tag
    cluster = window.session.cluster
    before_the_store = TaskTags(name, lambda task_id: stacks.task_slot(cluster.client, task_id))
    before_the_store.update(hosts={n.id: n.hostname for n in window.store.get("nodes").values()})
    line = next(line for line in view.ring.lines if line.task_id == second)
    assert before_the_store.tag(line) == line.source

    docker(1, "service", "update", "--detach", "--force", name)  # both slots get a new task
    qtbot.waitUntil(lambda: len(_task_ids(view)) == 4, timeout=30000)
    replacements = _task_ids(view) - {first, second}
    qtbot.waitUntil(lambda: _tagged_right(window, view, name, replacements), timeout=5000)
    count = len(view.ring.lines)
    qtbot.waitUntil(lambda: len(view.ring.lines) > count + 4, timeout=5000)  # still streaming

    lines = list(view.ring.lines)
    old = [line.text for line in lines if line.task_id == first]
    assert old[:3] == ["tick 0", "tick 1", "tick 2"]  # the removed tasks' lines stay, from the start
    seen = [(line.task_id, line.time, line.text) for line in lines]
    assert len(seen) == len(set(seen))  # nothing shown twice
    for task_id in replacements:  # each task's lines come once and in order, none lost
        ticks = [int(line.text.split()[1]) for line in lines if line.task_id == task_id]
        assert ticks == list(range(ticks[0], ticks[0] + len(ticks)))
    assert _following(view)
    assert logs.view._stream is not None and logs.view._stream.running
    assert "ended" not in view.status.text()

    # the task filter offers the new tasks: choosing one shows only its lines and goes on following it
    tag = next(tag for t in replacements if (tag := _expected_tag(window, name, t)).startswith(f"{name}.2@"))
    view.source.setCurrentIndex(view.source.findData(tag))
    shown = view.shown_lines()
    assert shown and all(line.source == tag for line in shown)
    count = len(shown)
    qtbot.waitUntil(lambda: len(view.shown_lines()) > count, timeout=5000)
    assert all(line.source == tag for line in view.shown_lines())

    view.source.setCurrentIndex(0)

    docker(1, "service", "scale", "--detach", f"{name}=1")  # slot 2 goes away: its lines stay

    def slot_two_running():
        tasks = window.store.get("tasks").values()
        return any(t.service_id == service_id and t.slot == 2 and t.state == "running" for t in tasks)

    before = [line for line in view.ring.lines if line.source == tag]
    qtbot.waitUntil(lambda: not slot_two_running(), timeout=15000)
    count = len(view.ring.lines)
    qtbot.waitUntil(lambda: len(view.ring.lines) > count + 2, timeout=5000)
    assert [line for line in view.ring.lines if line.source == tag][: len(before)] == before
    assert view.source.findData(tag) > 0 and _following(view)

    window.close_detail(window.tabs.indexOf(detail))
    assert logs.view._stream is None
