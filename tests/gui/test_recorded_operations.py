"""The operation runner without a swarm, with real blocking functions (held on a threading.Event the test
releases): results come back on the GUI thread, an owner closed or deleted meanwhile gets OwnerGone and
is not touched, busy widgets are disabled only while the call runs, busyChanged says when work is under
way, and without a session the engine calls raise NotConnected."""

from __future__ import annotations

import asyncio
import logging
import threading

import pytest
import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from crane_desktop.views.context import ClusterContext
from crane_desktop.views.operations import (
    NotConnected,
    OperationRunner,
    OwnerGone,
    mark_closed,
    operation_slot,
)
from tests.conftest import run_async

WAIT_S = 10


class Held:
    """A blocking call that waits until the test releases it; says on which thread it ran."""

    def __init__(self, result: object = "done", error: Exception | None = None) -> None:
        self.started = threading.Event()
        self.release = threading.Event()
        self.result = result
        self.error = error
        self.thread = ""

    def __call__(self, *args: object) -> object:
        self.thread = threading.current_thread().name
        self.args = args
        self.started.set()
        if not self.release.wait(WAIT_S):
            raise TimeoutError("the test never released the call")
        if self.error is not None:
            raise self.error
        return self.result


@pytest.fixture
def runner(qtbot, loop):
    context = ClusterContext()  # no session
    yield context.operations
    context.close()


@pytest.fixture
def owner(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def start(runner: OperationRunner, owner: QWidget, held: Held, **kwargs) -> asyncio.Task:
    return asyncio.ensure_future(runner.run(owner, held, "a", 1, **kwargs))


def test_the_result_comes_back_on_the_gui_thread(qtbot, runner, owner):
    held = Held(result={"replicas": 3})
    held.release.set()

    async def ask() -> tuple[object, str]:
        result = await runner.run(owner, held, "a", 1)
        return result, threading.current_thread().name

    result, thread = run_async(qtbot, ask())
    assert result == {"replicas": 3} and held.args == ("a", 1)
    assert held.thread.startswith("crane-op") and thread == threading.main_thread().name


def test_a_failure_is_raised_where_the_view_awaits(qtbot, runner, owner):
    held = Held(error=ValueError("no such service"))
    held.release.set()
    with pytest.raises(ValueError, match="no such service"):
        run_async(qtbot, runner.run(owner, held))


def close_owner(qtbot, owner: QWidget, how: str) -> None:
    if how == "closed":
        mark_closed(owner)
    elif how == "parent closed":
        mark_closed(owner.parentWidget())
    else:
        owner.deleteLater()
        qtbot.waitUntil(lambda: not shiboken6.isValid(owner))


@pytest.mark.parametrize("how", ["closed", "parent closed", "deleted"])
@pytest.mark.parametrize("error", [None, RuntimeError("engine went away")])
def test_an_owner_gone_meanwhile_gets_owner_gone_and_is_not_touched(qtbot, runner, how, error):
    window = QWidget()
    qtbot.addWidget(window)
    owner = QLabel("before", window)
    held = Held(result="after", error=error)
    touched: list[str] = []

    async def view_slot() -> None:
        text = await runner.run(owner, held)
        touched.append(text)
        owner.setText(text)

    task = asyncio.ensure_future(view_slot())
    qtbot.waitUntil(held.started.is_set)
    close_owner(qtbot, owner, how)
    held.release.set()
    qtbot.waitUntil(task.done)
    assert isinstance(task.exception(), OwnerGone)  # not the engine's failure: nobody is there to show it
    assert touched == []
    if shiboken6.isValid(owner):
        assert owner.text() == "before"


def test_busy_widgets_are_disabled_only_while_the_call_runs(qtbot, runner, owner):
    scale = QPushButton("Scale", owner)
    rollback = QPushButton("Roll back", owner)
    rollback.setEnabled(False)  # disabled for its own reason (no previous spec)
    action = QAction("Scale", owner)
    held = Held()
    task = start(runner, owner, held, busy=[scale, rollback, action])
    qtbot.waitUntil(held.started.is_set)
    assert not scale.isEnabled() and not rollback.isEnabled() and not action.isEnabled()
    held.release.set()
    qtbot.waitUntil(task.done)
    assert scale.isEnabled() and action.isEnabled()
    assert not rollback.isEnabled()  # restored as it was, not enabled


def test_busy_widgets_come_back_after_a_failure(qtbot, runner, owner):
    scale = QPushButton("Scale", owner)
    held = Held(error=ValueError("refused"))
    task = start(runner, owner, held, busy=[scale])
    qtbot.waitUntil(held.started.is_set)
    assert not scale.isEnabled()
    held.release.set()
    qtbot.waitUntil(task.done)
    assert isinstance(task.exception(), ValueError) and scale.isEnabled()


def test_busy_changed_says_when_work_starts_and_when_all_of_it_ends(qtbot, runner, owner):
    said: list[bool] = []
    runner.busyChanged.connect(said.append)
    first, second = Held(), Held()
    tasks = [start(runner, owner, first), start(runner, owner, second)]
    qtbot.waitUntil(lambda: first.started.is_set() and second.started.is_set())
    assert said == [True] and runner.running == 2
    first.release.set()
    qtbot.waitUntil(tasks[0].done)
    assert said == [True] and runner.running == 1  # one still runs
    second.release.set()
    qtbot.waitUntil(tasks[1].done)
    assert said == [True, False] and runner.running == 0


@pytest.mark.parametrize("call", ["on_manager", "on_cluster"])
def test_without_a_session_engine_calls_raise_not_connected(qtbot, runner, owner, call):
    held = Held()
    button = QPushButton("Scale", owner)
    said: list[bool] = []
    runner.busyChanged.connect(said.append)
    with pytest.raises(NotConnected) as raised:
        run_async(qtbot, getattr(runner, call)(owner, held, busy=[button]))
    assert str(raised.value) == "Not connected to a cluster."
    assert not held.started.is_set() and button.isEnabled() and said == []


class Panel(QWidget):
    """A view whose slot awaits an operation, as the views declare them."""

    def __init__(self, runner: OperationRunner, held: Held) -> None:
        super().__init__()
        self.runner = runner
        self.held = held
        self.label = QLabel("before", self)
        self.finished = False

    @operation_slot()
    async def refresh(self) -> None:
        self.label.setText(await self.runner.run(self, self.held))
        self.finished = True


def test_an_operation_slot_ends_quietly_when_its_owner_closed(qtbot, runner):
    held = Held(result="after")
    panel = Panel(runner, held)
    qtbot.addWidget(panel)
    task = panel.refresh()
    qtbot.waitUntil(held.started.is_set)
    mark_closed(panel)
    held.release.set()
    qtbot.waitUntil(task.done)
    # no OwnerGone reaches the crash dialog (pytest-qt would fail the test on it)
    assert task.exception() is None and task.result() is None
    assert not panel.finished and panel.label.text() == "before"


def test_an_operation_slot_delivers_while_its_owner_is_open(qtbot, runner):
    held = Held(result="after")
    held.release.set()
    panel = Panel(runner, held)
    qtbot.addWidget(panel)
    qtbot.waitUntil(panel.refresh().done)
    assert panel.finished and panel.label.text() == "after"


def test_computing_is_not_shown_as_busy(qtbot, runner, owner):
    said: list[bool] = []
    runner.busyChanged.connect(said.append)
    held = Held(result=42)
    task = asyncio.ensure_future(runner.compute(owner, held))
    qtbot.waitUntil(held.started.is_set)
    assert runner.running == 0
    held.release.set()
    qtbot.waitUntil(task.done)
    assert task.result() == 42 and said == []


def test_a_call_after_the_runner_closed_ends_as_owner_gone(qtbot, runner, owner):
    """A view refreshing while its window goes asks for work after close: it ends quietly."""
    runner.close()
    held = Held()
    task = start(runner, owner, held)
    qtbot.waitUntil(task.done)
    assert isinstance(task.exception(), OwnerGone) and not held.started.is_set()


def test_an_operation_slot_fired_with_no_loop_running_is_dropped_with_a_log_line(qtbot, caplog):
    """A view's timer left over where no event loop runs (a test without one; the app quitting) must not
    raise in Qt's event loop (pytest-qt fails whichever test is running then)."""
    context = ClusterContext()
    held = Held(result="after")
    panel = Panel(context.operations, held)
    qtbot.addWidget(panel)
    timer = QTimer(panel)
    timer.setSingleShot(True)
    timer.timeout.connect(panel.refresh)
    caplog.set_level(logging.DEBUG, logger="crane.views.operations")
    with qtbot.waitSignal(timer.timeout):
        timer.start(0)
    assert "Panel.refresh not started: no event loop runs" in caplog.text
    assert not held.started.is_set() and panel.label.text() == "before"
    context.close()
