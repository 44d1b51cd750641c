"""Change the task counts of an app's services at once (Crane's 修改任务数): one field per replicated
service, checked before anything is sent; global services are listed, not editable."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from crane_desktop.engine import stacks
from crane_desktop.engine.service_form import replicas_problem
from crane_desktop.engine.snapshots import Service
from crane_desktop.views.dialogs import ERROR_STYLE, EngineDialog, show_error
from crane_desktop.views.operations import operation_slot

if TYPE_CHECKING:
    from crane_desktop.views.context import ClusterContext


class ScaleDialog(EngineDialog):
    """`services`: the app's services with their "running/desired" text, in the order shown."""

    def __init__(
        self, context: ClusterContext, parent: QWidget, app: str, services: list[tuple[Service, str]]
    ) -> None:
        super().__init__(parent, context.operations)
        self.setObjectName("scaleDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.context = context
        self.app = app
        self.setWindowTitle(self.tr("Change the task counts of %1").replace("%1", app))
        self.setMinimumWidth(480)
        self.fields: dict[str, QLineEdit] = {}  # service id -> its task count
        self.errors: dict[str, QLabel] = {}
        self.services = {service.id: service for service, _tasks in services}
        form = QFormLayout()
        for service, tasks in services:
            label = self.tr("%1 (%2)").replace("%1", service.name).replace("%2", tasks)  # running/wanted
            if service.mode != "replicated":
                note = QLabel(self.tr("global: one task per node; not scaled"), self)
                note.setEnabled(False)
                form.addRow(label, note)
                continue
            edit = QLineEdit(str(service.replicas or 0), self)
            edit.setObjectName(f"replicas_{service.name}")
            error = QLabel(self)
            error.setObjectName(f"error_{service.name}")
            error.setStyleSheet(ERROR_STYLE)
            error.hide()
            holder = QVBoxLayout()
            holder.setSpacing(1)
            holder.addWidget(edit)
            holder.addWidget(error)
            form.addRow(label, holder)
            self.fields[service.id] = edit
            self.errors[service.id] = error
        self.status = QLabel(self)
        self.status.setObjectName("scaleStatus")
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.apply_button = self.buttons.addButton(
            self.tr("Change task counts"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.apply_button.setObjectName("scaleApplyButton")
        self.buttons.rejected.connect(self.reject)
        self.apply_button.clicked.connect(self.apply)
        intro = QLabel(
            self.tr("The tasks each replicated service should run; in brackets, running / wanted now."), self
        )
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

    def changes(self) -> dict[str, int] | None:
        """The counts typed that differ from the services' (None, the problems shown, if one is wrong)."""
        wrong = False
        changes: dict[str, int] = {}
        for service_id, edit in self.fields.items():
            text = edit.text().strip()
            problem = replicas_problem(text)
            error = self.errors[service_id]
            if problem is not None:
                template, params = problem
                error.setText(QCoreApplication.translate("engine", template).format(**params))
                error.show()
                wrong = True
                continue
            error.hide()
            if int(text) != (self.services[service_id].replicas or 0):
                changes[service_id] = int(text)
        if wrong:
            self.status.setStyleSheet(ERROR_STYLE)
            self.status.setText(self.tr("Correct the fields marked in red."))
            return None
        return changes

    @operation_slot()
    async def apply(self) -> None:
        changes = self.changes()
        if changes is None:
            return
        if not changes:
            self.accept()
            return
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Sending to the swarm…"))
        try:
            await self.operations.on_manager(self, stacks.scale_services, changes, busy=[self.apply_button])
        except Exception as error:
            self.status.setText("")
            show_error(self, self.tr("Cannot change the task counts"), error)
            return
        self.context.say(self.tr("The task counts of %1 were changed.").replace("%1", self.app))
        self.accept()
