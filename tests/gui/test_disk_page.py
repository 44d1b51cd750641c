"""The Disk usage page and the cleanup dialog against the real swarm: every node's row says what its
own `docker system df` says, with the cluster's total last; the dry run of one node lists an unused
image of ours with its reason and removes nothing."""

from __future__ import annotations

import json

from PySide6.QtCore import QItemSelectionModel

from crane_desktop.models.disk import TOTAL_KEY
from crane_desktop.models.table import Role
from crane_desktop.views.cleanup_dialog import CleanupDialog
from tests.integration.test_disk_usage import own_image
from tests.swarm import IMAGE, docker, unique


def images_on(node: int) -> int:
    rows = [json.loads(line) for line in docker(node, "system", "df", "--format", "{{json .}}").splitlines()]
    return int(next(row for row in rows if row["Type"] == "Images")["TotalCount"])


def test_disk_page_shows_each_node_and_the_dry_run_lists_an_unused_image(connected_window, qtbot):
    window = connected_window
    tag = f"127.0.0.1:5000/{unique('crane-diskpage')}:x"
    image_id = own_image(3, tag)
    try:
        window.show_page("disk")
        page = window.page_widgets["disk"]
        qtbot.waitUntil(lambda: page.model.rowCount() == 5, timeout=20000)
        rows = {u.hostname: u for u in page.model.usages()}
        assert sorted(rows) == ["node-1", "node-2", "node-3", "node-4"]
        assert rows["node-3"].images == images_on(3)
        last = page.proxy.index(page.proxy.rowCount() - 1, 0)
        assert last.data(Role.KEY) == TOTAL_KEY and last.data() == "Cluster total"

        node_3 = page.model.row_of(next(u.id for u in page.model.usages() if u.hostname == "node-3"))
        selection = page.table.selectionModel()
        selection.select(
            page.proxy.mapFromSource(page.model.index(node_3, 0)),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        page.cleanup_button.click()
        dialog = page.findChild(CleanupDialog, "cleanupDialog")
        assert [n.hostname for n in dialog.nodes] == ["node-3"]
        dialog.dry_run_button.click()
        qtbot.waitUntil(lambda: dialog.clean_button.isEnabled(), timeout=20000)
        assert dialog.tree.topLevelItemCount() == 1
        node_item = dialog.tree.topLevelItem(0)
        listed = {
            node_item.child(i).text(1): node_item.child(i).text(3) for i in range(node_item.childCount())
        }
        assert listed[tag] == "image no container uses"
        assert "Nothing was removed yet" in dialog.summary.text()
        assert image_id in docker(3, "image", "ls", "-q", "--no-trunc", tag)
        assert docker(3, "image", "ls", "-q", IMAGE)  # the test image stays: a dry run removes nothing
        dialog.reject()
    finally:
        docker(3, "image", "rm", "--force", tag, check=False)
