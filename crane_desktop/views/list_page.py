"""What the list pages do alike beyond filtering (views/filtering.py): their layout, a label counting
the rows the filter leaves, and the columns fitted to the first rows that arrive."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractItemModel, QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

FILTER_MIN_WIDTH = 150


def list_layout(
    page: QWidget, actions: Sequence[QWidget], count: QLabel, filter_edit: QLineEdit, view: QWidget
) -> QVBoxLayout:
    """The page's actions on the left and its count and filter box on the right, above the list, which
    takes the height; returned for what a page shows below."""
    bar = QHBoxLayout()
    for action in actions:
        bar.addWidget(action)
    bar.addStretch(1)
    bar.addWidget(count)
    filter_edit.setMinimumWidth(FILTER_MIN_WIDTH)  # a long toolbar folds its last actions into a menu
    bar.addWidget(filter_edit, 1)
    layout = QVBoxLayout(page)
    layout.addLayout(bar)
    layout.addWidget(view, 1)
    find = QAction(page)  # the platform's Find key (Ctrl+F, Cmd+F) goes to the filter box
    find.setObjectName("findInList")
    find.setShortcut(QKeySequence.StandardKey.Find)
    find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    find.triggered.connect(lambda: filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason))
    find.triggered.connect(filter_edit.selectAll)
    page.addAction(find)
    return layout


def fit_columns_once(model: QAbstractItemModel, fit: Callable[[], None]) -> None:
    """Call `fit` (size the columns to their content) when the first rows arrive (at once if the model
    has rows already), and never again: from then on the widths are the user's."""
    if model.rowCount():
        fit()
        return

    def first_rows() -> None:
        model.rowsInserted.disconnect(first_rows)
        fit()

    model.rowsInserted.connect(first_rows)


class RowCountLabel(QLabel):
    """How many rows a list holds ("4 node(s)", said by `total_text`) or, while its filter hides some,
    how many of them are shown; kept up to date as rows come and go. `summary_rows`: rows that are no
    item (a total row, shown whenever there are items) and so are not counted."""

    def __init__(
        self,
        parent: QWidget,
        model: QAbstractItemModel,
        proxy: QSortFilterProxyModel,
        total_text: Callable[[int], str],
        summary_rows: int = 0,
    ) -> None:
        super().__init__(parent)
        self._summary_rows = summary_rows
        self._model = model
        self._proxy = proxy
        self._total_text = total_text
        for signal in (model.rowsInserted, model.rowsRemoved, proxy.rowsInserted, proxy.rowsRemoved):
            signal.connect(self.update_count)
        self.update_count()

    def update_count(self) -> None:
        total = max(0, self._model.rowCount() - self._summary_rows)
        shown = max(0, self._proxy.rowCount() - self._summary_rows)
        if shown == total:
            self.setText(self._total_text(total))
        else:
            self.setText(self.tr("%1 of %2 shown").replace("%1", str(shown)).replace("%2", str(total)))
