"""The Events page of a window connected to the test swarm: a service update made with the docker CLI
shows as its row (the engine's event handed on by the watcher), with the image change in its details;
what happened just before the window connected is there too (the backfill)."""

from __future__ import annotations

from crane_desktop.session import ClusterSession
from crane_desktop.views.main_window import MainWindow
from tests.conftest import run_async
from tests.gui.test_service_detail import IMAGE_2, create
from tests.swarm import IMAGE, docker, unique


def test_a_service_update_shows_on_the_events_page(connected_window, qtbot, service_names):
    window = connected_window
    service_id = create(service_names, "--replicas", "0", IMAGE, "sleep", "3600")  # no task to wait for
    qtbot.waitUntil(lambda: service_id in window.store.get("services"), timeout=10000)
    window.show_page("events")
    page = window.page_widgets["events"]

    docker(1, "service", "update", "--detach", "--image", IMAGE_2, service_names[-1])

    def update_row() -> list[str]:
        for event in page.model.objects():
            if event.object_id == service_id and event.action == "update":
                return [event.name, event.details]
        return []

    qtbot.waitUntil(lambda: bool(update_row()), timeout=5000)
    name, details = update_row()
    assert name == service_names[-1]
    assert f"image.new={IMAGE_2}" in details and f"image.old={IMAGE}" in details


def test_events_from_before_the_window_connected_are_backfilled(qtbot, loop, profile):
    name = unique("evback")
    network_id = docker(1, "network", "create", "--driver", "overlay", name)
    try:
        # the watcher's stream starts a second before it opens: the event must be older than that, so
        # that only the backfill can bring it (time passing, not a wait for something to happen)
        qtbot.wait(2500)
        window = MainWindow()
        qtbot.addWidget(window)
        run_async(qtbot, window.open_profile(ClusterSession(profile, window)))
        page = window.page_widgets["events"]

        def created() -> list[str]:
            rows = page.model.objects()
            return [e.name for e in rows if e.object_id == network_id and e.action == "create"]

        qtbot.waitUntil(lambda: bool(created()), timeout=10000)
        assert created() == [name]
        window.close_session()
    finally:
        docker(1, "network", "rm", name, check=False)
