"""The node detail's Monitoring tab on the recorded cluster, without a swarm: what the node's tasks reserve
and their limits (from the store, followed through task diffs) in words and as lines on the CPU and
memory charts; without a session it says so; with a session whose profile knows no engine address for
the node it says how to give one (Connect host), once, with no error dialog. Live usage needs the
engine: tests/gui/test_node_monitor.py."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtWidgets import QMessageBox

from crane_desktop.engine.diff import Diff
from crane_desktop.engine.profiles import Profile
from crane_desktop.session import ClusterSession
from crane_desktop.views.charts import BinaryAxis
from crane_desktop.views.node_detail import NodeDetail
from crane_desktop.views.node_monitor import NodeMonitor
from tests.gui.conftest import by_name

MIB = 1024 * 1024


def open_monitoring(workspace, hostname: str) -> tuple[NodeDetail, NodeMonitor]:
    detail = workspace.open_node(by_name("nodes", hostname).id)
    detail.tabs.setCurrentWidget(detail.monitoring)
    return detail, detail.monitoring


def line_levels(monitor: NodeMonitor) -> dict[tuple[str, str], float]:
    """The height of each reference line drawn on the charts (both ends level)."""
    levels = {}
    for key, line in monitor.charts._lines.items():
        xs, ys = line.getData()
        assert len(ys) == 2 and ys[0] == ys[1] and xs[0] < xs[1]
        levels[key] = float(ys[0])
    return levels


def test_without_a_session_it_says_not_connected_and_draws_the_reservations(workspace, qtbot):
    detail, monitor = open_monitoring(workspace, "node-1")
    qtbot.waitUntil(lambda: monitor.state == "not-connected")
    assert monitor.unavailable.isVisible()
    assert monitor.unavailable.message.text() == (
        "Not connected: live usage is measured through the cluster's connection."
    )
    assert not monitor.unavailable.connect_button.isVisible()  # no address would help
    assert monitor.summary.text() == (
        "Reserved by its 3 task(s): 0 of 2 CPUs and 16.0 MiB of 23.5 GiB of memory. Their limits: 0.5 CPU."
    )
    # 0.5 CPUs of the node's 2 is 25 %; no CPU is reserved and no memory limited: no line for those
    assert line_levels(monitor) == {("cpu", "limits"): 25.0, ("mem", "reserved"): 16.0 * MIB}
    assert monitor.charts.plots["cpu"].getPlotItem().titleLabel.text == "CPU % of 2 CPU(s)"
    assert monitor.charts.plots["mem"].getPlotItem().titleLabel.text == "Memory of 23.5 GiB"
    assert monitor.monitor is None and monitor.charts.series == {}
    assert detail.findChild(QMessageBox) is None


def test_a_task_diff_moves_the_lines_in_place(workspace, recorded_context):
    detail, monitor = open_monitoring(workspace, "node-1")
    node = by_name("nodes", "node-1")
    task = next(
        t
        for t in recorded_context.store.get("tasks").values()
        if t.node_id == node.id and t.desired_state == "running" and t.raw["Spec"]["Resources"]["Limits"]
    )
    spec = dict(task.raw["Spec"])
    spec["Resources"] = {
        "Reservations": {"NanoCPUs": 1_000_000_000, "MemoryBytes": 64 * MIB},
        "Limits": {"MemoryBytes": 256 * MIB},
    }
    recorded_context.store.apply(
        "tasks", Diff(changed={task.id: dataclasses.replace(task, raw={**task.raw, "Spec": spec})})
    )
    assert monitor.summary.text() == (
        "Reserved by its 3 task(s): 1 of 2 CPUs and 64.0 MiB of 23.5 GiB of memory. Their limits: 256.0 MiB."
    )
    assert line_levels(monitor) == {
        ("cpu", "reserved"): 50.0,
        ("mem", "reserved"): 64.0 * MIB,
        ("mem", "limits"): 256.0 * MIB,
    }
    assert workspace.tabs.currentWidget() is detail


def unopened_session(context, **nodes: str):
    """A session (never opened) of a profile that knows the engine addresses `nodes` (by hostname)."""
    session = ClusterSession(Profile("recorded", ("tcp://127.0.0.1:1",), nodes=nodes), context)
    context.session = session
    return session


@pytest.fixture
def session_without_node_engines(recorded_context):
    """Crane knows no node's engine address: it cannot reach them."""
    session = unopened_session(recorded_context)
    yield session
    recorded_context.session = None
    session.close()


@pytest.fixture
def session_not_answering(recorded_context):
    """node-4's engine address is known, but nothing answers there (nor at the manager's)."""
    session = unopened_session(recorded_context, **{"node-4": "tcp://127.0.0.1:1"})
    yield session
    recorded_context.session = None
    session.close()


def test_a_node_whose_engine_address_is_unknown_says_connect_host(
    workspace, qtbot, session_without_node_engines
):
    detail, monitor = open_monitoring(workspace, "node-4")
    qtbot.waitUntil(lambda: monitor.state == "no-endpoint", timeout=5000)
    assert monitor.unavailable.message.text() == (
        "The engine address of node-4 is not known, so what its containers use cannot be measured. "
        "Use “Connect host” to give it."
    )
    assert monitor.unavailable.connect_button.isVisible() and monitor.unavailable.retry_button.isVisible()
    assert monitor.monitor is None  # ended, nothing left running
    assert line_levels(monitor) == {("cpu", "limits"): 25.0, ("mem", "reserved"): 16.0 * MIB}
    # the detail's poll tries again: the same one sentence, no dialog, nothing piles up
    detail.refresh_current()
    qtbot.waitUntil(lambda: monitor.monitor is None, timeout=5000)
    assert monitor.state == "no-endpoint" and detail.findChild(QMessageBox) is None
    assert monitor.unavailable.message.text().startswith("The engine address of node-4 is not known")


def test_an_engine_that_does_not_answer_says_unreachable_once(workspace, qtbot, session_not_answering):
    detail, monitor = open_monitoring(workspace, "node-4")
    qtbot.waitUntil(lambda: monitor.state == "unreachable", timeout=5000)
    text = monitor.unavailable.message.text()
    assert text.startswith("unreachable: ") and "127.0.0.1:1" in text
    assert monitor.unavailable.retry_button.isVisible() and monitor.monitor is None
    assert detail.findChild(QMessageBox) is None


def test_closing_the_detail_closes_the_monitoring(workspace):
    detail, monitor = open_monitoring(workspace, "node-1")
    workspace.close_detail(workspace.tabs.indexOf(detail))
    assert monitor.closed and monitor.monitor is None


def test_byte_axes_count_in_the_units_the_forms_use(workspace):
    """The memory, network and disk axes say MiB as the summary does, with ticks at round MiB (pyqtgraph
    alone wrote "(MB)" in powers of 1000: the 256 MiB reservation sat at 268 MB)."""
    _detail, monitor = open_monitoring(workspace, "node-1")
    for key in ("mem", "net", "blk"):
        axis = monitor.charts.plots[key].getAxis("left")
        assert isinstance(axis, BinaryAxis) and "MB" not in axis.labelString()
    axis = monitor.charts.plots["mem"].getAxis("left")
    (major, _), *_ = axis.tickSpacing(0, 300 * MIB, 200)
    assert major % MIB == 0 and (major // MIB) in (50, 100, 200)
    assert axis.tickStrings([0, 128 * MIB, 256 * MIB], 1, 128 * MIB) == ["0 MiB", "128 MiB", "256 MiB"]
    assert axis.tickStrings([0, 512, 1024 - 1], 1, 512) == ["0 B", "512 B", "1023 B"]
    assert axis.tickStrings([0, 1.5 * 1024**3], 1, 1.5 * 1024**3) == ["0 GiB", "1.5 GiB"]
