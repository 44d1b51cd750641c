"""Typed access to a compose file's values: each reader checks a value's type (and a mapping's
keys) as docker's schema does and refuses what does not fit, naming the file, line and key."""

from __future__ import annotations

import contextlib
import math
import re
import shlex
from typing import Any, NoReturn

from crane_desktop.engine.compose import units
from crane_desktop.engine.compose.marks import Document, Path_
from crane_desktop.engine.compose.units import INT64_MAX
from crane_desktop.engine.i18n import QT_TRANSLATE_NOOP


class Typed:
    def __init__(self, document: Document) -> None:
        self.doc = document

    def fail(self, path: Path_, reason: str, /, **params: Any) -> NoReturn:
        self.doc.fail(path, reason, **params)

    def mapping(
        self, value: Any, path: Path_, keys: set[str] | None = None, *, null_ok: bool = True
    ) -> dict[str, Any]:
        if value is None and null_ok:
            return {}
        if not isinstance(value, dict):
            self.fail(path, QT_TRANSLATE_NOOP("engine", "must be a mapping (key: value)"))
        if keys is not None:
            for key in value:
                if key not in keys and not key.startswith("x-"):
                    self.fail((*path, key), QT_TRANSLATE_NOOP("engine", "unknown key “{name}”"), name=key)
        return value

    def string(self, value: Any, path: Path_) -> str:
        if isinstance(value, (bool, dict | list)) or value is None:
            self.fail(path, QT_TRANSLATE_NOOP("engine", "must be a string"))
        return str(value)

    def integer(self, value: Any, path: Path_, minimum: int | None = 0, maximum: int = INT64_MAX) -> int:
        if isinstance(value, str) and re.fullmatch(r"-?[0-9]+", value.strip()):
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(path, QT_TRANSLATE_NOOP("engine", "must be a whole number"))
        if minimum is not None and value < minimum:
            self.fail(path, QT_TRANSLATE_NOOP("engine", "must be at least {minimum}"), minimum=minimum)
        self.at_most(value, maximum, path)
        return value

    def at_most(self, value: float, limit: int, path: Path_, shown: str = "") -> None:
        """Refuse what the engine cannot hold, naming the maximum as one would write it (`shown`)."""
        if value > limit:  # exact: Python compares int and float without rounding
            self.fail(path, QT_TRANSLATE_NOOP("engine", "must be at most {maximum}"), maximum=shown or limit)

    def number(self, value: Any, path: Path_) -> float:
        if isinstance(value, str):
            with contextlib.suppress(ValueError):
                value = float(value)
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(path, QT_TRANSLATE_NOOP("engine", "must be a number"))
        try:
            number = float(value)
        except OverflowError:  # an integer beyond any float
            number = math.inf
        if not math.isfinite(number):
            self.fail(path, QT_TRANSLATE_NOOP("engine", "must be a number"))
        return number

    def boolean(self, value: Any, path: Path_) -> bool:
        if isinstance(value, str) and value.lower() in ("true", "false", "yes", "no", "on", "off"):
            return value.lower() in ("true", "yes", "on")
        if not isinstance(value, bool):
            self.fail(path, QT_TRANSLATE_NOOP("engine", "must be true or false"))
        return value

    def strings(self, value: Any, path: Path_) -> list[str]:
        if isinstance(value, str):
            return [value]
        if not isinstance(value, list):
            self.fail(path, QT_TRANSLATE_NOOP("engine", "must be a list of strings"))
        return [self.string(item, (*path, i)) for i, item in enumerate(value)]

    def listing(self, value: Any, path: Path_) -> list[Any]:
        """A list (absent: empty)."""
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(path, QT_TRANSLATE_NOOP("engine", "must be a list"))
        return value

    def string_list(self, value: Any, path: Path_) -> list[str]:
        if not isinstance(value, list):
            self.fail(path, QT_TRANSLATE_NOOP("engine", "must be a list of strings"))
        return [self.string(item, (*path, i)) for i, item in enumerate(value)]

    def command(self, value: Any, path: Path_) -> list[str]:
        if isinstance(value, str):
            try:
                return shlex.split(value)
            except ValueError as exc:
                self.fail(
                    path, QT_TRANSLATE_NOOP("engine", "cannot split the command: {reason}"), reason=str(exc)
                )
        return self.string_list(value, path)

    def duration(self, value: Any, path: Path_) -> int:
        """Go's time.ParseDuration, in nanoseconds (a bare number: seconds)."""
        if isinstance(value, int) and not isinstance(value, bool):
            self.at_most(value, INT64_MAX // units.NANO, path, units.DURATION_MAX)
            return value * units.NANO
        text = self.string(value, path).strip()
        if not text:
            return 0
        try:
            total = units.duration_ns(text)
        except ValueError:
            self.fail(
                path, QT_TRANSLATE_NOOP("engine", "“{text}” is not a duration (e.g. 10s, 1m30s)"), text=text
            )
        self.at_most(total, INT64_MAX, path, units.DURATION_MAX)  # Go's time.Duration
        return int(total)

    def size(self, value: Any, path: Path_) -> int:
        """docker's units.RAMInBytes: binary multiples (64M = 64 MiB)."""
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            self.at_most(value, INT64_MAX, path, units.SIZE_MAX)
            return value
        try:
            size = units.size_bytes(self.string(value, path))
        except ValueError:
            self.fail(path, QT_TRANSLATE_NOOP("engine", "“{text}” is not a size (e.g. 64M, 1G)"), text=value)
        self.at_most(size, INT64_MAX, path, units.SIZE_MAX)
        return int(size)

    def cpus(self, value: Any, path: Path_) -> int:
        """A number of CPUs, written as a string ("0.5") as docker's 3.x schemas require."""
        if not isinstance(value, str):
            self.fail(path, QT_TRANSLATE_NOOP("engine", "must be a string"))
        number = self.number(value, path)
        self.at_most(number * 1e9, INT64_MAX, path, units.CPUS_MAX)
        nano = units.nano_cpus(number) if number >= 0 else -1  # a huge negative one rounds to -inf
        if nano <= 0 and number != 0:
            self.fail(path, QT_TRANSLATE_NOOP("engine", "must be a positive number of CPUs"))
        return nano

    def key_values(self, value: Any, path: Path_, *, allow_none: bool = False) -> dict[str, str | None]:
        """Labels/environment: a mapping, or a list of KEY=VALUE (a bare KEY is None or "")."""
        result: dict[str, str | None] = {}
        if value is None:
            return result
        if isinstance(value, dict):
            for key, item in value.items():
                if item is None:
                    result[key] = None if allow_none else ""
                elif isinstance(item, bool | dict | list):  # docker's schemas: a string, number or null
                    self.fail((*path, key), QT_TRANSLATE_NOOP("engine", "must be a string, number or null"))
                else:
                    result[key] = str(item)
            return result
        for _i, item in enumerate(self.string_list(value, path)):
            key, sep, rest = item.partition("=")
            result[key] = rest if sep else (None if allow_none else "")
        return result
