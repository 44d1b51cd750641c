"""The workspace on the recorded cluster, without a swarm: pages fill from the store, details open as
tabs through the navigator with their breadcrumb, and closing a tab closes it."""

from __future__ import annotations

from tests.gui.conftest import by_name


def test_pages_show_the_recorded_cluster(workspace):
    nodes = workspace.page_widgets["nodes"]
    assert nodes.count_label.text() == "4 node(s)"
    apps = workspace.page_widgets["apps"]
    assert apps.count_label.text() == "2 app(s)"
    assert workspace.models["networks"].loaded


def test_details_open_as_tabs_with_their_breadcrumb(workspace):
    web = by_name("services", "shop_web")
    detail = workspace.open_service(web.id)
    assert workspace.tabs.count() == 2 and workspace.tabs.currentWidget() is detail
    assert workspace.breadcrumb.text() == "Apps › shop › shop_web"
    assert workspace.open_service(web.id) is detail and workspace.tabs.count() == 2
    node = by_name("nodes", "node-3")
    workspace.open_node(node.id)
    assert workspace.breadcrumb.text() == "Nodes › node-3"
    workspace.close_detail(workspace.tabs.indexOf(detail))
    assert workspace.tabs.count() == 2
    workspace.close_all_details()
    assert workspace.tabs.count() == 1 and not workspace.breadcrumb.isVisible()


def test_every_page_fits_a_small_window(workspace):
    """The stack is as wide as its widest page: one page's row of filters must not make the window
    refuse 900 pixels (a laptop beside a terminal; `--screenshot --size 900x500`)."""
    assert workspace.minimumSizeHint().width() <= 880
