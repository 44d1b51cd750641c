"""The capacity table: one row per node (CPUs and memory: reserved of total, free, limits, in use now)
and a last row for the whole cluster, kept in place from the store's node and task diffs.

A row joins nodes and tasks (and the live usage the page measures), so every change of either becomes a
keyed diff of rows: a task placed on a node redraws that node's row and the total, nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import QCoreApplication, QObject

from crane_desktop.engine.capacity import (
    NodeCapacity,
    Resources,
    Usage,
    cluster_total,
    node_capacities,
    with_usage,
)
from crane_desktop.engine.diff import diff
from crane_desktop.engine.formatting import byte_size, cpu_amount, cpu_load, percent
from crane_desktop.engine.snapshots import Node, Task
from crane_desktop.models.nodes import availability_text, status_text
from crane_desktop.models.table import Column, KeyedTableModel

translate = QCoreApplication.translate
TOTAL_KEY = "*total*"  # the cluster's row: no node id looks like this


def is_total(capacity: NodeCapacity) -> bool:
    return not capacity.id


def share(part: float, whole: float) -> float:
    """`part` of `whole` as a fraction (0 when there is no whole)."""
    return part / whole if whole > 0 else 0.0


def _name(capacity: NodeCapacity) -> str:
    return translate("CapacityTableModel", "Cluster total") if is_total(capacity) else capacity.hostname


def _state(capacity: NodeCapacity) -> str:
    if is_total(capacity):
        return ""
    return status_text(capacity) if capacity.state != "ready" else availability_text(capacity)


def _of_total(template: str, reserved: str, total: str, fraction: float) -> str:
    return (
        template.replace("{reserved}", reserved)
        .replace("{total}", total)
        .replace("{percent}", percent(fraction))
    )


def cpu_reserved_text(capacity: NodeCapacity) -> str:
    total, reserved = capacity.total.nano_cpus, capacity.reserved.nano_cpus
    template = translate("CapacityTableModel", "{reserved} of {total} CPUs ({percent})")
    return _of_total(template, cpu_amount(reserved), cpu_amount(total), share(reserved, total))


def memory_reserved_text(capacity: NodeCapacity) -> str:
    total, reserved = capacity.total.memory_bytes, capacity.reserved.memory_bytes
    template = translate("CapacityTableModel", "{reserved} of {total} ({percent})")
    return _of_total(template, byte_size(reserved), byte_size(total), share(reserved, total))


def cpu_fractions(capacity: NodeCapacity) -> tuple[float, float | None]:
    """(reserved, in use now or None) as fractions of the node's CPUs: what the CPU bar draws."""
    total = capacity.total.nano_cpus
    used = share(capacity.usage.cpus * 1e9, total) if capacity.usage is not None else None
    return share(capacity.reserved.nano_cpus, total), used


def memory_fractions(capacity: NodeCapacity) -> tuple[float, float | None]:
    total = capacity.total.memory_bytes
    used = share(capacity.usage.memory_bytes, total) if capacity.usage is not None else None
    return share(capacity.reserved.memory_bytes, total), used


def _used_cpus(capacity: NodeCapacity) -> str:
    return "—" if capacity.usage is None else cpu_load(capacity.usage.cpus)


def _used_memory(capacity: NodeCapacity) -> str:
    return "—" if capacity.usage is None else byte_size(capacity.usage.memory_bytes)


def _bar_tooltip(capacity: NodeCapacity) -> str:
    lines = [
        translate("CapacityTableModel", "CPU reserved: {text}").replace(
            "{text}", cpu_reserved_text(capacity)
        ),
        translate("CapacityTableModel", "Memory reserved: {text}").replace(
            "{text}", memory_reserved_text(capacity)
        ),
    ]
    if capacity.usage is not None:
        lines.append(
            translate("CapacityTableModel", "In use now: {cpus} CPUs, {memory} ({count} containers)")
            .replace("{cpus}", _used_cpus(capacity))
            .replace("{memory}", _used_memory(capacity))
            .replace("{count}", str(capacity.usage.containers))
        )
    return "\n".join(lines)


def _amount_column(kind: str, pick: str) -> Column:
    """A column of one amount of a row ("free" or "limits"): CPUs or memory, sorted by the number."""

    def value(capacity: NodeCapacity) -> int:
        resources: Resources = getattr(capacity, pick)
        return resources.nano_cpus if kind == "cpu" else resources.memory_bytes

    titles = {
        ("cpu", "free"): lambda: translate("CapacityTableModel", "CPU free"),
        ("cpu", "limits"): lambda: translate("CapacityTableModel", "CPU limits"),
        ("memory", "free"): lambda: translate("CapacityTableModel", "Memory free"),
        ("memory", "limits"): lambda: translate("CapacityTableModel", "Memory limits"),
    }
    text = cpu_amount if kind == "cpu" else byte_size
    return Column(titles[kind, pick], lambda c: text(value(c)), value)


CAPACITY_COLUMNS = (
    Column(lambda: translate("CapacityTableModel", "Node"), _name, lambda c: c.hostname),
    Column(lambda: translate("CapacityTableModel", "Status"), _state),
    Column(
        lambda: translate("CapacityTableModel", "CPU reserved"),
        cpu_reserved_text,
        lambda c: cpu_fractions(c)[0],
        tooltip=_bar_tooltip,
    ),
    Column(
        lambda: translate("CapacityTableModel", "Memory reserved"),
        memory_reserved_text,
        lambda c: memory_fractions(c)[0],
        tooltip=_bar_tooltip,
    ),
    _amount_column("cpu", "free"),
    _amount_column("memory", "free"),
    _amount_column("cpu", "limits"),
    _amount_column("memory", "limits"),
    Column(lambda: translate("CapacityTableModel", "Tasks"), lambda c: str(c.tasks), lambda c: c.tasks),
    Column(
        lambda: translate("CapacityTableModel", "CPU in use"),
        _used_cpus,
        lambda c: -1.0 if c.usage is None else c.usage.cpus,
    ),
    Column(
        lambda: translate("CapacityTableModel", "Memory in use"),
        _used_memory,
        lambda c: -1 if c.usage is None else c.usage.memory_bytes,
    ),
)


class CapacityTableModel(KeyedTableModel):
    NAME_COLUMN = 0
    STATUS_COLUMN = 1
    CPU_COLUMN = 2
    MEMORY_COLUMN = 3
    TASKS_COLUMN = 8  # then free, limits (CPU, memory), tasks, in use now

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(CAPACITY_COLUMNS, parent)
        self._base: dict[str, NodeCapacity] = {}  # from the store, without usage
        self._usage: dict[str, Usage] = {}  # measured by the page, by node id

    def update(self, nodes: Iterable[Node], tasks: Iterable[Task]) -> None:
        """Bring the rows in line with the store's nodes and tasks (keyed diff, in place)."""
        self._base = node_capacities(nodes, tasks)
        self._refresh()

    def set_usage(self, usage: Mapping[str, Usage | None]) -> None:
        """Live usage measured for these nodes (None: not measurable any more)."""
        for node_id, measured in usage.items():
            if measured is None:
                self._usage.pop(node_id, None)
            else:
                self._usage[node_id] = measured
        self._refresh()

    def _refresh(self) -> None:
        self._usage = {key: value for key, value in self._usage.items() if key in self._base}
        rows: dict[str, NodeCapacity] = {
            key: with_usage(capacity, self._usage.get(key)) for key, capacity in self._base.items()
        }
        if rows:
            rows[TOTAL_KEY] = cluster_total(rows.values())
        current = {key: self.get(key) for key in self._keys}
        self.apply_diff(diff(current, rows))

    def capacities(self) -> list[NodeCapacity]:
        """The nodes' rows (not the total), with the usage measured so far."""
        return [row for row in self.objects() if not is_total(row)]

    def total(self) -> NodeCapacity | None:
        row: NodeCapacity | None = self.get(TOTAL_KEY)
        return row

    def clear(self) -> None:
        self._base, self._usage = {}, {}
        super().clear()
