"""The units compose values are written in, parsed as docker parses them (and durations printed as
Go prints them); shared by the compose converter, `stack config` and the deploy form's validator, so
all accept exactly the same text.

Parsers return the exact amount (a float, possibly beyond what the engine holds: callers compare it
with INT64_MAX and say so in their own words) and raise ValueError for text that is no amount."""

from __future__ import annotations

import re

INT64_MAX = 2**63 - 1  # the engine's integers (durations in ns, sizes in bytes, counts)
NANO = 10**9
DURATION_UNITS = {
    "ns": 1,
    "us": 1_000,
    "µs": 1_000,
    "ms": 1_000_000,
    "s": NANO,
    "m": 60 * NANO,
    "h": 3600 * NANO,
}
DURATION_MAX = "2562047h"  # INT64_MAX nanoseconds, as one would write it
SIZE_MAX = "8191P"  # INT64_MAX bytes
CPUS_MAX = "9223372036"  # INT64_MAX nano-CPUs
# the least the engine takes for a service's limit or reservation (swarmkit's validateResources)
MIN_NANO_CPUS = 1_000_000  # 0.001 CPU
MIN_MEMORY_BYTES = 4 * 1024 * 1024  # 4M

_DURATION = re.compile(r"(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)")
_SIZE = re.compile(r"^(\d+(?:\.\d+)?)\s*([kmgtp]?)(i?b?)$", re.I)


def duration_ns(text: str) -> float:
    """Go's time.ParseDuration (`1m30s`, `1.5h`, `0`), in nanoseconds; inf when the digits overflow."""
    text = text.strip()
    if text == "0":
        return 0
    position, total = 0, 0.0
    for match in _DURATION.finditer(text):
        if match.start() != position:
            break
        total += float(match.group(1)) * DURATION_UNITS[match.group(2)]
        position = match.end()
    if not text or position != len(text):
        raise ValueError(text)
    return total


def size_bytes(text: str) -> float:
    """docker's units.RAMInBytes: binary multiples (64M = 64 MiB); inf when the digits overflow."""
    match = _SIZE.match(text.strip())
    if not match:
        raise ValueError(text)
    factor: int = 1024 ** "bkmgtp".index(match.group(2).lower() or "b")
    return float(match.group(1)) * factor


def nano_cpus(cpus: float) -> int:
    """A number of CPUs as the engine's nano-CPUs, rounded as docker's ParseCPUs."""
    return round(cpus * 1e9)


def go_duration(nanoseconds: int) -> str:
    """Go's time.Duration.String: 1m30s, 1.5s, 1h0m0s, 500ms, 0s."""
    if nanoseconds == 0:
        return "0s"
    sign, ns = ("-", -nanoseconds) if nanoseconds < 0 else ("", nanoseconds)
    if ns < NANO:
        for unit, size in (("ms", 10**6), ("µs", 10**3), ("ns", 1)):
            if ns >= size:
                return sign + _decimal(ns, size) + unit
    hours, rest = divmod(ns, 3600 * NANO)
    minutes, rest = divmod(rest, 60 * NANO)
    text = _decimal(rest, NANO) + "s"
    if hours:
        return f"{sign}{hours}h{minutes}m{text}"
    return f"{sign}{minutes}m{text}" if minutes else sign + text


def _decimal(value: int, size: int) -> str:
    whole, fraction = divmod(value, size)
    digits = str(fraction).rjust(len(str(size)) - 1, "0").rstrip("0")
    return f"{whole}.{digits}" if digits else str(whole)
