"""The connection dialog and profile manager: create, edit, import, test and connect."""

from __future__ import annotations

import logging
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crane_desktop import demo
from crane_desktop.engine import profiles
from crane_desktop.engine.errors import ProfileInvalid, translate
from crane_desktop.engine.node_checks import cluster_checks
from crane_desktop.engine.preflight import PreflightReport, run_preflight
from crane_desktop.engine.profiles import Profile, ProfileStore, TLSConfig
from crane_desktop.messages import check_hint, check_text, error_hint, error_text
from crane_desktop.views.dialogs import confirm
from crane_desktop.views.operations import OperationRunner, operation_slot

log = logging.getLogger("crane.views.connect")
STATUS_MARK = {"ok": "✔", "warn": "⚠", "fail": "✘"}


class PathField(QWidget):
    """A path line edit with a Browse button."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self._caption = caption
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._browse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(browse)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self._caption, self.edit.text())
        if path:
            self.edit.setText(path)

    def text(self) -> str:
        return self.edit.text().strip()

    def setText(self, text: str) -> None:
        self.edit.setText(text)


class ConnectDialog(QDialog):
    """Pick or edit a profile; `chosen` holds the profile to open when the dialog is accepted."""

    def __init__(self, store: ProfileStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Connect to a swarm"))
        self.resize(860, 560)
        self.store = store
        self.chosen: Profile | None = None
        self.operations = OperationRunner(lambda: None, self)  # no cluster yet: plain calls only

        self.profile_list = QListWidget(self)
        self.profile_list.currentItemChanged.connect(self._profile_selected)
        new_button = QPushButton(self.tr("New profile"), self)
        new_button.clicked.connect(self._new_profile)
        delete_button = QPushButton(self.tr("Delete"), self)
        delete_button.clicked.connect(self._delete_profile)
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Profiles"), self))
        left.addWidget(self.profile_list, 1)
        left_buttons = QHBoxLayout()
        left_buttons.addWidget(new_button)
        left_buttons.addWidget(delete_button)
        left.addLayout(left_buttons)

        self.name_edit = QLineEdit(self)
        self.managers_edit = QPlainTextEdit(self)
        self.managers_edit.setPlaceholderText("tcp://manager-1:2376\ntcp://manager-2:2376")
        self.managers_edit.setFixedHeight(70)
        self.tls_group = QGroupBox(self.tr("TLS (mutual, recommended)"), self)
        self.tls_group.setCheckable(True)
        self.ca_field = PathField(self.tr("CA certificate"), self)
        self.cert_field = PathField(self.tr("Client certificate"), self)
        self.key_field = PathField(self.tr("Client key"), self)
        self.verify_check = QCheckBox(self.tr("Verify the engine's certificate"), self)
        self.verify_check.setChecked(True)
        tls_form = QFormLayout(self.tls_group)
        tls_form.addRow(self.tr("CA certificate"), self.ca_field)
        tls_form.addRow(self.tr("Client certificate"), self.cert_field)
        tls_form.addRow(self.tr("Client key"), self.key_field)
        tls_form.addRow(self.verify_check)
        self.insecure_check = QCheckBox(
            self.tr("Allow plain tcp:// without TLS to a remote host (anyone on the network can control it)"),
            self,
        )
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name_edit)
        form.addRow(self.tr("Manager endpoints\n(one per line)"), self.managers_edit)

        self.context_combo = QComboBox(self)
        import_env = QPushButton(self.tr("From environment"), self)
        import_env.clicked.connect(self._import_environment)
        import_context = QPushButton(self.tr("Import context"), self)
        import_context.clicked.connect(self._import_context)
        imports = QHBoxLayout()
        imports.addWidget(import_env)
        self.demo_button = QPushButton(self.tr("Try a demo swarm"), self)
        self.demo_button.setToolTip(
            self.tr("Start a 4-node test swarm with TLS on this machine (Docker is installed if missing)")
        )
        self.demo_button.setVisible(demo.available())
        self.demo_button.clicked.connect(self._demo)
        imports.addWidget(self.demo_button)
        imports.addStretch(1)
        imports.addWidget(QLabel(self.tr("Docker context:"), self))
        imports.addWidget(self.context_combo)
        imports.addWidget(import_context)

        self.error_label = QLabel(self)
        self.error_label.setObjectName("formError")
        self.error_label.setStyleSheet("color: #c62828;")
        self.error_label.setWordWrap(True)
        self.results = QTreeWidget(self)
        self.results.setHeaderLabels([self.tr("Check"), self.tr("Result"), self.tr("What to do")])
        self.results.setRootIsDecorated(False)
        self.init_button = QPushButton(self.tr("Initialise a swarm here…"), self)
        self.init_button.hide()
        self.init_button.clicked.connect(self._init_swarm)

        self.test_button = QPushButton(self.tr("Test"), self)
        self.test_button.clicked.connect(self._test)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.clicked.connect(self._save)
        self.connect_button = QPushButton(self.tr("Connect"), self)
        self.connect_button.setDefault(True)
        self.connect_button.clicked.connect(self._connect)
        cancel = QPushButton(self.tr("Cancel"), self)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.init_button)
        buttons.addStretch(1)
        for button in (self.test_button, self.save_button, self.connect_button, cancel):
            buttons.addWidget(button)

        right = QVBoxLayout()
        right.addLayout(imports)
        right.addLayout(form)
        right.addWidget(self.tls_group)
        right.addWidget(self.insecure_check)
        right.addWidget(self.error_label)
        right.addWidget(self.results, 1)
        right.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addLayout(right, 3)

        self._reload()

    # -- profiles --------------------------------------------------------------------------------
    def _reload(self, select: str = "") -> None:
        self.context_combo.clear()
        self.context_combo.addItems(profiles.list_contexts())
        self.profile_list.clear()
        saved = self.store.load()
        for profile in saved:
            item = QListWidgetItem(profile.name)
            item.setData(Qt.ItemDataRole.UserRole, profile)
            self.profile_list.addItem(item)
        if not saved:
            environment = profiles.from_environment()
            self.fill(environment or Profile("local", (profiles.DEFAULT_LOCAL_ENDPOINT,)))
            return
        names = [p.name for p in saved]
        self.profile_list.setCurrentRow(names.index(select) if select in names else 0)

    def _profile_selected(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.fill(item.data(Qt.ItemDataRole.UserRole))

    def _new_profile(self) -> None:
        self.profile_list.clearSelection()
        self.fill(Profile("", ()))
        self.name_edit.setFocus()

    def _delete_profile(self) -> None:
        item = self.profile_list.currentItem()
        if item is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Delete profile"), self.tr("Delete the profile “%1”?").replace("%1", item.text())
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.store.remove(item.text())
            self._reload()

    def fill(self, profile: Profile) -> None:
        self.name_edit.setText(profile.name)
        self.managers_edit.setPlainText("\n".join(profile.managers))
        tls = profile.tls
        self.tls_group.setChecked(tls is not None)
        self.ca_field.setText(tls.ca if tls else "")
        self.cert_field.setText(tls.cert if tls else "")
        self.key_field.setText(tls.key if tls else "")
        self.verify_check.setChecked(tls.verify if tls else True)
        self.insecure_check.setChecked(profile.allow_insecure_tcp)
        self.results.clear()
        self.error_label.clear()
        self.init_button.hide()

    def profile(self) -> Profile:
        """The profile in the form, validated (raises ProfileInvalid with the reason)."""
        tls = None
        if self.tls_group.isChecked():
            tls = TLSConfig(
                self.ca_field.text(),
                self.cert_field.text(),
                self.key_field.text(),
                self.verify_check.isChecked(),
            )
        managers = tuple(
            line.strip() for line in self.managers_edit.toPlainText().splitlines() if line.strip()
        )
        profile = Profile(
            name=self.name_edit.text().strip(),
            managers=managers,
            tls=tls,
            allow_insecure_tcp=self.insecure_check.isChecked(),
        )
        existing = next((p for p in self.store.load() if p.name == profile.name), None)
        if existing is not None:
            profile = replace(profile, nodes=existing.nodes, alerts=existing.alerts)
        profiles.validate(profile)
        return profile

    def _valid_profile(self) -> Profile | None:
        try:
            profile = self.profile()
        except ProfileInvalid as error:
            self.error_label.setText(error_text(error))
            return None
        self.error_label.clear()
        return profile

    def _import_environment(self) -> None:
        profile = profiles.from_environment()
        if profile is None:
            self.error_label.setText(self.tr("DOCKER_HOST is not set in this environment."))
            return
        self.fill(profile)

    def _import_context(self) -> None:
        name = self.context_combo.currentText()
        if not name:
            self.error_label.setText(self.tr("No docker context found."))
            return
        try:
            self.fill(profiles.from_context(name))
        except ProfileInvalid as error:
            self.error_label.setText(error_text(error))

    def _save(self) -> bool:
        profile = self._valid_profile()
        if profile is None:
            return False
        self.store.put(profile)
        self._reload(select=profile.name)
        return True

    # -- testing and connecting ------------------------------------------------------------------
    def show_report(self, report: PreflightReport) -> None:
        names = {  # the checks' keys (engine/preflight.py), in the user's language
            "reachable": self.tr("reachable"),
            "api": self.tr("api"),
            "swarm": self.tr("swarm"),
            "manager": self.tr("manager"),
            "clock": self.tr("clock"),
            "ca-cert": self.tr("ca-cert"),
            "client-cert": self.tr("client-cert"),
            "server-cert": self.tr("server-cert"),
            "key-mode": self.tr("key-mode"),
        }
        self.results.clear()
        for check in report.checks:
            name = f"{STATUS_MARK[check.status]} {names.get(check.key, check.key)}"
            item = QTreeWidgetItem([name, check_text(check), check_hint(check)])
            item.setToolTip(1, check_text(check))
            self.results.addTopLevelItem(item)
        for column in range(3):
            self.results.resizeColumnToContents(column)
        self.init_button.setVisible(report.swarm_inactive)

    @operation_slot()
    async def _test(self) -> None:
        profile = self._valid_profile()
        if profile is None:
            return
        report = await self.operations.run(self, check_profile, profile, busy=[self.test_button])
        self.show_report(report)

    @operation_slot()
    async def _init_swarm(self) -> None:
        profile = self._valid_profile()
        if profile is None:
            return
        text = self.tr("Make the engine at %1 the first manager of a new swarm?").replace(
            "%1", profile.managers[0]
        )
        if not await confirm(self, self.tr("Initialise a swarm"), text, self.tr("Initialise")):
            return
        try:
            await self.operations.run(self, init_swarm, profile)
        except Exception as exc:  # docker-py errors: shown in words, not raised
            error = translate(exc, profile.managers[0])
            self.error_label.setText(f"{error_text(error)} {error_hint(error)}")
            return
        await self._test()

    @operation_slot()
    async def _demo(self) -> None:
        self.error_label.setText(self.tr("Starting the demo swarm; the first time takes a few minutes…"))
        try:
            profile = await self.operations.run(self, demo.bring_up, busy=[self.demo_button])
        except RuntimeError as exc:
            self.error_label.setText(self.tr("The demo swarm did not start: %1").replace("%1", str(exc)))
            return
        self.error_label.clear()
        self.fill(profile)

    def _connect(self) -> None:
        profile = self._valid_profile()
        if profile is None:
            return
        self.store.put(profile)
        self.chosen = profile
        self.accept()


def check_profile(profile: Profile) -> PreflightReport:
    """The pre-flight checks of the profile's first manager, then those over all the nodes: their
    clocks against each other and their security options (blocking)."""
    client, report = run_preflight(profile.managers[0], profile.tls)
    if client is None:
        return report
    try:
        if report.ok and not report.busy:
            extra = cluster_checks(client, profile, report.endpoint)
            report = replace(report, checks=(*report.checks, *extra))
    finally:
        client.close()
    return report


def init_swarm(profile: Profile) -> None:
    """Make the profile's first manager the first manager of a new swarm (blocking)."""
    client, _report = run_preflight(profile.managers[0], profile.tls)
    if client is None:
        return
    try:
        client.init_swarm()
    finally:
        client.close()
