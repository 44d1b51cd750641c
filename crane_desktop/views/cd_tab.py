"""The service detail's "Continuous deployment" tab: the exact `crane-desktop deploy` command for this
service, with the profile's TLS flags, ready to paste into a CI pipeline, what the pipeline needs first
(the nodes reach the image's registry, the runner reaches a manager), the docker CLI's equivalent for
runners that have only docker, and how to give the CI runner the client certificate. Paths only: no key
material is ever shown.
"""

from __future__ import annotations

import shlex
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
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


def connection_flags(profile: Profile, endpoint: str = "") -> list[str]:
    """The docker CLI's flags for the manager in use and the profile's TLS files (paths only)."""
    args = ["-H", shlex.quote(endpoint or profile.managers[0])]
    tls = profile.tls
    if tls is not None:
        args.append("--tlsverify" if tls.verify else "--tls")
        for flag, path in (("--tlscacert", tls.ca), ("--tlscert", tls.cert), ("--tlskey", tls.key)):
            if path:
                args += [flag, shlex.quote(path)]
    return args


def deploy_command(service: Service, profile: Profile, endpoint: str = "") -> str:
    """`crane-desktop deploy ...` for the service, with the docker CLI's connection flags."""
    name = service.name
    args = ["crane-desktop", "deploy"]
    if service.stack and name.startswith(f"{service.stack}_"):
        args += [shlex.quote(name[len(service.stack) + 1 :]), "--stack", shlex.quote(service.stack)]
    else:
        args.append(shlex.quote(name))
    args += ["--image", f'"{image_template(service.image)}"']
    args += connection_flags(profile, endpoint)
    args += ["--timeout", "300"]
    return " ".join(args)


def docker_update_command(service: Service, profile: Profile, endpoint: str = "") -> str:
    """The docker CLI's equivalent, for runners that have only docker: update the image, pass the
    registry login on to the nodes, and wait for the rolling update (`--detach=false`)."""
    args = ["docker", *connection_flags(profile, endpoint), "service", "update"]
    args += ["--image", f'"{image_template(service.image)}"', "--with-registry-auth", "--detach=false"]
    args.append(shlex.quote(service.name))
    return " ".join(args)


def _text_box(parent: QWidget, name: str, font: QFont, height: int) -> QPlainTextEdit:
    """A read-only box of text to copy (a command, a script), in the fixed-width font."""
    box = QPlainTextEdit(parent)
    box.setObjectName(name)
    box.setReadOnly(True)
    box.setFont(font)
    box.setFixedHeight(height)
    return box


def _right_aligned(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addStretch(1)
    for button in buttons:
        row.addWidget(button)
    return row


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
        self.prerequisites = QLabel(self)
        self.prerequisites.setObjectName("cdPrerequisites")
        self.prerequisites.setWordWrap(True)
        self.prerequisites.setTextFormat(Qt.TextFormat.PlainText)
        self.command = _text_box(self, "commandText", mono, 90)
        self.copy_button = QPushButton(self.tr("Copy"), self)
        self.copy_button.setObjectName("copyButton")
        self.save_button = QPushButton(self.tr("Save as script…"), self)
        self.save_button.setObjectName("saveButton")

        docker_title = QLabel(self.tr("With only the docker CLI on the runner"), self)
        docker_title.setStyleSheet("font-weight: bold")
        docker_intro = QLabel(
            self.tr(
                "The same image update with docker itself: it passes the registry login on to the nodes "
                "and waits until the rolling update is over."
            ),
            self,
        )
        docker_intro.setWordWrap(True)
        self.docker_command = _text_box(self, "dockerCommandText", mono, 70)
        self.docker_copy_button = QPushButton(self.tr("Copy"), self)
        self.docker_copy_button.setObjectName("dockerCopyButton")

        certificates = QLabel(self.tr("Giving the CI runner the client certificate"), self)
        certificates.setStyleSheet("font-weight: bold")
        self.howto = QLabel(self)
        self.howto.setObjectName("certificateHowto")
        self.howto.setWordWrap(True)
        self.env_text = _text_box(self, "envText", mono, 100)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.prerequisites)
        layout.addWidget(self.command)
        layout.addLayout(_right_aligned(self.copy_button, self.save_button))
        layout.addWidget(docker_title)
        layout.addWidget(docker_intro)
        layout.addWidget(self.docker_command)
        layout.addLayout(_right_aligned(self.docker_copy_button))
        layout.addWidget(certificates)
        layout.addWidget(self.howto)
        layout.addWidget(self.env_text)
        layout.addStretch(1)

        self.copy_button.clicked.connect(self.copy)
        self.docker_copy_button.clicked.connect(self.copy_docker)
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
        docker_text = docker_update_command(service, profile, endpoint)
        if docker_text != self.docker_command.toPlainText():
            self.docker_command.setPlainText(docker_text)
        self.prerequisites.setText(
            self.tr(
                "Before it can work: (1) every node that runs the service can pull %1, so the registry's "
                "address must be reachable from the nodes, not only from the runner; (2) the CI runner "
                "reaches a manager's engine at %2 with the client certificate."
            )
            .replace("%1", image_template(service.image))
            .replace("%2", endpoint or profile.managers[0])
        )
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

    def copy_docker(self) -> None:
        copy_text(self.context, self.docker_command.toPlainText(), self.tr("Command copied."))

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
