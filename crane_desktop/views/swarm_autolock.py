"""The Swarm page's autolock box: autolock on/off, the unlock key (masked until shown, copied,
rotated), and unlocking a manager that came up locked, on its own engine, with the key.

A part of the page: it asks the page for the settings read last, for the locked manager to unlock and
to read the swarm again after a change; its engine calls go through the operation runner.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from crane_desktop.engine import swarm_settings as swarm
from crane_desktop.engine.errors import Conflict
from crane_desktop.engine.snapshots import Node
from crane_desktop.views.dialogs import ERROR_STYLE, WARNING_STYLE, confirm, failure_text
from crane_desktop.views.join_tokens import CopyField
from crane_desktop.views.operations import OperationRunner, is_open, operation_slot


def value_row(form: QFormLayout, parent: QWidget, title: str, name: str) -> QLabel:
    """A selectable value in `form`, "…" until known."""
    label = QLabel("…", parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    form.addRow(title, label)
    return label


def error_line(parent: QWidget, name: str) -> QLabel:
    """A hidden line in the error colour, shown when there is something wrong to say."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


class AutolockBox(QGroupBox):
    def __init__(
        self,
        parent: QWidget,
        operations: OperationRunner,
        settings: Callable[[], swarm.SwarmSettings | None],
        locked_node: Callable[[], Node | None],
        refresh: Callable[[], Awaitable[None]],
    ) -> None:
        super().__init__(self.tr("Autolock"), parent)
        self.setObjectName("autolockBox")
        self.operations = operations
        self.settings = settings
        self.locked_node = locked_node
        self.refresh = refresh
        form = QFormLayout(self)
        self.state_label = value_row(form, self, self.tr("Autolock:"), "autolockState")
        self.toggle_button = QPushButton(self)
        self.toggle_button.setObjectName("autolockButton")
        self.toggle_button.clicked.connect(self.toggle)
        self.toggle_button.hide()  # on or off is known once the swarm was read
        toggle_row = QHBoxLayout()
        toggle_row.addWidget(self.toggle_button)
        toggle_row.addStretch(1)
        form.addRow(toggle_row)
        self.key_field = CopyField(self, "unlockKey")
        self.key_field.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_field.edit.setPlaceholderText(self.tr("hidden: Show or Copy reads it"))
        self.key_field.copy_button.clicked.disconnect()
        self.key_field.copy_button.clicked.connect(self.copy_key)
        self.show_key_button = QPushButton(self.tr("Show"), self)
        self.show_key_button.setObjectName("showKey")
        self.show_key_button.clicked.connect(self.show_key)
        self.rotate_key_button = QPushButton(self.tr("Rotate key…"), self)
        self.rotate_key_button.setObjectName("rotateKey")
        self.rotate_key_button.clicked.connect(self.rotate_key)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_field, 1)
        key_row.addWidget(self.show_key_button)
        key_row.addWidget(self.rotate_key_button)
        form.addRow(self.tr("Unlock key:"), key_row)
        self.unlock_edit = QLineEdit(self)
        self.unlock_edit.setObjectName("unlockEdit")
        self.unlock_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.unlock_edit.setPlaceholderText(self.tr("SWMKEY-1-…"))
        self.unlock_button = QPushButton(self.tr("Unlock"), self)
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.clicked.connect(self.unlock)
        unlock_row = QHBoxLayout()
        unlock_row.addWidget(self.unlock_edit, 1)
        unlock_row.addWidget(self.unlock_button)
        form.addRow(self.tr("Unlock a locked manager:"), unlock_row)
        # the managers found locked, kept apart from the outcome of the last action so that a
        # refresh does not wipe "node-2 was unlocked." off the page
        self.locked_label = QLabel(self)
        self.locked_label.setObjectName("lockedManagers")
        self.locked_label.setWordWrap(True)
        self.locked_label.setStyleSheet(WARNING_STYLE)
        self.locked_label.hide()
        form.addRow(self.locked_label)
        self.message = QLabel(self)
        self.message.setObjectName("lockMessage")
        self.message.setWordWrap(True)
        form.addRow(self.message)
        self.error = error_line(self, "lockError")
        form.addRow(self.error)

    # -- showing -----------------------------------------------------------------------------------
    def show_settings(self, settings: swarm.SwarmSettings) -> None:
        self.state_label.setText(self.tr("on") if settings.autolock else self.tr("off"))
        self.toggle_button.setText(
            self.tr("Turn autolock off…") if settings.autolock else self.tr("Turn autolock on…")
        )
        self.toggle_button.show()
        for widget in (self.key_field, self.show_key_button, self.rotate_key_button):
            widget.setEnabled(settings.autolock)
        if not settings.autolock:
            self.key_field.edit.clear()
            self._reveal(False)

    def show_locked(self, hostnames: list[str]) -> None:
        """Say which managers are locked (nothing when none is)."""
        self.locked_label.setText(
            self.tr("Locked: %1. Give the unlock key and select the manager to unlock.").replace(
                "%1", ", ".join(sorted(hostnames))
            )
        )
        self.locked_label.setVisible(bool(hostnames))

    def forget(self) -> None:
        self.key_field.edit.clear()
        self._reveal(False)
        self.toggle_button.hide()  # until the other swarm was read

    def _problem(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def _reveal(self, shown: bool) -> None:
        self.key_field.edit.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)
        self.show_key_button.setText(self.tr("Hide") if shown else self.tr("Show"))

    # -- actions -----------------------------------------------------------------------------------
    @operation_slot()
    async def toggle(self) -> None:
        current = self.settings()
        if current is None:
            return
        enable = not current.autolock
        text = (
            self.tr(
                "Turn autolock on? A manager whose engine restarts then stays locked until it is given "
                "the unlock key: keep the key somewhere safe."
            )
            if enable
            else self.tr("Turn autolock off? Restarted managers then no longer need the unlock key.")
        )
        action = self.tr("Turn on") if enable else self.tr("Turn off")
        if not await confirm(self, self.tr("Autolock"), text, action) or not is_open(self):
            return
        self._problem("")
        try:
            await self.operations.on_manager(
                self, swarm.set_autolock, current, enable, busy=[self.toggle_button]
            )
        except Conflict:
            await self._changed_meanwhile()
            return
        except Exception as exc:
            self._problem(failure_text(exc))
            return
        await self.refresh()
        if enable:
            await self.show_key()

    @operation_slot()
    async def show_key(self) -> None:
        """Read the unlock key and show it in clear (it stays masked until asked for); again: hide it."""
        if self.key_field.edit.echoMode() == QLineEdit.EchoMode.Normal and self.key_field.edit.text():
            self._reveal(False)
            return
        if await self._load_key():
            self._reveal(True)

    async def _load_key(self) -> bool:
        try:
            key = await self.operations.on_manager(self, swarm.unlock_key, busy=[self.show_key_button])
        except Exception as exc:
            self._problem(failure_text(exc))
            return False
        self._problem("")
        self.key_field.edit.setText(key)
        return bool(key)

    @operation_slot()
    async def copy_key(self) -> None:
        if self.key_field.edit.text() or await self._load_key():
            self.key_field.copy()
            self.message.setText(self.tr("The unlock key was copied."))

    @operation_slot()
    async def rotate_key(self) -> None:
        current = self.settings()
        if current is None:
            return
        text = self.tr(
            "Make a new unlock key? The current one stops working once every manager took the new one."
        )
        asked = await confirm(self, self.tr("Rotate unlock key"), text, self.tr("Rotate"))
        if not asked or not is_open(self):
            return
        try:
            key = await self.operations.on_manager(
                self, swarm.rotate_unlock_key, current, busy=[self.rotate_key_button]
            )
        except Conflict:
            await self._changed_meanwhile()
            return
        except Exception as exc:
            self._problem(failure_text(exc))
            return
        await self.refresh()  # the swarm's new version, before anything else is asked of it
        self.key_field.edit.setText(key)
        self._reveal(True)
        self.message.setText(self.tr("A new unlock key was made: keep it somewhere safe."))

    async def _changed_meanwhile(self) -> None:
        """The swarm changed since it was read: nothing was done; read it again and say so."""
        self._problem(
            self.tr("The swarm was changed meanwhile, so nothing was done; it was read again: try again.")
        )
        await self.refresh()

    @operation_slot()
    async def unlock(self) -> None:
        node = self.locked_node()
        key = self.unlock_edit.text().strip()
        if node is None:
            self._problem(self.tr("Select the locked manager to unlock in the table below."))
            return
        if not key:
            self._problem(self.tr("Give the unlock key."))
            self.unlock_edit.setFocus()
            return
        self._problem("")
        try:
            await self.operations.on_cluster(self, swarm.unlock, node, key, busy=[self.unlock_button])
        except Exception as exc:
            self._problem(failure_text(exc))
            return
        self.unlock_edit.clear()
        self.message.setText(self.tr("%1 was unlocked.").replace("%1", node.hostname))
        await self.refresh()
