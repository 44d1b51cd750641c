"""On the real swarm: a service whose tasks keep failing (its command is `false`, restarted on any exit)
fires the rule "tasks failing 3 times in 1 minute" on a connected window: an alert row for the service
and a desktop notification."""

from __future__ import annotations

from crane_desktop.engine.alerts import TASK_FAILURES, Rule, default_rules
from tests.swarm import IMAGE, docker, unique


def test_failing_tasks_fire_an_alert(qtbot, connected_window, service_names):
    window = connected_window
    alerts = window.context.alerts
    rules = [rule for rule in default_rules() if rule.kind != TASK_FAILURES]
    alerts.set_rules([*rules, Rule(TASK_FAILURES, True, {"count": 3, "minutes": 1})])
    notified = []
    window.notifier.notified.connect(lambda title, text: notified.append((title, text)))
    name = unique("alertfail")
    service_names.append(name)
    docker(
        1, "service", "create", "--detach", "--name", name, "--restart-condition", "any",
        "--restart-delay", "1s", "--stop-grace-period", "1s", IMAGE, "false",
    )  # fmt: skip

    def alert_row():
        return next(
            (
                row
                for row in alerts.model.objects()
                if row.alert.rule == TASK_FAILURES and row.alert.object_name == name
            ),
            None,
        )

    qtbot.waitUntil(lambda: alert_row() is not None, timeout=45000)
    window.show_page("alerts")
    page = window.page_widgets["alerts"]
    texts = [page.model.index(page.model.row_of(alert_row().alert.id), c).data() for c in range(5)]
    assert texts[1:4] == ["A service's tasks failing", name, "firing"]
    assert f"tasks of {name} failed within 1 min." in texts[4]
    assert ("A service's tasks failing", texts[4]) in notified
