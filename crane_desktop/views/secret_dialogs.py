"""The dialogs of the Secrets and Configs pages: create (typed text or a file), edit labels, show a
config's content (never a secret's), rotate (engine/rotate.py, with its progress per service).

Everything is checked on the GUI thread first (name, size, labels) so a refusal creates nothing and
loses nothing typed: the dialogs stay open on failure.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crane_desktop import bridge
from crane_desktop.engine import secrets_configs as objects
from crane_desktop.engine.errors import EngineError
from crane_desktop.engine.networks import labels_to_text, parse_labels
from crane_desktop.engine.rotate import (
    Outcome,
    Progress,
    RotatePlan,
    RotateRun,
    Step,
    check_rotatable,
    next_name,
    waiting_steps,
)
from crane_desktop.engine.secrets_configs import MAX_BYTES, Kind
from crane_desktop.engine.snapshots import Config, Secret
from crane_desktop.messages import engine_text, error_text, phrase_text
from crane_desktop.views.dialogs import ERROR_STYLE, EngineDialog, failure_text
from crane_desktop.views.operations import operation_slot

if TYPE_CHECKING:
    from crane_desktop.views.context import ClusterContext


class DataInput(QWidget):
    """Typed text, or a file's bytes (read up to one byte past the engine's limit: the check refuses it)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.text_edit = QPlainTextEdit(self)
        self.text_edit.setObjectName("dataText")
        self.text_edit.setPlaceholderText(self.tr("Type the content, or choose a file"))
        self.file_button = QPushButton(self.tr("From file…"), self)
        self.file_button.setObjectName("fromFileButton")
        self.file_button.clicked.connect(self._choose)
        self.file_label = QLabel(self)
        self.type_button = QPushButton(self.tr("Type instead"), self)
        self.type_button.setObjectName("typeInsteadButton")
        self.type_button.clicked.connect(self.forget_file)
        self.type_button.hide()  # shown once a file was chosen
        self.file_data: bytes | None = None
        row = QHBoxLayout()
        row.addWidget(self.file_button)
        row.addWidget(self.file_label, 1)
        row.addWidget(self.type_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text_edit)
        layout.addLayout(row)

    def _choose(self) -> None:
        chooser = QFileDialog(self, self.tr("Choose the file"))
        chooser.setFileMode(QFileDialog.FileMode.ExistingFile)
        chooser.fileSelected.connect(self.load_file)
        chooser.finished.connect(chooser.deleteLater)
        chooser.open()

    def load_file(self, path: str) -> None:
        with Path(path).open("rb") as file:
            self.file_data = file.read(MAX_BYTES + 1)
        self.file_label.setText(
            self.tr("%1 (%2 bytes)").replace("%1", path).replace("%2", str(len(self.file_data)))
        )
        self.text_edit.setEnabled(False)
        self.type_button.show()

    def forget_file(self) -> None:
        """Back to the typed text (kept as it was)."""
        self.file_data = None
        self.file_label.clear()
        self.text_edit.setEnabled(True)
        self.type_button.hide()

    def data(self) -> bytes:
        return self.file_data if self.file_data is not None else self.text_edit.toPlainText().encode()


def _error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setObjectName("fieldError")
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


class ObjectDialog(EngineDialog):
    """What the secret and config dialogs share: an error line and OK / Cancel buttons."""

    def __init__(self, parent: QWidget, context: ClusterContext, kind: Kind) -> None:
        super().__init__(parent, context.operations)
        self.context = context
        self.kind: Kind = kind
        self.error_label = _error_label(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.rejected.connect(self.reject)

    def show_problem(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def names(self) -> list[str]:
        return [item.name for item in self.context.store.get(f"{self.kind}s").values()]

    def typed_labels(self, edit: QPlainTextEdit) -> dict[str, str] | None:
        labels, problems = parse_labels(edit.toPlainText())
        if problems:
            self.show_problem(engine_text(problems[0].template, problems[0].params))
            return None
        return labels


class CreateDialog(ObjectDialog):
    def __init__(self, parent: QWidget, context: ClusterContext, kind: Kind) -> None:
        super().__init__(parent, context, kind)
        self.setObjectName("createSecretDialog")
        self.setWindowTitle(self.tr("Create secret") if kind == "secret" else self.tr("Create config"))
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("nameEdit")
        self.data_input = DataInput(self)
        self.labels_edit = QPlainTextEdit(self)
        self.labels_edit.setPlaceholderText(self.tr("key=value, one a line"))
        self.labels_edit.setMaximumHeight(70)
        self.templated = QCheckBox(
            self.tr("Templated (golang): placeholders such as {{.Service.Name}}"), self
        )
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name_edit)
        form.addRow(self.tr("Content"), self.data_input)
        form.addRow(self.tr("Labels"), self.labels_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.templated)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.ok_button.clicked.connect(self.create)
        self.resize(560, 420)

    @operation_slot()
    async def create(self) -> None:
        name, data = self.name_edit.text().strip(), self.data_input.data()
        labels = self.typed_labels(self.labels_edit)
        if labels is None:
            return
        driver = "golang" if self.templated.isChecked() else ""
        try:
            objects.check_new(self.kind, name, data, self.names(), driver)
        except EngineError as error:
            self.show_problem(error_text(error))
            return
        try:
            await self.on_manager(objects.create, self.kind, name, data, labels, driver)
        except Exception as error:
            self.show_problem(failure_text(error))
            return
        self.context.say(self.tr("%1 created.").replace("%1", name))
        self.accept()


class LabelsEditDialog(ObjectDialog):
    """The labels (the one thing the engine lets change), as key=value lines."""

    def __init__(self, parent: QWidget, context: ClusterContext, kind: Kind, item: Secret) -> None:
        super().__init__(parent, context, kind)
        self.setObjectName("secretLabelsDialog")
        self.item = item
        self.setWindowTitle(self.tr("Labels of %1").replace("%1", item.name))
        self.labels_edit = QPlainTextEdit(labels_to_text(item.labels), self)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("key=value, one a line"), self))
        layout.addWidget(self.labels_edit)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.ok_button.clicked.connect(self.apply)

    @operation_slot()
    async def apply(self) -> None:
        labels = self.typed_labels(self.labels_edit)
        if labels is None:
            return
        try:
            await self.on_manager(objects.set_labels, self.kind, self.item.id, labels)
        except Exception as error:
            self.show_problem(failure_text(error))
            return
        self.accept()


class ContentDialog(QDialog):
    """A config's content, read-only (the listing holds it: no engine call)."""

    def __init__(self, parent: QWidget, config: Config) -> None:
        super().__init__(parent)
        self.setObjectName("configContentDialog")
        self.setWindowTitle(self.tr("Content of %1").replace("%1", config.name))
        self.text = QPlainTextEdit(config.content.decode("utf-8", errors="replace"), self)
        self.text.setReadOnly(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(600, 420)


class RotateDialog(ObjectDialog):
    """The new content, then the rotation with a line per service; Stop rolls the current one back."""

    def __init__(self, parent: QWidget, context: ClusterContext, kind: Kind, item: Secret) -> None:
        super().__init__(parent, context, kind)
        self.setObjectName("rotateDialog")
        self.item = item
        self.run: RotateRun | None = None
        self.outcome: Outcome | None = None
        self.new_name = next_name(item.name, set(self.names()))
        self.setWindowTitle(self.tr("Rotate %1").replace("%1", item.name))
        intro = self.tr(
            "A new version, %1, is created from this content; every service using %2 moves to it at the "
            "same target, one after the other, following its rollout. %2 is removed only when all "
            "succeeded; a failed rollout is rolled back and %2 is kept."
        )
        note = QLabel(intro.replace("%1", self.new_name).replace("%2", item.name), self)
        note.setWordWrap(True)
        self.data_input = DataInput(self)
        self.progress_list = QListWidget(self)
        self.progress_list.setObjectName("rotateProgress")
        # what the run will do, before it starts: the lines its steps then update in place
        self._line(
            Step.CREATED, self.tr("%1 will be created from this content.").replace("%1", self.new_name)
        )
        for step in waiting_steps(context.store.get("services").values(), kind, item.id):
            self.on_progress(step)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.ok_button.setText(self.tr("Rotate"))
        self.ok_button.clicked.connect(self.start)
        self.stop_button = QPushButton(self.tr("Stop"), self)
        self.stop_button.clicked.connect(self.stop)
        self.buttons.addButton(self.stop_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.stop_button.hide()  # shown while the rotation runs
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.data_input)
        layout.addWidget(self.progress_list)
        layout.addWidget(self.status)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.resize(620, 480)

    @operation_slot()
    async def start(self) -> None:
        if self.run is not None:
            return
        data = self.data_input.data()
        driver = self.item.templating  # the new version is expanded as the old one was
        try:
            check_rotatable(self.item)
            objects.check_new(self.kind, self.new_name, data, self.names(), driver)
        except EngineError as error:
            self.show_problem(error_text(error))
            return
        self.show_problem("")
        plan = RotatePlan(
            self.kind, self.item.id, self.item.name, self.new_name, data, dict(self.item.labels), driver
        )
        self.run = run = RotateRun(plan, bridge.relay(self.on_progress))
        self.ok_button.hide()
        self.stop_button.show()
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Close"))
        self.data_input.setEnabled(False)
        try:
            self.outcome = await self.on_manager(run.run)
        except Exception as error:
            self.stop_button.hide()
            self.show_problem(failure_text(error))
            return
        # (not in a `finally`: a dialog closed meanwhile ends here with OwnerGone, its widgets gone)
        self.stop_button.hide()
        self.status.setText(self.outcome_text(self.outcome))

    def outcome_text(self, outcome: Outcome) -> str:
        if outcome.old_removed:
            return (
                self.tr("Done: every service uses %1; %2 is removed.")
                .replace("%1", outcome.new_name)
                .replace("%2", outcome.old_name)
            )
        reason = phrase_text(outcome.failure) if outcome.failure is not None else ""
        text = self.tr("%1 is kept: nothing is lost.").replace("%1", outcome.old_name)
        return f"{reason}\n{text}" if reason else text

    def stop(self) -> None:
        if self.run is not None:
            self.run.cancel()
            self.stop_button.setEnabled(False)
            self.status.setText(
                self.tr("Stopping: the service being updated goes back to %1…").replace("%1", self.item.name)
            )

    def done(self, result: int) -> None:
        if self.run is not None and self.outcome is None:
            self.run.cancel()  # closing stops the run; it rolls the current service back on its own
        super().done(result)

    def on_progress(self, progress: Progress) -> None:
        """One step of the run (on the GUI thread, through the relay): a line per service, updated."""
        texts = {
            Step.CREATED: self.tr("%1 created."),
            Step.WAITING: self.tr("%1: waiting."),
            Step.UPDATING: self.tr("%1: updating…"),
            Step.UPDATED: self.tr("%1: uses the new version."),
            Step.ROLLED_BACK: self.tr("%1: rolled back to the old version."),
            Step.FAILED: self.tr("%1: failed."),
            Step.CANCELLED: self.tr("%1: stopped, back on the old version."),
            Step.UNCHANGED: self.tr("%1: unchanged, on the old version."),
            Step.REMOVED: self.tr("%1 removed."),
            Step.KEPT: self.tr("%1 kept."),
        }
        text = texts[progress.step].replace("%1", progress.name)
        if progress.note is not None and progress.step != Step.UPDATING:  # not the rollout's raw lines
            text += " " + phrase_text(progress.note)
        self._line(progress.service_id or progress.step, text)

    def _line(self, key: str, text: str) -> None:
        """The progress line of `key` (a service id, or an object step) set to `text`, added if new."""
        for row in range(self.progress_list.count()):
            line = self.progress_list.item(row)
            if line.data(256) == key:
                line.setText(text)
                return
        self.progress_list.addItem(text)
        self.progress_list.item(self.progress_list.count() - 1).setData(256, key)
