"""The app detail against the real swarm: a stack deployed out of band, opened from its name; its
logs tagged per service and task, the services' past lines in time order, its charts summed per
service; its task counts changed from the Actions menu, a service joining it while open, and the app
deleted from it (asked first), after which the tab closes."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from crane_desktop.views.app_detail import AppDetail
from crane_desktop.views.charts import TOTAL
from crane_desktop.views.scale_dialog import ScaleDialog
from tests.gui.apps_helpers import cli_deploy
from tests.gui.test_node_helpers import answer, closed
from tests.swarm import IMAGE, docker, unique, wait_until

COMPOSE = f"""version: '3.8'
services:
  web:
    image: {IMAGE}
    command: sh -c "echo web is up; for i in 1 2 3 4 5 6; do echo web $$i; sleep 0.3; done; sleep 3600"
    stop_grace_period: 1s
  db:
    image: {IMAGE}
    command: sh -c "echo db is up; for i in 1 2 3 4 5 6; do echo db $$i; sleep 0.3; done; sleep 3600"
    stop_grace_period: 1s
"""


CACHE = f"""  cache:
    image: {IMAGE}
    command: sh -c "echo cache is up; sleep 3600"
    stop_grace_period: 1s
"""


def tagged(view) -> set[tuple[str, str]]:
    """(service.slot, text) of the lines shown."""
    return {(line.source.split("@")[0], line.text) for line in view.ring.lines}


def app_tabs(window) -> list[AppDetail]:
    tabs = window.workspace.tabs
    return [tabs.widget(i) for i in range(tabs.count()) if isinstance(tabs.widget(i), AppDetail)]


def running_services(window, app: str) -> set[str]:
    services = {s.id: s.name for s in window.store.get("services").values() if s.stack == app}
    return {
        services[t.service_id]
        for t in window.store.get("tasks").values()
        if t.service_id in services and t.state == "running"
    }


def wrote(service: str, text: str) -> bool:
    return text in docker(1, "service", "logs", "--raw", service)


def replicas(service: str) -> str:
    return docker(1, "service", "inspect", "--format", "{{.Spec.Mode.Replicated.Replicas}}", service).strip()


def test_app_detail_shows_logs_and_charts_scales_and_deletes(connected_window, qtbot, tmp_path):
    window = connected_window
    name = unique("gdetail")
    web, db, cache = f"{name}_web", f"{name}_db", f"{name}_cache"
    compose = tmp_path / "app.yml"
    compose.write_text(COMPOSE)
    try:
        cli_deploy(compose, name)
        qtbot.waitUntil(lambda: running_services(window, name) == {web, db}, timeout=30000)
        detail = window.open_app(name)
        assert isinstance(detail, AppDetail) and detail.service_names() == [db, web]

        for service, last in ((web, "web 6"), (db, "db 6")):  # both wrote their past lines, at the same time
            wait_until(lambda s=service, t=last: wrote(s, t), 30, last)
        detail.tabs.setCurrentWidget(detail.logs)  # one stream per service, lines tagged service.slot@host
        view = detail.logs.view
        qtbot.waitUntil(
            lambda: tagged(view) >= {(f"{web}.1", "web 6"), (f"{db}.1", "db 6"), (f"{db}.1", "db is up")},
            timeout=15000,
        )
        times = [line.time for line in view.ring.lines]  # merged across the services, not one after the other
        assert len(times) == 14 and times == sorted(times)
        detail.tabs.setCurrentWidget(detail.charts)  # a series per service (its tasks summed) and a total
        services = {s.name: s.id for s in window.store.get("services").values() if s.stack == name}
        qtbot.waitUntil(
            lambda: set(detail.charts.series) == {services[web], services[db], TOTAL}, timeout=15000
        )
        assert {detail.charts.series[services[n]].label for n in (web, db)} == {web, db}

        # a service joining the app while it is open: listed, and its lines follow in the same view
        compose.write_text(COMPOSE + CACHE)
        cli_deploy(compose, name)
        qtbot.waitUntil(lambda: detail.service_names() == [cache, db, web], timeout=15000)
        qtbot.waitUntil(lambda: (f"{cache}.1", "cache is up") in tagged(view), timeout=20000)

        detail.scale_action.trigger()
        dialog = detail.findChild(ScaleDialog, "scaleDialog")
        dialog.findChild(QLineEdit, f"replicas_{web}").setText("2")
        dialog.apply_button.click()
        qtbot.waitUntil(lambda: closed(dialog), timeout=15000)
        assert replicas(web) == "2" and replicas(db) == "1"
        qtbot.waitUntil(lambda: "4/4 tasks running" in detail.title.text(), timeout=20000)

        detail.delete_action.trigger()
        text = answer(qtbot, window, True)
        assert name in text and all(service in text for service in (web, db, cache))
        qtbot.waitUntil(lambda: app_tabs(window) == [], timeout=30000)  # the tab closed (and may be gone)
        assert docker(1, "service", "ls", "-q", "--filter", f"label=com.docker.stack.namespace={name}") == ""
        wait_until(
            lambda: (
                docker(1, "network", "ls", "-q", "--filter", f"label=com.docker.stack.namespace={name}") == ""
            ),
            what="the app's network to be gone",
        )
    finally:
        docker(1, "stack", "rm", name, check=False)
