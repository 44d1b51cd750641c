"""The Overview page, the first page: the cluster's health at a glance, from the same diffs as the
tables (no polling of its own).

Four summaries (nodes, managers and quorum, services, certificates) whose links open the page
concerned; what needs attention now (nodes down, quorum at risk, services not converged, rollouts not
done, tasks failed in the last 15 minutes); the latest changes seen. Activating a row opens its detail.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QShowEvent, QTextDocumentFragment
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QTableView, QVBoxLayout, QWidget

from crane_desktop.engine.diff import Diff
from crane_desktop.engine.formatting import local_date
from crane_desktop.engine.health import Health, assess, pem_expiry, swarm_root_expiry
from crane_desktop.models.overview import AttentionModel, ChangesModel, Item, attention_items, quorum_sentence
from crane_desktop.models.table import Role
from crane_desktop.models.why_pending import explained_sentences, frozen_view
from crane_desktop.views.empty_state import EmptyState
from crane_desktop.views.filtering import setup_table, sort_filter_proxy
from crane_desktop.views.operations import loop_running, operation_slot
from crane_desktop.views.pills import PillDelegate, severity_tone, without_symbol

if TYPE_CHECKING:
    from crane_desktop.views.context import ClusterContext, Navigator

AGE_OUT_MS = 30_000  # failed tasks leave "needs attention" 15 minutes after they failed
EXPIRY_WARNING_DAYS = 30
TIME_COLUMN = 3
FOLLOWED = ("nodes", "services", "tasks")


class Summary(QFrame):
    """One summary box: a title and rich text whose links open pages."""

    def __init__(self, name: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel(self)
        self.title.setStyleSheet("font-weight: bold;")
        self.body = QLabel(self)
        self.body.setObjectName(f"{name}Text")
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        layout.addStretch(1)

    def text(self) -> str:
        """The body as an operator reads it (no markup)."""
        return QTextDocumentFragment.fromHtml(self.body.text()).toPlainText()


class OverviewPage(QWidget):
    def __init__(self, context: ClusterContext, navigator: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.navigator = navigator
        self.health: Health | None = None
        self.client_expiry: datetime | None = None
        self._asked_client_expiry = False
        self.why: dict[str, list[str]] = {}  # service id -> why it does not converge, in words
        self._explaining = self._explain_again = False
        self._outdated = True  # the store changed while the page was not shown

        self.nodes_box = Summary("nodesSummary", self)
        self.managers_box = Summary("managersSummary", self)
        self.services_box = Summary("servicesSummary", self)
        self.certificates_box = Summary("certificatesSummary", self)
        boxes = QGridLayout()
        for column, box in enumerate(
            (self.nodes_box, self.managers_box, self.services_box, self.certificates_box)
        ):
            boxes.addWidget(box, 0, column)
            box.body.linkActivated.connect(self._open_link)

        self.model = AttentionModel(self)
        self.model.cleared.connect(self._forget)
        self.attention = self._table("attentionTable", self.model)
        self.attention.sortByColumn(TIME_COLUMN, Qt.SortOrder.DescendingOrder)
        self.changes_model = ChangesModel(self)
        self.changes = self._table("changesTable", self.changes_model)
        self.changes.sortByColumn(TIME_COLUMN, Qt.SortOrder.DescendingOrder)

        self.attention_title = QLabel(self)
        self.changes_title = QLabel(self)
        for label in (self.attention_title, self.changes_title):
            label.setStyleSheet("font-weight: bold;")
        layout = QVBoxLayout(self)
        layout.addLayout(boxes)
        layout.addWidget(self.attention_title)
        layout.addWidget(self.attention, 2)
        layout.addWidget(self.changes_title)
        layout.addWidget(self.changes, 1)
        self.retranslate()
        self.calm = EmptyState(
            self.attention,
            self.model,
            self.tr("Nothing needs attention: every node is ready and every service runs its tasks."),
            icon_name="overview",
        )
        self.quiet = EmptyState(
            self.changes,
            self.changes_model,
            self.tr("No changes seen since the cluster was opened."),
            ready=lambda: "nodes" in context.store.loaded,
            follow=(context.store.changed, context.store.cleared),
        )

        self._refresh_soon = QTimer(self)
        self._refresh_soon.setSingleShot(True)
        self._refresh_soon.setInterval(0)  # one refresh for the diffs of one poll
        self._refresh_soon.timeout.connect(self.refresh)
        self._age_out = QTimer(self)
        self._age_out.setInterval(AGE_OUT_MS)
        self._age_out.timeout.connect(self.refresh)
        self._age_out.start()
        context.store.changed.connect(self._on_changed)
        context.alerts.readingsChanged.connect(self._refresh_soon.start)  # the nodes' certificates
        for kind in FOLLOWED:
            if context.store.get(kind):
                self.changes_model.remember(kind, context.store.get(kind))

    def _table(self, name: str, model: Any) -> QTableView:
        table = QTableView(self)
        table.setObjectName(name)
        table.setModel(sort_filter_proxy(model, self))
        setup_table(table)
        table.horizontalHeader().setStretchLastSection(False)
        table.horizontalHeader().setSectionResizeMode(2, table.horizontalHeader().ResizeMode.Stretch)
        table.activated.connect(self._open_row)
        table.setItemDelegateForColumn(0, PillDelegate(severity_tone, table, word=without_symbol))
        return table

    def retranslate(self) -> None:
        self.nodes_box.title.setText(self.tr("Nodes"))
        self.managers_box.title.setText(self.tr("Managers"))
        self.services_box.title.setText(self.tr("Services"))
        self.certificates_box.title.setText(self.tr("Certificates"))
        self.attention_title.setText(self.tr("Needs attention"))
        self.changes_title.setText(self.tr("Latest changes"))

    # -- following the store ---------------------------------------------------------------------
    def _on_changed(self, kind: str, change: Diff[Any]) -> None:
        store = self.context.store
        if kind in FOLLOWED:
            self.changes_model.follow(kind, change, store.get(kind), store.get("services"))
            self._refresh_soon.start()

    def refresh(self) -> None:
        """Recompute the health from the store's snapshots and show it (rows change in place); only
        while the page is shown (another page in front, or the window closing: at the next show)."""
        if not self.isVisible():
            self._outdated = True
            return
        self._outdated = False
        store = self.context.store
        nodes, services = store.get("nodes"), store.get("services")
        if not nodes:
            return
        self.health = health = assess(nodes, services, store.get("tasks"))
        self.model.show(attention_items(health, nodes, services, self.why))
        self.calm.check()  # nothing to show makes no row signal
        if not health.not_converged:
            self.why = {}
        elif loop_running():
            self._explain()
        self._show_nodes(health)
        self._show_managers(health)
        self._show_services(health)
        self._show_certificates(swarm_root_expiry(nodes.values()))
        if loop_running():
            self._ask_client_expiry()

    def _show_nodes(self, health: Health) -> None:
        counts = health.nodes
        parts = [self.tr("%n ready", "", counts.ready)]
        if counts.down:
            parts.append(_bad(self.tr("%n down", "", counts.down)))
        if counts.drained:
            parts.append(self.tr("%n drained", "", counts.drained))
        if counts.paused:
            parts.append(self.tr("%n paused", "", counts.paused))
        head = _link("page:nodes", self.tr("%n node(s)", "", counts.total))
        self.nodes_box.body.setText(f"{head}<br>{' · '.join(parts)}")

    def _show_managers(self, health: Health) -> None:
        quorum = health.quorum
        sentence = quorum_sentence(quorum.managers, quorum.reachable, quorum.spare)
        self.managers_box.body.setText(_link("page:nodes", _bad(sentence) if quorum.spare < 1 else sentence))

    def _show_services(self, health: Health) -> None:
        lines = [_link("page:apps", self.tr("%n service(s)", "", health.services))]
        waiting = len(health.not_converged)
        lines.append(_bad(self.tr("%n not converged", "", waiting)) if waiting else self.tr("all converged"))
        if health.rollouts:
            lines.append(self.tr("%n rollout(s) not done", "", len(health.rollouts)))
        if health.failed:
            lines.append(_bad(self.tr("%n task(s) failed in the last 15 minutes", "", len(health.failed))))
        self.services_box.body.setText("<br>".join(lines))

    def _show_certificates(self, root: datetime | None) -> None:
        lines = []
        if root is not None:
            lines.append(self._expiry_line(self.tr("Swarm root CA"), root))
        lines += self._node_certificate_lines()
        if self.client_expiry is not None:
            lines.append(self._expiry_line(self.tr("Your client certificate"), self.client_expiry))
        self.certificates_box.body.setText("<br>".join(lines) or self.tr("No certificate in use"))

    def _node_certificate_lines(self) -> list[str]:
        """The nodes' swarm certificates that need attention (the Swarm page reads them), else when the
        next one read expires; each a link to the Swarm page."""
        nodes, now = self.context.store.get("nodes"), datetime.now(UTC)
        certificates = sorted(self.context.alerts.certificates.values(), key=lambda cert: cert.hostname)
        lines = []
        for cert in certificates:
            if cert.expiry is None or not cert.needs_attention(nodes.get(cert.node_id), now):
                continue
            text = (
                self.tr("%1 is down: its swarm certificate may expire from %2")
                if cert.down_since is not None
                else self.tr("The swarm certificate of %1 expires on %2 and was not renewed")
            )
            text = text.replace("%1", cert.hostname).replace("%2", local_date(cert.expiry))
            lines.append(_link("page:swarm", _bad(text)))
        read = [cert.expiry for cert in certificates if cert.exact and cert.expiry is not None]
        if not lines and read:
            text = self.tr("Node certificates: renewed by the swarm (the next expires on %1)")
            lines.append(_link("page:swarm", text.replace("%1", local_date(min(read)))))
        return lines

    def _expiry_line(self, what: str, when: datetime) -> str:
        days = (when - datetime.now(UTC)).days
        if days < 0:
            return _bad(self.tr("%1 expired on %2").replace("%1", what).replace("%2", local_date(when)))
        text = self.tr("%1 expires on %2 (in %n day(s))", "", days)
        text = text.replace("%1", what).replace("%2", local_date(when))
        return _bad(text) if days < EXPIRY_WARNING_DAYS else text

    @operation_slot()
    async def _explain(self) -> None:
        """Why the services do not converge, reasoned off the GUI thread on a copy of the snapshots
        (tens of milliseconds on a big swarm); one at a time, once more if the store changed meanwhile."""
        if self._explaining:
            self._explain_again = True
            return
        self._explaining = True
        try:
            why = await self.context.operations.compute(
                self, explained_sentences, frozen_view(self.context.store)
            )
        finally:
            self._explaining = False
        self.why = why
        if self._explain_again:
            self._explain_again = False
            self.refresh()  # explains again with the newer snapshots
        elif self.health is not None:
            store = self.context.store
            self.model.show(attention_items(self.health, store.get("nodes"), store.get("services"), self.why))

    @operation_slot()
    async def _ask_client_expiry(self) -> None:
        """The client certificate's date, read once per connection off the GUI thread."""
        cluster = self.context.cluster
        path = cluster.profile.tls.cert if cluster is not None and cluster.profile.tls else ""
        if self._asked_client_expiry or not path:
            return
        self._asked_client_expiry = True
        try:
            self.client_expiry = await self.context.operations.run(self, _read_expiry, path)
        except (OSError, ValueError):
            return  # the connection itself reports an unreadable certificate
        if self.health is not None:
            self._show_certificates(swarm_root_expiry(self.context.store.get("nodes").values()))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._outdated:
            self._refresh_soon.start()

    def _forget(self) -> None:
        """Another cluster is being opened (the workspace cleared the page's model)."""
        self.changes_model.clear()
        self.health = self.client_expiry = None
        self._asked_client_expiry = False
        self.why = {}

    # -- navigation ------------------------------------------------------------------------------
    def _open_link(self, link: str) -> None:
        kind, _, key = link.partition(":")
        if kind == "page":
            self.navigator.show_page(key)

    def _open_row(self, index: QModelIndex) -> None:
        item = index.data(Role.OBJECT)
        if not isinstance(item, Item):
            return
        if item.target_kind == "node":
            self.navigator.open_node(item.target_id)
        elif item.target_kind == "service" and item.target_id in self.context.store.get("services"):
            self.navigator.open_service(item.target_id)
        else:
            self.navigator.show_page(item.target_id if item.target_kind == "page" else "apps")


def _read_expiry(path: str) -> datetime:
    return pem_expiry(Path(path).read_bytes())


def _link(href: str, text: str) -> str:
    return f'<a href="{href}">{text}</a>'


def _bad(text: str) -> str:
    return f'<span style="color:#c62828">{text}</span>'
