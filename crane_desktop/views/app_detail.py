"""The app detail tab (Crane's app name -> 详情): the app's services with their task counts and update
state, its logs across all services, its monitoring summed per service, and the app's actions in one
Actions menu (操作): Update, Scale (修改任务数), Pull and redeploy newer images, Export as compose file
(导出为 compose 文件), Delete.

Everything shown follows the store: services that join or leave the app appear or go in place; an app
removed elsewhere is said to be deleted (it comes back if deployed again); deleted from here, the tab
closes.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from crane_desktop.engine.diff import Diff
from crane_desktop.models.apps import IMAGE_UPDATE, NAME, SERVICES, TASKS, UPDATED, AppTreeModel
from crane_desktop.models.table import Role
from crane_desktop.views.app_actions import delete_app, export_app, open_update
from crane_desktop.views.app_logs import AppLogs
from crane_desktop.views.charts import AppCharts
from crane_desktop.views.filtering import setup_table
from crane_desktop.views.image_actions import pull_and_redeploy
from crane_desktop.views.operations import operation_slot
from crane_desktop.views.pills import PillDelegate, app_image_tone
from crane_desktop.views.scale_dialog import ScaleDialog

if TYPE_CHECKING:
    from crane_desktop.views.context import ClusterContext, Navigator


class OneAppProxy(QSortFilterProxyModel):
    """The apps tree cut down to one app's row (and its services), sorted by the model's sort role."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setSortRole(Role.SORT)

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        if parent.isValid():
            return True
        return bool(self.sourceModel().index(row, 0, parent).data(Role.KEY) == self.key)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Only services are listed: their column says what it shows of each."""
        if (
            section == SERVICES
            and orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
        ):
            return self.tr("Image · mode")
        return super().headerData(section, orientation, role)


class AppDetail(QWidget):
    def __init__(
        self, context: ClusterContext, navigator: Navigator, app: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.navigator = navigator
        self.app = app
        self.key = f"stack:{app}"
        store = self.store = context.store
        self.model = AppTreeModel(self)
        self.model.load(
            store.get("services"), store.get("tasks"), store.get("networks"), "services" in store.loaded
        )
        self.image_updates = context.image_updates
        self.model.set_image_checks(self.image_updates.checks(), ())
        self.image_updates.changed.connect(self._on_images_checked)
        self.proxy = OneAppProxy(self.key, self)
        self.proxy.setSourceModel(self.model)
        self._busy = False

        self.title = QLabel(self)
        self.title.setObjectName("appTitle")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.update_action = QAction(self.tr("Update…"), self)
        self.update_action.setObjectName("updateAppAction")
        self.update_action.triggered.connect(self.update_app)
        self.scale_action = QAction(self.tr("Change task counts…"), self)
        self.scale_action.setObjectName("scaleAppAction")
        self.scale_action.triggered.connect(self.scale)
        self.export_action = QAction(self.tr("Export as compose file…"), self)
        self.export_action.setObjectName("exportAppAction")
        self.export_action.triggered.connect(self.export)
        self.redeploy_action = QAction(self.tr("Pull and redeploy newer images…"), self)
        self.redeploy_action.setObjectName("redeployAppAction")
        self.redeploy_action.triggered.connect(self.redeploy)
        self.delete_action = QAction(self.tr("Delete…"), self)
        self.delete_action.setObjectName("deleteAppAction")
        self.delete_action.triggered.connect(self.delete)
        self.actions_menu = QMenu(self)
        self.actions_menu.setToolTipsVisible(True)
        for action in (self.update_action, self.scale_action, self.redeploy_action, self.export_action):
            self.actions_menu.addAction(action)
        self.actions_menu.addSeparator()
        self.actions_menu.addAction(self.delete_action)
        self.actions_button = QPushButton(self.tr("Actions"), self)
        self.actions_button.setObjectName("appActionsButton")
        self.actions_button.setMenu(self.actions_menu)

        self.services_view = QTreeView(self)
        self.services_view.setObjectName("appServices")
        self.services_view.setModel(self.proxy)
        setup_table(self.services_view)
        self.services_view.setRootIsDecorated(False)
        self.services_view.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
        self.services_view.activated.connect(self._open_service)
        self.image_pills = PillDelegate(app_image_tone, self.services_view)
        self.services_view.setItemDelegateForColumn(IMAGE_UPDATE, self.image_pills)
        self.logs = AppLogs(context, app)
        self.charts = AppCharts(context, app)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("appTabs")
        self.tabs.addTab(self.services_view, self.tr("Services"))
        self.tabs.addTab(self.logs, self.tr("Logs"))
        self.tabs.addTab(self.charts, self.tr("Monitoring"))

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.actions_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

        store.changed.connect(self._on_store_changed)
        self._fitted = False
        self._refresh()

    # -- following the store ---------------------------------------------------------------------
    def _on_store_changed(self, kind: str, change: Diff) -> None:
        if kind in ("services", "tasks", "networks"):
            self.model.apply(kind, change)
            self._refresh()

    def _on_images_checked(self, service_ids: frozenset[str]) -> None:
        self.model.set_image_checks(self.image_updates.checks(), service_ids)
        self._update_actions(self.app_index().isValid())

    def app_index(self) -> QModelIndex:
        """The app's row in the proxy (invalid while the app has no service)."""
        return self.proxy.index(0, 0) if self.proxy.rowCount() else QModelIndex()

    def service_names(self) -> list[str]:
        """The names in the services list, in the order shown."""
        root = self.services_view.rootIndex()
        if not root.isValid():
            return []
        return [self.proxy.index(row, NAME, root).data() for row in range(self.proxy.rowCount(root))]

    def _refresh(self) -> None:
        """Title, services list root and the actions, from what the store holds now."""
        root = self.app_index()
        if self.services_view.rootIndex() != root:
            self.services_view.setRootIndex(root)
        exists = root.isValid()
        if exists:
            count = self.proxy.rowCount(root)
            tasks, updated = (self.proxy.index(0, column).data() for column in (TASKS, UPDATED))
            parts = [
                f"<b>{self.app}</b>",
                self.tr("%n service(s)", "", count),
                self.tr("%1 tasks running").replace("%1", tasks),
            ]
            if updated:
                parts.append(self.tr("last update %1").replace("%1", updated))
            self.title.setText(" — ".join(parts))
        else:
            self.title.setText(self.tr("<b>%1</b> (deleted)").replace("%1", self.app))
        if exists and not self._fitted:
            self._fitted = True
            for column in range(self.model.columnCount() - 1):
                self.services_view.resizeColumnToContents(column)
        self._update_actions(exists)

    def _update_actions(self, exists: bool) -> None:
        free = exists and not self._busy
        app = self.model.app(self.key)
        services = self.model.services_of(app) if app is not None else []
        replicated = any(s.mode == "replicated" for s in services)
        self.update_action.setEnabled(free)
        self.delete_action.setEnabled(free)
        self.export_action.setEnabled(free)
        self.scale_action.setEnabled(free and replicated)
        newer = self.model.newer_images(services)
        self.redeploy_action.setEnabled(free and bool(newer))
        self.redeploy_action.setToolTip(
            self.tr("Newer images in the registry: %1").replace("%1", ", ".join(s.name for s in newer))
            if newer
            else self.tr("Every service runs the image its tag has in the registry (or it was not checked).")
        )
        self.scale_action.setToolTip(
            ""
            if replicated or not exists
            else self.tr("Every service of this app is global: one task per node, nothing to scale.")
        )
        self.actions_button.setEnabled(exists)

    def _open_service(self, index: QModelIndex) -> None:
        service = self.model.service_at(self.proxy.mapToSource(index))
        if service is not None:
            self.navigator.open_service(service.id)

    # -- actions ---------------------------------------------------------------------------------
    def update_app(self) -> None:
        """Deploy the app's compose file again (the deploy dialog, the name fixed)."""
        open_update(self.context, self, self.app)

    def scale(self) -> None:
        app = self.model.app(self.key)
        if app is None:
            return
        rows = []
        for service in self.model.services_of(app):
            running, desired = self.model.counts(service)
            rows.append((service, f"{running}/{desired}"))
        dialog = ScaleDialog(self.context, self, self.app, sorted(rows, key=lambda row: row[0].name))
        dialog.open()

    @operation_slot()
    async def redeploy(self) -> None:
        """Pull and redeploy the app's services whose tag holds a newer image (asked first)."""
        app = self.model.app(self.key)
        newer = self.model.newer_images(self.model.services_of(app)) if app is not None else []
        await pull_and_redeploy(self, self.context, newer, busy=[self.redeploy_action])

    @operation_slot()
    async def export(self) -> None:
        """The app as it runs, as a compose file (a save dialog once it is read)."""
        await export_app(self, self.context, self.app, busy=[self.export_action])

    @operation_slot()
    async def delete(self) -> None:
        """Asked first; once removed, the tab closes (the app is gone)."""
        app = self.model.app(self.key)
        if app is None:
            return
        self._busy = True
        self._update_actions(True)
        deleted = await delete_app(self, self.context, app)  # not back if the tab closed meanwhile
        self._busy = False
        if deleted:
            self.navigator.close_tab(self)
        else:
            self._refresh()

    def close_streams(self) -> None:
        """Stop following the store and close the logs' and the charts' streams with this tab."""
        with contextlib.suppress(RuntimeError, TypeError):  # already disconnected
            self.store.changed.disconnect(self._on_store_changed)
            self.image_updates.changed.disconnect(self._on_images_checked)
        self.logs.close_streams()
        self.charts.close_streams()
