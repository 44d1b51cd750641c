"""An uncaught exception shows a dialog with the traceback and a copy button, and is logged."""

import logging
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from crane_desktop.views.crash_dialog import report_exception


def test_uncaught_exception_is_shown_logged_and_copyable(qtbot, caplog):
    try:
        raise ValueError("boom in a slot")
    except ValueError:
        kind, value, tb = sys.exc_info()
    with caplog.at_level(logging.ERROR, logger="crane.crash"):
        dialog = report_exception(kind, value, tb)
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    assert "ValueError: boom in a slot" in dialog.detailedText()
    assert "boom in a slot" in caplog.text
    qtbot.mouseClick(dialog.findChild(QPushButton, "copyDetails"), Qt.MouseButton.LeftButton)
    assert "ValueError: boom in a slot" in QApplication.clipboard().text()
    assert dialog.isVisible()  # copying does not close it
