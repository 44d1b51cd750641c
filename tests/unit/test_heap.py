"""Cyclic garbage is collected on the GUI thread, never on a worker's (crane_desktop/heap.py): a worker
thread that churns reference cycles does not run a collection; the GUI thread's timer does."""

from __future__ import annotations

import gc
import threading


class Link:
    other: Link | None = None


def churn_cycles(count: int) -> None:
    for _ in range(count):
        first, second = Link(), Link()
        first.other, second.other = second, first


def test_cycles_made_by_a_worker_are_collected_on_the_gui_thread(qtbot, collector):
    collecting: list[threading.Thread] = []

    def note(phase: str, info: dict) -> None:
        if phase == "start":
            collecting.append(threading.current_thread())

    gc.callbacks.append(note)
    try:
        worker = threading.Thread(target=churn_cycles, args=(50_000,), name="churn")
        worker.start()
        worker.join()
        assert collecting == []  # 100,000 cycles and no collection on the worker's thread
        qtbot.waitUntil(lambda: bool(collecting), timeout=5000)  # the GUI thread's timer collects
        assert set(collecting) == {threading.main_thread()}
    finally:
        gc.callbacks.remove(note)
