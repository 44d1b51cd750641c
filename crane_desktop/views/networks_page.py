"""The Networks page: the swarm's networks, live, with create, recreate and delete.

The built-in networks are explained on the page itself: operators meet `ingress` and
`docker_gwbridge` in every swarm and wonder whether they may remove them (they may not).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QWidget,
)

from crane_desktop.engine.diff import Diff
from crane_desktop.engine.errors import EngineError, translate
from crane_desktop.engine.networks import (
    check_deletable,
    delete_network,
    form_from_network,
    inspect_network,
    is_predefined,
)
from crane_desktop.engine.snapshots import Network
from crane_desktop.models.networks import NetworkTableModel, builtin_explanation
from crane_desktop.models.table import Role
from crane_desktop.views.dialogs import confirm, show_error
from crane_desktop.views.empty_state import EmptyState
from crane_desktop.views.filtering import filter_box, setup_table, sort_filter_proxy
from crane_desktop.views.icons import set_icons
from crane_desktop.views.list_page import RowCountLabel, fit_columns_once, list_layout
from crane_desktop.views.network_dialog import NetworkDialog
from crane_desktop.views.operations import operation_slot

if TYPE_CHECKING:
    from crane_desktop.views.context import ClusterContext, Navigator


class NetworksPage(QWidget):
    def __init__(self, context: ClusterContext, navigator: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.store = context.store
        self.operations = context.operations
        self.dialog: NetworkDialog | None = None
        self.model = model = NetworkTableModel(self)
        self.store.changed.connect(self._on_store_changed)
        self._on_store_changed("networks", Diff())  # built after the data arrived: take what it holds
        self.proxy = sort_filter_proxy(model, self)

        self.create_button = QPushButton(self.tr("Create network…"), self)
        self.create_button.setObjectName("createNetworkButton")
        self.create_button.clicked.connect(self.create_network)
        self.recreate_button = QPushButton(self.tr("Recreate…"), self)
        self.recreate_button.setObjectName("recreateNetworkButton")
        self.recreate_button.setToolTip(
            self.tr(
                "Networks cannot be edited: delete this one and create it again, with its settings filled in"
            )
        )
        self.recreate_button.clicked.connect(self.recreate_network)
        self.delete_button = QPushButton(self.tr("Delete…"), self)
        self.delete_button.setObjectName("deleteNetworkButton")
        self.delete_button.clicked.connect(self.delete_selected)
        self.filter_edit = filter_box(
            self, self.tr("Filter networks (name, subnet, label, service…)"), self.proxy
        )
        self.count_label = RowCountLabel(self, model, self.proxy, lambda n: self.tr("%n network(s)", "", n))

        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        setup_table(self.table)
        self.table.sortByColumn(NetworkTableModel.NAME_COLUMN, Qt.SortOrder.AscendingOrder)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        delete_action = QAction(self)
        delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete_action.triggered.connect(self.delete_selected)
        self.table.addAction(delete_action)

        self.builtin_label = QLabel(self)
        self.builtin_label.setObjectName("builtinExplanation")
        self.builtin_label.setWordWrap(True)
        self.builtin_label.setText(
            "\n".join(
                (
                    self.tr("Built-in networks (cannot be deleted):"),
                    "• " + builtin_explanation("ingress"),
                    "• " + builtin_explanation("docker_gwbridge"),
                    self.tr(
                        "Create overlay networks of your own to isolate apps from each other: only the "
                        "services attached to the same network reach each other."
                    ),
                )
            )
        )
        self.builtin_label.setStyleSheet("padding: 4px;")

        icons = {"createNetworkButton": "add", "recreateNetworkButton": "refresh"}
        set_icons(self, {**icons, "deleteNetworkButton": "remove"})
        buttons = [self.create_button, self.recreate_button, self.delete_button]
        layout = list_layout(self, buttons, self.count_label, self.filter_edit, self.table)
        layout.addWidget(self.builtin_label)

        self.empty_state = EmptyState(
            self.table,
            model,
            self.tr("No networks yet. Create an overlay network to connect an app's services."),
            (self.tr("Create network…"), "add", self.create_network),
            icon_name="networks",
            follow=(self.store.changed,),
        )
        fit_columns_once(model, self.table.resizeColumnsToContents)
        model.dataChanged.connect(self._update_actions)
        model.rowsRemoved.connect(self._update_actions)
        self._update_actions()

    # -- following the store -----------------------------------------------------------------------
    def _on_store_changed(self, kind: str, _change: Diff) -> None:
        if kind not in ("networks", "services"):
            return
        if "networks" not in self.store.loaded:
            return
        self.model.update(self.store.get("networks"), self.store.get("services"))

    def selected_network(self) -> Network | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        row = self.proxy.data(rows[0], Role.OBJECT)
        return row.network if row is not None else None

    def select_network(self, name: str) -> bool:
        for row in range(self.proxy.rowCount()):
            network = self.proxy.data(self.proxy.index(row, 0), Role.OBJECT).network
            if network.name == name:
                self.table.selectRow(row)
                return True
        return False

    def _update_actions(self, *args: object) -> None:
        network = self.selected_network()
        builtin = network is not None and is_predefined(network)
        self.delete_button.setEnabled(network is not None and not builtin)
        self.recreate_button.setEnabled(network is not None and not builtin)
        if network is not None and builtin:
            tip = self.tr("%1 is built in and cannot be deleted.").replace("%1", network.name)
        else:
            tip = self.tr("Delete the selected network")
        self.delete_button.setToolTip(tip)

    def _context_menu(self, position) -> None:
        menu = QMenu(self)
        menu.addAction(self.tr("Create network…"), self.create_network)
        recreate = menu.addAction(self.tr("Recreate…"), self.recreate_network)
        recreate.setEnabled(self.recreate_button.isEnabled())
        delete = menu.addAction(self.tr("Delete…"), self.delete_selected)
        delete.setEnabled(self.delete_button.isEnabled())
        menu.popup(self.table.viewport().mapToGlobal(position))

    # -- actions ---------------------------------------------------------------------------------------
    def create_network(self) -> NetworkDialog:
        return self._open_dialog(NetworkDialog(self.context, parent=self))

    @operation_slot()
    async def recreate_network(self) -> None:
        """Open the create dialog filled from the network as the engine has it now."""
        network = self.selected_network()
        if network is None or is_predefined(network):
            return
        try:
            network = await self.operations.on_manager(self, inspect_network, network.id)
        except Exception as error:
            show_error(self, self.tr("Cannot read the network"), translate(error))
            return
        self._open_dialog(
            NetworkDialog(self.context, form_from_network(network), replacing=network, parent=self)
        )

    def _open_dialog(self, dialog: NetworkDialog) -> NetworkDialog:
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.accepted.connect(lambda name=dialog.name_edit: self._created(name.text()))
        dialog.open()
        return dialog

    def _created(self, name: str) -> None:
        self.context.say(self.tr("Network %1 created.").replace("%1", name))

    @operation_slot()
    async def delete_selected(self) -> None:
        network = self.selected_network()
        if network is None:
            return
        services = list(self.store.get("services").values())
        try:
            check_deletable(network, services)
        except EngineError as error:
            show_error(self, self.tr("Cannot delete the network"), error)
            return
        if not await confirm(
            self,
            self.tr("Delete network"),
            self.tr("Delete the network %1? This cannot be undone.").replace("%1", network.name),
            self.tr("Delete"),
        ):
            return
        try:
            await self.operations.on_manager(self, delete_network, network, services)
        except Exception as error:
            show_error(self, self.tr("Cannot delete the network"), error)
            return
        self.context.say(self.tr("Network %1 deleted.").replace("%1", network.name))
