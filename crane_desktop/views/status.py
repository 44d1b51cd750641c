"""The connection banner and the status bar line: where we are connected, and how."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QWidget

from crane_desktop.engine.cluster import ConnectionState
from crane_desktop.messages import error_hint, error_text, sentences

translate = QCoreApplication.translate


def phase_text(state: ConnectionState) -> str:
    texts = {
        "connecting": translate("ConnectionStatus", "connecting"),
        "connected": translate("ConnectionStatus", "connected"),
        "no-leader": translate("ConnectionStatus", "electing a leader"),
        "reconnecting": translate("ConnectionStatus", "reconnecting"),
        "disconnected": translate("ConnectionStatus", "disconnected"),
    }
    return texts.get(state.phase, state.phase)


def banner_text(state: ConnectionState) -> str:
    """The banner's sentence for a state that is not plainly connected (empty when connected)."""
    reason = error_text(state.error) if state.error else ""
    if state.phase == "connected":
        return ""
    if state.phase == "connecting":
        return translate("ConnectionStatus", "Connecting to {profile}…").format(profile=state.profile)
    if state.phase == "no-leader":
        return translate(
            "ConnectionStatus", "The swarm is electing a leader; the tables show the last known state."
        )
    if state.phase == "reconnecting":
        text = translate(
            "ConnectionStatus",
            "Connection lost; reconnecting (attempt {attempt}). The tables show the last known state.",
        ).format(attempt=state.attempt)
        return sentences(text, reason)
    text = translate("ConnectionStatus", "Disconnected.")
    hint = error_hint(state.error) if state.error else ""
    return sentences(text, reason, hint)


class Banner(QFrame):
    """A strip above the pages, shown while the connection is not healthy."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectionBanner")
        self.setStyleSheet(
            "#connectionBanner { background: #fff3cd; border: 1px solid #e0c36c; color: #5c4400; }"
        )
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label)
        self.hide()

    def show_state(self, state: ConnectionState) -> None:
        text = banner_text(state)
        self.label.setText(text)
        self.setVisible(bool(text))


class StatusLine(QWidget):
    """Profile - manager (leader) - API version - state, as permanent status bar widgets."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.profile = QLabel(self)
        self.profile.setStyleSheet("font-weight: bold;")
        self.manager = QLabel(self)
        self.leader = QLabel(self)
        self.api = QLabel(self)
        self.phase = QLabel(self)
        self.rtt = QLabel(self)
        self.rtt.setToolTip(self.tr("Round-trip time to the manager in use, measured every few seconds"))
        self.busy = QProgressBar(self)  # indeterminate while engine calls of this window run
        self.busy.setObjectName("busyIndicator")
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(80)
        self.busy.setMaximumHeight(12)
        self.busy.setTextVisible(False)
        self.busy.setToolTip(self.tr("Waiting for the engine…"))
        self.busy.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        for label in (self.profile, self.manager, self.leader, self.api, self.phase, self.rtt):
            layout.addWidget(label)
            layout.addSpacing(16)
        layout.addStretch(1)
        layout.addWidget(self.busy)
        self.show_state(ConnectionState("disconnected", ""))

    def show_state(self, state: ConnectionState) -> None:
        self.profile.setText(state.profile or self.tr("no profile"))
        self.manager.setText(self.tr("manager %1").replace("%1", state.manager) if state.manager else "")
        self.api.setText(self.tr("API %1").replace("%1", state.api_version) if state.api_version else "")
        self.phase.setText(phase_text(state))
        self.phase.setStyleSheet("" if state.phase == "connected" else "color: #b26a00; font-weight: bold;")
        if state.phase != "connected":  # the last figure says nothing about the link now
            self.rtt.clear()

    def show_rtt(self, seconds: float) -> None:
        self.rtt.setText(self.tr("RTT %1 ms").replace("%1", f"{max(1, round(seconds * 1000)):,}"))

    def show_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)

    def show_leader(self, hostname: str) -> None:
        self.leader.setText(
            self.tr("leader %1").replace("%1", hostname) if hostname else self.tr("no leader")
        )
