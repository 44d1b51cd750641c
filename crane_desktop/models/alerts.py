"""The alerts of the open cluster: the evaluator (engine/alerts.py) run on every diff of the store and
on a clock tick (a condition held long enough starts an alert without any diff), and the list of
alerts as a keyed table (one row per alert, updated in place when it clears or is acknowledged).

Given a pool (`submit`, the operation runner's), the conditions are found off the GUI thread on a copy
of the store's mappings, one evaluation at a time (and once more when diffs came meanwhile): a pass
over 10,000 tasks is ~15 ms, too long for the GUI thread on every diff. Without one they are found at
once."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QColor

from crane_desktop.bridge import relay
from crane_desktop.engine.alerts import (
    KIND_BY_KEY,
    Alert,
    AlertEvaluator,
    Condition,
    Outcome,
    Rule,
    Snapshot,
    default_rules,
    holding,
)
from crane_desktop.engine.diff import Diff
from crane_desktop.engine.formatting import local_time
from crane_desktop.messages import phrase_text
from crane_desktop.models.store import ClusterStore
from crane_desktop.models.table import Column, KeyedTableModel

translate = QCoreApplication.translate
Holding = Mapping[str, tuple[Rule, Condition]]
Submit = Callable[..., "Future[Holding]"]
KINDS = ("nodes", "services", "tasks")  # what the rules read: evaluated once all three arrived
TICK_MS = 15000


@dataclass(frozen=True, slots=True)
class AlertRow:
    alert: Alert
    acknowledged: bool = False

    @property
    def active(self) -> bool:
        """Firing and not acknowledged yet: what the sidebar counts."""
        return self.alert.cleared is None and not self.acknowledged

    @property
    def state(self) -> str:
        if self.alert.cleared is not None:
            return translate("Alerts", "cleared")
        return translate("Alerts", "acknowledged") if self.acknowledged else translate("Alerts", "firing")


def rule_title(kind: str) -> str:
    return translate("alerts", KIND_BY_KEY[kind].title)


def state_color(row: AlertRow) -> QColor | None:
    return QColor("#c0392b") if row.active else None


def state_tooltip(row: AlertRow) -> str:
    """When a cleared alert stopped holding (the time column says when it started)."""
    if row.alert.cleared is None:
        return ""
    return translate("Alerts", "Cleared at %1").replace("%1", local_time(row.alert.cleared))


class AlertTableModel(KeyedTableModel):
    TIME_COLUMN = 0

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(
                    lambda: translate("Alerts", "Time"),
                    lambda row: local_time(row.alert.started),
                    sort=lambda row: row.alert.started.timestamp(),
                ),
                Column(lambda: translate("Alerts", "Rule"), lambda row: rule_title(row.alert.rule)),
                Column(lambda: translate("Alerts", "Object"), lambda row: row.alert.object_name),
                Column(
                    lambda: translate("Alerts", "State"),
                    lambda row: row.state,
                    tooltip=state_tooltip,
                    color=state_color,
                ),
                Column(
                    lambda: translate("Alerts", "Message"),
                    lambda row: phrase_text(row.alert.message),
                    tooltip=lambda row: phrase_text(row.alert.message),
                ),
            ],
            parent,
        )


class AlertCenter(QObject):
    """Evaluates the rules on the store's snapshots and keeps the list of alerts."""

    fired = Signal(object)  # Alert: a new alert started (for the desktop notification)
    countChanged = Signal()  # the number of active alerts may have changed

    def __init__(
        self,
        store: ClusterStore,
        clock: Callable[[], datetime] | None = None,
        parent: QObject | None = None,
        submit: Submit | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.clock = clock or (lambda: datetime.now(UTC))
        self._submit = submit
        self._evaluating = self._evaluate_again = False
        self._generation = 0  # another cluster: an evaluation still running is for the one before
        self.evaluator = AlertEvaluator(default_rules())
        self.model = AlertTableModel(self)
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self.evaluate)
        self._tick.start()
        store.changed.connect(self._on_changed)
        store.cleared.connect(self.forget)
        self.evaluate()

    def stop(self) -> None:
        """Stop the clock that re-checks the rules (the window is closing): a timer must be stopped on
        the thread it runs on, before the object may be collected anywhere."""
        self._tick.stop()

    @property
    def rules(self) -> tuple[Rule, ...]:
        return self.evaluator.rules

    def set_rules(self, rules: Iterable[Rule]) -> None:
        self.evaluator.set_rules(rules)
        self.evaluate()

    def _on_changed(self, kind: str, _change: Diff[Any]) -> None:
        if kind in KINDS:
            self.evaluate()

    @property
    def evaluating(self) -> bool:
        """Conditions are being found on the pool; their alerts are not shown yet."""
        return self._evaluating

    def evaluate(self) -> None:
        if not all(kind in self.store.loaded for kind in KINDS):
            return
        if self._evaluating:
            self._evaluate_again = True
            return
        store, now = self.store, self.clock()
        snapshot = Snapshot(dict(store.get("nodes")), dict(store.get("services")), dict(store.get("tasks")))
        rules = self.evaluator.rules
        if self._submit is None:
            self._settle(holding(rules, snapshot, now), now)
            return
        self._evaluating = True
        found = self._submit(holding, rules, snapshot, now)
        done, generation = relay(self._found), self._generation
        found.add_done_callback(lambda future: done(future, rules, generation, now))

    def _found(self, found: Future[Holding], rules: tuple[Rule, ...], generation: int, now: datetime) -> None:
        """On the GUI thread: the conditions found on the pool."""
        self._evaluating = False
        if found.cancelled():  # the window is closing
            self._evaluate_again = False
            return
        if generation == self._generation:  # else another cluster opened meanwhile: dropped
            if rules == self.evaluator.rules:
                self._settle(found.result(), now)
            else:  # new thresholds meanwhile: found again
                self._evaluate_again = True
        if self._evaluate_again:
            self._evaluate_again = False
            self.evaluate()

    def _settle(self, found: Holding, now: datetime) -> None:
        self._show(self.evaluator.settle(found, now))
        self.model.loaded = True

    def forget(self) -> None:
        """Another cluster (or none): the firing alerts are no longer known to hold."""
        self._generation += 1
        self._show(self.evaluator.reset(), cleared_at=self.clock())

    def _show(self, outcome: Outcome, cleared_at: datetime | None = None) -> None:
        changed = {}
        for alert in outcome.cleared:
            row = self.model.get(alert.id)
            if row is not None:
                changed[alert.id] = replace(row, alert=replace(alert, cleared=alert.cleared or cleared_at))
        added = {alert.id: AlertRow(alert) for alert in outcome.started}
        if changed or added:
            self.model.apply_diff(Diff(added=added, changed=changed))
            self.countChanged.emit()
        for alert in outcome.started:
            self.fired.emit(alert)

    def acknowledge(self, keys: Iterable[str]) -> None:
        """Mark alerts as seen: they stay listed but no longer count."""
        changed = {}
        for key in keys:
            row = self.model.get(key)
            if row is not None and not row.acknowledged:
                changed[key] = replace(row, acknowledged=True)
        if changed:
            self.model.apply_diff(Diff(changed=changed))
            self.countChanged.emit()

    def active_count(self) -> int:
        return sum(row.active for row in self.model.objects())
