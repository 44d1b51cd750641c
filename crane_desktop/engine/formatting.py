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
