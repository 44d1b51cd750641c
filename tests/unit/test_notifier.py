"""Every alert that starts is announced once, its rule as the title; steady states are not."""

from dataclasses import replace

from PySide6.QtWidgets import QWidget

from crane_desktop.engine.alerts import NODE_DOWN, ROLLOUT, Rule
from crane_desktop.engine.diff import Diff
from crane_desktop.engine.snapshots import Node, Service
from crane_desktop.models.alerts import AlertCenter
from crane_desktop.models.store import ClusterStore
from crane_desktop.views.notifier import Notifier


def test_node_down_and_rollback_are_announced(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    store = ClusterStore()
    alerts = AlertCenter(store)
    alerts.set_rules([Rule(NODE_DOWN, True, {"minutes": 0}), Rule(ROLLOUT)])
    notifier = Notifier(window, alerts)
    seen = []
    notifier.notified.connect(lambda title, text: seen.append((title, text)))
    node = Node.from_api({"ID": "n4", "Description": {"Hostname": "node-4"}, "Status": {"State": "ready"}})
    service = Service.from_api({"ID": "s1", "Spec": {"Name": "shop_web"}})
    store.apply("tasks", Diff())
    store.apply("nodes", Diff(added={"n4": node}))
    store.apply("services", Diff(added={"s1": service}))
    assert seen == []
    store.apply("nodes", Diff(changed={"n4": replace(node, state="down", version=2)}))
    rolled_back = replace(
        service, update_state="rollback_completed", update_message="update failed", version=3
    )
    store.apply("services", Diff(changed={"s1": rolled_back}))
    store.apply("services", Diff(changed={"s1": replace(rolled_back, version=4)}))  # no second notice
    assert seen == [
        ("Node down or manager unreachable", "node-4 is down."),
        ("Rollout paused or rolled back", "The update of shop_web is rolled back: update failed"),
    ]
