"""What a page, detail view or dialog of one cluster receives instead of the main window.

- `ClusterContext`: the store of snapshots (`store.get(kind)`, `store.changed(kind, Diff)`), the
  operation runner for every blocking engine call, the connection's settings (read-only, never called
  on the GUI thread), and `message` for the status bar, which the main window connects once.
- `alerts`: the alert rules evaluated on the store's diffs, and the list of alerts (models/alerts.py).
- `image_updates`: which services' tags hold a newer image in the registry (views/image_updates.py).
- `Navigator`: opening another object's detail or a page (the workspace implements it).

Built without a live session, a context still serves its store: that is how tests drive every view on
snapshots recorded off the real engine.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from crane_desktop.models.alerts import AlertCenter
from crane_desktop.models.store import ClusterStore
from crane_desktop.views.image_updates import ImageUpdates
from crane_desktop.views.operations import OperationRunner

if TYPE_CHECKING:
    import docker

    from crane_desktop.engine.cluster import Cluster
    from crane_desktop.engine.registries import AuthFor
    from crane_desktop.engine.snapshots import Node
    from crane_desktop.session import ClusterSession

MESSAGE_MS = 8000


class Navigator(Protocol):
    """Where a view sends the operator next; each call opens (or brings forward) a tab or page."""

    def show_page(self, key: str, filter_text: str = "") -> None:
        """Bring the page `key` forward; with `filter_text`, its filter box shows only the rows matching
        it (e.g. the nodes that are down)."""

    def open_node(self, node_id: str) -> QWidget: ...

    def open_service(self, service_id: str) -> QWidget: ...

    def open_app(self, name: str) -> QWidget: ...

    def open_container(self, node_id: str, container_id: str, title: str = "") -> QWidget: ...

    def open_network(self, network_id: str) -> None: ...

    def close_tab(self, widget: QWidget) -> None:
        """Close the detail tab showing `widget` (nothing if it is not open)."""


@runtime_checkable
class StreamOwner(Protocol):
    """A detail (or a tab of one) that follows streams: told when it closes; stopping returns at once."""

    def close_streams(self) -> None: ...


class ClusterContext(QObject):
    """One cluster as the views see it; the main window owns it and swaps its session."""

    message = Signal(str, int)  # status text, how long to show it (ms)

    def __init__(self, store: ClusterStore | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store if store is not None else ClusterStore(self)
        self.session: ClusterSession | None = None
        self.operations = OperationRunner(lambda: self.cluster, self)
        # the rules evaluated on the store's diffs, on the runner's pool
        self.alerts = AlertCenter(self.store, parent=self, submit=self.operations.submit)
        self.image_updates = ImageUpdates(self.store, self.operations, self)  # newer images per service

    def close(self) -> None:
        """The window is closing: no new calls, the alert rules' clock stopped; returns at once."""
        self.operations.close()
        self.alerts.stop()
        self.image_updates.stop()

    @property
    def cluster(self) -> Cluster | None:
        """The connection in use, for its settings (profile, node endpoints); its blocking calls go
        through `operations` or a stream, never on the GUI thread."""
        return self.session.cluster if self.session is not None else None

    def registry_auth(self) -> AuthFor | None:
        """What a create or update sends for its image's registry (the profile's registries, docker's
        logins), read off the GUI thread by the call it is given to; None without a session."""
        cluster = self.cluster
        return cluster.credentials().header_for if cluster is not None else None

    def say(self, text: str, timeout_ms: int = MESSAGE_MS) -> None:
        """Show `text` in the window's status bar."""
        self.message.emit(text, timeout_ms)

    def stream_client(self) -> Callable[[], docker.APIClient] | None:
        """Opens a stream client of the manager in use (called on the stream's own thread)."""
        cluster = self.cluster
        return cluster.stream_client if cluster is not None else None

    def node_stream_client(self, node: Node) -> Callable[[], docker.APIClient] | None:
        """Opens a stream client of the node's own engine (called on the stream's own thread)."""
        cluster = self.cluster
        if cluster is None:
            return None
        return lambda: cluster.node_stream_client(node)
