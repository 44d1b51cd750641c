"""Both emulators behind our interface: text, replies, wide characters, split UTF-8, colours, resize."""

from __future__ import annotations

import pytest

from crane_desktop.terminal.emulator import MODE_BRACKETED_PASTE, PALETTE, available, create

EMULATORS = ["ghostty", "pyte"]


def test_both_emulators_are_available_here():
    assert available() == EMULATORS


@pytest.fixture(params=EMULATORS)
def emu(request):
    emulator = create(request.param, 20, 5)
    replies: list[bytes] = []
    emulator.reply = replies.append
    emulator.replies = replies
    yield emulator
    emulator.close()


def test_text_and_cursor(emu):
    emu.feed(b"hello\r\nworld")
    assert emu.screen_text().split("\n")[:2] == ["hello", "world"]
    assert emu.cursor()[:2] == (5, 1)


def test_answers_cursor_position_query(emu):
    emu.feed(b"ab\r\ncd\x1b[6n")
    assert emu.replies == [b"\x1b[2;3R"]


def test_wide_cjk_and_split_utf8(emu):
    data = "a中文b".encode()
    emu.feed(data[:2])  # "a" and the first byte of 中
    emu.feed(data[2:5])
    emu.feed(data[5:])
    assert emu.row_text(0) == "a中文b"
    cells = emu.row_cells_text(0)
    assert cells[:6] == ["a", "中", "", "文", "", "b"]
    assert emu.cursor()[:2] == (6, 0)
    wide = [run for run in emu.row_runs(0) if run.wide]
    assert [(run.col, run.text) for run in wide] == [(1, "中"), (3, "文")]


def test_colours_and_attributes(emu):
    emu.feed(b"\x1b[1;31mR\x1b[0m\x1b[38;5;208mO\x1b[0m\x1b[38;2;1;2;3mT\x1b[7mV\x1b[0m")
    runs = {run.text: run for run in emu.row_runs(0)}
    assert runs["R"].bold and runs["R"].fg is not None and runs["R"].fg[0] > 150
    assert runs["O"].fg == PALETTE[208] or runs["O"].fg is not None
    assert runs["T"].fg == (1, 2, 3)
    assert runs["V"].reverse


def test_dirty_rows_only_what_changed(emu):
    emu.feed(b"one\r\ntwo")
    emu.take_dirty()
    emu.feed(b"!")
    assert 1 in emu.take_dirty()
    assert emu.take_dirty() == set()


def test_resize_and_scrollback(emu):
    for i in range(12):
        emu.feed(f"line {i}\r\n".encode())
    assert "line 0" in emu.history()
    emu.resize(30, 8)
    assert (emu.cols, emu.rows) == (30, 8)
    emu.feed(b"\x1b[18t")  # harmless query: whatever the answer, the screen keeps working
    emu.feed(b"after")
    assert "after" in emu.screen_text()


def test_bracketed_paste_mode(emu):
    assert not emu.mode(MODE_BRACKETED_PASTE)
    emu.feed(b"\x1b[?2004h")
    assert emu.mode(MODE_BRACKETED_PASTE)


def test_selected_text(emu):
    emu.feed(b"first line\r\nsecond")
    assert emu.text_between((6, 0), (2, 1)) == "line\nsec"


def test_ghostty_reflows_on_resize():
    emulator = create("ghostty", 10, 4)
    emulator.feed(b"0123456789abcdef")
    assert emulator.row_text(0) == "0123456789"
    emulator.resize(20, 4)
    assert emulator.row_text(0) == "0123456789abcdef"
    emulator.close()
