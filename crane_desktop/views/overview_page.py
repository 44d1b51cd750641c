"""The Overview page, the first page: the cluster's health at a glance, from the same diffs as the
tables (no polling of its own).

Four summaries (nodes, managers and quorum, services, certificates); what needs attention now (nodes
down, quorum at risk, services not converged, rollouts not done, tasks failed in the last 15 minutes);
the latest changes seen. Every item opens its detail: a row its node or service, a count in a summary
its one object's detail, or, when it counts several, the list of them (the nodes page filtered, or
this page's "Needs attention" narrowed to them, with a link to show everything again).

The certificates: the swarm's root CA, the nodes' swarm certificates (their validity, the swarm's
NodeCertExpiry, renewed by the swarm before they expire: the API gives no node's own end date; a node
whose certificate is not from the swarm's current CA is named) and the workstation's client
certificate. The swarm's settings are read once per connection and again when a node's TLS info
changes (a CA rotation), not polled.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QShowEvent, QTextDocumentFragment
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QTableView, QVBoxLayout, QWidget

from crane_desktop.engine.diff import Diff
from crane_desktop.engine.formatting import duration, local_date, local_time
from crane_desktop.engine.health import Health, assess, pem_expiry, swarm_root_expiry
from crane_desktop.engine.snapshots import Node
from crane_desktop.engine.swarm_settings import CURRENT, SwarmSettings, node_progress
from crane_desktop.engine.swarm_settings import read as read_swarm
from crane_desktop.models.nodes import availability_text
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
DAY_NS = 86_400 * 10**9


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
        self.swarm: SwarmSettings | None = None  # for the nodes' certificates
        self._asked_swarm_for: tuple[tuple[str, str], ...] | None = None  # the nodes' TLS info then
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
        # narrowed to one kind of row by the key's prefix (node, service, rollout, task); Qt's own
        # filter on the key role: a filter written in Python would cost a call per row at every diff
        self.attention_filter: QSortFilterProxyModel = self.attention.model()  # type: ignore[assignment]
        self.attention_filter.setFilterKeyColumn(0)
        self.attention_filter.setFilterRole(Role.KEY)
        self.attention.sortByColumn(TIME_COLUMN, Qt.SortOrder.DescendingOrder)
        self.changes_model = ChangesModel(self)
        self.changes = self._table("changesTable", self.changes_model)
        self.changes.sortByColumn(TIME_COLUMN, Qt.SortOrder.DescendingOrder)

        self.attention_title = QLabel(self)
        self.changes_title = QLabel(self)
        for label in (self.attention_title, self.changes_title):
            label.setStyleSheet("font-weight: bold;")
        self.show_all = self._link_label("showAllAttention")  # while the list is narrowed to one kind
        self.show_all.hide()
        self.all_events = self._link_label("allEventsLink")
        layout = QVBoxLayout(self)
        layout.addLayout(boxes)
        layout.addLayout(_row(self.attention_title, self.show_all))
        layout.addWidget(self.attention, 2)
        layout.addLayout(_row(self.changes_title, self.all_events))
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
        context.store.eventArrived.connect(self.changes_model.add_event)
        context.store.eventsBackfilled.connect(self.changes_model.add_backfill)
        for kind in FOLLOWED:
            if context.store.get(kind):
                self.changes_model.remember(kind, context.store.get(kind))

    def _link_label(self, name: str) -> QLabel:
        """A line of rich text whose links this page opens."""
        label = QLabel(self)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        label.linkActivated.connect(self._open_link)
        return label

    def _table(self, name: str, model: Any) -> QTableView:
        table = QTableView(self)
        table.setObjectName(name)
        table.setModel(sort_filter_proxy(model, self))
        setup_table(table)
        table.horizontalHeader().setStretchLastSection(False)
        table.horizontalHeader().setSectionResizeMode(2, table.horizontalHeader().ResizeMode.Stretch)
        table.activated.connect(self._open_row)
        table.setItemDelegateForColumn(0, PillDelegate(severity_tone, table, word=without_symbol))
        # a time in full (fixed: measuring every row's contents would cost a refresh of 1,000 rows)
        sample = local_time(datetime(2000, 12, 30, 20, 0, tzinfo=UTC))
        table.setColumnWidth(TIME_COLUMN, table.fontMetrics().horizontalAdvance(sample) + 24)
        return table

    def retranslate(self) -> None:
        self.nodes_box.title.setText(self.tr("Nodes"))
        self.managers_box.title.setText(self.tr("Managers"))
        self.services_box.title.setText(self.tr("Services"))
        self.certificates_box.title.setText(self.tr("Certificates"))
        self.attention_title.setText(self.tr("Needs attention"))
        self.changes_title.setText(self.tr("Latest changes"))
        self.all_events.setText(_link("page:events", self.tr("all events")))

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
        self._show_nodes(health, nodes)
        self._show_managers(health)
        self._show_services(health)
        self._show_certificates(swarm_root_expiry(nodes.values()))
        if loop_running():
            self._ask_client_expiry()
            self._ask_swarm()

    def _show_nodes(self, health: Health, nodes: Mapping[str, Node]) -> None:
        counts = health.nodes
        parts = [self.tr("%n ready", "", counts.ready)]
        if counts.down:
            down = [n.id for n in nodes.values() if n.state != "ready"]
            parts.append(
                _count_link("node", down, "attention:node", _bad(self.tr("%n down", "", counts.down)))
            )
        if counts.drained:
            drained = [n.id for n in nodes.values() if n.availability == "drain"]
            parts.append(
                _count_link("node", drained, "nodes:drain", self.tr("%n drained", "", counts.drained))
            )
        if counts.paused:
            paused = [n.id for n in nodes.values() if n.availability == "pause"]
            parts.append(_count_link("node", paused, "nodes:pause", self.tr("%n paused", "", counts.paused)))
        head = _link("page:nodes", self.tr("%n node(s)", "", counts.total))
        self.nodes_box.body.setText(f"{head}<br>{' · '.join(parts)}")

    def _show_managers(self, health: Health) -> None:
        quorum = health.quorum
        sentence = quorum_sentence(quorum.managers, quorum.reachable, quorum.spare)
        self.managers_box.body.setText(_link("page:nodes", _bad(sentence) if quorum.spare < 1 else sentence))

    def _show_services(self, health: Health) -> None:
        lines = [_link("page:apps", self.tr("%n service(s)", "", health.services))]
        waiting = [c.service_id for c in health.not_converged]
        if waiting:
            text = _bad(self.tr("%n not converged", "", len(waiting)))
            lines.append(_count_link("service", waiting, "attention:service", text))
        else:
            lines.append(self.tr("all converged"))
        if health.rollouts:
            text = self.tr("%n rollout(s) not done", "", len(health.rollouts))
            lines.append(
                _count_link("service", [r.service_id for r in health.rollouts], "attention:rollout", text)
            )
        if health.failed:
            text = _bad(self.tr("%n task(s) failed in the last 15 minutes", "", len(health.failed)))
            lines.append(
                _count_link("service", [f.service_id for f in health.failed], "attention:task", text)
            )
        self.services_box.body.setText("<br>".join(lines))

    def _show_certificates(self, root: datetime | None) -> None:
        lines = []
        if root is not None:
            lines.append(_link("page:swarm", self._expiry_line(self.tr("Swarm root CA"), root)))
        lines += self._node_certificate_lines()
        if self.client_expiry is not None:
            lines.append(self._expiry_line(self.tr("Your client certificate"), self.client_expiry))
        self.certificates_box.body.setText("<br>".join(lines) or self.tr("No certificate in use"))

    def _node_certificate_lines(self) -> list[str]:
        """The nodes' swarm certificates: how long the swarm makes them valid (it renews them before
        they expire) and each node whose certificate is not from the swarm's current CA."""
        swarm = self.swarm
        nodes = self.context.store.get("nodes")
        if swarm is None or not nodes:
            return []
        days = swarm.node_cert_expiry // DAY_NS
        validity = self.tr("%n day(s)", "", days) if days else duration(swarm.node_cert_expiry)
        lagging = [n for n in nodes.values() if node_progress(n, swarm) != CURRENT]
        text = self.tr("Node certificates: valid for %1, renewed by the swarm; %2").replace("%1", validity)
        if lagging:
            state = _bad(self.tr("%n node(s) not on the current CA", "", len(lagging)))
        else:
            state = self.tr("all %n node(s) on the current CA", "", len(nodes))
        lines = [_link("page:swarm", text.replace("%2", state))]
        lines += [
            _link(
                f"node:{n.id}",
                _bad(self.tr("%1: certificate not from the current CA").replace("%1", n.hostname)),
            )
            for n in sorted(lagging, key=lambda n: n.hostname)
        ]
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

    @operation_slot()
    async def _ask_swarm(self) -> None:
        """The swarm's settings (the nodes' certificate validity, its current CA), read off the GUI
        thread once per connection and again when a node's TLS info changed."""
        nodes = self.context.store.get("nodes").values()
        seen = tuple(sorted((n.id, str(n.raw.get("Description", {}).get("TLSInfo", ""))) for n in nodes))
        if self._asked_swarm_for == seen or self.context.cluster is None:
            return
        self._asked_swarm_for = seen
        try:
            self.swarm = await self.context.operations.on_manager(self, read_swarm)
        except Exception:  # a worker node or a broken connection: no line, said elsewhere
            return
        self._show_certificates(swarm_root_expiry(self.context.store.get("nodes").values()))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._outdated:
            self._refresh_soon.start()

    def _forget(self) -> None:
        """Another cluster is being opened (the workspace cleared the page's model)."""
        self.changes_model.clear()
        self.health = self.client_expiry = self.swarm = None
        self._asked_client_expiry = False
        self._asked_swarm_for = None
        self._narrow("")
        self.why = {}

    # -- navigation ------------------------------------------------------------------------------
    def _open_link(self, link: str) -> None:
        kind, _, key = link.partition(":")
        if kind == "page":
            self.navigator.show_page(key)
        elif kind == "node":
            self.navigator.open_node(key)
        elif kind == "service" and key in self.context.store.get("services"):
            self.navigator.open_service(key)
        elif kind == "nodes":  # the nodes of one availability, on the nodes page
            found = [n for n in self.context.store.get("nodes").values() if n.availability == key]
            self.navigator.show_page("nodes", availability_text(found[0]) if found else "")
        elif kind == "attention":
            self._narrow(key)

    def _narrow(self, kind: str) -> None:
        """Only the "Needs attention" rows of one kind (none: all of them), with a link back to all."""
        self.attention_filter.setFilterRegularExpression(f"^{kind}:" if kind else "")
        titles = {
            "node": self.tr("only the nodes down"),
            "service": self.tr("only the services not converged"),
            "rollout": self.tr("only the rollouts not done"),
            "task": self.tr("only the tasks failed"),
        }
        show_all = self.tr("show all")
        self.show_all.setText(f"{titles.get(kind, '')} · {_link('attention:', show_all)}")
        self.show_all.setVisible(bool(kind))
        if kind:
            self.attention.setFocus()

    def _open_row(self, index: QModelIndex) -> None:
        item = index.data(Role.OBJECT)
        if not isinstance(item, Item):
            return
        if item.target_kind == "node" and item.target_id in self.context.store.get("nodes"):
            self.navigator.open_node(item.target_id)
        elif item.target_kind == "service" and item.target_id in self.context.store.get("services"):
            self.navigator.open_service(item.target_id)
        else:
            pages = {"page": item.target_id, "node": "nodes"}
            self.navigator.show_page(pages.get(item.target_kind, "apps"))


def _read_expiry(path: str) -> datetime:
    return pem_expiry(Path(path).read_bytes())


def _row(*widgets: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    for widget in widgets:
        row.addWidget(widget)
    row.addStretch(1)
    return row


def _count_link(kind: str, ids: list[str], several: str, text: str) -> str:
    """A count that opens its one object's detail (`kind:id`), or `several` when it counts more."""
    distinct = list(dict.fromkeys(ids))
    return _link(f"{kind}:{distinct[0]}" if len(distinct) == 1 else several, text)


def _link(href: str, text: str) -> str:
    return f'<a href="{href}">{text}</a>'


def _bad(text: str) -> str:
    return f'<span style="color:#c62828">{text}</span>'
