"""The Swarm page on recorded snapshots (no session): what /swarm says is shown, the safe settings are
checked before anything is sent (refusals under their fields, no question asked), a locked manager is
shown as locked, and unlocking asks for the key and for which manager first.

The recorded /swarm (tests/fixtures/engine/cluster/swarm.json) comes from a swarm whose root CA is not
the recorded nodes' one: the page shows what it shows right after a CA rotation started."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox

from crane_desktop.engine.diff import Diff
from crane_desktop.engine.formatting import full_time
from crane_desktop.engine.health import pem_expiry
from crane_desktop.engine.node_certs import UNREACHABLE, NodeCertificate
from crane_desktop.engine.swarm_settings import SwarmSettings
from crane_desktop.models.nodes import WARN
from crane_desktop.models.swarm_nodes import EXPIRY_COLUMN, ROOT_COLUMN, STATE_COLUMN
from crane_desktop.views.swarm_page import SwarmPage
from tests.gui.conftest import RECORDED, by_name
from tests.gui.test_recorded_zh_cn import zh_cn  # noqa: F401  (the fixture)

RECORDED_SWARM = json.loads((RECORDED / "swarm.json").read_text())


@pytest.fixture
def page(workspace, qtbot) -> SwarmPage:
    workspace.show_page("swarm")
    page = workspace.page_widgets["swarm"]
    assert isinstance(page, SwarmPage)
    qtbot.waitUntil(page.read_error.isVisible, timeout=5000)  # no session: reading /swarm failed
    page.show_settings(SwarmSettings.from_api(RECORDED_SWARM))
    return page


def cell(page: SwarmPage, hostname: str, column: int) -> str:
    model = page.model
    row = next(r for r in range(model.rowCount()) if model.object_at(r).node.hostname == hostname)
    return model.data(model.index(row, column))


def test_the_swarm_and_its_settings_are_shown(page):
    assert "Not connected" in page.read_error.text()
    assert page.id_label.text() == RECORDED_SWARM["ID"]
    assert page.created_label.text() == full_time(SwarmSettings.from_api(RECORDED_SWARM).created)
    assert page.pool_label.text() == "10.0.0.0/8 (the engine's default; subnets of /24)"
    assert page.port_label.text() == "4789"
    assert {key: edit.text() for key, edit in page.fields.items()} == {
        "task_history_limit": "5",
        "heartbeat_period": "5s",
        "snapshot_interval": "10000",
        "node_cert_expiry": "2160h0m0s",
    }
    assert page.autolock.state_label.text() == "off"
    assert page.autolock.toggle_button.text() == "Turn autolock on…"
    assert not page.autolock.key_field.isEnabled() and not page.autolock.rotate_key_button.isEnabled()
    root = RECORDED_SWARM["TLSInfo"]["TrustRoot"].encode()
    expiry = pem_expiry(root)
    days = (expiry - datetime.now(UTC)).days
    assert page.root_expiry_label.text() == f"{full_time(expiry)} (in {days} day(s))"
    assert days > 30 and page.root_expiry_label.styleSheet() == ""  # far off: no warning colour
    assert (
        page.node_validity_label.text()
        == "valid 2160h0m0s from issue, renewed automatically before they expire"
    )
    # the recorded nodes hold another root: a rotation under way, none done yet
    assert page.rotation_label.text() == "CA rotation under way: 0 of 4 nodes trust the new root."
    assert cell(page, "node-2", ROOT_COLUMN) == "waiting for the new root"
    assert cell(page, "node-1", STATE_COLUMN) == "ready"


def certificates(now: datetime) -> dict[str, NodeCertificate]:
    """node-1 read on its swarm port (due for renewal in 40 days), node-2's renewal late, node-3's
    port silent, node-4 (a worker) up."""
    node_1, node_2, node_3, node_4 = (by_name("nodes", f"node-{n}") for n in (1, 2, 3, 4))
    fifth = timedelta(days=18)
    return {
        node_1.id: NodeCertificate(
            node_1.id,
            "node-1",
            now + timedelta(days=58, hours=1),
            True,
            now + timedelta(days=40),
            address="a:2377",
        ),
        node_2.id: NodeCertificate(
            node_2.id, "node-2", now + timedelta(days=5, hours=1), True, now - fifth, address="b:2377"
        ),
        node_3.id: NodeCertificate(
            node_3.id, "node-3", error=UNREACHABLE, address="10.0.0.3:2377", detail="timed out"
        ),
        node_4.id: NodeCertificate(node_4.id, "node-4"),
    }


def test_each_nodes_certificate_expiry_is_shown_and_a_late_one_warned(page, workspace, qtbot):
    now = datetime.now(UTC)
    certs = certificates(now)
    page.show_certificates(certs)
    node_1 = by_name("nodes", "node-1").id
    assert cell(page, "node-1", EXPIRY_COLUMN) == f"{full_time(certs[node_1].expiry)} (in 58 day(s))"
    node_2 = by_name("nodes", "node-2").id
    assert cell(page, "node-2", EXPIRY_COLUMN) == (
        f"{full_time(certs[node_2].expiry)} (in 5 day(s)): not renewed in time"
    )
    assert cell(page, "node-3", EXPIRY_COLUMN) == "unknown: its swarm port 10.0.0.3:2377 does not answer here"
    assert cell(page, "node-4", EXPIRY_COLUMN) == "renewed by the swarm while the node is up"
    expired = dict(certs)
    expired[node_2] = replace(certs[node_2], expiry=now - timedelta(hours=1))
    page.show_certificates(expired)
    assert cell(page, "node-2", EXPIRY_COLUMN) == f"{full_time(now - timedelta(hours=1))} (expired)"
    page.show_certificates(certs)
    colors = {host: color(page, host) for host in ("node-1", "node-2", "node-3", "node-4")}
    assert colors == {"node-1": None, "node-2": WARN, "node-3": None, "node-4": None}
    # the alerts have them: node-2's late renewal is an alert
    alerts = workspace.context.alerts
    qtbot.waitUntil(lambda: not alerts.evaluating)  # found on the runner's pool
    assert [row.alert.object_name for row in alerts.model.objects()] == ["node-2"]
    assert "not renewed" in str(alerts.model.objects()[0].alert.message)


def test_a_node_down_shows_when_its_certificate_may_expire(page, workspace):
    node_4 = replace(by_name("nodes", "node-4"), state="down", updated_at=datetime(2026, 11, 1, tzinfo=UTC))
    workspace.context.store.apply("nodes", Diff(changed={node_4.id: node_4}))
    since = node_4.updated_at
    cert = NodeCertificate(node_4.id, "node-4", since + timedelta(days=18), warn_from=since, down_since=since)
    page.show_certificates({node_4.id: cert})
    assert cell(page, "node-4", EXPIRY_COLUMN) == (
        f"may expire from {full_time(cert.expiry)}: down since {full_time(since)}, it cannot renew"
    )
    assert color(page, "node-4") == WARN


def color(page: SwarmPage, hostname: str):
    model = page.model
    row = next(r for r in range(model.rowCount()) if model.object_at(r).node.hostname == hostname)
    return model.data(model.index(row, EXPIRY_COLUMN), Qt.ItemDataRole.ForegroundRole)


def test_settings_are_refused_under_their_fields_before_anything_is_sent(page, qtbot):
    typed = {
        "task_history_limit": "-1",
        "heartbeat_period": "500ms",
        "snapshot_interval": "0",
        "node_cert_expiry": "30m",
    }
    for key, text in typed.items():
        page.fields[key].setText(text)
    qtbot.mouseClick(page.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.field_errors["node_cert_expiry"].isVisible(), timeout=5000)
    assert {key: label.text() for key, label in page.field_errors.items()} == {
        "task_history_limit": "Give a whole number, 0 or more.",
        "heartbeat_period": "Give a duration of at least 1s (e.g. 5s).",
        "snapshot_interval": "Give a whole number, 1 or more.",
        "node_cert_expiry": "Give a duration of at least 1h (e.g. 2160h for 90 days).",
    }
    assert not [box for box in page.findChildren(QMessageBox) if box.isVisible()]  # nothing asked
    assert page.settings_message.text() == ""  # nothing sent (it would have failed: not connected)
    assert {key: edit.text() for key, edit in page.fields.items()} == typed  # nothing typed is lost

    page.fields["heartbeat_period"].setText("ten seconds")
    page.fields["task_history_limit"].setText("5")
    qtbot.mouseClick(page.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.field_errors["task_history_limit"].isVisible(), timeout=5000)
    assert page.field_errors["heartbeat_period"].text() == "Give a duration of at least 1s (e.g. 5s)."


def test_unchanged_settings_send_nothing(page, qtbot):
    page.fields["heartbeat_period"].setText("5000ms")  # the same duration, written otherwise
    qtbot.mouseClick(page.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.settings_message.text() == "Nothing to change.", timeout=5000)


def test_a_locked_manager_is_shown_and_unlocking_asks_for_the_key(page, workspace, qtbot):
    qtbot.mouseClick(page.autolock.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(page.autolock.error.isVisible, timeout=5000)
    assert page.autolock.error.text() == "Select the locked manager to unlock in the table below."

    page.states = {by_name("nodes", "node-2").id: "locked"}
    page.show_settings(SwarmSettings.from_api(RECORDED_SWARM))
    assert cell(page, "node-2", STATE_COLUMN) == "locked"
    page.show_certificates({})  # what the background reading hands on: the alerts know it is locked
    assert workspace.context.alerts.locked == {by_name("nodes", "node-2").id}
    assert (
        page.autolock.locked_label.text()
        == "Locked: node-2. Give the unlock key and select the manager to unlock."
    )
    assert not page.autolock.locked_label.isHidden()
    assert page.autolock.unlock_edit.echoMode() == QLineEdit.EchoMode.Password
    qtbot.mouseClick(
        page.autolock.unlock_button, Qt.MouseButton.LeftButton
    )  # the only locked one: no selection needed
    qtbot.waitUntil(lambda: page.autolock.error.text() == "Give the unlock key.", timeout=5000)


def test_another_cluster_leaves_nothing_of_this_one(page, workspace):
    workspace.context.store.clear()
    assert page.id_label.text() == "…" and page.fields["heartbeat_period"].text() == ""
    assert page.model.rowCount() == 0 and page.settings is None
    assert page.autolock.toggle_button.isHidden()  # on or off is not known: no blank button


def test_the_autolock_button_waits_for_the_swarm_to_be_read(workspace, qtbot):
    workspace.show_page("swarm")
    page = workspace.page_widgets["swarm"]
    qtbot.waitUntil(page.read_error.isVisible, timeout=5000)  # no session: nothing read
    assert page.autolock.toggle_button.isHidden()
    page.show_settings(SwarmSettings.from_api(RECORDED_SWARM))
    assert not page.autolock.toggle_button.isHidden()


@pytest.mark.usefixtures("zh_cn")  # installed before the page is built
def test_in_zh_cn_the_page_uses_the_glossary_words(page, workspace, qtbot):
    titles = [workspace.sidebar.item(row).text() for row in range(workspace.sidebar.count())]
    assert "集群设置" in titles[-1]
    assert (
        page.autolock.state_label.text() == "关闭" and page.autolock.toggle_button.text() == "开启自动锁定…"
    )
    assert page.rotation_label.text() == "CA 轮换进行中：4 个节点中已有 0 个信任新根 CA。"
    page.fields["node_cert_expiry"].setText("30m")
    qtbot.mouseClick(page.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.field_errors["node_cert_expiry"].isVisible(), timeout=5000)
    assert page.field_errors["node_cert_expiry"].text() == "请输入至少 1h 的时长（例如 2160h 即 90 天）。"
    page.show_certificates(certificates(datetime.now(UTC)))
    assert page.model.headerData(EXPIRY_COLUMN, Qt.Orientation.Horizontal) == "证书到期"
    assert cell(page, "node-4", EXPIRY_COLUMN) == "节点在线时由集群自动续期"
    assert cell(page, "node-2", EXPIRY_COLUMN).endswith("（5 天后）：未按时续期")
