"""The slots' history the engine has forgotten survives a restart of the app: the store keeps it in the
cluster's file, and a new store for the same cluster shows it again; a file that cannot be read is
ignored."""

from __future__ import annotations

import logging
from dataclasses import replace

from PySide6.QtCore import QModelIndex

from crane_desktop.engine.diff import Diff
from crane_desktop.models import store as store_module
from crane_desktop.models.store import RETIRED_PER_SERVICE, ClusterStore
from crane_desktop.models.task_history import MAX_SERVICES, TaskHistoryFile, history_path
from crane_desktop.models.tasks import TASK
from crane_desktop.views.context import ClusterContext
from crane_desktop.views.workspace import Workspace
from tests.gui.conftest import by_name, feed, recorded


def _worker_tasks() -> dict:
    service_id = by_name("services", "shop_worker").id
    return {key: task for key, task in recorded("tasks").items() if task.service_id == service_id}


def _tree_task_ids(detail) -> set[str]:
    proxy = detail.proxy
    ids = set()
    for row in range(proxy.rowCount()):
        slot = proxy.index(row, 0)
        ids |= {proxy.index(child, TASK, slot).data() for child in range(proxy.rowCount(slot))}
    ids |= {proxy.index(row, TASK, QModelIndex()).data() for row in range(proxy.rowCount())}
    return ids


def test_a_new_store_for_the_same_cluster_shows_the_forgotten_history(qtbot, loop):
    forgotten = _worker_tasks()
    first = ClusterStore()
    first.attach_history(TaskHistoryFile(history_path("recorded cluster")))
    feed(first)
    first.apply("tasks", Diff(removed=forgotten))  # the swarm trimmed them: only the store has them
    first.clear()  # the app closes the cluster: what was still to be written is written

    context = ClusterContext()  # the app started again
    context.store.attach_history(TaskHistoryFile(history_path("recorded cluster")))
    feed(context.store, ("nodes", "services", "networks"))
    remembered = {key: task for key, task in recorded("tasks").items() if key not in forgotten}
    context.store.apply("tasks", Diff(added=remembered))
    workspace = Workspace(context)
    qtbot.addWidget(workspace)
    detail = workspace.open_service(by_name("services", "shop_worker").id)
    shown = _tree_task_ids(detail)
    assert forgotten and all(any(task_id.startswith(text) for text in shown if text) for task_id in forgotten)
    context.close()


def test_another_cluster_does_not_get_that_history(qtbot):
    forgotten = _worker_tasks()
    first = ClusterStore()
    first.attach_history(TaskHistoryFile(history_path("one")))
    feed(first)
    first.apply("tasks", Diff(removed=forgotten))
    first.clear()
    other = ClusterStore()
    other.attach_history(TaskHistoryFile(history_path("two")))
    assert other.retired_tasks(by_name("services", "shop_worker").id) == {}


def test_a_corrupt_file_is_ignored_with_a_log_line(qtbot, caplog):
    path = history_path("recorded cluster")
    path.parent.mkdir(parents=True)
    path.write_text('{"format": 1, "services": {"x": [{"ID": ')
    store = ClusterStore()
    with caplog.at_level(logging.WARNING, logger="crane.task_history"):
        store.attach_history(TaskHistoryFile(path))
    assert store.retired_tasks("x") == {}
    assert "cannot be read" in caplog.text


def test_retirements_are_written_soon_without_waiting_for_the_close(qtbot, monkeypatch):
    """A crash loses at most the last few seconds: the file is written a moment after a retirement."""
    monkeypatch.setattr(store_module, "SAVE_DELAY_MS", 10)
    forgotten = _worker_tasks()
    path = history_path("recorded cluster")
    store = ClusterStore()
    store.attach_history(TaskHistoryFile(path))
    feed(store)
    store.apply("tasks", Diff(removed=forgotten))
    worker_id = by_name("services", "shop_worker").id
    qtbot.waitUntil(lambda: set(TaskHistoryFile(path).load().get(worker_id, {})) == set(forgotten))


def test_the_file_is_bounded_to_the_last_services_and_their_last_tasks(qtbot):
    """At most MAX_SERVICES services (the most recently retired) with RETIRED_PER_SERVICE tasks each."""
    task = next(iter(_worker_tasks().values()))
    retired = {
        f"service{s}": {f"s{s}t{t}": replace(task, id=f"s{s}t{t}") for t in range(3)}
        for s in range(MAX_SERVICES + 5)
    }
    path = history_path("bounded")
    history = TaskHistoryFile(path)
    history.save_now(history.records(retired))
    loaded = history.load()
    assert list(loaded) == [f"service{s}" for s in range(5, MAX_SERVICES + 5)]  # the oldest 5 left out

    store = ClusterStore()
    store.attach_history(TaskHistoryFile(history_path("per service")))
    feed(store)
    worker = by_name("services", "shop_worker").id
    many = {f"t{n:03}": replace(task, id=f"t{n:03}") for n in range(RETIRED_PER_SERVICE + 20)}
    store.apply("tasks", Diff(added=many))
    first, later = sorted(many)[:20], sorted(many)[20:]  # the engine forgets 20, then the rest
    store.apply("tasks", Diff(removed=frozenset(first)))
    store.apply("tasks", Diff(removed=frozenset(later)))
    assert set(store.retired_tasks(worker)) == set(later)  # the oldest 20 left out
    store.clear()


def test_a_removed_services_tasks_are_not_kept_when_they_go_after_it(qtbot):
    """The watcher emits the services' diff before the tasks': a removed service's tasks leave the
    task list just after it, and keeping them then would keep them for good (the soak's apps came and
    went every 3 s: their tasks piled up, and in the history file)."""
    store = ClusterStore()
    path = history_path("removed services")
    store.attach_history(TaskHistoryFile(path))
    feed(store)
    worker = by_name("services", "shop_worker").id
    tasks = _worker_tasks()
    store.apply("services", Diff(removed=frozenset({worker})))  # `docker service rm shop_worker`
    store.apply("tasks", Diff(removed=frozenset(tasks)))
    assert store.retired_tasks(worker) == {}
    store.clear()  # writes what the file was still to get
    assert worker not in TaskHistoryFile(path).load()
