"""Log line parsing: frames, timestamps, swarm details, levels, the ring buffer and export."""

from __future__ import annotations

import gc
import io
import json
import struct

import pytest

from crane_desktop.engine.logs import (
    DEBUG,
    ERROR,
    INFO,
    NONE,
    STDERR,
    STDOUT,
    WARNING,
    LineDeque,
    LineSplitter,
    LogLine,
    RingBuffer,
    detect_level,
    export_lines,
    iter_frames,
    parse_line,
)


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("ERROR something broke", ERROR),
        ("an error occurred", ERROR),
        ("Fatal: out of memory", ERROR),
        ("panic: runtime error: index out of range", ERROR),
        ('time="2026" level=error msg="db down"', ERROR),
        ('{"level":"warn","msg":"slow"}', WARNING),
        ("[WARN] disk at 91%", WARNING),
        ("Warning: deprecated flag", WARNING),
        ("E1126 15:04:05.123456   1 controller.go:42] sync failed", ERROR),
        ("W1126 15:04:05.123456   1 controller.go:42] retrying", WARNING),
        ("I1126 15:04:05.123456   1 main.go:10] started", INFO),
        ("F1126 15:04:05.123456   1 main.go:10] cannot continue", ERROR),
        ("INFO listening on :8080", INFO),
        ('level=info msg="no error here"', INFO),
        ("[debug] cache miss", DEBUG),
        ("lvl=dbug msg=x", DEBUG),
        ("TRACE entering handler", DEBUG),
        ("GET /index.html 200", NONE),
        ("errors.go:12 compiled", NONE),
        ("information desk", NONE),
        ("terror and informative", NONE),
    ],
)
def test_levels(text, level):
    assert detect_level(text) == level


def test_first_level_word_wins():
    assert detect_level("INFO retrying after error") == INFO
    assert detect_level("2026/11/26 WARN: error budget low") == WARNING


def test_service_line_with_timestamp_and_details():
    raw = (
        "2026-11-26T15:20:55.510795774Z com.docker.swarm.node.id=n1,com.docker.swarm.service.id=s1,"
        "com.docker.swarm.task.id=t1 level=error n=1"
    )
    line = parse_line(raw, STDERR, details=True)
    assert line.time == "2026-11-26T15:20:55.510795774Z"
    assert (line.task_id, line.node_id) == ("t1", "n1")
    assert line.text == "level=error n=1"
    assert line.level == ERROR
    assert line.stream == STDERR


def test_container_line_without_details_keeps_key_values():
    line = parse_line("2026-11-26T15:20:55.5Z a=b,c=d hello", details=False)
    assert line.text == "a=b,c=d hello"
    line = parse_line("a=b,c=d hello", details=True, timestamps=False)
    assert line.text == "a=b,c=d hello"  # not swarm details: left alone


def _frame(stream: int, payload: bytes) -> bytes:
    return struct.pack(">BxxxL", stream, len(payload)) + payload


def test_multiplexed_frames_and_split_lines():
    data = _frame(1, b"one\ntw") + _frame(2, b"err \xe4\xb8") + _frame(1, b"o\n") + _frame(2, b"\xad\n")
    splitter = LineSplitter()
    lines = []
    for stream, payload in iter_frames(io.BytesIO(data).read, tty=False):
        lines += splitter.feed(stream, payload)
    assert lines == [(STDOUT, "one"), (STDOUT, "two"), (STDERR, "err 中")]


def test_tty_stream_is_stdout():
    frames = list(iter_frames(io.BytesIO(b"raw bytes\n").read, tty=True))
    assert frames == [(STDOUT, b"raw bytes\n")]


def test_ring_buffer_drops_oldest_and_counts():
    ring = RingBuffer(capacity=5)
    assert ring.extend(LogLine(str(i)) for i in range(3)) == 0
    assert ring.extend(LogLine(str(i)) for i in range(3, 9)) == 4
    assert [line.text for line in ring] == ["4", "5", "6", "7", "8"]
    assert ring.dropped == 4
    assert ring.total == 9


def test_retained_lines_read_back_whole_and_stay_out_of_the_collectors_sight():
    ring = RingBuffer(capacity=3)
    ring.extend(
        LogLine(f"line {i}", "2026-11-26T15:00:00Z", STDERR, ERROR, "t", "n", "web.1", i) for i in range(5)
    )
    assert ring.lines[0] == LogLine("line 2", "2026-11-26T15:00:00Z", STDERR, ERROR, "t", "n", "web.1", 2)
    assert ring.lines[-1].text == "line 4" and ring.lines[-1].level == ERROR
    assert [line.seq for line in ring.lines] == [2, 3, 4]
    gc.collect()
    # A flood churns the ring: lines the collector tracks made each full collection pause the GUI.
    assert not any(gc.is_tracked(item) for item in ring.lines._items)
    filtered = LineDeque((line for line in ring.lines if line.seq != 3), maxlen=2)
    filtered.append(LogLine("line 5", seq=5))
    assert [line.seq for line in filtered] == [4, 5]
    assert filtered.popleft().text == "line 4" and len(filtered) == 1


def test_export_text_and_jsonl(tmp_path):
    lines = [
        LogLine("hello", "2026-11-26T15:00:00Z", STDOUT, INFO, source="web.1@node-1"),
        LogLine("boom 中", "2026-11-26T15:00:01Z", STDERR, ERROR, task_id="t", source="web.2@node-2"),
    ]
    txt = tmp_path / "out.txt"
    assert export_lines(lines, str(txt)) == 2
    assert txt.read_text(encoding="utf-8").splitlines() == [
        "2026-11-26T15:00:00Z web.1@node-1 hello",
        "2026-11-26T15:00:01Z web.2@node-2 boom 中",
    ]
    jsonl = tmp_path / "out.jsonl"
    export_lines(lines, str(jsonl))
    records = [json.loads(row) for row in jsonl.read_text(encoding="utf-8").splitlines()]
    assert records[1] == {
        "time": "2026-11-26T15:00:01Z",
        "stream": "stderr",
        "level": "error",
        "source": "web.2@node-2",
        "task": "t",
        "node": "",
        "text": "boom 中",
    }
