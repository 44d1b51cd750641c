"""The Qt side of an open profile: runs the engine's Cluster and Watcher off the GUI thread and
re-emits what they report as signals, which Qt queues onto the GUI thread."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from crane_desktop.engine import events
from crane_desktop.engine.cluster import Cluster, ConnectionState
from crane_desktop.engine.diff import Diff
from crane_desktop.engine.node_events import NodeEventStreams
from crane_desktop.engine.preflight import PreflightReport, certificate_expiries
from crane_desktop.engine.profiles import Profile
from crane_desktop.engine.watcher import Watcher

log = logging.getLogger("crane.session")
T = TypeVar("T")


class ClusterSession(QObject):
    """One connected cluster: its state and the live diffs of its resources."""

    stateChanged = Signal(object)  # ConnectionState
    diffArrived = Signal(str, object)  # kind, Diff
    eventArrived = Signal(object)  # EngineEvent (engine/events.py)
    rttMeasured = Signal(float)  # seconds: the round-trip time to the manager in use, every few seconds

    def __init__(self, profile: Profile, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.profile = profile
        self.cluster = Cluster(profile, on_state=self.stateChanged.emit)
        self.watcher: Watcher | None = None
        self.certificate_expiries: dict[str, datetime] = {}
        # the containers' events, from each node's own engine (the manager's stream has none); their
        # threads hold the cluster, not the session; a hung engine is given up after the cluster's
        # timeout to open, and asked again later
        cluster = self.cluster
        self.node_events = NodeEventStreams(
            lambda node: cluster.node_stream_client(node, timeout=cluster.timeout),
            cluster.reaches,
            self.eventArrived.emit,
        )

    @property
    def state(self) -> ConnectionState:
        return self.cluster.state

    async def open(self) -> PreflightReport:
        """Connect (pre-flight checks included) and start following the cluster."""
        # blocking (pre-flight checks of each manager in turn): off the GUI thread
        loop = asyncio.get_running_loop()
        report = await loop.run_in_executor(None, self.cluster.connect)
        self.watcher = Watcher(self.cluster, self._sink, on_event=self._event, on_rtt=self.rttMeasured.emit)
        self.node_events.on_task_change = self.watcher.expect_task_change
        self.watcher.start()
        # when the profile's certificates expire, for the certificate alert rule (files: off the GUI thread)
        self.certificate_expiries = await loop.run_in_executor(None, certificate_expiries, self.profile.tls)
        return report

    def _sink(self, kind: str, change: Diff) -> None:
        if kind == "nodes":  # on the watcher's thread: the node streams start without the GUI thread
            self.node_events.follow(change)
        self.diffArrived.emit(kind, change)

    def _event(self, raw: dict[str, Any]) -> None:
        self.eventArrived.emit(events.from_api(raw))

    def close(self) -> None:
        """Stop the watcher and close the clients; returns at once (the threads end on their own)."""
        watcher, self.watcher = self.watcher, None
        if watcher is not None:
            watcher.stop()
        self.node_events.stop()
        self.cluster.close()
