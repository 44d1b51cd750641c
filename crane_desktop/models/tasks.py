"""The task tree of one service: one row per slot (replicated) or per node (global) showing its
current task; its children are the slot's whole history, newest first.

Tasks the engine forgets (a slot removed by scaling down, old history trimmed) stay in the tree,
marked "removed", so the history of a slot stays visible; the store keeps them for views opened later.
In place updates only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from crane_desktop.engine.diff import Diff
from crane_desktop.engine.formatting import full_time, local_time, short_id
from crane_desktop.engine.snapshots import Node, Task
from crane_desktop.engine.task_errors import task_error
from crane_desktop.messages import phrase_text
from crane_desktop.models.live import LiveRows, stale_brush
from crane_desktop.models.table import Role
from crane_desktop.models.tree import GroupTreeModel, Index
from crane_desktop.threadcheck import gui_thread_only

translate = QCoreApplication.translate
FAILED = QColor("#c62828")
GONE = QColor("#808080")
FAILED_STATES = ("failed", "rejected", "orphaned")
TERMINAL_STATES = ("complete", "shutdown", "failed", "rejected", "orphaned", "remove")

SLOT, TASK, STATE, DESIRED, NODE, CONTAINER, CREATED, UPDATED, ERROR = range(9)


@dataclass
class Slot:
    key: str
    slot: int
    node_id: str
    task_ids: list[str] = field(default_factory=list)  # newest first


def slot_key(task: Task, zero_is_slot: bool = False) -> str:
    """A task's group: its slot, or its node for a global service's task (no slot). A replicated job
    numbers its slots from 0, so there slot 0 is a slot too (`zero_is_slot`)."""
    return f"slot:{task.slot}" if task.slot or zero_is_slot else f"node:{task.node_id}"


def state_text(state: str) -> str:
    return {
        "new": translate("TaskTreeModel", "new"),
        "pending": translate("TaskTreeModel", "pending"),
        "assigned": translate("TaskTreeModel", "assigned"),
        "accepted": translate("TaskTreeModel", "accepted"),
        "preparing": translate("TaskTreeModel", "preparing"),
        "ready": translate("TaskTreeModel", "ready"),
        "starting": translate("TaskTreeModel", "starting"),
        "running": translate("TaskTreeModel", "running"),
        "complete": translate("TaskTreeModel", "complete"),
        "shutdown": translate("TaskTreeModel", "shut down"),
        "failed": translate("TaskTreeModel", "failed"),
        "rejected": translate("TaskTreeModel", "rejected"),
        "remove": translate("TaskTreeModel", "remove"),
        "orphaned": translate("TaskTreeModel", "orphaned"),
    }.get(state, state)


class TaskTreeModel(LiveRows, GroupTreeModel):
    def __init__(
        self,
        service_id: str,
        node_lookup: Callable[[str], Node | None],
        parent: Any = None,
        *,
        zero_is_slot: bool = False,  # a replicated job's tasks: slots from 0
    ) -> None:
        super().__init__(parent)
        self.service_id = service_id
        self._zero_is_slot = zero_is_slot
        self._node = node_lookup
        self._tasks: dict[str, Task] = {}
        self._gone: set[str] = set()
        self._why: dict[str, str] = {}  # pending task id -> why it is pending (a plain sentence)

    def _slot_key(self, task: Task) -> str:
        return slot_key(task, self._zero_is_slot)

    # -- structure -------------------------------------------------------------------------------
    def children_of(self, group: Slot) -> list[str]:
        return group.task_ids

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 9

    def column_titles(self) -> tuple[str, ...]:
        return (
            translate("TaskTreeModel", "Slot"),
            translate("TaskTreeModel", "Task"),
            translate("TaskTreeModel", "State"),
            translate("TaskTreeModel", "Desired state"),
            translate("TaskTreeModel", "Node"),
            translate("TaskTreeModel", "Container"),
            translate("TaskTreeModel", "Created"),
            translate("TaskTreeModel", "Updated"),
            translate("TaskTreeModel", "Error reason"),
        )

    # -- reading ---------------------------------------------------------------------------------
    def slots(self) -> list[Slot]:
        return list(self._groups)

    def current(self, slot: Slot) -> Task | None:
        """The slot's current task: the newest one meant to run, else the newest."""
        tasks = [self._tasks[t] for t in slot.task_ids if t in self._tasks]
        live = [
            t for t in tasks if t.desired_state in ("running", "ready", "accepted") and t.id not in self._gone
        ]
        return (live or tasks)[0] if tasks else None

    def task_at(self, index: Index) -> Task | None:
        if not index.isValid():
            return None
        slot = index.internalPointer()
        if slot is None:
            return self.current(self._groups[index.row()])
        return self._tasks.get(slot.task_ids[index.row()])

    def is_gone(self, task: Task) -> bool:
        return task.id in self._gone

    def _slot_label(self, slot: Slot) -> str:
        if slot.slot or self._zero_is_slot:
            return translate("TaskTreeModel", "slot {n}").format(n=slot.slot)
        node = self._node(slot.node_id)
        return node.hostname if node else short_id(slot.node_id)

    def _text(self, task: Task, column: int, slot_row: Slot | None) -> str:
        if column == SLOT:
            if slot_row is not None:
                return self._slot_label(slot_row)
            return ""
        if column == TASK:
            return short_id(task.id)
        if column == STATE:
            if task.id in self._gone:
                if task.state not in TERMINAL_STATES:  # deleted by the engine before we saw it stop
                    return translate("TaskTreeModel", "removed")
                return translate("TaskTreeModel", "%1 (removed)").replace("%1", state_text(task.state))
            return state_text(task.state)
        if column == DESIRED:
            return state_text(task.desired_state)
        if column == NODE:
            node = self._node(task.node_id)
            return node.hostname if node else short_id(task.node_id)
        if column == CONTAINER:
            return short_id(task.container_id)
        if column == CREATED:
            return local_time(task.created_at)
        if column == UPDATED:
            return local_time(task.updated_at)
        if column == ERROR:
            why = self._why.get(task.id)
            if why:
                return why
            if task.error:
                return phrase_text(task_error(task.error))
            return task.message if task.state in FAILED_STATES else ""
        return ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        slot_row = None if index.internalPointer() is not None else self._groups[index.row()]
        task = self.task_at(index)
        if task is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(task, column, slot_row)
        if role == Role.OBJECT:
            return task
        if role == Role.KEY:
            return slot_row.key if slot_row else task.id
        if role == Role.SORT:
            if column == SLOT and slot_row is not None:
                numbered = slot_row.slot or self._zero_is_slot
                return slot_row.slot if numbered else self._slot_label(slot_row)
            if column in (CREATED, UPDATED):
                return (task.created_at if column == CREATED else task.updated_at).timestamp()
            return self._text(task, column, slot_row)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column in (CREATED, UPDATED):
                return full_time(task.created_at if column == CREATED else task.updated_at)
            if column in (ERROR, STATE):
                return "\n".join(x for x in (self._why.get(task.id), task.message, task.error) if x) or None
            if column in (TASK, CONTAINER):
                return task.id if column == TASK else task.container_id
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if self.stale:
                return stale_brush()
            if task.state in FAILED_STATES:
                return QBrush(FAILED)
            if task.id in self._gone or (slot_row is None and task.desired_state != "running"):
                return QBrush(GONE)
            return None
        if role == Qt.ItemDataRole.FontRole and task.state in FAILED_STATES:
            font = QFont()
            font.setBold(True)
            return font
        return None

    # -- writing ---------------------------------------------------------------------------------
    def load(self, tasks: Mapping[str, Task], retired: Mapping[str, Task] | None = None) -> None:
        """The service's tasks, and those the engine has already forgotten (shown as removed)."""
        ours = {k: t for k, t in tasks.items() if t.service_id == self.service_id}
        forgotten = {
            k: t for k, t in (retired or {}).items() if k not in ours and t.service_id == self.service_id
        }
        self._gone.update(forgotten)
        self.apply_diff(Diff(added={**forgotten, **ours}))

    def apply_diff(self, change: Diff[Any]) -> None:
        """Apply the store's task diff (tasks of other services are ignored)."""
        gui_thread_only("TaskTreeModel.apply_diff")
        gone = [k for k in change.removed if k in self._tasks and k not in self._gone]
        for key in gone:
            self._gone.add(key)
        touched = {self._slot_key(self._tasks[k]) for k in gone}
        fresh: list[Task] = []
        for task in (*change.added.values(), *change.changed.values()):
            if task.service_id != self.service_id:
                continue
            if task.id in self._tasks:
                self._tasks[task.id] = task
                self._gone.discard(task.id)
                touched.add(self._slot_key(task))
                self._changed_child(task)
            else:
                fresh.append(task)
        for task in sorted(fresh, key=lambda t: t.created_at):
            self._tasks[task.id] = task
            self._insert(task)
            touched.add(self._slot_key(task))
        for key in touched:
            row = self._group_rows.get(key)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
        self.loaded = True

    def _insert(self, task: Task) -> None:
        key = self._slot_key(task)
        row = self._group_rows.get(key)
        if row is None:
            row = len(self._groups)
            self.beginInsertRows(QModelIndex(), row, row)
            self._groups.append(Slot(key, task.slot, task.node_id, [task.id]))
            self._group_rows[key] = row
            self.endInsertRows()
            return
        slot = self._groups[row]
        position = 0
        while (
            position < len(slot.task_ids)
            and self._tasks[slot.task_ids[position]].created_at > task.created_at
        ):
            position += 1
        self.beginInsertRows(self.index(row, 0), position, position)
        slot.task_ids.insert(position, task.id)
        self.endInsertRows()

    def _changed_child(self, task: Task) -> None:
        row = self._group_rows.get(self._slot_key(task))
        if row is None:
            return
        slot = self._groups[row]
        child = slot.task_ids.index(task.id)
        self.dataChanged.emit(
            self.createIndex(child, 0, slot), self.createIndex(child, self.columnCount() - 1, slot)
        )

    def set_reasons(self, reasons: Mapping[str, str]) -> None:
        """Why each pending task is pending (task id -> sentence): shown in its error column and tooltip."""
        gui_thread_only("TaskTreeModel.set_reasons")
        if reasons == self._why:
            return
        touched = {k for k in set(reasons) | set(self._why) if reasons.get(k) != self._why.get(k)}
        self._why = dict(reasons)
        for task_id in touched:
            task = self._tasks.get(task_id)
            if task is None:
                continue
            self._changed_child(task)
            row = self._group_rows.get(self._slot_key(task))
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def refresh_nodes(self) -> None:
        """Node names changed (or arrived): redraw the node column."""
        for row in range(len(self._groups)):
            self.dataChanged.emit(self.index(row, 0), self.index(row, NODE))

    def tasks(self) -> Iterable[Task]:
        return self._tasks.values()

    def clear(self) -> None:
        if self._groups:
            self.beginRemoveRows(QModelIndex(), 0, len(self._groups) - 1)
            self._groups.clear()
            self._group_rows.clear()
            self._tasks.clear()
            self._gone.clear()
            self._why.clear()
            self.endRemoveRows()
        self.loaded = False
