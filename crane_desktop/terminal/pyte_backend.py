"""The portable emulator: pyte, with a light scrollback of our own (pyte's HistoryScreen is 3x slower).

pyte does not reflow on resize and has no alternate screen; libghostty-vt does both.
"""

from __future__ import annotations

from collections import deque

import pyte
from pyte.screens import Margins

from crane_desktop.terminal.emulator import PALETTE, RGB, Emulator, Run

_NAMED = {
    "black": 0, "red": 1, "green": 2, "brown": 3, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7,
}  # fmt: skip


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


class _Screen(pyte.Screen):
    """A pyte screen that answers the program and keeps lines scrolled off the top."""

    def __init__(self, columns: int, lines: int, owner: PyteEmulator) -> None:
        self._owner = owner
        super().__init__(columns, lines)

    def write_process_input(self, data: str) -> None:
        self._owner.reply(data.encode())

    def index(self) -> None:
        top, bottom = self.margins or Margins(0, self.lines - 1)
        if self.cursor.y == bottom and top == 0:
            line = self.buffer[0]
            self._owner._history.append("".join(line[x].data for x in range(self.columns)).rstrip())
        super().index()


class PyteEmulator(Emulator):
    name = "pyte"
    chunk = 2048  # pyte parses ~0.3-0.8 MB/s: small chunks keep a frame within its budget

    def __init__(self, cols: int = 80, rows: int = 24, scrollback: int = 10_000) -> None:
        super().__init__(cols, rows, scrollback)
        self._history: deque[str] = deque(maxlen=scrollback)
        self.screen = _Screen(cols, rows, self)
        self.stream = pyte.ByteStream(self.screen)

    def feed(self, data: bytes) -> None:
        self.stream.feed(data)

    def resize(self, cols: int, rows: int) -> None:
        self.cols, self.rows = cols, rows
        self.screen.resize(rows, cols)
        self.screen.dirty.update(range(rows))

    def cursor(self) -> tuple[int, int, bool]:
        cursor = self.screen.cursor
        return cursor.x, cursor.y, not cursor.hidden

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
        return list(self._history)

    def mode(self, number: int) -> bool:
        if number == 25:
            return not self.screen.cursor.hidden
        return (number << 5) in self.screen.mode


def _run(col: int, text: str, style: tuple | None, wide: bool = False) -> Run:
    fg, bg, bold, italic, underline, reverse = style or ("default", "default", False, False, False, False)
    return Run(col, text, _colour(fg), _colour(bg), bold, italic, underline, reverse, wide)
