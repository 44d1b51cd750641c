"""The node detail's Monitoring tab: what the node's containers use now, beside what its tasks reserve.

CPU (as a percent of the node's CPUs), memory, network and block I/O of the node's running containers,
summed, from one `UsageMonitor` (engine/usage_monitor.py) per open node detail, started the first time
the tab is shown and stopped (at once) when the detail closes. The reservations and limits of the tasks
placed on the node come from the store (engine/capacity.py `node_capacities`) and are drawn as lines on
the CPU and memory charts, so the operator sees reserved against used. A node whose engine Crane cannot
reach says how to make it reachable (Connect host); the lines are drawn all the same.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from crane_desktop import bridge
from crane_desktop.engine.capacity import NodeCapacity, Usage, node_capacities
from crane_desktop.engine.errors import NoNodeEndpoint
from crane_desktop.engine.formatting import byte_size, cpu_amount, cpu_load
from crane_desktop.engine.stats import Rates, Sample
from crane_desktop.engine.usage_monitor import SAMPLERS, UsageMonitor
from crane_desktop.messages import sentences
from crane_desktop.views.charts import ChartsWidget
from crane_desktop.views.dialogs import failure_text
from crane_desktop.views.host_unavailable import Unavailable
from crane_desktop.views.operations import operation_slot

if TYPE_CHECKING:
    from crane_desktop.engine.snapshots import Node
    from crane_desktop.views.context import ClusterContext

MIB = 1024 * 1024
USED = "used"  # the one series: the node's containers summed
RESERVED_PEN = pg.mkPen("#ff7f0e", width=2, style=Qt.PenStyle.DashLine)
LIMITS_PEN = pg.mkPen("#d62728", width=1.5, style=Qt.PenStyle.DotLine)


class NodeCharts(ChartsWidget):
    """The four charts of one node, with the reserved and limit lines on the CPU and memory charts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("nodeCharts")
        self.capacity: NodeCapacity | None = None
        self.engine_cpus = 0  # from the engine's /info once measured; the swarm's figure until then
        self.engine_memory = 0
        # (plot key, "reserved" or "limits") -> its line's value; the lines drawn now
        self.references: dict[tuple[str, str], float] = {}
        self._lines: dict[tuple[str, str], pg.PlotDataItem] = {}

    def cpus(self) -> float:
        """The node's CPUs: the engine's count, else the swarm's."""
        return float(self.engine_cpus) or (self.capacity.total.cpus if self.capacity else 0.0)

    def memory(self) -> int:
        return self.engine_memory or (self.capacity.total.memory_bytes if self.capacity else 0)

    def set_capacity(self, capacity: NodeCapacity) -> None:
        """Redraw the lines only when the node's figures changed (task diffs come many a second)."""
        if capacity == self.capacity:
            return
        self.capacity = capacity
        self._update_references()

    def add_usage(self, usage: Usage, label: str) -> None:
        """Queue one measurement (drawn at the next flush) as a sample of the series `USED`."""
        if (usage.engine_cpus, usage.engine_memory_bytes) != (self.engine_cpus, self.engine_memory):
            self.engine_cpus, self.engine_memory = usage.engine_cpus, usage.engine_memory_bytes
            self._update_references()
        cpus = self.cpus()
        sample = Sample(
            t=usage.t,
            cpu_percent=100.0 * usage.cpus / cpus if cpus else 0.0,
            mem_usage=usage.memory_bytes,
            mem_limit=self.memory(),
            net_rx=0,
            net_tx=0,
            blk_read=0,
            blk_write=0,
        )
        self.sink(USED, label, sample, Rates(usage.net_rx, usage.net_tx, usage.blk_read, usage.blk_write))

    def _update_references(self) -> None:
        capacity = self.capacity
        if capacity is None:
            return
        cpus = self.cpus()
        percent = 100.0 / cpus if cpus else 0.0
        self.references = {
            key: value
            for key, value in {
                ("cpu", "reserved"): capacity.reserved.cpus * percent,
                ("cpu", "limits"): capacity.limits.cpus * percent,
                ("mem", "reserved"): float(capacity.reserved.memory_bytes),
                ("mem", "limits"): float(capacity.limits.memory_bytes),
            }.items()
            if value > 0
        }
        self.set_title("cpu", self.tr("CPU % of %n CPU(s)", "", round(cpus)) if cpus else self.tr("CPU %"))
        memory = self.memory()
        self.set_title(
            "mem", self.tr("Memory of %1").replace("%1", byte_size(memory)) if memory else self.tr("Memory")
        )
        self.redraw()

    def redraw(self) -> None:
        super().redraw()
        start, now = self._span
        names = {"reserved": self.tr("Reserved"), "limits": self.tr("Limits")}
        for key in set(self._lines) - set(self.references):
            self.plots[key[0]].removeItem(self._lines.pop(key))
        for key, value in self.references.items():
            line = self._lines.get(key)
            if line is None:
                pen = RESERVED_PEN if key[1] == "reserved" else LIMITS_PEN
                line = self._lines[key] = self.plots[key[0]].plot([], [], pen=pen, name=names[key[1]])
            line.setData([start, now], [value, value])
        for plot, floor in (("cpu", 1.0), ("mem", float(MIB))):
            self._range_from_zero(plot, floor)

    def _range_from_zero(self, key: str, floor: float) -> None:
        """From 0 to a little above the highest of the series in the window and the lines: a flat line
        alone must not fill the chart, and reserved against used reads only with the same zero."""
        start = self._span[0]
        series = self.series.get(USED)
        field = "cpu" if key == "cpu" else "mem"
        values = (
            [v for t, v in zip(series.t, series.values[field], strict=True) if t >= start] if series else []
        )
        top = max([floor, *values, *(v for (plot, _kind), v in self.references.items() if plot == key)])
        self.plots[key].setYRange(0, top * 1.1, padding=0)


class NodeMonitor(QWidget):
    """The Monitoring tab: a line of what the tasks reserve and what is used now, the charts, and what
    to do when the node's engine cannot be measured."""

    def __init__(
        self,
        context: ClusterContext,
        node_id: str,
        node: Callable[[], Node | None],
        connect_host: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("nodeMonitor")
        self.context = context
        self.node_id = node_id
        self.node = node
        self.closed = False
        self.monitor: UsageMonitor | None = None
        self.state = "idle"  # "measuring", "not-connected", "no-endpoint", "unreachable"
        self.usage: Usage | None = None
        self.summary = QLabel(self)
        self.summary.setObjectName("nodeCapacitySummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.unavailable = Unavailable(self, connect_host, self.refresh)
        self.unavailable.setObjectName("monitorUnavailable")
        self.unavailable.hide()
        self.charts = NodeCharts(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.unavailable)
        layout.addWidget(self.charts, 1)
        context.store.changed.connect(self._store_changed)
        self._show_capacity()

    # -- what the tasks reserve (the store) ----------------------------------------------------------
    def capacity(self) -> NodeCapacity | None:
        node = self.node()
        if node is None:
            return None
        tasks = (t for t in self.context.store.get("tasks").values() if t.node_id == node.id)
        return node_capacities([node], tasks).get(node.id)

    def _store_changed(self, kind: str, _change: Any) -> None:
        if kind in ("nodes", "tasks"):
            self._show_capacity()

    def _show_capacity(self) -> None:
        capacity = self.capacity()
        if capacity is None:
            self.summary.setText("")
            return
        self.charts.set_capacity(capacity)
        self.summary.setText(self.summary_text(capacity, self.usage))

    # -- what the containers use (the node's engine) ---------------------------------------------------
    @operation_slot()
    async def refresh(self) -> None:
        """Start measuring (the tab is on screen); again after an end (Retry, the detail's poll)."""
        node = self.node()
        if self.closed or self.monitor is not None or node is None:
            return
        cluster = self.context.cluster
        if cluster is None:
            self.state = "not-connected"
            self._say(self.tr("Not connected: live usage is measured through the cluster's connection."))
            return
        self.state = "measuring"

        def open_client() -> Any:  # on the monitor's thread
            return cluster.node_stream_client(node, timeout=cluster.timeout, pool_size=SAMPLERS)

        self.monitor = UsageMonitor(
            open_client, node.hostname, bridge.relay(self.show_usage), bridge.relay(self.show_end)
        ).start()

    def show_usage(self, usage: Usage) -> None:
        if self.closed:
            return
        self.usage = usage
        self.state = "measuring"
        self.unavailable.hide()
        self.charts.add_usage(usage, self.tr("Containers"))
        self._show_capacity()

    def show_end(self, error: Exception | None) -> None:
        """The monitor ended (it stops only on an error): say why and what helps."""
        self.monitor = None
        if self.closed:
            return
        node = self.node()
        hostname = node.hostname if node else self.node_id[:12]
        if isinstance(error, NoNodeEndpoint):
            self.state = "no-endpoint"
            self._say(
                self.tr(
                    "The engine address of %1 is not known, so what its containers use cannot be measured. "
                    "Use “Connect host” to give it."
                ).replace("%1", hostname),
                actions=True,
            )
        else:
            self.state = "unreachable"
            self._say(
                self.tr("unreachable: %1").replace("%1", failure_text(error) if error else ""), actions=True
            )

    def _say(self, text: str, actions: bool = False) -> None:
        self.unavailable.show_text(text, actions=actions)
        self.unavailable.show()

    def close_streams(self) -> None:
        """The detail closes: stop measuring (returns at once)."""
        self.closed = True
        self.context.store.changed.disconnect(self._store_changed)
        monitor, self.monitor = self.monitor, None
        if monitor is not None:
            monitor.stop()

    def summary_text(self, capacity: NodeCapacity, usage: Usage | None) -> str:
        """Reserved and limits of the node's tasks against its resources, and what is in use now."""
        total, reserved, limits = capacity.total, capacity.reserved, capacity.limits
        parts = [
            self.tr("Reserved by its %n task(s): %1 of %2 CPUs and %3 of %4 of memory.", "", capacity.tasks)
            .replace("%1", cpu_amount(reserved.nano_cpus))
            .replace("%2", cpu_amount(total.nano_cpus))
            .replace("%3", byte_size(reserved.memory_bytes))
            .replace("%4", byte_size(total.memory_bytes))
        ]
        limited = [self.tr("%1 CPU").replace("%1", cpu_amount(limits.nano_cpus))] if limits.nano_cpus else []
        limited += [byte_size(limits.memory_bytes)] if limits.memory_bytes else []
        if limited:
            parts.append(self.tr("Their limits: %1.").replace("%1", ", ".join(limited)))
        if usage is not None:
            parts.append(
                self.tr("In use now: %1 CPUs and %2 by %n container(s).", "", usage.containers)
                .replace("%1", cpu_load(usage.cpus))
                .replace("%2", byte_size(usage.memory_bytes))
            )
        return sentences(*parts)
