"""The Secrets and Configs pages: the swarm's secrets (or configs), live, with every service that uses
each one (target path, uid, gid, mode); create, show a config's content, edit labels, rotate, delete.

A secret's data never reaches the app (the engine does not give it); a config's is in its listing.
Delete is refused while services use the object, naming them; it asks first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QHeaderView, QMenu, QPushButton, QTableView, QWidget

from crane_desktop.engine import secrets_configs as objects
from crane_desktop.engine.diff import Diff
from crane_desktop.engine.errors import EngineError
from crane_desktop.engine.secrets_configs import Kind
from crane_desktop.engine.snapshots import Config, Secret
from crane_desktop.models.secrets import SecretTableModel
from crane_desktop.models.table import Role
from crane_desktop.views.dialogs import confirm, show_error
from crane_desktop.views.empty_state import EmptyState
from crane_desktop.views.filtering import filter_box, setup_table, sort_filter_proxy
from crane_desktop.views.icons import set_icons
from crane_desktop.views.list_page import RowCountLabel, fit_columns_once, list_layout
from crane_desktop.views.operations import operation_slot
from crane_desktop.views.secret_dialogs import ContentDialog, CreateDialog, LabelsEditDialog, RotateDialog

if TYPE_CHECKING:
    from crane_desktop.views.context import ClusterContext, Navigator


class ObjectsPage(QWidget):
    """The page of one kind (one class for both: Qt's tr takes a subclass's name as its context)."""

    def __init__(
        self, context: ClusterContext, navigator: Navigator, kind: Kind, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.store = context.store
        self.kind: Kind = kind
        self.store_kind = f"{self.kind}s"
        self.dialog: QDialog | None = None
        self.model = model = SecretTableModel(self.kind, self)
        self.store.changed.connect(self._on_store_changed)
        self._on_store_changed(self.store_kind, Diff())  # built after the data arrived: take what it holds
        self.proxy = sort_filter_proxy(model, self)
        secret = self.kind == "secret"

        self.create_button = self._button("createObjectButton", self.tr("Create…"), self.create_object)
        self.content_button = self._button("contentButton", self.tr("Show content"), self.show_content)
        self.content_button.setVisible(not secret)  # a secret's data never leaves the engine
        self.labels_button = self._button("labelsButton", self.tr("Labels…"), self.edit_labels)
        self.rotate_button = self._button("rotateButton", self.tr("Rotate…"), self.rotate)
        self.rotate_button.setToolTip(
            self.tr("Create a new version and move every service that uses this one to it")
        )
        self.delete_button = self._button("deleteObjectButton", self.tr("Delete…"), self.delete_selected)
        placeholder = (
            self.tr("Filter secrets (name, label, service…)")
            if secret
            else self.tr("Filter configs (name, label, service…)")
        )
        self.filter_edit = filter_box(self, placeholder, self.proxy)
        self.count_label = RowCountLabel(
            self,
            model,
            self.proxy,
            (lambda n: self.tr("%n secret(s)", "", n))
            if secret
            else (lambda n: self.tr("%n config(s)", "", n)),
        )
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        setup_table(self.table)
        # "Used by" has a line per service: each row as high as its lines (a swarm has few objects)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.sortByColumn(SecretTableModel.NAME_COLUMN, Qt.SortOrder.AscendingOrder)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        delete_key = QAction(self)
        delete_key.setShortcut(QKeySequence.StandardKey.Delete)
        delete_key.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.triggered.connect(self.delete_selected)
        self.table.addAction(delete_key)
        set_icons(
            self,
            {"createObjectButton": "add", "labelsButton": "labels", "rotateButton": "refresh",
             "deleteObjectButton": "remove"},
        )  # fmt: skip
        buttons = [self.create_button, self.content_button, self.labels_button, self.rotate_button]
        list_layout(self, [*buttons, self.delete_button], self.count_label, self.filter_edit, self.table)
        empty = (
            self.tr("No secrets yet. Passwords and keys reach services as files, never in their settings.")
            if secret
            else self.tr("No configs yet. Configuration files reach services without rebuilding images.")
        )
        self.empty_state = EmptyState(
            self.table,
            model,
            empty,
            (self.tr("Create…"), "add", self.create_object),
            icon_name=self.store_kind,
            follow=(self.store.changed,),
        )
        fit_columns_once(model, self.table.resizeColumnsToContents)
        model.dataChanged.connect(self._update_actions)
        model.rowsRemoved.connect(self._update_actions)
        self._update_actions()

    def _button(self, name: str, text: str, slot) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    # -- following the store -----------------------------------------------------------------------
    def _on_store_changed(self, kind: str, _change: Diff) -> None:
        if kind not in (self.store_kind, "services") or self.store_kind not in self.store.loaded:
            return
        self.model.update(self.store.get(self.store_kind), self.store.get("services"))

    def selected(self) -> Secret | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        row = self.proxy.data(rows[0], Role.OBJECT)
        return row.item if row is not None else None

    def select(self, name: str) -> bool:
        for row in range(self.proxy.rowCount()):
            if self.proxy.data(self.proxy.index(row, 0), Role.OBJECT).item.name == name:
                self.table.selectRow(row)
                return True
        return False

    def _update_actions(self, *args: object) -> None:
        chosen = self.selected() is not None
        for button in (self.content_button, self.labels_button, self.rotate_button, self.delete_button):
            button.setEnabled(chosen)

    def _context_menu(self, position: QPoint) -> None:
        """The page's buttons, as they are (shown, enabled), on the row clicked."""
        menu = QMenu(self)
        buttons = (self.create_button, self.content_button, self.labels_button, self.rotate_button)
        for button in (*buttons, self.delete_button):
            if not button.isHidden():
                action = menu.addAction(button.icon(), button.text(), button.click)
                action.setEnabled(button.isEnabled())
        menu.popup(self.table.viewport().mapToGlobal(position))

    # -- actions ---------------------------------------------------------------------------------------
    def _open(self, dialog: QDialog) -> QDialog:
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def create_object(self) -> QDialog:
        return self._open(CreateDialog(self, self.context, self.kind))

    def show_content(self) -> None:
        item = self.selected()
        if isinstance(item, Config):
            self._open(ContentDialog(self, item))

    def edit_labels(self) -> None:
        item = self.selected()
        if item is not None:
            self._open(LabelsEditDialog(self, self.context, self.kind, item))

    def rotate(self) -> None:
        item = self.selected()
        if item is not None:
            self._open(RotateDialog(self, self.context, self.kind, item))

    @operation_slot()
    async def delete_selected(self) -> None:
        item = self.selected()
        if item is None:
            return
        title = (
            self.tr("Cannot delete the secret")
            if self.kind == "secret"
            else self.tr("Cannot delete the config")
        )
        using = objects.users(self.store.get("services").values(), self.kind, item.id)
        if using:
            services = ", ".join(sorted({use.service for use in using}))
            show_error(self, title, EngineError(
                objects.IN_USE, kind=objects.KIND_WORDS[self.kind], services=services
            ))  # fmt: skip
            return
        if not await confirm(
            self,
            self.tr("Delete secret") if self.kind == "secret" else self.tr("Delete config"),
            self.tr("Delete %1? This cannot be undone.").replace("%1", item.name),
            self.tr("Delete"),
        ):
            return
        try:
            await self.context.operations.on_manager(self, objects.remove, self.kind, item.id)
        except Exception as error:
            show_error(self, title, error)
            return
        self.context.say(self.tr("%1 deleted.").replace("%1", item.name))


def secrets_page(context: ClusterContext, navigator: Navigator, parent: QWidget | None = None) -> ObjectsPage:
    return ObjectsPage(context, navigator, "secret", parent)


def configs_page(context: ClusterContext, navigator: Navigator, parent: QWidget | None = None) -> ObjectsPage:
    return ObjectsPage(context, navigator, "config", parent)
