"""Drain without downtime: the plan first (per service: the tasks on the node, where they can go, or why
they cannot), then, once asked, the progress per service with Stop.

The plan is computed from the store's snapshots when the dialog opens (engine/drain.py); the run goes
through the operation runner, its progress comes back through `bridge.relay`. Stop returns at once: the
run puts the current service back and gives the node its availability from before at its next check,
and the dialog then says in what state the cluster is. Closing the dialog during a run stops it too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crane_desktop import bridge
from crane_desktop.engine.drain import (
    DrainPlan,
    DrainRun,
    Note,
    Outcome,
    Progress,
    ServicePlan,
    Step,
    exclusion,
    plan_drain,
)
from crane_desktop.messages import engine_text, sentences
from crane_desktop.models.why_pending import store_view
from crane_desktop.views.dialogs import ERROR_STYLE, EngineDialog, failure_text
from crane_desktop.views.operations import operation_slot

if TYPE_CHECKING:
    from crane_desktop.views.context import ClusterContext

SERVICE, TASKS, WHERE, PROGRESS = range(4)


def action_texts() -> tuple[str, str]:
    """The action's name and tooltip, the same on the Nodes page and in the node detail."""
    return (
        QCoreApplication.translate("DrainDialog", "Drain without downtime…"),
        QCoreApplication.translate(
            "DrainDialog", "Start the node's tasks on other nodes first, then drain it (shows the plan first)"
        ),
    )


def note_text(note: Note | None) -> str:
    return engine_text(note.template, note.params) if note is not None else ""


class DrainDialog(EngineDialog):
    def __init__(self, parent: QWidget, context: ClusterContext, node_id: str) -> None:
        super().__init__(parent, context.operations)
        self.setObjectName("drainDialog")
        self.context = context
        self.plan: DrainPlan = plan_drain(store_view(context.store), node_id)
        self.run: DrainRun | None = None
        self.outcome: Outcome | None = None
        hostname = self.plan.hostname
        self.setWindowTitle(self.tr("Drain %1 without downtime").replace("%1", hostname))

        self.intro = QLabel(self)
        self.intro.setObjectName("drainIntro")
        self.intro.setWordWrap(True)
        self.intro.setText(
            self.tr(
                "%1 is paused first (it keeps its tasks but takes no new ones). Then, service after service, "
                "replacements of its tasks start on other nodes and its tasks stop only once they run. "
                "Last, %1 is drained."
            ).replace("%1", hostname)
        )
        self.services = QTreeWidget(self)
        self.services.setObjectName("drainServices")
        self.services.setRootIsDecorated(False)
        self.services.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.services.setHeaderLabels(
            [self.tr("Service"), self.tr("Tasks on the node"), self.tr("Where they go"), self.tr("Progress")]
        )
        self.services.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.rows: dict[str, QTreeWidgetItem] = {}
        for service in self.plan.services:
            item = QTreeWidgetItem([service.name, str(service.tasks), self._where(service), ""])
            item.setToolTip(WHERE, item.text(WHERE))
            self.services.addTopLevelItem(item)
            self.rows[service.service_id] = item
        self.status = QLabel(self)
        self.status.setObjectName("drainStatus")
        self.status.setWordWrap(True)

        buttons = QDialogButtonBox(self)
        self.start_button = QPushButton(self.tr("Drain without downtime"), self)
        self.start_button.setObjectName("drainStart")
        self.start_button.clicked.connect(self.start)
        self.stop_button = QPushButton(self.tr("Stop"), self)
        self.stop_button.setObjectName("drainStop")
        self.stop_button.clicked.connect(self.stop)
        self.close_button = QPushButton(self.tr("Cancel"), self)
        self.close_button.setObjectName("drainClose")
        self.close_button.clicked.connect(self.reject)
        buttons.addButton(self.start_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.stop_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.stop_button.hide()  # shown while the run goes on (adding it to the box showed it)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.services, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self._show_plan()
        self.resize(760, 360)

    # -- the plan ----------------------------------------------------------------------------------
    def _where(self, service: ServicePlan) -> str:
        if service.refusal is not None:
            return self.tr("Cannot move: %1").replace("%1", note_text(service.refusal))
        if service.stays is not None:
            return note_text(service.stays)
        return ", ".join(service.destinations)

    def _show_plan(self) -> None:
        plan = self.plan
        if plan.problem is not None:
            self._say_problem(note_text(plan.problem))
        elif plan.refused:
            self._say_problem(
                self.tr(
                    "Refused: the other nodes cannot take every task (see the services above). "
                    "Free room or loosen the constraints, or drain it plainly (with downtime)."
                )
            )
        elif not plan.moving:
            self.status.setText(
                self.tr("No replicated task runs on %1: it is drained at once.").replace("%1", plan.hostname)
            )
        else:
            moving = self.tr("%n service(s) move.", "", len(plan.moving))
            ask = self.tr("Drain %1 this way?").replace("%1", plan.hostname)
            self.status.setText(sentences(moving, ask))
        self.start_button.setEnabled(not plan.refused)

    def _say_problem(self, text: str) -> None:
        self.status.setStyleSheet(ERROR_STYLE)
        self.status.setText(text)

    # -- the run -----------------------------------------------------------------------------------
    @operation_slot()
    async def start(self) -> None:
        if self.plan.refused or self.run is not None:
            return
        self.run = run = DrainRun(self.plan, bridge.relay(self.on_progress))
        self.start_button.hide()
        self.stop_button.show()
        self.close_button.setText(self.tr("Close"))
        self.status.setText(self.tr("Draining %1…").replace("%1", self.plan.hostname))
        try:
            outcome = await self.on_manager(run.run)
        except Exception as error:
            self.stop_button.hide()
            self._say_problem(failure_text(error))
            return
        self.outcome = outcome
        self.stop_button.hide()
        self._show_outcome(outcome)

    def stop(self) -> None:
        """Ask the run to stop: returns at once; the run puts things back at its next check."""
        if self.run is not None:
            self.run.cancel()
            self.stop_button.setEnabled(False)
            self.status.setText(self.tr("Stopping: putting the current service and the node back…"))

    def done(self, result: int) -> None:
        if self.run is not None and self.outcome is None:
            self.run.cancel()  # closing stops the run; it puts things back on its own
        super().done(result)

    def on_progress(self, progress: Progress) -> None:
        """One step of the run (on the GUI thread, through the relay)."""
        hostname = self.plan.hostname
        if not progress.service_id:
            text = {
                Step.PAUSED: self.tr("%1 is paused: it takes no new tasks."),
                Step.DRAINED: self.tr("%1 is drained."),
                Step.RESTORED: self.tr("%1 has its availability from before again."),
            }.get(progress.step, "")
            if text and self.outcome is None:
                self.status.setText(text.replace("%1", hostname))
            return
        item = self.rows.get(progress.service_id)
        if item is None:  # a task arrived on the node after the plan was shown
            item = QTreeWidgetItem([progress.name, str(progress.total), "", ""])
            self.services.addTopLevelItem(item)
            self.rows[progress.service_id] = item
        counts = self.tr("%1 of %2").replace("%1", str(progress.moved)).replace("%2", str(progress.total))
        text = {
            Step.MOVING: self.tr("Moving: %1 moved").replace("%1", counts),
            Step.MOVED: self.tr("Moved"),
            Step.FAILED: self.tr("Failed (%1 moved): %2")
            .replace("%1", counts)
            .replace("%2", note_text(progress.note)),
            Step.CANCELLED: self.tr("Stopped: %1 moved, the rest stay on %2")
            .replace("%1", counts)
            .replace("%2", hostname),
        }.get(progress.step, "")
        item.setText(PROGRESS, text)
        item.setToolTip(PROGRESS, text)

    def _show_outcome(self, outcome: Outcome) -> None:
        hostname = self.plan.hostname
        if outcome.leftover:
            leftover = (
                self.tr("The temporary constraint %1 could not be removed from: %2. Remove it yourself.")
                .replace("%1", exclusion(self.plan.node_id))
                .replace("%2", ", ".join(outcome.leftover))
            )
        else:
            leftover = self.tr("No temporary constraint is left on any service.")
        if outcome.drained:
            self.status.setStyleSheet(ERROR_STYLE if outcome.leftover else "")
            drained = self.tr("%1 is drained; its replicated tasks run on other nodes.").replace(
                "%1", hostname
            )
            self.status.setText(f"{drained} {leftover}")
            return
        availability = {  # the Nodes page's words
            "active": QCoreApplication.translate("NodeTableModel", "active"),
            "pause": QCoreApplication.translate("NodeTableModel", "paused"),
        }.get(outcome.availability, outcome.availability)
        parts = [
            note_text(outcome.failure) if outcome.failure is not None else self.tr("Stopped."),
            self.tr("%1 is %2 again (as before).").replace("%1", hostname).replace("%2", availability),
        ]
        if outcome.moved:
            parts.append(self.tr("Moved to other nodes: %1.").replace("%1", ", ".join(outcome.moved)))
        for name, moved, total in outcome.partly:
            parts.append(
                self.tr("%1: %2 of %3 tasks moved, the others still run on %4.")
                .replace("%1", name)
                .replace("%2", str(moved))
                .replace("%3", str(total))
                .replace("%4", hostname)
            )
        parts.append(leftover)
        self.status.setStyleSheet(ERROR_STYLE if outcome.failure is not None or outcome.leftover else "")
        self.status.setText(" ".join(parts))


def open_drain_dialog(parent: QWidget, context: ClusterContext, node_id: str) -> DrainDialog:
    """Show the plan for `node_id` (window-modal); the dialog deletes itself when closed."""
    dialog = DrainDialog(parent, context, node_id)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
