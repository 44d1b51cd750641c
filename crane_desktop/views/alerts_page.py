"""The Alerts page: the alerts of the cluster's rules (firing, cleared, acknowledged), newest first, with
acknowledge and the rules editor. The rules are evaluated by the context's AlertCenter
(models/alerts.py) whether the page is shown or not; the page only lists and edits."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QPushButton, QTableView, QWidget

from crane_desktop.engine.alerts import KINDS, NODE_DOWN, NOT_CONVERGED, ROLLOUT, TASK_FAILURES, rules_to_json
from crane_desktop.engine.profiles import ProfileStore
from crane_desktop.models.alerts import AlertTableModel, rule_title
from crane_desktop.models.table import Role
from crane_desktop.views.alert_rules_dialog import AlertRulesDialog
from crane_desktop.views.dialogs import run_dialog
from crane_desktop.views.empty_state import EmptyState
from crane_desktop.views.filtering import filter_box, setup_table, sort_filter_proxy
from crane_desktop.views.list_page import RowCountLabel, fit_columns_once, list_layout
from crane_desktop.views.operations import operation_slot

if TYPE_CHECKING:
    from crane_desktop.views.context import ClusterContext, Navigator


NODE_RULES = frozenset({NODE_DOWN})
SERVICE_RULES = frozenset({TASK_FAILURES, ROLLOUT, NOT_CONVERGED})


class AlertsPage(QWidget):
    def __init__(self, context: ClusterContext, navigator: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.navigator = navigator
        self.alerts = context.alerts
        self.model = model = context.alerts.model
        self.proxy = sort_filter_proxy(model, self)

        self.acknowledge_button = QPushButton(self.tr("Acknowledge"), self)
        self.acknowledge_button.setObjectName("acknowledgeAlerts")
        self.acknowledge_button.setToolTip(self.tr("Mark the selected alerts as seen: they no longer count"))
        self.acknowledge_button.clicked.connect(self.acknowledge_selected)
        self.rules_button = QPushButton(self.tr("Rules…"), self)
        self.rules_button.setObjectName("alertRules")
        self.rules_button.clicked.connect(self.edit_rules)
        self.filter_edit = filter_box(
            self, self.tr("Filter alerts (rule, object, message, state…)"), self.proxy
        )
        self.count_label = RowCountLabel(self, model, self.proxy, lambda n: self.tr("%n alert(s)", "", n))

        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        setup_table(self.table, multiple=True)
        self.table.sortByColumn(AlertTableModel.TIME_COLUMN, Qt.SortOrder.DescendingOrder)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.table.doubleClicked.connect(self.open_object)
        self.table.setToolTip(self.tr("Double-click an alert to open its node or service"))
        model.dataChanged.connect(self._update_actions)
        list_layout(
            self, [self.acknowledge_button, self.rules_button], self.count_label, self.filter_edit, self.table
        )
        self.empty_state = EmptyState(
            self.table,
            model,
            self.tr("No alerts. The rules watch nodes, services, rollouts, quorum and the certificate."),
            (self.tr("Rules…"), "alerts", self.edit_rules),
            icon_name="alerts",
        )
        fit_columns_once(model, self._fit_columns)
        self._update_actions()

    def _fit_columns(self) -> None:
        """To the first rows' content, the rule column as wide as the longest rule's title (a rule that
        fires later is not cut short)."""
        self.table.resizeColumnsToContents()
        metrics = self.table.fontMetrics()
        widest = max(metrics.horizontalAdvance(rule_title(kind.key)) for kind in KINDS) + 16
        column = AlertTableModel.RULE_COLUMN
        self.table.setColumnWidth(column, max(self.table.columnWidth(column), widest))

    def selected_keys(self) -> list[str]:
        rows = self.table.selectionModel().selectedRows()
        return [self.proxy.data(index, Role.KEY) for index in rows]

    def _update_actions(self, *_args: object) -> None:
        self.acknowledge_button.setEnabled(
            any(
                self.model.get(key) is not None and self.model.get(key).active for key in self.selected_keys()
            )
        )

    def open_object(self, index: QModelIndex) -> None:
        """The alert's node or service, while it exists (the quorum and the certificate have none)."""
        alert = self.proxy.data(index, Role.OBJECT).alert
        if alert.rule in NODE_RULES and alert.object_id in self.context.store.get("nodes"):
            self.navigator.open_node(alert.object_id)
        elif alert.rule in SERVICE_RULES and alert.object_id in self.context.store.get("services"):
            self.navigator.open_service(alert.object_id)

    def acknowledge_selected(self) -> None:
        self.alerts.acknowledge(self.selected_keys())
        self._update_actions()

    @operation_slot()
    async def edit_rules(self) -> None:
        dialog = AlertRulesDialog(self.alerts.rules, self)
        self.rules_dialog = dialog
        if not await run_dialog(dialog) or dialog.chosen is None:
            return
        rules = dialog.chosen
        self.alerts.set_rules(rules)
        session = self.context.session
        if session is not None:
            profile = session.cluster.set_alerts(rules_to_json(rules))
            ProfileStore().set_alerts(profile.name, profile.alerts)
            self.context.say(
                self.tr("Alert rules saved with the profile %1.").replace("%1", session.profile.name)
            )
