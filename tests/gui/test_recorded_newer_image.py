"""Newer images on the recorded cluster, without a swarm: the registry's answers as the image updates
keep them, shown in the apps table (a pill per service and per app), the app detail's action and the
service detail's line (or why the registry could not be asked, in words)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

from crane_desktop.engine.image_updates import ImageCheck, RegistryUnauthorized
from crane_desktop.models.apps import IMAGE_UPDATE
from crane_desktop.views.pills import app_image_tone
from tests.gui.apps_helpers import menu_entries
from tests.gui.conftest import by_name
from tests.gui.test_recorded_zh_cn import zh_cn  # noqa: F401  (the fixture)

TAG = "127.0.0.1:5000/crane/busybox:1"
OLD = "sha256:" + "1" * 64
NEW = "sha256:" + "2" * 64


@pytest.fixture
def answered(recorded_context):
    """shop_web has a newer image, shop_worker and shop_agent run their tag's, the registry refused to
    answer for gateway."""
    refused = RegistryUnauthorized(raw="unauthorized: authentication required", registry="127.0.0.1:5000",
                                   reference=TAG)  # fmt: skip
    ids = {
        name: by_name("services", name).id for name in ("shop_web", "shop_worker", "shop_agent", "gateway")
    }
    recorded_context.image_updates.take(
        {
            ids["shop_web"]: ImageCheck(ids["shop_web"], TAG, (OLD,), latest=NEW),
            ids["shop_worker"]: ImageCheck(ids["shop_worker"], TAG, (NEW,), latest=NEW),
            ids["shop_agent"]: ImageCheck(ids["shop_agent"], TAG, (NEW,), latest=NEW),
            ids["gateway"]: ImageCheck(ids["gateway"], TAG, (), problem=refused),
        }
    )
    return ids


def cell(page, *path: str) -> QModelIndex:
    parent = QModelIndex()
    for name in path:
        rows = [page.proxy.index(r, 0, parent) for r in range(page.proxy.rowCount(parent))]
        parent = next(i for i in rows if i.data() == name)
    return parent.siblingAtColumn(IMAGE_UPDATE)


def test_the_apps_table_marks_newer_images_and_says_why_a_registry_was_not_asked(workspace, answered):
    page = workspace.page_widgets["apps"]
    assert page.model.headerData(IMAGE_UPDATE, Qt.Orientation.Horizontal) == "Image updates"
    shown = {
        path: cell(page, *path)
        for path in [("shop",), ("shop", "shop_web"), ("shop", "shop_worker"), ("gateway",)]
    }
    assert {path: index.data() for path, index in shown.items()} == {
        ("shop",): "1 newer image(s)",
        ("shop", "shop_web"): "newer image",
        ("shop", "shop_worker"): "up to date",
        ("gateway",): "not checked",
    }
    assert {path: app_image_tone(index) for path, index in shown.items()} == {
        ("shop",): "warning",
        ("shop", "shop_web"): "warning",
        ("shop", "shop_worker"): None,  # plain text: nothing to act on
        ("gateway",): "muted",
    }
    assert shown[("shop", "shop_web")].data(Qt.ItemDataRole.ToolTipRole) == (
        f"{TAG} is now 222222222222 in the registry; the service runs 111111111111."
    )
    assert shown[("shop",)].data(Qt.ItemDataRole.ToolTipRole).startswith("shop_web: ")
    assert shown[("gateway",)].data(Qt.ItemDataRole.ToolTipRole) == (
        f"The registry 127.0.0.1:5000 refused to say which image {TAG} is: not authorized. "
        "Add the registry's user and password (or token) under Cluster › Registries…, or log in with docker "
        "login, then check again."
    )


def test_the_service_detail_offers_pull_and_redeploy_or_says_why_it_cannot_tell(workspace, answered):
    web = workspace.open_service(answered["shop_web"])
    assert web.newer_row.isVisible() and web.redeploy_button.isVisible() and web.redeploy_button.isEnabled()
    assert web.newer.text() == (
        f"Newer image available: {TAG} is now 222222222222 in the registry; the service runs 111111111111."
    )
    gateway = workspace.open_service(answered["gateway"])
    assert gateway.newer_row.isVisible() and not gateway.redeploy_button.isVisible()
    assert gateway.newer.text().startswith(
        f"Cannot check for a newer image: The registry 127.0.0.1:5000 refused to say which image {TAG} is"
    )
    assert gateway.newer.toolTip() == "unauthorized: authentication required"  # the engine's own words
    worker = workspace.open_service(answered["shop_worker"])
    assert not worker.newer_row.isVisible()


def test_the_app_detail_redeploys_only_what_has_a_newer_image(workspace, answered, recorded_context):
    detail = workspace.open_app("shop")
    assert detail.redeploy_action.isEnabled()
    assert detail.redeploy_action.toolTip() == "Newer images in the registry: shop_web"
    web = answered["shop_web"]
    recorded_context.image_updates.take({web: ImageCheck(web, TAG, (NEW,), latest=NEW)})
    assert not detail.redeploy_action.isEnabled()
    assert detail.services_view.model().index(0, IMAGE_UPDATE).data() == "up to date"


# the offscreen platform cannot raise a popup menu or let it grab the keyboard; the menu works anyway
@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing")
def test_the_apps_menu_offers_pull_and_redeploy_where_a_newer_image_is(workspace, answered, qtbot):
    page = workspace.page_widgets["apps"]

    def menu_at(*path: str) -> list[str]:
        return menu_entries(qtbot, page, cell(page, *path).siblingAtColumn(0))

    assert "Pull and redeploy…" in menu_at("shop")
    assert "Pull and redeploy…" in menu_at("shop", "shop_web")
    assert "Pull and redeploy…" not in menu_at("shop", "shop_worker")
    assert "Pull and redeploy…" not in menu_at("gateway")


def test_the_words_read_in_chinese(zh_cn, workspace, answered):  # noqa: F811
    page = workspace.page_widgets["apps"]
    assert [
        cell(page, "shop").data(),
        cell(page, "shop", "shop_worker").data(),
        cell(page, "gateway").data(),
    ] == [
        "1 个新镜像",
        "已是最新",
        "未检查",
    ]
    gateway = workspace.open_service(answered["gateway"])
    assert gateway.newer.text() == (
        f"无法检查新镜像：镜像仓库 127.0.0.1:5000 拒绝告知 {TAG} 对应的镜像：未授权。"
        "请在“集群 › 镜像仓库…”中添加该镜像仓库的用户名和密码（或令牌），"
        "或用 docker login 登录，然后重新检查。"
    )
