"""The app's look on the recorded cluster (no swarm): icons that follow the theme, the sidebar's counts,
status pills, and empty states that say what to do next."""

from __future__ import annotations

import dataclasses
from collections import Counter

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QIcon, QImage, QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication, QStyleOptionViewItem, QToolBar, QToolButton

from crane_desktop.engine.diff import Diff
from crane_desktop.views.icons import NAMES, icon
from crane_desktop.views.theme import apply_theme
from tests.gui.conftest import by_name


@pytest.fixture
def themes(qapp):
    """Switch themes in a test; the system theme again afterwards."""
    yield lambda theme: apply_theme(qapp, theme)
    apply_theme(qapp, "system")


def drawn_color(image: QImage) -> QColor:
    """The colour of the icon's strokes: the commonest opaque pixel."""
    counts: Counter[int] = Counter()
    for x in range(image.width()):
        for y in range(image.height()):
            pixel = image.pixelColor(x, y)
            if pixel.alpha() == 255:
                counts[pixel.rgb()] += 1
    assert counts, "the icon drew nothing"
    return QColor.fromRgb(counts.most_common(1)[0][0])


def test_every_icon_of_the_set_draws_in_the_palette_text_colour_and_follows_the_theme(themes):
    themes("light")
    light = QApplication.palette().color(QPalette.ColorRole.WindowText)
    icons = {name: icon(name) for name in NAMES}  # made once: the same QIcons must follow the switch
    for name, each in icons.items():
        assert drawn_color(each.pixmap(QSize(24, 24)).toImage()) == light, name
    themes("dark")
    dark = QApplication.palette().color(QPalette.ColorRole.WindowText)
    assert dark.lightness() > 128 > light.lightness()
    for name, each in icons.items():
        assert drawn_color(each.pixmap(QSize(24, 24)).toImage()) == dark, name
    disabled = QApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    assert drawn_color(icons["drain"].pixmap(QSize(24, 24), QIcon.Mode.Disabled).toImage()) == disabled


def test_the_sidebar_and_the_toolbars_show_icons_beside_their_words(workspace):
    for row in range(workspace.sidebar.count()):
        item = workspace.sidebar.item(row)
        assert not item.icon().isNull() and item.text(), row
    nodes = workspace.page_widgets["nodes"]
    toolbar = nodes.findChild(QToolBar, "nodesToolbar")
    drain = toolbar.widgetForAction(nodes.drain_action)
    assert isinstance(drain, QToolButton) and not drain.icon().isNull()
    assert drain.text() == "Drain" and drain.toolButtonStyle().name == "ToolButtonTextBesideIcon"
    for page, name in (("apps", "deployButton"), ("networks", "createNetworkButton")):
        button = workspace.page_widgets[page].findChild(QAbstractButton, name)
        assert not button.icon().isNull() and button.text(), name


def test_sidebar_counts_follow_the_store_in_place(workspace, qtbot):
    store = workspace.context.store
    counts = workspace.counts
    networks = workspace.page_widgets["networks"].model.rowCount()
    assert counts.text("nodes") == "Nodes 4"
    assert counts.text("apps") == "Apps 2"  # the stack shop and the lone service gateway
    assert counts.text("networks") == f"Networks {networks}"
    assert counts.text("overview") == "Overview"  # pages that count nothing show their name only
    item = workspace.sidebar.item(1)
    node = by_name("nodes", "node-4")

    store.apply("nodes", Diff(changed={node.id: dataclasses.replace(node, state="down")}))
    assert counts.text("nodes") == "Nodes 4 · 1 down"
    assert workspace.sidebar.item(1) is item and item.text() == "Nodes"  # the tab's and breadcrumb's name
    assert "Nodes 4 · 1 down" in grabbed_sidebar_texts(workspace)

    store.apply("nodes", Diff(changed={node.id: node}))
    assert counts.text("nodes") == "Nodes 4"
    gateway = by_name("services", "gateway")
    store.apply("services", Diff(removed=frozenset({gateway.id})))
    assert counts.text("apps") == "Apps 1"

    store.clear()  # another cluster is being opened: no count until its data arrives
    assert counts.text("nodes") == "Nodes" and counts.text("apps") == "Apps"


def grabbed_sidebar_texts(workspace) -> list[str]:
    """The texts the sidebar's delegate paints (what initStyleOption hands to the style)."""
    sidebar = workspace.sidebar
    delegate = sidebar.itemDelegate()
    texts = []
    for row in range(sidebar.count()):
        option = QStyleOptionViewItem()
        delegate.initStyleOption(option, sidebar.model().index(row, 0))
        texts.append(option.text)
    return texts
