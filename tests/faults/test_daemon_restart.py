"""R3b: the daemon of the manager the app uses restarts while a service detail shows its Logs and
Monitoring tabs (streams running) and a container detail (on that very engine) is open. The app
reconnects by itself (status "connected", tables equal to `docker node ls` / `docker service ls`), and
each open log/stats view either goes on or says in its own status line that it ended."""

from __future__ import annotations

from crane_desktop.models.nodes import NodeTableModel
from crane_desktop.views.charts import ContainerCharts, ServiceCharts
from crane_desktop.views.container_detail import ContainerDetail
from crane_desktop.views.log_view import ServiceLogs
from crane_desktop.views.service_detail import ServiceDetail
from tests.swarm import IMAGE, docker, swarm_script, unique

TICKER = "while true; do echo tick; sleep 0.2; done"


def node_number(profile, endpoint: str) -> int:
    return next(int(name.rsplit("-", 1)[1]) for name, ep in profile.nodes.items() if ep == endpoint)


def app_nodes(window) -> set[tuple[str, str]]:
    model = window.node_model
    return {
        (model.object_at(r).hostname, model.data(model.index(r, NodeTableModel.STATUS_COLUMN)))
        for r in range(model.rowCount())
    }


def engine_nodes(manager: int) -> set[tuple[str, str]]:
    out = docker(manager, "node", "ls", "--format", "{{.Hostname}} {{.Status}}")
    return {tuple(line.lower().split()) for line in out.splitlines()}


def app_services(window) -> set[str]:
    return {s.name for s in window.store.get("services").values()}


def engine_services(manager: int) -> set[str]:
    return set(docker(manager, "service", "ls", "--format", "{{.Name}}").split())


def tab_of(detail: ServiceDetail, kind: type):
    return next(w for w in detail.extra_tabs if isinstance(w, kind))


def test_manager_daemon_restart(connected_window, qtbot, profile, service_names):
    window = connected_window
    n = node_number(profile, window.session.cluster.endpoint)
    other = 1 if n != 1 else 2  # a manager to ask out of band while node n is down
    name = unique("restart")
    service_names.append(name)
    docker(
        1,
        *("service", "create", "--detach", "--name", name, "--replicas", "2"),
        *("--constraint", f"node.hostname!=node-{n}", IMAGE, "sh", "-c", TICKER),
    )
    box = unique("restart-box")
    container_id = docker(n, "run", "-d", "--restart", "always", "--name", box, IMAGE, "sh", "-c", TICKER)
    try:
        qtbot.waitUntil(
            lambda: any(s.name == name for s in window.store.get("services").values()), timeout=20000
        )
        service_id = next(s.id for s in window.store.get("services").values() if s.name == name)
        detail = window.open_service(service_id)
        logs, charts = tab_of(detail, ServiceLogs), tab_of(detail, ServiceCharts)
        detail.tabs.setCurrentWidget(logs)
        qtbot.waitUntil(lambda: len(logs.view.ring) > 5, timeout=30000)
        detail.tabs.setCurrentWidget(charts)
        qtbot.waitUntil(lambda: len(charts.series) >= 2, timeout=30000)

        node_id = next(x.id for x in window.store.get("nodes").values() if x.hostname == f"node-{n}")
        container = window.open_container(node_id, container_id, box)
        assert isinstance(container, ContainerDetail)
        qtbot.waitUntil(lambda: len(container.logs.ring) > 3, timeout=30000)
        container.tabs.setCurrentIndex(container._monitoring_index)
        qtbot.waitUntil(lambda: isinstance(container.monitoring, ContainerCharts), timeout=10000)
        stats = container.monitoring
        qtbot.waitUntil(lambda: len(stats.series) == 1, timeout=30000)

        swarm_script("node-stop", str(n))
        try:
            # what the user sees while the engine is gone: the streams on it say they ended
            qtbot.waitUntil(lambda: "The log stream ended" in container.logs.status.text(), timeout=30000)
            qtbot.waitUntil(lambda: "The stats stream ended" in stats.note.text(), timeout=30000)
            assert stats.note.isVisible()
        finally:
            swarm_script("node-start", str(n))

        # the app reconnects by itself and its tables are the engine's truth again
        qtbot.waitUntil(lambda: (f"node-{n}", "ready") in engine_nodes(other), timeout=120000)
        # what the user reads, not the engine's state (the status bar follows it through a queued signal)
        qtbot.waitUntil(lambda: window.status_line.phase.text() == "connected", timeout=60000)
        qtbot.waitUntil(lambda: app_nodes(window) == engine_nodes(other), timeout=60000)
        qtbot.waitUntil(lambda: app_services(window) == engine_services(other), timeout=30000)
        qtbot.waitUntil(lambda: not window.node_model.stale, timeout=10000)

        # the service's log view (it streams through the manager) resumes or says it ended
        lines = len(logs.view.ring)
        qtbot.waitUntil(
            lambda: len(logs.view.ring) > lines + 5 or "The log stream ended" in logs.view.status.text(),
            timeout=30000,
        )
        # the charts of the tasks on the other nodes go on
        before = {key: len(series.t) for key, series in charts.series.items()}
        qtbot.waitUntil(
            lambda: any(len(charts.series[key].t) > count + 2 for key, count in before.items()), timeout=30000
        )
    finally:
        window.close_all_details()
        docker(n, "rm", "-f", box, check=False)
