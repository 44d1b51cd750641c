"""The alert rules of the cluster: each switched on or off, its thresholds typed as whole numbers and
checked before anything is kept (a bad value is named and the dialog stays open)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from crane_desktop.engine.alerts import KINDS, Rule, check_value
from crane_desktop.messages import phrase_text

translate = QCoreApplication.translate


class AlertRulesDialog(QDialog):
    def __init__(self, rules: Iterable[Rule], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Alert rules"))
        self.chosen: tuple[Rule, ...] | None = None  # the rules as accepted
        self.switches: dict[str, QCheckBox] = {}
        self.fields: dict[str, dict[str, QLineEdit]] = {}
        grid = QGridLayout()
        by_kind = {rule.kind: rule for rule in rules}
        for row, kind in enumerate(KINDS):
            rule = by_kind.get(kind.key, Rule(kind.key, True, dict(kind.defaults)))
            switch = QCheckBox(translate("alerts", kind.title), self)
            switch.setObjectName(f"rule_{kind.key}")
            switch.setChecked(rule.enabled)
            grid.addWidget(switch, row, 0)
            self.switches[kind.key] = switch
            self.fields[kind.key] = {}
            for column, parameter in enumerate(kind.parameters):
                label = QLabel(translate("alerts", parameter.label), self)
                edit = QLineEdit(str(rule.value(parameter.name)), self)
                edit.setObjectName(f"{kind.key}_{parameter.name}")
                edit.setMaximumWidth(70)
                label.setBuddy(edit)
                grid.addWidget(label, row, 1 + 2 * column)
                grid.addWidget(edit, row, 2 + 2 * column)
                self.fields[kind.key][parameter.name] = edit
        self.error_label = QLabel(self)
        self.error_label.setObjectName("ruleError")
        self.error_label.setStyleSheet("color: #c0392b;")
        self.error_label.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

    def rules(self) -> tuple[Rule, ...] | None:
        """The rules as typed, or None after naming the first bad threshold (its field gets the focus)."""
        rules = []
        for kind in KINDS:
            values: dict[str, int] = {}
            for parameter in kind.parameters:
                edit = self.fields[kind.key][parameter.name]
                text = edit.text().strip()
                value: object = int(text) if text.isdigit() else text
                problem = check_value(parameter, value)
                if problem is not None:
                    title = translate("alerts", kind.title)
                    problem_text = self.tr("%1: %2").replace("%1", title).replace("%2", phrase_text(problem))
                    self.error_label.setText(problem_text)
                    edit.setFocus()
                    edit.selectAll()
                    return None
                values[parameter.name] = int(text)
            rules.append(Rule(kind.key, self.switches[kind.key].isChecked(), values))
        self.error_label.clear()
        return tuple(rules)

    def accept(self) -> None:
        """Close only with thresholds that can be used; otherwise stay open with the problem named."""
        self.chosen = self.rules()
        if self.chosen is not None:
            super().accept()
