"""The disk usage table: one row per node (what its own engine says: images, containers, volumes,
build cache, reclaimable) and a last row for the cluster, updated in place (keyed diff) each time the
page reads the nodes again."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QCoreApplication, QObject

from crane_desktop.engine.diff import diff
from crane_desktop.engine.disk import DiskUsage, total
from crane_desktop.engine.formatting import byte_size
from crane_desktop.messages import reason_text
from crane_desktop.models.table import Column, KeyedTableModel

translate = QCoreApplication.translate
TOTAL_KEY = "*total*"  # the cluster's row: no node id looks like this


def _name(usage: DiskUsage) -> str:
    return translate("DiskTableModel", "Cluster total") if not usage.id else usage.hostname


def _count(field: str) -> Callable[[DiskUsage], str]:
    return lambda u: str(getattr(u, field)) if u.reachable else "—"


def _size(field: str) -> Callable[[DiskUsage], str]:
    return lambda u: byte_size(getattr(u, field)) if u.reachable else "—"


def _number(field: str) -> Callable[[DiskUsage], int]:
    return lambda u: getattr(u, field) if u.reachable else -1


def _note(usage: DiskUsage) -> str:
    if not usage.reachable:
        why = reason_text(usage.failure) if usage.failure else usage.error
        return translate("DiskTableModel", "Not reachable: %1").replace("%1", why)
    return ""


def _reclaimable_tip(usage: DiskUsage) -> str:
    if not usage.reachable:
        return _note(usage)
    parts = (
        (translate("DiskTableModel", "Images"), usage.images_reclaimable),
        (translate("DiskTableModel", "Containers"), usage.containers_reclaimable),
        (translate("DiskTableModel", "Volumes"), usage.volumes_reclaimable),
        (translate("DiskTableModel", "Build cache"), usage.build_cache_reclaimable),
    )
    return "\n".join(f"{title}: {byte_size(size)}" for title, size in parts)


DISK_COLUMNS = (
    Column(lambda: translate("DiskTableModel", "Node"), _name, lambda u: u.hostname),
    Column(lambda: translate("DiskTableModel", "Images"), _count("images"), _number("images")),
    Column(lambda: translate("DiskTableModel", "Images size"), _size("images_size"), _number("images_size")),
    Column(lambda: translate("DiskTableModel", "Containers"), _count("containers"), _number("containers")),
    Column(
        lambda: translate("DiskTableModel", "Containers size"),
        _size("containers_size"),
        _number("containers_size"),
    ),
    Column(lambda: translate("DiskTableModel", "Volumes"), _count("volumes"), _number("volumes")),
    Column(
        lambda: translate("DiskTableModel", "Volumes size"), _size("volumes_size"), _number("volumes_size")
    ),
    Column(
        lambda: translate("DiskTableModel", "Build cache"),
        _size("build_cache_size"),
        _number("build_cache_size"),
    ),
    Column(
        lambda: translate("DiskTableModel", "Reclaimable"),
        lambda u: byte_size(u.total_reclaimable) if u.reachable else "—",
        lambda u: u.total_reclaimable if u.reachable else -1,
        tooltip=_reclaimable_tip,
    ),
    Column(lambda: translate("DiskTableModel", "Note"), _note, tooltip=_note),
)


class DiskTableModel(KeyedTableModel):
    NAME_COLUMN = 0
    RECLAIMABLE_COLUMN = 8

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(DISK_COLUMNS, parent)

    def update(self, usages: Iterable[DiskUsage]) -> None:
        """Bring the rows in line with a new reading (keyed diff, in place); the total last."""
        rows: dict[str, DiskUsage] = {u.id: u for u in usages if u.id}
        if rows:
            rows[TOTAL_KEY] = total(rows.values())
        current = {key: self.get(key) for key in self._keys}
        self.apply_diff(diff(current, rows))
        self.loaded = True

    def usages(self) -> list[DiskUsage]:
        """The nodes' rows (not the total)."""
        return [row for row in self.objects() if row.id]
