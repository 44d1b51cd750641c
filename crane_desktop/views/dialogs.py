"""The app's standard dialogs: "are you sure?" before anything destructive, "this failed, here is why"
in words an operator understands (the engine's raw text one click away), awaiting a dialog without a
nested event loop, and the base of dialogs that call the engine themselves."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, TypeVar

import shiboken6
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from crane_desktop.engine.errors import EngineError, translate
from crane_desktop.messages import error_hint, error_text
from crane_desktop.views.operations import CLOSED, OperationRunner, mark_closed

T = TypeVar("T")
ERROR_STYLE = "color: #c62828;"
WARNING_STYLE = "color: #b26a00"


async def confirm(parent: QWidget, title: str, text: str, action: str, *, details: str = "") -> bool:
    """Ask before a destructive action; the default button is Cancel. `action` names the button.

    Window-modal but not a nested event loop (`exec()` inside a coroutine would re-enter the qasync
    loop): the coroutine awaits the answer while the rest of the app stays live. Tests find the box by
    its object name "confirmDialog" and click "confirmButton" or Cancel.
    """
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Cancel, parent)
    box.setObjectName("confirmDialog")
    proceed = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    proceed.setObjectName("confirmButton")
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    if details:
        box.setInformativeText(details)
    answered: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
    box.finished.connect(lambda _result: _settle(answered, box.clickedButton() is proceed))
    # a parent closed while the question is open takes the box with it: that is a "no"
    box.destroyed.connect(lambda: _settle(answered, False))
    box.open()
    try:
        return await answered
    finally:
        if shiboken6.isValid(box):  # the parent may have been closed (and the box deleted) meanwhile
            box.deleteLater()


def _settle(answered: asyncio.Future[bool], value: bool) -> None:
    """Give the awaited answer unless one was already given (a box may finish and then be destroyed)."""
    if not answered.done():
        answered.set_result(value)


def show_error(parent: QWidget, title: str, error: BaseException) -> None:
    """Show what failed in plain words, the hint, and the engine's own text as details."""
    engine_error = error if isinstance(error, EngineError) else translate(error)
    box = QMessageBox(
        QMessageBox.Icon.Critical, title, error_text(engine_error), QMessageBox.StandardButton.Ok, parent
    )
    box.setObjectName("errorDialog")
    hint = error_hint(engine_error)
    if hint:
        box.setInformativeText(hint)
    if engine_error.raw:
        box.setDetailedText(engine_error.raw)
    box.open()


def failure_text(error: BaseException) -> str:
    """An engine failure in plain words, with its hint (for a dialog's own error line)."""
    engine_error = error if isinstance(error, EngineError) else translate(error)
    hint = error_hint(engine_error)
    return error_text(engine_error) + (f"\n{hint}" if hint else "")


async def run_dialog(dialog: QDialog) -> bool:
    """Show `dialog` window-modal and await whether it was accepted (no nested event loop)."""
    answered: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
    dialog.finished.connect(lambda result: _settle(answered, result == QDialog.DialogCode.Accepted))
    dialog.open()
    try:
        return await answered
    finally:
        dialog.deleteLater()


class EngineDialog(QDialog):
    """A dialog that calls the engine itself and may be closed meanwhile (Cancel, Esc): its calls go
    through the operation runner with the dialog as owner, so a closed dialog is never touched again
    (its slots are `operation_slot`s). It stays open on failure, so nothing typed is lost."""

    def __init__(self, parent: QWidget, operations: OperationRunner) -> None:
        super().__init__(parent)
        self.operations = operations

    @property
    def gone(self) -> bool:
        return bool(self.property(CLOSED))

    def done(self, result: int) -> None:
        mark_closed(self)
        super().done(result)

    async def call(self, fn: Callable[..., T], *args: Any) -> T:
        """`fn(*args)` off the GUI thread (OwnerGone if the dialog closed meanwhile)."""
        return await self.operations.run(self, fn, *args)

    async def on_manager(self, fn: Callable[..., T], *args: Any) -> T:
        """`fn(client, *args)` with the manager in use, off the GUI thread."""
        return await self.operations.on_manager(self, fn, *args)
