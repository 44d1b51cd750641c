"""Choosing the networks of a service: by name (tick them), or by label (every network carrying the
label), as Crane let operators do at deploy time. Used by the deploy form.

`selected_network_names()` is what the form reads; the list follows the swarm's networks live and keeps
the ticks across updates. Only swarm-scoped networks are offered (a service cannot join a node's own),
and not the built-in `ingress`: services join it by publishing ports. Enter stays in the picker (it would
otherwise reach the dialog's default button and deploy).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from crane_desktop.engine.diff import Diff
from crane_desktop.engine.networks import is_predefined
from crane_desktop.engine.snapshots import Network

if TYPE_CHECKING:
    from crane_desktop.models.store import ClusterStore


def label_matches(network: Network, selector: str) -> bool:
    """`key=value` matches that label exactly; `key` alone matches any value of it."""
    key, has_value, value = selector.partition("=")
    labels = dict(network.labels)
    key = key.strip()
    if not key or key not in labels:
        return False
    return not has_value or labels[key] == value.strip()


class NetworkPicker(QWidget):
    def __init__(self, store: ClusterStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.by_name = QRadioButton(self.tr("By name"), self)
        self.by_name.setObjectName("byNameRadio")
        self.by_label = QRadioButton(self.tr("By label"), self)
        self.by_label.setObjectName("byLabelRadio")
        group = QButtonGroup(self)
        group.addButton(self.by_name)
        group.addButton(self.by_label)
        self.by_name.setChecked(True)
        self.list = QListWidget(self)
        self.list.setObjectName("networkList")
        self.label_combo = QComboBox(self)
        self.label_combo.setObjectName("labelCombo")
        self.label_combo.setEditable(True)
        self.label_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)  # offered: the networks' labels
        label_edit = self.label_combo.lineEdit()
        assert label_edit is not None  # an editable combo box always has its line edit
        label_edit.setPlaceholderText(self.tr("key=value, or key for any value"))
        self.matches = QLabel(self)
        self.matches.setObjectName("labelMatches")
        self.matches.setWordWrap(True)

        modes = QHBoxLayout()
        modes.addWidget(self.by_name)
        modes.addWidget(self.by_label)
        modes.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(modes)
        layout.addWidget(self.list)
        layout.addWidget(self.label_combo)
        layout.addWidget(self.matches)

        self.by_name.toggled.connect(self._show_mode)
        self.label_combo.currentTextChanged.connect(self._show_matches)
        store.changed.connect(self._on_store_changed)
        self._refresh()
        self._show_mode()

    def _on_store_changed(self, kind: str, _change: Diff) -> None:
        if kind == "networks":
            self._refresh()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter in the list or the label box chooses nothing more and must not deploy."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)

    def networks(self) -> list[Network]:
        found = (
            n for n in self.store.get("networks").values() if n.scope == "swarm" and not is_predefined(n)
        )
        return sorted(found, key=lambda n: n.name)

    def _refresh(self) -> None:
        """Re-list the networks keeping the ticks (by name) and the label typed."""
        ticked = set(self._ticked())
        networks = self.networks()
        wanted = [n.name for n in networks]
        present = [self.list.item(row).text() for row in range(self.list.count())]
        if present != wanted:
            self.list.clear()
            for network in networks:
                item = QListWidgetItem(network.name, self.list)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(
                    Qt.CheckState.Checked if network.name in ticked else Qt.CheckState.Unchecked
                )
        for row, network in enumerate(networks):
            labels = ", ".join(f"{k}={v}" for k, v in network.labels)
            self.list.item(row).setToolTip(labels)
        text = self.label_combo.currentText()
        selectors = sorted({f"{k}={v}" for n in networks for k, v in n.labels})
        if [self.label_combo.itemText(i) for i in range(self.label_combo.count())] != selectors:
            self.label_combo.blockSignals(True)
            self.label_combo.clear()
            self.label_combo.addItems(selectors)
            self.label_combo.setEditText(text)
            self.label_combo.blockSignals(False)
        self._show_matches()

    def _ticked(self) -> list[str]:
        return [
            self.list.item(row).text()
            for row in range(self.list.count())
            if self.list.item(row).checkState() == Qt.CheckState.Checked
        ]

    def _show_mode(self, *args: object) -> None:
        by_name = self.by_name.isChecked()
        self.list.setVisible(by_name)
        self.label_combo.setVisible(not by_name)
        self.matches.setVisible(not by_name)

    def _show_matches(self, *args: object) -> None:
        names = self._label_matches()
        if not self.label_combo.currentText().strip():
            self.matches.setText(self.tr("Type or choose a label."))
        elif names:
            self.matches.setText(self.tr("Networks with this label: %1").replace("%1", ", ".join(names)))
        else:
            self.matches.setText(self.tr("No network has this label."))

    def _label_matches(self) -> list[str]:
        selector = self.label_combo.currentText().strip()
        return [n.name for n in self.networks() if selector and label_matches(n, selector)]

    def set_label_selector(self, selector: str) -> None:
        self.by_label.setChecked(True)
        self.label_combo.setEditText(selector)

    def set_selected_names(self, names: list[str]) -> None:
        self.by_name.setChecked(True)
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setCheckState(Qt.CheckState.Checked if item.text() in names else Qt.CheckState.Unchecked)

    def selected_network_names(self) -> list[str]:
        """The networks chosen: the ticked ones, or every network carrying the label."""
        return self._ticked() if self.by_name.isChecked() else self._label_matches()
