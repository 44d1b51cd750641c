"""The log view: level highlights, search, filters, pause, export and the bounded ring."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from crane_desktop.engine.logs import ERROR, WARNING, parse_line
from crane_desktop.views.log_view import LEVEL_COLOURS, LogView

SAMPLE = [
    "2026-11-26T15:00:00.000000001Z starting up",
    '2026-11-26T15:00:01.000000001Z level=error msg="db down"',
    "2026-11-26T15:00:02.000000001Z [WARN] disk at 91%",
    "2026-11-26T15:00:03.000000001Z E1126 15:00:03.000000 1 x.go:1] sync failed",
    "2026-11-26T15:00:04.000000001Z request 42 ok",
    "2026-11-26T15:00:05.000000001Z request 43 ok",
]


def _view(qtbot, capacity=1000):
    view = LogView(capacity=capacity, show_source=True)
    qtbot.addWidget(view)
    view.resize(900, 300)
    view.show()
    return view


def _feed(qtbot, view, raw_lines, source=""):
    lines = [parse_line(raw)._replace(source=source) for raw in raw_lines]
    view.sink(lines)
    qtbot.waitUntil(lambda: not view.inbox.pending())
    return lines


def _pixel(view, row):
    image = view.canvas.viewport().grab().toImage()
    return QColor(image.pixel(image.width() - 5, row * view.canvas.row_height + 2))


def test_levels_are_highlighted_on_screen(qtbot):
    view = _view(qtbot)
    _feed(qtbot, view, SAMPLE)
    assert [line.level for line in view.shown_lines()] == ["", ERROR, WARNING, ERROR, "", ""]
    assert _pixel(view, 1) == LEVEL_COLOURS[ERROR][1]
    assert _pixel(view, 2) == LEVEL_COLOURS[WARNING][1]
    assert _pixel(view, 3) == LEVEL_COLOURS[ERROR][1]
    assert _pixel(view, 0) != LEVEL_COLOURS[ERROR][1]


def test_search_next_previous_and_only_matching(qtbot):
    view = _view(qtbot)
    _feed(qtbot, view, SAMPLE)
    view.search.setText("request")
    assert view.find_next()
    assert view.current_match().text == "request 42 ok"
    assert view.find_next()
    assert view.current_match().text == "request 43 ok"
    assert view.find_next()  # wraps
    assert view.current_match().text == "request 42 ok"
    assert view.find_previous()
    assert view.current_match().text == "request 43 ok"
    view.regex.setChecked(True)
    view.search.setText(r"request 4[3-9]")
    view.only_matches.setChecked(True)
    assert [line.text for line in view.shown_lines()] == ["request 43 ok"]
    view.search.setText("(unclosed")
    assert view.search.toolTip() == "Not a valid regular expression"
    assert len(view.shown_lines()) == len(SAMPLE)  # an invalid pattern filters nothing


def test_filter_by_level_and_task(qtbot):
    view = _view(qtbot)
    _feed(qtbot, view, SAMPLE[:3], source="web.1@node-1")
    _feed(qtbot, view, SAMPLE[3:], source="web.2@node-2")
    view.level.setCurrentIndex(view.level.findData(WARNING))
    assert [line.level for line in view.shown_lines()] == [ERROR, WARNING, ERROR]
    view.source.setCurrentIndex(view.source.findData("web.2@node-2"))
    assert [line.text for line in view.shown_lines()] == ["E1126 15:00:03.000000 1 x.go:1] sync failed"]
    _feed(qtbot, view, ["2026-11-26T15:00:09Z ERROR late"], source="web.2@node-2")
    assert [line.text for line in view.shown_lines()][-1] == "ERROR late"
    view.level.setCurrentIndex(0)
    view.source.setCurrentIndex(0)
    assert len(view.shown_lines()) == len(SAMPLE) + 1


def test_ring_drops_oldest_and_says_how_many(qtbot):
    view = _view(qtbot, capacity=100)
    _feed(qtbot, view, [f"line {i}" for i in range(250)])
    shown = view.shown_lines()
    assert len(shown) == 100
    assert shown[0].text == "line 150"
    assert view.ring.dropped == 150
    assert "150 dropped" in view.status.text()


def test_pause_keeps_lines_and_position(qtbot):
    view = _view(qtbot)
    _feed(qtbot, view, [f"line {i}" for i in range(200)])
    bar = view.canvas.verticalScrollBar()
    assert bar.value() == bar.maximum()
    qtbot.mouseClick(view.pause, Qt.MouseButton.LeftButton)
    position = bar.value()
    _feed(qtbot, view, [f"more {i}" for i in range(50)])
    assert bar.value() == position  # not following while paused
    assert len(view.shown_lines()) == 250  # nothing lost
    qtbot.mouseClick(view.pause, Qt.MouseButton.LeftButton)
    assert bar.value() == bar.maximum()


def test_export_shown_and_all(qtbot, tmp_path):
    view = _view(qtbot)
    _feed(qtbot, view, SAMPLE, source="web.1@node-1")
    view.level.setCurrentIndex(view.level.findData(ERROR))
    path = tmp_path / "errors.txt"
    assert view.export(str(path), shown_only=True) == 2
    assert path.read_text(encoding="utf-8").splitlines() == [
        '2026-11-26T15:00:01.000000001Z web.1@node-1 level=error msg="db down"',
        "2026-11-26T15:00:03.000000001Z web.1@node-1 E1126 15:00:03.000000 1 x.go:1] sync failed",
    ]
    everything = tmp_path / "all.jsonl"
    assert view.export(str(everything), shown_only=False) == len(SAMPLE)
    records = [json.loads(row) for row in everything.read_text(encoding="utf-8").splitlines()]
    assert [r["level"] for r in records] == ["", "error", "warning", "error", "", ""]


def test_copy_selected_lines(qtbot):
    from PySide6.QtGui import QGuiApplication

    view = _view(qtbot)
    _feed(qtbot, view, SAMPLE)
    view.timestamps.setChecked(False)
    canvas = view.canvas
    y = canvas.row_height // 2
    qtbot.mouseClick(
        canvas.viewport(), Qt.MouseButton.LeftButton, pos=canvas.viewport().rect().topLeft() + _pt(y)
    )
    qtbot.mouseClick(
        canvas.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ShiftModifier,
        pos=canvas.viewport().rect().topLeft() + _pt(y + canvas.row_height),
    )
    qtbot.keyClick(canvas, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == 'starting up\nlevel=error msg="db down"'


def _pt(y):
    from PySide6.QtCore import QPoint

    return QPoint(10, y)
