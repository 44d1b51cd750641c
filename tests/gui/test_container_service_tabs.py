"""The service detail's Logs and Monitoring tabs against a service with two tasks on two nodes."""

from __future__ import annotations

import csv

import pytest

from crane_desktop.views.charts import TOTAL, ServiceCharts
from crane_desktop.views.log_view import ServiceLogs
from tests.swarm import IMAGE, docker, unique, wait_until


@pytest.fixture(scope="module")
def two_task_service():
    name = unique("tabs")
    docker(
        1,
        "service",
        "create",
        "--detach",
        "--name",
        name,
        "--replicas",
        "2",
        "--replicas-max-per-node",
        "1",
        "--constraint",
        "node.role==manager",
        IMAGE,
        "sh",
        "-c",
        'i=0; while true; do echo "WARN tick $i"; i=$((i+1)); sleep 0.5; done',
    )
    try:
        service_id = docker(1, "service", "inspect", "--format", "{{.ID}}", name)
        wait_until(
            lambda: docker(
                1, "service", "ls", "--filter", f"name={name}", "--format", "{{.Replicas}}"
            ).startswith("2/2"),
            60,
            "two running tasks",
        )
        yield name, service_id
    finally:
        docker(1, "service", "rm", name, check=False)


def _tab(detail, cls):
    return next(widget for widget in detail.extra_tabs if isinstance(widget, cls))


def _open(qtbot, window, service_id):
    qtbot.waitUntil(lambda: service_id in window.store.get("services"), timeout=10000)

    def running():
        tasks = window.store.get("tasks").values()
        return [t for t in tasks if t.service_id == service_id and t.state == "running"]

    qtbot.waitUntil(lambda: len(running()) == 2, timeout=20000)
    return window.open_service(service_id)


def test_service_logs_tagged_per_task(qtbot, connected_window, two_task_service):
    name, service_id = two_task_service
    detail = _open(qtbot, connected_window, service_id)
    logs = _tab(detail, ServiceLogs)
    assert logs.view._stream is None  # nothing streams before the tab is shown
    detail.tabs.setCurrentWidget(logs)
    qtbot.waitUntil(lambda: len({line.source for line in logs.view.shown_lines()}) == 2, timeout=15000)
    sources = {line.source for line in logs.view.shown_lines()}
    hosts = {node.hostname for node in connected_window.store.get("nodes").values()}
    for source in sources:
        service_slot, host = source.split("@")
        assert service_slot.rsplit(".", 1)[0] == name and service_slot.rsplit(".", 1)[1] in ("1", "2")
        assert host in hosts
    assert all(line.level == "warning" for line in logs.view.shown_lines())
    combo = logs.view.source
    assert {combo.itemData(i) for i in range(1, combo.count())} == sources
    connected_window.close_detail(connected_window.tabs.indexOf(detail))
    assert logs.view._stream is None


def test_service_charts_one_series_per_task_and_total(qtbot, connected_window, two_task_service, tmp_path):
    name, service_id = two_task_service
    detail = _open(qtbot, connected_window, service_id)
    charts = _tab(detail, ServiceCharts)
    assert not charts.streams
    detail.tabs.setCurrentWidget(charts)
    qtbot.waitUntil(lambda: len(charts.streams) == 2, timeout=5000)
    qtbot.waitUntil(
        lambda: len(charts.series) == 3 and all(len(s.t) >= 2 for s in charts.series.values()), timeout=15000
    )
    labels = {s.label for key, s in charts.series.items() if key != TOTAL}
    assert all(label.startswith(f"{name}.") for label in labels)
    total = charts.series[TOTAL]
    assert total.values["mem"][-1] > 0
    curve = charts._curves[(TOTAL, "mem")]
    qtbot.waitUntil(
        lambda: curve.getData()[0] is not None and len(curve.getData()[0]) >= 2, timeout=3000
    )  # the curve on screen got them
    path = tmp_path / "samples.csv"
    rows = charts.export_csv(str(path))
    with open(path, encoding="utf-8") as f:
        records = list(csv.DictReader(f))
    assert len(records) == rows >= 6
    assert {r["series"] for r in records} == {*labels, "Total"}
    connected_window.close_detail(connected_window.tabs.indexOf(detail))
    assert not charts.streams
