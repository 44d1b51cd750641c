"""The Disk usage page and the cleanup dialog on the recorded cluster (no engine): without a session
the page says it cannot read; a reading fills one row per node, the cluster's total last, a node that
did not answer shows — and why; a new reading changes the rows in place, a node that left goes. The
cleanup dialog lists a plan per node with what is kept and why, and asks with the list before it
removes anything. In zh_CN, why a node was not read and what a cleanup kept read in Chinese."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from crane_desktop.engine.cleanup import (
    ROLLBACK,
    STOPPED,
    UNUSED,
    Item,
    Keep,
    KeptImage,
    NodePlan,
    NodeResult,
)
from crane_desktop.engine.diff import Diff
from crane_desktop.engine.disk import DiskUsage
from crane_desktop.engine.errors import ConnectionFailed
from crane_desktop.models.disk import TOTAL_KEY
from crane_desktop.models.table import Role
from crane_desktop.views.cleanup_dialog import CleanupDialog
from tests.gui.conftest import by_name
from tests.gui.test_node_helpers import answer
from tests.gui.test_recorded_zh_cn import zh_cn  # noqa: F401  (the fixture)


def test_the_disk_page_shows_each_node_and_the_total_and_updates_in_place(workspace, recorded_context, qtbot):
    said: list[str] = []
    recorded_context.message.connect(lambda text, _ms: said.append(text))
    workspace.show_page("disk")
    page = workspace.page_widgets["disk"]
    qtbot.waitUntil(lambda: any("Cannot read the disk usage" in text for text in said), timeout=5000)

    node_1, node_2 = by_name("nodes", "node-1"), by_name("nodes", "node-2")
    reading = [
        DiskUsage(id=node_1.id, hostname="node-1", images=3, images_size=5 * 1024**2, containers=2),
        DiskUsage(id=node_2.id, hostname="node-2", error="Cannot reach tcp://node-2:2376"),
    ]
    page.model.update(reading)
    assert page.proxy.rowCount() == 3
    assert page.proxy.index(2, 0).data(Role.KEY) == TOTAL_KEY
    row_2 = page.model.row_of(node_2.id)
    assert page.model.index(row_2, 1).data() == "—"
    assert "Cannot reach tcp://node-2:2376" in page.model.index(row_2, 9).data()
    row_1 = page.model.row_of(node_1.id)
    assert page.model.index(row_1, 2).data() == "5.0 MiB"

    resets: list[bool] = []
    page.model.modelReset.connect(lambda: resets.append(True))
    page.model.update([DiskUsage(id=node_1.id, hostname="node-1", images=4), reading[1]])
    assert page.model.index(page.model.row_of(node_1.id), 1).data() == "4" and not resets
    assert page.model.get(TOTAL_KEY).images == 4

    recorded_context.store.apply("nodes", Diff(removed=frozenset({node_2.id})))  # it left the swarm
    assert [u.hostname for u in page.model.usages()] == ["node-1"]


def test_the_cleanup_dialog_lists_the_plan_and_asks_with_it(workspace, recorded_context, qtbot):
    node_1 = by_name("nodes", "node-1")
    dialog = CleanupDialog(workspace, recorded_context.operations, [node_1], "recorded")
    qtbot.addWidget(dialog)
    dialog.show()
    plan = NodePlan(
        node_1.id,
        "node-1",
        (
            Item("container", "c1", "shop_web.1.old", 1024, STOPPED),
            Item("image", "sha256:e", "registry:5000/tools:2", 2048, UNUSED),
        ),
        (KeptImage("sha256:w", "registry:5000/shop/web:1.3", 4096, (Keep("x", ROLLBACK, "shop_web"),)),),
    )
    dialog.plans = [plan]
    dialog._show_plans([plan])
    dialog.clean_button.setEnabled(True)
    top = dialog.tree.topLevelItem(0)
    rows = [[top.child(i).text(c) for c in range(4)] for i in range(top.childCount())]
    assert rows == [
        ["Container", "shop_web.1.old", "1.0 KiB", "stopped container"],
        ["Image", "registry:5000/tools:2", "2.0 KiB", "image no container uses"],
        ["Kept", "registry:5000/shop/web:1.3", "4.0 KiB", "rollback target of service shop_web"],
    ]
    assert "2 item(s) would go, 3.0 KiB freed at most" in dialog.summary.text()

    dialog.clean_button.click()
    text = answer(qtbot, dialog, accept=False)
    assert "Remove these 2 item(s) from 1 node(s)?" in text
    assert "node-1: Image registry:5000/tools:2 (2.0 KiB)" in text
    assert "Nothing was removed yet" in dialog.summary.text()  # cancelled: nothing happened
    assert not [b for b in dialog.findChildren(QMessageBox) if b.isVisible()]


@pytest.mark.usefixtures("zh_cn")  # installed before the page is built
def test_in_zh_cn_why_a_node_was_not_read_and_what_a_cleanup_kept_read_in_chinese(
    workspace, recorded_context, qtbot
):
    node_1, node_2 = by_name("nodes", "node-1"), by_name("nodes", "node-2")
    failure = ConnectionFailed(endpoint="tcp://node-2:2376")
    page = workspace.page_widgets["disk"]
    page.model.update([DiskUsage(id=node_2.id, hostname="node-2", error=failure.message, failure=failure)])
    note = page.model.index(page.model.row_of(node_2.id), 9).data()
    assert note == "无法连接：无法连接到 tcp://node-2:2376 上的 Docker 引擎。"

    dialog = CleanupDialog(workspace, recorded_context.operations, [node_1, node_2], "recorded")
    qtbot.addWidget(dialog)
    dialog._show_plans([NodePlan(node_2.id, "node-2", error=failure.message, failure=failure)])
    assert dialog.tree.topLevelItem(0).text(3) == "无法连接：无法连接到 tcp://node-2:2376 上的 Docker 引擎。"
    image = Item("image", "sha256:e", "registry:5000/tools:2", 2048, UNUSED)
    result = NodeResult(
        node_1.id, "node-1", kept=((image, Keep("registry:5000/tools:2", ROLLBACK, "shop_web")),)
    )
    line = dialog._result_line(result)
    assert line.endswith("1 项自预演后被保留：registry:5000/tools:2（服务 shop_web 的回滚目标）")
    assert "Not" not in line and "kept" not in line
    assert dialog._result_line(NodeResult(node_2.id, "node-2", error=failure.message, failure=failure)) == (
        "node-2：无法连接（无法连接到 tcp://node-2:2376 上的 Docker 引擎。）"
    )
