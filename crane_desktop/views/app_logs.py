"""The app detail's Logs tab: the lines of all the app's services in one view, each tagged
`service.slot@host` (the service detail's tags), following services as they join or leave the app.
The services' past lines are merged by time before they are shown (`log_order.BackfillMerge`), as
each service's own are."""

from __future__ import annotations

import contextlib
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QVBoxLayout, QWidget

from crane_desktop import bridge
from crane_desktop.engine.diff import Diff
from crane_desktop.engine.log_order import BackfillMerge
from crane_desktop.engine.logs import DEFAULT_CAPACITY, LogStream
from crane_desktop.views.log_view import LogView, TaskTags, service_log_source

if TYPE_CHECKING:
    from crane_desktop.views.context import ClusterContext


class AppLogs(QWidget):
    """One service log stream per service of the app, all into one view's inbox (the streams hold the
    inbox and a relay, never this widget)."""

    def __init__(
        self,
        context: ClusterContext,
        app: str,
        capacity: int = DEFAULT_CAPACITY,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("appLogs")
        self.context = context
        self.store = context.store
        self.app = app
        self.view = LogView(self, capacity=capacity, show_source=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.streams: dict[str, tuple[LogStream, TaskTags]] = {}  # service id -> its stream and tags
        self.merge = BackfillMerge(self.view.inbox.put)  # held by the streams, never this widget
        self._started = False

    def showEvent(self, event) -> None:
        """Follow from the first time the tab is on screen (streams only for what is shown)."""
        super().showEvent(event)
        if not self._started and self.context.cluster is not None:
            self._started = True
            self.store.changed.connect(self._on_store_changed)
            self._sync()

    def service_ids(self) -> set[str]:
        return {key for key, service in self.store.get("services").items() if service.stack == self.app}

    def _sync(self) -> None:
        """A stream for each service of the app; those of services that left it stop."""
        members = self.service_ids()
        merge = self.merge
        for service_id in set(self.streams) - members:
            self.streams.pop(service_id)[0].stop()
            merge.give_up(service_id)
        opener = self.context.stream_client()
        joining = members - set(self.streams)
        for service_id in joining:  # all expected before any starts: the first backfill waits for the rest
            merge.expect(service_id)
        for service_id in joining:
            source = service_log_source(self.context, service_id)
            if opener is None or source is None:
                merge.give_up(service_id)
                continue
            request, tags = source
            ended = bridge.relay(self._stream_ended)

            def on_end(error: Exception | None, ended=ended, service_id=service_id) -> None:
                merge.give_up(service_id)
                ended(service_id, error)

            stream = LogStream(
                opener,
                request,
                partial(merge.live, service_id),
                on_end,
                tags.tag,
                on_backfill=partial(merge.backfill, service_id),
            )
            self.streams[service_id] = (stream.start(), tags)

    def _on_store_changed(self, kind: str, change: Diff) -> None:
        for service_id, (_stream, tags) in self.streams.items():
            tags.note(service_id, kind, change)
        if kind == "services":
            self._sync()

    def _stream_ended(self, service_id: str, error: object) -> None:
        """A service's stream ended of itself: said, unless the service left the app meanwhile."""
        service = self.store.get("services").get(service_id)
        if service is not None and service.stack == self.app:
            self.view.show_end(error, service.name)

    def close_streams(self) -> None:
        if self._started:
            with contextlib.suppress(RuntimeError, TypeError):  # already disconnected
                self.store.changed.disconnect(self._on_store_changed)
        for stream, _tags in self.streams.values():
            stream.stop()
        self.streams.clear()
