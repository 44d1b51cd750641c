"""An uncaught exception anywhere: logged, shown with its details and a copy button, and the app
keeps running (a Python exception escaping a Qt slot would otherwise only reach stderr)."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

log = logging.getLogger("crane.crash")


class CrashDialog(QMessageBox):
    def __init__(self, details: str, parent: QWidget | None = None) -> None:
        super().__init__(QMessageBox.Icon.Critical, self.tr("Something went wrong"), "", parent=parent)
        self.setObjectName("crashDialog")
        self.setText(
            self.tr(
                "Crane Desktop hit an unexpected error. It keeps running; "
                "what you were doing may not have finished."
            )
        )
        self.setInformativeText(
            self.tr("The details are in the log file. Please include them when you report it.")
        )
        self.setDetailedText(details)
        self.details = details
        copy = self.addButton(self.tr("Copy details"), QMessageBox.ButtonRole.ActionRole)
        copy.setObjectName("copyDetails")
        copy.clicked.disconnect()  # keep the box open after copying
        copy.clicked.connect(self.copy_details)
        self.addButton(QMessageBox.StandardButton.Close)

    def copy_details(self) -> None:
        QApplication.clipboard().setText(self.details)


def report_exception(
    kind: type[BaseException], value: BaseException, tb: TracebackType | None, parent: QWidget | None = None
) -> CrashDialog | None:
    """sys.excepthook: log the exception and show it (non-modal), unless it is a Ctrl-C."""
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, tb)
        return None
    details = "".join(traceback.format_exception(kind, value, tb))
    log.error("uncaught exception:\n%s", details)
    if QApplication.instance() is None:
        return None
    dialog = CrashDialog(details, parent or QApplication.activeWindow())
    dialog.open()
    return dialog


def install() -> None:
    sys.excepthook = report_exception
