"""The terminal widget: paints an Emulator's rows, coalesced to the frame rate, only the rows that changed.

Bytes come from a source with `take(limit) -> bytes` (the exec bridge) or `feed(data)`; key presses go
out through `send(bytes)`. The widget owns no Docker connection.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetrics,
    QGuiApplication,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QWidget

from crane_desktop.terminal.backends import create
from crane_desktop.terminal.emulator import (
    ALT_SCREEN_MODES,
    MODE_APP_CURSOR,
    MODE_BRACKETED_PASTE,
    Emulator,
)

FRAME_MS = 16
FEED_BUDGET_S = 0.010  # per frame: keep the GUI thread answering whatever the program writes
FLOOD_RENDER_S = 0.033  # while output floods in, rows are re-read and painted at most ~30 times a second
DEFAULT_FG = QColor(220, 220, 220)
DEFAULT_BG = QColor(24, 24, 24)

_KEYS: dict[int, bytes] = {
    Qt.Key.Key_Return: b"\r",
    Qt.Key.Key_Enter: b"\r",
    Qt.Key.Key_Backspace: b"\x7f",
    Qt.Key.Key_Tab: b"\t",
    Qt.Key.Key_Escape: b"\x1b",
    Qt.Key.Key_Insert: b"\x1b[2~",
    Qt.Key.Key_Delete: b"\x1b[3~",
    Qt.Key.Key_PageUp: b"\x1b[5~",
    Qt.Key.Key_PageDown: b"\x1b[6~",
    Qt.Key.Key_F1: b"\x1bOP",
    Qt.Key.Key_F2: b"\x1bOQ",
    Qt.Key.Key_F3: b"\x1bOR",
    Qt.Key.Key_F4: b"\x1bOS",
    Qt.Key.Key_F5: b"\x1b[15~",
    Qt.Key.Key_F10: b"\x1b[21~",
}
_CURSOR_KEYS: dict[int, bytes] = {
    Qt.Key.Key_Up: b"A",
    Qt.Key.Key_Down: b"B",
    Qt.Key.Key_Right: b"C",
    Qt.Key.Key_Left: b"D",
    Qt.Key.Key_Home: b"H",
    Qt.Key.Key_End: b"F",
}


class TerminalWidget(QWidget):
    """A VT screen. `resized(cols, rows)` tells the session to resize the TTY."""

    resized = Signal(int, int)

    def __init__(self, parent: QWidget | None = None, emulator: str = "", scrollback: int = 10_000) -> None:
        super().__init__(parent)
        self.setObjectName("terminal")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(max(font.pointSize(), 10))
        self.setFont(font)
        metrics = QFontMetrics(font)
        self.cell_w = max(1, metrics.horizontalAdvance("M"))
        self.cell_h = metrics.height()
        self._ascent = metrics.ascent()
        self.emulator: Emulator = create(emulator, 80, 24, scrollback)
        self.emulator.reply = self._reply
        self.source: Callable[[int], bytes] | None = None
        self.send: Callable[[bytes], None] = lambda data: None
        self._inbox = bytearray()
        self._scroll = 0  # lines scrolled back into history
        self._sel_start: tuple[int, int] | None = None
        self._sel_end: tuple[int, int] | None = None
        self._cursor_row = 0
        self.frames = 0
        self.max_frame_ms = 0.0
        self._closed = False
        self._unrendered = False
        self._rendered_at = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self.pump)
        self._timer.start()
        self.resize(80 * self.cell_w + 4, 24 * self.cell_h + 4)

    # -- bytes in and out ------------------------------------------------------------------------
    def feed(self, data: bytes) -> None:
        """Bytes for the screen (GUI thread); painted at the next frame."""
        self._inbox += data

    def _reply(self, data: bytes) -> None:
        self.send(data)

    def pump(self) -> None:
        """Once per frame: feed what arrived (within a time budget) and repaint the changed rows."""
        if self._closed:
            return
        started = time.perf_counter()
        fed = False
        flooding = False
        while True:
            if time.perf_counter() - started >= FEED_BUDGET_S:
                flooding = True  # more may be waiting: the budget ran out before the data
                break
            chunk = b""
            size = self.emulator.chunk
            if self._inbox:
                chunk = bytes(self._inbox[:size])
                del self._inbox[:size]
            elif self.source is not None:
                chunk = self.source(size)
            if not chunk:
                break
            self.emulator.feed(chunk)
            fed = True
        if fed:
            self._unrendered = True
        if not self._unrendered or (flooding and time.perf_counter() - self._rendered_at < FLOOD_RENDER_S):
            return
        self._unrendered = False
        self._rendered_at = time.perf_counter()
        dirty = self.emulator.take_dirty()
        _x, y, _visible = self.emulator.cursor()
        dirty.update({self._cursor_row, y})
        self._cursor_row = y
        if self._scroll:
            self.update()
        else:
            for row in dirty:
                self.update(QRect(0, 2 + row * self.cell_h, self.width(), self.cell_h))
        self.frames += 1
        self.max_frame_ms = max(self.max_frame_ms, (time.perf_counter() - started) * 1000)

    # -- painting --------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.fillRect(event.rect(), DEFAULT_BG)
            if not self._closed:
                self._paint(painter, event)
        finally:
            painter.end()

    def _paint(self, painter: QPainter, event: QPaintEvent) -> None:
        emulator = self.emulator
        first = max(0, (event.rect().top() - 2) // self.cell_h)
        last = min(emulator.rows - 1, (event.rect().bottom() - 2) // self.cell_h)
        history = emulator.history() if self._scroll else []
        for row in range(first, last + 1):
            top = 2 + row * self.cell_h
            source_row = row - self._scroll
            if source_row < 0:
                index = len(history) + source_row
                if 0 <= index < len(history):
                    painter.setPen(DEFAULT_FG)
                    painter.drawText(2, top + self._ascent, history[index])
                continue
            self._paint_row(painter, source_row, top)
        x, y, visible = emulator.cursor()
        if visible and not self._scroll and first <= y <= last:
            rect = QRect(2 + x * self.cell_w, 2 + y * self.cell_h, self.cell_w, self.cell_h)
            if self.hasFocus():
                painter.fillRect(rect, QColor(200, 200, 200, 150))
            else:
                painter.setPen(QColor(200, 200, 200))
                painter.drawRect(rect.adjusted(0, 0, -1, -1))

    def _paint_row(self, painter: QPainter, row: int, top: int) -> None:
        selection = self._selection_cols(row)
        for run in self.emulator.row_runs(row):
            fg = QColor(*run.fg) if run.fg else DEFAULT_FG
            bg = QColor(*run.bg) if run.bg else None
            if run.reverse:
                fg, bg = (bg or DEFAULT_BG), fg
            left = 2 + run.col * self.cell_w
            width = (2 if run.wide else len(run.text)) * self.cell_w
            if bg is not None:
                painter.fillRect(QRect(left, top, width, self.cell_h), bg)
            if run.text.strip():
                font = painter.font()
                if (
                    font.bold() != run.bold
                    or font.italic() != run.italic
                    or font.underline() != run.underline
                ):
                    font = QFont(self.font())
                    font.setBold(run.bold)
                    font.setItalic(run.italic)
                    font.setUnderline(run.underline)
                    painter.setFont(font)
                painter.setPen(fg)
                if run.wide:
                    painter.drawText(
                        QRect(left, top, width, self.cell_h), Qt.AlignmentFlag.AlignCenter, run.text
                    )
                else:
                    painter.drawText(left, top + self._ascent, run.text)
        if selection is not None:
            a, b = selection
            painter.fillRect(
                QRect(2 + a * self.cell_w, top, (b - a + 1) * self.cell_w, self.cell_h),
                QColor(80, 140, 255, 90),
            )

    # -- size ------------------------------------------------------------------------------------
    def grid_size(self) -> tuple[int, int]:
        return max(2, (self.width() - 4) // self.cell_w), max(1, (self.height() - 4) // self.cell_h)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        cols, rows = self.grid_size()
        if (cols, rows) != (self.emulator.cols, self.emulator.rows):
            self.emulator.resize(cols, rows)
            self.update()
            self.resized.emit(cols, rows)

    # -- keys, paste, selection ------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        mods = event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        if ctrl and shift and key == Qt.Key.Key_C:
            self.copy()
            return
        if (ctrl and shift and key == Qt.Key.Key_V) or (shift and key == Qt.Key.Key_Insert):
            self.paste()
            return
        if shift and key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            self.scroll_history(self.emulator.rows if key == Qt.Key.Key_PageUp else -self.emulator.rows)
            return
        data = self.key_bytes(event)
        if data:
            self._scroll = 0
            self.send(data)

    def key_bytes(self, event: QKeyEvent) -> bytes:
        key = event.key()
        mods = event.modifiers()
        if key in _CURSOR_KEYS:
            prefix = b"\x1bO" if self.emulator.mode(MODE_APP_CURSOR) else b"\x1b["
            return prefix + _CURSOR_KEYS[key]
        if key in _KEYS:
            return _KEYS[key]
        if mods & Qt.KeyboardModifier.ControlModifier and Qt.Key.Key_A <= key <= Qt.Key.Key_Z:
            return bytes([key - Qt.Key.Key_A + 1])
        if mods & Qt.KeyboardModifier.ControlModifier and key == Qt.Key.Key_BracketLeft:
            return b"\x1b"
        text = event.text()
        if text:
            prefix = b"\x1b" if mods & Qt.KeyboardModifier.AltModifier else b""
            return prefix + text.encode()
        return b""

    def inputMethodEvent(self, event) -> None:
        if event.commitString():
            self.send(event.commitString().encode())
        event.accept()

    def focusNextPrevChild(self, next: bool) -> bool:
        return False

    def paste(self, text: str | None = None) -> None:
        text = QGuiApplication.clipboard().text() if text is None else text
        if not text:
            return
        data = text.replace("\r\n", "\r").replace("\n", "\r").encode()
        if self.emulator.mode(MODE_BRACKETED_PASTE):
            data = b"\x1b[200~" + data.replace(b"\x1b[201~", b"") + b"\x1b[201~"
        self.send(data)

    def copy(self) -> None:
        text = self.selected_text()
        if text:
            QGuiApplication.clipboard().setText(text)

    def selected_text(self) -> str:
        if self._sel_start is None or self._sel_end is None:
            return ""
        return self.emulator.text_between(self._sel_start, self._sel_end)

    def _cell_at(self, point: QPoint) -> tuple[int, int]:
        col = min(max(0, (point.x() - 2) // self.cell_w), self.emulator.cols - 1)
        row = min(max(0, (point.y() - 2) // self.cell_h), self.emulator.rows - 1)
        return col, row

    def _selection_cols(self, row: int) -> tuple[int, int] | None:
        if self._sel_start is None or self._sel_end is None or self._sel_start == self._sel_end:
            return None
        (x0, y0), (x1, y1) = sorted((self._sel_start, self._sel_end), key=lambda p: (p[1], p[0]))
        if not y0 <= row <= y1:
            return None
        return (x0 if row == y0 else 0), (x1 if row == y1 else self.emulator.cols - 1)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus()
        if event.button() == Qt.MouseButton.LeftButton:
            self._sel_start = self._sel_end = self._cell_at(event.position().toPoint())
            self.update()
        elif event.button() == Qt.MouseButton.MiddleButton:
            self.paste(QGuiApplication.clipboard().text(QGuiApplication.clipboard().Mode.Selection) or None)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton and self._sel_start is not None:
            self._sel_end = self._cell_at(event.position().toPoint())
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        text = self.selected_text()
        if text:
            QGuiApplication.clipboard().setText(text, QGuiApplication.clipboard().Mode.Selection)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if any(self.emulator.mode(mode) for mode in ALT_SCREEN_MODES):  # vi, less: the wheel is arrows
            steps = event.angleDelta().y() // 40
            key = b"A" if steps > 0 else b"B"
            self.send((b"\x1bO" + key) * abs(steps))
            return
        self.scroll_history(event.angleDelta().y() // 40)

    def scroll_history(self, lines: int) -> None:
        self._scroll = min(max(0, self._scroll + lines), len(self.emulator.history()))
        self.update()

    def screen_text(self) -> str:
        return self.emulator.screen_text()

    def close_emulator(self) -> None:
        self._closed = True
        self._timer.stop()
        self.source = None
        self.emulator.close()
