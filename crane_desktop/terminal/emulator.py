"""The emulator interface the widget paints from: feed bytes, replies back to the program, resize, rows
of styled runs, dirty rows, scrollback text, modes. Qt-free."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass

RGB = tuple[int, int, int]

# Private modes the widget cares about.
MODE_APP_CURSOR = 1
MODE_CURSOR_VISIBLE = 25
MODE_ALT_SCREEN = 1049
ALT_SCREEN_MODES = (1049, 1047, 47)  # each switches to the alternate screen (with its own details)
MODE_BRACKETED_PASTE = 2004


def _xterm_palette() -> list[RGB]:
    base = [
        (0, 0, 0), (205, 49, 49), (13, 188, 121), (229, 229, 16),
        (36, 114, 200), (188, 63, 188), (17, 168, 205), (229, 229, 229),
        (102, 102, 102), (241, 76, 76), (35, 209, 139), (245, 245, 67),
        (59, 142, 234), (214, 112, 214), (41, 184, 219), (255, 255, 255),
    ]  # fmt: skip
    steps = (0, 95, 135, 175, 215, 255)
    cube = [(steps[r], steps[g], steps[b]) for r in range(6) for g in range(6) for b in range(6)]
    grey = [(8 + 10 * i,) * 3 for i in range(24)]
    return base + cube + grey  # type: ignore[return-value]


PALETTE: list[RGB] = _xterm_palette()


@dataclass(frozen=True, slots=True)
class Run:
    """Cells of one row sharing a style, from column `col`; a wide character is a run of its own (width 2)."""

    col: int
    text: str
    fg: RGB | None = None  # None: the default colour
    bg: RGB | None = None
    bold: bool = False
    italic: bool = False
    underline: bool = False
    reverse: bool = False
    wide: bool = False

    @property
    def width(self) -> int:
        return 2 if self.wide else len(self.text)


class Emulator(ABC):
    """One terminal screen. `reply` gets what the terminal answers the program (cursor reports...)."""

    name = ""
    chunk = 65536  # bytes fed at a time by the widget (its frame budget is checked between chunks)

    def __init__(self, cols: int = 80, rows: int = 24, scrollback: int = 10_000) -> None:
        self.cols = cols
        self.rows = rows
        self.scrollback = scrollback
        self.reply: Callable[[bytes], None] = lambda data: None

    @abstractmethod
    def feed(self, data: bytes) -> None:
        """Bytes from the program (any split, also inside a UTF-8 sequence)."""

    @abstractmethod
    def resize(self, cols: int, rows: int) -> None:
        """New size in cells (the primary screen reflows where the emulator can)."""

    @abstractmethod
    def cursor(self) -> tuple[int, int, bool]:
        """(column, row, visible)."""

    @abstractmethod
    def take_dirty(self) -> set[int]:
        """Rows changed since the last call (every row after a resize)."""

    @abstractmethod
    def row_runs(self, y: int) -> list[Run]:
        """The styled runs of screen row `y` (trailing blank cells without style may be left out)."""

    @abstractmethod
    def row_text(self, y: int) -> str:
        """Row `y` as text (a wide character once), trailing spaces trimmed."""

    @abstractmethod
    def history(self) -> list[str]:
        """Scrollback lines (oldest first) as text."""

    @abstractmethod
    def mode(self, number: int) -> bool:
        """Whether DEC private mode `number` is set (1049 alternate screen, 2004 bracketed paste...)."""

    def screen_text(self) -> str:
        return "\n".join(self.row_text(y) for y in range(self.rows))

    def text_between(self, start: tuple[int, int], end: tuple[int, int]) -> str:
        """Selected text from (col, row) to (col, row) inclusive on the screen, rows joined by newlines."""
        (x0, y0), (x1, y1) = sorted((start, end), key=lambda p: (p[1], p[0]))
        out = []
        for y in range(y0, y1 + 1):
            cells = self.row_cells_text(y)
            first = x0 if y == y0 else 0
            last = x1 if y == y1 else len(cells) - 1
            out.append("".join(cells[first : last + 1]).rstrip())
        return "\n".join(out)

    def row_cells_text(self, y: int) -> list[str]:
        """One string per cell of row `y` ("" for the right half of a wide character)."""
        cells = [" "] * self.cols
        for run in self.row_runs(y):
            if run.wide:
                if run.col < self.cols:
                    cells[run.col] = run.text
                if run.col + 1 < self.cols:
                    cells[run.col + 1] = ""
            else:
                for i, char in enumerate(run.text):
                    if run.col + i < self.cols:
                        cells[run.col + i] = char
        return cells

    def close(self) -> None:  # noqa: B027 - optional: only native emulators have something to free
        """Free native resources."""
