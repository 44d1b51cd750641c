"""A node going down or a rollout rolling back is announced; steady states are not."""

from dataclasses import replace

from PySide6.QtWidgets import QWidget

from crane_desktop.engine.diff import Diff
from crane_desktop.engine.snapshots import Node, Service
from crane_desktop.models.store import ClusterStore
from crane_desktop.views.notifier import Notifier


def test_node_down_and_rollback_are_announced(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    store = ClusterStore()
    notifier = Notifier(window, store)
    seen = []
    notifier.notified.connect(lambda title, text: seen.append((title, text)))
    node = Node.from_api({"ID": "n4", "Description": {"Hostname": "node-4"}, "Status": {"State": "ready"}})
    service = Service.from_api({"ID": "s1", "Spec": {"Name": "shop_web"}})
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
        ("Node down", "node-4 is down."),
        ("Rollout failed", "The update of shop_web is rolled back: update failed"),
    ]
