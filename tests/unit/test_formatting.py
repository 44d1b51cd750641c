"""The shared formatters: what every page shows for sizes, CPUs, percents, durations and times."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from crane_desktop.engine.compose import units
from crane_desktop.engine.formatting import (
    byte_size,
    clock_time,
    cpu_amount,
    cpu_load,
    cpu_percent,
    duration,
    full_time,
    local_date,
    local_time,
    percent,
)
from crane_desktop.engine.service_form import duration_text
from crane_desktop.engine.snapshots import EPOCH

SECOND = 10**9


@pytest.mark.parametrize(
    ("nanoseconds", "text"),
    [
        (None, "0s"),
        (0, "0s"),
        (90 * SECOND, "1m30s"),
        (3600 * SECOND, "1h"),
        (3690 * SECOND, "1h1m30s"),
        (5 * SECOND, "5s"),
        (1_500_000_000, "1s500ms"),
        (250_000_000, "250ms"),
        (7, "7ns"),
        (1_000_001, "1ms1ns"),
        (-30 * SECOND, "-30s"),
    ],
)
def test_duration_writes_what_a_form_field_takes(nanoseconds, text):
    assert duration(nanoseconds) == text
    if nanoseconds:  # the same text read back (the form's parser) is the same duration
        assert units.duration_ns(text.lstrip("-")) == abs(nanoseconds)


def test_the_form_and_the_detail_write_durations_alike():
    assert duration_text(90 * SECOND) == duration(90 * SECOND) == "1m30s"


@pytest.mark.parametrize(
    ("size", "text"), [(0, "0 B"), (1023, "1023 B"), (1536, "1.5 KiB"), (3 * 1024**3, "3.0 GiB")]
)
def test_byte_size_in_binary_units(size, text):
    assert byte_size(size) == text


def test_cpus_as_people_write_them():
    assert [cpu_amount(n) for n in (2 * SECOND, SECOND // 2, 125_000_000, 0)] == ["2", "0.5", "0.125", "0"]
    assert [cpu_load(x) for x in (0.25, 1.5, 0)] == ["0.25", "1.50", "0.00"]


def test_percent_in_whole_percents_and_a_sliver_above_zero_shows():
    assert [percent(x) for x in (0, 0.004, 0.5, 1.0, 1.254)] == ["0%", "<1%", "50%", "100%", "125%"]
    assert cpu_percent(12.345) == "12.3%"


def test_times_and_days_in_the_workstations_zone(monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    try:
        late = datetime(2026, 11, 29, 17, 30, 5, tzinfo=UTC)  # 01:30 the next day in Shanghai
        assert clock_time(late) == "01:30:05"
        assert local_date(late) == "2026-11-30"
        assert local_time(late) == "2026-11-30 01:30"
        assert local_time(EPOCH) == "" and full_time(EPOCH) == ""
    finally:
        monkeypatch.undo()
        time.tzset()
