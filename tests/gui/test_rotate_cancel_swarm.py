"""Rotating from the Secrets page on the real swarm, stopped half-way: the dialog shows a line per
service while the first one's rollout runs; Stop puts that service back on the old secret, leaves the
next one untouched, and says the old secret is kept (both versions stay: nothing is lost). Closing the
dialog mid-rollout stops the run the same way."""

from __future__ import annotations

from PySide6.QtCore import Qt

from crane_desktop.views.secret_dialogs import RotateDialog
from tests.integration.test_rotate import references
from tests.swarm import IMAGE, docker, docker_json, unique, wait_until


def lines(dialog: RotateDialog) -> list[str]:
    return [dialog.progress_list.item(row).text() for row in range(dialog.progress_list.count())]


def update_status(service: str) -> dict:
    return docker_json(1, "service", "inspect", service)[0].get("UpdateStatus") or {}


def test_stop_rolls_the_service_being_updated_back_and_keeps_the_old_secret(connected_window, qtbot):
    window, secret = connected_window, unique("crane-gcancel")
    first, second = f"{secret}-a", f"{secret}-b"  # updated in name order
    client = window.session.cluster.client
    client.create_secret(secret, b"old")
    try:
        for name, monitor in ((first, "30s"), (second, "1s")):  # the first one's rollout lasts 30 s
            docker(1, "service", "create", "-d", "--name", name, "--stop-grace-period", "0s",
                   "--update-monitor", monitor, "--rollback-monitor", "1s", "--secret", secret,
                   IMAGE, "sleep", "3600")  # fmt: skip
        wait_until(
            lambda: all(
                any(t["Status"]["State"] == "running" for t in client.tasks(filters={"service": name}))
                for name in (first, second)
            ),
            30,
            "both services running",
        )
        window.show_page("secrets")
        page = window.workspace.page_widgets["secrets"]
        qtbot.waitUntil(lambda: page.select(secret), timeout=10000)
        qtbot.mouseClick(page.rotate_button, Qt.MouseButton.LeftButton)
        dialog = page.findChild(RotateDialog, "rotateDialog")
        dialog.data_input.text_edit.setPlainText("new")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: f"{first}: updating…" in lines(dialog), timeout=10000)
        assert lines(dialog)[0] == f"{secret}-v2 created." and dialog.stop_button.isVisible()

        qtbot.mouseClick(dialog.stop_button, Qt.MouseButton.LeftButton)
        assert dialog.status.text() == f"Stopping: the service being updated goes back to {secret}…"
        qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=20000)
        assert lines(dialog) == [
            f"{secret}-v2 created.",
            f"{first}: stopped, back on the old version.",
            f"{second}: unchanged, on the old version.",
            f"{secret} kept.",
        ]
        assert dialog.status.text() == f"{secret} is kept: nothing is lost."
        assert not dialog.stop_button.isVisible()
        assert references(first, "secret")[0]["SecretName"] == secret
        assert references(second, "secret")[0]["SecretName"] == secret
        assert {s["Spec"]["Name"] for s in client.secrets()} >= {secret, f"{secret}-v2"}
        dialog.close()

        # closing the dialog mid-rollout stops the run the same way: the service goes back on its own
        before = update_status(first)
        assert before["State"] == "rollback_completed"
        qtbot.mouseClick(page.rotate_button, Qt.MouseButton.LeftButton)
        dialog = next(d for d in page.findChildren(RotateDialog, "rotateDialog") if d.isVisible())
        dialog.data_input.text_edit.setPlainText("newer")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: f"{first}: updating…" in lines(dialog), timeout=10000)
        dialog.close()
        wait_until(
            lambda: (
                update_status(first).get("StartedAt") != before["StartedAt"]
                and update_status(first).get("State") == "rollback_completed"
            ),
            20,
            "the closed rotation's rollback",
        )
        assert [references(name, "secret")[0]["SecretName"] for name in (first, second)] == [secret, secret]
        assert {s["Spec"]["Name"] for s in client.secrets()} >= {secret, f"{secret}-v2", f"{secret}-v3"}
    finally:
        for name in (first, second):
            docker(1, "service", "rm", name, check=False)
        wait_until(lambda: not client.services(filters={"name": secret}), 20, "the services gone")
        for item in client.secrets():
            if item["Spec"]["Name"].startswith(secret):
                client.remove_secret(item["ID"])
