"""Log lines of containers and services: docker's multiplexed frames, timestamps, swarm details, levels,
and a bounded ring buffer. Qt-free; a LogStream runs on a thread of its own with a client of its own.
"""

from __future__ import annotations

import json
import logging
import re
import struct
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any, NamedTuple

import docker
import requests

from crane_desktop.engine import api
from crane_desktop.engine.log_order import RepeatFilter, in_time_order, since_param
from crane_desktop.engine.streams import EngineStream

log = logging.getLogger("crane.engine.logs")

STDOUT, STDERR = 1, 2
DEFAULT_CAPACITY = 100_000
# A service's backfill (follow=0) ends by itself, but the engine is known to leave it hanging at times
# (moby/moby#38640): after this long without a byte, what came is taken as the whole backfill.
BACKFILL_IDLE_SECONDS = 3.0

ERROR, WARNING, INFO, DEBUG, NONE = "error", "warning", "info", "debug", ""
LEVELS = (ERROR, WARNING, INFO, DEBUG)

_LEVEL_WORDS = {
    "fatal": ERROR,
    "panic": ERROR,
    "critical": ERROR,
    "crit": ERROR,
    "emerg": ERROR,
    "alert": ERROR,
    "error": ERROR,
    "err": ERROR,
    "eror": ERROR,
    "severe": ERROR,
    "warning": WARNING,
    "warn": WARNING,
    "wrn": WARNING,
    "notice": INFO,
    "info": INFO,
    "inf": INFO,
    "debug": DEBUG,
    "dbg": DEBUG,
    "trace": DEBUG,
}
# `level=error`, `"level":"warn"`, `severity: ERROR`, `lvl=dbug` — an explicit field wins over any word.
_FIELD = re.compile(
    r"""(?i)\b(?:level|lvl|severity|loglevel)["']?\s*[=:]\s*["']?([a-z]+)""",
)
# klog / glog: `E1126 15:04:05.123456 ...` (severity letter, month, day).
_KLOG = re.compile(r"^([IWEF])\d{4} \d\d:\d\d:\d\d")
_KLOG_LEVELS = {"I": INFO, "W": WARNING, "E": ERROR, "F": ERROR}
# Words, bracketed or not: `[WARN]`, `ERROR:`, `<error>`, `Warning` — the first one on the line wins.
_WORD = re.compile(
    r"(?i)(?<![A-Za-z0-9_.\-/])(fatal|panic|critical|crit|emerg|error|err|eror|severe|warning|warn|wrn"
    r"|notice|info|inf|debug|dbg|trace)(?![A-Za-z0-9_\-/])"
)
_FIELD_ALIASES = {
    "dbug": DEBUG,
    "eror": ERROR,
    "warn": WARNING,
    "information": INFO,
    "e": ERROR,
    "w": WARNING,
}


def detect_level(text: str) -> str:
    """The level a log line announces (error, warning, info, debug) or "" when it says none."""
    low = text.lower()
    match = _FIELD.search(text) if ("lev" in low or "lvl" in low or "severity" in low) else None
    if match:
        word = match.group(1).lower()
        level = _LEVEL_WORDS.get(word) or _FIELD_ALIASES.get(word)
        if level:
            return level
    match = _KLOG.match(text)
    if match:
        return _KLOG_LEVELS[match.group(1)]
    match = _WORD.search(text)
    if match:
        return _LEVEL_WORDS[match.group(1).lower()]
    return NONE


class LogLine(NamedTuple):
    """One line: its engine timestamp (RFC 3339 text, may be ""), stream, text, level and source.

    Strings and ints only, so that a retained line can be stored as a plain tuple (see LineDeque).
    """

    text: str
    time: str = ""
    stream: int = STDOUT
    level: str = NONE
    task_id: str = ""
    node_id: str = ""
    source: str = ""  # what the view shows for the task, e.g. "web.2@node-3"
    seq: int = 0  # position in the stream since it was opened (stable across ring drops)

    def to_text(self, timestamps: bool = True) -> str:
        parts = []
        if timestamps and self.time:
            parts.append(self.time)
        if self.source:
            parts.append(self.source)
        parts.append(self.text)
        return " ".join(parts)

    def to_json(self) -> str:
        record = {
            "time": self.time,
            "stream": "stderr" if self.stream == STDERR else "stdout",
            "level": self.level,
            "source": self.source,
            "task": self.task_id,
            "node": self.node_id,
            "text": self.text,
        }
        return json.dumps(record, ensure_ascii=False)


_DETAIL_KEYS = ("com.docker.swarm.node.id", "com.docker.swarm.service.id", "com.docker.swarm.task.id")


def split_timestamp(text: str) -> tuple[str, str]:
    """Split the engine's `2026-11-26T15:04:05.123456789Z ` prefix (timestamps=True) from the line."""
    if len(text) > 20 and text[4:5] == "-" and text[10:11] == "T":
        stamp, sep, rest = text.partition(" ")
        if sep and (stamp.endswith("Z") or "+" in stamp[19:] or "-" in stamp[19:]):
            return stamp, rest
    return "", text


def split_details(text: str) -> tuple[dict[str, str], str]:
    """Split the `key=value,key=value ` details prefix of a service log line (details=True)."""
    head, sep, rest = text.partition(" ")
    if not sep or "=" not in head:
        return {}, text
    details: dict[str, str] = {}
    for pair in head.split(","):
        key, eq, value = pair.partition("=")
        if not eq:
            return {}, text
        details[key] = value
    if not any(key in details for key in _DETAIL_KEYS):
        return {}, text
    return details, rest


def parse_line(raw: str, stream: int = STDOUT, *, timestamps: bool = True, details: bool = False) -> LogLine:
    """A LogLine from one line of the engine's log output (without its newline)."""
    stamp = ""
    text = raw.rstrip("\r")
    if timestamps:
        stamp, text = split_timestamp(text)
    task_id = node_id = ""
    if details:
        fields, text = split_details(text)
        task_id = fields.get("com.docker.swarm.task.id", "")
        node_id = fields.get("com.docker.swarm.node.id", "")
    return LogLine(text, stamp, stream, detect_level(text), task_id, node_id)


def iter_frames(read: Callable[[int], bytes], tty: bool) -> Iterator[tuple[int, bytes]]:
    """(stream, payload) frames of docker's multiplexed stream; a TTY stream is all stdout, unframed."""
    if tty:
        while True:
            chunk = read(65536)
            if not chunk:
                return
            yield STDOUT, chunk
    while True:
        header = _read_exactly(read, 8)
        if len(header) < 8:
            return
        stream, length = struct.unpack(">BxxxL", header)
        if not length:
            continue
        payload = _read_exactly(read, length)
        if not payload:
            return
        yield stream, payload


def _read_exactly(read: Callable[[int], bytes], size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = read(size - len(data))
        if not chunk:
            break
        data += chunk
    return data


class LineSplitter:
    """Joins frames into whole lines per stream (a frame may end mid-line or mid-character)."""

    def __init__(self) -> None:
        self._partial: dict[int, bytes] = {}

    def feed(self, stream: int, payload: bytes) -> list[tuple[int, str]]:
        data = self._partial.pop(stream, b"") + payload
        *lines, rest = data.split(b"\n")
        if rest:
            self._partial[stream] = rest
        return [(stream, line.decode("utf-8", "replace")) for line in lines]

    def flush(self) -> list[tuple[int, str]]:
        out = [(stream, rest.decode("utf-8", "replace")) for stream, rest in self._partial.items() if rest]
        self._partial.clear()
        return out


_as_line = partial(tuple.__new__, LogLine)


class LineDeque(Sequence[LogLine]):
    """A bounded deque of lines that keeps each as a plain tuple and hands it out as a LogLine.

    Why: the garbage collector stops tracking plain tuples of strings and ints, but tracks every
    instance of a tuple subclass such as LogLine; 100,000 retained LogLines made each full collection
    pause the GUI thread for 70-150 ms while a log flood churned the ring.
    """

    __slots__ = ("_items",)

    def __init__(self, lines: Iterable[LogLine] = (), maxlen: int | None = None) -> None:
        self._items: deque[tuple[Any, ...]] = deque(map(tuple, lines), maxlen)

    def append(self, line: LogLine) -> None:
        self._items.append(tuple(line))

    def extend(self, lines: Iterable[LogLine]) -> None:
        self._items.extend(map(tuple, lines))

    def popleft(self) -> LogLine:
        return _as_line(self._items.popleft())

    def clear(self) -> None:
        self._items.clear()

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, index: int) -> LogLine:  # type: ignore[override]  # no slices: a deque
        return _as_line(self._items[index])

    def __iter__(self) -> Iterator[LogLine]:
        return map(_as_line, self._items)


class RingBuffer:
    """The last `capacity` lines, counting the ones it dropped to stay within bounds."""

    def __init__(self, capacity: int = DEFAULT_CAPACITY) -> None:
        self.capacity = capacity
        self.lines = LineDeque(maxlen=capacity)
        self.dropped = 0
        self.total = 0

    def extend(self, lines: Iterable[LogLine]) -> int:
        """Append lines; returns how many old ones were dropped by this call."""
        batch = lines if isinstance(lines, list) else list(lines)
        dropped = max(0, len(self.lines) + len(batch) - self.capacity)
        self.lines.extend(batch)
        self.dropped += dropped
        self.total += len(batch)
        return dropped

    def clear(self) -> None:
        self.lines.clear()

    def __len__(self) -> int:
        return len(self.lines)

    def __iter__(self) -> Iterator[LogLine]:
        return iter(self.lines)


def export_lines(lines: Iterable[LogLine], path: str, *, timestamps: bool = True) -> int:
    """Write lines to `path` as text, or as JSON lines when it ends with .jsonl; returns the count."""
    count = 0
    as_json = path.lower().endswith((".jsonl", ".json"))
    with open(path, "w", encoding="utf-8") as out:
        for line in lines:
            out.write(line.to_json() if as_json else line.to_text(timestamps))
            out.write("\n")
            count += 1
    return count


@dataclass
class LogRequest:
    """What to ask the engine for: a container's or a service's logs."""

    kind: str  # "container" or "service"
    target: str  # container or service id
    tail: int | str = 1000
    since: int | None = None
    follow: bool = True
    tty: bool = False
    params: dict[str, Any] = field(default_factory=dict)

    def url_params(self) -> dict[str, Any]:
        params = {
            "stdout": 1,
            "stderr": 1,
            "timestamps": 1,
            "follow": 1 if self.follow else 0,
            "tail": str(self.tail),
        }
        if self.kind == "service":
            params["details"] = 1
        if self.since:
            params["since"] = self.since
        params.update(self.params)
        return params


class LogStream(EngineStream):
    """Follows one log on a thread of its own; `sink(list[LogLine])` gets batches, `on_end(error)` the end.

    The sink is called from the stream's thread: the Qt side queues the batches to the GUI thread.
    """

    kind = "logs"

    def __init__(
        self,
        client_factory: Callable[[], docker.APIClient],
        request: LogRequest,
        sink: Callable[[list[LogLine]], None],
        on_end: Callable[[Exception | None], None] | None = None,
        tagger: Callable[[LogLine], str] | None = None,
        batch_lines: int = 2000,
        on_backfill: Callable[[list[LogLine]], None] | None = None,
    ) -> None:
        super().__init__(client_factory, request.target, on_end)
        self.request = request
        self._sink = sink
        # a service's sorted past lines, given once per opening even when there are none (default: the sink)
        self._on_backfill = on_backfill
        self._tagger = tagger
        self._batch_lines = batch_lines
        self._repeats: RepeatFilter | None = None  # set once a service's backfill was read

    @property
    def _ordered(self) -> bool:
        """A service's tasks' past lines come task by task: they are read whole and sorted first."""
        return self.request.kind == "service"

    def _path(self) -> str:
        return "/containers/{0}/logs" if self.request.kind == "container" else "/services/{0}/logs"

    def _open(self, client: docker.APIClient) -> requests.Response:
        params = self.request.url_params()
        self._repeats = None
        if self._ordered and self.request.follow:
            backfill = self._read_backfill(client, {**params, "follow": 0})
            self._repeats = RepeatFilter(backfill)
            if backfill and self._repeats.last and not self._stop.is_set():
                self._give_backfill(backfill)
                params = {**params, "since": since_param(self._repeats.last), "tail": "all"}
            elif not self._stop.is_set():
                self._give_backfill([])  # the follow below sends what there is, unsorted
            # no line (or none stamped) yet: follow the request as asked; there was nothing to order
        return api.open_stream(client, self._path(), self.request.target, params=params)

    def _give_backfill(self, lines: list[LogLine]) -> None:
        if self._on_backfill is not None:
            self._on_backfill(lines)
        elif lines:
            self._sink(lines)

    def _read_backfill(self, client: docker.APIClient, params: dict[str, Any]) -> list[LogLine]:
        """The past lines of every task, in time order (read to the end of a non-following response,
        or until it has been silent for BACKFILL_IDLE_SECONDS)."""
        response = api.open_stream(client, self._path(), self.request.target, params=params)
        with self._lock:
            self._response = response  # stop() interrupts this read too
        lines: list[LogLine] = []
        try:
            if self._stop.is_set():
                return []
            api.idle_read_timeout(client, response, BACKFILL_IDLE_SECONDS)
            self._pump_into(response, lines.extend)
        except Exception as exc:  # silent too long (or cut): follow from what came
            if self._stop.is_set():
                return []
            log.info("the backfill of %s ended early (%s); following from there", self._target[:12], exc)
        finally:
            with self._lock:
                self._response = None
            api.shut_stream(response)
        return in_time_order(lines)

    def _pump(self, response: requests.Response) -> None:
        if self._ordered and not self.request.follow:
            lines: list[LogLine] = []
            self._pump_into(response, lines.extend)
            if not self._stop.is_set():
                self._give_backfill(in_time_order(lines))
            return
        repeats = self._repeats
        if repeats is None:
            self._pump_into(response, self._sink)
            return

        def sink_new(batch: list[LogLine]) -> None:
            self._sink([line for line in batch if repeats.keep(line)])

        self._pump_into(response, sink_new)

    def _pump_into(self, response: requests.Response, sink: Callable[[list[LogLine]], None]) -> None:
        request = self.request
        read = response.raw.read
        splitter = LineSplitter()
        details = request.kind == "service"
        for stream, payload in iter_frames(read, request.tty):
            if self._stop.is_set():
                return
            lines = splitter.feed(stream, payload)
            if lines:
                self._emit(lines, details, sink)
        if not self._stop.is_set():
            self._emit(splitter.flush(), details, sink)

    def _emit(self, raw: list[tuple[int, str]], details: bool, sink: Callable[[list[LogLine]], None]) -> None:
        batch = []
        tagger = self._tagger
        for stream, text in raw:
            line = parse_line(text, stream, timestamps=True, details=details)
            if tagger is not None:
                line = line._replace(source=tagger(line))
            batch.append(line)
        if batch:
            sink(batch)
