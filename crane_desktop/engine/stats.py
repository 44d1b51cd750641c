"""Container resource samples from the engine's stats stream, computed as the docker CLI does.

CPU % = (container cpu delta / system cpu delta) x online CPUs x 100; memory = usage minus the page cache
(cgroup v1 `total_inactive_file`/`cache`, v2 `inactive_file`); network and block I/O as rates per second.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import docker
import requests

from crane_desktop.engine import api
from crane_desktop.engine.streams import EngineStream

log = logging.getLogger("crane.engine.stats")


@dataclass(frozen=True, slots=True)
class Sample:
    """One stats sample (t in seconds since the epoch, from the engine's `read` time when present)."""

    t: float
    cpu_percent: float
    mem_usage: int
    mem_limit: int
    net_rx: int  # cumulative bytes
    net_tx: int
    blk_read: int
    blk_write: int
    pids: int = 0

    @property
    def mem_percent(self) -> float:
        return 100.0 * self.mem_usage / self.mem_limit if self.mem_limit else 0.0


@dataclass(frozen=True, slots=True)
class Rates:
    """Per-second network and block I/O rates between two samples."""

    net_rx: float
    net_tx: float
    blk_read: float
    blk_write: float


def _int(data: dict[str, Any], *path: str) -> int:
    for key in path:
        data = data.get(key) or {} if isinstance(data, dict) else {}
    return int(data) if isinstance(data, int) else 0


def cpu_percent(stats: dict[str, Any], previous: dict[str, Any] | None = None) -> float:
    """The docker CLI's CPU %: against `precpu_stats` (or a previous sample's `cpu_stats`)."""
    cpu = stats.get("cpu_stats") or {}
    pre = (previous or {}).get("cpu_stats") if previous else stats.get("precpu_stats")
    pre = pre or {}
    cpu_delta = _int(cpu, "cpu_usage", "total_usage") - _int(pre, "cpu_usage", "total_usage")
    system_delta = int(cpu.get("system_cpu_usage") or 0) - int(pre.get("system_cpu_usage") or 0)
    online = (
        int(cpu.get("online_cpus") or 0) or len((cpu.get("cpu_usage") or {}).get("percpu_usage") or []) or 1
    )
    if cpu_delta <= 0 or system_delta <= 0:
        return 0.0
    return cpu_delta / system_delta * online * 100.0


def memory_usage(stats: dict[str, Any]) -> tuple[int, int]:
    """(usage minus cache, limit) as `docker stats` shows them."""
    memory = stats.get("memory_stats") or {}
    usage = int(memory.get("usage") or 0)
    detail = memory.get("stats") or {}
    if "total_inactive_file" in detail and detail["total_inactive_file"] < usage:  # cgroup v1
        usage -= int(detail["total_inactive_file"])
    elif "inactive_file" in detail and detail["inactive_file"] < usage:  # cgroup v2
        usage -= int(detail["inactive_file"])
    elif "cache" in detail and detail["cache"] < usage:  # old cgroup v1 engines
        usage -= int(detail["cache"])
    return usage, int(memory.get("limit") or 0)


def network_bytes(stats: dict[str, Any]) -> tuple[int, int]:
    rx = tx = 0
    for iface in (stats.get("networks") or {}).values():
        rx += int(iface.get("rx_bytes") or 0)
        tx += int(iface.get("tx_bytes") or 0)
    return rx, tx


def block_bytes(stats: dict[str, Any]) -> tuple[int, int]:
    read = write = 0
    for entry in (stats.get("blkio_stats") or {}).get("io_service_bytes_recursive") or []:
        op = str(entry.get("op", "")).lower()
        if op == "read":
            read += int(entry.get("value") or 0)
        elif op == "write":
            write += int(entry.get("value") or 0)
    return read, write


def parse_time(text: str) -> float:
    """Seconds since the epoch from the engine's RFC 3339 nanosecond time ("" or zero time -> 0)."""
    from datetime import datetime

    if not text or text.startswith("0001"):
        return 0.0
    head, _, frac = text.rstrip("Z").partition(".")
    zone = ""
    for sign in ("+", "-"):
        if sign in frac:
            frac, zone = frac.split(sign, 1)[0], sign + frac.split(sign, 1)[1]
    try:
        base = datetime.fromisoformat(head + (zone or "+00:00")).timestamp()
    except ValueError:
        return 0.0
    return base + (float("0." + frac[:9]) if frac.isdigit() else 0.0)


def sample_from(stats: dict[str, Any], previous: dict[str, Any] | None = None, now: float = 0.0) -> Sample:
    usage, limit = memory_usage(stats)
    rx, tx = network_bytes(stats)
    read, write = block_bytes(stats)
    return Sample(
        t=parse_time(stats.get("read", "")) or now,
        cpu_percent=cpu_percent(stats, previous),
        mem_usage=usage,
        mem_limit=limit,
        net_rx=rx,
        net_tx=tx,
        blk_read=read,
        blk_write=write,
        pids=int((stats.get("pids_stats") or {}).get("current") or 0),
    )


def rates(previous: Sample | None, current: Sample) -> Rates:
    """Bytes per second since the previous sample (zero for the first one or a counter reset)."""
    if previous is None or current.t <= previous.t:
        return Rates(0.0, 0.0, 0.0, 0.0)
    span = current.t - previous.t

    def rate(now: int, before: int) -> float:
        return max(0, now - before) / span

    return Rates(
        rate(current.net_rx, previous.net_rx),
        rate(current.net_tx, previous.net_tx),
        rate(current.blk_read, previous.blk_read),
        rate(current.blk_write, previous.blk_write),
    )


class StatsStream(EngineStream):
    """Follows one container's stats (about one sample a second) on a thread with its own client.

    `sink(container_id, Sample, Rates)` is called from the stream's thread; `on_end(error)` once at the end.
    """

    kind = "stats"

    def __init__(
        self,
        client_factory: Callable[[], docker.APIClient],
        container_id: str,
        sink: Callable[[str, Sample, Rates], None],
        on_end: Callable[[Exception | None], None] | None = None,
    ) -> None:
        super().__init__(client_factory, container_id, on_end)
        self.container_id = container_id
        self._sink = sink

    def _open(self, client: docker.APIClient) -> requests.Response:
        return api.open_stream(client, "/containers/{0}/stats", self.container_id, params={"stream": True})

    def _pump(self, response: requests.Response) -> None:
        previous: Sample | None = None
        for raw in api.stream_lines(response):  # whole HTTP chunks: fewer Python steps
            if self._stop.is_set():
                return
            if not raw:
                continue
            sample = sample_from(json.loads(raw))
            if sample.t == 0.0:  # a stopped container answers zero times
                continue
            self._sink(self.container_id, sample, rates(previous, sample))
            previous = sample
