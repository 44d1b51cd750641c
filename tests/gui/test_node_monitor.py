"""The node detail's Monitoring tab against the real swarm: node-1's charts get measurements of its
containers (a busy one of ours among them) through its own engine, and closing the detail stops the
monitor's thread at once."""

from __future__ import annotations

import threading

from crane_desktop.views.node_monitor import USED
from tests.swarm import IMAGE, docker, node_id, unique


def test_node1s_charts_measure_its_containers_and_closing_stops_at_once(connected_window, qtbot):
    window = connected_window
    name = unique("nodemon")
    docker(1, "run", "--detach", "--name", name, IMAGE, "sh", "-c", "while true; do :; done")
    try:
        before = set(threading.enumerate())
        detail = window.open_node(node_id("node-1"))
        detail.tabs.setCurrentWidget(detail.monitoring)
        monitor = detail.monitoring
        # the busy container's CPU shows from the second measurement (the first is the baseline)
        qtbot.waitUntil(lambda: monitor.usage is not None and monitor.usage.cpus > 0.01, timeout=15000)
        usage = monitor.usage
        assert usage.containers >= 1 and usage.memory_bytes > 0
        assert usage.engine_cpus >= 1 and usage.engine_memory_bytes > 0  # the engine's /info
        assert monitor.state == "measuring" and not monitor.unavailable.isVisible()
        assert f"In use now: {usage.cpus:.2f} CPUs and " in monitor.summary.text()
        qtbot.waitUntil(lambda: USED in monitor.charts.series, timeout=5000)  # drawn at the next flush
        assert monitor.charts.series[USED].values["cpu"][-1] > 0

        worker = monitor.monitor
        assert worker is not None and worker.running
        threads = [t for t in threading.enumerate() if t not in before and t.name.startswith("usage-")]
        assert len(threads) == 1  # one worker for the node, not a stream per container
        window.close_detail(window.tabs.indexOf(detail))
        assert monitor.monitor is None
        assert worker.wait_stopped(10)  # its thread ends on its own (stop() itself never waits:
        assert not threads[0].is_alive()  # tests/integration/test_stop_at_once.py)
    finally:
        docker(1, "rm", "--force", name, check=False)
