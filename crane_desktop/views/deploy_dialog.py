"""Deploy an app: from a compose file (errors shown at their line) or from a form validated field by
field; the same form, filled with a service's spec, updates that service (mode fields and networks
locked), showing before Apply which changes restart the tasks. The compose check of an app that exists
says per service what deploying the file does.

Nothing is sent while the file or the form has a problem.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crane_desktop.engine import compose, stacks
from crane_desktop.engine.compose import ComposeError
from crane_desktop.engine.registries import AuthFor
from crane_desktop.engine.service_form import (
    LOCKED,
    Policy,
    ServiceForm,
    from_spec,
    new_objects,
    to_compose,
    to_plan,
    to_spec,
    updated_spec,
    validate,
)
from crane_desktop.engine.snapshots import Service
from crane_desktop.engine.spec_diff import Restart, diff_specs, restart_effect, with_network_names
from crane_desktop.views.compose_tab import ComposeTab, app_reviews, compose_error_text
from crane_desktop.views.dialogs import ERROR_STYLE, EngineDialog, confirm, show_error
from crane_desktop.views.network_picker import NetworkPicker
from crane_desktop.views.operations import operation_slot
from crane_desktop.views.spec_changes import changes_text, review_text

if TYPE_CHECKING:
    from crane_desktop.models.store import ClusterStore
    from crane_desktop.views.context import ClusterContext

translate = QCoreApplication.translate


class FormTab(QWidget):
    """The service form; `errors` labels sit under each field."""

    def __init__(self, store: ClusterStore, parent: QWidget) -> None:
        super().__init__(parent)
        self.store = store
        self.inputs: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        inner = QWidget(self)
        self.layout_ = form = QFormLayout(inner)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self._line("app", self.tr("App (optional)"), self.tr("empty: a service of its own"))
        self._line("name", self.tr("Service name"), "web")
        self._line("image", self.tr("Image"), "registry:5000/shop/web:1.4")
        self._line("command", self.tr("Command (entrypoint)"), self.tr("empty: the image's"))
        self._line("args", self.tr("Arguments"), "sleep 3600")
        modes = [("replicated", self.tr("replicated")), ("global", self.tr("global"))]
        modes += [("replicated-job", self.tr("replicated job")), ("global-job", self.tr("global job"))]
        self._combo("mode", self.tr("Mode"), modes)
        self._line("replicas", self.tr("Tasks"), self.tr("1 (a replicated job: the completions)"))
        self._line("max_concurrent", self.tr("Max concurrent (jobs)"), self.tr("empty: all at once"))
        self._combo(
            "endpoint_mode",
            self.tr("Endpoint mode"),
            [("vip", self.tr("virtual IP")), ("dnsrr", self.tr("DNS round robin"))],
        )
        self._lines("ports", self.tr("Port mapping"), "8080:80/tcp host")
        self.network_picker = NetworkPicker(store, inner)
        self.network_picker.setObjectName("networkPicker")
        self.network_picker.list.setMaximumHeight(110)
        self._add_row("networks", self.tr("Networks"), self.network_picker)
        self._lines("env", self.tr("Environment variables"), "KEY=value")
        self._lines("labels", self.tr("Labels"), "key=value")
        self._lines("mounts", self.tr("Mounts"), "data:/data\n/host/path:/path:ro")
        self._lines("secrets", self.tr("Secrets"), "source=db_password,target=/run/secrets/db,mode=0400")
        self.secret_pick = self._picker(
            "secrets", self.tr("Add a secret of the swarm…"), self._object_lines("secrets")
        )
        self._lines(
            "configs",
            self.tr("Configs"),
            "source=nginx_conf,target=/etc/nginx/nginx.conf\nsource=site,file=/path/site.tmpl,template_driver=golang",
        )
        for key in ("secrets", "configs"):
            self.inputs[key].setToolTip(
                self.tr(
                    "One a line: the name of one of the swarm's, or source=name,target=path,uid=0,gid=0,"
                    "mode=0440 (target: a path, or a file name under /run/secrets/ for a secret and / for "
                    "a config; mode in octal). A line with file=PATH makes a new one from that file of this "
                    "computer; add template_driver=golang for a template such as {{.Service.Name}}."
                )
            )
        self.config_pick = self._picker(
            "configs", self.tr("Add a config of the swarm…"), self._object_lines("configs")
        )
        self._line("cpu_limit", self.tr("CPU limit"), "0.5")
        self._line("memory_limit", self.tr("Memory limit"), "256M")
        self._line("cpu_reservation", self.tr("CPU reservation"), "0.25")
        self._line("memory_reservation", self.tr("Memory reservation"), "128M")
        self._lines("constraints", self.tr("Placement constraints"), "node.labels.zone == east")
        self.constraint_pick = self._picker(
            "constraints",
            self.tr("Add a constraint from the cluster's node labels…"),
            [(text, text) for text in self._node_constraints()],
        )
        self._combo(
            "restart_condition",
            translate("engine", "Restart condition"),
            [("any", self.tr("any")), ("on-failure", self.tr("on failure")), ("none", self.tr("none"))],
        )
        self._line("restart_delay", translate("engine", "Restart delay"), "5s")
        self._line(
            "restart_max_attempts", translate("engine", "Restart max attempts"), self.tr("0: no limit")
        )
        for prefix, title in (
            ("update", translate("engine", "Update policy")),
            ("rollback", translate("engine", "Rollback policy")),
        ):
            box = QGroupBox(title, inner)
            box_form = QFormLayout(box)
            self._line(f"{prefix}.parallelism", translate("engine", "Parallelism"), "1", box_form)
            self._line(f"{prefix}.delay", translate("engine", "Delay"), "10s", box_form)
            self._combo(
                f"{prefix}.failure_action",
                translate("engine", "Failure action"),
                [
                    ("pause", self.tr("pause")),
                    ("continue", self.tr("continue")),
                    ("rollback", self.tr("roll back")),
                ],
                box_form,
            )
            self._line(f"{prefix}.monitor", translate("engine", "Monitor"), "5s", box_form)
            self._line(f"{prefix}.max_failure_ratio", translate("engine", "Max failure ratio"), "0", box_form)
            self._combo(
                f"{prefix}.order",
                translate("engine", "Order"),
                [("stop-first", self.tr("stop first")), ("start-first", self.tr("start first"))],
                box_form,
            )
            form.addRow(box)
        self.preview = QPlainTextEdit(inner)
        self.preview.setObjectName("formComposePreview")
        self.preview.setReadOnly(True)
        self.preview.hide()
        show = QPushButton(self.tr("Show compose text"), inner)
        show.setObjectName("showComposeButton")
        show.clicked.connect(self.show_compose)
        form.addRow(show)
        form.addRow(self.preview)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.set_form(ServiceForm())

    # .. building ..
    def _add_row(self, key: str, label: str, widget: QWidget, form: QFormLayout | None = None) -> None:
        error = QLabel(widget.parentWidget())
        error.setObjectName(f"error_{key}")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        holder = QWidget(widget.parentWidget())
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        holder_layout.setSpacing(1)
        holder_layout.addWidget(widget)
        holder_layout.addWidget(error)
        (form or self.layout_).addRow(label, holder)
        self.inputs[key] = widget
        self.errors[key] = error

    def _line(self, key: str, label: str, placeholder: str, form: QFormLayout | None = None) -> None:
        edit = QLineEdit(self)
        edit.setObjectName(f"field_{key}")
        edit.setPlaceholderText(placeholder)
        self._add_row(key, label, edit, form)

    def _lines(self, key: str, label: str, placeholder: str) -> None:
        edit = QPlainTextEdit(self)
        edit.setObjectName(f"field_{key}")
        edit.setPlaceholderText(placeholder + "\n" + self.tr("(one per line)"))
        edit.setMaximumHeight(70)
        self._add_row(key, label, edit)

    def _combo(
        self, key: str, label: str, items: list[tuple[str, str]], form: QFormLayout | None = None
    ) -> None:
        combo = QComboBox(self)
        combo.setObjectName(f"field_{key}")
        for value, text in items:
            combo.addItem(text, value)
        self._add_row(key, label, combo, form)

    def _node_constraints(self) -> list[str]:
        found: set[str] = set()
        for node in self.store.get("nodes").values():
            for key, value in node.labels:
                if not key.startswith("crane.reserved."):
                    found.add(f"node.labels.{key} == {value}")
            found.add(f"node.hostname == {node.hostname}")
        return ["node.role == manager", "node.role == worker", *sorted(found)]

    def _picker(self, key: str, prompt: str, items: list[tuple[str, str]]) -> QComboBox:
        """A list under the `key` field whose choice (shown text, line) is added to it as a line."""
        edit = self.inputs[key]
        assert isinstance(edit, QPlainTextEdit)
        pick = QComboBox(edit.parentWidget())
        pick.setObjectName(f"{key}Pick")
        pick.addItem(prompt, "")
        for text, line in items:
            pick.addItem(text, line)

        def add(index: int) -> None:
            line = pick.itemData(index)
            if line:
                current = edit.toPlainText().rstrip()
                edit.setPlainText(f"{current}\n{line}" if current else line)
            pick.setCurrentIndex(0)

        pick.activated.connect(add)
        self.layout_.addRow("", pick)
        return pick

    def _object_lines(self, kind: str) -> list[tuple[str, str]]:
        """The swarm's secrets or configs (a templated one says so), each as a line at docker's
        default target: the file's name under /run/secrets/ (a secret) or / (a config)."""
        found = []
        for item in sorted(self.store.get(kind).values(), key=lambda item: item.name):
            text = item.name
            if item.templating:
                text = self.tr("%1 (%2 template)").replace("%1", item.name).replace("%2", item.templating)
            target = item.name if kind == "secrets" else f"/{item.name}"
            found.append((text, f"source={item.name},target={target}"))
        return found

    def objects(self) -> dict[str, set[str]]:
        """The names of the swarm's secrets and configs, which the form's lines must name."""
        return {
            kind: {item.name for item in self.store.get(kind).values()} for kind in ("secrets", "configs")
        }

    # .. values ..
    def _get(self, key: str) -> Any:
        widget = self.inputs[key]
        if key == "networks":
            return self.network_picker.selected_network_names()
        if isinstance(widget, QLineEdit):
            return widget.text().strip()
        if isinstance(widget, QPlainTextEdit):
            return [line.strip() for line in widget.toPlainText().splitlines() if line.strip()]
        if isinstance(widget, QComboBox):
            return widget.currentData()
        return None

    def _set(self, key: str, value: Any) -> None:
        widget = self.inputs[key]
        if isinstance(widget, QLineEdit):
            widget.setText(str(value))
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText("\n".join(value))
        elif isinstance(widget, QComboBox):
            widget.setCurrentIndex(max(0, widget.findData(value)))
        elif key == "networks":
            self.network_picker.set_selected_names(value)

    def form(self) -> ServiceForm:
        plain = {key: self._get(key) for key in self.inputs if "." not in key}
        return ServiceForm(**plain, update=self._policy("update"), rollback=self._policy("rollback"))

    def _policy(self, prefix: str) -> Policy:
        return Policy(
            **{key.split(".", 1)[1]: self._get(key) for key in self.inputs if key.startswith(prefix + ".")}
        )

    def set_form(self, form: ServiceForm) -> None:
        for key in self.inputs:
            if "." in key:
                prefix, name = key.split(".", 1)
                self._set(key, getattr(getattr(form, prefix), name))
            else:
                self._set(key, getattr(form, key))

    def lock(self, reasons: dict[str, str]) -> None:
        """Disable the fields an update cannot change, each saying why (`reasons`: field -> words)."""
        for key in LOCKED:
            why = reasons[key]
            self.inputs[key].setEnabled(False)
            self.inputs[key].setToolTip(why)
            self.errors[key].setText(why)
            self.errors[key].setStyleSheet("color: palette(mid);")
            self.errors[key].show()

    def show_problems(self, problems: dict[str, tuple[str, dict[str, Any]]]) -> None:
        for key, label in self.errors.items():
            if key in LOCKED and not self.inputs[key].isEnabled():
                continue
            problem = problems.get(key)
            if problem is None:
                label.hide()
                label.setText("")
                continue
            template, params = problem
            try:
                text = translate("engine", template).format(**params)
            except (KeyError, IndexError, ValueError):
                text = template
            label.setText(text)
            label.setStyleSheet(ERROR_STYLE)
            label.show()

    def show_compose(self) -> None:
        form = self.form()
        problems = validate(form, self.objects())
        self.show_problems(problems)
        if problems:
            return
        self.preview.setPlainText(to_compose(form))
        self.preview.show()


def _add_to_app(client: Any, plan: compose.StackPlan, auth: AuthFor | None) -> stacks.DeployResult:
    """A form adds (or updates) one service of an app: the app's other services stay."""
    return stacks.deploy(client, plan, prune=False, auth=auth)


class DeployDialog(EngineDialog):
    """New app (compose or form); with `service`, the update form of that service; with `app`, the
    update of that app: a compose file deployed again under its name."""

    def __init__(
        self,
        context: ClusterContext,
        parent: QWidget,
        *,
        service: Service | None = None,
        app: str | None = None,
    ) -> None:
        super().__init__(parent, context.operations)
        self.setObjectName("deployDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.context = context
        self.service = service
        if service is not None:
            self.setWindowTitle(self.tr("Update %1").replace("%1", service.name))
        elif app is not None:
            self.setWindowTitle(self.tr("Update the app %1").replace("%1", app))
        else:
            self.setWindowTitle(self.tr("Deploy an app"))
        self.resize(760, 720)
        self.app_edit = QLineEdit(self)
        self.app_edit.setObjectName("appNameEdit")
        self.app_edit.setPlaceholderText(self.tr("shop"))
        self.compose_tab = ComposeTab(context, self)
        self.form_tab = FormTab(context.store, self)
        # docker stack deploy removes nothing unless --prune is given: the same here, and it asks first
        self.prune_box = QCheckBox(
            self.tr("Remove the app's services the file no longer lists (--prune)"), self
        )
        self.prune_box.setObjectName("pruneBox")
        self.prune_box.toggled.connect(self.compose_tab.forget_review)  # (what it shows no longer holds)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("deployTabs")
        self.status = QLabel(self)
        self.status.setObjectName("deployStatus")
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.deploy_button = self.buttons.addButton(
            self.tr("Update") if service or app else self.tr("Deploy"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.deploy_button.setObjectName("dialogDeployButton")
        self.buttons.rejected.connect(self.reject)
        self.deploy_button.clicked.connect(self.deploy)
        self.compose_tab.refused.connect(self._compose_refused)
        self.app_edit.textChanged.connect(self.compose_tab.input_changed)
        self.tabs.currentChanged.connect(self._compose_refused)
        layout = QVBoxLayout(self)
        if service is None:
            name_row = QWidget(self)
            name_form = QFormLayout(name_row)
            name_form.setContentsMargins(0, 0, 0, 0)
            name_form.addRow(self.tr("App name:"), self.app_edit)
            if app is not None:
                self.app_edit.setText(app)
                self.app_edit.setReadOnly(True)
                hint = QLabel(
                    self.tr(
                        "Deploying a compose file under this name updates the app: the services it lists "
                        "are updated or created; the app's services it no longer lists stay unless you "
                        "choose to remove them."
                    ),
                    name_row,
                )
                hint.setObjectName("appUpdateHint")
                hint.setWordWrap(True)
                name_form.addRow(hint)
            name_form.addRow(self.prune_box)
            layout.addWidget(name_row)
            self.tabs.currentChanged.connect(
                lambda _i: name_row.setVisible(self.tabs.currentWidget() is self.compose_tab)
            )
            self.tabs.addTab(self.compose_tab, self.tr("Compose file"))
        else:
            self.compose_tab.hide()
            self.app_edit.hide()  # (the app is the service's: shown, locked, in the form)
            self.prune_box.hide()  # (a service's update removes nothing)
        if app is None:
            self.tabs.addTab(self.form_tab, self.tr("Form"))
        else:
            self.form_tab.hide()
        layout.addWidget(self.tabs, 1)
        self.changes_view = QPlainTextEdit(self)
        self.changes_view.setObjectName("updateChanges")
        self.changes_view.setReadOnly(True)
        self.changes_view.setMaximumHeight(120)
        self.changes_view.setVisible(service is not None)
        layout.addWidget(self.changes_view)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.before: ServiceForm | None = None
        if service is not None:
            names = {key: n.name for key, n in context.store.get("networks").items()}
            self.before = from_spec(dict(service.raw.get("Spec") or {}), names)
            self.form_tab.set_form(self.before)
            modes = self.tr(
                "Cannot change: the engine keeps a service's mode and endpoint mode (and its name) "
                "for its whole life; deploy a new service instead."
            )
            networks = self.tr(
                "The network mode cannot be changed on update: remove the service and deploy it again "
                "to use other networks."
            )
            self.form_tab.lock({key: networks if key == "networks" else modes for key in LOCKED})
            self._changes_timer = QTimer(self)
            self._changes_timer.setSingleShot(True)
            self._changes_timer.setInterval(150)
            self._changes_timer.timeout.connect(self.show_changes)
            for widget in self.form_tab.inputs.values():
                if isinstance(widget, QLineEdit | QPlainTextEdit):
                    widget.textChanged.connect(self._changes_timer.start)
                elif isinstance(widget, QComboBox):
                    widget.currentIndexChanged.connect(self._changes_timer.start)
            context.store.changed.connect(self._on_store_changed)  # compared with the spec as it is now
            self.show_changes()

    def _compose_refused(self, _changed: object = None) -> None:
        """Deploy is disabled while the compose tab shows a refusal (until its input changes)."""
        shown = self.tabs.currentWidget() is self.compose_tab
        self.deploy_button.setEnabled(not (shown and self.compose_tab.is_refused))

    def _on_store_changed(self, kind: str, _change: object) -> None:
        if kind == "services":
            self._changes_timer.start()

    def _current_spec(self) -> dict[str, Any]:
        """The service's spec as the store last saw it (the update reads it again from the engine)."""
        assert self.service is not None
        service = self.context.store.get("services").get(self.service.id, self.service)
        return dict(service.raw.get("Spec") or {})

    def show_changes(self) -> None:
        """The update's changes against the running spec, each marked with whether it restarts the
        tasks; nothing while a field is wrong (Update shows where)."""
        assert self.before is not None
        form = replace(self.form_tab.form(), **{key: getattr(self.before, key) for key in LOCKED})
        text = self.tr("Correct the fields marked in red to see what the update changes.")
        if not validate(form, self.form_tab.objects()):
            current = self._current_spec()
            try:
                names = {key: n.name for key, n in self.context.store.get("networks").items()}
                changes = diff_specs(current, updated_spec(current, self.before, form))
                text = changes_text(with_network_names(changes, names))
            except ComposeError as error:
                text = compose_error_text(error)
        self.changes_view.setPlainText(text)

    async def _confirm_app_update(self, app: str, plan: compose.StackPlan, prune: bool) -> bool:
        """An app that exists: ask first, with what deploying the file does to each of its services
        (created, updated with each change and whether it restarts the tasks, unchanged, and with
        --prune removed), compared with the specs as they run."""
        reviews = app_reviews(self.context.store, plan, prune)
        if reviews is None:
            return True
        gone = [review.name for review in reviews if review.outcome == "removed"]
        restarting = [
            r for r in reviews if r.outcome == "updated" and restart_effect(r.changes) is not Restart.NONE
        ]
        lines = [self.tr("Update the app %1 as the file says?").replace("%1", app)]
        if all(review.outcome == "unchanged" for review in reviews):
            lines.append(self.tr("Nothing changes: every service already runs as the file says."))
        if restarting:
            lines.append(self.tr("%n service(s) will restart their tasks.", "", len(restarting)))
        if gone:
            lines.append(
                self.tr(
                    "The file no longer lists %n service(s) of the app %1; they will be removed.",
                    "",
                    len(gone),
                ).replace("%1", app)
            )
        return await confirm(
            self,
            self.tr("Update the app"),
            "\n".join(lines),
            self.tr("Deploy and remove") if gone else self.tr("Update"),
            details=review_text(app, reviews),
        )

    @operation_slot()
    async def deploy(self) -> None:
        auth = self.context.registry_auth()  # the login of each image's registry goes with it
        if self.tabs.currentWidget() is self.compose_tab:
            app = self.app_edit.text().strip()
            checked = self.compose_tab.checked(app)
            if checked is None:
                return
            prune = self.prune_box.isChecked()
            if not await self._confirm_app_update(app, checked.plan, prune):
                return
            work: tuple[Callable[..., object], *tuple[Any, ...]] = (
                functools.partial(stacks.deploy, places=checked.places, prune=prune, auth=auth),
                checked.plan,
            )
            done = self.tr("The app %1 was deployed.").replace("%1", app)
        else:
            form = self.form_tab.form()
            if self.before is not None:
                form = replace(form, **{key: getattr(self.before, key) for key in LOCKED})
            problems = validate(form, self.form_tab.objects())
            self.form_tab.show_problems(problems)
            if problems:
                self.status.setStyleSheet(ERROR_STYLE)
                self.status.setText(self.tr("Correct the fields marked in red."))
                return
            try:
                if self.service is not None:
                    before = self.before
                    assert before is not None

                    def change(
                        spec: dict[str, Any], before: ServiceForm = before, after: ServiceForm = form
                    ) -> None:
                        new = updated_spec(spec, before, after)
                        spec.clear()
                        spec.update(new)

                    work = (
                        functools.partial(stacks.update_with_references, auth=auth),
                        self.service.id,
                        change,
                        new_objects(form),
                    )
                    done = self.tr("The service %1 is being updated.").replace("%1", self.service.name)
                elif form.app:
                    work = (_add_to_app, to_plan(form), auth)
                    done = self.tr("The app %1 was deployed.").replace("%1", form.app)
                else:
                    work = (stacks.create_service_with_objects, to_spec(form), new_objects(form), auth)
                    done = self.tr("The service %1 was created.").replace("%1", form.name)
            except ComposeError as error:
                self.status.setStyleSheet(ERROR_STYLE)
                self.status.setText(compose_error_text(error))
                return
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Sending to the swarm…"))
        try:
            await self.context.operations.on_manager(self, *work, busy=[self.deploy_button])
        except ComposeError as error:  # an external network, secret or config is missing
            self.status.setText("")
            self.compose_tab.show_error(error)
            return
        except Exception as error:
            self.status.setText("")
            show_error(self, self.tr("Cannot deploy"), error)
            return
        self.context.say(done)
        self.accept()
