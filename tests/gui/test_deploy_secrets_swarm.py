"""The deploy form with secrets and configs, on the real engine: the swarm's own secret and templated
config chosen from the form's lists, a new templated config made from a file of this computer, all in
docker's long syntax (target, uid, gid, mode); the service created with their ids, its task reading the
secret with that owner and mode and both configs expanded for it (golang templates). The update form
adds one of the swarm's configs and one made from a file, both sent with their ids; a service the
engine refuses leaves no config made for it."""

from __future__ import annotations

from crane_desktop.views.deploy_dialog import DeployDialog
from tests.gui.test_deploy_dialog import closed, field, open_dialog, set_text
from tests.gui.test_recorded_dialogs import error_box
from tests.swarm import IMAGE, docker, docker_json, unique, wait_until


def container_spec(service: str) -> dict:
    return docker_json(1, "service", "inspect", service)[0]["Spec"]["TaskTemplate"]["ContainerSpec"]


def task_output(service: str) -> set[str]:
    return set(docker(1, "service", "logs", "--raw", service).split("\n"))


def test_form_deploys_secrets_and_templated_configs_in_long_syntax(
    connected_window, qtbot, service_names, tmp_path
):
    window, prefix = connected_window, unique("crane-fsec")
    name, secret, template, plain = prefix, f"{prefix}-pw", f"{prefix}-tmpl", f"{prefix}-plain"
    new, new_file = f"{prefix}-new", tmp_path / "new.tmpl"  # made by the form from this file
    new_file.write_text("new={{.Task.Slot}}\n")
    client = window.session.cluster.client
    client.create_secret(secret, b"hunter2")
    expanded = b"name={{.Service.Name}} slot={{.Task.Slot}}\n"
    client.create_config(template, expanded, templating={"Name": "golang"})
    client.create_config(plain, b"plain\n")
    store = window.context.store
    try:
        listed = lambda kind: {item.name for item in store.get(kind).values()}  # noqa: E731
        qtbot.waitUntil(lambda: listed("configs") >= {template, plain} and secret in listed("secrets"))
        dialog = open_dialog(window, qtbot)
        dialog.tabs.setCurrentWidget(dialog.form_tab)
        tab = dialog.form_tab
        secret_row = tab.secret_pick.findText(secret)
        template_row = tab.config_pick.findText(f"{template} (golang template)")
        assert secret_row > 0 and template_row > 0
        tab.secret_pick.activated.emit(secret_row)
        tab.config_pick.activated.emit(template_row)
        assert tab.form().secrets == [f"source={secret},target={secret}"]
        assert tab.form().configs == [f"source={template},target=/{template}"]
        service_names.append(name)
        set_text(dialog, "name", name)
        set_text(dialog, "image", IMAGE)
        set_text(dialog, "secrets", f"source={secret},target=/run/pw,uid=1000,gid=1001,mode=0400")
        set_text(
            dialog,
            "configs",
            f"source={template},target=/etc/app.conf\n"
            f"source={new},file={new_file},template_driver=golang,target=/etc/new.conf",
        )
        set_text(
            dialog, "args", "sh -c 'cat /etc/app.conf /etc/new.conf; stat -c %a:%u:%g /run/pw; sleep 3600'"
        )
        dialog.deploy_button.click()
        qtbot.waitUntil(lambda: closed(dialog), timeout=20000)

        [ref] = container_spec(name)["Secrets"]
        assert ref["File"] == {"Name": "/run/pw", "UID": "1000", "GID": "1001", "Mode": 0o400}
        assert ref["SecretID"] == next(s["ID"] for s in client.secrets() if s["Spec"]["Name"] == secret)
        [made] = [c for c in client.configs() if c["Spec"]["Name"] == new]
        assert made["Spec"]["Templating"] == {"Name": "golang"}
        wait_until(
            lambda: {f"name={name} slot=1", "new=1", "400:1000:1001"} <= task_output(name),
            20,
            "the task's view of its secret and expanded configs",
        )

        # the engine refuses the service (its name is taken): the config made for it is removed again
        dialog = open_dialog(window, qtbot)
        dialog.tabs.setCurrentWidget(dialog.form_tab)
        set_text(dialog, "name", name)
        set_text(dialog, "image", IMAGE)
        set_text(dialog, "configs", f"source={new}-2,file={new_file},template_driver=golang")
        dialog.deploy_button.click()
        qtbot.waitUntil(lambda: error_box(dialog) is not None, timeout=20000)
        box = error_box(dialog)
        assert (box.windowTitle(), box.text()) == (
            "Cannot deploy",
            "The name is already in use on the swarm: choose another.",
        )
        assert dialog.isVisible()
        assert f"{new}-2" not in {c["Spec"]["Name"] for c in client.configs()}
        dialog.reject()

        # the update form adds one of the swarm's configs by name and makes another from a file
        service_id = docker(1, "service", "inspect", "--format", "{{.ID}}", name).strip()
        qtbot.waitUntil(lambda: service_id in store.get("services"))
        update = DeployDialog(window.context, window, service=store.get("services")[service_id])
        update.open()
        lines = field(update, "configs").toPlainText()
        set_text(update, "configs", f"{lines}\nsource={plain},target=/plain\nsource={new}-3,file={new_file}")
        qtbot.waitUntil(lambda: "Configs" in update.changes_view.toPlainText())
        update.deploy_button.click()
        qtbot.waitUntil(lambda: closed(update), timeout=20000)
        ids = {c["ConfigName"]: c["ConfigID"] for c in container_spec(name)["Configs"]}
        assert ids == {c["Spec"]["Name"]: c["ID"] for c in client.configs() if c["Spec"]["Name"] in ids}
        assert set(ids) == {template, new, plain, f"{new}-3"}
    finally:
        docker(1, "service", "rm", name, check=False)
        wait_until(lambda: not client.services(filters={"name": name}), 20, "the service gone")
        client.remove_secret(secret)
        for config in client.configs():
            if config["Spec"]["Name"].startswith(prefix):
                client.remove_config(config["ID"])
