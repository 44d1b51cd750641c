"""The Apps page: every app (stack, or lone service) with its services, live; deploy and delete."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QMenu,
    QMessageBox,
    QPushButton,
    QTreeView,
    QWidget,
)

from crane_desktop.engine.diff import Diff
from crane_desktop.engine.snapshots import Service
from crane_desktop.models.apps import IMAGE_UPDATE, NAME, TASKS, App, AppTreeModel
from crane_desktop.views.app_actions import delete_app, export_app, open_update
from crane_desktop.views.empty_state import EmptyState
from crane_desktop.views.filtering import filter_box, setup_table, sort_filter_proxy
from crane_desktop.views.icons import set_icons
from crane_desktop.views.image_actions import pull_and_redeploy
from crane_desktop.views.list_page import RowCountLabel, fit_columns_once, list_layout
from crane_desktop.views.operations import operation_slot
from crane_desktop.views.pills import PillDelegate, app_image_tone, app_tasks_tone

if TYPE_CHECKING:
    from crane_desktop.views.context import ClusterContext, Navigator


class AppsPage(QWidget):
    def __init__(self, context: ClusterContext, navigator: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.navigator = navigator
        self.operations = context.operations
        self.model = model = AppTreeModel(self)
        store = context.store
        model.load(
            store.get("services"), store.get("tasks"), store.get("networks"), "services" in store.loaded
        )
        store.changed.connect(self._on_store_changed)
        self.image_updates = context.image_updates
        model.set_image_checks(self.image_updates.checks(), ())
        self.image_updates.changed.connect(self._on_images_checked)
        self.proxy = sort_filter_proxy(model, self, recursive=True)

        self.deploy_button = QPushButton(self.tr("Deploy app…"), self)
        self.deploy_button.setObjectName("deployButton")
        self.deploy_button.clicked.connect(self.open_deploy)
        self.delete_button = QPushButton(self.tr("Delete app"), self)
        self.delete_button.setObjectName("deleteAppButton")
        self.delete_button.setEnabled(False)
        self.delete_button.clicked.connect(self.delete_selected)
        self.filter_edit = filter_box(
            self, self.tr("Filter apps and services (name, image, port…)"), self.proxy
        )
        self.count_label = RowCountLabel(self, model, self.proxy, lambda n: self.tr("%n app(s)", "", n))

        self.tree = QTreeView(self)
        self.tree.setObjectName("appsTree")
        self.tree.setModel(self.proxy)
        setup_table(self.tree)
        self.tasks_pills = PillDelegate(app_tasks_tone, self.tree)
        self.tree.setItemDelegateForColumn(TASKS, self.tasks_pills)
        self.image_pills = PillDelegate(app_image_tone, self.tree)
        self.tree.setItemDelegateForColumn(IMAGE_UPDATE, self.image_pills)
        self.tree.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.activated.connect(self._open_index)  # double-click or Enter
        self.tree.selectionModel().selectionChanged.connect(self._update_actions)
        delete = QAction(self.tr("Delete app"), self)
        delete.setShortcut(QKeySequence.StandardKey.Delete)
        delete.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        delete.triggered.connect(self.delete_selected)
        self.tree.addAction(delete)

        set_icons(self, {"deployButton": "deploy", "deleteAppButton": "remove"})
        buttons = [self.deploy_button, self.delete_button]
        list_layout(self, buttons, self.count_label, self.filter_edit, self.tree)

        deploy = (self.tr("Deploy app…"), "deploy", self.open_deploy)
        nothing = self.tr("No apps yet. Deploy one from a compose file or a single image.")
        self.empty_state = EmptyState(
            self.tree, model, nothing, deploy, icon_name="apps", follow=(store.changed,)
        )
        model.rowsInserted.connect(self._expand_new_apps)
        fit_columns_once(model, self._fit_columns)
        if model.rowCount():  # built after the data arrived: those apps are new to the operator too
            self._expand_new_apps(QModelIndex(), 0, model.rowCount() - 1)

    def _on_store_changed(self, kind: str, change: Diff) -> None:
        if kind in ("services", "tasks", "networks"):
            self.model.apply(kind, change)

    def _on_images_checked(self, service_ids: frozenset[str]) -> None:
        self.model.set_image_checks(self.image_updates.checks(), service_ids)

    def _expand_new_apps(self, parent: QModelIndex, first: int, last: int) -> None:
        """New apps open expanded: their services are what operators look for."""
        if parent.isValid():
            return
        for row in range(first, last + 1):
            self.tree.expand(self.proxy.mapFromSource(self.model.index(row, 0)))

    def _fit_columns(self) -> None:
        """Every column but the stretched last one to its content, the names at least 220 px wide."""
        for column in range(self.model.columnCount() - 1):
            self.tree.resizeColumnToContents(column)
        self.tree.setColumnWidth(0, max(self.tree.columnWidth(0), 220))

    # -- selection -------------------------------------------------------------------------------
    def selected_source(self) -> QModelIndex:
        rows = self.tree.selectionModel().selectedRows()
        return self.proxy.mapToSource(rows[0]) if rows else QModelIndex()

    def select_app(self, key: str) -> None:
        index = self.proxy.mapFromSource(self.model.app_index(key))
        self.tree.setCurrentIndex(index)

    def _update_actions(self, *args: object) -> None:
        self.delete_button.setEnabled(self.selected_source().isValid())

    def _open_index(self, index: QModelIndex) -> None:
        """A service row opens the service; an app row the app (a lone service is its own app)."""
        source = self.proxy.mapToSource(index)
        service = self.model.service_at(source)
        app = self.model.app_at(source)
        if service is not None:
            self.navigator.open_service(service.id)
        elif app is not None and app.is_stack:
            self.navigator.open_app(app.name)
        elif app is not None and app.service_ids:
            self.navigator.open_service(app.service_ids[0])

    def _context_menu(self, position) -> None:
        index = self.tree.indexAt(position)
        if not index.isValid():
            return
        source = self.proxy.mapToSource(index)
        menu = QMenu(self)
        service = self.model.service_at(source)
        app = self.model.app_at(source)
        if service is not None:
            menu.addAction(self.tr("Open service"), lambda: self.navigator.open_service(service.id))
        if app is not None and app.is_stack:
            menu.addAction(self.tr("Open app"), lambda: self.navigator.open_app(app.name))
            menu.addAction(self.tr("Update app…"), lambda: open_update(self.context, self, app.name))
            menu.addAction(self.tr("Export as compose file…"), lambda: self.export(app.name))
        services = [service] if service is not None else self.model.services_of(app) if app else []
        newer = self.model.newer_images(services)
        if newer:
            menu.addAction(self.tr("Pull and redeploy…"), lambda: self.redeploy(newer))
        menu.addAction(
            self.tr("Check for newer images"), lambda: self.image_updates.check_now(s.id for s in services)
        )
        menu.addSeparator()
        menu.addAction(self.tr("Delete app"), self.delete_selected)
        menu.popup(self.tree.viewport().mapToGlobal(position))

    @operation_slot()
    async def export(self, app: str) -> None:
        await export_app(self, self.context, app)

    @operation_slot()
    async def redeploy(self, services: list[Service]) -> None:
        """Pull and redeploy the services whose tag holds a newer image (asked first)."""
        await pull_and_redeploy(self, self.context, services)

    def open_deploy(self) -> None:
        from crane_desktop.views.deploy_dialog import DeployDialog

        dialog = DeployDialog(self.context, self)
        dialog.open()

    # -- delete ----------------------------------------------------------------------------------
    @operation_slot()
    async def delete_selected(self) -> None:
        source = self.selected_source()
        app: App | None = self.model.app_at(source)
        if app is None:
            return
        service = self.model.service_at(source)
        if service is not None and len(app.service_ids) > 1:
            box = QMessageBox(
                QMessageBox.Icon.Information,
                self.tr("Delete app"),
                self.tr(
                    "%1 is one of the %2 services of the app %3; they were deployed together and depend on "
                    "each other, so a single service is not deleted alone. Delete the whole app, or deploy "
                    "the app again without this service."
                )
                .replace("%1", service.name)
                .replace("%2", str(len(app.service_ids)))
                .replace("%3", app.name),
                QMessageBox.StandardButton.Ok,
                self,
            )
            box.setObjectName("cannotDeleteDialog")
            box.open()
            return
        await delete_app(self, self.context, app)
