"""The network table: one row per swarm network, with the services attached to it.

A row joins two resources (the network and the services using it), so the model keeps both and turns
every change of either into a keyed diff of rows: a service joining a network redraws that row only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QColor

from crane_desktop.engine.diff import diff
from crane_desktop.engine.formatting import full_time, labels_text, local_time, short_id
from crane_desktop.engine.networks import is_predefined, services_using
from crane_desktop.engine.snapshots import Network, Service
from crane_desktop.models.table import Column, KeyedTableModel

translate = QCoreApplication.translate
BUILTIN = QColor("#5c6bc0")


@dataclass(frozen=True)
class NetworkRow:
    network: Network
    services: tuple[str, ...]  # names of the services attached

    @property
    def id(self) -> str:
        return self.network.id


def _yes(value: bool) -> str:
    return translate("NetworkTableModel", "yes") if value else ""


def _name(row: NetworkRow) -> str:
    if is_predefined(row.network):
        return translate("NetworkTableModel", "{name} (built in)").format(name=row.network.name)
    return row.network.name


def _name_tooltip(row: NetworkRow) -> str:
    network = row.network
    if network.ingress:
        return builtin_explanation("ingress")
    builtin = builtin_explanation(network.name)
    if builtin:
        return builtin
    way_out = way_out_text(network)
    return f"{network.name}\n{way_out}" if way_out else network.name


def way_out_text(network: Network) -> str:
    """How an overlay network's containers reach the outside world: through docker_gwbridge on their
    node, unless the network is internal ("" for other drivers)."""
    if network.driver != "overlay" or network.ingress:
        return ""
    if network.internal:
        return translate(
            "NetworkTableModel",
            "Internal: its containers reach only the cluster; docker_gwbridge gives them no way out.",
        )
    return translate(
        "NetworkTableModel", "Its containers reach the outside world through docker_gwbridge on their node."
    )


def builtin_explanation(name: str) -> str:
    """What the built-in networks are for, in the words of the Networks page."""
    if name == "ingress":
        return translate(
            "NetworkTableModel",
            "ingress: the routing mesh for published ports. Every service that publishes a port in "
            "ingress mode joins it, even when it also has networks of its own.",
        )
    if name == "docker_gwbridge":
        return translate(
            "NetworkTableModel",
            "docker_gwbridge: a bridge created on each node through which the containers of overlay "
            "networks that are not internal reach the outside world (an internal network has no way out).",
        )
    return ""


def _ipam(row: NetworkRow, attribute: str) -> str:
    return ", ".join(getattr(c, attribute) for c in row.network.ipam if getattr(c, attribute))


NETWORK_COLUMNS = (
    Column(
        lambda: translate("NetworkTableModel", "Name"),
        _name,
        lambda r: r.network.name,
        tooltip=_name_tooltip,
        color=lambda r: BUILTIN if is_predefined(r.network) else None,
    ),
    Column(
        lambda: translate("NetworkTableModel", "ID"),
        lambda r: short_id(r.network.id),
        lambda r: r.network.id,
        tooltip=lambda r: r.network.id,
    ),
    Column(lambda: translate("NetworkTableModel", "Driver"), lambda r: r.network.driver),
    Column(lambda: translate("NetworkTableModel", "Scope"), lambda r: r.network.scope),
    Column(lambda: translate("NetworkTableModel", "Subnet"), lambda r: _ipam(r, "subnet")),
    Column(lambda: translate("NetworkTableModel", "Gateway"), lambda r: _ipam(r, "gateway")),
    Column(lambda: translate("NetworkTableModel", "IP range"), lambda r: _ipam(r, "ip_range")),
    Column(lambda: translate("NetworkTableModel", "Internal"), lambda r: _yes(r.network.internal)),
    Column(lambda: translate("NetworkTableModel", "Attachable"), lambda r: _yes(r.network.attachable)),
    Column(
        lambda: translate("NetworkTableModel", "Labels"),
        lambda r: labels_text(r.network.labels),
        tooltip=lambda r: "\n".join(f"{k}={v}" for k, v in r.network.labels),
    ),
    Column(
        lambda: translate("NetworkTableModel", "Services"),
        lambda r: ", ".join(r.services),
        lambda r: len(r.services),
        tooltip=lambda r: "\n".join(r.services),
    ),
    Column(
        lambda: translate("NetworkTableModel", "Created"),
        lambda r: local_time(r.network.created_at),
        lambda r: r.network.created_at.timestamp(),
        tooltip=lambda r: full_time(r.network.created_at),
    ),
)


class NetworkTableModel(KeyedTableModel):
    NAME_COLUMN = 0
    SUBNET_COLUMN = 4
    SERVICES_COLUMN = 10

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(NETWORK_COLUMNS, parent)
        self._networks: dict[str, Network] = {}
        self._services: dict[str, Service] = {}

    def update(self, networks: Mapping[str, Network], services: Mapping[str, Service]) -> None:
        """Bring the rows in line with the store's networks and services (keyed diff, in place)."""
        self._networks, self._services = dict(networks), dict(services)
        rows = {
            key: NetworkRow(network, tuple(s.name for s in services_using(network, services.values())))
            for key, network in networks.items()
        }
        current = {key: self.get(key) for key in self._keys}
        self.apply_diff(diff(current, rows))

    def clear(self) -> None:
        self._networks, self._services = {}, {}
        super().clear()

    def network(self, row: int) -> Network:
        network_row: NetworkRow = self.object_at(row)
        return network_row.network

    def networks(self) -> list[Network]:
        return [row.network for row in self.objects()]

    def services(self) -> list[Service]:
        return list(self._services.values())
