"""Export as compose file on the recorded cluster, without a swarm: the action in the app detail's
Actions menu (the Apps page's context menu: test_recorded_apps_page.py), the engine's refusal said in
words (no session here), and the export of the recorded app `shop` (built from the recorded raw specs,
as the engine read would give them) saved where the operator says in the save dialog. (The export
against the engine, and its round trip through `docker stack deploy`:
tests/integration/test_compose_export.py.)"""

from __future__ import annotations

import yaml
from PySide6.QtWidgets import QFileDialog

from crane_desktop.engine import compose_export
from crane_desktop.views.app_actions import offer_export
from tests.conftest import run_async
from tests.gui.conftest import recorded
from tests.gui.test_node_helpers import visible_box
from tests.gui.test_recorded_app_detail import NOT_CONNECTED, open_shop

SHOP = {
    "version": "3.7",
    "services": {
        "agent": {
            "image": "127.0.0.1:5000/crane/busybox:1",
            "command": ["sleep", "3600"],
            "init": False,
            "deploy": {
                "mode": "global",
                "endpoint_mode": "vip",
                "resources": {"limits": {}, "reservations": {}},
            },
        },
        "web": {
            "image": "127.0.0.1:5000/crane/busybox:1",
            "command": ["sleep", "3600"],
            "environment": ["DB_PASSWORD=secret", "MODE=prod"],
            "init": False,
            "networks": {"shop_backend": None},
            "deploy": {
                "replicas": 2,
                "endpoint_mode": "vip",
                "resources": {"limits": {"cpus": "0.5"}, "reservations": {"memory": "16M"}},
            },
        },
        "worker": {
            "image": "127.0.0.1:5000/crane/busybox:1",
            "command": ["sh", "-c", "echo starting; exit 3"],
            "init": False,
            "deploy": {
                "replicas": 1,
                "endpoint_mode": "vip",
                "resources": {"limits": {}, "reservations": {}},
                "restart_policy": {"condition": "any", "delay": "1s", "max_attempts": 0},
            },
        },
    },
    "networks": {"shop_backend": {"external": True, "name": "shop_backend"}},
}


def shop_objects() -> compose_export.AppObjects:
    services = [s.raw for s in recorded("services").values() if s.stack == "shop"]
    networks = [n.raw for n in recorded("networks").values()]
    return compose_export.AppObjects("shop", services, networks, [], [])


def test_export_is_in_the_actions_menu_and_says_why_it_cannot_read_the_app(workspace, qtbot):
    detail = open_shop(workspace)
    assert detail.export_action in detail.actions_menu.actions()
    assert detail.export_action.text() == "Export as compose file…" and detail.export_action.isEnabled()
    run_async(qtbot, detail.export())
    box = visible_box(detail, "errorDialog")
    assert box is not None and box.windowTitle() == "Cannot export the app" and box.text() == NOT_CONNECTED
    assert detail.export_action.isEnabled()


def test_the_export_of_shop_is_saved_where_the_operator_says(workspace, recorded_context, qtbot, tmp_path):
    detail = open_shop(workspace)
    said: list[str] = []
    recorded_context.message.connect(lambda text, _ms: said.append(text))
    result = compose_export.export(shop_objects(), config_files=True)

    dialog = offer_export(detail, recorded_context, "shop", result)

    assert isinstance(dialog, QFileDialog) and dialog.isVisible()
    assert dialog.windowTitle() == "Export shop as a compose file"
    assert dialog.selectedFiles()[0].endswith("shop.yml")
    path = tmp_path / "exported.yml"
    dialog.selectFile(str(path))
    dialog.accept()
    qtbot.waitUntil(lambda: path.exists())
    text = path.read_text()
    assert yaml.safe_load(text) == SHOP
    header = text.split("\nversion:")[0].splitlines()
    assert header[0] == "# Exported by Crane Desktop from the running app shop: deploy it with"
    assert (
        "# Cannot round-trip: shop_agent: on no network (compose puts it on the app's default network)"
        in header
    )
    assert (
        "# Cannot round-trip: shop_web: its name is an alias on shop_backend (compose always adds it)"
        in header
    )
    assert said == [f"Saved {path}."]
