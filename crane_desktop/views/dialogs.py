"""The app's two standard questions: "are you sure?" before anything destructive, and "this failed,
here is why" in words an operator understands, with the engine's raw text one click away."""

from __future__ import annotations

import asyncio

import shiboken6
from PySide6.QtWidgets import QMessageBox, QWidget

from crane_desktop.engine.errors import EngineError, translate
from crane_desktop.views.texts import error_hint, error_text


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
    box.finished.connect(
        lambda _result: answered.done() or answered.set_result(box.clickedButton() is proceed)
    )
    # a parent closed while the question is open takes the box with it: that is a "no"
    box.destroyed.connect(lambda: answered.done() or answered.set_result(False))
    box.open()
    try:
        return await answered
    finally:
        if shiboken6.isValid(box):  # the parent may have been closed (and the box deleted) meanwhile
            box.deleteLater()


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
