"""A worker's daemon stops: with the node-down rule's delay set to 0 minutes (the default waits one),
the alert fires on a connected window, shows in the Alerts page, and, the operator being in another
window, the notifier raises it on the desktop (asserted on what the notifier shows and how)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from crane_desktop.engine.alerts import NODE_DOWN, Rule, default_rules
from tests.swarm import docker, swarm_script, wait_until


def test_a_stopped_daemon_fires_the_node_down_alert_and_a_notification(connected_window, qtbot):
    window = connected_window
    alerts = window.context.alerts
    alerts.set_rules(
        [*(r for r in default_rules() if r.kind != NODE_DOWN), Rule(NODE_DOWN, True, {"minutes": 0})]
    )
    notifier = window.notifier
    asked: list[tuple[str, str]] = []
    raised: list[tuple[str, str, str]] = []
    notifier.notified.connect(lambda title, text: asked.append((title, text)))
    notifier.raised.connect(lambda how, title, text: raised.append((how, title, text)))
    elsewhere = QWidget()  # the operator works in another window: the alert must reach the desktop
    qtbot.addWidget(elsewhere)
    elsewhere.show()
    elsewhere.activateWindow()
    qtbot.waitUntil(lambda: not window.isActiveWindow(), timeout=5000)

    def alert_row():
        return next(
            (
                r
                for r in alerts.model.objects()
                if r.alert.rule == NODE_DOWN and r.alert.object_name == "node-4"
            ),
            None,
        )

    assert alert_row() is None
    swarm_script("node-stop", "4")
    try:
        qtbot.waitUntil(lambda: alert_row() is not None, timeout=60000)
        window.show_page("alerts")
        page = window.page_widgets["alerts"]
        texts = [page.model.index(page.model.row_of(alert_row().alert.id), c).data() for c in range(5)]
        assert texts[1:4] == ["Node down or manager unreachable", "node-4", "firing"]
        assert texts[4] == "node-4 is down."
        assert asked == [("Node down or manager unreachable", "node-4 is down.")]
        # raised the way this desktop allows: its notification service, a tray message, or else the
        # window asking for attention (the test machine has neither service nor tray)
        assert [(title, text) for _how, title, text in raised] == asked
        assert raised[0][0] in ("desktop", "tray", "attention")
    finally:
        swarm_script("node-start", "4")
    wait_until(lambda: docker(1, "node", "inspect", "--format", "{{.Status.State}}", "node-4") == "ready", 60)
    qtbot.waitUntil(lambda: alert_row() is None or alert_row().alert.cleared is not None, timeout=20000)
