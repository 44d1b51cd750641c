"""What the fuzz tests require of anything the app would send the engine."""

from __future__ import annotations

import math
from typing import Any

INT64 = 2**63


def assert_numbers_fit(value: Any, where: str = "") -> None:
    """Every number in a spec or plan fits the engine's integer types and is finite."""
    if isinstance(value, bool):
        return
    if isinstance(value, int):
        assert -INT64 <= value < INT64, f"{where}: {value} does not fit the engine's integers"
    elif isinstance(value, float):
        assert math.isfinite(value), f"{where}: {value}"
    elif isinstance(value, dict):
        for key, item in value.items():
            assert_numbers_fit(item, f"{where}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            assert_numbers_fit(item, f"{where}[{i}]")
