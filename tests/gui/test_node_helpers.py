"""Helpers (no tests) for the node GUI and fault tests: select rows, click actions, answer questions."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtWidgets import QMessageBox

from crane_desktop.models.nodes import NodeTableModel
from crane_desktop.models.table import Role


def row_of(page, hostname: str) -> int:
    proxy = page.proxy
    for row in range(proxy.rowCount()):
        if proxy.data(proxy.index(row, NodeTableModel.HOSTNAME_COLUMN)) == hostname:
            return row
    raise AssertionError(f"{hostname} not in the table")


def select(page, *hostnames: str) -> None:
    selection = QItemSelection()
    for hostname in hostnames:
        index = page.proxy.index(row_of(page, hostname), 0)
        selection.select(index, index)
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    page.table.selectionModel().select(selection, flags)
    page.table.selectionModel().setCurrentIndex(
        page.proxy.index(row_of(page, hostnames[-1]), 0), QItemSelectionModel.SelectionFlag.NoUpdate
    )


def cell(page, hostname: str, column: int) -> str:
    return page.proxy.data(page.proxy.index(row_of(page, hostname), column))


def click_action(qtbot, page, action) -> None:
    button = page.toolbar.widgetForAction(action)
    assert button is not None and button.isEnabled(), action.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def visible_box(window, name: str = "confirmDialog") -> QMessageBox | None:
    boxes = [b for b in window.findChildren(QMessageBox, name) if b.isVisible()]
    return boxes[-1] if boxes else None


def answer(qtbot, window, accept: bool, name: str = "confirmDialog") -> str:
    """Wait for the confirmation box, click its action button (accept) or Cancel; return its text."""
    qtbot.waitUntil(lambda: visible_box(window, name) is not None, timeout=5000)
    box = visible_box(window, name)
    if accept:
        button = next(b for b in box.buttons() if b.objectName() == "confirmButton")
    else:
        button = box.button(QMessageBox.StandardButton.Cancel)
    text = box.text() + "\n" + box.informativeText()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=5000)
    return text


def closed(widget) -> bool:
    """The dialog was closed (and maybe deleted already)."""
    return not shiboken6.isValid(widget) or not widget.isVisible()


def visible_dialog(parent, kind):
    """The visible dialog of type `kind` under `parent`, or None."""
    found = [d for d in parent.findChildren(kind) if shiboken6.isValid(d) and d.isVisible()]
    return found[-1] if found else None


def select_id(page, node_id: str) -> None:
    """Select the row of one node by its id (two rows may share a hostname after a re-join)."""
    proxy = page.proxy
    for row in range(proxy.rowCount()):
        if proxy.index(row, 0).data(Role.KEY) == node_id:
            index = proxy.index(row, 0)
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            page.table.selectionModel().select(index, flags)
            page.table.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
            return
    raise AssertionError(f"{node_id} not in the table")
