"""The Secrets and Configs pages on recorded snapshots, without a swarm: every service using an object
with its target, owner and mode; delete refused while in use (naming the users), asked first otherwise;
a config's content shown, a secret's never; bad input refused in the create and rotate dialogs before
anything is sent."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from crane_desktop.engine.diff import Diff
from crane_desktop.engine.i18n import Phrase, term
from crane_desktop.engine.rotate import Outcome, Progress, Step
from crane_desktop.engine.secrets_configs import MAX_BYTES
from crane_desktop.engine.snapshots import Secret, Service
from crane_desktop.views.secret_dialogs import ContentDialog, CreateDialog, RotateDialog
from tests.gui.conftest import RECORDED_SECRETS, feed_secret_users, recorded
from tests.gui.test_node_helpers import answer, visible_box


@pytest.fixture
def secrets(workspace, recorded_context):
    feed_secret_users(recorded_context.store)
    workspace.show_page("secrets")
    return workspace.page_widgets["secrets"]


@pytest.fixture
def configs(workspace, recorded_context):
    feed_secret_users(recorded_context.store)
    workspace.show_page("configs")
    return workspace.page_widgets["configs"]


def by_name(name: str) -> Service:
    """A recorded service of the secrets' cluster."""
    return next(s for s in recorded("services", RECORDED_SECRETS).values() if s.name == name)


def cell(page, name: str, column: int) -> str:
    for row in range(page.proxy.rowCount()):
        if page.proxy.index(row, 0).data() == name:
            return page.proxy.index(row, column).data()
    raise AssertionError(f"{name} not listed")


def headers(page) -> list[str]:
    model = page.model
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def test_the_used_by_column_names_each_service_with_target_owner_and_mode(secrets, configs):
    assert [secrets.proxy.index(r, 0).data() for r in range(secrets.proxy.rowCount())] == [
        "vault_db_password",
        "vault_unused_token",
    ]
    used_by = secrets.model.used_by_column
    assert cell(secrets, "vault_db_password", used_by) == (
        "vault_db: db_password (uid 999, gid 999, mode 0400)\n"
        "vault_proxy: vault_db_password (uid 0, gid 0, mode 0444)"
    )
    assert cell(secrets, "vault_unused_token", used_by) == ""
    assert cell(configs, "vault_nginx_conf", configs.model.used_by_column) == (
        "vault_db: /etc/nginx/nginx.conf (uid 0, gid 0, mode 0444)\n"
        "vault_proxy: /etc/proxy.conf (uid 0, gid 0, mode 0440)"
    )
    assert cell(configs, "vault_motd", 2) == "golang"  # the templating driver
    assert cell(configs, "vault_nginx_conf", 3) == "tier=edge"


def test_used_by_is_the_last_column_a_line_per_service_read_whole(secrets, configs, qtbot):
    """The long column last, where the table's free width goes, a line per use, the row as high as its
    lines: not squeezed to "vault_db: …"."""
    assert headers(secrets) == [
        "Name", "ID", "Driver", "Templating", "Labels", "Created", "Updated", "Used by",
    ]  # fmt: skip
    assert headers(configs) == ["Name", "ID", "Templating", "Labels", "Created", "Updated", "Used by"]
    for page, name in ((secrets, "vault_db_password"), (configs, "vault_nginx_conf")):
        page.show()
        assert page.select(name)
        index = page.table.currentIndex().siblingAtColumn(page.model.used_by_column)
        lines = index.data().split("\n")
        metrics = page.table.fontMetrics()
        widest = max(metrics.horizontalAdvance(line) for line in lines)
        qtbot.waitUntil(lambda p=page, i=index, w=widest: p.table.visualRect(i).width() > w)
        assert page.table.rowHeight(index.row()) >= len(lines) * metrics.lineSpacing()


def test_a_templated_secret_shows_its_templating_not_a_driver(secrets, recorded_context):
    templated = Secret.from_api(
        {"ID": "tmpl1", "Spec": {"Name": "vault_tls_key", "Templating": {"Name": "golang"}},
         "CreatedAt": "2026-11-29T19:30:00Z", "UpdatedAt": "2026-11-29T19:30:00Z"}
    )  # fmt: skip
    recorded_context.store.apply("secrets", Diff(added={templated.id: templated}))
    assert (cell(secrets, "vault_tls_key", 2), cell(secrets, "vault_tls_key", 3)) == ("", "golang")


def test_delete_is_refused_while_in_use_naming_the_services(secrets, qtbot):
    assert secrets.select("vault_db_password")
    qtbot.mouseClick(secrets.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: visible_box(secrets, "errorDialog") is not None)
    error = visible_box(secrets, "errorDialog")
    assert error.text() == "The secret is in use by vault_db, vault_proxy: it cannot be removed."
    assert visible_box(secrets, "confirmDialog") is None  # refused before asking anything


def test_delete_of_an_unused_secret_asks_first(secrets, qtbot):
    assert secrets.select("vault_unused_token")
    qtbot.mouseClick(secrets.delete_button, Qt.MouseButton.LeftButton)
    text = answer(qtbot, secrets, accept=False)
    assert "Delete vault_unused_token? This cannot be undone." in text
    assert cell(secrets, "vault_unused_token", 0) == "vault_unused_token"


def test_a_configs_content_is_shown_and_a_secrets_never(secrets, configs, qtbot):
    assert not secrets.content_button.isVisible()
    assert configs.select("vault_nginx_conf")
    qtbot.mouseClick(configs.content_button, Qt.MouseButton.LeftButton)
    dialog = configs.findChild(ContentDialog, "configContentDialog")
    assert dialog is not None and dialog.isVisible()
    assert dialog.text.toPlainText() == "server {\n    listen 80;\n}\n" and dialog.text.isReadOnly()


def test_create_refuses_an_existing_name_and_a_file_over_500_kb(configs, qtbot, tmp_path):
    qtbot.mouseClick(configs.create_button, Qt.MouseButton.LeftButton)
    dialog = configs.findChild(CreateDialog, "createSecretDialog")
    dialog.name_edit.setText("vault_motd")
    dialog.data_input.text_edit.setPlainText("x")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error_label.isVisible())
    assert dialog.error_label.text() == "A config named vault_motd exists already."
    big = tmp_path / "big.conf"
    big.write_bytes(b"x" * (MAX_BYTES + 1))
    dialog.name_edit.setText("vault_big")
    dialog.data_input.load_file(str(big))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "500 KB" in dialog.error_label.text())
    assert dialog.error_label.text() == "The config is over 500 KB: the engine takes at most 512000 bytes."
    assert dialog.isVisible() and dialog.data_input.text_edit.toPlainText() == "x"  # nothing typed is lost
    assert not dialog.data_input.text_edit.isEnabled() and dialog.data_input.type_button.isVisible()
    qtbot.mouseClick(dialog.data_input.type_button, Qt.MouseButton.LeftButton)  # back to the typed text
    assert dialog.data_input.text_edit.isEnabled() and dialog.data_input.data() == b"x"
    assert dialog.data_input.file_label.text() == "" and not dialog.data_input.type_button.isVisible()


def test_a_template_the_engine_would_fail_to_expand_is_refused_in_create_and_rotate(configs, qtbot):
    """The engine would create it and fail every task that mounts it; here it is refused first."""
    qtbot.mouseClick(configs.create_button, Qt.MouseButton.LeftButton)
    dialog = configs.findChild(CreateDialog, "createSecretDialog")
    dialog.name_edit.setText("vault_site")
    dialog.data_input.text_edit.setPlainText("server_name {{.Service.Name}};\nlisten {{.Node.Port}};")
    dialog.templated.setChecked(True)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error_label.isVisible())
    assert dialog.error_label.text().startswith(
        "The template is not valid, line 2: .Node.Port is not in a config's template data"
    )
    dialog.reject()
    assert configs.select("vault_motd")  # a golang-templated config: its new version is read the same way
    qtbot.mouseClick(configs.rotate_button, Qt.MouseButton.LeftButton)
    rotate = configs.findChild(RotateDialog, "rotateDialog")
    rotate.data_input.text_edit.setPlainText("{{if .Task.Slot}}first")
    qtbot.mouseClick(rotate.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: rotate.error_label.isVisible())
    assert (
        rotate.error_label.text() == "The template is not valid, line 1: “{{if}}” is not closed by “{{end}}”."
    )
    assert rotate.run is None  # nothing was started


def test_rotate_names_the_next_version_and_refuses_empty_content(configs, qtbot):
    assert configs.select("vault_nginx_conf")
    qtbot.mouseClick(configs.rotate_button, Qt.MouseButton.LeftButton)
    dialog = configs.findChild(RotateDialog, "rotateDialog")
    assert dialog.new_name == "vault_nginx_conf-v2"
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error_label.isVisible())
    assert dialog.error_label.text() == "The config is empty." and dialog.run is None


def progress_lines(dialog: RotateDialog) -> list[str]:
    return [dialog.progress_list.item(row).text() for row in range(dialog.progress_list.count())]


def test_rotate_says_what_will_move_and_how_before_it_starts(configs, recorded_context, qtbot):
    """Before Rotate is pressed: the new version's name and every service that uses the config, in the
    run's order, with the update config its rollout follows (swarmkit's defaults when it has none)."""

    def running(name: str, **spec: object) -> Service:  # the recorded ones are scaled to zero
        raw = by_name(name).raw
        return Service.from_api(
            {**raw, "Spec": {**raw["Spec"], "Mode": {"Replicated": {"Replicas": 2}}, **spec}}
        )

    db = running(
        "vault_db", UpdateConfig={"Parallelism": 2, "Order": "start-first", "FailureAction": "rollback"}
    )
    proxy = running("vault_proxy")
    recorded_context.store.apply("services", Diff(changed={db.id: db, proxy.id: proxy}))
    assert configs.select("vault_nginx_conf")
    qtbot.mouseClick(configs.rotate_button, Qt.MouseButton.LeftButton)
    dialog = configs.findChild(RotateDialog, "rotateDialog")
    assert progress_lines(dialog) == [
        "vault_nginx_conf-v2 will be created from this content.",
        "vault_db: waiting. Its update config: 2 at a time, start-first, on failure rollback.",
        "vault_proxy: waiting. Its update config: 1 at a time, stop-first, on failure pause.",
    ]
    assert dialog.run is None  # nothing started
    dialog.reject()
    idle = by_name("vault_proxy")  # scaled to zero again
    recorded_context.store.apply("services", Diff(changed={idle.id: idle}))
    qtbot.mouseClick(configs.rotate_button, Qt.MouseButton.LeftButton)
    dialog = next(d for d in configs.findChildren(RotateDialog, "rotateDialog") if d.isVisible())
    assert progress_lines(dialog)[2] == "vault_proxy: waiting. No task runs: nothing to roll out."


def test_rotate_progress_shows_a_line_per_service_and_the_outcome(configs, qtbot):
    """The steps as the run reports them (through the relay, on the GUI thread): one line per service,
    updated in place, and what the end means for the old version."""
    assert configs.select("vault_nginx_conf")
    qtbot.mouseClick(configs.rotate_button, Qt.MouseButton.LeftButton)
    dialog = configs.findChild(RotateDialog, "rotateDialog")
    why = Phrase(
        "Its rollout ended {outcome}: {message}", {"outcome": term("rolled back"), "message": "task failed"}
    )
    db, proxy = by_name("vault_db").id, by_name("vault_proxy").id
    for progress in (
        Progress("", Step.CREATED, "vault_nginx_conf-v2"),
        Progress(db, Step.UPDATING, "vault_db", Phrase("{line}", {"line": "updating: 0/1"})),
        Progress(db, Step.UPDATED, "vault_db"),
        Progress(proxy, Step.UPDATING, "vault_proxy"),
        Progress(proxy, Step.ROLLED_BACK, "vault_proxy", why),
        Progress("", Step.KEPT, "vault_nginx_conf"),
    ):
        dialog.on_progress(progress)
    lines = progress_lines(dialog)
    assert lines == [
        "vault_nginx_conf-v2 created.",
        "vault_db: uses the new version.",
        "vault_proxy: rolled back to the old version. Its rollout ended rolled back: task failed",
        "vault_nginx_conf kept.",
    ]
    outcome = Outcome(
        "vault_nginx_conf",
        "vault_nginx_conf-v2",
        failure=Phrase("{service}: {reason}", {"service": "vault_proxy", "reason": why}),
    )
    assert dialog.outcome_text(outcome) == (
        "vault_proxy: Its rollout ended rolled back: task failed\nvault_nginx_conf is kept: nothing is lost."
    )


def test_the_delete_key_asks_as_the_button_does(configs, qtbot):
    assert configs.select("vault_motd")
    configs.table.setFocus()
    qtbot.keyClick(configs.table, Qt.Key.Key_Delete)
    assert "Delete vault_motd? This cannot be undone." in answer(qtbot, configs, accept=False)


def test_a_secret_kept_by_a_driver_is_not_rotated_from_a_file(secrets, recorded_context, qtbot):
    """Its value comes from the driver (a plugin): a new version from a file would quietly stop using it."""
    kept = Secret.from_api(
        {"ID": "vault1", "Spec": {"Name": "vault_api_key", "Driver": {"Name": "vault-plugin"}},
         "CreatedAt": "2026-11-29T19:30:00Z", "UpdatedAt": "2026-11-29T19:30:00Z"}
    )  # fmt: skip
    recorded_context.store.apply("secrets", Diff(added={kept.id: kept}))
    assert cell(secrets, "vault_api_key", 2) == "vault-plugin"
    assert secrets.select("vault_api_key")
    qtbot.mouseClick(secrets.rotate_button, Qt.MouseButton.LeftButton)
    dialog = secrets.findChild(RotateDialog, "rotateDialog")
    dialog.data_input.text_edit.setPlainText("new key")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error_label.isVisible())
    assert dialog.error_label.text() == (
        "vault_api_key is kept by the secret driver vault-plugin: its value comes from that driver, not "
        "from a file. Change it in the driver's store."
    )
    assert dialog.run is None
