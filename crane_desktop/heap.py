"""The garbage collector: full collections kept short, and cyclic collections on the GUI thread only.

A full collection walks every object the collector tracks and holds the GIL meanwhile: with the
modules, classes and Qt wrappers of a started app that is ~60,000 objects and ~20 ms on our machines,
paid again every time a log flood or a big task list has churned enough objects to trigger one.
Objects alive once the first window is up live as long as the app; `gc.freeze()` takes them out of
every later collection (reference counting still frees them), so later collections walk only what
came after.

Python's collector runs in whichever thread happens to allocate when a threshold is crossed. Qt
objects sit in reference cycles (pyqtgraph's plots and their menus, widgets and their slots), so a
stream thread could collect a closed chart: PySide then defers the C++ deletion to the GUI thread,
where it was seen to hang in ~QObject (a chart's menu, tests/faults/test_daemon_restart.py) and once to
crash. `GuiThreadCollector` turns automatic collection off and collects on the GUI thread on a timer,
by Python's own thresholds. Reference counting frees everything else at once, as before.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

COLLECT_EVERY_MS = 250


def settle() -> None:
    """Collect what is garbage now, then freeze the survivors (call once the app has started)."""
    gc.collect()
    gc.freeze()


class GuiThreadCollector(QObject):
    """Cyclic garbage collected on the thread this lives in (the GUI thread), never on a worker's."""

    def __init__(self, parent: QObject, interval_ms: int = COLLECT_EVERY_MS) -> None:
        super().__init__(parent)
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.collect)
        self.timer.start()

    def collect(self) -> None:
        """The collection Python would have run by now: the oldest generation over its threshold."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        for generation in (2, 1, 0):
            if counts[generation] > thresholds[generation]:
                gc.collect(generation)
                return

    def stop(self) -> None:
        """Back to Python's own collection (the app is done with Qt)."""
        self.timer.stop()
        gc.enable()
