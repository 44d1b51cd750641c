"""Background threads give way to the GUI thread.

Log and stats streams and the watcher parse what they read in Python. When the workstation is busy
the OS scheduler treats them as the GUI thread's equals, and the GUI waits its turn for a core: a
frame late, then several. On Linux a thread has a nice value of its own, and raising it needs no
privilege, so these threads lower theirs and the GUI thread keeps its place. Elsewhere this does
nothing (macOS and Windows have no per-thread nice that works the same way).
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Callable

log = logging.getLogger("crane.engine.threads")

BACKGROUND_NICE = 5


def lower_priority() -> None:
    """Lower the calling thread's CPU priority (Linux only; a no-op where it cannot)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        tid = threading.get_native_id()
        os.setpriority(os.PRIO_PROCESS, tid, max(os.getpriority(os.PRIO_PROCESS, tid), BACKGROUND_NICE))
    except OSError:
        log.debug("cannot lower this thread's priority", exc_info=True)


def reap(name: str, work: Callable[[], object], done: threading.Event) -> threading.Thread:
    """Run `work` (joins, shutdowns: whatever may wait) on a daemon thread of its own, then set `done`.

    Why: stopping a stream or closing a profile is asked for on the GUI thread, which must not wait
    for another thread to notice; `done` tells tests and an orderly exit when all has ended.
    """

    def run() -> None:
        try:
            work()
        except Exception:
            log.exception("reaping %s failed", name)
        finally:
            done.set()

    reaper = threading.Thread(target=run, name=name, daemon=True)
    reaper.start()
    return reaper
