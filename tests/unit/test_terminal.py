"""Both emulators behind our interface: text, replies, wide characters, split UTF-8, colours, resize,
the alternate screen and reflow (the same behaviour from pyte as from libghostty-vt)."""

from __future__ import annotations

import pytest

from crane_desktop.terminal.backends import available, create
from crane_desktop.terminal.emulator import MODE_BRACKETED_PASTE, PALETTE

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


def _screen(emu) -> list[str]:
    return [emu.row_text(y) for y in range(emu.rows)]


def test_answers_cursor_position_when_waiting_to_wrap(emu):
    emu.feed(b"x" * 20 + b"\x1b[6n")  # the cursor sits past the last column: reported on it
    assert emu.replies == [b"\x1b[1;20R"]
    assert emu.cursor()[:2] == (19, 0)


def test_split_escape_sequence_and_bracketed_paste_off(emu):
    emu.feed(b"\x1b[")
    emu.feed(b"31mR\x1b[?20")
    emu.feed(b"04h")
    assert emu.row_runs(0)[0].fg is not None and emu.row_text(0) == "R"
    assert emu.mode(MODE_BRACKETED_PASTE)
    emu.feed(b"\x1b[?2004l")
    assert not emu.mode(MODE_BRACKETED_PASTE)


@pytest.mark.parametrize("alt", [1049, 1047, 47])
def test_alternate_screen_gives_back_main_screen_and_scrollback(emu, alt):
    for i in range(8):
        emu.feed(f"line {i}\r\n".encode())
    emu.feed(b"$ ls\x1b[2;3H")
    main, history, cursor = _screen(emu), list(emu.history()), emu.cursor()
    assert "line 0" in history and main[-1] == "$ ls"

    emu.feed(f"\x1b[?{alt}h".encode())
    assert emu.mode(alt)
    assert _screen(emu) == [""] * 5  # a fresh screen for the program
    emu.feed(b"\x1b[H\x1b[7mVI\x1b[0m ~")
    for i in range(12):  # scrolling inside the alternate screen adds nothing to the scrollback
        emu.feed(f"\r\nalt {i}".encode())
    assert "alt 11" in emu.screen_text() and "line 7" not in emu.screen_text()
    assert not any("alt" in line for line in emu.history())

    emu.feed(f"\x1b[?{alt}l".encode())
    assert not emu.mode(alt)
    assert _screen(emu) == main
    assert emu.history() == history
    if alt == 1049:  # ?1049 also saved and restored the cursor
        assert emu.cursor() == cursor
    emu.feed(b"\x1b[?1049h\x1b[?1049l")  # in and out again changes nothing
    assert _screen(emu) == main


def test_reflow_narrowing_and_widening(emu):
    emu.resize(10, 4)
    emu.feed(b"0123456789abcdef\r\nxy")
    assert _screen(emu) == ["0123456789", "abcdef", "xy", ""]
    emu.resize(5, 4)  # the wrapped line re-wraps; its first row goes up into the scrollback
    assert _screen(emu) == ["56789", "abcde", "f", "xy"]
    assert emu.cursor()[:2] == (2, 3)
    emu.resize(20, 4)  # and re-joins when there is room, coming back from the scrollback
    assert _screen(emu) == ["0123456789abcdef", "xy", "", ""]
    assert emu.cursor()[:2] == (2, 1)
    emu.feed(b"z")
    assert emu.row_text(1) == "xyz"


def test_reflow_keeps_lines_ended_by_newline_apart(emu):
    emu.resize(10, 6)
    emu.feed(b"aaaa\r\nbbbb  \r\ncc")
    emu.resize(3, 6)
    assert _screen(emu) == ["aaa", "a", "bbb", "b", "cc", ""]
    emu.resize(10, 6)
    assert _screen(emu) == ["aaaa", "bbbb", "cc", "", "", ""]
    assert emu.cursor()[:2] == (2, 2)


def test_reflow_of_the_scrollback(emu):
    emu.resize(10, 3)
    for i in range(5):
        emu.feed(f"L{i}abcdefghijk\r\n".encode())
    emu.feed(b"$ ")
    assert _screen(emu) == ["L4abcdefgh", "ijk", "$"]
    emu.resize(20, 3)
    assert _screen(emu) == ["L3abcdefghijk", "L4abcdefghijk", "$"]
    assert emu.history() == ["L0abcdefghijk", "L1abcdefghijk", "L2abcdefghijk"]
    assert emu.cursor()[:2] == (2, 2)
    emu.resize(6, 3)
    assert _screen(emu) == ["efghij", "k", "$"]
    emu.resize(20, 3)  # nothing lost on the way
    assert _screen(emu) == ["L3abcdefghijk", "L4abcdefghijk", "$"]
    assert emu.history() == ["L0abcdefghijk", "L1abcdefghijk", "L2abcdefghijk"]


def test_reflow_keeps_wide_characters_whole(emu):
    emu.resize(4, 3)
    emu.feed("ab中文x".encode())
    assert [emu.row_cells_text(y) for y in range(2)] == [["a", "b", "中", ""], ["文", "", "x", " "]]
    emu.resize(3, 3)  # 中 cannot start on the last column: it moves to the next row whole
    assert [emu.row_cells_text(y) for y in range(2)] == [["中", "", " "], ["文", "", "x"]]
    emu.resize(6, 3)
    assert emu.row_cells_text(0) == ["a", "b", "中", "", "文", ""]
    assert emu.row_text(1) == "x"
    assert emu.cursor()[:2] == (1, 1)


def test_reflow_with_the_cursor_waiting_to_wrap(emu):
    emu.resize(10, 3)
    emu.feed(b"0123456789")
    emu.resize(5, 3)
    assert _screen(emu) == ["01234", "56789", ""]
    assert emu.cursor()[:2] == (4, 1)
    emu.feed(b"X")
    assert _screen(emu) == ["01234", "56789", "X"]


def test_fewer_rows_then_more_rows(emu):
    emu.resize(10, 4)
    emu.feed(b"abcdefghijklmnopqrst\r\nxy")
    emu.resize(10, 2)  # the blank row below the cursor goes first, then the top row
    assert _screen(emu) == ["klmnopqrst", "xy"]
    emu.resize(10, 6)  # the cursor was on the last row: the scrollback comes back down
    assert _screen(emu) == ["abcdefghij", "klmnopqrst", "xy", "", "", ""]
    assert emu.cursor()[:2] == (2, 2)


def test_main_screen_reflows_while_the_alternate_screen_is_shown(emu):
    emu.resize(10, 4)
    emu.feed(b"0123456789abc\r\n$ ")
    emu.feed(b"\x1b[?1049h\x1b[Hvi screen")
    emu.resize(5, 4)
    assert emu.row_text(0) == "vi sc"  # the alternate screen is cut, its program redraws
    emu.feed(b"\x1b[?1049l")
    assert _screen(emu) == ["01234", "56789", "abc", "$"]
    assert emu.cursor()[1] == 3
    emu.resize(20, 4)
    assert _screen(emu) == ["0123456789abc", "$", "", ""]


def test_erase_scrollback_keeps_the_screen(emu):
    for i in range(8):
        emu.feed(f"l{i}\r\n".encode())
    emu.feed(b"abc\x1b[3J")
    assert emu.history() == []
    assert "abc" in emu.screen_text()


def test_scrollback_keeps_the_head_of_a_line_wrapped_across_the_top(emu):
    emu.resize(10, 3)
    emu.feed(b"line1\r\nline2\r\nABCDEFGHIJKLMNOPQRSTUVWXYZ\r\nend")
    assert [emu.row_text(y) for y in range(3)] == ["KLMNOPQRST", "UVWXYZ", "end"]
    assert emu.history()[-3:] == ["line1", "line2", "ABCDEFGHIJ"]
