"""The Alerts page on the recorded cluster: a node going down raises an alert row (after its rule's
minute, on the clock's tick), the desktop notifier is called and the sidebar counts it; acknowledging
keeps the row but stops counting it; the node coming back clears it; the rules editor refuses
thresholds it cannot use and keeps the ones it can."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QDialogButtonBox

from crane_desktop.engine.alerts import NODE_DOWN, TASK_FAILURES, rules_from_json, rules_to_json
from crane_desktop.engine.diff import Diff
from crane_desktop.engine.formatting import local_time
from crane_desktop.engine.profiles import Profile, ProfileStore
from crane_desktop.session import ClusterSession
from crane_desktop.views.alert_rules_dialog import AlertRulesDialog
from crane_desktop.views.notifier import Notifier
from tests.gui.conftest import by_name


class Clock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def page(workspace):
    workspace.show_page("alerts")
    return workspace.page_widgets["alerts"]


def row_texts(model, row):
    return [model.index(row, column).data() for column in range(model.columnCount())]


def test_a_node_down_raises_an_alert_that_is_notified_acknowledged_and_cleared(
    qtbot, workspace, recorded_context, page
):
    alerts = recorded_context.alerts
    clock = Clock()
    alerts.clock = clock
    notifier = Notifier(workspace, alerts)
    notified = []
    notifier.notified.connect(lambda title, text: notified.append((title, text)))
    assert page.model.rowCount() == 0
    assert workspace.counts.text("alerts") == "Alerts"

    node = by_name("nodes", "node-4")
    down = replace(node, state="down", version=node.version + 1)
    recorded_context.store.apply("nodes", Diff(changed={node.id: down}))
    qtbot.waitUntil(lambda: not alerts.evaluating)  # the conditions are found on the runner's pool
    assert page.model.rowCount() == 0  # the rule wants a minute of it
    clock.now += timedelta(seconds=61)
    alerts.evaluate()  # the clock's tick
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert row_texts(page.model, 0)[1:] == [
        "Node down or manager unreachable",
        "node-4",
        "firing",
        "node-4 is down.",
    ]
    assert notified == [("Node down or manager unreachable", "node-4 is down.")]
    assert workspace.counts.text("alerts") == "Alerts 1"
    clock.now += timedelta(seconds=15)
    recorded_context.store.apply("nodes", Diff(changed={node.id: replace(down, version=down.version + 1)}))
    alerts.evaluate()
    qtbot.waitUntil(lambda: not alerts.evaluating)
    assert page.model.rowCount() == 1 and len(notified) == 1  # one alert while it stays down
    page.open_object(page.proxy.index(0, 0))  # a double-click: the node's detail
    assert workspace.tabs.tabText(workspace.tabs.currentIndex()) == "node-4"
    workspace.show_page("alerts")

    assert not page.acknowledge_button.isEnabled()
    page.table.selectionModel().select(
        page.proxy.index(0, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    assert page.acknowledge_button.isEnabled()
    qtbot.mouseClick(page.acknowledge_button, Qt.MouseButton.LeftButton)
    assert row_texts(page.model, 0)[3] == "acknowledged"
    assert workspace.counts.text("alerts") == "Alerts"
    assert not page.acknowledge_button.isEnabled()

    clock.now += timedelta(minutes=2)
    recorded_context.store.apply("nodes", Diff(changed={node.id: replace(node, version=down.version + 2)}))
    qtbot.waitUntil(lambda: row_texts(page.model, 0)[3] == "cleared")
    assert page.model.index(0, 3).data(Qt.ItemDataRole.ToolTipRole) == f"Cleared at {local_time(clock.now)}"
    assert page.model.rowCount() == 1  # kept in the list


def ok(dialog):
    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)


def test_the_rules_editor_refuses_bad_thresholds_and_saves_the_rules_with_the_profile(
    qtbot, page, recorded_context
):
    profile = Profile("recorded", ("unix:///var/run/docker.sock",))
    ProfileStore().put(profile)
    recorded_context.session = ClusterSession(profile, recorded_context)  # never opened: no engine call
    qtbot.mouseClick(page.rules_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(page, "rules_dialog", None) is not None and page.rules_dialog.isVisible())
    dialog: AlertRulesDialog = page.rules_dialog
    count = dialog.fields[TASK_FAILURES]["count"]
    for bad in ("0", "three", "-2", ""):
        count.setText(bad)
        qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
        assert dialog.isVisible()
        assert dialog.error_label.text() == (
            "A service's tasks failing: Failures at least: give a whole number from 1 to 1000."
        )
    count.setText("3")
    dialog.fields[TASK_FAILURES]["minutes"].setText("1")
    dialog.switches[NODE_DOWN].setChecked(False)
    qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: not {r.kind: r for r in recorded_context.alerts.rules}[NODE_DOWN].enabled)
    rules = {rule.kind: rule for rule in recorded_context.alerts.rules}
    assert rules[TASK_FAILURES].values == {"count": 3, "minutes": 1}
    saved = rules_from_json(ProfileStore().load()[0].alerts)
    assert saved == recorded_context.alerts.rules
    assert recorded_context.cluster.profile.alerts == rules_to_json(
        saved
    )  # kept if the profile is saved again
    recorded_context.session = None
