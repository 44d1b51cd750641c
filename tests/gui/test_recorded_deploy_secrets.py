"""The deploy form's secrets and configs on the recorded cluster: the swarm's own offered (a templated
config marked), a chosen one added as a long-syntax line, a bad line refused under its field before
the engine is asked, and the update form filled with a service's references."""

from __future__ import annotations

from crane_desktop.views.deploy_dialog import DeployDialog
from tests.conftest import run_async
from tests.gui.conftest import feed_secret_users
from tests.gui.test_deploy_dialog import set_text
from tests.gui.test_recorded_dialogs import IMAGE, error_box


def offered(pick) -> list[tuple[str, str]]:
    return [(pick.itemText(row), pick.itemData(row)) for row in range(1, pick.count())]


def test_the_swarms_secrets_and_configs_are_offered_and_added_as_lines(qtbot, recorded_context, parent):
    deploy = DeployDialog(recorded_context, parent)
    deploy.open()
    tab = deploy.form_tab
    assert offered(tab.secret_pick) == [
        ("vault_db_password", "source=vault_db_password,target=vault_db_password"),
        ("vault_unused_token", "source=vault_unused_token,target=vault_unused_token"),
    ]
    assert offered(tab.config_pick) == [
        ("vault_motd (golang template)", "source=vault_motd,target=/vault_motd"),
        ("vault_nginx_conf", "source=vault_nginx_conf,target=/vault_nginx_conf"),
    ]
    tab.secret_pick.activated.emit(1)
    tab.config_pick.activated.emit(1)
    assert tab.form().secrets == ["source=vault_db_password,target=vault_db_password"]
    assert tab.form().configs == ["source=vault_motd,target=/vault_motd"]
    assert tab.secret_pick.currentIndex() == 0


def test_a_bad_line_is_refused_under_its_field_before_anything_is_sent(qtbot, recorded_context, parent):
    deploy = DeployDialog(recorded_context, parent)
    deploy.open()
    deploy.tabs.setCurrentWidget(deploy.form_tab)
    set_text(deploy, "name", "api")
    set_text(deploy, "image", IMAGE)
    set_text(deploy, "secrets", "source=vault_db_password,target=/run/db,mode=0800")
    set_text(deploy, "configs", "vault_gone")
    run_async(qtbot, deploy.deploy())
    errors = deploy.form_tab.errors
    assert errors["secrets"].text() == (
        "Line 1 (“source=vault_db_password,target=/run/db,mode=0800”): "
        "the mode is octal, such as 0400 or 0444."
    )
    assert errors["configs"].text() == "Line 1 (“vault_gone”): the swarm has no config of that name."
    assert deploy.status.text() == "Correct the fields marked in red." and error_box(deploy) is None
    set_text(deploy, "secrets", "source=vault_db_password,target=/run/db,uid=999,mode=0400")
    set_text(deploy, "configs", "source=vault_motd,target=/etc/motd")
    deploy.form_tab.show_compose()
    assert not errors["secrets"].isVisibleTo(deploy) and not errors["configs"].isVisibleTo(deploy)
    preview = deploy.form_tab.preview.toPlainText()
    assert "- source: vault_db_password\n      target: /run/db\n      uid: '999'" in preview
    assert "configs:\n  vault_motd:\n    external: true" in preview


def test_the_update_form_shows_the_services_references(qtbot, recorded_context, parent):
    feed_secret_users(recorded_context.store)
    service = next(s for s in recorded_context.store.get("services").values() if s.name == "vault_db")
    dialog = DeployDialog(recorded_context, parent, service=service)
    dialog.open()
    form = dialog.form_tab.form()
    assert form.secrets == ["source=vault_db_password,target=db_password,uid=999,gid=999,mode=0400"]
    assert form.configs == ["source=vault_nginx_conf,target=/etc/nginx/nginx.conf"]
    assert dialog.changes_view.toPlainText() == "No changes."
