"""Re-wrapping pyte rows to a new width, as libghostty-vt does on resize.

A row is a pyte line (a sparse {column: Char} dict) that also says whether it soft-wraps into the next
row (`wrapped`: the program wrote past the right edge) and whether its last cell is only the gap left by a
wide character that moved to the next row (`spacer`). Rows joined by soft wraps form one logical line;
reflow re-cuts logical lines at the new width, keeping wide characters whole and lines ended by CR/LF
apart, and follows the cursor to the same place in its logical line. Qt-free and pyte-light.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import itemgetter

from pyte.screens import Char, StaticDefaultDict

_DATA = itemgetter(0)  # Char.data


class Line(StaticDefaultDict[int, Char]):
    """A pyte row that knows whether it soft-wraps; `text()` is cached once the row is history."""

    wrapped = False
    spacer = False
    _text: str | None = None

    def text(self) -> str:
        """The row as text, a wide character once, trailing spaces trimmed (cached: history rows are
        never written again)."""
        if self._text is None:
            self._text = "".join(self[x].data for x in range(max(self) + 1)).rstrip() if self else ""
        return self._text


@dataclass
class Place:
    """A cursor in row/column terms; `pending`: it sits past the last column, waiting to wrap."""

    row: int
    col: int
    pending: bool = False


def is_blank(line: Line) -> bool:
    """No text in the row (styled spaces count as blank, as in libghostty-vt's trimming)."""
    return all(char.data in (" ", "") for char in line.values())


def reflow(
    rows: Sequence[Line], old_cols: int, new_cols: int, cursors: Sequence[Place], new_line: Callable[[], Line]
) -> tuple[list[Line], list[Place]]:
    """`rows` cut at `new_cols` instead of `old_cols`; each cursor (row index into `rows`) moved to the same
    cell of its logical line in the result."""
    out: list[Line] = []
    moved: list[Place | None] = [None] * len(cursors)
    start = 0
    while start < len(rows):
        end = start
        while rows[end].wrapped and end + 1 < len(rows):
            end += 1
        line = rows[start]
        if end == start and (max(line) < new_cols if line else True) and not _has_cursor(cursors, start):
            out.append(line)  # a short line ended by CR/LF: it stays as it is (most rows, and cheap)
            start += 1
            continue
        cells, offsets = _logical(rows, start, end, old_cols, cursors)
        first = len(out)
        placed = _cut(cells, new_cols, new_line, offsets, out)
        for i, (row, col) in placed.items():
            pending = cursors[i].pending
            if pending:
                col += 1  # back past the cell it was just after (see _logical)
            moved[i] = Place(first + row, col, pending and col >= new_cols)
        start = end + 1
    return out, [place or Place(0, 0) for place in moved]


def _logical(
    rows: Sequence[Line], start: int, end: int, cols: int, cursors: Sequence[Place]
) -> tuple[list[Char], dict[int, int]]:
    """The cells of rows start..end as one logical line (spacer gaps left out, up to the last written cell),
    and the offset in it of each cursor on those rows."""
    cells: list[Char] = []
    offsets: dict[int, int] = {}
    for y in range(start, end + 1):
        line = rows[y]
        width = cols - 1 if line.spacer else cols
        last = min(cols, max(line) + 1) if line else 0
        take = width if y < end else last  # the last row: up to its last written cell
        for i, cursor in enumerate(cursors):
            if cursor.row == y:
                # A pending cursor is kept as "just after the last cell" so it stays at the line's end.
                offsets[i] = len(cells) + (min(cursor.col, width) - 1 if cursor.pending else cursor.col)
        cells.extend(map(line.__getitem__, range(take)))
    return cells, offsets


def _has_cursor(cursors: Sequence[Place], row: int) -> bool:
    return any(cursor.row == row for cursor in cursors)


def _cut(
    cells: list[Char], cols: int, new_line: Callable[[], Line], offsets: dict[int, int], out: list[Line]
) -> dict[int, tuple[int, int]]:
    """Append the logical line's rows at `cols` to `out`; where each offset landed (row within the line)."""
    if "" not in map(_DATA, cells):
        return _cut_narrow(cells, cols, new_line, offsets, out)
    spots: list[tuple[int, int]] = []  # (row, col) of each cell
    line = new_line()
    rows = [line]
    x = 0
    i = 0
    count = len(cells)
    while i < count:
        char = cells[i]
        wide = char.data != "" and i + 1 < count and cells[i + 1].data == ""
        if char.data == "" and not wide:
            char = char._replace(data=" ")  # the right half of a wide character that lost its left half
        width = 2 if wide and cols > 1 else 1
        if x + width > cols:
            line.wrapped = True
            line.spacer = x < cols
            line = new_line()
            rows.append(line)
            x = 0
        row = len(rows) - 1
        line[x] = char
        spots.append((row, x))
        if wide:
            if width == 2:
                line[x + 1] = cells[i + 1]
            spots.append((row, x + width - 1))
            i += 1
        x += width
        i += 1
    placed: dict[int, tuple[int, int]] = {}
    for key, offset in offsets.items():
        if offset < 0:
            placed[key] = (0, -1)  # pending at column 0 of an empty line: stays "after nothing"
        elif offset < len(spots):
            placed[key] = spots[offset]
        else:
            # Past the text: the same distance after its end, on rows of blanks if need be.
            after = x + offset - len(spots)
            row = len(rows) - 1 + after // cols
            placed[key] = (row, after % cols)
            while len(rows) <= row:
                rows[-1].wrapped = True
                rows.append(new_line())
    out.extend(rows)
    return placed


def _cut_narrow(
    cells: list[Char], cols: int, new_line: Callable[[], Line], offsets: dict[int, int], out: list[Line]
) -> dict[int, tuple[int, int]]:
    """_cut for a line without wide characters: whole slices of `cols` cells."""
    count = len(cells)
    needed = max([count - 1, *offsets.values()]) // cols + 1 if count or offsets else 1
    for row in range(needed):
        line = new_line()
        line.update(enumerate(cells[row * cols : (row + 1) * cols]))
        line.wrapped = row < needed - 1
        out.append(line)
    return {key: divmod(offset, cols) if offset >= 0 else (0, -1) for key, offset in offsets.items()}
