"""The create-network dialog (also "recreate": the engine cannot edit a network, so the dialog opens
pre-filled from it and replaces it).

Every field is checked before anything is sent; problems show under their field. The dialog does the
engine call itself, off the GUI thread, and stays open on failure with the reason, so nothing typed is
lost.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from crane_desktop.engine.errors import EngineError, translate
from crane_desktop.engine.networks import (
    FIELDS,
    NetworkForm,
    Problem,
    check_deletable,
    create_network,
    delete_network,
    errors_only,
    validate,
)
from crane_desktop.engine.snapshots import Network
from crane_desktop.messages import engine_text, error_hint, error_text
from crane_desktop.views.dialogs import ERROR_STYLE, WARNING_STYLE, EngineDialog, confirm
from crane_desktop.views.operations import operation_slot

if TYPE_CHECKING:
    from crane_desktop.views.context import ClusterContext

class NetworkDialog(EngineDialog):
    """Create an overlay network; with `replacing`, delete that network and create it anew."""

    def __init__(
        self,
        context: ClusterContext,
        form: NetworkForm | None = None,
        replacing: Network | None = None,
        *,
        parent: QWidget,
    ) -> None:
        super().__init__(parent, context.operations)
        self.setObjectName("networkDialog")
        self.store = context.store
        self.replacing = replacing
        self.created_id = ""
        self.setWindowTitle(
            self.tr("Recreate network %1").replace("%1", replacing.name)
            if replacing
            else self.tr("Create network")
        )
        self.name_edit = self._line("name", self.tr("e.g. shop-backend"))
        self.subnet_edit = self._line("subnet", self.tr("e.g. 172.20.0.0/16 (empty: chosen by the swarm)"))
        self.gateway_edit = self._line("gateway", self.tr("e.g. 172.20.10.1"))
        self.range_edit = self._line("ip_range", self.tr("e.g. 172.20.10.0/24 (usable .1 to .254)"))
        self.internal_check = QCheckBox(self.tr("Internal network: no traffic leaves the cluster"), self)
        self.internal_check.setObjectName("internalCheck")
        self.attachable_check = QCheckBox(
            self.tr("Attachable: standalone containers may join it too (docker run --network)"), self
        )
        self.attachable_check.setObjectName("attachableCheck")
        self.labels_edit = QPlainTextEdit(self)
        self.labels_edit.setObjectName("labelsEdit")
        self.labels_edit.setPlaceholderText(self.tr("key=value, one per line"))
        self.labels_edit.setFixedHeight(70)
        self.errors: dict[str, QLabel] = {}
        for field in FIELDS:
            label = QLabel(self)
            label.setObjectName(f"{field}Error")
            label.setWordWrap(True)
            label.hide()
            self.errors[field] = label

        form_layout = QFormLayout()
        rows = (
            (self.tr("Network name"), self.name_edit, "name"),
            (self.tr("Subnet"), self.subnet_edit, "subnet"),
            (self.tr("Gateway"), self.gateway_edit, "gateway"),
            (self.tr("IP range"), self.range_edit, "ip_range"),
        )
        for title, edit, field in rows:
            form_layout.addRow(title, edit)
            form_layout.addRow("", self.errors[field])
        form_layout.addRow("", self.internal_check)
        form_layout.addRow("", self.attachable_check)
        form_layout.addRow(self.tr("Labels"), self.labels_edit)
        form_layout.addRow("", self.errors["labels"])

        intro = QLabel(
            self.tr(
                "An overlay network connects the services attached to it across all nodes of the swarm, "
                "isolated from the others. Settings cannot be changed later: recreate the network instead."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.failure = QLabel(self)
        self.failure.setObjectName("failureLabel")
        self.failure.setStyleSheet(ERROR_STYLE)
        self.failure.setWordWrap(True)
        self.failure.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.create_button = self.buttons.addButton(
            self.tr("Delete and recreate") if replacing else self.tr("Create"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.create_button.setObjectName("createButton")
        self.create_button.setDefault(True)
        self.buttons.rejected.connect(self.reject)
        self.create_button.clicked.connect(self.submit)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form_layout)
        layout.addWidget(self.failure)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())
        if form is not None:
            self.set_form(form)

    def _line(self, field: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(f"{field}Edit")
        edit.setPlaceholderText(placeholder)
        edit.textEdited.connect(lambda _text, f=field: self._clear_error(f))
        return edit

    def _clear_error(self, field: str) -> None:
        self.errors[field].hide()

    # -- the form ----------------------------------------------------------------------------------
    def set_form(self, form: NetworkForm) -> None:
        self.name_edit.setText(form.name)
        self.subnet_edit.setText(form.subnet)
        self.gateway_edit.setText(form.gateway)
        self.range_edit.setText(form.ip_range)
        self.internal_check.setChecked(form.internal)
        self.attachable_check.setChecked(form.attachable)
        self.labels_edit.setPlainText(form.labels)

    def form(self) -> NetworkForm:
        return NetworkForm(
            name=self.name_edit.text().strip(),
            subnet=self.subnet_edit.text().strip(),
            gateway=self.gateway_edit.text().strip(),
            ip_range=self.range_edit.text().strip(),
            internal=self.internal_check.isChecked(),
            attachable=self.attachable_check.isChecked(),
            labels=self.labels_edit.toPlainText(),
        )

    def existing(self) -> list[Network]:
        """The networks a new one must not clash with (the one being replaced does not count)."""
        networks = self.store.get("networks").values()
        return [n for n in networks if not (self.replacing and n.id == self.replacing.id)]

    def check(self) -> list[Problem]:
        """Show every problem under its field; return the blocking ones."""
        problems = validate(self.form(), self.existing())
        for label in self.errors.values():
            label.clear()
            label.hide()
        for problem in problems:
            label = self.errors[problem.field]
            text = engine_text(problem.template, problem.params)
            if problem.warning:
                text = self.tr("Warning: %1").replace("%1", text)
            label.setText(f"{label.text()}\n{text}" if label.text() else text)
            label.show()
        for field, label in self.errors.items():
            blocking = any(p.field == field and not p.warning for p in problems)
            label.setStyleSheet(ERROR_STYLE if blocking else WARNING_STYLE)
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))
        return errors_only(problems)

    # -- doing it --------------------------------------------------------------------------------------
    @operation_slot()
    async def submit(self) -> None:
        self.failure.hide()
        if self.check():
            return
        form = self.form()
        services = list(self.store.get("services").values())
        if self.replacing is not None:
            try:
                check_deletable(self.replacing, services)
            except EngineError as error:
                self._fail(error)
                return
            if not await confirm(
                self,
                self.tr("Recreate network"),
                self.tr("Delete the network %1 and create it again with these settings?").replace(
                    "%1", self.replacing.name
                ),
                self.tr("Delete and recreate"),
            ):
                return
        existing = self.existing()
        busy = [self.create_button]
        try:
            if self.replacing is not None:
                await self.operations.on_manager(self, delete_network, self.replacing, services, busy=busy)
                self.replacing = None  # gone: from now on this is a plain create
            self.created_id = await self.operations.on_manager(
                self, create_network, form, existing, busy=busy
            )
        except Exception as error:
            self._fail(error)
            return
        self.accept()

    def _fail(self, error: BaseException) -> None:
        engine_error = error if isinstance(error, EngineError) else translate(error)
        hint = error_hint(engine_error)
        text = error_text(engine_error) + (f"\n{hint}" if hint else "")
        if engine_error.raw:
            text += f"\n({engine_error.raw})"
        self.failure.setText(text)
        self.failure.show()
