"""The secrets and configs tables: one row per object, with every service that uses it.

A row joins the object and the services referring to it, so a service starting to use a secret
redraws that secret's row only (keyed diffs, as the network table does).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QObject

from crane_desktop.engine.diff import diff
from crane_desktop.engine.formatting import full_time, labels_text, local_time, short_id
from crane_desktop.engine.secrets_configs import Kind, Use, users
from crane_desktop.engine.snapshots import Secret, Service
from crane_desktop.models.table import Column, KeyedTableModel

translate = QCoreApplication.translate


@dataclass(frozen=True)
class ObjectRow:
    item: Secret  # a Secret or a Config
    uses: tuple[Use, ...]

    @property
    def id(self) -> str:
        return self.item.id


def use_text(use: Use) -> str:
    """`web: /run/secrets/db (uid 0, gid 0, mode 0444)`: where the service's tasks find the file."""
    return (
        translate("SecretTableModel", "%1: %2 (uid %3, gid %4, mode %5)")
        .replace("%1", use.service)
        .replace("%2", use.target)
        .replace("%3", use.uid or "0")
        .replace("%4", use.gid or "0")
        .replace("%5", f"{use.mode:04o}")
    )


def _time_column(title: Callable[[], str], attribute: str) -> Column:
    def moment(row: ObjectRow) -> datetime:
        value: datetime = getattr(row.item, attribute)
        return value

    return Column(
        title,
        lambda r: local_time(moment(r)),
        lambda r: moment(r).timestamp(),
        tooltip=lambda r: full_time(moment(r)),
    )


def columns(kind: Kind) -> tuple[Column, ...]:
    """Used by comes last, a line per use: it is the long one, and the last column takes the table's
    free width."""
    driver = Column(lambda: translate("SecretTableModel", "Driver"), lambda r: r.item.driver)
    return (
        Column(lambda: translate("SecretTableModel", "Name"), lambda r: r.item.name),
        Column(
            lambda: translate("SecretTableModel", "ID"),
            lambda r: short_id(r.item.id),
            lambda r: r.item.id,
            tooltip=lambda r: r.item.id,
        ),
        *((driver,) if kind == "secret" else ()),  # a config has no driver, only templating
        Column(lambda: translate("SecretTableModel", "Templating"), lambda r: r.item.templating),
        Column(
            lambda: translate("SecretTableModel", "Labels"),
            lambda r: labels_text(r.item.labels),
            tooltip=lambda r: "\n".join(f"{k}={v}" for k, v in r.item.labels),
        ),
        _time_column(lambda: translate("SecretTableModel", "Created"), "created_at"),
        _time_column(lambda: translate("SecretTableModel", "Updated"), "updated_at"),
        Column(
            lambda: translate("SecretTableModel", "Used by"),
            lambda r: "\n".join(use_text(use) for use in r.uses),  # a line each (the rows grow to fit)
            lambda r: len(r.uses),
        ),
    )


class SecretTableModel(KeyedTableModel):
    """The secrets (kind "secret") or the configs (kind "config") of the store, with their users."""

    NAME_COLUMN = 0

    def __init__(self, kind: Kind, parent: QObject | None = None) -> None:
        super().__init__(columns(kind), parent)
        self.kind: Kind = kind
        self.used_by_column = self.columnCount() - 1

    def update(self, items: Mapping[str, Secret], services: Mapping[str, Service]) -> None:
        """Bring the rows in line with the store's objects and services (keyed diff, in place)."""
        rows = {
            key: ObjectRow(item, tuple(users(services.values(), self.kind, item.id)))
            for key, item in items.items()
        }
        current = {key: self.get(key) for key in self._keys}
        self.apply_diff(diff(current, rows))

    def row_object(self, row: int) -> ObjectRow:
        found: ObjectRow = self.object_at(row)
        return found
