"""The service detail tab: its tasks (slot tree with history), its spec (readable, raw JSON one click
away), the extra tabs of SERVICE_TABS, and the update/scale/roll back actions with a live rollout line.

Everything shown follows the store (the watcher), the actions only ask the engine for a change.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from crane_desktop.engine import drain, stacks
from crane_desktop.engine.diff import Diff
from crane_desktop.engine.formatting import local_time
from crane_desktop.engine.image_updates import short_digest
from crane_desktop.engine.jobs import is_job, job_runs, run_again
from crane_desktop.engine.service_form import spec_sections
from crane_desktop.engine.snapshots import Service
from crane_desktop.messages import error_hint, error_text, phrase_text, sentences
from crane_desktop.models.apps import update_state_text
from crane_desktop.models.table import Role
from crane_desktop.models.tasks import CREATED, SLOT, STATE, UPDATED, TaskTreeModel
from crane_desktop.models.why_pending import reason_text, service_pending
from crane_desktop.views.context import StreamOwner
from crane_desktop.views.dialogs import confirm, show_error
from crane_desktop.views.forms import FormView, scrolling
from crane_desktop.views.image_actions import pull_and_redeploy
from crane_desktop.views.operations import operation_slot
from crane_desktop.views.pills import PillDelegate, task_tone
from crane_desktop.views.service_tabs import SERVICE_TABS
from crane_desktop.views.spec_changes import rollback_review

if TYPE_CHECKING:
    from crane_desktop.views.context import ClusterContext, Navigator


class SpecView(QWidget):
    """The spec as a form (titled sections of labelled, copyable values), the raw JSON behind a toggle."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.readable = FormView(self)
        self.readable.setObjectName("specReadable")
        self.raw = QPlainTextEdit(self)
        self.raw.setObjectName("specRaw")
        self.raw.setReadOnly(True)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(scrolling(self.readable))
        self.stack.addWidget(self.raw)
        self.toggle = QPushButton(self.tr("Show raw JSON"), self)
        self.toggle.setObjectName("rawJsonButton")
        self.toggle.setCheckable(True)
        self.toggle.toggled.connect(self._toggle)
        bar = QHBoxLayout()
        bar.addStretch(1)
        bar.addWidget(self.toggle)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)

    def _toggle(self, raw: bool) -> None:
        self.stack.setCurrentIndex(1 if raw else 0)
        self.toggle.setText(self.tr("Show readable") if raw else self.tr("Show raw JSON"))

    def show_service(self, service: Service, network_names: dict[str, str]) -> None:
        spec = dict(service.raw.get("Spec") or {})
        self.readable.show_sections(
            [
                (
                    QCoreApplication.translate("engine", title),
                    [
                        (QCoreApplication.translate("engine", label), phrase_text(value))
                        for label, value in rows
                    ],
                )
                for title, rows in spec_sections(spec, network_names)
            ]
        )
        raw = json.dumps(service.raw, indent=2, sort_keys=True, default=str)
        if raw != self.raw.toPlainText():  # the same text again keeps the scroll position and selection
            self.raw.setPlainText(raw)


def _content_width(view: QTreeView, column: int, bold_too: bool) -> int:
    """The width `column` needs for the header and every row of the view's tree, children included
    (resizeColumnToContents measures only the rows on screen)."""
    model = view.model()
    widest = view.header().sectionSizeHint(column)
    bold = QFont(view.font())
    bold.setBold(True)
    bold_metrics = QFontMetrics(bold)
    pending = [QModelIndex()]
    while pending:
        parent = pending.pop()
        for row in range(model.rowCount(parent)):
            index = model.index(row, column, parent)
            width = view.sizeHintForIndex(index).width()
            if column == 0:  # the branch decoration, and one more step for a child
                width += view.indentation() * ((1 if view.rootIsDecorated() else 0) + parent.isValid())
            if bold_too:
                text = str(index.data() or "")
                font = index.data(Qt.ItemDataRole.FontRole) or view.font()
                width += bold_metrics.horizontalAdvance(text) - QFontMetrics(font).horizontalAdvance(text)
            widest = max(widest, width)
            if not parent.isValid():
                pending.append(model.index(row, 0, parent))
    return widest


class ServiceDetail(QWidget):
    def __init__(
        self, context: ClusterContext, navigator: Navigator, service_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.navigator = navigator
        self.service_id = service_id
        store = self.store = context.store
        known = store.get("services").get(service_id)
        self.model = TaskTreeModel(
            service_id,
            lambda node_id: store.get("nodes").get(node_id),
            self,
            zero_is_slot=known is not None and known.mode == "replicated-job",
        )
        self.model.load(store.get("tasks"), store.retired_tasks(service_id))

        self.title = QLabel(self)
        self.title.setObjectName("serviceTitle")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.rollout = QLabel(self)
        self.rollout.setObjectName("rolloutLabel")
        self.rollout.setWordWrap(True)
        self.why = QLabel(self)
        self.why.setObjectName("notConvergingLabel")
        self.why.setWordWrap(True)
        self.why.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.why.setStyleSheet("color: #b45309;")
        self.why.hide()
        self.job = QLabel(self)
        self.job.setObjectName("jobLabel")
        self.job.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.job.hide()
        self.job_history = QLabel(self)  # the earlier runs still known, newest first
        self.job_history.setObjectName("jobHistory")
        self.job_history.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.job_history.hide()
        self.run_again_button = QPushButton(self.tr("Run again"), self)
        self.run_again_button.setObjectName("runAgainButton")
        self.run_again_button.setToolTip(
            self.tr(
                "Start the job again with the same spec (a forced update); earlier runs stay in the history"
            )
        )
        self.run_again_button.clicked.connect(self.run_again)
        self.run_again_button.hide()
        self.newer = QLabel(self)
        self.newer.setObjectName("newerImageLabel")
        self.newer.setWordWrap(True)
        self.newer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.redeploy_button = QPushButton(self.tr("Pull and redeploy…"), self)
        self.redeploy_button.setObjectName("pullRedeployButton")
        self.redeploy_button.setToolTip(
            self.tr("Pin the service to the image its tag has in the registry now and update it")
        )
        self.redeploy_button.clicked.connect(self.redeploy)
        self.check_image_button = QPushButton(self.tr("Check again"), self)
        self.check_image_button.setObjectName("checkImageButton")
        self.check_image_button.setToolTip(self.tr("Ask the registry again which image the tag holds"))
        self.check_image_button.clicked.connect(self.check_image)
        self.newer_row = QWidget(self)
        newer_layout = QHBoxLayout(self.newer_row)
        newer_layout.setContentsMargins(0, 0, 0, 0)
        newer_layout.addWidget(self.newer, 1)
        newer_layout.addWidget(self.check_image_button)
        newer_layout.addWidget(self.redeploy_button)
        self.newer_row.hide()

        self.replicas = QSpinBox(self)
        self.replicas.setObjectName("replicasSpin")
        self.replicas.setRange(0, 10000)
        self.scale_button = QPushButton(self.tr("Scale"), self)
        self.scale_button.setObjectName("scaleButton")
        self.scale_button.clicked.connect(self.scale)
        self.image_edit = QLineEdit(self)
        self.image_edit.setObjectName("imageEdit")
        self.image_button = QPushButton(self.tr("Update image"), self)
        self.image_button.setObjectName("updateImageButton")
        self.image_button.clicked.connect(self.update_image)
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.edit_button.setObjectName("editServiceButton")
        self.edit_button.clicked.connect(self.edit)
        self.rollback_button = QPushButton(self.tr("Roll back"), self)
        self.rollback_button.setObjectName("rollbackButton")
        self.rollback_button.clicked.connect(self.rollback)
        self.rebalance_button = QPushButton(self.tr("Rebalance…"), self)
        self.rebalance_button.setObjectName("rebalanceButton")
        self.rebalance_button.setToolTip(
            self.tr("Replace every task so that swarm spreads them again, e.g. over a node that came back")
        )
        self.rebalance_button.clicked.connect(self.rebalance)

        actions = QHBoxLayout()
        actions.addWidget(QLabel(self.tr("Tasks:"), self))
        actions.addWidget(self.replicas)
        actions.addWidget(self.scale_button)
        actions.addSpacing(16)
        actions.addWidget(QLabel(self.tr("Image:"), self))
        actions.addWidget(self.image_edit, 1)
        actions.addWidget(self.image_button)
        actions.addWidget(self.edit_button)
        actions.addWidget(self.rollback_button)
        actions.addWidget(self.rebalance_button)
        actions.addWidget(self.run_again_button)

        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(Role.SORT)
        self.tasks_view = QTreeView(self)
        self.tasks_view.setObjectName("taskTree")
        self.tasks_view.setModel(self.proxy)
        self.tasks_view.setSortingEnabled(True)
        self.tasks_view.sortByColumn(SLOT, Qt.SortOrder.AscendingOrder)
        self.tasks_view.setAlternatingRowColors(True)
        self.state_pills = PillDelegate(task_tone, self.tasks_view)
        self.tasks_view.setItemDelegateForColumn(STATE, self.state_pills)
        self.tasks_view.setUniformRowHeights(True)
        self.tasks_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tasks_view.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.tasks_view.header().setStretchLastSection(True)
        self.tasks_view.activated.connect(self._open_task)
        self.spec_view = SpecView(self)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("serviceTabs")
        self.tabs.addTab(self.tasks_view, self.tr("Tasks"))
        self.tabs.addTab(self.spec_view, self.tr("Detail"))
        self.extra_tabs: list[QWidget] = []
        for title, factory in SERVICE_TABS:
            widget = factory(context, service_id)
            self.extra_tabs.append(widget)
            self.tabs.addTab(widget, title())

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(actions)
        layout.addWidget(self.rollout)
        layout.addWidget(self.newer_row)
        layout.addWidget(self.job)
        layout.addWidget(self.job_history)
        layout.addWidget(self.why)
        layout.addWidget(self.tabs, 1)

        store.changed.connect(self._on_store_changed)
        self.image_updates = context.image_updates
        self.image_updates.changed.connect(self._on_images_checked)
        self._fitted = False
        self._busy = False
        self.service: Service | None = None
        self._show_service(store.get("services").get(service_id))
        self._show_newer()
        self._fit_columns()

    # -- following the store ---------------------------------------------------------------------
    def _on_store_changed(self, kind: str, change: Diff) -> None:
        if kind == "tasks":
            self.model.apply_diff(change)
            self._show_rollout()
            self._show_why()
            self._show_job()
            self._fit_columns()
        elif kind == "services" and (self.service_id in change.changed or self.service_id in change.added):
            self._show_service(change.changed.get(self.service_id) or change.added.get(self.service_id))
        elif kind == "services" and self.service_id in change.removed:
            self.service = None
            self.title.setText(self.tr("%1 (deleted)").replace("%1", self.title.property("name") or ""))
            self._set_enabled(False)
        elif kind == "nodes":
            self.model.refresh_nodes()
            self._show_why()

    def _on_images_checked(self, service_ids: frozenset[str]) -> None:
        if self.service_id in service_ids:
            self._show_newer()

    def _show_newer(self) -> None:
        """A newer image under the service's tag (with Pull and redeploy), or why the registry could not
        be asked; nothing while it runs its tag's image or was not asked yet."""
        check = self.image_updates.check(self.service_id)
        newer = check is not None and check.newer
        problem = check.problem if check is not None else None
        self.newer_row.setVisible(newer or problem is not None)
        self.redeploy_button.setVisible(newer)
        self.redeploy_button.setEnabled(newer and not self._busy and self.service is not None)
        if check is None:
            self.newer.setText("")
        elif newer:
            self.newer.setText(
                self.tr("Newer image available: %1 is now %2 in the registry; the service runs %3.")
                .replace("%1", check.reference)
                .replace("%2", short_digest(check.latest))
                .replace("%3", ", ".join(short_digest(d) for d in check.running))
            )
            self.newer.setStyleSheet("color: #b45309;")
        elif problem is not None:
            self.newer.setText(
                sentences(
                    self.tr("Cannot check for a newer image: %1").replace("%1", error_text(problem)),
                    error_hint(problem),
                )
            )
            self.newer.setToolTip(problem.raw)
            self.newer.setStyleSheet("")

    def _fit_columns(self) -> None:
        """Once, when the first rows are there: every column but the error (which stretches) as wide as
        its widest text, the collapsed history included, the times as wide as their bold (failed) form:
        read whole when a slot is expanded or a task fails later. From then on the widths are the user's."""
        if self._fitted or not self.model.rowCount():
            return
        self._fitted = True
        for column in range(self.model.columnCount() - 1):
            width = _content_width(self.tasks_view, column, bold_too=column in (CREATED, UPDATED))
            self.tasks_view.setColumnWidth(column, width)

    def _network_names(self) -> dict[str, str]:
        return {key: network.name for key, network in self.store.get("networks").items()}

    def _show_service(self, service: Service | None) -> None:
        if service is None:
            return
        previous, self.service = self.service, service
        self.title.setProperty("name", service.name)
        self.title.setText(f"<b>{service.name}</b> — {service.short_image} — {self._mode_text(service)}")
        global_mode = service.mode != "replicated"
        self.replicas.setEnabled(not global_mode and not self._busy)
        self.scale_button.setEnabled(not global_mode and not self._busy)
        why = (
            self.tr("A job runs its tasks to completion; it is not scaled but run again.")
            if is_job(service)
            else self.tr("A global service runs one task on every eligible node; it cannot be scaled.")
        )
        self.replicas.setToolTip(why if global_mode else "")
        self.scale_button.setToolTip(why if global_mode else "")
        if previous is None or previous.replicas != service.replicas:
            self.replicas.setValue(service.replicas or 0)
        if previous is None or previous.image != service.image:
            self.image_edit.setText(service.short_image)
        self.rollback_button.setEnabled(bool(service.raw.get("PreviousSpec")) and not self._busy)
        self.spec_view.show_service(service, self._network_names())
        self._show_rollout()
        self._show_why()
        self._show_job()

    def _mode_text(self, service: Service) -> str:
        if service.mode == "global":
            return self.tr("global: one task per node")
        if service.mode == "global-job":
            return self.tr("global job: one run per node")
        if service.mode == "replicated-job":
            return self.tr("replicated job: %n completion(s)", "", service.replicas or 0)
        return self.tr("replicated: %n task(s)", "", service.replicas or 0)

    def _show_job(self) -> None:
        """A job's current run: completed of asked for, failed, running, which run and when it began;
        below it the earlier runs whose tasks are still known."""
        service = self.service
        runs = job_runs(service, self.model.tasks()) if service is not None else []
        run = runs[0] if runs else None
        self.job.setVisible(run is not None)
        self.job_history.setVisible(len(runs) > 1)
        self.job_history.setText(
            "\n".join(
                self.tr("Run %1, started %2: %3/%4 completed, %5 failed")
                .replace("%1", str(earlier.iteration + 1))
                .replace("%2", local_time(earlier.last_execution) or "—")
                .replace("%3", str(earlier.completed))
                .replace("%4", str(earlier.total))
                .replace("%5", str(earlier.failed))
                for earlier in runs[1:]
            )
        )
        self.run_again_button.setVisible(run is not None)
        self.rebalance_button.setVisible(run is None)  # a job is run again, not rebalanced
        if run is None:
            return
        text = (
            self.tr("Job: %1/%2 completed, %3 failed, %4 running — run %5, started %6")
            .replace("%1", str(run.completed))
            .replace("%2", str(run.total))
            .replace("%3", str(run.failed))
            .replace("%4", str(run.running))
            .replace("%5", str(run.iteration + 1))
            .replace("%6", local_time(run.last_execution) or "—")
        )
        if run.max_concurrent is not None:
            text += " " + self.tr("(at most %1 at a time)").replace("%1", str(run.max_concurrent))
        self.job.setText(text)
        self.job.setStyleSheet("color: #c62828;" if run.failed else "")

    def _show_rollout(self) -> None:
        """The live rollout line: the update state, how many tasks run the new spec, and the reason."""
        service = self.service
        if service is None:
            return
        state = service.update_state
        if not state:
            self.rollout.setText("")
            return
        image = service.image
        current = [t for t in self.model.tasks() if t.desired_state == "running"]
        done = sum(1 for t in current if t.image == image and t.state == "running")
        text = self.tr("Update: %1 — %2 of %n task(s) running the new spec", "", len(current)).replace(
            "%1", update_state_text(state)
        )
        text = text.replace("%2", str(done))
        if service.update_message:
            text += f" — {service.update_message}"
        self.rollout.setText(text)
        bad = state in ("paused", "rollback_paused", "rollback_started", "rollback_completed")
        self.rollout.setStyleSheet("color: #c62828;" if bad else "")

    def _show_why(self) -> None:
        """Why the service does not converge: each pending task's sentence in the task tree, the
        first in the header ("Not converging: ..."), all of them in its tooltip."""
        if self.service is None:
            return
        explained = service_pending(self.store, self.service_id)
        self.model.set_reasons({p.task.id: reason_text(p.reason) for p in explained if p.task is not None})
        sentences = list(dict.fromkeys(reason_text(p.reason) for p in explained))
        if not sentences:
            self.why.hide()
            self.why.setText("")
            self.why.setToolTip("")
            return
        text = self.tr("Not converging: %1").replace("%1", sentences[0])
        if len(sentences) > 1:
            text += " " + self.tr("(+%1 more)").replace("%1", str(len(sentences) - 1))
        engine_words = sorted({p.reason.message for p in explained if p.reason.message})
        self.why.setText(text)
        self.why.setToolTip("\n".join(sentences + engine_words))
        self.why.show()

    def _open_task(self, index: Any) -> None:
        task = self.proxy.data(index, Role.OBJECT)
        if task is not None and task.container_id:
            self.navigator.open_container(task.node_id, task.container_id, task.id[:12])

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (
            self.scale_button,
            self.image_button,
            self.edit_button,
            self.rollback_button,
            self.rebalance_button,
            self.run_again_button,
            self.redeploy_button,
            self.replicas,
        ):
            widget.setEnabled(enabled)

    # -- actions ---------------------------------------------------------------------------------
    async def _run(self, title: str, fn: Any, *args: Any) -> bool:
        """`fn(client, *args)` on the manager, the actions disabled meanwhile; a failure is shown."""
        return await self._while_busy(self._call(title, fn, *args))

    async def _call(self, title: str, fn: Any, *args: Any) -> bool:
        try:
            await self.context.operations.on_manager(self, fn, *args)
            return True
        except Exception as error:
            show_error(self, title, error)
            return False

    async def _while_busy(self, work: Coroutine[Any, Any, bool]) -> bool:
        """Await `work` (an action) with the actions disabled; False without a service."""
        if self.service is None:
            work.close()
            return False
        self._busy = True
        self._set_enabled(False)
        ok = await work
        self._busy = False  # not reached when the detail closed meanwhile (OwnerGone)
        self._set_enabled(self.service is not None)
        if self.service is not None:
            self._show_service(self.service)
        self._show_newer()
        return ok

    @operation_slot()
    async def scale(self) -> None:
        await self._run(
            self.tr("Cannot scale the service"), stacks.scale, self.service_id, self.replicas.value()
        )

    @operation_slot()
    async def update_image(self) -> None:
        image = self.image_edit.text().strip()
        if not image or any(c.isspace() for c in image):
            self.image_edit.setStyleSheet("border: 1px solid #c62828;")
            self.image_edit.setToolTip(self.tr("Give an image name (no spaces)."))
            return
        self.image_edit.setStyleSheet("")
        self.image_edit.setToolTip("")
        await self._run(
            self.tr("Cannot update the image"),
            stacks.set_image,
            self.service_id,
            image,
            self.context.registry_auth(),
        )

    @operation_slot()
    async def rollback(self) -> None:
        service = self.service
        if service is None:
            return
        text = self.tr("Roll back %1 to its previous spec?").replace("%1", service.name)
        names = {key: network.name for key, network in self.context.store.get("networks").items()}
        details = rollback_review(service.raw, names)
        if await confirm(self, self.tr("Roll back"), text, self.tr("Roll back"), details=details):
            await self._run(self.tr("Cannot roll back the service"), stacks.rollback, self.service_id)

    @operation_slot()
    async def rebalance(self) -> None:
        service = self.service
        if service is None:
            return
        text = self.tr(
            "Rebalance %1? Every task is replaced (as docker service update --force), following the "
            "service's update policy, and swarm spreads the new ones over the nodes that take tasks."
        ).replace("%1", service.name)
        if await confirm(self, self.tr("Rebalance"), text, self.tr("Rebalance")):
            await self._run(self.tr("Cannot rebalance the service"), drain.rebalance, self.service_id)

    @operation_slot()
    async def run_again(self) -> None:
        service = self.service
        if service is None or not is_job(service):
            return
        asked = await confirm(
            self,
            self.tr("Run the job again"),
            self.tr(
                "Run %1 again? Its tasks start anew with the same spec; earlier runs stay in the history."
            ).replace("%1", service.name),
            self.tr("Run again"),
        )
        if asked:
            await self._run(self.tr("Cannot run the job again"), run_again, self.service_id)

    @operation_slot()
    async def redeploy(self) -> None:
        """Pull and redeploy on the tag's newer image (asked first); the rollout line follows it."""
        if self.service is not None:
            await self._while_busy(pull_and_redeploy(self, self.context, [self.service]))

    def check_image(self) -> None:
        self.image_updates.check_now([self.service_id])

    def edit(self) -> None:
        if self.service is None:
            return
        from crane_desktop.views.deploy_dialog import DeployDialog

        dialog = DeployDialog(self.context, self, service=self.service)
        dialog.open()

    def close_streams(self) -> None:
        """Close the extra tabs' streams (logs, stats...) with this tab."""
        with contextlib.suppress(RuntimeError, TypeError):  # already disconnected
            self.store.changed.disconnect(self._on_store_changed)
            self.image_updates.changed.disconnect(self._on_images_checked)
        for widget in self.extra_tabs:
            if isinstance(widget, StreamOwner):
                widget.close_streams()
