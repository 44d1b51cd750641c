"""The Nodes page: a live, sortable, filterable table of the swarm's nodes, and host management.

Every action of the toolbar is also in the context menu; Enter or a double-click opens the node, Delete
asks to remove it. Availability changes apply to every selected node, with one result per node.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QMenu,
    QTableView,
    QToolBar,
    QWidget,
)

from crane_desktop.engine import nodes as node_ops
from crane_desktop.engine.diff import Diff
from crane_desktop.engine.errors import EngineError, translate
from crane_desktop.engine.snapshots import Node
from crane_desktop.messages import error_text
from crane_desktop.models.nodes import NodeTableModel, status_text
from crane_desktop.models.table import Role
from crane_desktop.views import drain_dialog
from crane_desktop.views.dialogs import confirm, run_dialog, show_error
from crane_desktop.views.filtering import filter_box, setup_table, sort_filter_proxy
from crane_desktop.views.icons import set_icons
from crane_desktop.views.list_page import RowCountLabel, fit_columns_once, list_layout
from crane_desktop.views.node_dialogs import AddNodeDialog, ConnectHostDialog, LabelsDialog
from crane_desktop.views.operations import operation_slot
from crane_desktop.views.pills import PillDelegate, availability_tone, node_status_tone, object_tone

if TYPE_CHECKING:
    import docker

    from crane_desktop.views.context import ClusterContext, Navigator

# The toolbar's icons (views/icons.py), by the actions' object names.
ACTION_ICONS = {
    "drainNodes": "drain",
    "pauseNodes": "pause",
    "activateNodes": "activate",
    "editLabels": "labels",
    "removeNode": "remove",
    "connectHost": "connect",
    "addNode": "add",
}


class NodeTable(QTableView):
    """Enter opens the current node, Delete asks to remove it."""

    def __init__(self, page: NodesPage) -> None:
        super().__init__(page)
        self.page = page

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.page.current_node():
            self.page.open_current()
            return
        if event.key() == Qt.Key.Key_Delete and self.page.current_node():
            self.page.remove_action.trigger()
            return
        super().keyPressEvent(event)


class NodesPage(QWidget):
    def __init__(self, context: ClusterContext, navigator: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.store = context.store
        self.operations = context.operations
        self.navigator = navigator
        self.model = model = NodeTableModel(self)
        self.last_results: list[tuple[str, str]] = []  # (hostname, outcome) of the last action
        if "nodes" in self.store.loaded:  # built after the data arrived: take what the store holds
            model.apply_diff(Diff(added=dict(self.store.get("nodes"))))
        self.store.changed.connect(self._on_store_changed)
        self.proxy = sort_filter_proxy(model, self)

        self.filter_edit = filter_box(
            self, self.tr("Filter nodes (hostname, role, label, address…)"), self.proxy
        )
        self.count_label = RowCountLabel(self, model, self.proxy, lambda n: self.tr("%n node(s)", "", n))

        self.table = NodeTable(self)
        self.table.setModel(self.proxy)
        setup_table(self.table, multiple=True)
        self.status_pills = PillDelegate(object_tone(node_status_tone), self.table)
        self.availability_pills = PillDelegate(object_tone(availability_tone), self.table)
        self.table.setItemDelegateForColumn(NodeTableModel.STATUS_COLUMN, self.status_pills)
        self.table.setItemDelegateForColumn(NodeTableModel.AVAILABILITY_COLUMN, self.availability_pills)
        self.table.sortByColumn(NodeTableModel.ROLE_COLUMN, Qt.SortOrder.AscendingOrder)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.doubleClicked.connect(lambda _index: self.open_current())

        self._build_actions()
        set_icons(self, ACTION_ICONS)
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("nodesToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in self._toolbar_actions():
            if action is None:
                self.toolbar.addSeparator()
            else:
                self.toolbar.addAction(action)

        # The toolbar on a row of its own: its actions, each with icon and words, take the page's width.
        layout = list_layout(self, [], self.count_label, self.filter_edit, self.table)
        layout.insertWidget(0, self.toolbar)

        fit_columns_once(model, self.table.resizeColumnsToContents)
        model.dataChanged.connect(self._update_actions)
        model.rowsRemoved.connect(self._update_actions)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self._update_actions()

    # -- actions ---------------------------------------------------------------------------------
    def _action(self, name: str, text: str, tip: str, slot, shortcut: str = "") -> QAction:
        """An action of the toolbar and context menu; its shortcut works while the page has focus
        and is shown in the menu and in the tooltip."""
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut:
            sequence = QKeySequence(shortcut)
            action.setShortcut(sequence)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
            keys = sequence.toString(QKeySequence.SequenceFormat.NativeText)
            tip = self.tr("%1 (%2)").replace("%2", keys).replace("%1", tip)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        self.open_action = self._action(
            "openNode", self.tr("Open"), self.tr("Show the node's detail"), self.open_current
        )
        self.drain_action = self._action(
            "drainNodes",
            self.tr("Drain"),
            self.tr("Drain: stop scheduling: its running tasks move to other nodes"),
            lambda: self.set_availability("drain"),
            "Ctrl+D",
        )
        self.drain_safely_action = self._action(
            "drainWithoutDowntime",
            *drain_dialog.action_texts(),
            self.drain_without_downtime,
        )
        self.pause_action = self._action(
            "pauseNodes",
            self.tr("Pause"),
            self.tr("Pause: no new tasks; running ones stay"),
            lambda: self.set_availability("pause"),
            "Ctrl+Shift+D",
        )
        self.activate_action = self._action(
            "activateNodes",
            self.tr("Activate"),
            self.tr("Activate: normal scheduling"),
            lambda: self.set_availability("active"),
            "Ctrl+E",
        )
        self.labels_action = self._action(
            "editLabels",
            self.tr("Labels…"),
            self.tr("Add, change or remove the node's labels (used by placement constraints)"),
            self.edit_labels,
            "Ctrl+L",
        )
        self.promote_action = self._action(
            "promoteNode",
            self.tr("Promote"),
            self.tr("Make this worker a manager"),
            lambda: self.set_role("manager"),
        )
        self.demote_action = self._action(
            "demoteNode",
            self.tr("Demote"),
            self.tr("Make this manager a worker"),
            lambda: self.set_role("worker"),
        )
        self.remove_action = self._action(
            "removeNode",
            self.tr("Remove…"),
            self.tr("Remove the host from the swarm (only when it is down)"),
            self.remove,
        )
        self.connect_action = self._action(
            "connectHost",
            self.tr("Connect host…"),
            self.tr("Give the node's engine address to see its containers, networks, volumes and images"),
            self.connect_host,
            "Ctrl+Shift+H",
        )
        self.add_action = self._action(
            "addNode",
            self.tr("Add node…"),
            self.tr("Join commands and tokens; join a host's engine"),
            self.add_node,
            "Ctrl+J",
        )

    def _toolbar_actions(self) -> list[QAction | None]:
        return [
            self.drain_action,
            self.pause_action,
            self.activate_action,
            self.drain_safely_action,
            None,
            self.labels_action,
            self.promote_action,
            self.demote_action,
            self.remove_action,
            None,
            self.connect_action,
            self.add_action,
        ]

    def _update_actions(self, *args: object) -> None:
        selected = self.selected_nodes()
        one = selected[0] if len(selected) == 1 else None
        for action in (self.drain_action, self.pause_action, self.activate_action):
            action.setEnabled(bool(selected))
        for action in (
            self.open_action,
            self.labels_action,
            self.connect_action,
            self.remove_action,
            self.drain_safely_action,
        ):
            action.setEnabled(one is not None)
        self.promote_action.setEnabled(one is not None and one.role == "worker")
        self.demote_action.setEnabled(one is not None and one.role == "manager")
        if one is not None and one.state != "down":
            self.remove_action.setToolTip(
                self.tr(
                    "%1 is up: only a node that is down can be removed (force-removal is offered)"
                ).replace("%1", one.hostname)
            )
        else:
            self.remove_action.setToolTip(self.tr("Remove the host from the swarm (only when it is down)"))

    def _context_menu(self, position: QPoint) -> None:
        previous = getattr(self, "context_menu", None)
        if previous is not None:
            previous.deleteLater()
        menu = QMenu(self)
        menu.setObjectName("nodesContextMenu")
        menu.addAction(self.open_action)
        menu.addSeparator()
        for action in self._toolbar_actions():
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        menu.popup(self.table.viewport().mapToGlobal(position))
        self.context_menu = menu

    def current_node(self) -> Node | None:
        selected = self.selected_nodes()
        if len(selected) == 1:
            return selected[0]
        index = self.table.currentIndex()
        return self.proxy.data(index, Role.OBJECT) if index.isValid() and not selected else None

    def open_current(self) -> None:
        node = self.current_node()
        if node is not None:
            self.navigator.open_node(node.id)

    def _report(self, results: list[tuple[str, str, Exception | None]], title: str) -> None:
        """One result per node: the status bar sums up, a failure shows each node's reason."""
        self.last_results = [(host, outcome) for host, outcome, _error in results]
        failed = [(host, error) for host, _outcome, error in results if error is not None]
        item = self.tr("%1: %2")

        def line(host: str, text: str) -> str:
            return item.replace("%1", host).replace("%2", text)

        summary = self.tr("; ").join(line(host, outcome) for host, outcome, _error in results)
        self.context.say(summary, 10000)
        if len(failed) == 1:
            show_error(self, title, failed[0][1])
        elif failed:
            lines = "\n".join(line(host, error_text(_engine(err))) for host, err in failed)
            show_error(self, title, EngineError(self.tr("These nodes failed:\n%1").replace("%1", lines)))

    @operation_slot()
    async def set_availability(self, availability: str) -> None:
        nodes = self.selected_nodes()
        if not nodes:
            return
        if availability == "drain":
            tasks = self.store.get("tasks").values()
            moving = sum(node_ops.running_tasks_on(tasks, n.id) for n in nodes)
            names = ", ".join(n.hostname for n in nodes)
            text = self.tr(
                "Drain %1? It stops taking tasks and its running tasks move to other nodes."
            ).replace("%1", names)
            details = self.tr("%n task(s) will move.", "", moving)
            if not await confirm(self, self.tr("Drain nodes"), text, self.tr("Drain"), details=details):
                return
        done = {
            "drain": self.tr("drained"),
            "pause": self.tr("paused"),
            "active": self.tr("activated"),
        }[availability]
        results: list[tuple[str, str, Exception | None]] = []
        for node in nodes:
            try:
                await self.operations.on_manager(self, node_ops.set_availability, node.id, availability)
            except Exception as exc:
                results.append(
                    (node.hostname, self.tr("failed: %1").replace("%1", error_text(_engine(exc))), exc)
                )
            else:
                results.append((node.hostname, done, None))
        self._report(results, self.tr("Availability not changed"))

    def drain_without_downtime(self) -> None:
        node = self.current_node()
        if node is not None:
            self.drain_dialog = drain_dialog.open_drain_dialog(self, self.context, node.id)

    @operation_slot()
    async def edit_labels(self) -> None:
        node = self.current_node()
        if node is None:
            return
        try:
            fresh = await self.operations.on_manager(self, node_ops.inspect, node.id)
        except Exception as exc:
            show_error(self, self.tr("Labels"), exc)
            return
        self.labels_dialog = LabelsDialog(self, self.operations, fresh)
        if await run_dialog(self.labels_dialog):
            self.context.say(self.tr("Labels of %1 saved.").replace("%1", node.hostname), 10000)
            self.last_results = [(node.hostname, self.tr("labels saved"))]

    @operation_slot()
    async def set_role(self, role: str) -> None:
        node = self.current_node()
        if node is None:
            return
        nodes = list(self.store.get("nodes").values())
        try:
            await self.operations.on_manager(self, node_ops.set_role, node.id, role, nodes)
        except Exception as exc:
            title = self.tr("Not promoted") if role == "manager" else self.tr("Not demoted")
            self._report(
                [(node.hostname, self.tr("failed: %1").replace("%1", error_text(_engine(exc))), exc)], title
            )
            return
        outcome = self.tr("promoted to manager") if role == "manager" else self.tr("demoted to worker")
        self._report([(node.hostname, outcome, None)], "")

    @operation_slot()
    async def remove(self) -> None:
        node = self.current_node()
        if node is None:
            return
        force = False
        if node.state == "down":
            text = self.tr("Remove host %1 from the swarm? This cannot be undone.").replace(
                "%1", node.hostname
            )
            if not await confirm(self, self.tr("Remove host"), text, self.tr("Remove")):
                return
        else:
            text = (
                self.tr(
                    "%1 is up (%2). Only a node that is down can be removed: stop its engine or make it "
                    "leave the swarm first."
                )
                .replace("%1", node.hostname)
                .replace("%2", status_text(node))
            )
            details = self.tr(
                "Force-removal takes it out of the swarm while it still runs; its tasks are lost there."
            )
            if not await confirm(
                self, self.tr("Remove host"), text, self.tr("Force remove…"), details=details
            ):
                return
            second = self.tr("Really force-remove %1, which is still up? This cannot be undone.").replace(
                "%1", node.hostname
            )
            if not await confirm(self, self.tr("Force-remove host"), second, self.tr("Force remove")):
                return
            force = True
        try:
            await self.operations.on_manager(self, _remove_node, node, force)
        except Exception as exc:
            self._report(
                [(node.hostname, self.tr("failed: %1").replace("%1", error_text(_engine(exc))), exc)],
                self.tr("Host not removed"),
            )
            return
        self._report([(node.hostname, self.tr("removed"), None)], "")

    @operation_slot()
    async def connect_host(self) -> None:
        node = self.current_node()
        if node is None:
            return
        await open_connect_host(self, self.context, node)

    @operation_slot()
    async def add_node(self) -> None:
        if self.context.cluster is None:
            return
        self.add_dialog = AddNodeDialog(self, self.context, list(self.store.get("nodes").values()))
        await run_dialog(self.add_dialog)

    # -- the table -------------------------------------------------------------------------------
    def _on_store_changed(self, kind: str, change: Diff) -> None:
        if kind == "nodes":
            self.model.apply_diff(change)

    def select_node(self, node_id: str) -> bool:
        """Select (only) this node's row, as a click would; False when it is not in the table."""
        row = self.model.row_of(node_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():  # hidden by the filter
            self.filter_edit.clear()
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().setCurrentIndex(index, flags)
        return True

    def selected_nodes(self) -> list[Node]:
        rows = self.table.selectionModel().selectedRows()
        return [self.proxy.data(index, Role.OBJECT) for index in rows]


async def open_connect_host(parent: QWidget, context: ClusterContext, node: Node) -> Node | None:
    """The connect-host dialog; says in the status bar when the endpoint was stored."""
    if context.cluster is None:
        return None
    dialog = ConnectHostDialog(parent, context, node)
    parent.connect_dialog = dialog  # type: ignore[attr-defined]
    if not await run_dialog(dialog):
        return None
    context.say(
        QCoreApplication.translate("NodesPage", "%1 is connected: its engine is at %2.")
        .replace("%1", node.hostname)
        .replace("%2", dialog.result_node.endpoint_label if dialog.result_node else ""),
        10000,
    )
    return dialog.result_node


def _remove_node(client: docker.APIClient, node: Node, force: bool) -> None:
    node_ops.remove(client, node, force=force)


def _engine(error: BaseException) -> EngineError:
    return translate(error)
