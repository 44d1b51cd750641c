"""The profile's private registries (Cluster ▸ Registries…): address and user in a list, the password
in the OS keyring; add, edit, remove, and a test login through the engine (/auth, as `docker login`).

The deploys send the login of an image's registry (engine/registries.py). Without a usable keyring the
dialog says so and asks whether to keep the password only until the app quits; a "no" saves nothing.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crane_desktop.engine.docker_credentials import docker_logins
from crane_desktop.engine.errors import EngineError
from crane_desktop.engine.profiles import ProfileStore, RegistryLogin
from crane_desktop.engine.registries import KeyringUnavailable, check_address, log_in
from crane_desktop.messages import error_text
from crane_desktop.views.dialogs import ERROR_STYLE, EngineDialog, confirm, failure_text, run_dialog
from crane_desktop.views.operations import operation_slot

if TYPE_CHECKING:
    from crane_desktop.engine.cluster import Cluster
    from crane_desktop.views.context import ClusterContext


class RegistryLoginDialog(EngineDialog):
    """Add or edit one registry: address, user, password (left empty when editing: keep the saved one).
    Accepted only once the password is kept (keyring, or this session when there is none and the
    operator agreed); `chosen` is then the login."""

    def __init__(
        self, parent: QWidget, context: ClusterContext, cluster: Cluster, login: RegistryLogin | None
    ):
        super().__init__(parent, context.operations)
        self.setObjectName("registryLoginDialog")
        self.cluster = cluster
        self.before = login
        self.chosen: RegistryLogin | None = None
        self.setWindowTitle(self.tr("Edit registry") if login else self.tr("Add registry"))
        self.address_edit = QLineEdit(login.address if login else "", self)
        self.address_edit.setObjectName("registryAddress")
        self.address_edit.setPlaceholderText(self.tr("registry.example.com:5000"))
        self.user_edit = QLineEdit(login.user if login else "", self)
        self.user_edit.setObjectName("registryUser")
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("registryPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(
            self.tr("unchanged when left empty") if login else self.tr("password or access token")
        )
        form = QFormLayout()
        form.addRow(self.tr("Address"), self.address_edit)
        form.addRow(self.tr("User"), self.user_edit)
        form.addRow(self.tr("Password"), self.password_edit)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("registryError")
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        note = QLabel(
            self.tr("The password is kept in the system's keyring, never in the profile file."), self
        )
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("registrySave")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)

    def show_problem(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def typed(self) -> tuple[RegistryLogin, str] | None:
        """The login and password typed, or None once what is wrong was said."""
        try:
            address = check_address(self.address_edit.text())
        except EngineError as error:
            self.show_problem(error_text(error))
            self.address_edit.setFocus()
            return None
        user = self.user_edit.text().strip()
        if not user:
            self.show_problem(self.tr("Enter the user to log in as."))
            self.user_edit.setFocus()
            return None
        password = self.password_edit.text()
        keeps_password = self.before is not None and self.before == RegistryLogin(address, user)
        if not password and not keeps_password:
            self.show_problem(self.tr("Enter the password or access token."))
            self.password_edit.setFocus()
            return None
        others = {login.address for login in self.cluster.profile.registries if login != self.before}
        if address in others:
            self.show_problem(self.tr("The profile already has a login for %1.").replace("%1", address))
            self.address_edit.setFocus()
            return None
        return RegistryLogin(address, user), password

    @operation_slot()
    async def save(self) -> None:
        typed = self.typed()
        if typed is None:
            return
        login, password = typed
        self.show_problem("")
        if password:
            try:
                await self.call(self.cluster.passwords.set, login, password)
            except KeyringUnavailable as error:
                if not await self._keep_for_session(error):
                    return  # nothing saved
                self.cluster.session_passwords[login] = password
            except Exception as error:
                self.show_problem(failure_text(error))
                return
            else:
                self.cluster.session_passwords.pop(login, None)
        elif self.before is not None and self.before in self.cluster.session_passwords:
            self.cluster.session_passwords[login] = self.cluster.session_passwords[self.before]
        self.chosen = login
        self.accept()

    async def _keep_for_session(self, error: KeyringUnavailable) -> bool:
        self.show_problem(failure_text(error))
        return await confirm(
            self,
            self.tr("No keyring"),
            self.tr(
                "The password cannot be kept in a keyring: %1\nKeep it only until Crane Desktop quits? "
                "It is never written to a file; you will enter it again next time."
            ).replace("%1", error_text(error)),
            self.tr("Keep until I quit"),
        )


class RegistriesDialog(EngineDialog):
    """The registries of the profile in use (Cluster ▸ Registries…)."""

    def __init__(self, parent: QWidget, context: ClusterContext, cluster: Cluster) -> None:
        super().__init__(parent, context.operations)
        self.setObjectName("registriesDialog")
        self.context = context
        self.cluster = cluster
        self.setWindowTitle(self.tr("Registries"))
        intro = QLabel(
            self.tr(
                "Deploys and updates send the login of the image's registry to the swarm, so that the "
                "nodes can pull private images. Registries not listed here use docker's own login "
                "(docker login, credential helpers)."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 2, self)
        self.table.setObjectName("registriesTable")
        self.table.setHorizontalHeaderLabels([self.tr("Address"), self.tr("User")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.itemDoubleClicked.connect(lambda _item: self.edit())
        self.add_button = QPushButton(self.tr("Add…"), self)
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.test_button = QPushButton(self.tr("Test login"), self)
        for name, button, slot in (
            ("registryAdd", self.add_button, self.add),
            ("registryEdit", self.edit_button, self.edit),
            ("registryRemove", self.remove_button, self.remove),
            ("registryTest", self.test_button, self.test_login),
        ):
            button.setObjectName(name)
            button.clicked.connect(slot)
        self.result_label = QLabel(self)
        self.result_label.setObjectName("registryResult")
        self.result_label.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button, self.test_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        docker_title = QLabel(
            self.tr(
                "docker's own logins (docker login, credential helpers), for the registries not listed above:"
            ),
            self,
        )
        docker_title.setWordWrap(True)
        self.docker_table = QTableWidget(0, 3, self)
        self.docker_table.setObjectName("dockerLoginsTable")
        self.docker_table.setHorizontalHeaderLabels([self.tr("Address"), self.tr("User"), self.tr("Kept by")])
        self.docker_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.docker_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.docker_table.verticalHeader().hide()
        self.docker_table.setWordWrap(False)
        header = self.docker_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.docker_status = QLabel(self.tr("Reading docker's logins…"), self)
        self.docker_status.setObjectName("dockerLoginsStatus")
        self.docker_status.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.result_label)
        layout.addWidget(docker_title)
        layout.addWidget(self.docker_table, 1)
        layout.addWidget(self.docker_status)
        layout.addWidget(close)
        self.resize(600, 520)
        self._fill()
        self.read_docker_logins()

    @operation_slot()
    async def read_docker_logins(self) -> None:
        """docker's own logins, listed read-only (a credential store may ask to be unlocked: off the GUI
        thread); what cannot be read is said in words."""
        try:
            logins = await self.call(docker_logins)
        except Exception as error:
            self.docker_status.setStyleSheet(ERROR_STYLE)
            self.docker_status.setText(failure_text(error))
            return
        self.docker_table.setRowCount(len(logins))
        for row, login in enumerate(logins):
            kept_by = (
                self.tr("config.json") if login.source == "config.json"
                else self.tr("credential helper %1").replace("%1", f"docker-credential-{login.source}")
            )  # fmt: skip
            for column, text in enumerate(
                (login.address, login.user or self.tr("(from the helper)"), kept_by)
            ):
                self.docker_table.setItem(row, column, QTableWidgetItem(text))
        self.docker_status.setText("" if logins else self.tr("docker has no logins of its own."))
        self.docker_status.setVisible(not logins)

    def _fill(self, select: RegistryLogin | None = None) -> None:
        logins = self.cluster.profile.registries
        self.table.setRowCount(len(logins))
        for row, login in enumerate(logins):
            self.table.setItem(row, 0, QTableWidgetItem(login.address))
            self.table.setItem(row, 1, QTableWidgetItem(login.user))
            if login == select:
                self.table.selectRow(row)
        self._selection_changed()

    def selected(self) -> RegistryLogin | None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        logins = self.cluster.profile.registries
        return logins[min(rows)] if rows and min(rows) < len(logins) else None

    def _selection_changed(self) -> None:
        chosen = self.selected() is not None
        for button in (self.edit_button, self.remove_button, self.test_button):
            button.setEnabled(chosen)

    def _keep(self, logins: tuple[RegistryLogin, ...], select: RegistryLogin | None = None) -> None:
        """Use `logins` from now on, and keep them in the saved profile (if it is saved)."""
        profile = self.cluster.set_registries(logins)
        store = ProfileStore()
        if any(saved.name == profile.name for saved in store.load()):
            store.set_registries(profile.name, profile.registries)
        self._fill(select)

    @operation_slot()
    async def add(self) -> None:
        await self._edit(None)

    @operation_slot()
    async def edit(self) -> None:
        login = self.selected()
        if login is not None:
            await self._edit(login)

    async def _edit(self, login: RegistryLogin | None) -> None:
        dialog = RegistryLoginDialog(self, self.context, self.cluster, login)
        self.login_dialog = dialog
        if not await run_dialog(dialog) or dialog.chosen is None:
            return
        chosen = dialog.chosen
        logins = list(self.cluster.profile.registries)
        if login is None:
            logins.append(chosen)
        else:
            logins[logins.index(login)] = chosen
        self._keep(tuple(logins), chosen)
        self.result_label.setStyleSheet("")
        self.result_label.setText(self.tr("%1 saved.").replace("%1", chosen.address))
        if login is not None and (login.address, login.user) != (chosen.address, chosen.user):
            await self._forget(login)

    async def _forget(self, login: RegistryLogin) -> None:
        self.cluster.session_passwords.pop(login, None)
        with contextlib.suppress(KeyringUnavailable):  # no keyring: nothing was kept there
            await self.call(self.cluster.passwords.delete, login)

    @operation_slot()
    async def remove(self) -> None:
        login = self.selected()
        if login is None:
            return
        if not await confirm(
            self,
            self.tr("Remove registry"),
            self.tr("Remove the login for %1 (user %2) and its saved password?")
            .replace("%1", login.address)
            .replace("%2", login.user),
            self.tr("Remove"),
        ):
            return
        self._keep(tuple(item for item in self.cluster.profile.registries if item != login))
        await self._forget(login)
        self.result_label.setStyleSheet("")
        self.result_label.setText(self.tr("%1 removed.").replace("%1", login.address))

    @operation_slot()
    async def test_login(self) -> None:
        login = self.selected()
        if login is None:
            return
        self.result_label.setStyleSheet("")
        self.result_label.setText(self.tr("Logging in to %1…").replace("%1", login.address))
        credentials = self.cluster.credentials()
        try:
            auth = await self.call(credentials.auth_for, f"{login.address}/any")
            assert auth is not None  # the profile's own registry always has a login (or raises)
            await self.on_manager(log_in, login.address, login.user, auth.password)
        except Exception as error:
            self.result_label.setStyleSheet(ERROR_STYLE)
            self.result_label.setText(failure_text(error))
            return
        self.result_label.setText(
            self.tr("The swarm's manager logged in to %1 as %2.")
            .replace("%1", login.address)
            .replace("%2", login.user)
        )
