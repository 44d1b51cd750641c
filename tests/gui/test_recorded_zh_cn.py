"""The recorded cluster in zh_CN: the words the engine hands over (node availability and reachability,
the leader, the spec summary's modes and policies, a container's state, health, mounts and status) read
in Crane's guide's Chinese, where they used to show in English."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt, QTranslator
from PySide6.QtWidgets import QFormLayout, QPlainTextEdit

from crane_desktop.engine import node_checks, preflight
from crane_desktop.engine.cluster import ConnectionState
from crane_desktop.engine.containers import ContainerConfig
from crane_desktop.engine.diff import Diff
from crane_desktop.engine.errors import ConnectionFailed
from crane_desktop.engine.node_checks import NodeSample
from crane_desktop.engine.snapshots import Container
from crane_desktop.i18n import TRANSLATIONS_DIR
from crane_desktop.messages import check_text, engine_text
from crane_desktop.models.apps import NAME, PORTS, SERVICES, UPDATED
from crane_desktop.models.host_tables import ContainerTableModel
from crane_desktop.models.nodes import NodeTableModel
from crane_desktop.models.tasks import ERROR
from crane_desktop.views.charts import ContainerCharts
from crane_desktop.views.deploy_dialog import DeployDialog
from crane_desktop.views.main_window import MainWindow
from crane_desktop.views.scale_dialog import ScaleDialog
from tests.gui.conftest import by_name, feed_secret_users, recorded
from tests.gui.test_node_helpers import cell, visible_box
from tests.gui.test_recorded_dialogs import set_text
from tests.gui.test_recorded_events_page import NOW, fail_a_task, page_of, raw_event, report, shown
from tests.unit.test_translations import ascii_punctuation_in_chinese


@pytest.fixture
def zh_cn(qapp):
    """The zh_CN translation installed before any view is built, removed after."""
    translator = QTranslator()
    assert translator.load(str(TRANSLATIONS_DIR / "crane_desktop_zh_CN.qm"))
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)


@pytest.fixture
def chinese(zh_cn, workspace):
    return workspace


def test_nodes_read_normal_scheduling_and_the_leader_as_the_guide_says(chinese):
    page = chinese.page_widgets["nodes"]
    assert cell(page, "node-4", NodeTableModel.AVAILABILITY_COLUMN) == "正常调度"  # was 恢复调度
    assert cell(page, "node-3", NodeTableModel.AVAILABILITY_COLUMN) == "暂停调度"
    assert cell(page, "node-1", NodeTableModel.ROLE_COLUMN) == "主管理节点"  # was 管理节点（leader）
    assert page.activate_action.text() == "恢复调度"  # the operation keeps the guide's name
    assert page.labels_action.text() == "编辑标签…"


def test_node_detail_translates_reachability_and_availability(chinese):
    detail = chinese.open_node(by_name("nodes", "node-3").id)
    rows = detail.swarm_form.sections()["集群"]
    assert rows["管理节点可达性"] == "可达"  # was "reachable"
    assert rows["可用性"] == "暂停调度"


def test_spec_summary_reads_in_chinese(chinese):
    detail = chinese.open_service(by_name("services", "shop_web").id)
    form = detail.spec_view.readable.sections()
    assert form["基本信息"]["模式"] == "副本 × 2"  # was "replicated × 2"
    assert form["网络配置"]["端点模式"] == "虚拟 IP"
    assert form["重启策略"] == {"重启条件": "总是", "重启延迟": "5s", "最大重启次数": "不限"}
    assert form["更新策略"] == {
        "并行数": "1",
        "间隔": "0s",
        "容错策略": "暂停",
        "监测时长": "5s",
        "最大失败比例": "0",
        "顺序": "先停止后启动",
    }
    assert [detail.tabs.tabText(i) for i in range(2)] == ["任务列表", "详情"]
    assert detail.edit_button.text() == "更新…"


def app_row(model, name: str) -> int:
    return next(row for row in range(model.rowCount()) if model.index(row, NAME).data() == name)


def test_apps_count_services_and_mark_host_ports_in_chinese(chinese):
    model = chinese.page_widgets["apps"].model
    assert model.index(app_row(model, "shop"), SERVICES).data() == "3 个服务"  # was "3 service(s)"
    assert model.index(app_row(model, "gateway"), PORTS).data() == "8080:80/tcp（主机）"


def test_an_update_state_in_the_last_update_column_is_chinese(chinese, recorded_context):
    model = chinese.page_widgets["apps"].model
    service = by_name("services", "gateway")
    recorded_context.store.apply(
        "services", Diff(changed={service.id: dataclasses.replace(service, update_state="paused")})
    )
    assert model.index(app_row(model, "gateway"), UPDATED).data().endswith("（已暂停）")


def test_container_detail_translates_state_health_and_mounts(zh_cn, workspace):
    task = next(t for t in recorded("tasks").values() if t.container_id)
    detail = workspace.open_container(task.node_id, task.container_id)
    detail._fill_config(  # what the tab shows once the node's engine answered the inspect
        ContainerConfig.from_inspect(
            {
                "Id": "c1",
                "Name": "/shop_web.1.x",
                "Config": {"Image": "nginx"},
                "State": {"Status": "exited", "Health": {"Status": "unhealthy"}},
                "Mounts": [
                    {"Type": "volume", "Name": "data", "Destination": "/data", "RW": True},
                    {"Type": "bind", "Source": "/etc/x", "Destination": "/x", "RW": False},
                ],
            }
        )
    )
    tree = detail.config_tree
    sections = {tree.topLevelItem(i).text(0): tree.topLevelItem(i) for i in range(tree.topLevelItemCount())}
    general = sections["基础信息"]  # the guide's name of the container's General section
    rows = {general.child(i).text(0): general.child(i).text(1) for i in range(general.childCount())}
    assert rows["状态"] == "已退出" and rows["健康状态"] == "不健康"  # were "exited", "unhealthy"
    mounts = sections["存储卷"]  # was 挂载
    assert [mounts.child(i).text(1) for i in range(mounts.childCount())] == [
        "存储卷：data",
        "绑定挂载：/etc/x（只读）",
    ]
    assert detail.tabs.tabText(0) == "详情"  # was 配置


@pytest.mark.parametrize(
    ("state", "status", "shown"),
    [
        ("running", "Up 3 hours (healthy)", ("运行中", "已运行 3 小时（健康）")),
        ("exited", "Exited (137) About an hour ago", ("已退出", "已退出（退出码 137），约 1 小时前")),
        ("created", "Created", ("已创建", "已创建")),
        ("running", "Up 3 fortnights", ("运行中", "Up 3 fortnights")),  # a shape we do not know: as given
    ],
)
def test_a_nodes_containers_show_state_and_status_in_chinese(zh_cn, state, status, shown):
    container = Container.from_api(
        {"Id": "c1", "Names": ["/web"], "Image": "nginx", "State": state, "Status": status}
    )
    model = ContainerTableModel()
    model.apply_diff(Diff(added={"c1": container}))
    assert (model.index(0, 2).data(), model.index(0, 3).data()) == shown


def test_engine_words_inside_messages_are_translated_too(zh_cn):
    (check,) = preflight.swarm_checks({"Swarm": {"LocalNodeState": "locked"}})
    assert check.message == "This engine is not in swarm mode (state: locked)."  # English for the CLI
    assert check_text(check) == "此引擎未处于集群模式（状态：已锁定）。"  # was "（状态：locked）"
    # a user's own words that happen to be engine terms stay as typed
    assert engine_text(
        "The network {name} is in use; the engine refuses to delete it.", {"name": "none"}
    ) == ("网络 none 正在使用中，引擎拒绝删除。")


def test_form_labels_and_shortcut_tips_use_full_width_punctuation(chinese):
    detail = chinese.open_node(by_name("nodes", "node-3").id)
    form = detail.info.findChild(QFormLayout)
    first_label = form.itemAt(0, QFormLayout.ItemRole.LabelRole).widget()
    assert first_label.text() == "Docker 版本："  # was "Docker 版本:"
    page = chinese.page_widgets["nodes"]
    assert page.drain_action.toolTip().endswith("节点（Ctrl+D）")  # was "节点 (Ctrl+D)"


def test_the_banner_and_status_line_speak_of_the_leader_and_join_sentences_as_chinese_does(
    zh_cn, qtbot, loop
):
    window = MainWindow()
    qtbot.addWidget(window)
    failure = ConnectionFailed(endpoint="tcp://198.19.213.11:2376")
    window.banner.show_state(ConnectionState("disconnected", "prod", error=failure))
    assert window.banner.label.text() == (  # no spaces between the sentences
        "已断开。无法连接到 tcp://198.19.213.11:2376 上的 Docker 引擎。请确认引擎正在运行，且地址和端口正确。"
    )
    window.status_line.show_state(ConnectionState("no-leader", "prod", "tcp://m1:2376", "node-1", "1.41"))
    assert window.status_line.phase.text() == "正在选举主管理节点"  # was "正在选举 leader"
    window.status_line.show_leader("node-1")
    assert window.status_line.leader.text() == "主管理节点 node-1"
    window.status_line.show_rtt(0.05)
    assert window.status_line.rtt.text() == "往返时间 50 毫秒"


def test_the_charts_time_window_is_translated_in_every_kind_of_chart(zh_cn, qtbot):
    """PySide's self.tr looks a plural up under the subclass's name: the container's charts showed
    "Last 5 minute(s)" in English."""
    charts = ContainerCharts(None, lambda: None, "c1")
    qtbot.addWidget(charts)
    windows = [charts.window_combo.itemText(i) for i in range(charts.window_combo.count())]
    assert windows == ["最近 5 分钟", "最近 15 分钟", "最近 60 分钟"]


def test_secrets_read_in_the_guides_words_and_refusals_name_the_kind(chinese, recorded_context, qtbot):
    feed_secret_users(recorded_context.store)
    chinese.show_page("secrets")
    page = chinese.page_widgets["secrets"]
    assert page.rotate_button.text() == "轮换…" and page.count_label.text() == "2 个密钥"
    assert page.select("vault_db_password")
    row = page.table.currentIndex().row()
    assert (
        page.proxy.index(row, page.model.used_by_column)
        .data()
        .startswith("vault_db：db_password（uid 999，gid 999，权限 0400）")
    )
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: visible_box(page, "errorDialog") is not None)
    assert visible_box(page, "errorDialog").text() == "vault_db, vault_proxy 正在使用该密钥：无法删除。"


def test_the_update_forms_changes_name_the_fields_in_chinese(zh_cn, recorded_context, parent, qtbot):
    """The changes before Apply name the form's fields (they showed the engine's spec paths, such as
    TaskTemplate.ContainerSpec.Env); the form's placeholders have no English words between examples."""
    dialog = DeployDialog(recorded_context, parent, service=by_name("services", "shop_web"))
    dialog.open()
    set_text(dialog, "replicas", "4")
    set_text(dialog, "update.parallelism", "2")
    set_text(dialog, "env", "DB_PASSWORD=secret\nMODE=dev")
    condition = dialog.form_tab.inputs["restart_condition"]
    condition.setCurrentIndex(condition.findData("on-failure"))
    qtbot.waitUntil(lambda: "MODE=dev" in dialog.changes_view.toPlainText())
    qtbot.waitUntil(lambda: "重启条件" in dialog.changes_view.toPlainText())
    lines = dialog.changes_view.toPlainText().splitlines()
    assert "重启条件：- -> 失败时（会重启任务）" in lines  # the policy's word as the detail says it
    assert lines[0] == "应用后将重启该服务的所有任务（按更新策略逐个进行）。"
    assert "任务数：2 -> 4（不重启）" in lines
    assert "更新策略 · 并行数：- -> 2（不重启）" in lines
    assert "环境变量：DB_PASSWORD=secret, MODE=prod -> DB_PASSWORD=secret, MODE=dev（会重启任务）" in lines
    placeholders = [edit.placeholderText() for edit in dialog.form_tab.findChildren(QPlainTextEdit)]
    assert "data:/data\n/host/path:/path:ro\n（每行一项）" in placeholders


def test_a_tasks_error_reads_in_chinese_where_the_engine_text_has_a_known_shape(chinese):
    """异常原因 and the not-converging line said "task: non-zero exit (3)" in the Chinese UI; the
    engine's own text stays in the tooltip."""
    detail = chinese.open_service(by_name("services", "shop_worker").id)
    slot = detail.proxy.index(0, 0)
    errors = [detail.proxy.index(row, ERROR, slot) for row in range(detail.proxy.rowCount(slot))]
    failed = [index for index in errors if index.data()]
    assert failed and all(index.data() == "容器退出，退出码 3" for index in failed)
    assert all("task: non-zero exit (3)" in index.data(Qt.ItemDataRole.ToolTipRole) for index in failed)
    assert detail.why.text() == "未收敛：任务不断失败：容器退出，退出码 3"


def test_the_nodes_security_options_sit_in_a_chinese_sentence_without_ascii_brackets(zh_cn):
    info = {"SecurityOptions": ["name=apparmor", "name=seccomp,profile=default"]}
    check = node_checks.security_check([NodeSample("node-1", info), NodeSample("node-2", info)])
    text = check_text(check)
    assert text == "2 个节点的安全选项：AppArmor, seccomp profile=default。"  # was "…(profile=default)。"
    assert ascii_punctuation_in_chinese(text) == []


def test_the_scale_dialog_names_each_service_with_full_width_brackets(chinese, qtbot):
    detail = chinese.open_app("shop")
    detail.scale_action.trigger()
    dialog = detail.findChild(ScaleDialog, "scaleDialog")
    form = dialog.findChild(QFormLayout)
    labels = [form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget().text() for row in range(3)]
    assert labels == ["shop_agent（3/4）", "shop_web（2/2）", "shop_worker（0/1）"]  # were "shop_web (2/2)"
    dialog.reject()


def test_the_events_page_says_the_engines_actions_and_task_errors_in_chinese(chinese, recorded_context):
    page = page_of(chinese)
    web = by_name("services", "shop_web")
    earlier = NOW - timedelta(seconds=5)  # before the task's failure (at NOW)
    report(recorded_context, raw_event("service", "update", web.id, earlier, name="shop_web"))
    fail_a_task(recorded_context, "shop_web", "task: non-zero exit (137)")
    assert shown(page) == [
        ["任务", "shop_web.1", "失败", "容器退出，退出码 137"],
        ["服务", "shop_web", "更新", ""],  # was "update"
    ]


def test_the_drain_plan_and_the_overview_links_read_in_chinese(chinese, qtbot):
    from tests.gui.test_recorded_drain_dialog import open_from_nodes_page

    dialog = open_from_nodes_page(qtbot, chinese, "node-2")
    assert dialog.status.text() == "1 个服务将迁移。以此方式对 node-2 停止调度？"  # no space after 。
    dialog.reject()
    overview = chinese.page_widgets["overview"]
    overview._open_link("attention:service")
    assert overview.show_all.text() == '仅显示未达到期望任务数的服务 · <a href="attention:">显示全部</a>'


def test_the_events_actions_read_in_chinese(chinese, recorded_context):
    """The engine's action words (update, die, a health check's outcome) as the Events page shows them."""
    from tests.gui.test_recorded_events_page import page_of, raw_event, report, shown

    page = page_of(chinese)
    web = by_name("services", "shop_web")
    report(recorded_context, raw_event("service", "update", web.id, name="shop_web"))
    report(recorded_context, raw_event("container", "die", "c1", name="box", exitCode="3"))
    report(recorded_context, raw_event("container", "health_status: unhealthy", "c2", name="probe"))
    report(recorded_context, raw_event("container", "attach", "c3", name="later"))  # one it does not know
    rows = {row[1]: row[0:3:2] for row in shown(page)}
    assert rows["shop_web"] == ["服务", "更新"]
    assert rows["box"] == ["容器", "退出"]
    assert rows["probe"] == ["容器", "健康检查：不健康"]
    assert rows["later"] == ["容器", "attach"]  # as the engine says it


def test_the_swarms_own_alert_objects_read_in_chinese(chinese, recorded_context, qtbot):
    """The quorum's object (the managers) in the user's words, not the engine's code name."""
    alerts = recorded_context.alerts
    for name in ("node-1", "node-2"):
        node = by_name("nodes", name)
        changed = dataclasses.replace(node, reachability="unreachable", version=node.version + 1)
        recorded_context.store.apply("nodes", Diff(changed={node.id: changed}))
    alerts.evaluate()
    qtbot.waitUntil(lambda: not alerts.evaluating)  # found on the runner's pool
    rows = [[alerts.model.index(r, c).data() for c in range(5)] for r in range(alerts.model.rowCount())]
    quorum = next(row for row in rows if row[1] == "管理节点法定人数有风险")
    assert quorum[2] == "管理节点"
