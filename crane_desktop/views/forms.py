"""A read-only form: titled sections of labelled values, for the detail panes.

The values are selectable (mouse and keyboard) so an operator can copy an image name or a port, and
they update in place: showing the same sections and labels again only changes the texts that
changed (no flicker, selection and scroll position kept); a different set of rows rebuilds the form.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QFrame, QGroupBox, QLabel, QScrollArea, QVBoxLayout, QWidget

Section = tuple[str, list[tuple[str, str]]]

_SELECTABLE = Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard


class FormView(QWidget):
    """Sections (title, [(label, value)]) already in the user's language, one QGroupBox each, as tall
    as they need (`scrolling` puts one in a scroll area of its own)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._shape: list[tuple[str, list[str]]] = []
        self._values: dict[tuple[str, str], QLabel] = {}
        self.groups: list[QGroupBox] = []

    def show_sections(self, sections: list[Section]) -> None:
        shape = [(title, [label for label, _ in rows]) for title, rows in sections]
        if shape != self._shape:
            self._build(shape)
        for title, rows in sections:
            for label, text in rows:
                value = self._values[(title, label)]
                if value.text() != text:
                    value.setText(text)

    def _build(self, shape: list[tuple[str, list[str]]]) -> None:
        for group in self.groups:
            group.hide()
            group.deleteLater()
        self._shape = shape
        self._values = {}
        self.groups = []
        for title, labels in shape:
            group = QGroupBox(title, self)
            form = QFormLayout(group)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            for label in labels:
                value = QLabel(group)
                value.setTextFormat(Qt.TextFormat.PlainText)
                value.setTextInteractionFlags(_SELECTABLE)
                value.setWordWrap(True)
                value.setCursor(Qt.CursorShape.IBeamCursor)
                form.addRow(QLabel(self.tr("%1:").replace("%1", label), group), value)  # zh: full-width
                self._values[(title, label)] = value
            self._column.addWidget(group)
            self.groups.append(group)

    # -- what the form shows (tests, copy) -------------------------------------------------------
    def value(self, section: str, label: str) -> QLabel:
        return self._values[(section, label)]

    def sections(self) -> dict[str, dict[str, str]]:
        """{section title: {label (without its colon): value}} as shown."""
        return {
            title: {label: self._values[(title, label)].text() for label in labels}
            for title, labels in self._shape
        }


def scrolling(form: FormView) -> QScrollArea:
    """`form` at the top of a frameless scroll area (for a form taller than its pane)."""
    area = QScrollArea(form.parentWidget())
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.viewport().setAutoFillBackground(False)  # the window's colour, as a form without scrolling
    inner = QWidget(area)
    column = QVBoxLayout(inner)
    column.setContentsMargins(0, 0, 0, 0)
    column.addWidget(form)
    column.addStretch(1)
    area.setWidget(inner)
    inner.setAutoFillBackground(False)  # setWidget turned it on
    return area
