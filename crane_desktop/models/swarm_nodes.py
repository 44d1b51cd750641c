"""The Swarm page's nodes: each node's role and state, a manager's own state when its engine says it
is locked (the swarm only sees it down), and whether its swarm certificate comes from the current root
(the progress of a CA rotation), and when its swarm certificate expires (engine/node_certs.py), in
the warning colour when that calls for a warning."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from crane_desktop.engine.formatting import full_time
from crane_desktop.engine.node_certs import FOREIGN, NodeCertificate
from crane_desktop.engine.snapshots import Node
from crane_desktop.engine.swarm_settings import (
    AWAITING_CERTIFICATE,
    AWAITING_ROOT,
    CURRENT,
    LOCKED,
    NEW_CERTIFICATE,
)
from crane_desktop.models.nodes import DOWN, WARN, role_text, status_text
from crane_desktop.models.table import Column, KeyedTableModel

translate = QCoreApplication.translate
STATE_COLUMN = 2
ROOT_COLUMN = 3
EXPIRY_COLUMN = 4


@dataclass(frozen=True)
class NodeRow:
    """A node as the page shows it: the store's snapshot, what its own engine says, its trust root."""

    node: Node
    local_state: str  # a manager's LocalNodeState ("" unknown; workers are not asked)
    progress: str  # where it is in a CA rotation (engine/swarm_settings.py node_progress)
    certificate: NodeCertificate | None = None  # None until read

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


def expiry_text(row: NodeRow, now: datetime | None = None) -> str:
    """The certificate's expiry with the days left, or what can be said without it."""
    cert = row.certificate
    if cert is None:
        return "…"
    now = now or datetime.now(UTC)
    if cert.expiry is not None and cert.exact:
        days = (cert.expiry - now).days
        if cert.expiry <= now:
            return translate("SwarmNodesModel", "%1 (expired)").replace("%1", full_time(cert.expiry))
        text = translate("SwarmNodesModel", "%1 (in %n day(s))", "", days).replace(
            "%1", full_time(cert.expiry)
        )
        if cert.warning(now):
            text += translate("SwarmNodesModel", ": not renewed in time")
        return text
    if cert.expiry is not None and cert.down_since is not None:
        return (
            translate("SwarmNodesModel", "may expire from %1: down since %2, it cannot renew")
            .replace("%1", full_time(cert.expiry))
            .replace("%2", full_time(cert.down_since))
        )
    if cert.error:
        return (
            translate("SwarmNodesModel", "unknown: its swarm port %1 does not answer here").replace(
                "%1", cert.address
            )
            if cert.error != FOREIGN
            else translate("SwarmNodesModel", "unknown: %1 presents another node's certificate").replace(
                "%1", cert.address
            )
        )
    return translate("SwarmNodesModel", "renewed by the swarm while the node is up")


def expiry_tooltip(row: NodeRow) -> str:
    cert = row.certificate
    if cert is None:
        return ""
    if cert.exact:
        return translate(
            "SwarmNodesModel",
            "Read from the certificate the manager presents on its swarm port %1. The swarm renews it "
            "before a fifth of its validity is left.",
        ).replace("%1", cert.address)
    if cert.error:
        return cert.detail
    if cert.down_since is None:
        return translate(
            "SwarmNodesModel",
            "A worker serves no TLS port, so its certificate cannot be read from here; the swarm renews it "
            "while the node is up.",
        )
    return translate(
        "SwarmNodesModel",
        "A node that is down cannot renew its certificate; once it has expired the node cannot rejoin "
        "the swarm (it must leave and join again).",
    )


def _expiry_color(row: NodeRow) -> QColor | None:
    cert = row.certificate
    return WARN if cert is not None and cert.needs_attention(row.node, datetime.now(UTC)) else None


def _expiry_sort(row: NodeRow) -> float:
    cert = row.certificate
    return cert.expiry.timestamp() if cert is not None and cert.expiry is not None else float("inf")


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
                Column(
                    lambda: translate("SwarmNodesModel", "Certificate expires"),
                    expiry_text,
                    sort=_expiry_sort,
                    tooltip=expiry_tooltip,
                    color=_expiry_color,
                ),
            ],
            parent,
        )
