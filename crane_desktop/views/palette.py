"""The command palette (Ctrl+K): jump to any node, app, service, task, container or network by name
or id prefix, and run actions, from the keyboard."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSortFilterProxyModel, QStringListModel, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QLineEdit, QListView, QVBoxLayout, QWidget

from crane_desktop.models.store import ClusterStore
from crane_desktop.views.nodes_page import NodesPage
from crane_desktop.views.pages import PAGES

if TYPE_CHECKING:
    from crane_desktop.views.workspace import Workspace

translate = QCoreApplication.translate


@dataclass(frozen=True)
class Entry:
    """One line of the palette: what it shows, the words it is found by, what it does."""

    text: str
    keys: str
    run: Callable[[], object]


EntrySource = Callable[[ClusterStore, "Workspace"], Iterable[Entry]]


def navigation_entries(store: ClusterStore, workspace: Workspace) -> Iterable[Entry]:
    """Pages, and every object the store knows of, each opening its detail."""
    for key, title, _factory in PAGES:
        yield Entry(
            translate("Palette", "Go to %1").replace("%1", title()),
            f"page {key} {title()}",
            partial(workspace.show_page, key),
        )
    for node in store.get("nodes").values():
        yield Entry(
            translate("Palette", "Node %1").replace("%1", node.hostname),
            f"node {node.hostname} {node.id} {node.address}",
            partial(workspace.open_node, node.id),
        )
    services = store.get("services")
    for service in services.values():
        yield Entry(
            translate("Palette", "Service %1").replace("%1", service.name),
            f"service {service.name} {service.id} {service.stack}",
            partial(workspace.open_service, service.id),
        )
    for stack in sorted({s.stack for s in services.values() if s.stack}):
        yield Entry(
            translate("Palette", "App %1").replace("%1", stack),
            f"app stack {stack}",
            partial(workspace.open_app, stack),
        )
    for task in store.get("tasks").values():
        service = services.get(task.service_id)
        if service is None or task.desired_state != "running":
            continue
        name = f"{service.name}.{task.slot or task.node_id[:12]}"
        yield Entry(
            translate("Palette", "Task %1").replace("%1", name),
            f"task {name} {task.id}",
            partial(workspace.open_service, service.id),
        )
        if task.container_id:
            yield Entry(
                translate("Palette", "Container %1").replace("%1", name),
                f"container {name} {task.container_id}",
                partial(workspace.open_container, task.node_id, task.container_id, name),
            )
    for network in store.get("networks").values():
        yield Entry(
            translate("Palette", "Network %1").replace("%1", network.name),
            f"network {network.name} {network.id}",
            partial(workspace.open_network, network.id),
        )


def action_entries(store: ClusterStore, workspace: Workspace) -> Iterable[Entry]:
    """Actions, run through the same widgets as with the mouse (so they ask first where they should)."""
    verbs = (
        ("drain", translate("Palette", "Drain node %1")),
        ("pause", translate("Palette", "Pause node %1")),
        ("active", translate("Palette", "Activate node %1")),
    )
    for node in store.get("nodes").values():
        for availability, text in verbs:
            yield Entry(
                text.replace("%1", node.hostname),
                f"{availability} node {node.hostname} {node.id}",
                partial(_node_action, workspace, node.id, availability),
            )
    for service in store.get("services").values():
        if service.mode == "replicated":
            yield Entry(
                translate("Palette", "Scale service %1").replace("%1", service.name),
                f"scale service {service.name} {service.id}",
                partial(_scale, workspace, service.id),
            )
    services = store.get("services")
    for task in store.get("tasks").values():
        service = services.get(task.service_id)
        if service is None or not task.container_id or task.state != "running":
            continue
        name = f"{service.name}.{task.slot or task.node_id[:12]}"
        yield Entry(
            translate("Palette", "Open a terminal in %1").replace("%1", name),
            f"terminal shell exec {name} {task.container_id}",
            partial(_terminal, workspace, task.node_id, task.container_id, name),
        )


def _node_action(workspace: Workspace, node_id: str, availability: str) -> None:
    workspace.show_page("nodes")
    page = workspace.page_widgets["nodes"]
    assert isinstance(page, NodesPage)
    if page.select_node(node_id):
        page.set_availability(availability)


def _scale(workspace: Workspace, service_id: str) -> None:
    from crane_desktop.views.service_detail import ServiceDetail  # loaded with the first detail

    detail = workspace.open_service(service_id)
    assert isinstance(detail, ServiceDetail)
    detail.replicas.setFocus()
    detail.replicas.selectAll()


def _terminal(workspace: Workspace, node_id: str, container_id: str, name: str) -> None:
    from crane_desktop.views.container_detail import ContainerDetail  # loaded with the first detail

    detail = workspace.open_container(node_id, container_id, name)
    assert isinstance(detail, ContainerDetail)
    detail.tabs.setCurrentIndex(detail.terminal_index)


# Sources of entries; other modules may add theirs.
ENTRY_SOURCES: list[EntrySource] = [navigation_entries, action_entries]


class CommandPalette(QDialog):
    """A search box over every entry; Enter runs the selected one, Escape closes."""

    def __init__(self, store: ClusterStore, workspace: Workspace, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Dialog | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("commandPalette")
        self.entries = [entry for source in ENTRY_SOURCES for entry in source(store, workspace)]
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Type a name or id prefix: node, service, task, network…"))
        self.model = QStringListModel([f"{e.text}\t{e.keys}" for e in self.entries], self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.list = QListView(self)
        self.list.setModel(self.proxy)
        self.list.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.list.activated.connect(self._run_index)
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self.run_current)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.list)
        self.resize(min(700, parent.width() - 40), 420)
        self.move(parent.mapToGlobal(parent.rect().center()) - self.rect().center())
        self._filter("")
        self.search.setFocus()

    def _filter(self, text: str) -> None:
        words = [w for w in text.split() if w]
        pattern = "".join(f"(?=.*{re.escape(w)})" for w in words)
        self.proxy.setFilterRegularExpression(pattern)
        if self.proxy.rowCount():
            self.list.setCurrentIndex(self.proxy.index(0, 0))

    def shown_texts(self) -> list[str]:
        return [self.proxy.index(r, 0).data().split("\t")[0] for r in range(self.proxy.rowCount())]

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self.list.keyPressEvent(event)  # arrows move the selection while typing
            return
        super().keyPressEvent(event)

    def run_current(self) -> None:
        index = self.list.currentIndex()
        if index.isValid():
            self._run_index(index)

    def _run_index(self, index) -> None:
        entry = self.entries[self.proxy.mapToSource(index).row()]
        self.accept()
        entry.run()
