"""The node table: one row per swarm node, kept in place from the watcher's node diffs."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QColor

from crane_desktop.engine.capacity import NodeCapacity
from crane_desktop.engine.formatting import full_time, labels_text, local_time, short_id
from crane_desktop.engine.i18n import QT_TRANSLATE_NOOP, known_term
from crane_desktop.engine.snapshots import Node
from crane_desktop.messages import phrase_text
from crane_desktop.models.table import Column, KeyedTableModel

DOWN = QColor("#c62828")
WARN = QColor("#b26a00")


translate = QCoreApplication.translate


def role_text(node: Node) -> str:
    if node.is_leader:  # the leader is a manager: the guide calls it 主管理节点
        return translate("NodeTableModel", "manager (leader)")
    return {
        "manager": translate("NodeTableModel", "manager"),
        "worker": translate("NodeTableModel", "worker"),
    }.get(node.role, node.role)


def availability_text(node: Node | NodeCapacity) -> str:
    return {
        "active": translate("NodeTableModel", "active"),
        "pause": translate("NodeTableModel", "paused"),
        "drain": translate("NodeTableModel", "drained"),
    }.get(node.availability, node.availability)


def status_text(node: Node | NodeCapacity) -> str:
    return {
        "ready": translate("NodeTableModel", "ready"),
        "down": translate("NodeTableModel", "down"),
        "disconnected": translate("NodeTableModel", "disconnected"),
    }.get(node.state, node.state)


REACHABILITY = frozenset(
    {
        QT_TRANSLATE_NOOP("EngineTerms", "reachable"),
        QT_TRANSLATE_NOOP("EngineTerms", "unreachable"),
        QT_TRANSLATE_NOOP("EngineTerms", "unknown"),
    }
)


def reachability_text(node: Node) -> str:
    """A manager's reachability from the other managers; "" for a worker."""
    return phrase_text(known_term(node.reachability, REACHABILITY))


def _status_color(node: Node) -> QColor | None:
    return None if node.state == "ready" else DOWN


def _availability_color(node: Node) -> QColor | None:
    return None if node.availability == "active" else WARN


def _role_sort(node: Node) -> str:
    """Leader first, then managers, then workers (a string: Qt's proxy compares plain values only)."""
    rank = 0 if node.is_leader else 1 if node.role == "manager" else 2
    return f"{rank}{node.hostname}"


NODE_COLUMNS = (
    Column(
        lambda: translate("NodeTableModel", "ID"),
        lambda n: short_id(n.id),
        lambda n: n.id,
        tooltip=lambda n: n.id,
    ),
    Column(lambda: translate("NodeTableModel", "Hostname"), lambda n: n.hostname),
    Column(lambda: translate("NodeTableModel", "Role"), role_text, _role_sort),
    Column(lambda: translate("NodeTableModel", "Availability"), availability_text, color=_availability_color),
    Column(
        lambda: translate("NodeTableModel", "Status"),
        status_text,
        tooltip=lambda n: n.state_message or status_text(n),
        color=_status_color,
    ),
    Column(
        lambda: translate("NodeTableModel", "Labels"),
        lambda n: labels_text(n.labels),
        tooltip=lambda n: "\n".join(f"{k}={v}" for k, v in n.labels),
    ),
    Column(lambda: translate("NodeTableModel", "Engine"), lambda n: n.engine_version),
    Column(lambda: translate("NodeTableModel", "Address"), lambda n: n.address),
    Column(
        lambda: translate("NodeTableModel", "Joined"),
        lambda n: local_time(n.created_at),
        lambda n: n.created_at.timestamp(),
        tooltip=lambda n: full_time(n.created_at),
    ),
)


class NodeTableModel(KeyedTableModel):
    HOSTNAME_COLUMN = 1
    ROLE_COLUMN = 2
    AVAILABILITY_COLUMN = 3
    STATUS_COLUMN = 4
    LABELS_COLUMN = 5

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(NODE_COLUMNS, parent)

    def leader(self) -> Node | None:
        return next((node for node in self.objects() if node.is_leader), None)
