"""libghostty-vt through pyghostty: fast, reflows on resize, alternate screen, scrollback.

Rows are read through the render state API (dirty rows, cells with their resolved colours), one row
at a time, only for the rows that changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from pyghostty import Terminal, ffi, lib
from wcwidth import wcwidth

from crane_desktop.terminal.emulator import RGB, Emulator, Run

_WIDE = lib.GHOSTTY_CELL_WIDE_WIDE
_TAIL = lib.GHOSTTY_CELL_WIDE_SPACER_TAIL
_HEAD = lib.GHOSTTY_CELL_WIDE_SPACER_HEAD


class GhosttyEmulator(Emulator):
    name = "ghostty"

    def __init__(self, cols: int = 80, rows: int = 24, scrollback: int = 10_000) -> None:
        super().__init__(cols, rows, scrollback)
        self.term = Terminal(cols, rows, scrollback=scrollback)
        self.term.on_reply(lambda data: self.reply(bytes(data)))
        self._state = ffi.new("GhosttyRenderState*")
        _check(lib.ghostty_render_state_new(ffi.NULL, self._state))
        self._rows_it = ffi.new("GhosttyRenderStateRowIterator*")
        _check(lib.ghostty_render_state_row_iterator_new(ffi.NULL, self._rows_it))
        self._cells = ffi.new("GhosttyRenderStateRowCells*")
        _check(lib.ghostty_render_state_row_cells_new(ffi.NULL, self._cells))
        self._glen = ffi.new("uint32_t*")
        self._gbuf = ffi.new("uint32_t[32]")
        self._raw = ffi.new("GhosttyCell*")
        self._wide = ffi.new("GhosttyCellWide*")
        self._styled = ffi.new("bool*")
        self._style = ffi.new("GhosttyStyle*")
        self._style.size = ffi.sizeof("GhosttyStyle")
        self._rgb = ffi.new("GhosttyColorRgb*")
        self._dirty_flag = ffi.new("bool*")
        self._clean = ffi.new("bool*", False)
        self._runs: dict[int, list[Run]] = {}
        self._dirty: set[int] = set(range(rows))
        self._stale = True
        self._history_cache: list[str] | None = None
        self._cells_raw = ffi.new("uint64_t[2]")
        self._fast = _layout_ok()

    def feed(self, data: bytes) -> None:
        self.term.feed(data)
        self._stale = True
        self._history_cache = None

    def resize(self, cols: int, rows: int) -> None:
        self.cols, self.rows = cols, rows
        self.term.resize(cols, rows)
        self._runs.clear()
        self._dirty = set(range(rows))
        self._stale = True
        self._history_cache = None

    def cursor(self) -> tuple[int, int, bool]:
        x, y = self.term.cursor
        return x, y, self.term.mode(25)

    def mode(self, number: int) -> bool:
        return self.term.mode(number)

    def _update(self) -> None:
        """Pull the changed rows out of the terminal into our run cache."""
        if not self._stale:
            return
        self._stale = False
        _check(lib.ghostty_render_state_update(self._state[0], self.term._t[0]))
        _check(
            lib.ghostty_render_state_get(
                self._state[0], lib.GHOSTTY_RENDER_STATE_DATA_ROW_ITERATOR, self._rows_it
            )
        )
        it = self._rows_it[0]
        y = 0
        while lib.ghostty_render_state_row_iterator_next(it):
            lib.ghostty_render_state_row_get(it, lib.GHOSTTY_RENDER_STATE_ROW_DATA_DIRTY, self._dirty_flag)
            if self._dirty_flag[0] or y not in self._runs:
                _check(
                    lib.ghostty_render_state_row_get(it, lib.GHOSTTY_RENDER_STATE_ROW_DATA_CELLS, self._cells)
                )
                self._runs[y] = self._read_row_fast(it) if self._fast else self._read_row()
                self._dirty.add(y)
                lib.ghostty_render_state_row_set(it, lib.GHOSTTY_RENDER_STATE_ROW_OPTION_DIRTY, self._clean)
            y += 1
        lib.ghostty_render_state_set(
            self._state[0], lib.GHOSTTY_RENDER_STATE_OPTION_DIRTY, ffi.new("int*", 0)
        )

    def _read_row(self) -> list[Run]:
        """The row through the per-cell API (when the packed layout is not the one we know)."""
        return _runs(self._cells_slow())

    def _cells_slow(self) -> Iterator[Cell]:
        cells = self._cells[0]
        get = lib.ghostty_render_state_row_cells_get
        x = -1
        while lib.ghostty_render_state_row_cells_next(cells):
            x += 1
            get(cells, lib.GHOSTTY_RENDER_STATE_ROW_CELLS_DATA_RAW, self._raw)
            lib.ghostty_cell_get(self._raw[0], lib.GHOSTTY_CELL_DATA_WIDE, self._wide)
            wide = self._wide[0]
            if wide in (_TAIL, _HEAD):
                continue
            char = self._graphemes()
            get(cells, lib.GHOSTTY_RENDER_STATE_ROW_CELLS_DATA_HAS_STYLING, self._styled)
            yield x, char, self._read_style() if self._styled[0] else _PLAIN, wide == _WIDE

    def _read_row_fast(self, it: object) -> list[Run]:
        """The row's cells in one call (an array of packed 64-bit cells), decoded here; only styled cells
        and grapheme clusters go back to the per-cell API (styles cached by id within the row)."""
        _check(
            lib.ghostty_render_state_row_get(it, lib.GHOSTTY_RENDER_STATE_ROW_DATA_CELLS_RAW, self._cells_raw)
        )
        return _runs(self._cells_fast())

    def _cells_fast(self) -> Iterator[Cell]:
        count = self._cells_raw[1]
        packed = ffi.unpack(ffi.cast("uint64_t*", self._cells_raw[0]), count) if count else []
        cells = self._cells[0]
        styles: dict[int, Style] = {0: _PLAIN}
        for x, cell in enumerate(packed):
            wide = (cell >> 42) & 3
            if wide in (_TAIL, _HEAD):
                continue
            tag = cell & 3
            style_id = (cell >> 26) & 0xFFFF
            if tag == 0:
                codepoint = (cell >> 2) & 0x1FFFFF
                char = chr(codepoint) if codepoint else " "
            else:
                lib.ghostty_render_state_row_cells_select(cells, x)
                char = self._graphemes() if tag == 1 else " "
            if tag >= 2 or style_id not in styles:
                lib.ghostty_render_state_row_cells_select(cells, x)
                style = self._read_style()
                if tag < 2:
                    styles[style_id] = style
            else:
                style = styles[style_id]
            yield x, char, style, wide == _WIDE

    def _graphemes(self) -> str:
        get = lib.ghostty_render_state_row_cells_get
        get(self._cells[0], lib.GHOSTTY_RENDER_STATE_ROW_CELLS_DATA_GRAPHEMES_LEN, self._glen)
        n = self._glen[0]
        if not n:
            return " "
        get(self._cells[0], lib.GHOSTTY_RENDER_STATE_ROW_CELLS_DATA_GRAPHEMES_BUF, self._gbuf)
        return "".join(chr(self._gbuf[i]) for i in range(min(n, 32)))

    def _read_style(self) -> Style:
        cells = self._cells[0]
        get = lib.ghostty_render_state_row_cells_get
        get(cells, lib.GHOSTTY_RENDER_STATE_ROW_CELLS_DATA_STYLE, self._style)
        st = self._style
        fg = bg = None
        if get(cells, lib.GHOSTTY_RENDER_STATE_ROW_CELLS_DATA_FG_COLOR, self._rgb) == 0:
            fg = (self._rgb.r, self._rgb.g, self._rgb.b)
        if get(cells, lib.GHOSTTY_RENDER_STATE_ROW_CELLS_DATA_BG_COLOR, self._rgb) == 0:
            bg = (self._rgb.r, self._rgb.g, self._rgb.b)
        return (fg, bg, bool(st.bold), bool(st.italic), bool(st.underline), bool(st.inverse))

    def take_dirty(self) -> set[int]:
        self._update()
        dirty, self._dirty = self._dirty, set()
        return {y for y in dirty if y < self.rows}

    def row_runs(self, y: int) -> list[Run]:
        self._update()
        return self._runs.get(y, [])

    def row_text(self, y: int) -> str:
        cells = self.row_cells_text(y)
        return "".join(cells).rstrip()

    def history(self) -> list[str]:
        """What scrolled off the top. contents() gives logical (unwrapped) lines and text() the screen's
        rows: the last lines of contents, wrapped at our width, fill the screen; the rows of them above
        it (the head of a line that wrapped across the top edge) belong to the history too."""
        if self._history_cache is None:
            everything = self.term.contents().split("\n")
            on_screen = len(self.term.text().split("\n"))
            first, rows = len(everything), 0
            while first > 0 and rows < on_screen:
                first -= 1
                rows += len(_wrapped(everything[first], self.cols))
            self._history_cache = everything[:first]
            if rows > on_screen:
                self._history_cache += _wrapped(everything[first], self.cols)[: rows - on_screen]
        return self._history_cache

    def close(self) -> None:
        if self._state is not None:
            lib.ghostty_render_state_row_cells_free(self._cells[0])
            lib.ghostty_render_state_row_iterator_free(self._rows_it[0])
            lib.ghostty_render_state_free(self._state[0])
            self._state = None
        self.term.close()


Style = tuple[RGB | None, RGB | None, bool, bool, bool, bool]  # fg, bg, bold, italic, underline, reverse
Cell = tuple[int, str, Style, bool]  # column, text, style, wide
_PLAIN: Style = (None, None, False, False, False, False)


def _runs(cells: Iterable[Cell]) -> list[Run]:
    """Runs of cells sharing a style; a wide character is a run of its own."""
    runs: list[Run] = []
    text: list[str] = []
    start = 0
    key: Style | None = None
    for x, char, style, wide in cells:
        if wide:
            if text:
                runs.append(_run(start, "".join(text), key))
            runs.append(_run(x, char, style, wide=True))
            text, key = [], None
        else:
            if style != key:
                if text:
                    runs.append(_run(start, "".join(text), key))
                text, start, key = [], x, style
            text.append(char)
    if text:
        # Trailing unstyled blanks carry nothing to paint.
        joined = "".join(text)
        if key == _PLAIN:
            joined = joined.rstrip(" ")
        if joined:
            runs.append(_run(start, joined, key))
    return runs


def _wrapped(line: str, cols: int) -> list[str]:
    """`line` as the rows it takes at `cols` columns (a wide character that does not fit wraps whole)."""
    rows, row, used = [], "", 0
    for char in line:
        width = wcwidth(char) if char.isprintable() else 0
        if used + width > cols:
            rows.append(row)
            row, used = "", 0
        row += char
        used += max(width, 0)
    rows.append(row)
    return rows


def _layout_ok() -> bool:
    """Whether the packed cell layout we decode (tag bits 0-1, codepoint 2-22, style id 26-41, wide
    42-43) matches what libghostty-vt reports for a known line; if not, every cell goes through the API."""
    term = Terminal(8, 1)
    try:
        term.feed("a\x1b[31mb\x1b[0m中c".encode())
        state = ffi.new("GhosttyRenderState*")
        rows = ffi.new("GhosttyRenderStateRowIterator*")
        _check(lib.ghostty_render_state_new(ffi.NULL, state))
        _check(lib.ghostty_render_state_row_iterator_new(ffi.NULL, rows))
        try:
            _check(lib.ghostty_render_state_update(state[0], term._t[0]))
            _check(lib.ghostty_render_state_get(state[0], lib.GHOSTTY_RENDER_STATE_DATA_ROW_ITERATOR, rows))
            lib.ghostty_render_state_row_iterator_next(rows[0])
            raw = ffi.new("uint64_t[2]")
            _check(
                lib.ghostty_render_state_row_get(rows[0], lib.GHOSTTY_RENDER_STATE_ROW_DATA_CELLS_RAW, raw)
            )
            cells = ffi.unpack(ffi.cast("uint64_t*", raw[0]), raw[1])
            out32 = ffi.new("uint32_t*")
            out16 = ffi.new("uint16_t*")
            wide = ffi.new("GhosttyCellWide*")
            for cell in cells[:5]:
                lib.ghostty_cell_get(cell, lib.GHOSTTY_CELL_DATA_CODEPOINT, out32)
                lib.ghostty_cell_get(cell, lib.GHOSTTY_CELL_DATA_STYLE_ID, out16)
                lib.ghostty_cell_get(cell, lib.GHOSTTY_CELL_DATA_WIDE, wide)
                if (out32[0], out16[0], wide[0]) != (
                    (cell >> 2) & 0x1FFFFF,
                    (cell >> 26) & 0xFFFF,
                    (cell >> 42) & 3,
                ):
                    return False
            return [(c >> 2) & 0x1FFFFF for c in cells[:5]] == [ord("a"), ord("b"), ord("中"), 0, ord("c")]
        finally:
            lib.ghostty_render_state_row_iterator_free(rows[0])
            lib.ghostty_render_state_free(state[0])
    except Exception:
        return False
    finally:
        term.close()


def _run(col: int, text: str, style: Style | None, wide: bool = False) -> Run:
    fg, bg, bold, italic, underline, reverse = style or _PLAIN
    return Run(col, text, fg, bg, bold, italic, underline, reverse, wide)


def _check(result: int) -> None:
    if result:
        raise RuntimeError(f"libghostty-vt call failed: {result}")


__all__ = ["RGB", "GhosttyEmulator"]
