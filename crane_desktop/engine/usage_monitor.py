"""One node's live usage, measured every few seconds on a thread of its own (the node detail's charts).

One worker per node, not a stats stream per container: a node may run hundreds of containers. Each
round is one `UsageSampler` measurement (one-shot samples of every running container, side by side,
summed); rounds start every `period` seconds, or back to back when a round takes longer.
The lifecycle is `EngineStream`'s: `stop()` returns at once (the samples not yet asked for are
skipped, the ones in flight end at the engine's next tick), the thread closes its client on its way
out, and an error ends the monitor, reported once through `on_end(error)`.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import docker

from crane_desktop.engine.capacity import Usage, UsageSampler
from crane_desktop.engine.streams import EngineStream

PERIOD = 3.0  # seconds between the starts of two measurements
BASELINE_PAUSE = 1.0  # seconds from the baseline to the first measurement shown
SAMPLERS = 32  # stats requests in flight at once (they share the engine's 1 s collector tick)


class UsageMonitor(EngineStream):
    """`sink(Usage)` is called from the monitor's thread after every measurement but the baseline."""

    kind = "usage"

    def __init__(
        self,
        client_factory: Callable[[], docker.APIClient],
        target: str,
        sink: Callable[[Usage], None],
        on_end: Callable[[Exception | None], None] | None = None,
        period: float = PERIOD,
    ) -> None:
        super().__init__(client_factory, target, on_end)
        self._sink = sink
        self.period = period

    def _follow(self, client: docker.APIClient) -> None:
        """Measure until stopped (an error ends it: `EngineStream` reports it)."""
        sampler = UsageSampler(samplers=SAMPLERS)
        while not self._stop.is_set():
            started = time.monotonic()
            usage = sampler.measure(client, self._stop)
            if self._stop.is_set():
                return
            if not usage.baseline:
                self._sink(usage)
            pause = min(self.period, BASELINE_PAUSE) if usage.baseline else self.period
            self._stop.wait(max(0.0, pause - (time.monotonic() - started)))
