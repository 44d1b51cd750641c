"""An empty list that says what to do next: an overlay on a table or tree's viewport, shown while the
data has arrived and the model has no rows ("No networks yet." and a Create network… button).

Before the data arrives nothing is said (an empty table then means "not loaded yet", not "none").
The overlay checks once per event-loop turn after rows come or go, so a burst of diffs costs one check.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, SignalInstance
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractItemView, QFrame, QLabel, QPushButton, QVBoxLayout

from crane_desktop.views.icons import icon

ICON_SIZE = 40


class EmptyState(QFrame):
    """Covers `view`'s viewport while `ready()` and `model` has no rows. `action`: (the button's text,
    its icon's name, what it does), the next step an operator would take; `follow`: further signals
    after which to check again (the store's `changed`: a first listing with nothing in it is loaded
    without any row signal)."""

    def __init__(
        self,
        view: QAbstractItemView,
        model: Any,
        message: str,
        action: tuple[str, str, Callable[[], object]] | None = None,
        icon_name: str = "",
        ready: Callable[[], bool] | None = None,
        follow: tuple[SignalInstance, ...] = (),
    ) -> None:
        super().__init__(view.viewport())
        self.setObjectName("emptyState")
        self.setAutoFillBackground(False)
        self._view = view
        self._model = model
        self._ready = ready or (lambda: bool(getattr(model, "loaded", True)))
        self.picture = QLabel(self)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._icon_name = icon_name
        self.message = QLabel(message, self)
        self.message.setObjectName("emptyStateMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # quieter than data, any theme
        self.button: QPushButton | None = None
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.picture)
        layout.addWidget(self.message)
        if action is not None:
            text, action_icon, slot = action
            self.button = QPushButton(icon(action_icon), text, self)
            self.button.setObjectName("emptyStateAction")
            self.button.clicked.connect(lambda _checked=False: slot())
            layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self._check_soon = QTimer(self)
        self._check_soon.setSingleShot(True)
        self._check_soon.setInterval(0)
        self._check_soon.timeout.connect(self.check)
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset):
            signal.connect(self._check_soon.start)  # a model clearing itself says "not loaded" after its rows
        for signal in follow:
            signal.connect(self.check)  # connected after the page's own slot: its model is up to date
        view.viewport().installEventFilter(self)
        self.hide()
        self.check()

    def check(self) -> None:
        """Show or hide the overlay for the model's rows now."""
        empty = self._ready() and self._model.rowCount() == 0
        if empty and self.isHidden():
            self._paint_picture()
            self.setGeometry(self._view.viewport().rect())
            self.show()
            self.raise_()
        elif not empty and not self.isHidden():
            self.hide()

    def _paint_picture(self) -> None:
        if self._icon_name:  # drawn when shown: in the palette's colour of the moment
            self.picture.setPixmap(icon(self._icon_name).pixmap(ICON_SIZE, ICON_SIZE))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.setGeometry(self._view.viewport().rect())
        return False

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._paint_picture()  # a new theme
        super().changeEvent(event)
