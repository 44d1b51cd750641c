"""The one way a view runs blocking engine work: the operation runner.

A view reads its inputs on the GUI thread and passes them as plain values; the runner calls the engine
off the GUI thread and hands the result back on the GUI thread, but only while the widget that asked
(its *owner*) is still open. A closed detail tab or dialog is never touched again: awaiting the call
raises `OwnerGone`, which the async slots simply let end. The widgets named `busy` are disabled while
the call runs, and `busyChanged` tells the window to show that work is under way.

    config = await operations.on_manager(self, stacks.scale, service_id, replicas, busy=[button])

A failure is raised where the view awaits it; `views/dialogs.py: show_error` shows it in the operator's
words with the engine's raw text in the details, the one error path of the views. Async slots that await
operations are declared with `operation_slot` (not qasync's `asyncSlot`), which ends quietly on OwnerGone.
The shape follows Anki's `aqt.operations` (QueryOp/CollectionOp), on the app's asyncio loop.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget
from qasync import asyncSlot

from crane_desktop.engine.errors import EngineError
from crane_desktop.engine.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    import docker

    from crane_desktop.engine.cluster import Cluster

log = logging.getLogger("crane.views.operations")
T = TypeVar("T")

CLOSED = "craneClosed"  # dynamic property set on a widget (and so its children) that has closed


class OwnerGone(BaseException):
    """The widget that started the operation closed meanwhile: nothing of it may be touched.

    A BaseException, like asyncio's CancelledError, so that a view's `except Exception` (showing a
    failure) lets it pass: only `operation_slot` ends it.
    """


class NotConnected(EngineError):
    template = QT_TRANSLATE_NOOP("engine", "Not connected to a cluster.")
    hint = QT_TRANSLATE_NOOP("engine", "Connect to a cluster first (Cluster › Connect…).")


def operation_slot(*types: type) -> Callable[[Callable[..., Any]], Any]:
    """qasync's `asyncSlot` for coroutines that await operations: an owner closed meanwhile ends the
    slot quietly instead of reaching the crash dialog. Started with no event loop running (the app
    quitting, a timer of a view left over in a test that has none) it could never run: it is dropped
    with a log line instead of raising in Qt's event loop."""

    def decorate(coroutine: Callable[..., Any]) -> Any:
        @functools.wraps(coroutine)
        async def run(*args: Any, **kwargs: Any) -> Any:
            try:
                return await coroutine(*args, **kwargs)
            except OwnerGone:
                return None

        slot = asyncSlot(*types)(run)

        @Slot(*types)
        @functools.wraps(run)  # (its __wrapped__: the coroutine that ends quietly on OwnerGone)
        def start(*args: Any, **kwargs: Any) -> Any:
            if not loop_running():
                log.debug("%s not started: no event loop runs", coroutine.__qualname__)
                return None
            return slot(*args, **kwargs)

        return start

    return decorate


def loop_running() -> bool:
    """Is the event loop that runs operation slots going? (Not before the app starts it, nor in a
    test that has none: an operation slot started then would never run.)"""
    try:
        return asyncio.get_event_loop_policy().get_event_loop().is_running()
    except RuntimeError:
        return False


def mark_closed(widget: QObject) -> None:
    """Say that `widget` (a detail tab, a dialog) is closing: its pending operations deliver nothing."""
    if shiboken6.isValid(widget):
        widget.setProperty(CLOSED, True)


def is_open(owner: QObject) -> bool:
    """Still there to be updated: neither deleted nor closed, nor inside something closed."""
    current: QObject | None = owner
    while current is not None:
        if not shiboken6.isValid(current) or current.property(CLOSED):
            return False
        current = current.parent()
    return True


Busy = QWidget | QAction


class OperationRunner(QObject):
    """Runs the blocking calls of one window's views on a small pool of its own."""

    busyChanged = Signal(bool)  # True while at least one operation runs

    def __init__(self, cluster: Callable[[], Cluster | None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cluster = cluster
        self._pool = ThreadPoolExecutor(max_workers=8, thread_name_prefix="crane-op")
        self._running = 0
        self._closed = False

    @property
    def running(self) -> int:
        return self._running

    async def run(self, owner: QObject, fn: Callable[..., T], *args: Any, busy: Iterable[Busy] = ()) -> T:
        """`fn(*args)` off the GUI thread; its result on the GUI thread while `owner` is open.

        Raises what `fn` raised, or OwnerGone.
        """
        return await self._run(owner, functools.partial(fn, *args), busy, shown=True)

    async def compute(self, owner: QObject, fn: Callable[..., T], *args: Any) -> T:
        """`run` for work the view does for itself on data it already holds (no engine call): not
        shown as busy in the status bar."""
        return await self._run(owner, functools.partial(fn, *args), (), shown=False)

    def submit(self, fn: Callable[..., T], *args: Any) -> Future[T]:
        """`fn(*args)` on the pool for an object that is not a view (it delivers the result itself,
        e.g. through `bridge.relay`); after `close` the future is cancelled at once."""
        if self._closed:
            cancelled: Future[T] = Future()
            cancelled.cancel()
            return cancelled
        return self._pool.submit(fn, *args)

    async def _run(self, owner: QObject, call: Callable[[], T], busy: Iterable[Busy], shown: bool) -> T:
        if self._closed:
            raise OwnerGone()
        disabled = [(widget, widget.isEnabled()) for widget in busy]
        for widget, _was in disabled:
            widget.setEnabled(False)
        self._running += shown
        if shown and self._running == 1:
            self.busyChanged.emit(True)
        try:
            result = await asyncio.get_running_loop().run_in_executor(self._pool, call)
        except Exception as error:
            if not is_open(owner):
                raise OwnerGone() from error
            raise
        finally:
            self._running -= shown
            if shown and self._running == 0 and shiboken6.isValid(self):
                self.busyChanged.emit(False)
            for widget, was in disabled:
                if shiboken6.isValid(widget):
                    widget.setEnabled(was)
        if not is_open(owner):
            raise OwnerGone()
        return result

    def cluster(self) -> Cluster:
        """The cluster in use; NotConnected when the window has none."""
        cluster = self._cluster()
        if cluster is None:
            raise NotConnected()
        return cluster

    async def on_cluster(
        self, owner: QObject, fn: Callable[..., T], *args: Any, busy: Iterable[Busy] = ()
    ) -> T:
        """`fn(cluster, *args)`: for calls that pick their engine (a node's own, the manager's)."""
        return await self.run(owner, fn, self.cluster(), *args, busy=busy)

    async def on_manager(
        self, owner: QObject, fn: Callable[..., T], *args: Any, busy: Iterable[Busy] = ()
    ) -> T:
        """`fn(client, *args)` with the client of the manager in use (resolved off the GUI thread)."""
        return await self.run(owner, _with_manager, self.cluster(), fn, *args, busy=busy)

    def close(self) -> None:
        """Forget queued calls and let running ones finish on their own; returns at once. A call asked
        for afterwards (a view refreshing while its window goes) ends as if its owner were gone."""
        self._closed = True
        self._pool.shutdown(wait=False, cancel_futures=True)


def _with_manager(cluster: Cluster, fn: Callable[..., T], *args: Any) -> T:
    client: docker.APIClient = cluster.client
    return fn(client, *args)
