"""Why pending in the service detail, on the recorded cluster: a pending task's row says why in its error
column (the engine's words in the tooltip), the header says "Not converging: ..." and both follow the
store's diffs."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt

from crane_desktop.engine.diff import Diff
from crane_desktop.models.tasks import ERROR, SLOT
from crane_desktop.models.why_pending import not_converging
from tests.gui.conftest import by_name

PAUSED = "Its node node-3 is paused: it takes no new tasks."


def open_service(workspace, name: str):
    return workspace.open_service(by_name("services", name).id)


def node_3_row(detail):
    proxy = detail.proxy
    row = next(r for r in range(proxy.rowCount()) if proxy.index(r, SLOT).data() == "node-3")
    return proxy.index(row, ERROR)


def test_a_pending_task_and_the_header_say_why(workspace):
    detail = open_service(workspace, "shop_agent")
    cell = node_3_row(detail)
    assert cell.data() == PAUSED
    assert "1 node not available for new tasks" in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert detail.why.isVisible()
    assert detail.why.text() == f"Not converging: {PAUSED}"
    assert detail.why.toolTip() == f"{PAUSED}\n1 node not available for new tasks"


def test_a_service_whose_tasks_keep_failing_says_so_and_a_running_one_says_nothing(workspace):
    worker = open_service(workspace, "shop_worker")
    assert worker.why.text() == "Not converging: Its tasks keep failing: the container exited with code 3"
    web = open_service(workspace, "shop_web")
    assert not web.why.isVisible() and web.why.text() == ""


def test_the_sentence_follows_the_store(workspace, recorded_context):
    detail = open_service(workspace, "shop_agent")
    store = recorded_context.store
    node = by_name("nodes", "node-3")
    store.apply("nodes", Diff(changed={node.id: dataclasses.replace(node, availability="drain")}))
    assert node_3_row(detail).data() == "Its node node-3 is drained: it takes no tasks."
    assert detail.why.text() == "Not converging: Its node node-3 is drained: it takes no tasks."
    pending = next(t for t in store.get("tasks").values() if t.state == "pending")
    store.apply("tasks", Diff(changed={pending.id: dataclasses.replace(pending, state="running", error="")}))
    assert node_3_row(detail).data() == ""
    assert not detail.why.isVisible()


def test_the_overview_gets_every_stuck_service(recorded_context):
    found = not_converging(recorded_context.store)
    names = {recorded_context.store.get("services")[sid].name: texts for sid, texts in found.items()}
    assert names == {
        "shop_agent": [PAUSED],
        "shop_worker": ["Its tasks keep failing: the container exited with code 3"],
    }
