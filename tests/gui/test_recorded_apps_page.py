"""The Apps page on the recorded cluster, without a swarm: the apps tree (the stack shop and the lone
service gateway), task counts, published ports and networks, the filter, expansion, opening a service,
what delete refuses or asks, and task and service changes arriving in place."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, QRect, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QMessageBox

from crane_desktop.engine.diff import Diff
from crane_desktop.models.apps import NAME, NETWORKS, PORTS, SERVICES, TASKS
from crane_desktop.views.app_detail import AppDetail
from crane_desktop.views.service_detail import ServiceDetail
from tests.conftest import run_async
from tests.gui.apps_helpers import menu_entries
from tests.gui.conftest import by_name, recorded
from tests.gui.test_node_helpers import answer, visible_box

WARN, BAD = QColor("#b26a00"), QColor("#c62828")
NOT_CONNECTED = "Not connected to a cluster."


@pytest.fixture
def page(workspace):
    return workspace.page_widgets["apps"]


def row(page, *path: str) -> QModelIndex:
    """The proxy index of an app (one name) or of a service in it (app, service), as shown."""
    parent = QModelIndex()
    for name in path:
        proxy = page.proxy
        found = [proxy.index(r, 0, parent) for r in range(proxy.rowCount(parent))]
        parent = next((i for i in found if i.data() == name), QModelIndex())
    return parent


def texts(page, *path: str) -> list[str]:
    index = row(page, *path)
    return [index.siblingAtColumn(c).data() for c in range(page.proxy.columnCount())]


def names(page, parent: QModelIndex = QModelIndex()) -> list[str]:  # noqa: B008
    return [page.proxy.index(r, 0, parent).data() for r in range(page.proxy.rowCount(parent))]


def colour(page, column: int, *path: str) -> QColor | None:
    brush = row(page, *path).siblingAtColumn(column).data(Qt.ItemDataRole.ForegroundRole)
    return brush.color() if brush is not None else None


def select(page, *path: str) -> None:
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    page.tree.selectionModel().setCurrentIndex(row(page, *path), flags)


def pending_agent_task():
    return next(t for t in recorded("tasks").values() if t.state == "pending")


def test_tree_shows_the_stack_and_the_lone_service(page):
    assert names(page) == ["gateway", "shop"]
    assert names(page, row(page, "shop")) == ["shop_agent", "shop_web", "shop_worker"]
    assert names(page, row(page, "gateway")) == ["gateway"]
    assert texts(page, "shop")[SERVICES] == "3 service(s)"
    assert texts(page, "shop", "shop_agent")[SERVICES].endswith("busybox:1 · global")
    assert texts(page, "shop", "shop_web")[SERVICES].endswith("busybox:1 · replicated")
    assert (
        row(page, "gateway").data(Qt.ItemDataRole.ToolTipRole) == "A service deployed outside any app (stack)"
    )
    assert row(page, "shop").data(Qt.ItemDataRole.ToolTipRole) is None
    assert page.count_label.text() == "2 app(s)"


def test_task_counts_running_over_desired(page):
    assert texts(page, "shop", "shop_web")[TASKS] == "2/2"
    assert colour(page, TASKS, "shop", "shop_web") is None
    assert texts(page, "shop", "shop_worker")[TASKS] == "0/1"  # its tasks keep failing
    assert colour(page, TASKS, "shop", "shop_worker") == BAD
    assert texts(page, "shop", "shop_agent")[TASKS] == "3/4"  # global: one pending on the paused node
    assert colour(page, TASKS, "shop", "shop_agent") == WARN
    assert texts(page, "shop")[TASKS] == "5/7" and colour(page, TASKS, "shop") == WARN
    assert texts(page, "gateway")[TASKS] == "1/1" and colour(page, TASKS, "gateway") is None


def test_published_ports_and_networks(page):
    assert texts(page, "gateway")[PORTS] == "8080:80/tcp (host)"
    assert texts(page, "gateway", "gateway")[PORTS] == "8080:80/tcp (host)"
    assert texts(page, "shop")[PORTS] == ""
    assert texts(page, "shop")[NETWORKS] == "shop_backend"
    assert texts(page, "shop", "shop_web")[NETWORKS] == "shop_backend"
    assert texts(page, "shop", "shop_worker")[NETWORKS] == ""


def test_filter_keeps_an_app_for_a_matching_service(page, qtbot):
    qtbot.keyClicks(page.filter_edit, "worker")
    assert names(page) == ["shop"]
    assert names(page, row(page, "shop")) == ["shop_worker"]
    assert page.count_label.text() == "1 of 2 shown"
    page.filter_edit.clear()
    qtbot.keyClicks(page.filter_edit, "8080")
    assert names(page) == ["gateway"]
    page.filter_edit.clear()
    assert names(page) == ["gateway", "shop"] and page.count_label.text() == "2 app(s)"


def test_apps_open_expanded_and_a_collapsed_app_stays_collapsed(page, recorded_context):
    assert page.tree.isExpanded(row(page, "shop")) and page.tree.isExpanded(row(page, "gateway"))
    page.tree.collapse(row(page, "shop"))
    task = pending_agent_task()
    recorded_context.store.apply("tasks", Diff(changed={task.id: dataclasses.replace(task, state="running")}))
    assert not page.tree.isExpanded(row(page, "shop"))
    gateway = by_name("services", "gateway")
    cache = dataclasses.replace(gateway, id="cache0" + gateway.id[6:], name="cache", ports=())
    recorded_context.store.apply("services", Diff(added={cache.id: cache}))
    assert names(page) == ["cache", "gateway", "shop"]
    assert page.tree.isExpanded(row(page, "cache"))


def test_activating_an_app_or_a_service_opens_its_detail(page, workspace, qtbot):
    select(page, "shop")
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_Return)  # an app row opens the app
    app = workspace.tabs.currentWidget()
    assert isinstance(app, AppDetail) and app.app == "shop"
    assert workspace.breadcrumb.text() == "Apps › shop"
    workspace.show_page("apps")
    select(page, "shop", "shop_web")
    qtbot.keyClick(page.tree, Qt.Key.Key_Return)
    detail = workspace.tabs.currentWidget()
    assert isinstance(detail, ServiceDetail)
    assert workspace.breadcrumb.text() == "Apps › shop › shop_web"


# the offscreen platform cannot raise a popup menu or let it grab the keyboard; the menu works anyway
@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing")
def test_context_menu_opens_a_service_or_the_app_updates_exports_or_deletes_the_app(page, qtbot):
    def menu_at(*path: str) -> list[str]:
        return menu_entries(qtbot, page, row(page, *path))

    export, check, delete = "Export as compose file…", "Check for newer images", ["", "Delete app"]
    assert menu_at("shop", "shop_worker") == [
        "Open service",
        "Open app",
        "Update app…",
        export,
        check,
        *delete,
    ]
    assert menu_at("shop") == ["Open app", "Update app…", export, check, *delete]
    assert menu_at("gateway") == [check, *delete]  # a lone service: no app to open or update


def test_one_service_of_a_multi_service_app_is_not_deleted_alone(page, qtbot):
    select(page, "shop", "shop_web")
    assert page.delete_button.isEnabled()
    page.delete_button.click()
    qtbot.waitUntil(lambda: visible_box(page, "cannotDeleteDialog") is not None)
    box = visible_box(page, "cannotDeleteDialog")
    assert box.text().startswith("shop_web is one of the 3 services of the app shop;")
    assert "Delete the whole app, or deploy the app again without this service." in box.text()
    assert visible_box(page) is None
    box.button(QMessageBox.StandardButton.Ok).click()
    assert names(page, row(page, "shop")) == ["shop_agent", "shop_web", "shop_worker"]


def test_a_lone_service_is_deleted_as_its_app_after_asking(page, recorded_context, qtbot):
    messages = []
    recorded_context.message.connect(lambda text, _ms: messages.append(text))
    select(page, "gateway", "gateway")
    page.delete_button.click()
    text = answer(qtbot, page, accept=False)
    assert text == (
        "Delete the app gateway and everything it created? This cannot be undone.\nService: gateway"
    )
    assert visible_box(page, "errorDialog") is None and messages == []
    page.delete_button.click()
    answer(qtbot, page, accept=True)
    qtbot.waitUntil(lambda: visible_box(page, "errorDialog") is not None)
    error = visible_box(page, "errorDialog")
    assert error.windowTitle() == "Cannot delete the app" and error.text() == NOT_CONNECTED
    assert messages == [] and names(page) == ["gateway", "shop"]


def test_deleting_a_stack_first_asks_the_engine_what_goes(page, qtbot):
    select(page, "shop")
    page.delete_button.click()
    qtbot.waitUntil(lambda: visible_box(page, "errorDialog") is not None)
    assert visible_box(page, "errorDialog").text() == NOT_CONNECTED
    assert visible_box(page) is None  # no question without the list of what the app holds


def test_delete_with_nothing_selected_does_nothing(page, qtbot):
    page.tree.clearSelection()
    assert not page.delete_button.isEnabled()
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_Delete)
    run_async(qtbot, page.delete_selected())
    assert page.findChildren(QMessageBox) == []


def test_a_tasks_diff_updates_the_counts_in_place(page, recorded_context):
    resets = []
    page.model.modelReset.connect(lambda: resets.append(1))
    select(page, "shop", "shop_agent")
    task = pending_agent_task()
    recorded_context.store.apply("tasks", Diff(changed={task.id: dataclasses.replace(task, state="running")}))
    assert texts(page, "shop", "shop_agent")[TASKS] == "4/4"
    assert colour(page, TASKS, "shop", "shop_agent") is None
    assert texts(page, "shop")[TASKS] == "6/7"
    running = next(t for t in recorded("tasks").values() if t.state == "running" and t.slot == 2)
    recorded_context.store.apply("tasks", Diff(removed=frozenset({running.id})))
    assert texts(page, "shop", "shop_web")[TASKS] == "1/2"
    assert colour(page, TASKS, "shop", "shop_web") == WARN
    assert resets == []
    assert page.model.service_at(page.selected_source()).name == "shop_agent"


def test_a_service_removed_leaves_its_app(page, recorded_context):
    worker = by_name("services", "shop_worker")
    recorded_context.store.apply("services", Diff(removed=frozenset({worker.id})))
    assert names(page, row(page, "shop")) == ["shop_agent", "shop_web"]
    assert texts(page, "shop")[SERVICES : TASKS + 1] == ["2 service(s)", "5/6"]
    gateway = by_name("services", "gateway")
    recorded_context.store.apply("services", Diff(removed=frozenset({gateway.id})))
    assert names(page) == ["shop"] and page.count_label.text() == "1 app(s)"


class PaintSpy(QObject):
    """The regions a widget was asked to repaint."""

    def __init__(self) -> None:
        super().__init__()
        self.regions: list[QRect] = []

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.regions.append(event.region().boundingRect())
        return False


def test_stale_rows_and_services_are_greyed_and_come_back(page, workspace, qtbot):
    disabled = QApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    page.tree.expandAll()
    page.show()
    qtbot.waitExposed(page)
    spy = PaintSpy()
    page.tree.viewport().installEventFilter(spy)
    workspace.set_stale(True)
    # the services under an app are repainted too: the whole viewport, not only the app rows
    viewport = page.tree.viewport().rect()
    qtbot.waitUntil(lambda: any(r.height() == viewport.height() for r in spy.regions))
    assert colour(page, NAME, "shop") == disabled
    assert colour(page, TASKS, "shop", "shop_worker") == disabled
    workspace.set_stale(False)
    assert colour(page, NAME, "shop") is None
    assert colour(page, TASKS, "shop", "shop_worker") == BAD
