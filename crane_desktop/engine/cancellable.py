"""The cancel flag of a long run of engine steps (a drain without downtime, a rotation)."""

from __future__ import annotations

import threading


class Cancellable:
    """`run` goes on a worker thread; `cancel` from any thread returns at once and takes effect at the
    run's next check (between steps and while it waits)."""

    def __init__(self) -> None:
        self._cancelled = threading.Event()

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()
