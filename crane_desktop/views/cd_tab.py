"""The service detail's "Continuous deployment" tab: the exact `crane-desktop deploy` command for this
service, with the profile's TLS flags, ready to paste into a CI pipeline, and how to give the CI runner
the client certificate. Paths only: no key material is ever shown.
"""

from __future__ import annotations

import shlex
from typing import TYPE_CHECKING

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crane_desktop.engine.diff import Diff
from crane_desktop.engine.profiles import Profile
from crane_desktop.engine.snapshots import Service
from crane_desktop.views.text_export import ask_save, copy_text, save_text

if TYPE_CHECKING:
    from crane_desktop.views.context import ClusterContext

TAG_VARIABLE = "${TAG}"


def image_template(image: str) -> str:
    """The service's image with its tag (and digest) replaced by the pipeline's `${TAG}`."""
    bare = image.split("@", 1)[0]
    slash = bare.rfind("/")
    colon = bare.rfind(":")
    repository = bare[:colon] if colon > slash else bare
    return f"{repository}:{TAG_VARIABLE}"


def deploy_command(service: Service, profile: Profile, endpoint: str = "") -> str:
    """`crane-desktop deploy ...` for the service, with the docker CLI's connection flags."""
    name = service.name
    args = ["crane-desktop", "deploy"]
    if service.stack and name.startswith(f"{service.stack}_"):
        args += [shlex.quote(name[len(service.stack) + 1 :]), "--stack", shlex.quote(service.stack)]
    else:
        args.append(shlex.quote(name))
    args += ["--image", f'"{image_template(service.image)}"']
    args += ["-H", shlex.quote(endpoint or profile.managers[0])]
    tls = profile.tls
    if tls is not None:
        args.append("--tlsverify" if tls.verify else "--tls")
        for flag, path in (("--tlscacert", tls.ca), ("--tlscert", tls.cert), ("--tlskey", tls.key)):
            if path:
                args += [flag, shlex.quote(path)]
    args += ["--timeout", "300"]
    return " ".join(args)


class ContinuousDeploymentTab(QWidget):
    def __init__(self, context: ClusterContext, service_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cdTab")
        self.context = context
        self.store = context.store
        self.service_id = service_id
        self.save_dialog: QFileDialog | None = None
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        intro = QLabel(
            self.tr(
                "Put this command in a CI pipeline after the image is pushed: it updates only the image of "
                "the service, follows the rolling update, and exits with 0 when it completes, or non-zero "
                "with the reason when it fails, pauses or rolls back. Set TAG to the new image tag."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.command = QPlainTextEdit(self)
        self.command.setObjectName("commandText")
        self.command.setReadOnly(True)
        self.command.setFont(mono)
        self.command.setFixedHeight(90)
        self.copy_button = QPushButton(self.tr("Copy"), self)
        self.copy_button.setObjectName("copyButton")
        self.save_button = QPushButton(self.tr("Save as script…"), self)
        self.save_button.setObjectName("saveButton")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.save_button)

        certificates = QLabel(self.tr("Giving the CI runner the client certificate"), self)
        certificates.setStyleSheet("font-weight: bold")
        self.howto = QLabel(self)
        self.howto.setObjectName("certificateHowto")
        self.howto.setWordWrap(True)
        self.env_text = QPlainTextEdit(self)
        self.env_text.setObjectName("envText")
        self.env_text.setReadOnly(True)
        self.env_text.setFont(mono)
        self.env_text.setFixedHeight(100)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.command)
        layout.addLayout(buttons)
        layout.addWidget(certificates)
        layout.addWidget(self.howto)
        layout.addWidget(self.env_text)
        layout.addStretch(1)

        self.copy_button.clicked.connect(self.copy)
        self.save_button.clicked.connect(self.ask_save)
        self.store.changed.connect(self._on_store_changed)
        self._refresh()

    def _on_store_changed(self, kind: str, _change: Diff) -> None:
        if kind == "services":
            self._refresh()

    def _refresh(self) -> None:
        cluster = self.context.cluster
        service = self.store.get("services").get(self.service_id)
        if cluster is None or service is None:
            return
        profile = cluster.profile
        endpoint = cluster.endpoint
        text = deploy_command(service, profile, endpoint)
        if text != self.command.toPlainText():
            self.command.setPlainText(text)
        self.howto.setText(
            self.tr(
                "The runner needs the CA certificate, the client certificate and its key (the files of this "
                "profile, shown above by path). Store them as protected secret files of the CI system (for "
                "example GitLab's File variables, GitHub's encrypted secrets written to files), never in the "
                "repository, and pass their paths with the flags above. Or, as for the docker CLI, put them "
                "in one directory as ca.pem, cert.pem and key.pem and set the variables below; the command "
                "then needs no connection flags. Prefer a client certificate made for CI only, so it can be "
                "revoked on its own."
            )
        )
        name = service.name
        stack = ""
        if service.stack and name.startswith(f"{service.stack}_"):
            name, stack = name[len(service.stack) + 1 :], f" --stack {shlex.quote(service.stack)}"
        self.env_text.setPlainText(
            "\n".join(
                (
                    f"export DOCKER_HOST={shlex.quote(endpoint or profile.managers[0])}",
                    "export DOCKER_TLS_VERIFY=1",
                    'export DOCKER_CERT_PATH="$CI_PROJECT_DIR/.certs"   # ca.pem, cert.pem, key.pem',
                    f"crane-desktop deploy {shlex.quote(name)}{stack}"
                    f' --image "{image_template(service.image)}"',
                )
            )
        )

    def command_text(self) -> str:
        return self.command.toPlainText()

    def copy(self) -> None:
        copy_text(self.context, self.command_text(), self.tr("Command copied."))

    def ask_save(self) -> None:
        service = self.store.get("services").get(self.service_id)
        name = f"deploy-{service.name if service else 'service'}.sh"
        self.save_dialog = ask_save(self, self.tr("Save the deploy script"), name, self.save_to)

    def save_to(self, path: str) -> None:
        script = (
            "#!/bin/sh\n# Deploy a new image tag: TAG=1.2.3 sh this-script\nset -e\n"
            + self.command_text()
            + "\n"
        )
        save_text(self.context, path, script)
