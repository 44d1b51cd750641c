"""The charts widget on its own: curves fed once a second, the total, the time window, hover, CSV."""

from __future__ import annotations

import csv
import time

from PySide6.QtCore import QPointF

from crane_desktop.engine.stats import Rates, Sample
from crane_desktop.views.charts import TOTAL, ChartsWidget


def _sample(t: float, cpu: float, mem: int) -> Sample:
    return Sample(t, cpu, mem, 1000, 0, 0, 0, 0)


def test_series_total_window_and_csv(qtbot, tmp_path):
    charts = ChartsWidget(with_total=True)
    qtbot.addWidget(charts)
    charts.resize(1000, 700)
    charts.show()
    now = time.time()
    rates = Rates(100.0, 50.0, 0.0, 0.0)
    charts.sink("a", "web.1@node-1", _sample(now - 600, 1.0, 10), rates)  # ten minutes ago
    for i in range(3):
        charts.sink("a", "web.1@node-1", _sample(now - 2 + i, 10.0, 100), rates)
        charts.sink("b", "web.2@node-2", _sample(now - 2 + i, 30.0, 300), rates)
    charts.flush()
    assert set(charts.series) == {"a", "b", TOTAL}
    total = charts.series[TOTAL]
    assert total.values["cpu"][-1] == 40.0 and total.values["mem"][-1] == 400.0
    assert total.values["net_rx"][-1] == 200.0
    xs, _ys = charts._curves[("a", "cpu")].getData()
    assert len(xs) == 3  # the 5-minute window leaves the old sample out
    charts.window_combo.setCurrentIndex(charts.window_combo.findData(3600))
    xs, _ys = charts._curves[("a", "cpu")].getData()
    assert len(xs) == 4
    mem = charts._curves[("a", "mem")]
    qtbot.waitUntil(
        lambda: mem.getData()[0] is not None and len(mem.getData()[0]) == 4, timeout=2000
    )  # the other plots, a frame each
    path = tmp_path / "samples.csv"
    assert charts.export_csv(str(path)) == 4 + 3 + 1
    with open(path, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert rows[0]["series"] == "web.1@node-1" and float(rows[0]["cpu_percent"]) == 1.0
    plot = charts.plots["cpu"]
    view = plot.getPlotItem().vb
    scene_pos = view.mapViewToScene(QPointF(now - 1, 20.0))
    charts._hovered(plot, "cpu", scene_pos)
    assert "web.1@node-1: 10.0%" in charts.hover.text()
    assert "web.2@node-2: 30.0%" in charts.hover.text()


def test_many_tasks_draw_the_busiest_and_the_total(qtbot):
    charts = ChartsWidget(with_total=True)
    qtbot.addWidget(charts)
    charts.show()
    now = time.time()
    for i in range(14):
        charts.sink(f"t{i}", f"web.{i}@node-1", _sample(now, float(i), 100), Rates(0.0, 0.0, 0.0, 0.0))
    charts.flush()
    drawn = {key for (key, name) in charts._curves if name == "cpu"}
    assert drawn == {TOTAL} | {f"t{i}" for i in range(4, 14)}
    assert len(charts.plots["cpu"].getPlotItem().listDataItems()) == 11  # no hidden curves left behind
    for i in range(14):  # the quiet ones get busy: the curves follow the busiest
        charts.sink(
            f"t{i}", f"web.{i}@node-1", _sample(now + 1, float(20 - i), 100), Rates(0.0, 0.0, 0.0, 0.0)
        )
    charts.flush()
    assert {key for (key, name) in charts._curves if name == "cpu"} == {TOTAL} | {f"t{i}" for i in range(10)}
    assert len(charts.plots["cpu"].getPlotItem().listDataItems()) == 11
    assert charts.crowd.text() == "Showing the 10 busiest of 14 tasks and the total; hover for every task."
