"""One log view for containers and services: a bounded ring of lines painted by a view of our own.

Why not QPlainTextEdit: appending and highlighting 50,000 lines/s re-lays out text blocks; here a stream
thread only queues lines, a frame timer moves them into the ring at most once per frame, and painting
touches only the rows on screen (O(visible) whatever the ring holds).
"""

from __future__ import annotations

import re
import threading
import zlib
from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import TYPE_CHECKING

from PySide6.QtCore import QElapsedTimer, QPoint, QRect, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetrics,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from crane_desktop import bridge
from crane_desktop.engine import stacks
from crane_desktop.engine.diff import Diff
from crane_desktop.engine.logs import (
    DEBUG,
    DEFAULT_CAPACITY,
    ERROR,
    INFO,
    STDERR,
    WARNING,
    LineDeque,
    LogLine,
    LogRequest,
    LogStream,
    RingBuffer,
    export_lines,
)
from crane_desktop.messages import reason_text, sentences

if TYPE_CHECKING:
    from crane_desktop.views.context import ClusterContext

FRAME_MS = 16
# While lines stream in, the rows on screen are repainted at most this often: shaping ~50 rows of text
# costs several ms a paint, and 30 refreshes a second read as smooth as 60 for a scrolling log.
STREAM_PAINT_MS = 33
LEVEL_RANK = {ERROR: 4, WARNING: 3, INFO: 2, DEBUG: 1, "": 0}
LEVEL_COLOURS = {
    ERROR: (QColor(200, 30, 30), QColor(255, 225, 225)),
    WARNING: (QColor(170, 95, 0), QColor(255, 243, 205)),
    INFO: (QColor(30, 100, 180), None),
    DEBUG: (QColor(120, 120, 120), None),
}


def source_colour(source: str) -> QColor:
    """A stable, readable colour per task tag."""
    hue = zlib.crc32(source.encode()) % 360
    return QColor.fromHsl(hue, 160, 90)


class LogCanvas(QAbstractScrollArea):
    """Paints the rows of `lines` that are on screen; line selection, copy, search highlights."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("logCanvas")
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.setFont(font)
        self.viewport().setFont(font)
        self.lines: Sequence[LogLine] = ()
        self.timestamps = True
        self.pattern: re.Pattern[str] | None = None
        self.current_seq = -1
        self._anchor: int | None = None  # selection, by line seq
        self._cursor: int | None = None
        self._max_chars = 0
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.verticalScrollBar().setSingleStep(1)
        self._since_paint = QElapsedTimer()
        self._since_paint.start()
        self._paint_later = QTimer(self)
        self._paint_later.setSingleShot(True)
        self._paint_later.timeout.connect(self.viewport().update)
        self._metrics()

    def _metrics(self) -> None:
        metrics = QFontMetrics(self.font())
        self.row_height = metrics.height()
        self.char_width = max(1, metrics.horizontalAdvance("M"))
        self._ascent = metrics.ascent()

    def visible_rows(self) -> int:
        return max(1, self.viewport().height() // self.row_height)

    def at_bottom(self) -> bool:
        bar = self.verticalScrollBar()
        return bar.value() >= bar.maximum()

    def update_range(self, follow: bool, shifted: int = 0) -> None:
        """After lines changed: new scroll range; follow the end or keep the same first line."""
        bar = self.verticalScrollBar()
        value = bar.value()
        bar.setRange(0, max(0, len(self.lines) - self.visible_rows()))
        bar.setPageStep(self.visible_rows())
        bar.setValue(bar.maximum() if follow else max(0, value - shifted))
        hbar = self.horizontalScrollBar()
        hbar.setRange(0, max(0, self._max_chars * self.char_width - self.viewport().width() + 20))
        hbar.setPageStep(self.viewport().width())
        self._paint_soon()

    def _paint_soon(self) -> None:
        """Repaint for new lines, but not more often than STREAM_PAINT_MS (user actions repaint at once)."""
        if self._paint_later.isActive():
            return
        wait = STREAM_PAINT_MS - self._since_paint.elapsed()
        if wait <= 0:
            self.viewport().update()
        else:
            self._paint_later.start(wait)

    def note_widths(self, lines: Sequence[LogLine]) -> None:
        if lines:
            longest = max(map(len, map(attrgetter("text"), lines))) + len(lines[-1].source) + 31
            self._max_chars = max(self._max_chars, longest)

    def scroll_to_index(self, index: int) -> None:
        bar = self.verticalScrollBar()
        first = bar.value()
        rows = self.visible_rows()
        if index < first or index >= first + rows:
            bar.setValue(max(0, index - rows // 2))
        self.viewport().update()

    def row_text(self, line: LogLine) -> str:
        return line.to_text(self.timestamps)

    def paintEvent(self, event: QPaintEvent) -> None:
        self._since_paint.restart()
        painter = QPainter(self.viewport())
        palette = self.palette()
        painter.fillRect(event.rect(), palette.color(QPalette.ColorRole.Base))
        first = self.verticalScrollBar().value()
        rows = self.visible_rows() + 1
        x0 = 4 - self.horizontalScrollBar().value()
        cw = self.char_width
        text_colour = palette.color(QPalette.ColorRole.Text)
        selected = self._selected_range()
        lines = self.lines
        count = len(lines)
        for row in range(rows):
            index = first + row
            if index >= count:
                break
            line = lines[index]
            y = row * self.row_height
            colours = LEVEL_COLOURS.get(line.level)
            rect = QRect(0, y, self.viewport().width(), self.row_height)
            if selected and selected[0] <= line.seq <= selected[1]:
                painter.fillRect(rect, palette.color(QPalette.ColorRole.Highlight).lighter(160))
            elif colours and colours[1] is not None:
                painter.fillRect(rect, colours[1])
            if line.seq == self.current_seq:
                painter.fillRect(QRect(0, y, 3, self.row_height), QColor(255, 140, 0))
            x = x0
            baseline = y + self._ascent
            if self.timestamps and line.time:
                painter.setPen(QColor(130, 130, 130))
                stamp = line.time[:23].replace("T", " ")
                painter.drawText(x, baseline, stamp)
                x += (len(stamp) + 1) * cw
            if line.source:
                painter.setPen(source_colour(line.source))
                painter.drawText(x, baseline, line.source)
                x += (len(line.source) + 1) * cw
            if self.pattern is not None:
                for match in self.pattern.finditer(line.text):
                    if match.end() > match.start():
                        painter.fillRect(
                            QRect(
                                x + match.start() * cw, y, (match.end() - match.start()) * cw, self.row_height
                            ),
                            QColor(255, 235, 59),
                        )
            if colours:
                painter.setPen(colours[0])
            elif line.stream == STDERR:
                painter.setPen(QColor(150, 60, 60))
            else:
                painter.setPen(text_colour)
            painter.drawText(x, baseline, line.text)
        painter.end()

    # -- selection -------------------------------------------------------------------------------
    def _selected_range(self) -> tuple[int, int] | None:
        if self._anchor is None or self._cursor is None:
            return None
        return min(self._anchor, self._cursor), max(self._anchor, self._cursor)

    def _line_at(self, point: QPoint) -> LogLine | None:
        index = self.verticalScrollBar().value() + point.y() // self.row_height
        if 0 <= index < len(self.lines):
            return self.lines[index]
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        line = self._line_at(event.position().toPoint())
        if line is not None and event.button() == Qt.MouseButton.LeftButton:
            if not (event.modifiers() & Qt.KeyboardModifier.ShiftModifier) or self._anchor is None:
                self._anchor = line.seq
            self._cursor = line.seq
            self.viewport().update()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        line = self._line_at(event.position().toPoint())
        if line is not None and event.buttons() & Qt.MouseButton.LeftButton:
            self._cursor = line.seq
            self.viewport().update()

    def selected_text(self) -> str:
        span = self._selected_range()
        if span is None:
            return ""
        return "\n".join(self.row_text(line) for line in self.lines if span[0] <= line.seq <= span[1])

    def select_all(self) -> None:
        if self.lines:
            self._anchor, self._cursor = self.lines[0].seq, self.lines[-1].seq
            self.viewport().update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            QGuiApplication.clipboard().setText(self.selected_text())
        elif event.matches(QKeySequence.StandardKey.SelectAll):
            self.select_all()
        else:
            super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        super().wheelEvent(event)
        self.viewport().update()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        self.viewport().update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.update_range(self.at_bottom())

    def contextMenuEvent(self, event) -> None:
        menu = QMenu(self)
        menu.addAction(self.tr("Copy"), lambda: QGuiApplication.clipboard().setText(self.selected_text()))
        menu.addAction(self.tr("Select all"), self.select_all)
        menu.exec(event.globalPos())


class LineInbox:
    """Lines a stream thread queues for the next frame: numbered on that thread (the GUI thread does
    less per frame) and bounded like the ring. The stream thread holds this, never the view."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._lock = threading.Lock()
        self._lines: list[LogLine] = []
        self._dropped = 0
        self._seq = 0

    def put(self, lines: list[LogLine]) -> None:
        with self._lock:
            seq = self._seq
            self._lines.extend([line._replace(seq=seq + i) for i, line in enumerate(lines, 1)])
            self._seq = seq + len(lines)
            excess = len(self._lines) - self.capacity
            if excess > 0:
                del self._lines[:excess]
                self._dropped += excess

    def pending(self) -> int:
        with self._lock:
            return len(self._lines)

    def take(self) -> tuple[list[LogLine], int]:
        """The queued lines and how many were dropped before they were taken; empties the inbox."""
        with self._lock:
            lines, self._lines = self._lines, []
            dropped, self._dropped = self._dropped, 0
        return lines, dropped


class LogView(QWidget):
    """Live log with level highlights, search, filters, pause, export and a bounded ring buffer.

    Feed it with `follow(client_factory, request, tagger)` (a LogStream on its own thread) or with
    `append(lines)`; `sink(lines)` may be called from any thread.
    """


    def __init__(
        self, parent: QWidget | None = None, *, capacity: int = DEFAULT_CAPACITY, show_source: bool = False
    ) -> None:
        super().__init__(parent)
        self.setObjectName("logView")
        self.ring = RingBuffer(capacity)
        self._shown: LineDeque | None = None  # the filtered lines, or None for all of the ring
        self.inbox = LineInbox(capacity)
        self._stream: LogStream | None = None
        self._sources: set[str] = set()

        self.canvas = LogCanvas(self)
        self.search = QLineEdit(self)
        self.search.setObjectName("logSearch")
        self.search.setPlaceholderText(self.tr("Search"))
        self.search.setClearButtonEnabled(True)
        self.regex = QCheckBox(self.tr("Regex"), self)
        self.regex.setObjectName("logRegex")
        self.only_matches = QCheckBox(self.tr("Only matching lines"), self)
        self.only_matches.setObjectName("logOnlyMatches")
        self.previous_button = QToolButton(self)
        self.previous_button.setText(self.tr("Previous"))
        self.previous_button.setObjectName("logPrevious")
        self.next_button = QToolButton(self)
        self.next_button.setText(self.tr("Next"))
        self.next_button.setObjectName("logNext")
        self.level = QComboBox(self)
        self.level.setObjectName("logLevel")
        for text, value in (
            (self.tr("All levels"), ""),
            (self.tr("Errors"), ERROR),
            (self.tr("Warnings and errors"), WARNING),
            (self.tr("Info and above"), INFO),
        ):
            self.level.addItem(text, value)
        self.source = QComboBox(self)
        self.source.setObjectName("logSource")
        self.source.addItem(self.tr("All tasks"), "")
        self.source.setVisible(show_source)
        self.timestamps = QCheckBox(self.tr("Timestamps"), self)
        self.timestamps.setObjectName("logTimestamps")
        self.timestamps.setChecked(True)
        self.pause = QToolButton(self)
        self.pause.setObjectName("logPause")
        self.pause.setCheckable(True)
        self.pause.setText(self.tr("Pause"))
        self.export_button = QToolButton(self)
        self.export_button.setObjectName("logExport")
        self.export_button.setText(self.tr("Export…"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        export_menu = QMenu(self.export_button)
        export_menu.addAction(self.tr("Export shown lines…"), lambda: self._ask_export(True))
        export_menu.addAction(self.tr("Export all retained lines…"), lambda: self._ask_export(False))
        self.export_button.setMenu(export_menu)
        self.clear_button = QToolButton(self)
        self.clear_button.setText(self.tr("Clear"))
        self.clear_button.setObjectName("logClear")
        self._end_text = ""  # "the stream ended (why)": kept in the status line once said
        self.status = QLabel(self)
        self.status.setObjectName("logStatus")

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for widget in (self.search, self.regex, self.previous_button, self.next_button, self.only_matches):
            bar.addWidget(widget)
        bar.addSpacing(12)
        for control in (self.level, self.source, self.timestamps, self.pause, self.clear_button):
            bar.addWidget(control)
        bar.addWidget(self.export_button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.status)

        self.canvas.lines = self.ring.lines
        self._timer = QTimer(self)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self.flush)
        self._timer.start()
        self.search.textChanged.connect(self._search_changed)
        self.regex.toggled.connect(self._search_changed)
        self.search.returnPressed.connect(self.find_next)
        self.next_button.clicked.connect(self.find_next)
        self.previous_button.clicked.connect(self.find_previous)
        self.only_matches.toggled.connect(self.refilter)
        self.level.currentIndexChanged.connect(self.refilter)
        self.source.currentIndexChanged.connect(self.refilter)
        self.timestamps.toggled.connect(self._timestamps_changed)
        self.pause.toggled.connect(self._pause_changed)
        self.clear_button.clicked.connect(self.clear)
        self._update_status()

    # -- feeding ---------------------------------------------------------------------------------
    def sink(self, lines: list[LogLine]) -> None:
        """Queue lines; the frame timer takes them. (A stream thread is given `inbox.put` itself.)"""
        self.inbox.put(lines)

    def append(self, lines: list[LogLine]) -> None:
        """Queue lines from the GUI thread (shown at the next frame)."""
        self.sink(lines)

    def follow(
        self,
        client_factory: Callable,
        request: LogRequest,
        tagger: Callable[[LogLine], str] | None = None,
    ) -> None:
        """Start (or restart) following `request` (a LogRequest) on a stream thread of its own."""
        self.close_streams()
        self._end_text = ""
        # the stream thread gets the inbox and a relay, never this view (bridge.py)
        self._stream = LogStream(
            client_factory, request, self.inbox.put, bridge.relay(self.show_end), tagger
        ).start()

    def close_streams(self) -> None:
        stream, self._stream = self._stream, None
        if stream is not None:
            stream.stop()

    def flush(self) -> None:
        """Move queued lines into the ring and the view: at most once per frame."""
        batch, early_drops = self.inbox.take()
        if not batch:
            return
        self.ring.dropped += early_drops
        canvas = self.canvas
        following = not self.pause.isChecked() and canvas.at_bottom()
        dropped = self.ring.extend(batch)
        shifted = 0
        if self._shown is None:
            shifted = dropped
        else:
            oldest = self.ring.lines[0].seq if self.ring.lines else 0
            while self._shown and self._shown[0].seq < oldest:
                self._shown.popleft()
                shifted += 1
            self._shown.extend(line for line in batch if self._accepts(line))
        new_sources = set(map(attrgetter("source"), batch)) - self._sources - {""}
        if new_sources:
            self._sources |= new_sources
            for source in sorted(new_sources):
                self.source.addItem(source, source)
        canvas.note_widths(batch)
        canvas.update_range(following, shifted)
        self._update_status()

    # -- filters and search ----------------------------------------------------------------------
    def _compiled(self) -> re.Pattern[str] | None:
        text = self.search.text()
        if not text:
            return None
        try:
            return re.compile(text if self.regex.isChecked() else re.escape(text), re.IGNORECASE)
        except re.error:
            return None

    def _accepts(self, line: LogLine) -> bool:
        minimum = self.level.currentData()
        if minimum and LEVEL_RANK[line.level] < LEVEL_RANK[minimum]:
            return False
        source = self.source.currentData()
        if source and line.source != source:
            return False
        pattern = self.canvas.pattern
        return not (self.only_matches.isChecked() and pattern is not None and not pattern.search(line.text))

    def _filtering(self) -> bool:
        return bool(
            self.level.currentData()
            or self.source.currentData()
            or (self.only_matches.isChecked() and self.canvas.pattern is not None)
        )

    def refilter(self) -> None:
        if self._filtering():
            self._shown = LineDeque(filter(self._accepts, self.ring.lines), self.ring.capacity)
            self.canvas.lines = self._shown
        else:
            self._shown = None
            self.canvas.lines = self.ring.lines
        self.canvas.update_range(not self.pause.isChecked())
        self._update_status()

    def _search_changed(self) -> None:
        pattern = self._compiled()
        bad = bool(self.search.text()) and pattern is None
        self.search.setStyleSheet("QLineEdit { background: #ffd6d6; }" if bad else "")
        self.search.setToolTip(self.tr("Not a valid regular expression") if bad else "")
        self.canvas.pattern = pattern
        self.canvas.current_seq = -1
        if self.only_matches.isChecked():
            self.refilter()
        self.canvas.viewport().update()

    def shown_lines(self) -> list[LogLine]:
        return list(self.canvas.lines)

    def _find(self, step: int) -> bool:
        pattern = self.canvas.pattern
        lines = self.canvas.lines
        if pattern is None or not lines:
            return False
        count = len(lines)
        start = self._index_of(self.canvas.current_seq)
        if start is None:
            start = self.canvas.verticalScrollBar().value() - 1 if step > 0 else count
        for offset in range(1, count + 1):
            index = (start + step * offset) % count
            if pattern.search(lines[index].text):
                self.canvas.current_seq = lines[index].seq
                self.pause.setChecked(True)  # stay on the match
                self.canvas.scroll_to_index(index)
                return True
        return False

    def _index_of(self, seq: int) -> int | None:
        lines = self.canvas.lines
        if seq < 0 or not lines:
            return None
        index = seq - lines[0].seq
        if self._shown is None and 0 <= index < len(lines) and lines[index].seq == seq:
            return index
        for i, line in enumerate(lines):
            if line.seq == seq:
                return i
        return None

    def find_next(self) -> bool:
        return self._find(1)

    def find_previous(self) -> bool:
        return self._find(-1)

    def current_match(self) -> LogLine | None:
        index = self._index_of(self.canvas.current_seq)
        return None if index is None else self.canvas.lines[index]

    # -- other controls --------------------------------------------------------------------------
    def _timestamps_changed(self, on: bool) -> None:
        self.canvas.timestamps = on
        self.canvas.viewport().update()

    def _pause_changed(self, paused: bool) -> None:
        self.pause.setText(self.tr("Resume") if paused else self.tr("Pause"))
        if not paused:
            self.canvas.update_range(True)
        self._update_status()

    def clear(self) -> None:
        self.inbox.take()
        self.ring.clear()
        if self._shown is not None:
            self._shown.clear()
        self.canvas.update_range(True)
        self._update_status()

    def export(self, path: str, shown_only: bool = True) -> int:
        lines = self.canvas.lines if shown_only else self.ring.lines
        return export_lines(list(lines), path, timestamps=self.timestamps.isChecked())

    def _ask_export(self, shown_only: bool) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export logs"), "logs.txt", self.tr("Text (*.txt);;JSON lines (*.jsonl)")
        )
        if path:
            count = self.export(path, shown_only)
            self.status.setText(self.tr("Exported %n line(s).", "", count))

    def _update_status(self) -> None:
        parts = [self.tr("%n line(s)", "", len(self.canvas.lines))]
        if self._shown is not None:
            parts.append(self.tr("%n retained", "", len(self.ring)))
        if self.ring.dropped:
            parts.append(self.tr("%n dropped (oldest first)", "", self.ring.dropped))
        if self.pause.isChecked():
            parts.append(self.tr("paused"))
        if self._end_text:  # the end stays said, whatever flushes after it
            parts.append(self._end_text)
        self.status.setText(" · ".join(parts))

    def show_end(self, error: object, source: str = "") -> None:
        """Say in the status line that the stream ended, and why (`source`: whose, where several feed
        the view)."""
        reason = reason_text(error)
        ended = self.tr("The log stream of %1 ended.").replace("%1", source) if source else self.tr(
            "The log stream ended."
        )
        self._end_text = sentences(ended, reason)
        self._update_status()


class TaskTags:
    """`name.slot@host` tags for a service's log lines.

    The stream thread asks for tags; the GUI thread keeps the slots and hostnames up to date from the
    store. The two share only this object, under its lock. A task that logs before the store lists it
    has its slot asked of the manager once (on the stream thread), so that its lines carry the same tag
    before and after.
    """

    def __init__(self, service_name: str, lookup_slot: Callable[[str], int] | None) -> None:
        self._lock = threading.Lock()
        self._name = service_name
        self._slots: dict[str, int] = {}
        self._hosts: dict[str, str] = {}
        self._lookup_slot = lookup_slot

    def update(
        self,
        name: str | None = None,
        slots: dict[str, int] | None = None,
        hosts: dict[str, str] | None = None,
    ) -> None:
        """From the GUI thread: what the store knows now."""
        with self._lock:
            if name:
                self._name = name
            self._slots.update(slots or {})
            self._hosts.update(hosts or {})

    def note(self, service_id: str, kind: str, change: Diff) -> None:
        """From the GUI thread: what a store diff tells of the service `service_id`'s tasks, the
        nodes' hostnames and the service's name."""
        if kind == "tasks":
            tasks = (*change.added.values(), *change.changed.values())
            self.update(slots={t.id: t.slot for t in tasks if t.service_id == service_id})
        elif kind == "nodes":
            self.update(hosts={n.id: n.hostname for n in (*change.added.values(), *change.changed.values())})
        elif kind == "services" and service_id in change.changed:
            self.update(name=change.changed[service_id].name)

    def tag(self, line: LogLine) -> str:
        """On the stream thread."""
        with self._lock:
            name, slot, host = self._name, self._slots.get(line.task_id), self._hosts.get(line.node_id)
        if slot is None:
            slot = self._ask_slot(line.task_id)
        number = str(slot) if slot else line.task_id[:6]
        return f"{name}.{number}@{host or line.node_id[:12]}"

    def _ask_slot(self, task_id: str) -> int:
        slot = 0
        if self._lookup_slot is not None:
            try:
                slot = self._lookup_slot(task_id)
            except Exception:  # gone already, or the manager is away: the task id's prefix will do
                slot = 0
        with self._lock:
            return self._slots.setdefault(task_id, slot)


def service_log_source(context: ClusterContext, service_id: str) -> tuple[LogRequest, TaskTags] | None:
    """What following a service's logs takes: the request (TTY or not, as its containers run) and the
    task tags, knowing what the store knows now (None without a session). Keep the tags up to date
    with `tags.note(service_id, kind, change)` from the store's diffs."""
    cluster = context.cluster
    if cluster is None:
        return None
    store = context.store
    service = store.get("services").get(service_id)
    spec = ((service.raw.get("Spec") or {}).get("TaskTemplate") or {}) if service else {}
    tty = bool((spec.get("ContainerSpec") or {}).get("TTY"))
    tags = TaskTags(
        service.name if service else service_id[:12],
        lambda task_id: stacks.task_slot(cluster.client, task_id),
    )
    tasks = store.get("tasks").values()
    tags.update(
        slots={t.id: t.slot for t in tasks if t.service_id == service_id},
        hosts={n.id: n.hostname for n in store.get("nodes").values()},
    )
    return LogRequest("service", service_id, tty=tty), tags


class ServiceLogs(QWidget):
    """The service detail's Logs tab: all its tasks' lines through the manager, tagged per task."""

    def __init__(
        self, context: ClusterContext, service_id: str, capacity: int = DEFAULT_CAPACITY, parent=None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("serviceLogs")
        self.context = context
        self.store = context.store
        self.service_id = service_id
        self.view = LogView(self, capacity=capacity, show_source=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self._started = False
        self.tags: TaskTags | None = None

    def showEvent(self, event) -> None:
        """Follow from the first time the tab is on screen (streams only for what is shown)."""
        super().showEvent(event)
        if not self._started and self.context.cluster is not None:
            self._started = True
            self.start()

    def start(self) -> None:
        opener, source = self.context.stream_client(), service_log_source(self.context, self.service_id)
        if opener is None or source is None:
            return
        request, self.tags = source
        self.store.changed.connect(self._on_store_changed)
        self.view.follow(opener, request, self.tags.tag)

    def _on_store_changed(self, kind: str, change: Diff) -> None:
        if self.tags is not None:
            self.tags.note(self.service_id, kind, change)

    def close_streams(self) -> None:
        if self.tags is not None:  # started: following the store
            self.store.changed.disconnect(self._on_store_changed)
            self.tags = None
        self.view.close_streams()
