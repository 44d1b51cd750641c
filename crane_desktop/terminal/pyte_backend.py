"""The portable emulator: pyte, with what it lacks added here so it behaves as libghostty-vt does:

- scrollback of our own (pyte's HistoryScreen is 3x slower), rows kept as they were (styles included);
- the alternate screen (CSI ?47h, ?1047h, ?1049h and back with l): vi and top draw there and the main
  screen and its scrollback come back untouched; ?1049 also saves and restores the cursor;
- reflow on resize: soft-wrapped lines of the main screen and scrollback re-wrap to the new width
  (pyte_reflow), lines ended by CR/LF stay apart, the cursor keeps its place in its line;
- wide characters that do not fit in the last column wrap whole; the cursor waiting to wrap past the
  last column is reported on the last column.
"""

from __future__ import annotations

import copy
import unicodedata
from collections import defaultdict, deque

import pyte
from pyte import modes
from pyte.screens import Char, Margins, Savepoint, wcwidth

from crane_desktop.terminal.emulator import PALETTE, RGB, Emulator, Run
from crane_desktop.terminal.pyte_reflow import Line, Place, is_blank, reflow

_NAMED = {
    "black": 0, "red": 1, "green": 2, "brown": 3, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7,
}  # fmt: skip
_ALT_MODES = (47, 1047, 1049)
_DECCOLM = 3  # 132-column mode: ignored, as libghostty-vt does unless asked (the window decides the width)


def _colour(value: str) -> RGB | None:
    if not value or value == "default":
        return None
    if value in _NAMED:
        return PALETTE[_NAMED[value]]
    if value.startswith("bright") and value[6:] in _NAMED:
        return PALETTE[_NAMED[value[6:]] + 8]
    if len(value) == 6:
        try:
            return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))
        except ValueError:
            return None
    return None


Buffer = defaultdict[int, Line]


class _Screen(pyte.Screen):
    """A pyte screen that answers the program, keeps lines scrolled off the top, marks soft wraps,
    has an alternate screen and reflows on resize."""

    buffer: Buffer  # type: ignore[assignment]  # pyte's rows, as our Line (pyte types them as its own dict)

    def __init__(self, columns: int, lines: int, owner: PyteEmulator) -> None:
        self._owner = owner
        self._alt = 0  # the mode that switched to the alternate screen, 0 on the main screen
        self._main: Buffer | None = None  # the main screen's rows while the alternate one is shown
        self._main_cursor = Place(0, 0)  # where the cursor was on the main screen (followed on resize)
        self._alt_save: Savepoint | None = None  # the cursor ?1049h saved
        self._chars: dict[Char, dict[str, Char]] = {}  # one Char per (style, character): memory and speed
        super().__init__(columns, lines)
        self.buffer = self._new_buffer()
        self._alt_buffer = self._new_buffer()

    def _new_buffer(self) -> Buffer:
        return defaultdict(self._new_line)

    def _new_line(self) -> Line:
        return Line(self.default_char)

    # -- answers ---------------------------------------------------------------------------------
    def write_process_input(self, data: str) -> None:
        self._owner.reply(data.encode())

    def report_device_status(self, mode: int) -> None:
        if mode == 6 and self.cursor.x >= self.columns:  # waiting to wrap: on the last column
            self.cursor.x = self.columns - 1
            super().report_device_status(mode)
            self.cursor.x = self.columns
            return
        super().report_device_status(mode)

    # -- text ------------------------------------------------------------------------------------
    def draw(self, data: str) -> None:
        """pyte's draw, marking rows that wrap (for reflow), wrapping a wide character whole and sharing
        one Char per style and character."""
        data = data.translate(self.g1_charset if self.charset else self.g0_charset)
        cursor = self.cursor
        columns = self.columns
        autowrap = modes.DECAWM in self.mode
        insert = modes.IRM in self.mode
        attrs = cursor.attrs
        chars = self._chars.get(attrs)
        if chars is None:
            if len(self._chars) > 512:
                self._chars.clear()
            chars = self._chars[attrs] = {}
        elif len(chars) > 4096:
            chars.clear()
        line = self.buffer[cursor.y]
        for char in data:
            width = wcwidth(char)
            if width < 1:
                if width == 0 and unicodedata.combining(char):
                    self._combine(line, char)
                continue
            if cursor.x + width > columns:
                if autowrap:
                    if cursor.x < columns:  # a wide character at the last column goes to the next row
                        _unsplit(line, cursor.x, columns)
                        line.pop(cursor.x, None)
                        line.spacer = True
                    line.wrapped = True
                    self.dirty.add(cursor.y)
                    cursor.x = 0
                    self.linefeed()
                    line = self.buffer[cursor.y]
                else:
                    cursor.x = max(0, columns - width)
            if insert:
                self.insert_characters(width)
            if cursor.x in line or cursor.x + 1 in line:  # overwriting: no half wide characters left
                _unsplit(line, cursor.x, cursor.x + width)
            cell = chars.get(char)
            if cell is None:
                cell = chars[char] = attrs._replace(data=char)
            line[cursor.x] = cell
            if width == 2 and cursor.x + 1 < columns:
                stub = chars.get("")
                if stub is None:
                    stub = chars[""] = attrs._replace(data="")
                line[cursor.x + 1] = stub
            cursor.x = min(cursor.x + width, columns)
        self.dirty.add(cursor.y)

    def _combine(self, line: Line, char: str) -> None:
        """A combining mark joins the character before it (pyte's rule)."""
        x, y = self.cursor.x - 1, self.cursor.y
        if x < 0:
            if not y:
                return
            line, x = self.buffer[y - 1], self.columns - 1
        if x > 0 and line[x].data == "":
            x -= 1
        last = line[x]
        line[x] = last._replace(data=unicodedata.normalize("NFC", last.data + char))

    # Moving down or up leaves the last column without wrapping first (libghostty-vt, xterm).
    def _unpend(self) -> None:
        if self.cursor.x >= self.columns:
            self.cursor.x = self.columns - 1

    def cursor_up(self, count: int | None = None) -> None:
        self._unpend()
        super().cursor_up(count)

    def cursor_down(self, count: int | None = None) -> None:
        self._unpend()
        super().cursor_down(count)

    def cursor_to_line(self, line: int | None = None) -> None:
        self._unpend()
        super().cursor_to_line(line)

    def index(self) -> None:
        self._unpend()
        top, bottom = self.margins or Margins(0, self.lines - 1)
        if self.cursor.y == bottom and top == 0 and not self._alt:
            self._owner._keep(self.buffer[0])
        super().index()

    # Erasing with the default background leaves cells unwritten (as libghostty-vt does): what a
    # row holds then ends at its last written cell, which is what reflow keeps of it. Erasing, inserting
    # and deleting act on the last column when the cursor waits to wrap, and never leave half a wide
    # character behind.
    def _plain_erase(self) -> bool:
        attrs = self.cursor.attrs
        return attrs.bg == "default" and not attrs.reverse

    def _edit(self, first: int, end: int) -> Line:
        """Before cells first..end-1 of the cursor's row change: the halves of wide characters they
        would cut are cleared, the cursor no longer waits to wrap. Returns the row."""
        self._unpend()
        self.dirty.add(self.cursor.y)
        line = self.buffer[self.cursor.y]
        _unsplit(line, first, end)
        return line

    def erase_in_line(self, how: int = 0, private: bool = False) -> None:
        x = min(self.cursor.x, self.columns - 1)
        span = {0: range(x, self.columns), 1: range(x + 1)}.get(how, range(self.columns))
        line = self._edit(span.start, span.stop)
        if self._plain_erase():
            for x in span:
                line.pop(x, None)
        else:
            super().erase_in_line(how, private)
        if how in (0, 2):  # the row's end is blank now: it no longer runs on into the next
            line.wrapped = line.spacer = False

    def erase_in_display(self, how: int = 0, *args: object, **kwargs: object) -> None:
        if how == 3:  # erase the scrollback only (xterm, libghostty-vt)
            self._owner._forget()
            return
        rows = {0: range(self.cursor.y + 1, self.lines), 1: range(self.cursor.y), 2: range(self.lines)}
        if how in (0, 1):
            self.erase_in_line(how)
        if not self._plain_erase():
            for y in rows.get(how, ()):
                line = self.buffer[y]
                for x in range(self.columns):
                    line[x] = self.cursor.attrs
        else:
            for y in rows.get(how, ()):
                self.buffer.pop(y, None)
        self.dirty.update(rows.get(how, ()))
        for y in rows.get(how, ()):
            if y in self.buffer:
                self.buffer[y].wrapped = self.buffer[y].spacer = False

    def erase_characters(self, count: int | None = None) -> None:
        x = min(self.cursor.x, self.columns - 1)
        span = range(x, min(x + (count or 1), self.columns))
        line = self._edit(span.start, span.stop)
        for x in span:
            if self._plain_erase():
                line.pop(x, None)
            else:
                line[x] = self.cursor.attrs
        if span.stop >= self.columns:  # the row's end is blank now: it no longer runs on into the next
            line.wrapped = line.spacer = False

    def insert_characters(self, count: int | None = None) -> None:
        """pyte's, without writing blanks into cells it leaves empty."""
        self._shift(count or 1)

    def delete_characters(self, count: int | None = None) -> None:
        """pyte's, without writing blanks into cells it leaves empty."""
        self._shift(-(count or 1))

    def _shift(self, by: int) -> None:
        x0 = min(self.cursor.x, self.columns - 1)
        line = self._edit(x0, x0 + max(0, -by))  # inserting cuts only at x0, deleting also at its end
        moved = {x + by: char for x, char in line.items() if x >= x0 and x0 <= x + by < self.columns}
        for x in [x for x in line if x >= x0]:
            del line[x]
        line.update(moved)
        last = line.get(self.columns - 1)
        if last is not None and last.data and wcwidth(last.data[0]) == 2:  # its right half went off the edge
            del line[self.columns - 1]

    def reset(self) -> None:
        if self._alt:
            self.buffer, self._main, self._alt = self._main or self.buffer, None, 0
        self._alt_save = None
        super().reset()
        self._owner._forget()

    # -- modes: the alternate screen -------------------------------------------------------------
    def set_mode(self, *mode_list: int, **kwargs: object) -> None:
        if kwargs.get("private"):
            mode_list = tuple(mode for mode in mode_list if mode != _DECCOLM)
            for mode in mode_list:
                if mode in _ALT_MODES:
                    self._enter_alt(mode)
        super().set_mode(*mode_list, **kwargs)

    def reset_mode(self, *mode_list: int, **kwargs: object) -> None:
        if kwargs.get("private"):
            mode_list = tuple(mode for mode in mode_list if mode != _DECCOLM)
            for mode in mode_list:
                if mode in _ALT_MODES:
                    self._leave_alt(mode)
        super().reset_mode(*mode_list, **kwargs)

    def _enter_alt(self, mode: int) -> None:
        if self._alt:
            return
        if mode == 1049:
            self._alt_save = _savepoint(self)
        self._main_cursor = Place(self.cursor.y, self.cursor.x, self.cursor.x >= self.columns)
        self._main, self.buffer = self.buffer, self._alt_buffer
        if mode == 1049:
            self.buffer.clear()
        self._alt = mode
        self.dirty.update(range(self.lines))

    def _leave_alt(self, mode: int) -> None:
        if not self._alt or self._main is None:
            return
        if mode == 1047:
            self.buffer.clear()
        self.buffer, self._main, self._alt = self._main, None, 0
        self.mode.difference_update(m << 5 for m in _ALT_MODES)
        if mode == 1049 and self._alt_save is not None:
            self.savepoints.append(self._alt_save)
            self.restore_cursor()
        else:
            self.ensure_hbounds()
            self.ensure_vbounds()
        self._alt_save = None
        self.dirty.update(range(self.lines))

    # -- resize ----------------------------------------------------------------------------------
    def resize(self, lines: int | None = None, columns: int | None = None) -> None:
        """New size: the main screen and the scrollback reflow, the alternate screen is cut or extended
        (its program redraws on SIGWINCH), the cursor follows its text."""
        lines, columns = lines or self.lines, columns or self.columns
        if (lines, columns) == (self.lines, self.columns):
            return
        cursor = self.cursor
        if self._alt and self._main is not None:
            saved = self._alt_save.cursor if self._alt_save is not None else None
            follow = Place(saved.y, saved.x, saved.x >= self.columns) if saved else self._main_cursor
            self._main, place = self._reflow_main(self._main, follow, columns, lines)
            if saved is not None:
                saved.x, saved.y = place.col, place.row
            self._main_cursor = place
            self.buffer = self._alt_buffer = _crop(self.buffer, columns, lines, self._new_buffer())
            cursor.x, cursor.y = min(cursor.x, columns - 1), min(cursor.y, lines - 1)
        else:
            here = Place(cursor.y, cursor.x, cursor.x >= self.columns)
            self.buffer, place = self._reflow_main(self.buffer, here, columns, lines)
            cursor.x, cursor.y = place.col, place.row
            self._alt_buffer = _crop(self._alt_buffer, columns, lines, self._new_buffer())
        for savepoint in self.savepoints:
            savepoint.cursor.x = min(savepoint.cursor.x, columns - 1)
            savepoint.cursor.y = min(savepoint.cursor.y, lines - 1)
        self.lines, self.columns = lines, columns
        self.margins = None
        self.tabstops = set(range(8, columns, 8))
        self.dirty.update(range(lines))

    def _reflow_main(self, buffer: Buffer, cursor: Place, columns: int, lines: int) -> tuple[Buffer, Place]:
        """The main screen and the scrollback on `lines` rows and re-cut at `columns`, in libghostty-vt's
        order: a wider screen reflows, then changes height; a narrower one changes height, then reflows."""
        history = self._owner._history
        old = self.lines
        out = [*history, *(buffer[y] for y in range(old))]
        here = Place(len(history) + min(cursor.row, old - 1), cursor.col, cursor.pending)
        if columns > self.columns:
            here = self._reflow_width(out, here, columns, old)
            self._change_height(out, here, old, lines, pull=True)
        else:
            self._change_height(out, here, old, lines, pull=columns == self.columns)
            if columns != self.columns:
                here = self._reflow_width(out, here, columns, lines)
        out.extend(self._new_line() for _ in range(max(0, lines - len(out))))
        split = len(out) - lines
        self._owner._replace_history(out[:split])
        screen = self._new_buffer()
        screen.update(enumerate(out[split:]))
        for line in screen.values():
            line._text = None  # rows kept as they were may come back from the scrollback: writable again
        col = here.col if here.pending else min(here.col, columns - 1)
        if here.row < split:  # its line went up into the scrollback: the cursor stays on the screen
            return screen, Place(0, min(col, columns - 1))
        return screen, Place(here.row - split, min(col, columns), here.pending)

    def _change_height(self, out: list[Line], here: Place, old: int, lines: int, pull: bool) -> None:
        """Fewer rows: blank rows below the cursor go first, then top rows up into the scrollback. More
        rows: the scrollback comes back down if `pull` and the cursor is on the last row, otherwise blank
        rows are added at the bottom."""
        if lines < old:
            del out[len(out) - min(old - lines, _blank_below(out, here.row)) :]
        elif lines > old and not (pull and here.row >= len(out) - 1):
            out.extend(self._new_line() for _ in range(lines - old))

    def _reflow_width(self, out: list[Line], here: Place, columns: int, height: int) -> Place:
        """Rows re-cut at `columns` in place; blank rows below the cursor give way to lines that grew
        longer, and when lines grow shorter the scrollback comes back down to fill `height` rows."""
        blank = _blank_below(out, here.row)
        kept = out[: len(out) - blank]
        default = self.default_char
        rows, (here,) = reflow(kept, self.columns, columns, [here], lambda: Line(default))
        rows.extend(self._new_line() for _ in range(max(0, blank - max(0, len(rows) - len(kept)))))
        rows.extend(self._new_line() for _ in range(max(0, height - len(rows))))
        out[:] = rows
        return here


def _blank_below(rows: list[Line], row: int) -> int:
    """How many rows at the end of `rows`, all after `row`, are blank."""
    count = 0
    for y in range(len(rows) - 1, row, -1):
        if not is_blank(rows[y]):
            break
        count += 1
    return count


def _unsplit(line: Line, first: int, end: int) -> None:
    """Clear the other half of a wide character that cells first..end-1 cut through."""
    char = line.get(first)
    if char is not None and char.data == "" and first > 0:
        line.pop(first - 1, None)
    char = line.get(end)
    if char is not None and char.data == "":
        line.pop(end, None)


def _savepoint(screen: _Screen) -> Savepoint:
    return Savepoint(
        copy.copy(screen.cursor),
        screen.g0_charset,
        screen.g1_charset,
        screen.charset,
        modes.DECOM in screen.mode,
        modes.DECAWM in screen.mode,
    )


def _crop(buffer: Buffer, columns: int, lines: int, into: Buffer) -> Buffer:
    """The rows and cells of `buffer` that fit in the new size (no reflow: the alternate screen)."""
    for y, line in buffer.items():
        if y < lines:
            new = Line(line.default)
            new.update((x, char) for x, char in line.items() if x < columns)
            into[y] = new
    return into


class PyteEmulator(Emulator):
    name = "pyte"
    chunk = 4096  # pyte parses ~0.6-1.6 MB/s: 3-7 ms a chunk keeps a frame within its budget

    def __init__(self, cols: int = 80, rows: int = 24, scrollback: int = 10_000) -> None:
        super().__init__(cols, rows, scrollback)
        self._history: deque[Line] = deque(maxlen=scrollback)
        self._history_text: list[str] | None = None
        self.screen = _Screen(cols, rows, self)
        self.stream = pyte.ByteStream(self.screen)

    # -- the scrollback, kept by the screen ------------------------------------------------------
    def _keep(self, line: Line) -> None:
        self._history.append(line)
        self._history_text = None

    def _forget(self) -> None:
        self._history.clear()
        self._history_text = None

    def _replace_history(self, lines: list[Line]) -> None:
        self._history = deque(lines, maxlen=self.scrollback)
        self._history_text = None

    # -- the interface ---------------------------------------------------------------------------
    def feed(self, data: bytes) -> None:
        self.stream.feed(data)

    def resize(self, cols: int, rows: int) -> None:
        self.cols, self.rows = cols, rows
        self.screen.resize(rows, cols)
        self.screen.dirty.update(range(rows))

    def cursor(self) -> tuple[int, int, bool]:
        cursor = self.screen.cursor
        return min(cursor.x, self.cols - 1), cursor.y, not cursor.hidden

    def take_dirty(self) -> set[int]:
        dirty = {y for y in self.screen.dirty if 0 <= y < self.rows}
        self.screen.dirty.clear()
        return dirty

    def row_runs(self, y: int) -> list[Run]:
        line = self.screen.buffer[y]
        runs: list[Run] = []
        if not line:
            return runs
        last = max(line.keys())
        text: list[str] = []
        start = 0
        key = None
        x = 0
        while x <= min(last, self.cols - 1):
            char = line[x]
            style = (char.fg, char.bg, char.bold, char.italics, char.underscore, char.reverse)
            wide = x + 1 < self.cols and line[x + 1].data == "" and char.data != ""
            if wide or style != key:
                if text:
                    runs.append(_run(start, "".join(text), key))
                text, start, key = [], x, style
            if wide:
                runs.append(_run(x, char.data, style, wide=True))
                text, start, key = [], x + 2, None
                x += 2
                continue
            text.append(char.data or " ")
            x += 1
        if text:
            runs.append(_run(start, "".join(text), key))
        return runs

    def row_text(self, y: int) -> str:
        line = self.screen.buffer[y]
        return "".join(line[x].data for x in range(self.cols)).rstrip()

    def history(self) -> list[str]:
        if self._history_text is None:
            self._history_text = [line.text() for line in self._history]
        return self._history_text

    def mode(self, number: int) -> bool:
        if number == 25:
            return not self.screen.cursor.hidden
        return (number << 5) in self.screen.mode


def _run(col: int, text: str, style: tuple | None, wide: bool = False) -> Run:
    fg, bg, bold, italic, underline, reverse = style or ("default", "default", False, False, False, False)
    return Run(col, text, _colour(fg), _colour(bg), bold, italic, underline, reverse, wide)
