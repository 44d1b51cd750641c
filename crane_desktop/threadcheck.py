"""A checking mode for the threading rule: GUI-owned state is touched only on the GUI thread.

The store, the table models and the views' own state belong to the GUI thread; worker threads (engine
calls, streams, the watcher) get plain values and hand results back through signals or the operation
runner. `gui_thread_only(what)` guards such state. It costs nothing unless CRANE_THREAD_CHECKS=1 (the
tests set it): then a touch from another thread is recorded in `violations` and raised, so a test
fails even when the worker swallows the exception.
"""

from __future__ import annotations

import os
import threading
import traceback

ENABLED = os.environ.get("CRANE_THREAD_CHECKS") == "1"

violations: list[str] = []


class ThreadViolation(AssertionError):
    """GUI-owned state was read or written off the GUI thread."""


def gui_thread_only(what: str) -> None:
    """Fail (in checking mode) unless the caller runs on the main (GUI) thread."""
    if not ENABLED or threading.current_thread() is threading.main_thread():
        return
    stack = "".join(traceback.format_stack(limit=8))
    message = f"{what} touched on thread {threading.current_thread().name}\n{stack}"
    violations.append(message)
    raise ThreadViolation(message)


def take_violations() -> list[str]:
    """The violations recorded so far, forgetting them (one test's worth at a time)."""
    found = list(violations)
    violations.clear()
    return found
