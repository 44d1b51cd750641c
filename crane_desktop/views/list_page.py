"""What the pages' lists do alike beyond filtering (views/filtering.py): a label counting the rows the
filter leaves, and the columns fitted to the first rows that arrive."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QSortFilterProxyModel
from PySide6.QtWidgets import QLabel, QWidget


def fit_columns_once(model: QAbstractItemModel, fit: Callable[[], None]) -> None:
    """Call `fit` (size the columns to their content) when the first rows arrive, and never again:
    from then on the widths are the user's."""

    def first_rows() -> None:
        model.rowsInserted.disconnect(first_rows)
        fit()

    model.rowsInserted.connect(first_rows)


class RowCountLabel(QLabel):
    """How many rows a list holds ("4 node(s)", said by `total_text`) or, while its filter hides some,
    how many of them are shown; kept up to date as rows come and go."""

    def __init__(
        self,
        parent: QWidget,
        model: QAbstractItemModel,
        proxy: QSortFilterProxyModel,
        total_text: Callable[[int], str],
    ) -> None:
        super().__init__(parent)
        self._model = model
        self._proxy = proxy
        self._total_text = total_text
        for signal in (model.rowsInserted, model.rowsRemoved, proxy.rowsInserted, proxy.rowsRemoved):
            signal.connect(self.update_count)
        self.update_count()

    def update_count(self) -> None:
        total = self._model.rowCount()
        shown = self._proxy.rowCount()
        if shown == total:
            self.setText(self._total_text(total))
        else:
            self.setText(self.tr("%1 of %2 shown").replace("%1", str(shown)).replace("%2", str(total)))
