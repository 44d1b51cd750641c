"""Stats maths as the docker CLI does it: CPU %, memory minus cache, rates."""

from __future__ import annotations

import pytest

from crane_desktop.engine.stats import Sample, cpu_percent, memory_usage, parse_time, rates, sample_from


def _stats(total, system, online=2, precpu=(0, 0)):
    return {
        "read": "2026-11-26T15:00:01.5Z",
        "cpu_stats": {"cpu_usage": {"total_usage": total}, "system_cpu_usage": system, "online_cpus": online},
        "precpu_stats": {"cpu_usage": {"total_usage": precpu[0]}, "system_cpu_usage": precpu[1]},
    }


def test_cpu_percent_like_the_cli():
    # 0.5 s of CPU over 1 s of the whole 2-CPU system's time (system counts all CPUs: 2 s) -> 50 %.
    stats = _stats(1_500_000_000, 12_000_000_000, 2, precpu=(1_000_000_000, 10_000_000_000))
    assert cpu_percent(stats) == pytest.approx(50.0)


def test_cpu_percent_without_online_cpus_counts_percpu():
    stats = _stats(2_000, 4_000, online=0, precpu=(1_000, 2_000))
    stats["cpu_stats"]["cpu_usage"]["percpu_usage"] = [1, 1, 1, 1]
    assert cpu_percent(stats) == pytest.approx(200.0)


def test_first_sample_has_no_delta():
    assert cpu_percent(_stats(5, 0, precpu=(0, 0))) == 0.0


@pytest.mark.parametrize(
    ("detail", "expected"),
    [
        ({"total_inactive_file": 30}, 70),  # cgroup v1
        ({"inactive_file": 40}, 60),  # cgroup v2
        ({"cache": 10}, 90),  # old engines
        ({}, 100),
    ],
)
def test_memory_minus_cache(detail, expected):
    assert memory_usage({"memory_stats": {"usage": 100, "limit": 1000, "stats": detail}}) == (expected, 1000)


def test_sample_and_rates():
    stats = _stats(0, 0)
    stats["networks"] = {"eth0": {"rx_bytes": 1000, "tx_bytes": 10}, "eth1": {"rx_bytes": 24, "tx_bytes": 0}}
    stats["blkio_stats"] = {
        "io_service_bytes_recursive": [{"op": "Read", "value": 4096}, {"op": "Write", "value": 8192}]
    }
    sample = sample_from(stats)
    assert (sample.net_rx, sample.net_tx, sample.blk_read, sample.blk_write) == (1024, 10, 4096, 8192)
    assert sample.t == pytest.approx(parse_time("2026-11-26T15:00:00Z") + 1.5)
    later = Sample(sample.t + 2, 0.0, 0, 0, 3072, 10, 4096, 16384)
    rate = rates(sample, later)
    assert (rate.net_rx, rate.net_tx, rate.blk_read, rate.blk_write) == (1024.0, 0.0, 0.0, 4096.0)
    assert rates(None, sample).net_rx == 0.0


def test_parse_time_zero_and_nanoseconds():
    assert parse_time("0001-01-01T00:00:00Z") == 0.0
    assert parse_time("2026-11-26T15:00:00.123456789Z") - parse_time("2026-11-26T15:00:00Z") == pytest.approx(
        0.123456789
    )
