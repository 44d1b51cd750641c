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
from crane_desktop.models.apps import NAME, TASKS
from crane_desktop.models.capacity import CapacityTableModel
from crane_desktop.models.nodes import NodeTableModel
from crane_desktop.models.tasks import STATE
from crane_desktop.views.context import ClusterContext
from crane_desktop.views.icons import NAMES, icon
from crane_desktop.views.pills import Pill, PillDelegate, tone_color
from crane_desktop.views.theme import apply_theme
from crane_desktop.views.workspace import Workspace
from tests.gui.conftest import by_name, recorded


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
    QApplication.processEvents()  # the list lays its rows out again
    assert not workspace.sidebar.horizontalScrollBar().isVisible()  # elided, never scrolled sideways

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


def cell_colors(view, index) -> set[int]:
    """The colours painted in the cell of `index` (a proxy index of `view`), as RGB values."""
    image = view.viewport().grab(view.visualRect(index)).toImage()
    return {image.pixelColor(x, y).rgb() for x in range(image.width()) for y in range(image.height())}


def node_cell(page, hostname: str, column: int):
    row = page.model.row_of(by_name("nodes", hostname).id)
    return page.proxy.mapFromSource(page.model.index(row, column))


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_node_status_and_availability_are_pills_with_a_word_and_their_tone(workspace, qtbot, themes, theme):
    themes(theme)
    workspace.show_page("nodes")
    page = workspace.page_widgets["nodes"]
    table = page.table
    paused = node_cell(page, "node-3", NodeTableModel.AVAILABILITY_COLUMN)
    delegate = table.itemDelegateForIndex(paused)
    assert delegate.pill(paused) == Pill("paused", "warning")
    assert tone_color("warning").rgb() in cell_colors(table, paused)  # the triangle and the border
    status = node_cell(page, "node-4", NodeTableModel.STATUS_COLUMN)
    assert table.itemDelegateForIndex(status).pill(status) == Pill("ready", "ok")
    assert tone_color("error").rgb() not in cell_colors(table, status)

    node = by_name("nodes", "node-4")
    workspace.context.store.apply("nodes", Diff(changed={node.id: dataclasses.replace(node, state="down")}))
    assert table.itemDelegateForIndex(status).pill(status) == Pill("down", "error")
    qtbot.waitUntil(lambda: tone_color("error").rgb() in cell_colors(table, status))
    hostname = node_cell(page, "node-4", NodeTableModel.HOSTNAME_COLUMN)
    assert not isinstance(table.itemDelegateForIndex(hostname), PillDelegate)  # other columns stay text

    workspace.set_stale(True)  # disconnected: the words stay, no colour claims anything
    assert table.itemDelegateForIndex(status).pill(status) == Pill("down", "muted")


def test_task_states_are_pills_failed_ones_in_the_error_tone(workspace):
    detail = workspace.open_service(by_name("services", "shop_worker").id)
    view = detail.tasks_view
    view.expandAll()
    proxy = view.model()
    pills = []
    for row in range(proxy.rowCount()):
        slot = proxy.index(row, STATE)
        pills.append(view.itemDelegateForIndex(slot).pill(slot))
        parent = proxy.index(row, 0)
        for child in range(proxy.rowCount(parent)):
            index = proxy.index(child, STATE, parent)
            pills.append(view.itemDelegateForIndex(index).pill(index))
    assert Pill("failed", "error") in pills
    assert all(pill is not None and pill.text for pill in pills)
    failed = next(
        proxy.index(child, STATE, proxy.index(0, 0))
        for child in range(proxy.rowCount(proxy.index(0, 0)))
        if proxy.index(child, STATE, proxy.index(0, 0)).data() == "failed"
    )
    assert tone_color("error").rgb() in cell_colors(view, failed)


def test_an_apps_task_count_is_a_pill_whose_tone_says_whether_it_converged(workspace):
    page = workspace.page_widgets["apps"]
    pills = {}
    for row in range(page.proxy.rowCount()):
        app = page.proxy.index(row, 0)
        for child in range(page.proxy.rowCount(app)):
            name = page.proxy.index(child, NAME, app).data()
            tasks = page.proxy.index(child, TASKS, app)
            pills[name] = page.tree.itemDelegateForIndex(tasks).pill(tasks)
    assert pills["shop_web"] == Pill("2/2", "ok")
    assert pills["shop_worker"] == Pill("0/1", "error")  # its tasks keep failing
    assert pills["shop_agent"].tone == "warning"  # one task pending on the paused node


def test_an_empty_list_says_what_to_do_next_and_goes_when_rows_come(workspace, qtbot):
    store = workspace.context.store
    workspace.show_page("networks")
    page = workspace.page_widgets["networks"]
    empty = page.empty_state
    assert empty.isHidden()
    networks = recorded("networks")
    store.apply("networks", Diff(removed=frozenset(networks)))
    qtbot.waitUntil(empty.isVisible)
    assert empty.message.text().startswith("No networks yet.")
    assert empty.geometry() == page.table.viewport().rect()
    assert empty.button.text() == "Create network…"
    empty.button.click()
    assert page.dialog is not None and page.dialog.isVisible()  # the create dialog, as from the toolbar
    page.dialog.reject()
    store.apply("networks", Diff(added=networks))
    qtbot.waitUntil(empty.isHidden)

    apps = workspace.page_widgets["apps"]
    workspace.show_page("apps")
    store.apply("services", Diff(removed=frozenset(recorded("services"))))
    qtbot.waitUntil(apps.empty_state.isVisible)
    assert apps.empty_state.button.text() == "Deploy app…"


def test_the_overview_says_when_nothing_needs_attention(workspace, qtbot):
    overview = workspace.page_widgets["overview"]
    assert overview.calm.isHidden()  # two services do not converge in the recorded cluster
    assert overview.quiet.isVisible()  # no change seen yet
    assert overview.quiet.message.text() == "No changes seen since the cluster was opened."
    failing = {by_name("services", name).id for name in ("shop_agent", "shop_worker")}
    workspace.context.store.apply("services", Diff(removed=frozenset(failing)))
    qtbot.waitUntil(overview.calm.isVisible)
    assert overview.calm.message.text().startswith("Nothing needs attention")
    assert overview.calm.button is None
    qtbot.waitUntil(overview.quiet.isHidden)  # the removals are changes


def test_nothing_is_said_to_be_empty_before_the_data_arrives_and_an_empty_listing_is(qtbot, loop):
    context = ClusterContext()
    workspace = Workspace(context)
    qtbot.addWidget(workspace)
    workspace.show()
    for key in ("apps", "networks"):
        workspace.show_page(key)
        assert workspace.page_widgets[key].empty_state.isHidden(), key
    assert workspace.page_widgets["overview"].calm.isHidden()
    assert workspace.page_widgets["overview"].quiet.isHidden()

    # A swarm with no service and no network of its own: the first listings are empty, no row comes.
    context.store.apply("services", Diff())
    context.store.apply("networks", Diff())
    assert workspace.page_widgets["networks"].empty_state.isVisible()
    workspace.show_page("apps")
    assert workspace.page_widgets["apps"].empty_state.isVisible()
    context.close()


def test_the_overviews_severity_is_a_pill_whose_shape_replaces_the_texts_symbol(workspace, qtbot):
    table = workspace.page_widgets["overview"].attention
    model = table.model()
    qtbot.waitUntil(lambda: model.rowCount() == 2)
    pills = {}
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        pills[model.index(row, 1).data()] = (index.data(), table.itemDelegateForIndex(index).pill(index))
    assert pills["shop_worker"] == ("✖ Problem", Pill("Problem", "error"))  # the text keeps its symbol
    assert pills["shop_agent"] == ("▲ Warning", Pill("Warning", "warning"))


def test_the_sidebar_takes_the_new_theme_when_it_is_switched(workspace, themes, qtbot):
    themes("light")
    viewport = workspace.sidebar.viewport()
    corner = viewport.height() - 5  # below the pages: the list's own background

    def background() -> QColor:
        return viewport.grab().toImage().pixelColor(5, corner)

    assert background().lightness() > 128
    themes("dark")  # at run time, as View › Theme does
    dark = QApplication.palette().color(QPalette.ColorRole.Base)
    assert dark.lightness() < 128
    qtbot.waitUntil(lambda: background() == dark)


def test_the_capacity_tables_state_is_a_pill_and_the_total_row_has_none(workspace):
    page = workspace.page_widgets["capacity"]
    pills = {}
    for row in range(page.proxy.rowCount()):
        index = page.proxy.index(row, CapacityTableModel.STATUS_COLUMN)
        name = page.proxy.index(row, CapacityTableModel.NAME_COLUMN).data()
        pills[name] = page.table.itemDelegateForIndex(index).pill(index)
    assert pills["node-3"] == Pill("paused", "warning") and pills["node-1"] == Pill("active", "ok")
    assert pills["Cluster total"] is None


def test_a_healthy_cluster_at_first_sight_has_nothing_that_needs_attention(qtbot, loop):
    context = ClusterContext()
    context.store.apply("nodes", Diff(added=recorded("nodes")))  # all ready; no service yet
    context.store.apply("services", Diff())
    context.store.apply("tasks", Diff())
    workspace = Workspace(context)
    qtbot.addWidget(workspace)
    workspace.show()
    overview = workspace.page_widgets["overview"]
    qtbot.waitUntil(lambda: overview.health is not None)  # refreshed once shown
    assert overview.attention.model().rowCount() == 0
    assert overview.calm.isVisible()  # no row ever came: the refresh itself says so
    context.close()


def test_the_charts_follow_the_theme_when_it_is_switched(workspace, themes, qtbot):
    """A node's charts in the theme's colours (they stayed white in the dark theme)."""
    themes("light")
    detail = workspace.open_node(by_name("nodes", "node-1").id)
    detail.tabs.setCurrentWidget(detail.monitoring)
    plot = detail.monitoring.charts.plots["mem"]

    def background() -> QColor:
        return plot.grab().toImage().pixelColor(plot.width() // 2, plot.height() - 3)

    assert background().lightness() > 128
    themes("dark")  # at run time, as View › Theme does
    dark, text = (
        QApplication.palette().color(role) for role in (QPalette.ColorRole.Base, QPalette.ColorRole.Text)
    )
    assert dark.lightness() < 128 < text.lightness()
    qtbot.waitUntil(lambda: background() == dark)
    assert plot.getPlotItem().titleLabel.opts["color"] == text
    assert plot.getAxis("left").textPen().color() == text
