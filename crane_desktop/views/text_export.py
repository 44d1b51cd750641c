"""Handing a generated text (a deploy command, a load-balancer configuration) to the operator: copy it
to the clipboard, or save it to a file picked in a non-blocking save dialog, saying what happened."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from crane_desktop.views.context import ClusterContext


def copy_text(context: ClusterContext, text: str, copied: str) -> None:
    """Put `text` on the clipboard; `copied` tells the operator so."""
    QGuiApplication.clipboard().setText(text)
    context.say(copied, 5000)


def ask_save(parent: QWidget, title: str, name: str, save: Callable[[str], object]) -> QFileDialog:
    """A window-modal save dialog suggesting `name`; `save(path)` runs when a file is chosen."""
    dialog = QFileDialog(parent, title, name)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setObjectName("saveDialog")
    dialog.fileSelected.connect(save)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def save_text(context: ClusterContext, path: str, text: str) -> bool:
    """Write `text` to `path` (UTF-8); the status bar says it was saved, or why not."""
    try:
        with open(path, "w", encoding="utf-8") as out:
            out.write(text)
    except OSError as error:
        context.say(
            QCoreApplication.translate("TextExport", "Cannot save %1: %2")
            .replace("%1", path)
            .replace("%2", error.strerror or str(error)),
            10000,
        )
        return False
    context.say(QCoreApplication.translate("TextExport", "Saved %1.").replace("%1", path), 5000)
    return True
