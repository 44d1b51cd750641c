"""The deploy form with the swarm's own secret and templated config, on the real engine: chosen from the
form's lists, written in docker's long syntax (target, uid, gid, mode), the service created with their
ids; its task reads the secret with that owner and mode and the config expanded for it (golang
template). An update that adds a config by name sends its id too."""

from __future__ import annotations

from crane_desktop.engine import stacks
from tests.gui.test_deploy_dialog import closed, open_dialog, set_text
from tests.swarm import IMAGE, docker, docker_json, unique, wait_until


def container_spec(service: str) -> dict:
    return docker_json(1, "service", "inspect", service)[0]["Spec"]["TaskTemplate"]["ContainerSpec"]


def test_form_deploys_a_secret_and_a_templated_config_in_long_syntax(connected_window, qtbot, service_names):
    window, prefix = connected_window, unique("crane-fsec")
    name, secret, template, plain = prefix, f"{prefix}-pw", f"{prefix}-tmpl", f"{prefix}-plain"
    client = window.session.cluster.client
    client.create_secret(secret, b"hunter2")
    client.create_config(
        template, b"name={{.Service.Name}} slot={{.Task.Slot}}\n", templating={"Name": "golang"}
    )
    client.create_config(plain, b"plain\n")
    store = window.context.store
    try:
        qtbot.waitUntil(
            lambda: {c.name for c in store.get("configs").values()} >= {template, plain}, timeout=10000
        )
        qtbot.waitUntil(lambda: secret in {s.name for s in store.get("secrets").values()}, timeout=10000)
        dialog = open_dialog(window, qtbot)
        dialog.tabs.setCurrentWidget(dialog.form_tab)
        tab = dialog.form_tab
        secret_row = tab.secret_pick.findText(secret)
        template_row = tab.config_pick.findText(f"{template} (golang template)")
        assert secret_row > 0 and template_row > 0
        tab.secret_pick.activated.emit(secret_row)
        tab.config_pick.activated.emit(template_row)
        assert tab.form().secrets == [f"source={secret},target={secret}"]
        service_names.append(name)
        set_text(dialog, "name", name)
        set_text(dialog, "image", IMAGE)
        set_text(dialog, "secrets", f"source={secret},target=/run/pw,uid=1000,gid=1001,mode=0400")
        set_text(dialog, "configs", f"source={template},target=/etc/app.conf")
        set_text(dialog, "args", "sh -c 'cat /etc/app.conf; stat -c %a:%u:%g /run/pw; exec sleep 3600'")
        dialog.deploy_button.click()
        qtbot.waitUntil(lambda: closed(dialog), timeout=20000)

        [ref] = container_spec(name)["Secrets"]
        assert ref["File"] == {"Name": "/run/pw", "UID": "1000", "GID": "1001", "Mode": 0o400}
        assert ref["SecretID"] == next(s["ID"] for s in client.secrets() if s["Spec"]["Name"] == secret)
        wait_until(
            lambda: (
                {f"name={name} slot=1", "400:1000:1001"}
                <= set(docker(1, "service", "logs", "--raw", name).split("\n"))
            ),
            20,
            "the task's view of its secret and expanded config",
        )

        def add_plain(spec: dict) -> None:
            spec["TaskTemplate"]["ContainerSpec"]["Configs"].append(
                {"ConfigName": plain, "File": {"Name": "/plain", "UID": "0", "GID": "0", "Mode": 0o444}}
            )

        service_id = docker(1, "service", "inspect", "--format", "{{.ID}}", name).strip()
        stacks.update_with_references(client, service_id, add_plain)
        configs = docker_json(1, "service", "inspect", name)[0]["Spec"]["TaskTemplate"]["ContainerSpec"][
            "Configs"
        ]
        assert {c["ConfigName"]: bool(c["ConfigID"]) for c in configs} == {template: True, plain: True}
    finally:
        docker(1, "service", "rm", name, check=False)
        wait_until(lambda: not client.services(filters={"name": name}), 20, "the service gone")
        client.remove_secret(secret)
        for config in (template, plain):
            client.remove_config(config)
