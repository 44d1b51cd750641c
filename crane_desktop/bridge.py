"""Handing a stream thread's news to a widget that may be gone by then.

Stopping a stream returns at once (its thread ends on its own), so a log, stats, exec or events thread
can still report an end or an event while the GUI thread closes and deletes the widget it reports to.
Two things crash the process then: emitting a signal of a QObject being deleted on another thread, and
a worker thread dropping the last Python reference to a widget (Qt then deletes it on that thread). So
a stream thread gets neither the widget nor its bound methods:

`relay(widget.method)` gives a callback that runs the method on the GUI thread, through one QObject
that lives as long as the application, only if the widget still exists. The worker holds only a weak
reference, and never turns it into a strong one (that could make it the last owner): it is resolved on
the GUI thread. Data a stream produces goes into an inbox object the widget owns (a lock and a list),
which the thread holds instead of the widget.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal


class _Bridge(QObject):
    queued = Signal(object, object, object)  # weak reference to the target, function, args

    def __init__(self) -> None:
        super().__init__()
        self.queued.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @staticmethod
    def _deliver(target: weakref.ref[QObject], fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
        alive = target()
        if alive is not None and shiboken6.isValid(alive):
            fn(alive, *args)


_bridge: _Bridge | None = None


def relay(method: Callable[..., Any]) -> Callable[..., None]:
    """Called on the GUI thread (where the bridge is made, once): a callback for another thread that
    runs `method` (bound to a QObject) on the GUI thread, unless its object is gone by then."""
    global _bridge
    if _bridge is None:
        _bridge = _Bridge()
    target = weakref.ref(method.__self__)  # type: ignore[attr-defined]
    function = method.__func__  # type: ignore[attr-defined]

    def call(*args: Any) -> None:
        if _bridge is not None:
            _bridge.queued.emit(target, function, args)

    return call
