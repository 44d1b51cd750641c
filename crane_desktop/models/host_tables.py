"""Table models of one host's own engine objects (the node detail's tabs), kept in place by keyed diffs."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QColor

from crane_desktop.engine.container_status import state_phrase, status_phrase
from crane_desktop.engine.formatting import byte_size, labels_text, local_time, short_id
from crane_desktop.engine.hosts import Image, Layer, Volume
from crane_desktop.engine.snapshots import Container, Network
from crane_desktop.messages import phrase_text
from crane_desktop.models.table import Column, KeyedTableModel

translate = QCoreApplication.translate
STOPPED = QColor("#b26a00")


def _stamp(seconds: int) -> str:
    return local_time(datetime.fromtimestamp(seconds, UTC)) if seconds else ""


def _container_color(container: Container) -> QColor | None:
    return None if container.state == "running" else STOPPED


CONTAINER_COLUMNS = (
    Column(lambda: translate("HostTables", "Name"), lambda c: c.name, tooltip=lambda c: c.id),
    Column(
        lambda: translate("HostTables", "Image"),
        lambda c: c.image.split("@", 1)[0],
        tooltip=lambda c: c.image,
    ),
    Column(
        lambda: translate("HostTables", "State"),
        lambda c: phrase_text(state_phrase(c.state)),
        lambda c: c.state,
        color=_container_color,
    ),
    Column(lambda: translate("HostTables", "Status"), lambda c: phrase_text(status_phrase(c.status))),
    Column(lambda: translate("HostTables", "Created"), lambda c: _stamp(c.created), lambda c: c.created),
    Column(lambda: translate("HostTables", "ID"), lambda c: short_id(c.id), lambda c: c.id),
)

NETWORK_COLUMNS = (
    Column(lambda: translate("HostTables", "Name"), lambda n: n.name),
    Column(lambda: translate("HostTables", "Driver"), lambda n: n.driver),
    Column(lambda: translate("HostTables", "Scope"), lambda n: n.scope),
    Column(
        lambda: translate("HostTables", "Subnet"), lambda n: ", ".join(c.subnet for c in n.ipam if c.subnet)
    ),
    Column(
        lambda: translate("HostTables", "Gateway"),
        lambda n: ", ".join(c.gateway for c in n.ipam if c.gateway),
    ),
    Column(lambda: translate("HostTables", "ID"), lambda n: short_id(n.id), lambda n: n.id),
)

VOLUME_COLUMNS = (
    Column(lambda: translate("HostTables", "Name"), lambda v: v.name, tooltip=lambda v: v.mountpoint),
    Column(lambda: translate("HostTables", "Driver"), lambda v: v.driver),
    Column(lambda: translate("HostTables", "Labels"), lambda v: labels_text(v.labels)),
    Column(
        lambda: translate("HostTables", "Created"),
        lambda v: local_time(v.created_at),
        lambda v: v.created_at.timestamp(),
    ),
)

IMAGE_COLUMNS = (
    Column(
        lambda: translate("HostTables", "Tags"),
        lambda i: ", ".join(i.tags) or translate("HostTables", "<none>"),
        tooltip=lambda i: i.id,
    ),
    Column(lambda: translate("HostTables", "Size"), lambda i: byte_size(i.size), lambda i: i.size),
    Column(lambda: translate("HostTables", "Created"), lambda i: _stamp(i.created), lambda i: i.created),
    Column(lambda: translate("HostTables", "ID"), lambda i: short_id(i.id.split(":", 1)[-1]), lambda i: i.id),
)

LAYER_COLUMNS = (
    Column(lambda: translate("HostTables", "Created"), lambda x: _stamp(x.created), lambda x: x.created),
    Column(lambda: translate("HostTables", "Size"), lambda x: byte_size(x.size), lambda x: x.size),
    Column(
        lambda: translate("HostTables", "Created by"), lambda x: x.created_by, tooltip=lambda x: x.created_by
    ),
)


class ContainerTableModel(KeyedTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(CONTAINER_COLUMNS, parent)


class HostNetworkTableModel(KeyedTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(NETWORK_COLUMNS, parent)


class VolumeTableModel(KeyedTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(VOLUME_COLUMNS, parent)


class ImageTableModel(KeyedTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(IMAGE_COLUMNS, parent)


class LayerTableModel(KeyedTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(LAYER_COLUMNS, parent)


__all__ = [
    "Container",
    "ContainerTableModel",
    "HostNetworkTableModel",
    "Image",
    "ImageTableModel",
    "Layer",
    "LayerTableModel",
    "Network",
    "Volume",
    "VolumeTableModel",
]
