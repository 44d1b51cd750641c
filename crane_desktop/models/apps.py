"""The apps tree: apps (stacks, or a lone service) -> their services, with task counts, ports,
the last update and networks, kept in place from the store's service/task/network diffs.

Rows are inserted/removed with beginInsertRows/beginRemoveRows and refreshed with dataChanged: never a
reset, so expansion, selection and scroll survive the live updates.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from crane_desktop.engine.diff import Diff
from crane_desktop.engine.formatting import full_time, local_time
from crane_desktop.engine.health import task_counts
from crane_desktop.engine.image_updates import ImageCheck, short_digest
from crane_desktop.engine.jobs import job_run
from crane_desktop.engine.snapshots import EPOCH, Network, Service, Task
from crane_desktop.messages import error_hint, error_text, sentences
from crane_desktop.models.live import LiveRows, stale_brush
from crane_desktop.models.table import Role
from crane_desktop.models.tree import GroupTreeModel, Index
from crane_desktop.threadcheck import gui_thread_only

translate = QCoreApplication.translate
WARN = QColor("#b26a00")
BAD = QColor("#c62828")

NAME, SERVICES, TASKS, PORTS, UPDATED, NETWORKS, IMAGE_UPDATE = range(7)


@dataclass
class App:
    """One app row: a stack (`is_stack`) or a lone service, and its service ids in row order."""

    key: str
    name: str
    is_stack: bool
    service_ids: list[str] = field(default_factory=list)


def app_key(service: Service) -> str:
    return f"stack:{service.stack}" if service.stack else f"service:{service.id}"


def update_state_text(state: str) -> str:
    return {
        "updating": translate("AppTreeModel", "updating"),
        "paused": translate("AppTreeModel", "paused"),
        "completed": translate("AppTreeModel", "completed"),
        "rollback_started": translate("AppTreeModel", "rolling back"),
        "rollback_paused": translate("AppTreeModel", "rollback paused"),
        "rollback_completed": translate("AppTreeModel", "rolled back"),
    }.get(state, state)


def ports_text(services: Iterable[Service]) -> str:
    seen: list[str] = []
    for service in services:
        for port in service.ports:
            if not port.published:
                continue
            text = f"{port.published}:{port.target}/{port.protocol}"
            if port.mode == "host":
                text = translate("AppTreeModel", "%1 (host)").replace("%1", text)
            if text not in seen:
                seen.append(text)
    return ", ".join(seen)


def mode_text(mode: str) -> str:
    """A service's mode in the user's words."""
    return {
        "global": translate("AppTreeModel", "global"),
        "replicated-job": translate("AppTreeModel", "replicated job"),
        "global-job": translate("AppTreeModel", "global job"),
    }.get(mode, translate("AppTreeModel", "replicated"))


class AppTreeModel(LiveRows, GroupTreeModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._services: dict[str, Service] = {}
        self._tasks: dict[str, Task] = {}
        self._by_service: dict[str, set[str]] = {}
        self._networks: dict[str, Network] = {}
        self._image_checks: dict[str, ImageCheck] = {}  # service id -> the registry's answer

    # -- structure -------------------------------------------------------------------------------
    def children_of(self, group: App) -> list[str]:
        return group.service_ids

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 7

    def column_titles(self) -> tuple[str, ...]:
        return (
            translate("AppTreeModel", "Name"),
            translate("AppTreeModel", "Services / image"),
            translate("AppTreeModel", "Tasks"),
            translate("AppTreeModel", "Published ports"),
            translate("AppTreeModel", "Last update"),
            translate("AppTreeModel", "Networks"),
            translate("AppTreeModel", "Image updates"),
        )

    # -- reading ---------------------------------------------------------------------------------
    def app_at(self, index: Index) -> App | None:
        if not index.isValid():
            return None
        app: App | None = index.internalPointer()
        return app if app is not None else self._groups[index.row()]

    def service_at(self, index: Index) -> Service | None:
        if not index.isValid() or index.internalPointer() is None:
            return None
        app = index.internalPointer()
        return self._services.get(app.service_ids[index.row()])

    def apps(self) -> list[App]:
        return list(self._groups)

    def app(self, key: str) -> App | None:
        row = self._group_rows.get(key)
        return None if row is None else self._groups[row]

    def app_index(self, key: str) -> QModelIndex:
        row = self._group_rows.get(key, -1)
        return self.index(row, 0) if row >= 0 else QModelIndex()

    def service_index(self, service_id: str, column: int = 0) -> QModelIndex:
        service = self._services.get(service_id)
        if service is None:
            return QModelIndex()
        row = self._group_rows.get(app_key(service), -1)
        if row < 0:
            return QModelIndex()
        app = self._groups[row]
        return self.createIndex(app.service_ids.index(service_id), column, app)

    def _service_tasks(self, service: Service) -> list[Task]:
        return [self._tasks[t] for t in self._by_service.get(service.id, ()) if t in self._tasks]

    def counts(self, service: Service) -> tuple[int, int]:
        """(running, desired) tasks of a service."""
        return task_counts(service, self._service_tasks(service))

    def services_of(self, app: App) -> list[Service]:
        """The services of `app`, in row order."""
        return [self._services[s] for s in app.service_ids if s in self._services]

    def _network_names(self, services: Iterable[Service]) -> str:
        names: list[str] = []
        for service in services:
            for network_id in service.network_ids:
                network = self._networks.get(network_id)
                name = network.name if network else network_id[:12]
                if name not in names:
                    names.append(name)
        return ", ".join(sorted(names))

    def _text(self, app: App, service: Service | None, column: int) -> str:
        services = [service] if service else self.services_of(app)
        if column == NAME:
            return service.name if service else app.name
        if column == SERVICES:
            if service:
                return f"{service.short_image} · {mode_text(service.mode)}"
            # self.tr: lupdate reads translate(context, text, "", n) as singular, or not at all
            return self.tr("%n service(s)", "", len(services))
        if column == TASKS:
            pairs = [self.counts(s) for s in services]
            text = f"{sum(p[0] for p in pairs)}/{sum(p[1] for p in pairs)}"
            run = job_run(service, self._service_tasks(service)) if service else None
            if run is not None:  # as docker service ls: running, then the run's completions
                text += " " + translate("AppTreeModel", "(%1/%2 completed)").replace(
                    "%1", str(run.completed)
                ).replace("%2", str(run.total))
            return text
        if column == PORTS:
            return ports_text(services)
        if column == UPDATED:
            latest = max(services, key=lambda s: s.updated_at, default=None)
            if latest is None:
                return ""
            when = local_time(latest.updated_at)
            state = update_state_text(latest.update_state)
            if not state:
                return when
            return self.tr("%1 (%2)").replace("%1", when).replace("%2", state)
        if column == NETWORKS:
            return self._network_names(services)
        if column == IMAGE_UPDATE:
            return self._image_text(services)
        return ""

    def image_check(self, service_id: str) -> ImageCheck | None:
        """The registry's last answer about the service's tag (None: not asked yet)."""
        return self._image_checks.get(service_id)

    def newer_images(self, services: Iterable[Service]) -> list[Service]:
        """Those of `services` whose tag holds a newer image in the registry."""
        return [s for s in services if (check := self._image_checks.get(s.id)) is not None and check.newer]

    def _image_text(self, services: list[Service]) -> str:
        """ "newer image" (how many, for an app), "not checked" when the registry could not be asked,
        "up to date" when every service was checked and runs its tag's image."""
        checks = [self._image_checks.get(s.id) for s in services]
        newer = sum(1 for c in checks if c is not None and c.newer)
        if newer:
            if len(services) == 1:
                return translate("AppTreeModel", "newer image")
            return self.tr("%n newer image(s)", "", newer)
        if any(c is not None and c.problem is not None for c in checks):
            return translate("AppTreeModel", "not checked")
        if checks and all(c is not None and c.current for c in checks):
            return translate("AppTreeModel", "up to date")
        return ""

    def _image_tooltip(self, services: list[Service]) -> str:
        lines = []
        for service in services:
            check = self._image_checks.get(service.id)
            if check is None:
                continue
            prefix = f"{service.name}: " if len(services) > 1 else ""
            if check.newer:
                lines.append(
                    prefix
                    + translate("AppTreeModel", "%1 is now %2 in the registry; the service runs %3.")
                    .replace("%1", check.reference)
                    .replace("%2", short_digest(check.latest))
                    .replace("%3", ", ".join(short_digest(d) for d in check.running))
                )
            elif check.problem is not None:
                lines.append(prefix + sentences(error_text(check.problem), error_hint(check.problem)))
        return "\n".join(lines)

    def image_tone(self, index: Index) -> str | None:
        """The pill of the image updates column: a newer image wants attention, a registry that could
        not be asked is muted, up to date is plain text."""
        app = self.app_at(index)
        if app is None or index.column() != IMAGE_UPDATE:
            return None
        service = self.service_at(index)
        services = [service] if service else self.services_of(app)
        if self.newer_images(services):
            return "warning"
        if any((c := self._image_checks.get(s.id)) is not None and c.problem is not None for s in services):
            return "muted"
        return None

    def set_image_checks(self, checks: Mapping[str, ImageCheck], service_ids: Iterable[str]) -> None:
        """Take the registry's answers (`checks`, every service's) after those of `service_ids` changed."""
        gui_thread_only("AppTreeModel.set_image_checks")
        self._image_checks = dict(checks)
        self._refresh_services(service_ids, [IMAGE_UPDATE])

    def _sort(self, app: App, service: Service | None, column: int) -> Any:
        services = [service] if service else self.services_of(app)
        if column == TASKS:
            return sum(self.counts(s)[0] for s in services)
        if column == SERVICES and not service:
            return len(services)
        if column == UPDATED:
            return max((s.updated_at.timestamp() for s in services), default=EPOCH.timestamp())
        return self._text(app, service, column).lower()

    def _color(self, app: App, service: Service | None, column: int) -> QColor | None:
        services = [service] if service else self.services_of(app)
        if column == TASKS:
            pairs = [self.counts(s) for s in services]
            running, desired = sum(p[0] for p in pairs), sum(p[1] for p in pairs)
            return None if running >= desired else (BAD if running == 0 and desired else WARN)
        if column == UPDATED and any(s.update_state in ("paused", "rollback_paused") for s in services):
            return BAD
        if column == UPDATED and any(s.update_state.startswith("rollback") for s in services):
            return WARN
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        app = self.app_at(index)
        service = self.service_at(index)
        if app is None or (index.internalPointer() is not None and service is None):
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(app, service, column)
        if role == Role.OBJECT:
            return service or app
        if role == Role.KEY:
            return service.id if service else app.key
        if role == Role.SORT:
            return self._sort(app, service, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == UPDATED:
                latest = service or max(self.services_of(app), key=lambda s: s.updated_at, default=None)
                if latest is not None:
                    return "\n".join(x for x in (full_time(latest.updated_at), latest.update_message) if x)
            if column == NAME and not app.is_stack and not service:
                return translate("AppTreeModel", "A service deployed outside any app (stack)")
            if column == IMAGE_UPDATE:
                return self._image_tooltip([service] if service else self.services_of(app)) or None
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if self.stale:
                return stale_brush()
            color = self._color(app, service, column)
            return QBrush(color) if color is not None else None
        return None

    # -- writing ---------------------------------------------------------------------------------
    def apply(self, kind: str, change: Diff[Any]) -> None:
        gui_thread_only("AppTreeModel.apply")
        if kind == "services":
            self._apply_services(change)
            self.loaded = True
        elif kind == "tasks":
            self._apply_tasks(change)
        elif kind == "networks":
            for key in change.removed:
                self._networks.pop(key, None)
            self._networks.update(change.added)
            self._networks.update(change.changed)
            self._refresh_columns([a.key for a in self._groups], [NETWORKS])

    def load(
        self,
        services: Mapping[str, Service],
        tasks: Mapping[str, Task],
        networks: Mapping[str, Network],
        loaded: bool,
    ) -> None:
        """Take what the store already holds (the page was built after the data arrived)."""
        self._networks = dict(networks)
        self._apply_tasks(Diff(added=dict(tasks)))
        self._apply_services(Diff(added=dict(services)))
        self.loaded = loaded

    def _apply_tasks(self, change: Diff[Task]) -> None:
        touched: set[str] = set()
        for key in change.removed:
            task = self._tasks.pop(key, None)
            if task is not None:
                self._by_service.get(task.service_id, set()).discard(key)
                touched.add(task.service_id)
        for key, task in {**change.added, **change.changed}.items():
            old = self._tasks.get(key)
            if old is not None and old.service_id != task.service_id:
                self._by_service.get(old.service_id, set()).discard(key)
            self._tasks[key] = task
            self._by_service.setdefault(task.service_id, set()).add(key)
            touched.add(task.service_id)
        self._refresh_services(touched, [TASKS])

    def _apply_services(self, change: Diff[Service]) -> None:
        for key in change.removed:
            self._remove_service(key)
        for key, service in change.changed.items():
            old = self._services.get(key)
            if old is None or app_key(old) != app_key(service):
                self._remove_service(key)
                self._add_services([service])
            else:
                self._services[key] = service
                self._refresh_services({key}, None)
        fresh = [s for key, s in change.added.items() if key not in self._services]
        for key, service in change.added.items():
            if key in self._services:
                self._services[key] = service
                self._refresh_services({key}, None)
        self._add_services(fresh)

    def _add_services(self, services: list[Service]) -> None:
        groups: dict[str, list[Service]] = {}
        for service in sorted(services, key=lambda s: s.name):
            groups.setdefault(app_key(service), []).append(service)
        new_apps: list[App] = []
        for key, members in groups.items():
            row = self._group_rows.get(key)
            if row is None:
                first = members[0]
                name = first.stack or first.name
                new_apps.append(App(key, name, bool(first.stack), [s.id for s in members]))
                for service in members:
                    self._services[service.id] = service
                continue
            app = self._groups[row]
            parent = self.index(row, 0)
            start = len(app.service_ids)
            self.beginInsertRows(parent, start, start + len(members) - 1)
            for service in members:
                self._services[service.id] = service
                app.service_ids.append(service.id)
            self.endInsertRows()
            self._refresh_columns([key], None)
        if new_apps:
            start = len(self._groups)
            self.beginInsertRows(QModelIndex(), start, start + len(new_apps) - 1)
            for offset, app in enumerate(new_apps):
                self._groups.append(app)
                self._group_rows[app.key] = start + offset
            self.endInsertRows()

    def _remove_service(self, service_id: str) -> None:
        service = self._services.get(service_id)
        if service is None:
            return
        key = app_key(service)
        row = self._group_rows.get(key)
        if row is None:
            self._services.pop(service_id, None)
            return
        app = self._groups[row]
        if app.service_ids == [service_id]:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._groups[row]
            self._services.pop(service_id, None)
            self._group_rows = {a.key: i for i, a in enumerate(self._groups)}
            self.endRemoveRows()
            return
        child = app.service_ids.index(service_id)
        self.beginRemoveRows(self.index(row, 0), child, child)
        del app.service_ids[child]
        self._services.pop(service_id, None)
        self.endRemoveRows()
        self._refresh_columns([key], None)

    def _refresh_services(self, service_ids: Iterable[str], columns: list[int] | None) -> None:
        apps: set[str] = set()
        last = self.columnCount() - 1
        for service_id in service_ids:
            service = self._services.get(service_id)
            if service is None:
                continue
            first_index = self.service_index(service_id, columns[0] if columns else 0)
            if not first_index.isValid():
                continue
            last_index = self.service_index(service_id, columns[-1] if columns else last)
            self.dataChanged.emit(first_index, last_index)
            apps.add(app_key(service))
        self._refresh_columns(sorted(apps), columns)

    def _refresh_columns(self, keys: Iterable[str], columns: list[int] | None) -> None:
        last = self.columnCount() - 1
        for key in keys:
            row = self._group_rows.get(key)
            if row is None:
                continue
            first_col, last_col = (columns[0], columns[-1]) if columns else (0, last)
            self.dataChanged.emit(self.index(row, first_col), self.index(row, last_col))
            if columns == [NETWORKS]:
                app = self._groups[row]
                for child in range(len(app.service_ids)):
                    child_index = self.createIndex(child, NETWORKS, app)
                    self.dataChanged.emit(child_index, child_index)

    def clear(self) -> None:
        """Remove every row (row removal, not a reset) and forget that data was loaded."""
        if self._groups:
            self.beginRemoveRows(QModelIndex(), 0, len(self._groups) - 1)
            self._groups.clear()
            self._group_rows.clear()
            self._services.clear()
            self.endRemoveRows()
        self._tasks.clear()
        self._by_service.clear()
        self.loaded = False
