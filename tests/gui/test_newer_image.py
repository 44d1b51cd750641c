"""A newer image under a service's tag, in the GUI against the real swarm and its private registry:
after another image is pushed under the tag the service follows, the apps table and the service
detail say so; Pull and redeploy asks first, and the service then runs the new digest."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QPushButton

from crane_desktop.engine.image_updates import split_image
from crane_desktop.models.apps import IMAGE_UPDATE
from tests.gui.apps_helpers import app_row
from tests.swarm import docker, push_private_image, registry, remove_image_everywhere, unique


def confirm_box(window) -> QMessageBox | None:
    return next((b for b in window.findChildren(QMessageBox, "confirmDialog") if b.isVisible()), None)


def runs(window, service_id: str, image: str) -> bool:
    """A task of the service runs `image` (the pinned reference) and none runs anything else."""
    tasks = [t for t in window.store.get("tasks").values() if t.service_id == service_id]
    current = [t for t in tasks if t.desired_state == "running"]
    return bool(current) and all(t.image == image and t.state == "running" for t in current)


def test_a_push_under_the_tag_shows_a_newer_image_and_redeploy_takes_it(
    connected_window, qtbot, service_names
):
    window = connected_window
    reg = registry()
    updates = window.context.image_updates
    tag = unique("gui")
    reference = push_private_image(tag)
    name = unique("crane-newer")
    service_names.append(name)
    # docker's own login (the test's DOCKER_CONFIG): the app reads it too (engine/registries.py)
    docker(1, "login", "--username", reg.user, "--password", reg.password, reg.address)
    docker(1, "service", "create", "--detach", "--with-registry-auth", "--name", name, "--stop-grace-period",
           "1s", "--update-monitor", "1s", reference, "sleep", "600")  # fmt: skip
    service_id = docker(1, "service", "inspect", "--format", "{{.ID}}", name)
    window.show_page("apps")
    page = window.page_widgets["apps"]

    def shown() -> str:
        row = app_row(page, name)
        return page.model.index(row.row(), IMAGE_UPDATE).data() if row.isValid() else ""

    qtbot.waitUntil(lambda: shown() == "up to date", timeout=15000)
    running = updates.check(service_id).latest

    push_private_image(tag, variant="v2")
    updates.check_now([service_id])  # what the interval does, and the service detail's "Check again"
    qtbot.waitUntil(lambda: shown() == "newer image", timeout=10000)
    latest = updates.check(service_id).latest
    assert latest != running
    tooltip = page.model.index(app_row(page, name).row(), IMAGE_UPDATE).data(3)  # ToolTipRole
    assert tooltip == f"{reference} is now {latest[7:19]} in the registry; the service runs {running[7:19]}."

    detail = window.open_service(service_id)
    assert detail.newer_row.isVisibleTo(detail) and detail.redeploy_button.isVisibleTo(detail)
    assert detail.newer.text().startswith(f"Newer image available: {reference} is now {latest[7:19]}")
    detail.redeploy_button.click()
    qtbot.waitUntil(lambda: confirm_box(window) is not None, timeout=5000)
    box = confirm_box(window)
    assert (
        name in box.text()
        and f"runs {running[7:19]}, the registry has {latest[7:19]}" in box.informativeText()
    )
    box.findChild(QPushButton, "confirmButton").click()

    pinned = f"{reference}@{latest}"
    qtbot.waitUntil(lambda: detail.service.image == pinned, timeout=10000)
    qtbot.waitUntil(lambda: runs(window, service_id, pinned), timeout=30000)
    qtbot.waitUntil(lambda: detail.rollout.text().startswith("Update: completed"), timeout=10000)  # followed
    inspected = docker(
        1, "service", "inspect", "--format", "{{.Spec.TaskTemplate.ContainerSpec.Image}}", name
    )
    assert split_image(inspected) == (reference, latest)
    qtbot.waitUntil(
        lambda: shown() == "up to date" and not detail.newer_row.isVisibleTo(detail), timeout=10000
    )
    window.close_all_details()
    docker(1, "service", "rm", name)
    service_names.remove(name)
    remove_image_everywhere(reference)
