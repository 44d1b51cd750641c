"""One node's own engine: its info, containers, networks, volumes and images (the node detail's tabs).

Parsed into small frozen snapshots keyed by id, so the detail's tables apply keyed diffs in place.
Blocking (docker-py): callers run these off the GUI thread, with the node's client from Cluster.node_client.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import docker
import requests

from crane_desktop.engine import api
from crane_desktop.engine.errors import EngineError
from crane_desktop.engine.i18n import QT_TRANSLATE_NOOP
from crane_desktop.engine.snapshots import Container, Network, parse_all, parse_time
from crane_desktop.engine.streams import EngineStream

log = logging.getLogger("crane.engine.hosts")
_VOLUME_NAME_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")


@dataclass(frozen=True)
class HostInfo:
    """What the Info tab shows, with the clock skew to this workstation (seconds, + = node ahead)."""

    name: str
    docker_version: str
    os: str
    kernel: str
    architecture: str
    cpus: int
    memory_bytes: int
    storage_driver: str
    cgroup_driver: str
    logging_driver: str
    root_dir: str
    system_time: datetime
    skew_seconds: float
    swarm_node_id: str
    containers_running: int
    containers_total: int
    images: int
    containers_paused: int = 0
    containers_stopped: int = 0
    raw: Mapping[str, Any] = field(compare=False, repr=False, default_factory=dict)

    @classmethod
    def from_api(cls, info: Mapping[str, Any], now: datetime | None = None) -> HostInfo:
        system_time = parse_time(info.get("SystemTime"))
        now = now or datetime.now(UTC)
        return cls(
            name=str(info.get("Name", "")),
            docker_version=str(info.get("ServerVersion", "")),
            os=str(info.get("OperatingSystem", "")),
            kernel=str(info.get("KernelVersion", "")),
            architecture=str(info.get("Architecture", "")),
            cpus=int(info.get("NCPU") or 0),
            memory_bytes=int(info.get("MemTotal") or 0),
            storage_driver=str(info.get("Driver", "")),
            cgroup_driver=str(info.get("CgroupDriver", "")),
            logging_driver=str(info.get("LoggingDriver", "")),
            root_dir=str(info.get("DockerRootDir", "")),
            system_time=system_time,
            skew_seconds=(system_time - now).total_seconds(),
            swarm_node_id=str((info.get("Swarm") or {}).get("NodeID", "")),
            containers_running=int(info.get("ContainersRunning") or 0),
            containers_total=int(info.get("Containers") or 0),
            images=int(info.get("Images") or 0),
            containers_paused=int(info.get("ContainersPaused") or 0),
            containers_stopped=int(info.get("ContainersStopped") or 0),
            raw=info,
        )


@dataclass(frozen=True, slots=True)
class Volume:
    id: str  # the name: volumes are keyed by it
    driver: str
    mountpoint: str
    scope: str
    labels: tuple[tuple[str, str], ...]
    created_at: datetime
    raw: Mapping[str, Any] = field(compare=False, repr=False, default_factory=dict)

    @property
    def name(self) -> str:
        return self.id

    @classmethod
    def from_api(cls, data: Mapping[str, Any]) -> Volume:
        labels = data.get("Labels") or {}
        return cls(
            id=str(data.get("Name", "")),
            driver=str(data.get("Driver", "")),
            mountpoint=str(data.get("Mountpoint", "")),
            scope=str(data.get("Scope", "")),
            labels=tuple(sorted((str(k), str(v)) for k, v in labels.items()))
            if isinstance(labels, Mapping)
            else (),
            created_at=parse_time(data.get("CreatedAt")),
            raw=data,
        )


@dataclass(frozen=True, slots=True)
class Image:
    id: str
    tags: tuple[str, ...]
    size: int
    created: int
    containers: int
    raw: Mapping[str, Any] = field(compare=False, repr=False, default_factory=dict)

    @property
    def name(self) -> str:
        return self.tags[0] if self.tags else self.id.split(":", 1)[-1][:12]

    @classmethod
    def from_api(cls, data: Mapping[str, Any]) -> Image:
        tags = data.get("RepoTags") or []
        return cls(
            id=str(data.get("Id", "")),
            tags=tuple(t for t in tags if isinstance(t, str) and t != "<none>:<none>"),
            size=int(data.get("Size") or 0),
            created=int(data.get("Created") or 0),
            containers=int(data.get("Containers") or 0),
            raw=data,
        )


@dataclass(frozen=True, slots=True)
class Layer:
    id: str
    created: int
    created_by: str
    size: int
    comment: str


def host_info(client: docker.APIClient) -> HostInfo:
    return HostInfo.from_api(api.call(client, client.info))


def containers(client: docker.APIClient) -> dict[str, Container]:
    return parse_all(Container, api.call(client, client.containers, all=True))


def networks(client: docker.APIClient) -> dict[str, Network]:
    return parse_all(Network, api.call(client, client.networks))


def volumes(client: docker.APIClient) -> dict[str, Volume]:
    answer = api.call(client, client.volumes) or {}
    return parse_all(Volume, answer.get("Volumes") or [])


def images(client: docker.APIClient) -> dict[str, Image]:
    return parse_all(Image, api.call(client, client.images))


def image_history(client: docker.APIClient, image_id: str) -> list[Layer]:
    return [
        Layer(
            id=str(item.get("Id", "")),
            created=int(item.get("Created") or 0),
            created_by=str(item.get("CreatedBy", "")),
            size=int(item.get("Size") or 0),
            comment=str(item.get("Comment", "")),
        )
        for item in api.call(client, client.history, image_id) or []
        if isinstance(item, Mapping)
    ]


def volume_name_error(name: str) -> str:
    """Why the engine would refuse `name` for a volume (an engine message), or "" (empty = generated)."""
    if not name:
        return ""
    if len(name) < 2 or not name[0].isalnum() or not set(name) <= _VOLUME_NAME_CHARS:
        return QT_TRANSLATE_NOOP(
            "engine",
            "A volume name has at least two characters: a letter or digit, then letters, digits, "
            "“_”, “.” or “-”.",
        )
    return ""


def create_volume(
    client: docker.APIClient, name: str, driver: str = "local", labels: Mapping[str, str] | None = None
) -> Volume:
    problem = volume_name_error(name)
    if problem:
        raise EngineError(problem)
    data = api.call(client, client.create_volume, name or None, driver or "local", None, dict(labels or {}))
    return Volume.from_api(data)


def remove_volume(client: docker.APIClient, name: str) -> None:
    api.call(client, client.remove_volume, name)


def remove_image(client: docker.APIClient, image: str, *, force: bool = False) -> None:
    api.call(client, client.remove_image, image, force=force)


HOST_EVENT_TYPES = ("container", "network", "volume", "image")


class HostEvents(EngineStream):
    """Follows one node engine's events on a thread of its own and calls `on_event(type)` for each.

    EngineStream's lifecycle: a client of its own (no read timeout), `stop()` shuts the stream's
    socket and returns at once. A broken stream is reopened after `retry_delay` until stopped.
    """

    kind = "host-events"

    def __init__(
        self,
        client_factory: Callable[[], docker.APIClient],
        on_event: Callable[[str], None],
        types: tuple[str, ...] = HOST_EVENT_TYPES,
        retry_delay: float = 2.0,
    ) -> None:
        super().__init__(client_factory, "")
        self.retry_delay = retry_delay
        self._on_event = on_event
        self._types = types

    def _params(self) -> dict[str, str]:
        """The /events query: the types followed (a subclass may add `since` or actions)."""
        return {"filters": json.dumps({"type": list(self._types)})}

    def _open(self, client: docker.APIClient) -> requests.Response:
        return api.open_stream(client, "/events", params=self._params())

    def _deliver(self, event: Mapping[str, Any]) -> None:
        """Hand one event on (here only its type)."""
        self._on_event(str(event.get("Type", "")))

    def _pump(self, response: requests.Response) -> None:
        for raw in api.stream_lines(response):
            if self._stop.is_set():
                return
            if not raw:
                continue
            event = json.loads(raw)
            if isinstance(event, Mapping):
                self._deliver(event)
