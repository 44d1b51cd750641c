"""Live monitoring charts (pyqtgraph): CPU %, memory, network and block I/O rates, 1 s samples.

Curves are created once per series and fed with setData on a 1 s timer; stats streams (one per container,
on the container's own node engine) only queue samples. A window of the last 5 / 15 / 60 minutes; values
under the mouse; CSV export. A service gets one series per running task and a total.
"""

from __future__ import annotations

import bisect
import csv
import itertools
import threading
import time
import zlib
from collections import deque
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crane_desktop import bridge
from crane_desktop.engine.formatting import byte_size, clock_time, cpu_percent
from crane_desktop.engine.snapshots import Task
from crane_desktop.engine.stats import Rates, Sample, StatsStream
from crane_desktop.messages import reason_text, sentences

if TYPE_CHECKING:
    from crane_desktop.views.context import ClusterContext

HISTORY = 3600  # samples kept per series: 60 minutes at 1 Hz
MAX_CURVES = 10  # task series drawn at once (the busiest), besides the total
FRAME_MS = 16
TOTAL = "total"
# (key, title, unit) of the four charts; each series has these values per sample.
FIELDS = ("cpu", "mem", "net_rx", "net_tx", "blk_read", "blk_write")


def _titles() -> list[tuple[str, str, tuple[str, ...]]]:
    return [
        ("cpu", QCoreApplication.translate("Charts", "CPU %"), ("cpu",)),
        ("mem", QCoreApplication.translate("Charts", "Memory"), ("mem",)),
        ("net", QCoreApplication.translate("Charts", "Network rx / tx per second"), ("net_rx", "net_tx")),
        (
            "blk",
            QCoreApplication.translate("Charts", "Block I/O read / write per second"),
            ("blk_read", "blk_write"),
        ),
    ]


DISTINCT = (
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#ff7f0e",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
    "#7f7f7f",
)


def series_colour(key: str, index: int = -1) -> QColor:
    """Distinct colours for the first series in order of arrival, then hashed; the total in black."""
    if key == TOTAL:
        return QColor(30, 30, 30)
    if 0 <= index < len(DISTINCT):
        return QColor(DISTINCT[index])
    return QColor.fromHsl(zlib.crc32(key.encode()) % 360, 170, 110)


def sample_values(sample: Sample, rates: Rates) -> dict[str, float]:
    """One sample as the charts' fields."""
    row = (
        sample.cpu_percent,
        float(sample.mem_usage),
        rates.net_rx,
        rates.net_tx,
        rates.blk_read,
        rates.blk_write,
    )
    return dict(zip(FIELDS, row, strict=True))


def summed(
    lasts: Iterable[tuple[float, dict[str, float]] | None], window: float = 3.0
) -> tuple[float, dict[str, float]] | None:
    """The sum of the newest samples of several series at the newest one's time: a series whose last
    sample is more than `window` seconds older (its container stopped) counts no more."""
    present = [last for last in lasts if last is not None]
    if not present:
        return None
    newest = max(t for t, _values in present)
    total: dict[str, float] = dict.fromkeys(FIELDS, 0.0)
    for t, values in present:
        if newest - t <= window:
            for name, value in values.items():
                total[name] += value
    return newest, total


class Series:
    """The samples of one container (or the total), newest last."""

    def __init__(self, key: str, label: str) -> None:
        self.key = key
        self.label = label
        self.t: deque[float] = deque(maxlen=HISTORY)
        self.values: dict[str, deque[float]] = {name: deque(maxlen=HISTORY) for name in FIELDS}
        self.mem_limit = 0

    def add(self, sample: Sample, rates: Rates) -> None:
        self.append(sample.t, sample_values(sample, rates))
        self.mem_limit = sample.mem_limit

    def append(self, t: float, values: dict[str, float]) -> None:
        self.t.append(t)
        for name in FIELDS:
            self.values[name].append(values[name])

    def last(self) -> tuple[float, dict[str, float]] | None:
        if not self.t:
            return None
        return self.t[-1], {name: values[-1] for name, values in self.values.items()}


class SampleInbox:
    """Samples the stats threads queue for the next redraw; they hold this, never the widget."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._samples: list[tuple[str, str, Sample, Rates]] = []

    def put(self, key: str, label: str, sample: Sample, rates: Rates) -> None:
        with self._lock:
            self._samples.append((key, label, sample, rates))

    def take(self) -> list[tuple[str, str, Sample, Rates]]:
        with self._lock:
            samples, self._samples = self._samples, []
        return samples


class BinaryAxis(pg.AxisItem):
    """A bytes axis in the units the rest of the app writes (KiB, MiB, GiB: powers of 1024): ticks at
    round numbers of the unit that fits the range, each labelled with it ("256 MiB"), where
    pyqtgraph's own SI prefixes would say "(MB)" in powers of 1000 beside a form saying MiB."""

    def __init__(self, orientation: str) -> None:
        super().__init__(orientation)
        self.enableAutoSIPrefix(False)

    @staticmethod
    def unit_for(largest: float) -> tuple[int, str]:
        size, name = 1, "B"
        for next_name in ("KiB", "MiB", "GiB", "TiB"):
            if largest < size * 1024:
                break
            size, name = size * 1024, next_name
        return size, name

    def tickSpacing(self, minVal: float, maxVal: float, size: float) -> list[tuple[float, float]]:
        unit, _ = self.unit_for(max(abs(minVal), abs(maxVal)))
        levels = super().tickSpacing(minVal / unit, maxVal / unit, size)
        return [(spacing * unit, offset * unit) for spacing, offset in levels]

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        unit, name = self.unit_for(max((abs(v) for v in values), default=0.0))
        return [f"{v / unit:g} {name}" for v in values]


class ChartsWidget(QWidget):
    """Four plots sharing the time axis; `sink(key, label, sample, rates)` may be called from any thread."""

    def __init__(self, parent: QWidget | None = None, with_total: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("charts")
        self.with_total = with_total
        self.series: dict[str, Series] = {}
        self.inbox = SampleInbox()  # what stream threads are given, never this widget
        self._curves: dict[tuple[str, str], pg.PlotDataItem] = {}
        self._titles: dict[str, str] = {}
        self.window_combo = QComboBox(self)
        self.window_combo.setObjectName("chartWindow")
        for minutes in (5, 15, 60):
            # the class's own context: PySide's self.tr looks a plural up under the subclass's name
            label = QCoreApplication.translate("ChartsWidget", "Last %n minute(s)", "", minutes)
            self.window_combo.addItem(label, minutes * 60)
        self.export_button = QPushButton(self.tr("Export CSV…"), self)
        self.export_button.setObjectName("chartExport")
        self.export_button.clicked.connect(self._ask_export)
        self.hover = QLabel(self)
        self.hover.setObjectName("chartHover")
        self.note = QLabel(self)
        self.note.setObjectName("chartNote")
        self.note.setWordWrap(True)
        self.note.hide()
        self.crowd = QLabel(self)
        self.crowd.setObjectName("chartCrowd")
        self.crowd.hide()
        bar = QHBoxLayout()
        bar.addWidget(self.window_combo)
        bar.addWidget(self.export_button)
        bar.addWidget(self.hover, 1)
        grid = QGridLayout()
        self.plots: dict[str, pg.PlotWidget] = {}
        for index, (key, title, _fields) in enumerate(_titles()):
            axes: dict[str, pg.AxisItem] = {"bottom": pg.DateAxisItem()}
            if key in ("mem", "net", "blk"):
                axes["left"] = BinaryAxis("left")
            plot = pg.PlotWidget(self, axisItems=axes)
            plot.showGrid(x=True, y=True, alpha=0.2)
            plot.setMouseEnabled(x=False, y=False)
            plot.getViewBox().setLimits(yMin=0, minYRange=1)
            plot.addLegend(offset=(5, 5))
            plot.scene().sigMouseMoved.connect(lambda pos, p=plot, k=key: self._hovered(p, k, pos))
            self.plots[key] = plot
            self._titles[key] = title
            grid.addWidget(plot, index // 2, index % 2)
        self._apply_palette()
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.note)
        layout.addWidget(self.crowd)
        layout.addLayout(grid, 1)
        self.window_combo.currentIndexChanged.connect(self.redraw)
        self._span = (0.0, 0.0)
        self._unrefreshed: list[tuple[str, tuple[str, ...]]] = []  # (plot key, its fields) still to refresh
        self._stagger = QTimer(self)
        self._stagger.setInterval(FRAME_MS)
        self._stagger.timeout.connect(self._refresh_next_plot)
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.flush)
        self._timer.start()

    def set_title(self, key: str, title: str) -> None:
        self._titles[key] = title
        self.plots[key].setTitle(title, color=self.palette().color(QPalette.ColorRole.Text), size="10pt")

    def _apply_palette(self) -> None:
        """The plots in the theme's colours (a white plot in the dark theme glared): background, titles,
        axes, legends and the total's line; the series keep their distinct colours."""
        palette = self.palette()
        base, text = palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        for key, plot in self.plots.items():
            plot.setBackground(base)
            self.set_title(key, self._titles[key])
            for side in ("left", "bottom"):
                axis = plot.getAxis(side)
                axis.setPen(muted)
                axis.setTextPen(text)
            legend = plot.getPlotItem().legend
            if legend is not None:
                legend.setLabelTextColor(text)
        for (series_key, _name), curve in self._curves.items():
            if series_key == TOTAL:
                pen = pg.mkPen(curve.opts["pen"])
                pen.setColor(text)
                curve.setPen(pen)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange) and self.plots:
            self._apply_palette()

    def sink(self, key: str, label: str, sample: Sample, rates: Rates) -> None:
        self.inbox.put(key, label, sample, rates)

    def flush(self) -> None:
        """Take queued samples (once a second) and redraw."""
        batch = self.inbox.take()
        if not batch:
            return
        for key, label, sample, rates in batch:
            series = self.series.get(key)
            if series is None:
                series = self.series[key] = Series(key, label)
            series.add(sample, rates)
        if self.with_total:
            self._add_total()
        self.redraw()

    def _add_total(self) -> None:
        last = summed(series.last() for key, series in self.series.items() if key != TOTAL)
        if last is None:
            return
        total = self.series.get(TOTAL)
        if total is None:
            total = self.series[TOTAL] = Series(TOTAL, self.tr("Total"))
        if not total.t or total.t[-1] < last[0]:
            total.append(*last)

    def _add_curves(self, series: Series) -> None:
        arrival = [key for key in self.series if key != TOTAL]
        colour = series_colour(series.key, arrival.index(series.key) if series.key in arrival else -1)
        if series.key == TOTAL:  # drawn in the theme's text colour: black on white, light on dark
            colour = self.palette().color(QPalette.ColorRole.Text)
        for key, _title, fields in _titles():
            for index, name in enumerate(fields):
                pen = pg.mkPen(
                    colour,
                    width=2 if series.key == TOTAL else 1.5,
                    style=Qt.PenStyle.DashLine if index else Qt.PenStyle.SolidLine,
                )
                suffix = (
                    ""
                    if len(fields) == 1
                    else (" rx" if name.endswith("rx") else " tx")
                    if key == "net"
                    else (self.tr(" read") if name.endswith("read") else self.tr(" write"))
                )
                # Past a dozen series a legend entry each helps nobody (and costs painting): hover says it.
                legend_name = series.label + suffix if series.key == TOTAL or len(self.series) <= 12 else None
                curve = self.plots[key].plot([], [], pen=pen, name=legend_name, skipFiniteCheck=True)
                self._curves[(series.key, name)] = curve

    def _remove_curves(self, series_key: str) -> None:
        for key, _title, fields in _titles():
            for name in fields:
                curve = self._curves.pop((series_key, name), None)
                if curve is not None:
                    self.plots[key].removeItem(curve)

    def redraw(self) -> None:
        """Curves get the samples inside the window. Past MAX_CURVES tasks only the busiest ones (by CPU)
        have curves, next to the total: a hundred lines help nobody, and every curve a plot holds costs
        painting and auto-ranging even when hidden (the others are in hover and the CSV)."""
        span = self.window_combo.currentData() or 300
        now = max((s.t[-1] for s in self.series.values() if s.t), default=time.time())
        start = now - span
        tasks = [s for key, s in self.series.items() if key != TOTAL]
        shown = {s.key for s in tasks} | {TOTAL}
        if len(tasks) > MAX_CURVES:
            drawn = {key for key, _name in self._curves}

            def busy(series: Series) -> tuple[int, bool]:
                # Whole percents, ties to the ones drawn: idle tasks' noise must not swap curves each second.
                return (round(series.values["cpu"][-1]) if series.t else 0, series.key in drawn)

            busiest = sorted(tasks, key=busy, reverse=True)
            shown = {s.key for s in busiest[:MAX_CURVES]} | {TOTAL}
            self.crowd.setText(
                self.tr("Showing the %1 busiest of %2 tasks and the total; hover for every task.")
                .replace("%1", str(MAX_CURVES))
                .replace("%2", str(len(tasks)))
            )
            self.crowd.show()
        for series_key in {key for key, _name in self._curves} - shown:
            self._remove_curves(series_key)
        for series in self.series.values():
            if series.key in shown and (series.key, FIELDS[0]) not in self._curves:
                self._add_curves(series)
        self._span = (start, now)
        self._unrefreshed = [(key, fields) for key, _title, fields in _titles()]
        self._refresh_next_plot()
        self._stagger.start()

    def _refresh_next_plot(self) -> None:
        """Give one plot its new data. One plot a frame: painting four plots at once stalled the GUI
        thread for tens of ms once a second."""
        if not self._unrefreshed:
            self._stagger.stop()
            return
        key, fields = self._unrefreshed.pop(0)
        start, now = self._span
        for series in self.series.values():
            if (series.key, fields[0]) not in self._curves:
                continue
            times = series.t
            first = bisect.bisect_left(times, start)
            xs = list(itertools.islice(times, first, None))
            for name in fields:
                self._curves[(series.key, name)].setData(
                    xs, list(itertools.islice(series.values[name], first, None))
                )
        self.plots[key].setXRange(start, now, padding=0)

    def _hovered(self, plot: pg.PlotWidget, key: str, pos: object) -> None:
        if not plot.sceneBoundingRect().contains(pos):
            return
        t = plot.getPlotItem().vb.mapSceneToView(pos).x()
        parts = [clock_time(datetime.fromtimestamp(t, UTC))]
        fields = next(f for k, _title, f in _titles() if k == key)
        for series in self.series.values():
            if not series.t:
                continue
            times = series.t
            index = min(range(len(times)), key=lambda i: abs(times[i] - t))
            values = []
            for name in fields:
                value = series.values[name][index]
                values.append(
                    cpu_percent(value)
                    if name == "cpu"
                    else byte_size(int(value)) + ("" if name == "mem" else "/s")
                )
            parts.append(f"{series.label}: {' / '.join(values)}")
        self.hover.setText("   ".join(parts))

    def export_csv(self, path: str) -> int:
        """Every retained sample, one row per series and time; returns the row count."""
        rows = 0
        with open(path, "w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(
                [
                    "time",
                    "series",
                    "cpu_percent",
                    "memory_bytes",
                    "net_rx_bytes_per_s",
                    "net_tx_bytes_per_s",
                    "block_read_bytes_per_s",
                    "block_write_bytes_per_s",
                ]
            )
            for series in self.series.values():
                for i, t in enumerate(series.t):
                    stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(t)) + f".{int(t % 1 * 1000):03d}Z"
                    writer.writerow(
                        [stamp, series.label, *(f"{series.values[name][i]:.3f}" for name in FIELDS)]
                    )
                    rows += 1
        return rows

    def _ask_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export samples"), "samples.csv", "CSV (*.csv)")
        if path:
            self.export_csv(path)


class ContainerCharts(ChartsWidget):
    """One container's charts, streamed from its node's engine while the tab exists."""

    def __init__(self, parent: QWidget | None, client_factory: Callable, container_id: str) -> None:
        super().__init__(parent)
        self.container_id = container_id
        inbox, label = self.inbox, container_id[:12]  # the stream thread gets the inbox, not the widget
        self.stream = StatsStream(
            client_factory,
            container_id,
            lambda cid, sample, rates: inbox.put(cid, label, sample, rates),
            bridge.relay(self.show_end),
        ).start()

    def show_end(self, error: object) -> None:
        """Say that the charts stopped (the container or its engine went away), not freeze silently."""
        reason = reason_text(error)
        self.note.setText(sentences(self.tr("The stats stream ended."), reason))
        self.note.show()

    def close_streams(self) -> None:
        self.stream.stop()


class TaskCharts(ChartsWidget):
    """Charts fed by one stats stream per running task that `covers` (on the task's own node engine),
    from the first time the tab is on screen; streams of tasks that stop or leave are stopped."""

    def __init__(self, context: ClusterContext, parent: QWidget | None = None) -> None:
        super().__init__(parent, with_total=True)
        self.context = context
        self.store = context.store
        self.streams: dict[str, StatsStream] = {}  # task id -> stream
        self._started = False
        self.store.changed.connect(self._store_changed)

    def covers(self, task: Task) -> bool:
        """Whether the task's container belongs on these charts."""
        raise NotImplementedError

    def sample_key(self, task: Task) -> str:
        """The key its samples are queued under (the task id: a series per task)."""
        return task.id

    def showEvent(self, event) -> None:
        """Stream from the first time the tab is on screen (streams only for what is shown)."""
        super().showEvent(event)
        if not self._started:
            self._started = True
            self._sync()

    def _store_changed(self, kind: str, change: object) -> None:
        if self._started and kind in ("tasks", "nodes", "services"):
            self._sync()

    def task_label(self, task: Task) -> str:
        """`service.slot@host`, as the service's log lines are tagged."""
        service = self.store.get("services").get(task.service_id)
        node = self.store.get("nodes").get(task.node_id)
        name = service.name if service else task.service_id[:12]
        return f"{name}.{task.slot or task.id[:6]}@{node.hostname if node else task.node_id[:12]}"

    def _sync(self) -> None:
        """Streams for the running tasks covered; stop those of tasks that went away."""
        store = self.store
        running = {
            t.id: t
            for t in store.get("tasks").values()
            if t.state == "running" and t.container_id and self.covers(t)
        }
        for task_id in list(self.streams):
            if task_id not in running:
                self.streams.pop(task_id).stop(join=0)
        cluster = self.context.cluster
        missing = []
        add = self.inbox.put  # the stream threads get the inbox, never this widget
        for task in running.values():
            if task.id in self.streams or cluster is None:
                continue
            node = store.get("nodes").get(task.node_id)
            if node is None:
                continue
            if not cluster.node_endpoint(node) and not _is_manager_node(cluster, node):
                missing.append(self.task_label(task))
                continue
            label, key = self.task_label(task), self.sample_key(task)
            opener = self.context.node_stream_client(node)
            if opener is None:  # the cluster is there (checked above), so never: for the type checker
                continue

            def sink(cid, sample, rates, key=key, label=label, add=add):
                add(key, label, sample, rates)

            self.streams[task.id] = StatsStream(opener, task.container_id, sink).start()
        if missing:
            self.note.setText(
                self.tr("No endpoint — connect host: %1").replace("%1", ", ".join(sorted(missing)))
            )
        self.note.setVisible(bool(missing))

    def close_streams(self) -> None:
        self.store.changed.disconnect(self._store_changed)
        for stream in self.streams.values():
            stream.stop(join=0)
        self.streams.clear()


class ServiceCharts(TaskCharts):
    """A service's charts: one series per running task and a total."""

    def __init__(self, context: ClusterContext, service_id: str, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.service_id = service_id
        self.setObjectName("serviceCharts")

    def covers(self, task: Task) -> bool:
        return task.service_id == self.service_id


class AppCharts(TaskCharts):
    """An app's charts: one series per service, the sum of its running tasks, and a total.

    Each task's stream queues its samples under "service id/task id"; once a second the newest sample of
    every task of a service is summed into that service's series."""

    def __init__(self, context: ClusterContext, app: str, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.app = app
        self.setObjectName("appCharts")
        self._latest: dict[str, dict[str, tuple[float, dict[str, float]]]] = {}  # service -> task -> last

    def covers(self, task: Task) -> bool:
        service = self.store.get("services").get(task.service_id)
        return service is not None and service.stack == self.app

    def sample_key(self, task: Task) -> str:
        return f"{task.service_id}/{task.id}"

    def flush(self) -> None:
        """Take the tasks' queued samples (once a second), sum them per service and redraw."""
        batch = self.inbox.take()
        if not batch:
            return
        touched: set[str] = set()
        for key, _label, sample, rates in batch:
            service_id, _, task_id = key.partition("/")
            self._latest.setdefault(service_id, {})[task_id] = (sample.t, sample_values(sample, rates))
            touched.add(service_id)
        services = self.store.get("services")
        for service_id in touched:
            last = summed(self._latest[service_id].values())
            series = self.series.get(service_id)
            if last is None or (series is not None and series.t and series.t[-1] >= last[0]):
                continue
            if series is None:
                service = services.get(service_id)
                name = service.name if service else service_id[:12]
                series = self.series[service_id] = Series(service_id, name)
            series.append(*last)
        for tasks in self._latest.values():  # the last samples of stopped tasks count no more
            for task_id in [t for t in tasks if t not in self.streams]:
                del tasks[task_id]
        self._add_total()
        self.redraw()


def _is_manager_node(cluster, node) -> bool:
    report = cluster.report
    return bool(report and (report.info.get("Swarm") or {}).get("NodeID") == node.id)
