"""The Events page: one live table of what happens in the cluster, the engine's events (services, nodes,
networks, secrets, configs), the containers' events of the nodes whose engines are reachable, and the
task state changes (started, failed with its error, rejected, shut down), newest first.

It opens no stream of its own: the watcher's event stream and the session's node streams
(engine/node_events.py) reach it through the store (`store.eventArrived`), the task changes through
the store's task diffs; on connect it asks the engine once for the cluster's events of the last
minutes (the node streams start that far back themselves). Filters by type, service, node, time
range and text; Pause holds new rows back (they are kept, and shown on Resume); Export writes the rows
shown as JSON lines. Activating a row opens its object (a container's: its detail).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtWidgets import QComboBox, QPushButton, QTableView, QWidget

from crane_desktop.engine.diff import Diff
from crane_desktop.engine.events import CLUSTER_EVENT_TYPES, EngineEvent, recent_events
from crane_desktop.models.events import EventsModel, type_text
from crane_desktop.models.table import Role
from crane_desktop.views.empty_state import EmptyState
from crane_desktop.views.filtering import filter_box, setup_table, sort_filter_proxy
from crane_desktop.views.icons import set_icons
from crane_desktop.views.list_page import RowCountLabel, list_layout
from crane_desktop.views.operations import operation_slot
from crane_desktop.views.text_export import ask_save, save_text

if TYPE_CHECKING:
    from crane_desktop.views.context import ClusterContext, Navigator

BACKFILL_MINUTES = 15
RANGES = (0, 5, 15, 60, 24 * 60)  # minutes back; 0: any time
AGE_OUT_MS = 30_000  # with a time range, rows that grew older than it leave this often
# the widths of the time, type, object and action columns (the details take the rest)
COLUMN_SAMPLES = ("0000-00-00 00:00:00", "x" * 10, "x" * 30, "x" * 10)


class EventFilter(QSortFilterProxyModel):
    """The rows of one type, service and node, within a time range, matching a text (any column)."""

    event_type = ""
    service = ""
    node_id = ""
    minutes = 0

    def set_criteria(self, **criteria: Any) -> None:
        self.beginFilterChange()
        for name, value in criteria.items():
            setattr(self, name, value)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        event: EngineEvent = self.sourceModel().index(row, 0, parent).data(Role.OBJECT)
        if self.event_type and event.type != self.event_type:
            return False
        if self.service and event.service != self.service:
            return False
        if self.node_id and event.node_id != self.node_id:
            return False
        if self.minutes and event.when < datetime.now(UTC) - timedelta(minutes=self.minutes):
            return False
        return super().filterAcceptsRow(row, parent)


COMBO_CHARACTERS = 10


class EventsPage(QWidget):
    def __init__(self, context: ClusterContext, navigator: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.navigator = navigator
        self.store = store = context.store
        self.model = model = EventsModel(self)
        if "tasks" in store.loaded:
            model.remember_tasks(store.get("tasks"))
        self._backfilled = False
        store.eventArrived.connect(self._on_event)
        store.changed.connect(self._on_store_changed)
        store.cleared.connect(self._on_cleared)
        self.proxy = proxy = sort_filter_proxy(model, self, kind=EventFilter)

        self.type_filter = self._combo("typeFilter")
        self.type_filter.addItem(self.tr("All types"), "")
        for event_type in (*CLUSTER_EVENT_TYPES, "task", "container"):
            self.type_filter.addItem(type_text(event_type), event_type)
        self.service_filter = self._combo("serviceFilter")
        self.node_filter = self._combo("nodeFilter")
        self.range_filter = self._combo("rangeFilter")
        for minutes in RANGES:
            self.range_filter.addItem(self._range_text(minutes), minutes)
        self._fill_choices()
        for combo in (self.type_filter, self.service_filter, self.node_filter, self.range_filter):
            combo.currentIndexChanged.connect(self._filter_changed)

        self.pause_button = QPushButton(self.tr("Pause"), self)
        self.pause_button.setObjectName("pauseEvents")
        self.pause_button.setCheckable(True)
        self.pause_button.toggled.connect(self._pause)
        self.export_button = QPushButton(self.tr("Export…"), self)
        self.export_button.setObjectName("exportEvents")
        self.export_button.setToolTip(self.tr("Save the rows shown as JSON lines"))
        self.export_button.clicked.connect(self.ask_export)
        set_icons(self, {"pauseEvents": "pause"})
        self.filter_edit = filter_box(self, self.tr("Filter events (object, action, details…)"), proxy)
        self.count_label = RowCountLabel(self, model, proxy, lambda n: self.tr("%n event(s)", "", n))

        self.table = QTableView(self)
        self.table.setObjectName("eventsTable")
        self.table.setModel(proxy)
        setup_table(self.table)
        self.table.sortByColumn(EventsModel.TIME_COLUMN, Qt.SortOrder.DescendingOrder)
        self.table.activated.connect(self._open_row)
        self._age_out = QTimer(self)  # a time range leaves older rows out as time passes
        self._age_out.setInterval(AGE_OUT_MS)
        self._age_out.timeout.connect(self._filter_changed)
        metrics = self.table.fontMetrics()  # the objects' names vary: not fitted to the first row
        for column, sample in enumerate(COLUMN_SAMPLES):
            self.table.setColumnWidth(column, metrics.horizontalAdvance(sample) + 16)
        actions = [self.pause_button, self.export_button, self.type_filter, self.service_filter]
        actions += [self.node_filter, self.range_filter]
        list_layout(self, actions, self.count_label, self.filter_edit, self.table)
        self.empty = EmptyState(
            self.table,
            model,
            self.tr("No events seen yet: what happens in the cluster shows here as it happens."),
            icon_name="events",
        )

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        # as wide as its longest choice when there is room, narrower (elided) in a small window
        combo.setMinimumWidth(combo.fontMetrics().averageCharWidth() * COMBO_CHARACTERS)
        return combo

    def _range_text(self, minutes: int) -> str:
        if not minutes:
            return self.tr("Any time")
        if minutes < 60:
            return self.tr("Last %n minute(s)", "", minutes)
        return self.tr("Last %n hour(s)", "", minutes // 60)

    def _fill_choices(self) -> None:
        """The services and nodes to filter by, as the store holds them (the choice made is kept)."""
        services = sorted({s.name for s in self.store.get("services").values()})
        nodes = sorted((n.hostname, n.id) for n in self.store.get("nodes").values())
        for combo, everything, choices in (
            (self.service_filter, self.tr("All services"), [(name, name) for name in services]),
            (self.node_filter, self.tr("All nodes"), nodes),
        ):
            wanted = [("", everything), *((data, text) for text, data in choices)]
            present = [(combo.itemData(i), combo.itemText(i)) for i in range(combo.count())]
            if wanted == present:
                continue
            chosen = combo.currentData() or ""
            combo.blockSignals(True)
            combo.clear()
            for data, text in wanted:
                combo.addItem(text, data)
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
            combo.blockSignals(False)

    def _filter_changed(self, *args: object) -> None:
        proxy = self.proxy
        assert isinstance(proxy, EventFilter)
        proxy.set_criteria(
            event_type=self.type_filter.currentData() or "",
            service=self.service_filter.currentData() or "",
            node_id=self.node_filter.currentData() or "",
            minutes=self.range_filter.currentData() or 0,
        )
        if proxy.minutes:
            self._age_out.start()
        else:
            self._age_out.stop()

    def _open_row(self, index: QModelIndex) -> None:
        """The row's object: a service's or a task's service detail, a node's detail, a network."""
        event: EngineEvent = index.data(Role.OBJECT)
        if event.type == "node" and event.object_id in self.store.get("nodes"):
            self.navigator.open_node(event.object_id)
        elif event.type == "network" and event.object_id in self.store.get("networks"):
            self.navigator.open_network(event.object_id)
        elif event.type == "container" and event.node_id and event.action != "destroy":
            self.navigator.open_container(event.node_id, event.object_id, event.name)
        elif event.type in ("service", "task"):
            service = next((s for s in self.store.get("services").values() if s.name == event.service), None)
            if service is not None:
                self.navigator.open_service(service.id)

    # -- what comes in ---------------------------------------------------------------------------
    def _on_event(self, event: EngineEvent) -> None:
        self.model.add([event])

    def _on_store_changed(self, kind: str, change: Diff[Any]) -> None:
        if kind == "tasks":
            self.model.follow_tasks(change, self.store.get("services"))
        elif kind in ("services", "nodes"):
            self._fill_choices()
        if not self._backfilled and self.context.cluster is not None:
            self._backfilled = True
            self.backfill()

    def _on_cleared(self) -> None:
        self._backfilled = False

    @operation_slot()
    async def backfill(self) -> None:
        """The events of the last minutes, asked once on connect (the stream brings the rest)."""
        try:
            found = await self.context.operations.on_manager(self, recent_events, BACKFILL_MINUTES)
        except Exception as error:
            self.context.say(self.tr("Cannot read the recent events: %1").replace("%1", str(error)))
            return
        self.model.add(found)
        self.store.report_backfill(found)  # the overview's latest changes start with them too

    def _pause(self, paused: bool) -> None:
        self.model.set_paused(paused)
        self.pause_button.setText(self.tr("Resume") if paused else self.tr("Pause"))
        self.pause_button.setToolTip(self.tr("New events are kept and shown on Resume") if paused else "")

    # -- export ----------------------------------------------------------------------------------
    def shown_events(self) -> list[EngineEvent]:
        """The rows the filters leave, oldest first."""
        rows = [self.proxy.index(row, 0).data(Role.OBJECT) for row in range(self.proxy.rowCount())]
        return sorted(rows, key=lambda event: event.nanos)

    def ask_export(self) -> None:
        ask_save(self, self.tr("Export events"), "events.jsonl", self.export)

    def export(self, path: str) -> bool:
        """Write the rows shown to `path`, one JSON object a line."""
        text = "".join(json.dumps(event.record(), ensure_ascii=False) + "\n" for event in self.shown_events())
        return save_text(self.context, path, text)
