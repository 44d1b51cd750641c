"""The node detail tab: a header with the node's state and resources, and tabs of its own engine.

Info / Containers / Networks / Volumes / Images read the node's engine (Cluster.node_client) off the GUI
thread; the visible tab refreshes every few seconds and applies keyed diffs in place. Without an
endpoint a tab says so and offers "Connect host"; an unreachable engine shows "unreachable" with the
error, and the rest of the window keeps working. Monitoring (views/node_monitor.py) charts what the
node's containers use beside what its tasks reserve.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crane_desktop import bridge
from crane_desktop.engine import hosts
from crane_desktop.engine.diff import diff
from crane_desktop.engine.errors import NoNodeEndpoint, translate
from crane_desktop.engine.formatting import byte_size, full_time, labels_text, local_time
from crane_desktop.engine.snapshots import Node
from crane_desktop.messages import engine_text
from crane_desktop.models.host_tables import (
    ContainerTableModel,
    HostNetworkTableModel,
    ImageTableModel,
    LayerTableModel,
    VolumeTableModel,
)
from crane_desktop.models.nodes import availability_text, reachability_text, role_text, status_text
from crane_desktop.models.table import KeyedTableModel, Role
from crane_desktop.views import drain_dialog
from crane_desktop.views.dialogs import (
    ERROR_STYLE,
    EngineDialog,
    confirm,
    failure_text,
    run_dialog,
    show_error,
)
from crane_desktop.views.filtering import filter_box, setup_table, sort_filter_proxy
from crane_desktop.views.forms import FormView, scrolling
from crane_desktop.views.host_unavailable import Unavailable
from crane_desktop.views.node_monitor import NodeMonitor
from crane_desktop.views.operations import operation_slot

if TYPE_CHECKING:
    import docker

    from crane_desktop.engine.cluster import Cluster
    from crane_desktop.views.context import ClusterContext, Navigator

T = TypeVar("T")

REFRESH_MS = 10000  # the events refresh at once; this covers a broken event stream


class HostPane(QWidget):
    """A tab that reads the node's engine: a stack of its content and the Unavailable panel."""

    def __init__(self, detail: NodeDetail) -> None:
        super().__init__(detail)
        self.detail = detail
        self.loading = False
        self.pending = False
        self.loaded = False
        self.state = "loading"  # "loading", "ok", "no-endpoint", "unreachable"
        self.stack = QStackedWidget(self)
        self.unavailable = Unavailable(self, detail.connect_host, self.refresh)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    def set_content(self, content: QWidget) -> None:
        self.stack.addWidget(content)
        self.stack.addWidget(self.unavailable)

    # What the pane reads of the node's engine: a plain function of the client (never a method, so
    # the worker thread holds nothing of the pane).
    fetch: Callable[[Any], Any]

    def show_data(self, data: Any) -> None:
        raise NotImplementedError

    @operation_slot()
    async def refresh(self) -> None:
        if self.loading:
            self.pending = True  # an event came in meanwhile: read again when this read ends
            return
        node = self.detail.node()
        cluster = self.detail.context.cluster
        if node is None or cluster is None:
            return
        self.loading = True
        try:
            data = await self.detail.on_node(self, node, self.fetch)
        except NoNodeEndpoint:
            self.state = "no-endpoint"
            self.unavailable.show_no_endpoint(node.hostname)
            self.stack.setCurrentWidget(self.unavailable)
        except Exception as exc:
            self.state = "unreachable"
            self.unavailable.show_unreachable(failure_text(translate(exc, cluster.node_endpoint(node))))
            self.stack.setCurrentWidget(self.unavailable)
        else:
            self.state = "ok"
            self.show_data(data)
            self.loaded = True
            self.stack.setCurrentIndex(0)
            self.detail.follow_events(node)
        finally:
            self.loading = False
        if self.pending:
            self.pending = False
            self.refresh()


class InfoPane(HostPane):
    """Docker and host info, the clock skew to this workstation, and the node's swarm spec/status."""

    FIELDS = (
        "docker_version",
        "os",
        "kernel",
        "architecture",
        "cpus",
        "memory",
        "storage_driver",
        "cgroup_driver",
        "logging_driver",
        "root_dir",
        "system_time",
        "containers",
        "images",
    )

    def __init__(self, detail: NodeDetail) -> None:
        super().__init__(detail)
        titles = {
            "docker_version": self.tr("Docker version"),
            "os": self.tr("Operating system"),
            "kernel": self.tr("Kernel"),
            "architecture": self.tr("Architecture"),
            "cpus": self.tr("CPUs"),
            "memory": self.tr("Memory"),
            "storage_driver": self.tr("Storage driver"),
            "cgroup_driver": self.tr("Cgroup driver"),
            "logging_driver": self.tr("Logging driver"),
            "root_dir": self.tr("Root directory"),
            "system_time": self.tr("System time"),
            "containers": self.tr("Containers"),
            "images": self.tr("Images"),
        }
        self.form = FormView(self)
        self.form.show_sections([(self.tr("Host"), [(titles[key], "…") for key in self.FIELDS])])
        self.values: dict[str, QLabel] = {}
        for key in self.FIELDS:
            self.values[key] = self.form.value(self.tr("Host"), titles[key])
            self.values[key].setObjectName(f"info_{key}")
        self.set_content(scrolling(self.form))

    fetch = staticmethod(hosts.host_info)

    def show_data(self, info: hosts.HostInfo) -> None:
        skew = info.skew_seconds
        skew_text = (
            self.tr("in step with this workstation")
            if abs(skew) < 1
            else self.tr("%1 s ahead of this workstation").replace("%1", f"{skew:.0f}")
            if skew > 0
            else self.tr("%1 s behind this workstation").replace("%1", f"{-skew:.0f}")
        )
        values = {
            "docker_version": info.docker_version,
            "os": info.os,
            "kernel": info.kernel,
            "architecture": info.architecture,
            "cpus": str(info.cpus),
            "memory": byte_size(info.memory_bytes),
            "storage_driver": info.storage_driver,
            "cgroup_driver": info.cgroup_driver,
            "logging_driver": info.logging_driver,
            "root_dir": info.root_dir,
            "system_time": self.tr("%1 (%2)")
            .replace("%2", skew_text)
            .replace("%1", full_time(info.system_time)),
            "containers": self.tr("%1 running, %2 paused, %3 stopped (%4 in all)")
            .replace("%1", str(info.containers_running))
            .replace("%2", str(info.containers_paused))
            .replace("%3", str(info.containers_stopped))
            .replace("%4", str(info.containers_total)),
            "images": str(info.images),
        }
        for key, value in values.items():
            self.values[key].setText(value)


class TablePane(HostPane):
    """A host table with a filter and a row of buttons; keyed diffs keep it in place."""

    def __init__(self, detail: NodeDetail, model: KeyedTableModel, name: str) -> None:
        super().__init__(detail)
        self.model = model
        self.proxy = sort_filter_proxy(model, self)
        self.table = QTableView(self)
        self.table.setObjectName(name)
        self.table.setModel(self.proxy)
        setup_table(self.table)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.filter_edit = filter_box(self, self.tr("Filter"), self.proxy)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        self.buttons.addWidget(self.filter_edit)
        content = QWidget(self)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.buttons)
        layout.addWidget(self.table)
        self.set_content(content)
        self._fitted = False

    def add_button(self, text: str, name: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(slot)
        self.buttons.insertWidget(self.buttons.count() - 2, button)
        return button

    def show_data(self, data: dict[str, Any]) -> None:
        current = {key: self.model.get(key) for key in self._keys()}
        self.model.apply_diff(diff(current, data))
        if not self._fitted and self.model.rowCount():
            self._fitted = True
            self.table.resizeColumnsToContents()

    def _keys(self) -> list[str]:
        return [self.model.index(row, 0).data(Role.KEY) for row in range(self.model.rowCount())]

    def selected(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        return self.proxy.data(rows[0], Role.OBJECT) if rows else None

    async def on_engine(self, fn: Callable[..., T], *args: Any) -> T:
        """`fn(client, *args)` on the node's own engine, off the GUI thread."""
        node = self.detail.node()
        if node is None:
            raise NoNodeEndpoint(hostname=self.detail.hostname())
        return await self.detail.on_node(self, node, fn, *args)


class ContainersPane(TablePane):
    def __init__(self, detail: NodeDetail) -> None:
        super().__init__(detail, ContainerTableModel(detail), "containersTable")
        self.table.doubleClicked.connect(self.open_selected)

    fetch = staticmethod(hosts.containers)

    def open_selected(self, *args: object) -> None:
        container = self.selected()
        if container is None:
            return
        self.detail.navigator.open_container(self.detail.node_id, container.id, container.name)


class NetworksPane(TablePane):
    def __init__(self, detail: NodeDetail) -> None:
        super().__init__(detail, HostNetworkTableModel(detail), "networksTable")

    fetch = staticmethod(hosts.networks)


class VolumesPane(TablePane):
    def __init__(self, detail: NodeDetail) -> None:
        super().__init__(detail, VolumeTableModel(detail), "volumesTable")
        self.create_button = self.add_button(self.tr("Create…"), "createVolume", self.create_volume)
        self.remove_button = self.add_button(self.tr("Remove…"), "removeVolume", self.remove_volume)

    fetch = staticmethod(hosts.volumes)

    @operation_slot()
    async def create_volume(self) -> None:
        dialog = VolumeDialog(self, self)
        self.volume_dialog = dialog
        if await run_dialog(dialog) and not self.detail.closed:
            await self.refresh()

    @operation_slot()
    async def remove_volume(self) -> None:
        volume = self.selected()
        if volume is None:
            return
        text = self.tr("Remove the volume %1 from %2? Its data is lost.").replace("%1", volume.name)
        text = text.replace("%2", self.detail.hostname())
        if not await confirm(self, self.tr("Remove volume"), text, self.tr("Remove")) or self.detail.closed:
            return
        try:
            await self.on_engine(hosts.remove_volume, volume.name)
        except Exception as exc:
            show_error(self, self.tr("Volume not removed"), exc)
            return
        await self.refresh()


class VolumeDialog(EngineDialog):
    """Name a new volume (validated before the engine is asked)."""

    def __init__(self, parent: QWidget, pane: VolumesPane) -> None:
        super().__init__(parent, pane.detail.context.operations)
        self.setObjectName("volumeDialog")
        self.pane = pane
        self.setWindowTitle(self.tr("Create volume on %1").replace("%1", pane.detail.hostname()))
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("volumeName")
        self.name_edit.setPlaceholderText(self.tr("empty: a generated name"))
        self.error_label = QLabel(self)
        self.error_label.setObjectName("fieldError")
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.create_button = buttons.addButton(self.tr("Create"), QDialogButtonBox.ButtonRole.ActionRole)
        self.create_button.setObjectName("createButton")
        self.create_button.clicked.connect(self.create)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Name:"), self.name_edit)
        form.addRow(self.error_label)
        form.addRow(buttons)

    def show_problem(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    @operation_slot()
    async def create(self) -> None:
        name = self.name_edit.text().strip()
        problem = hosts.volume_name_error(name)
        if problem:
            self.show_problem(engine_text(problem))
            return
        self.create_button.setEnabled(False)
        try:
            await self.pane.on_engine(hosts.create_volume, name)
            if self.gone:
                return
        except Exception as exc:
            self.show_problem(failure_text(exc))
        else:
            self.accept()
        self.create_button.setEnabled(True)


class ImagesPane(TablePane):
    def __init__(self, detail: NodeDetail) -> None:
        super().__init__(detail, ImageTableModel(detail), "imagesTable")
        self.history_button = self.add_button(self.tr("History…"), "imageHistory", self.show_history)
        self.remove_button = self.add_button(self.tr("Remove…"), "removeImage", self.remove_image)
        self.table.doubleClicked.connect(lambda _index: self.show_history())

    fetch = staticmethod(hosts.images)

    @operation_slot()
    async def show_history(self) -> None:
        image = self.selected()
        if image is None:
            return
        try:
            layers = await self.on_engine(hosts.image_history, image.id)
        except Exception as exc:
            show_error(self, self.tr("Layer history"), exc)
            return
        dialog = QDialog(self)
        dialog.setObjectName("historyDialog")
        dialog.setWindowTitle(self.tr("Layers of %1").replace("%1", image.name))
        model = LayerTableModel(dialog)
        model.apply_diff(diff({}, {str(i): layer for i, layer in enumerate(layers)}))
        table = QTableView(dialog)
        table.setObjectName("layersTable")
        table.setModel(model)
        table.verticalHeader().hide()
        table.horizontalHeader().setStretchLastSection(True)
        table.resizeColumnsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(table)
        layout.addWidget(buttons)
        dialog.resize(800, 400)
        self.history_dialog = dialog
        await run_dialog(dialog)

    @operation_slot()
    async def remove_image(self) -> None:
        image = self.selected()
        if image is None:
            return
        text = (
            self.tr("Remove the image %1 from %2?")
            .replace("%1", image.name)
            .replace("%2", self.detail.hostname())
        )
        if not await confirm(self, self.tr("Remove image"), text, self.tr("Remove")) or self.detail.closed:
            return
        target = image.tags[0] if len(image.tags) == 1 else image.id
        try:
            await self.on_engine(hosts.remove_image, target)
        except Exception as exc:
            show_error(self, self.tr("Image not removed"), exc)
            return
        await self.refresh()


class NodeDetail(QWidget):
    """One node: header, then Info / Monitoring / Containers / Networks / Volumes / Images of its own engine.

    The node engine's events (containers, networks, volumes, images) refresh the visible tab at once;
    a slow poll covers engines whose event stream broke.
    """

    def __init__(
        self, context: ClusterContext, navigator: Navigator, node_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.navigator = navigator
        self.node_id = node_id
        self.closed = False
        self.events: hosts.HostEvents | None = None
        self._fresh: Node | None = None
        self.header = QLabel(self)
        self.header.setObjectName("nodeHeader")
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.connect_button = QPushButton(self.tr("Connect host…"), self)
        self.connect_button.setObjectName("headerConnectHost")
        self.connect_button.clicked.connect(self.connect_host)
        drain_text, drain_tip = drain_dialog.action_texts()
        self.drain_button = QPushButton(drain_text, self)
        self.drain_button.setObjectName("headerDrainWithoutDowntime")
        self.drain_button.setToolTip(drain_tip)
        self.drain_button.clicked.connect(self.drain_without_downtime)
        self.swarm_form = FormView(self)
        self.swarm_form.setObjectName("swarmSpec")
        self.info = InfoPane(self)
        self.monitoring = NodeMonitor(context, node_id, self.node, self.connect_host, self)
        self.containers = ContainersPane(self)
        self.networks = NetworksPane(self)
        self.volumes = VolumesPane(self)
        self.images = ImagesPane(self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("nodeTabs")
        info_page = QWidget(self)
        info_layout = QVBoxLayout(info_page)
        info_layout.addWidget(self.swarm_form)
        info_layout.addWidget(self.info, 1)
        self.tabs.addTab(info_page, self.tr("Info"))
        self.tabs.addTab(self.monitoring, self.tr("Monitoring"))
        self.tabs.addTab(self.containers, self.tr("Containers"))
        self.tabs.addTab(self.networks, self.tr("Networks"))
        self.tabs.addTab(self.volumes, self.tr("Volumes"))
        self.tabs.addTab(self.images, self.tr("Images"))
        self.panes: list[HostPane | NodeMonitor] = [
            self.info,
            self.monitoring,
            self.containers,
            self.networks,
            self.volumes,
            self.images,
        ]
        self.tabs.currentChanged.connect(lambda _index: self.refresh_current())
        refresh = QAction(self)  # the platform's Refresh key (F5, Ctrl+R, Cmd+R): the pane in view
        refresh.setObjectName("refreshPane")
        refresh.setShortcut(QKeySequence.StandardKey.Refresh)
        refresh.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        refresh.triggered.connect(self.refresh_current)
        self.addAction(refresh)
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.drain_button)
        top.addWidget(self.connect_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        context.store.changed.connect(self._on_store_changed)
        self._show_node()
        QTimer.singleShot(0, self.refresh_current)

    async def on_node(self, owner: QWidget, node: Node, fn: Callable[..., T], *args: Any) -> T:
        """`fn(client, *args)` with the client of `node`'s own engine, off the GUI thread."""
        return await self.context.operations.on_cluster(owner, _on_node_engine, node, fn, *args)

    def node(self) -> Node | None:
        """The node as the store has it, or as connect-host just wrote it until the watcher catches up."""
        node = self.context.store.get("nodes").get(self.node_id)
        fresh = self._fresh
        if fresh is not None and (node is None or node.version < fresh.version):
            return fresh
        return node

    def hostname(self) -> str:
        node = self.node()
        return node.hostname if node else self.node_id[:12]

    def current_pane(self) -> HostPane | NodeMonitor:
        index = self.tabs.currentIndex()
        return self.panes[index]

    def refresh_current(self) -> None:
        if not self.closed:
            self.current_pane().refresh()

    def follow_events(self, node: Node) -> None:
        """Start following the node engine's events (once its engine answered)."""
        opener = self.context.node_stream_client(node)
        if self.events is not None or self.closed or opener is None:
            return
        self.events = hosts.HostEvents(opener, bridge.relay(self._on_engine_event))
        self.events.start()

    def _on_engine_event(self, kind: str) -> None:
        if self.closed:
            return
        panes: dict[str, tuple[HostPane | NodeMonitor, ...]] = {
            "container": (self.containers, self.info),
            "network": (self.networks,),
            "volume": (self.volumes,),
            "image": (self.images, self.info),
        }
        current = self.current_pane()
        for pane in panes.get(kind, ()):
            if pane is current and self.isVisible():
                pane.refresh()

    def _tick(self) -> None:
        """Refresh only while the user can see this detail (a hidden tab costs nothing)."""
        if self.isVisible():
            self.refresh_current()

    def _on_store_changed(self, kind: str, change: Any) -> None:
        if (
            not self.closed
            and kind == "nodes"
            and (self.node_id in change.changed or self.node_id in change.removed)
        ):
            self._show_node()

    def _show_node(self) -> None:
        node = self.node()
        if node is None:
            self.header.setText(
                self.tr("<b>%1</b> — no longer in the swarm").replace("%1", self.node_id[:12])
            )
            return
        cluster = self.context.cluster
        endpoint = cluster.node_endpoint(node) if cluster else ""
        parts = [
            role_text(node),
            availability_text(node),
            status_text(node),
            self.tr("%n CPU(s)", "", max(1, round(node.nano_cpus / 1e9))) if node.nano_cpus else "",
            byte_size(node.memory_bytes) if node.memory_bytes else "",
            node.address,
            node.engine_version and self.tr("Docker %1").replace("%1", node.engine_version),
        ]
        engine = endpoint or self.tr("engine address not known")
        self.header.setText(
            f"<b>{html.escape(node.hostname)}</b> &nbsp; "
            + html.escape(" · ".join(p for p in parts if p))
            + f"<br>{html.escape(engine)}"
        )
        spec = [
            (self.tr("Node ID"), node.id),
            (self.tr("Role"), role_text(node)),
            (self.tr("Availability"), availability_text(node)),
            (
                self.tr("Status"),
                self.tr("%1 (%2)").replace("%1", status_text(node)).replace("%2", node.state_message)
                if node.state_message
                else status_text(node),
            ),
            (self.tr("Manager reachability"), reachability_text(node)),
            (self.tr("Labels"), labels_text(node.labels)),
            (self.tr("Joined"), local_time(node.created_at)),
            (self.tr("Updated"), local_time(node.updated_at)),
        ]
        self.swarm_form.show_sections(
            [(self.tr("Swarm"), [(title, value) for title, value in spec if value])]
        )

    @operation_slot()
    async def connect_host(self) -> None:
        from crane_desktop.views.nodes_page import open_connect_host

        node = self.node()
        if node is None:
            return
        fresh = await open_connect_host(self, self.context, node)
        if fresh is not None and not self.closed:
            self._fresh = fresh
            self._show_node()
            self.refresh_current()

    def drain_without_downtime(self) -> None:
        self.drain_dialog = drain_dialog.open_drain_dialog(self, self.context, self.node_id)

    def close_streams(self) -> None:
        self.closed = True
        self.timer.stop()
        self.monitoring.close_streams()
        events, self.events = self.events, None
        if events is not None:
            events.stop()


def _on_node_engine(cluster: Cluster, node: Node, fn: Callable[..., T], *args: Any) -> T:
    client: docker.APIClient = cluster.node_client(node)
    return fn(client, *args)
