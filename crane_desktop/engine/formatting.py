"""Plain-text formatting shared by models and views (no Qt)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from crane_desktop.engine.snapshots import EPOCH


def short_id(object_id: str, length: int = 12) -> str:
    return object_id[:length]


def local_time(moment: datetime) -> str:
    """Minutes in the workstation's time zone; empty for an unknown time."""
    if moment == EPOCH:
        return ""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def clock_time(moment: datetime) -> str:
    """Seconds of the day in the workstation's time zone (a chart's hover): 14:03:27."""
    return moment.astimezone().strftime("%H:%M:%S")


def local_date(moment: datetime) -> str:
    """The day in the workstation's time zone: 2026-11-29."""
    return moment.astimezone().date().isoformat()


def seconds_time(moment: datetime) -> str:
    """To the second in the workstation's time zone (events a second apart are told apart)."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def full_time(moment: datetime) -> str:
    if moment == EPOCH:
        return ""
    return moment.astimezone().isoformat(timespec="seconds")


def labels_text(labels: Iterable[tuple[str, str]]) -> str:
    return ", ".join(f"{key}={value}" if value else key for key, value in labels)


def byte_size(size: int) -> str:
    """Binary units, one decimal: 1.5 GiB."""
    value = float(size)
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if abs(value) < 1024 or unit == "TiB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"


def cpu_amount(nano_cpus: int) -> str:
    """CPUs as people write them, from the API's billionths: 2, 0.5, 0.125 (zero: 0)."""
    return f"{round(nano_cpus / 1e9, 3):g}"


_DURATION_UNITS = (
    ("h", 3600 * 10**9),
    ("m", 60 * 10**9),
    ("s", 10**9),
    ("ms", 10**6),
    ("us", 10**3),
    ("ns", 1),
)


def duration(nanoseconds: int | None) -> str:
    """The API's nanoseconds as the forms write a duration, exact and in Go's syntax so that the same
    text goes back into a form: 1m30s, 1h, 1s500ms, 0s (unset or zero: 0s)."""
    if not nanoseconds:
        return "0s"
    sign, rest = ("-", -nanoseconds) if nanoseconds < 0 else ("", nanoseconds)
    parts = []
    for unit, size in _DURATION_UNITS:
        count, rest = divmod(rest, size)
        if count:
            parts.append(f"{count}{unit}")
    return sign + "".join(parts)


def cpu_load(cpus: float) -> str:
    """A measured CPU use in CPUs, two decimals: 0.25, 1.50."""
    return f"{cpus:.2f}"


def percent(fraction: float) -> str:
    """Whole percents of a fraction; a little above zero reads "<1%", not "0%"."""
    if 0 < fraction < 0.01:
        return "<1%"
    return f"{fraction * 100:.0f}%"


def cpu_percent(value: float) -> str:
    """A CPU use as the engine's stats give it (100 = one CPU), one decimal: 12.5%."""
    return f"{value:.1f}%"
