"""The app detail on the recorded cluster, without a swarm: opened from the Apps page (an app row opens
the app, a lone service its service), its services list following the store in place (services
joining and leaving, the app removed and deployed again), the Actions menu enabled as the app allows,
the task-count dialog refusing bad counts before sending, Update opening the deploy dialog for the
app, the logs summed up per service, and the charts summed per service."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QLineEdit

from crane_desktop.engine.diff import Diff
from crane_desktop.engine.stats import Rates, Sample
from crane_desktop.models.apps import TASKS, UPDATED
from crane_desktop.views.app_detail import AppDetail
from crane_desktop.views.charts import TOTAL, AppCharts
from crane_desktop.views.deploy_dialog import DeployDialog
from crane_desktop.views.scale_dialog import ScaleDialog
from crane_desktop.views.service_detail import ServiceDetail
from tests.conftest import run_async
from tests.gui.apps_helpers import app_row
from tests.gui.conftest import by_name
from tests.gui.test_node_helpers import answer, closed, visible_box

NOT_CONNECTED = "Not connected to a cluster."
SHOP = ["shop_agent", "shop_web", "shop_worker"]


def open_shop(workspace) -> AppDetail:
    detail = workspace.open_app("shop")
    assert isinstance(detail, AppDetail)
    return detail


def activate_app_row(workspace, name: str) -> None:
    page = workspace.page_widgets["apps"]
    workspace.show_page("apps")
    page.tree.activated.emit(page.proxy.mapFromSource(app_row(page, name)))


def joined(name: str, **fields):
    """A copy of shop_web under another id and name (a service joining the app, or another app's)."""
    web = by_name("services", "shop_web")
    return dataclasses.replace(web, id=f"{name}-id".ljust(25, "0"), name=name, **fields)


def remove_services(context, *names: str) -> None:
    context.store.apply("services", Diff(removed=[by_name("services", n).id for n in names]))


def scale_dialog(detail) -> ScaleDialog:
    detail.scale_action.trigger()
    dialog = detail.findChild(ScaleDialog, "scaleDialog")
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_an_app_row_opens_the_app_and_a_lone_services_row_its_service(workspace, qtbot):
    activate_app_row(workspace, "shop")
    detail = workspace.tabs.currentWidget()
    assert isinstance(detail, AppDetail) and detail.app == "shop"
    assert workspace.breadcrumb.text() == "Apps › shop"
    assert workspace.tabs.tabText(workspace.tabs.currentIndex()) == "shop"
    assert detail.title.text().startswith("<b>shop</b> — 3 service(s) — 5/7 tasks running — last update 20")
    assert detail.service_names() == SHOP
    activate_app_row(workspace, "shop")  # brought forward, not opened twice
    assert workspace.tabs.count() == 2
    activate_app_row(workspace, "gateway")  # a lone service is an app of its own: its service opens
    assert isinstance(workspace.tabs.currentWidget(), ServiceDetail)
    assert workspace.breadcrumb.text() == "Apps › gateway › gateway"


def test_services_show_their_tasks_and_open_their_detail(workspace):
    detail = open_shop(workspace)
    root = detail.services_view.rootIndex()
    tasks = [detail.proxy.index(row, TASKS, root).data() for row in range(3)]
    assert tasks == ["3/4", "2/2", "0/1"]
    detail.services_view.activated.emit(detail.proxy.index(1, 0, root))
    service = workspace.tabs.currentWidget()
    assert isinstance(service, ServiceDetail) and service.service_id == by_name("services", "shop_web").id
    assert workspace.breadcrumb.text() == "Apps › shop › shop_web"


def test_services_list_follows_the_store_in_place(workspace, recorded_context):
    detail = open_shop(workspace)
    resets: list[int] = []
    detail.proxy.modelReset.connect(lambda: resets.append(1))
    store = recorded_context.store
    cache = joined("shop_cache")
    other = joined("blog_web", stack="blog")
    store.apply("services", Diff(added={cache.id: cache, other.id: other}))
    assert detail.service_names() == ["shop_agent", "shop_cache", "shop_web", "shop_worker"]  # not blog's
    assert "4 service(s)" in detail.title.text()
    store.apply(
        "services",
        Diff(changed={cache.id: dataclasses.replace(cache, replicas=5, update_state="rollback_paused")}),
    )
    root = detail.services_view.rootIndex()
    assert detail.proxy.index(1, TASKS, root).data() == "0/5"
    assert detail.proxy.index(1, UPDATED, root).data().endswith("(rollback paused)")
    store.apply("services", Diff(removed=[cache.id]))
    assert detail.service_names() == SHOP and "3 service(s)" in detail.title.text()
    assert resets == []


def test_an_app_removed_elsewhere_is_said_deleted_and_comes_back_if_deployed_again(
    workspace, recorded_context
):
    detail = open_shop(workspace)
    remove_services(recorded_context, *SHOP)
    assert detail.title.text() == "<b>shop</b> (deleted)"
    assert detail.service_names() == [] and detail.proxy.rowCount(detail.services_view.rootIndex()) == 0
    assert not detail.actions_button.isEnabled()
    assert not any(a.isEnabled() for a in (detail.update_action, detail.scale_action, detail.delete_action))
    assert workspace.tabs.currentWidget() is detail  # said, not closed: the operator sees what happened
    again = joined("shop_web")
    recorded_context.store.apply("services", Diff(added={again.id: again}))
    assert detail.service_names() == ["shop_web"]
    assert detail.title.text().startswith("<b>shop</b> — 1 service(s)")
    assert detail.actions_button.isEnabled() and detail.delete_action.isEnabled()


def test_actions_menu_offers_what_the_app_allows(workspace, recorded_context):
    detail = open_shop(workspace)
    assert [a.text() for a in detail.actions_menu.actions() if a.text()] == [
        "Update…",
        "Change task counts…",
        "Pull and redeploy newer images…",
        "Export as compose file…",
        "Delete…",
    ]
    actions = (detail.update_action, detail.scale_action, detail.export_action, detail.delete_action)
    assert all(a.isEnabled() for a in actions)
    assert not detail.redeploy_action.isEnabled()  # no newer image known (see test_recorded_newer_image)
    remove_services(recorded_context, "shop_web", "shop_worker")  # shop_agent, global, is left
    assert detail.update_action.isEnabled() and detail.delete_action.isEnabled()
    assert not detail.scale_action.isEnabled()
    assert detail.scale_action.toolTip() == (
        "Every service of this app is global: one task per node, nothing to scale."
    )


def test_scale_dialog_lists_replicated_services_and_refuses_bad_counts(workspace, qtbot):
    detail = open_shop(workspace)
    dialog = scale_dialog(detail)
    fields = {edit.objectName(): edit.text() for edit in dialog.findChildren(QLineEdit)}
    assert fields == {"replicas_shop_web": "2", "replicas_shop_worker": "1"}  # the global agent: not editable
    web = dialog.findChild(QLineEdit, "replicas_shop_web")
    worker = dialog.findChild(QLineEdit, "replicas_shop_worker")
    for bad in ("-1", "two", "", "1.5", "²"):
        web.setText(bad)
        run_async(qtbot, dialog.apply())
        error = dialog.errors[by_name("services", "shop_web").id]
        assert error.isVisible() and error.text() == "A whole number of tasks, 0 or more."
        assert dialog.status.text() == "Correct the fields marked in red."
        assert dialog.isVisible() and visible_box(dialog, "errorDialog") is None  # nothing was sent
    web.setText("99999999999999999999")
    run_async(qtbot, dialog.apply())
    assert dialog.errors[by_name("services", "shop_web").id].text().startswith("At most ")
    # good counts are sent (here: no session, so the engine's refusal is shown and the input kept)
    web.setText(" 3 ")
    worker.setText("0")
    run_async(qtbot, dialog.apply())
    assert not dialog.errors[by_name("services", "shop_web").id].isVisible()
    box = visible_box(dialog, "errorDialog")
    assert box is not None and box.windowTitle() == "Cannot change the task counts"
    assert box.text() == NOT_CONNECTED
    assert dialog.isVisible() and web.text() == " 3 " and dialog.apply_button.isEnabled()


def test_scale_dialog_with_nothing_changed_closes_without_asking_the_engine(workspace, qtbot):
    detail = open_shop(workspace)
    dialog = scale_dialog(detail)
    run_async(qtbot, dialog.apply())
    qtbot.waitUntil(lambda: closed(dialog))
    assert visible_box(detail, "errorDialog") is None


def test_update_opens_the_deploy_dialog_for_the_app(workspace, qtbot):
    detail = open_shop(workspace)
    detail.update_action.trigger()
    dialog = detail.findChild(DeployDialog, "deployDialog")
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "Update the app shop"
    assert dialog.app_edit.text() == "shop" and dialog.app_edit.isReadOnly()
    assert dialog.deploy_button.text() == "Update"
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == ["Compose file"]
    dialog.reject()


def test_delete_while_disconnected_says_why_and_keeps_the_tab(workspace, qtbot):
    detail = open_shop(workspace)
    run_async(qtbot, detail.delete())
    box = visible_box(detail, "errorDialog")
    assert box is not None and box.windowTitle() == "Cannot delete the app" and box.text() == NOT_CONNECTED
    assert workspace.tabs.indexOf(detail) > 0 and detail.delete_action.isEnabled()


def test_logs_and_charts_start_only_with_a_session_and_close_with_the_tab(workspace, qtbot):
    detail = open_shop(workspace)
    for tab in (detail.logs, detail.charts):
        detail.tabs.setCurrentWidget(tab)
        qtbot.waitUntil(tab.isVisible)
    assert detail.logs.streams == {} and detail.charts.streams == {}
    workspace.close_detail(workspace.tabs.indexOf(detail))
    assert workspace.tabs.indexOf(detail) == -1


def _sample(t: float, cpu: float, mem: int) -> Sample:
    return Sample(t, cpu, mem, 1000, 0, 0, 0, 0)


def test_app_charts_sum_each_services_tasks(qtbot, recorded_context):
    charts = AppCharts(recorded_context, "shop")
    qtbot.addWidget(charts)
    web, agent = by_name("services", "shop_web"), by_name("services", "shop_agent")
    rates = Rates(10.0, 0.0, 0.0, 0.0)
    now = 1_800_000_000.0
    charts.sink(f"{web.id}/task1", "shop_web.1@node-1", _sample(now, 10.0, 100), rates)
    charts.sink(f"{web.id}/task2", "shop_web.2@node-4", _sample(now - 1, 20.0, 200), rates)
    charts.sink(f"{web.id}/task3", "shop_web.3@node-2", _sample(now - 60, 99.0, 999), rates)  # long stopped
    charts.sink(f"{agent.id}/task4", "shop_agent@node-1", _sample(now, 1.0, 5), rates)
    charts.flush()
    assert set(charts.series) == {web.id, agent.id, TOTAL}
    assert charts.series[web.id].label == "shop_web"
    summed = charts.series[web.id].values
    assert (summed["cpu"][-1], summed["mem"][-1], summed["net_rx"][-1]) == (30.0, 300.0, 20.0)
    assert charts.series[agent.id].values["cpu"][-1] == 1.0
    assert charts.series[TOTAL].values["cpu"][-1] == 31.0
    charts.close_streams()


def test_update_shows_the_changes_first_and_removes_no_service_unless_asked(workspace, qtbot):
    """Update asks first with what the file changes, service by service, against the specs as they
    run (the changes that restart tasks marked); as docker stack deploy, services the file no longer
    lists stay unless --prune, and are then named as removed in the same question."""
    detail = open_shop(workspace)
    detail.update_action.trigger()
    dialog = detail.findChild(DeployDialog, "deployDialog")
    assert not dialog.prune_box.isChecked()
    web = by_name("services", "shop_web")
    image = web.raw["Spec"]["TaskTemplate"]["ContainerSpec"]["Image"]
    dialog.compose_tab.editor.setPlainText("services:\n  web:\n    image: nginx\n")

    dialog.deploy_button.click()
    text = answer(qtbot, dialog, accept=False)  # Cancel: nothing is sent
    assert text.startswith("Update the app shop as the file says?\n1 service(s) will restart their tasks.\n")
    assert "shop_web: updated, restarts its tasks" in text
    assert f"Image: {image} -> nginx:latest  (restarts the tasks)" in text  # tagged as docker sends it
    assert "removed" not in text and "shop_agent" not in text
    assert dialog.status.text() == ""

    dialog.deploy_button.click()
    answer(qtbot, dialog, accept=True)  # (then: not connected)
    qtbot.waitUntil(lambda: NOT_CONNECTED in dialog.status.text() or visible_box(dialog, "errorDialog"))

    dialog.prune_box.setChecked(True)
    dialog.deploy_button.click()
    text = answer(qtbot, dialog, accept=False)
    assert "The file no longer lists 2 service(s) of the app shop; they will be removed." in text
    assert "shop_agent: removed" in text and "shop_worker: removed" in text
    dialog.reject()
