"""The deploy dialog's compose side: several files merged in order (as `docker stack deploy -c a.yml
-c b.yml`) or a text typed in, checked exactly as `crane-desktop stack deploy` checks before it creates
anything (engine/deploy_checks.py: the files, then the external objects on the engine).

What docker accepts with a warning (an unset variable, an option stack deploy ignores) is listed with
its file and line, clickable, and Deploy stays possible; a refusal names its file, line and key and
disables Deploy until the input changes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from crane_desktop.engine import compose, stacks
from crane_desktop.engine.compose import ComposeError, ComposeWarning
from crane_desktop.engine.deploy_checks import (
    IGNORED_SILENTLY,
    CheckedFiles,
    ComposeSource,
    check_externals,
    check_files,
)
from crane_desktop.views.dialogs import ERROR_STYLE, WARNING_STYLE, show_error
from crane_desktop.views.operations import NotConnected, operation_slot
from crane_desktop.views.spec_changes import review_text

if TYPE_CHECKING:
    from crane_desktop.models.store import ClusterStore
    from crane_desktop.views.context import ClusterContext

translate = QCoreApplication.translate
UNSET_VARIABLE = 'The "{name}" variable is not set. Defaulting to a blank string.'
REFUSED_COLOR = "#ffd6d6"
WARNED_COLOR = "#fff0c2"


def reason_text(error: ComposeError | ComposeWarning) -> str:
    """The engine's reason in the operator's language."""
    reason = translate("engine", error.reason_template)
    try:
        return reason.format(**error.reason_params)
    except (KeyError, IndexError, ValueError):
        return error.reason


def compose_error_text(error: ComposeError | ComposeWarning) -> str:
    """ "Line 6, services.web.image: reason" in the operator's language."""
    reason = reason_text(error)
    if error.line:
        return (
            translate("DeployDialog", "Line %1, %2: %3")
            .replace("%1", str(error.line))
            .replace("%2", error.key or "-")
            .replace("%3", reason)
        )
    return reason


def warning_words(warning: ComposeWarning) -> str:
    """What the warning means for the deploy, in an operator's words (the command line prints docker's)."""
    params = warning.reason_params
    if warning.reason_template == UNSET_VARIABLE:
        return translate(
            "DeployDialog", "The variable %1 is not set: an empty value is used in its place, as docker does."
        ).replace("%1", str(params.get("name", "")))
    if warning.ignored == compose.IGNORED_UNSUPPORTED:
        return translate(
            "DeployDialog", "“%1” is ignored: docker stack deploy does not use this option."
        ).replace("%1", warning.option)
    if warning.ignored == IGNORED_SILENTLY:
        return reason_text(warning)
    if warning.ignored:  # deprecated: docker says why
        return (
            translate("DeployDialog", "“%1” is ignored by docker stack deploy: %2")
            .replace("%1", warning.option)
            .replace("%2", reason_text(warning))
        )
    return reason_text(warning)


def split_file(key: str, names: list[str]) -> tuple[str, str]:
    """("b.yml", "services.web") from the key "b.yml: services.web" of a merge of several files."""
    for name in names:
        if key.startswith(f"{name}: "):
            return name, key[len(name) + 2 :]
    return "", key


def app_reviews(
    store: ClusterStore, plan: compose.StackPlan, prune: bool
) -> list[stacks.ServiceReview] | None:
    """What deploying `plan` does to each service of the app it names, from the specs the store holds
    (`prune`: the services the file no longer lists are removed, else they stay); None for an app that
    does not exist yet."""
    current = {
        service.name: service.raw.get("Spec") or {}
        for service in store.get("services").values()
        if service.stack == plan.name
    }
    if not current:
        return None
    network_ids = {network.name: network.id for network in store.get("networks").values()}
    return stacks.review_plan(plan, current, network_ids, prune=prune)


class ComposeTab(QWidget):
    """The file list, the text of the file shown, the warnings and the refusal, Check."""

    refused = Signal(bool)  # the last check refused the input (Deploy is disabled until it changes)

    def __init__(self, context: ClusterContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.context = context
        self.store = context.store
        self.owner = parent
        self.files = QListWidget(self)
        self.files.setObjectName("composeFiles")
        self.files.setMaximumHeight(58)
        self.files.currentRowChanged.connect(self._show_file)
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(self.tr("Compose files:"), self), 1)
        for name, text, slot in (
            ("composeAddFile", self.tr("Add…"), self._browse),
            ("composeRemoveFile", self.tr("Remove"), self._remove_file),
            ("composeFileUp", self.tr("Up"), lambda: self._move_file(-1)),
            ("composeFileDown", self.tr("Down"), lambda: self._move_file(1)),
        ):
            button = QPushButton(text, self)
            button.setObjectName(name)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        note = QLabel(
            self.tr(
                "Merged in order, as docker stack deploy -c a.yml -c b.yml (relative paths from the first "
                "file's folder), read from disk at each Check and Deploy; without a file, the text below "
                "is deployed. Variables come from Crane Desktop's environment: .env is not read, as with "
                "docker stack deploy."
            ),
            self,
        )
        note.setObjectName("composeNote")
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(mid);")
        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("composeEdit")
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.editor.setPlaceholderText('version: "3.8"\nservices:\n  web:\n    image: nginx:1.25\n')
        self.editor.textChanged.connect(self.input_changed)
        self.warnings_title = QLabel(
            self.tr(
                "Warnings (accepted, as docker accepts them; Deploy is possible; click one to see its line):"
            ),
            self,
        )
        self.warnings_title.setObjectName("composeWarningsTitle")
        self.warnings_title.setStyleSheet(WARNING_STYLE)
        self.warnings = QListWidget(self)
        self.warnings.setObjectName("composeWarnings")
        self.warnings.setWordWrap(True)
        self.warnings.itemClicked.connect(self._show_warning)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("composeError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.review = QPlainTextEdit(self)
        self.review.setObjectName("composeReview")
        self.review.setReadOnly(True)
        self.review.hide()
        self.check_button = QPushButton(self.tr("Check"), self)
        self.check_button.setObjectName("composeCheckButton")
        self.check_button.clicked.connect(self.check)
        bottom = QHBoxLayout()
        bottom.addWidget(self.error_label, 1)
        bottom.addWidget(self.check_button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.files)
        layout.addWidget(note)
        self.warnings_box = QWidget(self)
        warnings_layout = QVBoxLayout(self.warnings_box)
        warnings_layout.setContentsMargins(0, 0, 0, 0)
        warnings_layout.addWidget(self.warnings_title)
        warnings_layout.addWidget(self.warnings, 1)
        split = QSplitter(Qt.Orientation.Vertical, self)  # the operator sizes text, warnings and review
        split.setChildrenCollapsible(False)
        for widget, stretch in ((self.editor, 3), (self.warnings_box, 1), (self.review, 2)):
            split.addWidget(widget)
            split.setStretchFactor(split.indexOf(widget), stretch)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)
        self._dialog: QFileDialog | None = None
        self.is_refused = False
        self._typed = ""  # the text typed in, kept while files are listed
        self.show_warnings([])

    # .. the files ..
    def paths(self) -> list[Path]:
        return [
            Path(self.files.item(row).data(Qt.ItemDataRole.UserRole)) for row in range(self.files.count())
        ]

    def set_paths(self, paths: list[Path | str]) -> None:
        self.files.clear()
        for path in paths:
            self._add_item(Path(path))
        self.files.setCurrentRow(0 if paths else -1)
        self._show_file(self.files.currentRow())
        self.input_changed()

    def _add_item(self, path: Path) -> None:
        item = QListWidgetItem(str(path))
        item.setData(Qt.ItemDataRole.UserRole, str(path))
        self.files.addItem(item)

    def _browse(self) -> None:
        dialog = QFileDialog(self, self.tr("Add compose files"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setNameFilters([self.tr("Compose files (*.yml *.yaml)"), self.tr("All files (*)")])
        dialog.filesSelected.connect(lambda chosen: self.set_paths([*self.paths(), *chosen]))
        self._dialog = dialog
        dialog.open()

    def _remove_file(self) -> None:
        paths = self.paths()
        row = self.files.currentRow()
        if 0 <= row < len(paths):
            del paths[row]
            self.set_paths(list(paths))
            self.files.setCurrentRow(min(row, len(paths) - 1))

    def _move_file(self, step: int) -> None:
        paths = self.paths()
        row = self.files.currentRow()
        if 0 <= row < len(paths) and 0 <= row + step < len(paths):
            paths[row], paths[row + step] = paths[row + step], paths[row]
            self.set_paths(list(paths))
            self.files.setCurrentRow(row + step)

    def _show_file(self, row: int) -> None:
        """The file's text, read only (what is deployed is the file on disk); without files, the text
        typed before they were added, editable again."""
        paths = self.paths()
        self.editor.blockSignals(True)
        if 0 <= row < len(paths):
            if not self.editor.isReadOnly():
                self._typed = self.editor.toPlainText()
            try:
                text = paths[row].read_text(encoding="utf-8")
            except (OSError, ValueError) as exc:
                text = self.tr("Cannot read %1: %2").replace("%1", str(paths[row])).replace("%2", str(exc))
            self.editor.setPlainText(text)
            self.editor.setReadOnly(True)
        elif not paths and self.editor.isReadOnly():
            self.editor.setPlainText(self._typed)
            self.editor.setReadOnly(False)
        self.editor.blockSignals(False)
        self.editor.setExtraSelections([])

    def source(self) -> ComposeSource:
        paths = self.paths()
        if paths:
            return ComposeSource(tuple(paths))
        return ComposeSource(text=self.editor.toPlainText(), folder=Path.cwd())

    # .. checking ..
    def input_changed(self) -> None:
        """The files or the text changed: the last refusal no longer holds."""
        self.is_refused = False
        self.refused.emit(False)

    def checked(self, app: str) -> CheckedFiles | None:
        """The file checks (no engine): the plan with its warnings listed, or None with the refusal shown."""
        try:
            checked = check_files(self.source(), app)
        except ComposeError as error:
            self.show_warnings([])
            self.show_error(error)
            return None
        self.show_error(None)
        self.show_warnings([*checked.plan.warnings, *checked.silent])
        return checked

    @operation_slot()
    async def check(self) -> None:
        """What `crane-desktop stack deploy` checks before it creates anything: the files, then (when
        connected) the external networks, secrets and configs on the engine."""
        checked = self.checked(self.app_name())
        self.show_review(checked.plan if checked else None)
        if checked is None:
            return
        try:
            await self.context.operations.on_manager(
                self.owner, check_externals, checked.plan, checked.places, busy=[self.check_button]
            )
        except NotConnected:
            self._say_valid(
                self.tr(
                    "The file is valid. Not connected: the external networks, secrets and configs it "
                    "uses are checked once connected."
                )
            )
            return
        except ComposeError as error:
            self.show_error(error)
            return
        except Exception as error:
            show_error(self, self.tr("Cannot check"), error)
            return
        self._say_valid(self.tr("The file is valid."))

    def _say_valid(self, text: str) -> None:
        self.error_label.setStyleSheet("")
        self.error_label.setText(text)

    def app_name(self) -> str:
        edit = getattr(self.owner, "app_edit", None)
        return (edit.text().strip() if edit is not None else "") or "app"

    def forget_review(self) -> None:
        self.review.hide()
        self.review.clear()

    def prune(self) -> bool:
        box = getattr(self.owner, "prune_box", None)
        return box is not None and box.isChecked()

    def show_review(self, plan: compose.StackPlan | None) -> None:
        """For an app that exists: what deploying the plan does to each of its services."""
        reviews = app_reviews(self.store, plan, self.prune()) if plan is not None else None
        if plan is None or reviews is None:
            self.forget_review()
            return
        self.review.setPlainText(review_text(plan.name, reviews))
        self.review.show()

    # .. showing ..
    def _place_text(self, line: int, key: str, words: str) -> str:
        file_name, key = split_file(key, [path.name for path in self.paths()])
        if not line:
            return words
        if file_name:
            return (
                self.tr("%1, line %2, %3: %4")
                .replace("%1", file_name)
                .replace("%2", str(line))
                .replace("%3", key)
                .replace("%4", words)
            )
        return (
            self.tr("Line %1, %2: %3").replace("%1", str(line)).replace("%2", key or "-").replace("%3", words)
        )

    def show_warnings(self, warnings: list[ComposeWarning]) -> None:
        """The warnings in the order of the files, then of the lines."""
        names = [path.name for path in self.paths()]

        def where(warning: ComposeWarning) -> tuple[int, int]:
            file_name, _ = split_file(warning.key, names)
            return (names.index(file_name) if file_name else 0, warning.line)

        self.warnings.clear()
        for warning in sorted(warnings, key=where):
            item = QListWidgetItem(self._place_text(warning.line, warning.key, warning_words(warning)))
            item.setData(Qt.ItemDataRole.UserRole, (warning.line, warning.key))
            item.setToolTip(self.tr("Show this line"))
            self.warnings.addItem(item)
        self.warnings_box.setVisible(bool(warnings))

    def _show_warning(self, item: QListWidgetItem) -> None:
        line, key = item.data(Qt.ItemDataRole.UserRole)
        self.show_line(line, key, WARNED_COLOR)

    def show_line(self, line: int, key: str, color: str) -> None:
        """Put the cursor on `line` of the file the key names (its text shown first) and mark it."""
        file_name, _ = split_file(key, names := [path.name for path in self.paths()])
        if file_name and self.files.currentRow() != names.index(file_name):
            self.files.setCurrentRow(names.index(file_name))
        elif not file_name and len(names) == 1:
            self.files.setCurrentRow(0)
        if not line:
            return
        cursor = QTextCursor(self.editor.document().findBlockByLineNumber(line - 1))
        selection = QTextEdit.ExtraSelection()
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(color))
        fmt.setProperty(QTextFormat.Property.FullWidthSelection, True)
        selection.format = fmt
        selection.cursor = cursor
        self.editor.setExtraSelections([selection])
        self.editor.setTextCursor(cursor)
        self.editor.centerCursor()

    def show_error(self, error: ComposeError | None) -> None:
        """The refusal with its file, line and key (its line marked); None clears it."""
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.editor.setExtraSelections([])
        if error is None:
            self.error_label.setText("")
            return
        self.error_label.setText(self._place_text(error.line, error.key, reason_text(error)))
        self.show_line(error.line, error.key, REFUSED_COLOR)
        self.is_refused = True
        self.refused.emit(True)
