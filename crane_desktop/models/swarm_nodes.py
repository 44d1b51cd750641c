"""The Swarm page's nodes: each node's role and state, a manager's own state when its engine says it
is locked (the swarm only sees it down), and whether its swarm certificate comes from the current root
(the progress of a CA rotation)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from crane_desktop.engine.snapshots import Node
from crane_desktop.engine.swarm_settings import (
    AWAITING_CERTIFICATE,
    AWAITING_ROOT,
    CURRENT,
    LOCKED,
    NEW_CERTIFICATE,
)
from crane_desktop.models.nodes import DOWN, role_text, status_text
from crane_desktop.models.table import Column, KeyedTableModel

translate = QCoreApplication.translate
STATE_COLUMN = 2
ROOT_COLUMN = 3


@dataclass(frozen=True)
class NodeRow:
    """A node as the page shows it: the store's snapshot, what its own engine says, its trust root."""

    node: Node
    local_state: str  # a manager's LocalNodeState ("" unknown; workers are not asked)
    progress: str  # where it is in a CA rotation (engine/swarm_settings.py node_progress)

    @property
    def locked(self) -> bool:
        return self.local_state == LOCKED


def state_text(row: NodeRow) -> str:
    return translate("SwarmNodesModel", "locked") if row.locked else status_text(row.node)


def root_text(row: NodeRow) -> str:
    return {
        CURRENT: translate("SwarmNodesModel", "from the current root"),
        NEW_CERTIFICATE: translate("SwarmNodesModel", "from the new CA; the swarm switches roots next"),
        AWAITING_CERTIFICATE: translate("SwarmNodesModel", "waiting for a certificate from the new CA"),
        AWAITING_ROOT: translate("SwarmNodesModel", "waiting for the new root"),
    }.get(row.progress, row.progress)


def _state_color(row: NodeRow) -> QColor | None:
    return DOWN if row.locked or row.node.state != "ready" else None


class SwarmNodesModel(KeyedTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(lambda: translate("SwarmNodesModel", "Node"), lambda r: r.node.hostname),
                Column(lambda: translate("SwarmNodesModel", "Role"), lambda r: role_text(r.node)),
                Column(lambda: translate("SwarmNodesModel", "State"), state_text, color=_state_color),
                Column(lambda: translate("SwarmNodesModel", "Swarm certificate"), root_text),
            ],
            parent,
        )
