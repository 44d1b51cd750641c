"""Helpers for the app-management GUI tests: stacks made out of band with the docker CLI, and
looking rows up in the apps tree as a user sees them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QMenu

from tests.swarm import IMAGE, docker


def write_stack(path: Path, services: dict[str, str]) -> Path:
    """A compose file with services {name: extra yaml under deploy or ''} running sleep."""
    lines = ["version: '3.8'", "services:"]
    for name, deploy in services.items():
        lines += [f"  {name}:", f"    image: {IMAGE}", "    command: sleep 3600"]
        if deploy:
            lines += ["    deploy:", *[f"      {line}" for line in deploy.splitlines()]]
    path.write_text("\n".join(lines) + "\n")
    return path


def cli_deploy(path: Path, name: str) -> None:
    docker(1, "stack", "deploy", "--resolve-image", "never", "-c", str(path), name)


def app_row(page, name: str) -> QModelIndex:
    model = page.model
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if index.data() == name:
            return index
    return QModelIndex()


def app_texts(page, name: str) -> list[str]:
    index = app_row(page, name)
    model = page.model
    return [model.index(index.row(), c).data() for c in range(model.columnCount())] if index.isValid() else []


def child_names(page, name: str) -> list[str]:
    index = app_row(page, name)
    return [page.model.index(r, 0, index).data() for r in range(page.model.rowCount(index))]


def menu_entries(qtbot, page, index: QModelIndex) -> list[str]:
    """The texts of the Apps page's context menu on the tree row `index` (a proxy index), closed after.
    (The offscreen platform cannot raise a popup menu or let it grab the keyboard: mark the test with
    qt_log_ignore for those two warnings.)"""
    page.tree.customContextMenuRequested.emit(page.tree.visualRect(index).center())
    menu = next(m for m in page.findChildren(QMenu) if m.isVisible())
    entries = [a.text() for a in menu.actions()]
    menu.close()
    menu.deleteLater()
    qtbot.waitUntil(lambda: not menu.isVisible())
    return entries
