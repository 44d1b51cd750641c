"""The command palette (Ctrl+K): jump to any node, app, service, task, container or network by name
or id prefix, and run actions, from the keyboard."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSortFilterProxyModel, QStringListModel, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QLineEdit, QListView, QVBoxLayout

from crane_desktop.views.pages import PAGES

if TYPE_CHECKING:
    from crane_desktop.views.main_window import MainWindow

translate = QCoreApplication.translate


@dataclass(frozen=True)
class Entry:
    """One line of the palette: what it shows, the words it is found by, what it does."""

    text: str
    keys: str
    run: Callable[[], object]


EntrySource = Callable[["MainWindow"], Iterable[Entry]]


def navigation_entries(window: MainWindow) -> Iterable[Entry]:
    """Pages, and every object the window knows of, each opening its detail."""
    for key, title, _factory in PAGES:
        yield Entry(
            translate("Palette", "Go to %1").replace("%1", title()),
            f"page {key} {title()}",
            lambda k=key: window.show_page(k),
        )
    store = window.store
    for node in store.get("nodes").values():
        yield Entry(
            translate("Palette", "Node %1").replace("%1", node.hostname),
            f"node {node.hostname} {node.id} {node.address}",
            lambda n=node.id: window.open_node(n),
        )
    services = store.get("services")
    for service in services.values():
        yield Entry(
            translate("Palette", "Service %1").replace("%1", service.name),
            f"service {service.name} {service.id} {service.stack}",
            lambda s=service.id: window.open_service(s),
        )
    for stack in sorted({s.stack for s in services.values() if s.stack}):
        first = next(s.id for s in services.values() if s.stack == stack)
        yield Entry(
            translate("Palette", "App %1").replace("%1", stack),
            f"app stack {stack}",
            lambda s=first: window.open_service(s),
        )
    for task in store.get("tasks").values():
        service = services.get(task.service_id)
        if service is None or task.desired_state != "running":
            continue
        name = f"{service.name}.{task.slot or task.node_id[:12]}"
        yield Entry(
            translate("Palette", "Task %1").replace("%1", name),
            f"task {name} {task.id}",
            lambda s=service.id: window.open_service(s),
        )
        if task.container_id:
            yield Entry(
                translate("Palette", "Container %1").replace("%1", name),
                f"container {name} {task.container_id}",
                lambda t=task, n=name: window.open_container(t.node_id, t.container_id, n),
            )
    for network in store.get("networks").values():
        yield Entry(
            translate("Palette", "Network %1").replace("%1", network.name),
            f"network {network.name} {network.id}",
            lambda: window.show_page("networks"),
        )


def action_entries(window: MainWindow) -> Iterable[Entry]:
    """Actions, run through the same widgets as with the mouse (so they ask first where they should)."""
    store = window.store
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
                lambda n=node.id, a=availability: _node_action(window, n, a),
            )
    for service in store.get("services").values():
        if service.mode == "replicated":
            yield Entry(
                translate("Palette", "Scale service %1").replace("%1", service.name),
                f"scale service {service.name} {service.id}",
                lambda s=service.id: _scale(window, s),
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
            lambda t=task, n=name: _terminal(window, t.node_id, t.container_id, n),
        )


def _node_action(window: MainWindow, node_id: str, availability: str) -> None:
    window.show_page("nodes")
    if window.nodes_page.select_node(node_id):
        window.nodes_page.set_availability(availability)


def _scale(window: MainWindow, service_id: str) -> None:
    detail = window.open_service(service_id)
    detail.replicas.setFocus()
    detail.replicas.selectAll()


def _terminal(window: MainWindow, node_id: str, container_id: str, name: str) -> None:
    detail = window.open_container(node_id, container_id, name)
    detail.tabs.setCurrentIndex(detail.terminal_index)


# Sources of entries; other modules may add theirs.
ENTRY_SOURCES: list[EntrySource] = [navigation_entries, action_entries]


class CommandPalette(QDialog):
    """A search box over every entry; Enter runs the selected one, Escape closes."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window, Qt.WindowType.Dialog | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("commandPalette")
        self.window_ = window
        self.entries = [entry for source in ENTRY_SOURCES for entry in source(window)]
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
        self.resize(min(700, window.width() - 40), 420)
        self.move(window.mapToGlobal(window.rect().center()) - self.rect().center())
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
