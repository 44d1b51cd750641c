"""The slots' history the engine has forgotten, kept on disk per cluster so that it survives a restart.

One small JSON file per cluster (profile) in the user's data directory: per service the newest tasks
the store retired, at most MAX_SERVICES services (the most recently retired). Each task is kept with
only what the task tree shows. Writes go to a thread of their own (the records are plain dicts built
on the GUI thread) and replace the file atomically; a file that cannot be read is ignored, with a log
line, and overwritten by the next save.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import platformdirs

from crane_desktop.engine.snapshots import Task

log = logging.getLogger("crane.task_history")

FORMAT = 1
MAX_SERVICES = 64  # with 100 tasks each: a file of a few MB at the very most

Record = dict[str, Any]


def data_dir() -> Path:
    """Where Crane Desktop keeps what it learnt; CRANE_DESKTOP_DATA_DIR overrides it (tests)."""
    override = os.environ.get("CRANE_DESKTOP_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir("crane-desktop", "crane"))


def history_path(cluster_name: str) -> Path:
    """The cluster's file: its profile name made safe for a file name (plus a hash against clashes)."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", cluster_name).strip("._") or "cluster"
    digest = hashlib.sha256(cluster_name.encode()).hexdigest()[:8]
    return data_dir() / "task-history" / f"{safe[:60]}-{digest}.json"


def task_record(task: Task) -> Record:
    """The fields of the engine's task object that the slot history shows (Task.from_api reads them)."""
    container: Record = {"ContainerID": task.container_id}
    if task.exit_code is not None:
        container["ExitCode"] = task.exit_code
    status = {"State": task.state, "Message": task.message, "Err": task.error, "ContainerStatus": container}
    return {
        "ID": task.id,
        "Version": {"Index": task.version},
        "ServiceID": task.service_id,
        "Slot": task.slot,
        "NodeID": task.node_id,
        "DesiredState": task.desired_state,
        "Status": status,
        "Spec": {"ContainerSpec": {"Image": task.image}},
        "CreatedAt": task.created_at.isoformat(),
        "UpdatedAt": task.updated_at.isoformat(),
    }


class TaskHistoryFile:
    """Reads and writes one cluster's forgotten tasks."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()  # one write at a time, and never an older one after a newer
        self._generation = 0

    def load(self) -> dict[str, dict[str, Task]]:
        """service id -> {task id: Task}, oldest first; empty when the file is missing or unreadable."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            services = data["services"] if data.get("format") == FORMAT else {}
            return {
                service_id: {task.id: task for task in map(Task.from_api, records) if task.id}
                for service_id, records in services.items()
                if isinstance(records, list)
            }
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, TypeError, KeyError, AttributeError) as error:
            log.warning("ignoring the task history in %s, which cannot be read: %s", self.path, error)
            return {}

    def records(self, retired: Mapping[str, Mapping[str, Task]]) -> dict[str, list[Record]]:
        """What a save writes (built on the GUI thread): the last MAX_SERVICES services' tasks."""
        kept = list(retired.items())[-MAX_SERVICES:]
        return {service_id: [task_record(t) for t in tasks.values()] for service_id, tasks in kept if tasks}

    def save_later(self, services: dict[str, list[Record]]) -> threading.Thread:
        """Write on a thread of its own (it gets plain records only); returns the thread (tests join it)."""
        with self._lock:
            self._generation += 1
            generation = self._generation
        thread = threading.Thread(
            target=self._write, args=(services, generation), name="task-history", daemon=True
        )
        thread.start()
        return thread

    def save_now(self, services: dict[str, list[Record]]) -> None:
        """Write at once (closing a cluster: a bounded file of plain records)."""
        with self._lock:
            self._generation += 1
            generation = self._generation
        self._write(services, generation)

    def _write(self, services: dict[str, list[Record]], generation: int) -> None:
        text = json.dumps({"format": FORMAT, "services": services}, separators=(",", ":"))
        with self._lock:
            if generation != self._generation:  # a newer save is on its way
                return
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                partial = self.path.with_suffix(".partial")
                partial.write_text(text, encoding="utf-8")
                os.replace(partial, self.path)
            except OSError as error:
                log.warning("cannot save the task history to %s: %s", self.path, error)
