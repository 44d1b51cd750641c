"""The shared formatters: what every page shows for sizes, CPUs and durations."""

from __future__ import annotations

import pytest

from crane_desktop.engine.compose import units
from crane_desktop.engine.formatting import byte_size, cpu_amount, cpu_load, duration
from crane_desktop.engine.service_form import duration_text

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
