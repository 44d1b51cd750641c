"""Keyboard shortcuts that do not fight the platform: none of the app's own shortcuts is a key the
platform reserves for something else (Print, Refresh, Replace, macOS's Hide and Minimise ...); Find and
Refresh are the platform's own keys and do what they say; no two actions of one page share a key."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from crane_desktop.views.main_window import MainWindow
from tests.gui.conftest import by_name, feed

StandardKey = QKeySequence.StandardKey
# What the app uses the platform's standard keys for, on purpose.
MEANT = (StandardKey.Open, StandardKey.New, StandardKey.Quit, StandardKey.Find, StandardKey.Refresh,
         StandardKey.Delete)  # fmt: skip
# Keys taken on some platform whatever this one says ("Ctrl" is Cmd on macOS): Refresh on GNOME and
# macOS, Replace on Windows and KDE and Hide on macOS, Minimise on macOS, Print, Find, Close, Preferences.
ELSEWHERE = {"Ctrl+R", "Ctrl+H", "Ctrl+M", "Ctrl+P", "Ctrl+F", "Ctrl+W", "Ctrl+,", "Ctrl+Shift+A", "F5"}


def reserved() -> set[str]:
    keys = set(ELSEWHERE)
    for key in StandardKey:
        if key not in (StandardKey.UnknownKey, *MEANT):
            keys.update(sequence.toString() for sequence in QKeySequence.keyBindings(key))
    return keys - {"Del", "Backspace"}  # Delete's own bindings (Backspace deletes on macOS)


def meant(action: QAction) -> bool:
    own = {sequence.toString() for key in MEANT for sequence in QKeySequence.keyBindings(key)}
    return all(sequence.toString() in own for sequence in action.shortcuts())


def shortcuts_by_widget(window: QWidget) -> dict[int, list[tuple[str, str]]]:
    """Each widget's actions' shortcuts, (shortcut, action name), by the widget they are added to."""
    found: dict[int, list[tuple[str, str]]] = {}
    for widget in [window, *window.findChildren(QWidget)]:
        for action in widget.actions():
            for sequence in action.shortcuts():
                name = action.objectName() or action.text()
                found.setdefault(id(widget), []).append((sequence.toString(), name))
    return found


def test_no_shortcut_is_a_key_the_platform_keeps_for_something_else(qtbot, loop):
    window = MainWindow()
    qtbot.addWidget(window)
    feed(window.store)
    window.workspace.open_node(by_name("nodes", "node-3").id)
    actions = [action for action in window.findChildren(QAction) if action.shortcuts()]  # menus' too
    assert len(actions) > 10
    taken = reserved()
    clashes = {
        (action.objectName() or action.text(), sequence.toString())
        for action in actions
        if not meant(action)
        for sequence in action.shortcuts()
        if sequence.toString() in taken
    }
    assert not clashes
    for widget_shortcuts in shortcuts_by_widget(window).values():
        twice = [key for key, count in Counter(key for key, _name in widget_shortcuts).items() if count > 1]
        assert not twice, widget_shortcuts


def test_find_goes_to_the_filter_and_refresh_is_the_platforms(workspace, qtbot):
    workspace.show_page("nodes")
    page = workspace.page_widgets["nodes"]
    find = page.findChild(QAction, "findInList")
    assert find.shortcut() == QKeySequence(StandardKey.Find)
    workspace.activateWindow()
    qtbot.waitUntil(workspace.isActiveWindow)
    page.table.setFocus()
    qtbot.keyClicks(page.filter_edit, "node-")
    page.table.setFocus()
    find_key = QKeySequence(StandardKey.Find)[0]
    qtbot.keyClick(page.table, find_key.key(), find_key.keyboardModifiers())
    assert QApplication.focusWidget() is page.filter_edit
    assert page.filter_edit.selectedText() == "node-"  # typing replaces the old filter

    detail = workspace.open_node(by_name("nodes", "node-3").id)
    refresh = detail.findChild(QAction, "refreshPane")
    assert refresh.shortcut() == QKeySequence(StandardKey.Refresh)
    assert refresh.shortcutContext() == Qt.ShortcutContext.WidgetWithChildrenShortcut
