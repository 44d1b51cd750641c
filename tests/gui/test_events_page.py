"""The Events page of a window connected to the test swarm: a service update made with the docker CLI
shows as its row (the engine's event handed on by the watcher), with the image change in its details."""

from __future__ import annotations

from tests.gui.test_service_detail import IMAGE_2, create
from tests.swarm import IMAGE, docker


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
