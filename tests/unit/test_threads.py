"""Background threads give way to the GUI thread (a nice value per thread: Linux, where the tests run)."""

from __future__ import annotations

import os
import threading

from crane_desktop.engine.threads import BACKGROUND_NICE, lower_priority


def test_a_background_thread_lowers_its_own_priority_only():
    seen: list[int] = []

    def background() -> None:
        lower_priority()
        seen.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))

    before = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    thread = threading.Thread(target=background)
    thread.start()
    thread.join()
    assert seen == [max(before, BACKGROUND_NICE)]
    # The calling (GUI) thread keeps its own.
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == before
