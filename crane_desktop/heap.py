"""Keeping the garbage collector's full collections short.

A full collection walks every object the collector tracks and holds the GIL meanwhile: with the
modules, classes and Qt wrappers of a started app that is ~60,000 objects and ~20 ms on our machines,
paid again every time a log flood or a big task list has churned enough objects to trigger one.
Objects alive once the first window is up live as long as the app; `gc.freeze()` takes them out of
every later collection (reference counting still frees them), so later collections walk only what
came after.
"""

from __future__ import annotations

import gc


def settle() -> None:
    """Collect what is garbage now, then freeze the survivors (call once the app has started)."""
    gc.collect()
    gc.freeze()
