"""Where a compose value came from: a file's values with the line of each path (and, once several
files are merged, the file), and the refusals and warnings that name that file, line and key."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NoReturn

from crane_desktop.engine.errors import EngineError
from crane_desktop.engine.i18n import QT_TRANSLATE_NOOP

Path_ = tuple[Any, ...]  # the keys and list indexes from the top of the file to a value
Lookup = Callable[[str], str | None]  # a variable's value, None when unset


class ComposeError(EngineError):
    """The compose file is invalid; `line` (1-based, 0 when unknown) and `key` say where."""

    template = QT_TRANSLATE_NOOP("engine", "Line {line}, {key}: {reason}")

    def __init__(self, reason: str, /, *, line: int = 0, key: str = "", **params: Any) -> None:
        self.line = line
        self.key = key
        self.reason_template = reason
        self.reason_params = params
        self.reason = reason.format(**params) if params else reason
        super().__init__(line=line, key=key or "-", reason=self.reason)


IGNORED_UNSUPPORTED = "unsupported"
IGNORED_DEPRECATED = "deprecated"


@dataclass(frozen=True)
class ComposeWarning:
    """Something docker accepts but warns about; `line` (0 when unknown) and `key` say where."""

    reason_template: str
    reason_params: dict[str, Any] = field(default_factory=dict)
    line: int = 0
    key: str = ""
    ignored: str = ""  # IGNORED_UNSUPPORTED or IGNORED_DEPRECATED: an option stack deploy does not use
    option: str = ""  # that option's name, as docker's "Ignoring ... options" lines give it
    file: str = ""  # the file's name when several are merged (the key starts with it too)

    @property
    def reason(self) -> str:
        return self.reason_template.format(**self.reason_params)

    @property
    def message(self) -> str:
        return f"Line {self.line}, {self.key or '-'}: {self.reason}" if self.line else self.reason


def dotted(path: Path_) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def unset(_name: str) -> str | None:
    """No variable is set (a file that is read but not interpolated)."""
    return None


class Document:
    """A file's plain values (`value`), the line of each path, the file of each path once several
    are merged, the variables' lookup and the warnings found so far."""

    def __init__(self, value: Any, lines: dict[Path_, int], lookup: Lookup = unset) -> None:
        self.value = value
        self.lines = lines
        self.files: dict[Path_, str] = {}
        self.lookup = lookup
        self.warnings: list[ComposeWarning] = []

    def line(self, path: Path_) -> int:
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 0)

    def file(self, path: Path_) -> str:
        """The name of the file the path is in; "" for a single file."""
        while path and path not in self.files:
            path = path[:-1]
        return self.files.get(path, "")

    def key(self, path: Path_) -> str:
        """The dotted key, after its file's name when several files are merged."""
        file = self.file(path)
        return f"{file}: {dotted(path)}" if file else dotted(path)

    def fail(self, path: Path_, reason: str, /, **params: Any) -> NoReturn:
        raise ComposeError(reason, line=self.line(path), key=self.key(path), **params)

    def warn(self, path: Path_, reason: str, /, *, ignored: str = "", **params: Any) -> None:
        """A warning naming the path's line and key; `ignored` marks an option stack deploy ignores
        (the path's last key)."""
        option = str(path[-1]) if ignored else ""
        warning = ComposeWarning(
            reason, params, self.line(path), self.key(path), ignored, option, self.file(path)
        )
        if warning not in self.warnings:  # an alias repeats its anchor's values
            self.warnings.append(warning)


def why(exc: Exception) -> str:
    """The reason of a failed file read: the OS's words, or the decoding/path problem."""
    return (exc.strerror if isinstance(exc, OSError) else "") or str(exc)
