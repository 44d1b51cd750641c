"""Time order for a service's log backfill.

The engine sends a service's past lines task by task (each task's tail, then the next), so the first
screen of a service's log jumps back and forth in time. The backfill is therefore read on its own
(follow=0), sorted by the engine's timestamps and only then followed from its last timestamp; the lines
the follow repeats (the engine's `since` includes that very instant) are dropped once. Qt-free.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from typing import Generic, Protocol, TypeVar


class Stamped(Protocol):
    @property
    def time(self) -> str: ...

    @property
    def task_id(self) -> str: ...

    @property
    def stream(self) -> int: ...

    @property
    def text(self) -> str: ...


T = TypeVar("T", bound=Stamped)


def stamp_key(stamp: str) -> str:
    """A key that sorts RFC 3339 UTC stamps in time order even when their fractions differ in length."""
    head, dot, rest = stamp.partition(".")
    if not dot:
        return head.rstrip("Z") + ".000000000"
    digits = rest.rstrip("Z")
    return f"{head}.{digits[:9]:0<9}"


def in_time_order(lines: Iterable[T]) -> list[T]:
    """The lines sorted by their timestamps; a line without one keeps the place of the line before it."""
    keyed = []
    last = ""
    for position, line in enumerate(lines):
        if line.time:
            last = stamp_key(line.time)
        keyed.append((last, position, line))
    keyed.sort(key=lambda item: (item[0], item[1]))
    return [line for _, _, line in keyed]


def since_param(stamp: str) -> str:
    """The engine's `since` parameter (UNIX seconds with nanoseconds) for an RFC 3339 UTC stamp."""
    key = stamp_key(stamp)
    whole, _, fraction = key.partition(".")
    seconds = int(datetime.fromisoformat(whole).replace(tzinfo=UTC).timestamp())
    return f"{seconds}.{fraction}"


class RepeatFilter:
    """Drops, once each, the lines the follow repeats from the end of the backfill (same instant)."""

    def __init__(self, backfill: Sequence[Stamped]) -> None:
        self.last = backfill[-1].time if backfill else ""
        self._seen = Counter(_identity(line) for line in backfill if line.time == self.last and self.last)
        self._left = self._seen.total()

    def keep(self, line: Stamped) -> bool:
        if not self._left:
            return True
        if line.time != self.last:
            if line.time and stamp_key(line.time) > stamp_key(self.last):
                self._left = 0  # past the backfill's last instant: nothing more to drop
            return True
        identity = _identity(line)
        if self._seen[identity]:
            self._seen[identity] -= 1
            self._left -= 1
            return False
        return True


def _identity(line: Stamped) -> tuple[str, str, int, str]:
    return (line.time, line.task_id, line.stream, line.text)


class BackfillMerge(Generic[T]):
    """Several services' logs into one sink (the app detail's Logs tab) with their pasts merged by time.

    Each service's stream gives its sorted backfill once (`backfill`, possibly empty), then live lines
    (`live`). Until every expected stream gave its backfill or ended (`give_up`), everything is held; then
    the backfills go out as one batch in time order, followed by the live lines held meanwhile (also in
    time order), and from then on everything passes straight through. A stream expected later (a service
    joining the app) passes straight through. Thread-safe: the streams call it from their threads; the
    sink is called under the lock, so batches keep their order.
    """

    def __init__(self, sink: Callable[[list[T]], None]) -> None:
        self._sink = sink
        self._lock = threading.Lock()
        self._waiting: set[str] = set()
        self._past: list[T] = []
        self._held: list[T] = []
        self.merged = False

    def expect(self, key: str) -> None:
        with self._lock:
            if not self.merged:
                self._waiting.add(key)

    def backfill(self, key: str, lines: list[T]) -> None:
        with self._lock:
            if self.merged:
                self._give(lines)
                return
            self._past.extend(lines)
            self._done(key)

    def live(self, key: str, lines: list[T]) -> None:
        with self._lock:
            if self.merged:
                self._give(lines)
            else:
                self._held.extend(lines)

    def give_up(self, key: str) -> None:
        """The stream of `key` ended or is no longer wanted: not waited for any more."""
        with self._lock:
            if not self.merged:
                self._done(key)

    def _done(self, key: str) -> None:
        self._waiting.discard(key)
        if self._waiting:
            return
        self.merged = True
        past, held = in_time_order(self._past), in_time_order(self._held)
        self._past, self._held = [], []
        self._give(past + held)

    def _give(self, lines: list[T]) -> None:
        if lines:
            self._sink(lines)
