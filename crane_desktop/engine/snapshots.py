"""Typed, immutable snapshots of engine objects, parsed from the API's JSON in one place.

Parsing never raises on odd input: a missing or malformed field becomes an empty value or "unknown",
so a newer (or older) engine cannot crash the app. The raw JSON is kept (not compared) for detail views.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol, Self, TypeVar

STACK_LABEL = "com.docker.stack.namespace"
ENDPOINT_LABEL = "crane.reserved.node.endpoint"
UNKNOWN = "unknown"

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _get(data: Any, *path: str, default: Any = None) -> Any:
    for key in path:
        if type(data) is not dict and not isinstance(data, Mapping):  # JSON gives dicts: test that first
            return default
        data = data.get(key)
        if data is None:
            return default
    return data


_NO_MAPPING: Mapping[str, Any] = {}


def _map(value: Any) -> Mapping[str, Any]:
    """`value` when it is a JSON object, else an empty one: one check, then plain `.get` calls."""
    return value if type(value) is dict or isinstance(value, Mapping) else _NO_MAPPING


def _str(value: Any, default: str = "") -> str:
    return value if isinstance(value, str) else default


def _int(value: Any, default: int = 0) -> int:
    if isinstance(value, bool):
        return default
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value)
    return default


def _labels(value: Any) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, Mapping):
        return ()
    return tuple(sorted((str(k), str(v)) for k, v in value.items()))


_FRACTION = re.compile(r"\.(\d+)")


def parse_time(value: Any) -> datetime:
    """Docker's RFC 3339 timestamps have nanoseconds; Python takes microseconds."""
    if not isinstance(value, str) or not value:
        return EPOCH
    try:  # the engine's own form (nanoseconds, "Z") parses as is: the fast path for big lists
        parsed = datetime.fromisoformat(value)
    except ValueError:
        parsed = None
    if parsed is not None:
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    text = value.strip()
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    text = _FRACTION.sub(lambda m: "." + m.group(1)[:6].ljust(6, "0"), text, count=1)
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return EPOCH
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    version: int
    hostname: str
    role: str
    is_leader: bool
    availability: str
    state: str
    state_message: str
    address: str
    manager_address: str
    reachability: str
    labels: tuple[tuple[str, str], ...]
    engine_version: str
    os: str
    architecture: str
    nano_cpus: int
    memory_bytes: int
    created_at: datetime
    updated_at: datetime
    raw: Mapping[str, Any] = field(compare=False, repr=False, default_factory=dict)

    @property
    def label_dict(self) -> dict[str, str]:
        return dict(self.labels)

    @property
    def endpoint_label(self) -> str:
        return self.label_dict.get(ENDPOINT_LABEL, "")

    @classmethod
    def from_api(cls, data: Mapping[str, Any]) -> Node:
        manager_status = _get(data, "ManagerStatus", default={})
        manager_address = _str(_get(manager_status, "Addr"))
        address = _str(_get(data, "Status", "Addr"))
        if address in ("", "0.0.0.0") and manager_address:
            address = manager_address.rsplit(":", 1)[0]
        return cls(
            id=_str(_get(data, "ID")),
            version=_int(_get(data, "Version", "Index")),
            hostname=_str(_get(data, "Description", "Hostname"), UNKNOWN),
            role=_str(_get(data, "Spec", "Role"), UNKNOWN),
            is_leader=_get(manager_status, "Leader") is True,
            availability=_str(_get(data, "Spec", "Availability"), UNKNOWN),
            state=_str(_get(data, "Status", "State"), UNKNOWN),
            state_message=_str(_get(data, "Status", "Message")),
            address=address,
            manager_address=manager_address,
            reachability=_str(_get(manager_status, "Reachability")),
            labels=_labels(_get(data, "Spec", "Labels")),
            engine_version=_str(_get(data, "Description", "Engine", "EngineVersion")),
            os=_str(_get(data, "Description", "Platform", "OS")),
            architecture=_str(_get(data, "Description", "Platform", "Architecture")),
            nano_cpus=_int(_get(data, "Description", "Resources", "NanoCPUs")),
            memory_bytes=_int(_get(data, "Description", "Resources", "MemoryBytes")),
            created_at=parse_time(_get(data, "CreatedAt")),
            updated_at=parse_time(_get(data, "UpdatedAt")),
            raw=data,
        )


@dataclass(frozen=True, slots=True)
class PublishedPort:
    target: int
    published: int
    protocol: str
    mode: str


def _ports(value: Any) -> tuple[PublishedPort, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(
        PublishedPort(
            target=_int(_get(p, "TargetPort")),
            published=_int(_get(p, "PublishedPort")),
            protocol=_str(_get(p, "Protocol"), "tcp"),
            mode=_str(_get(p, "PublishMode"), "ingress"),
        )
        for p in value
        if isinstance(p, Mapping)
    )


def _service_mode(spec_mode: Any) -> tuple[str, int | None]:
    if not isinstance(spec_mode, Mapping) or not spec_mode:
        return UNKNOWN, None
    if "Replicated" in spec_mode:
        return "replicated", _int(_get(spec_mode, "Replicated", "Replicas"), 1)
    if "Global" in spec_mode:
        return "global", None
    if "ReplicatedJob" in spec_mode:
        return "replicated-job", _int(_get(spec_mode, "ReplicatedJob", "TotalCompletions"), 1)
    if "GlobalJob" in spec_mode:
        return "global-job", None
    return UNKNOWN, None


@dataclass(frozen=True, slots=True)
class Service:
    id: str
    version: int
    name: str
    image: str
    mode: str
    replicas: int | None
    labels: tuple[tuple[str, str], ...]
    stack: str
    ports: tuple[PublishedPort, ...]
    network_ids: tuple[str, ...]
    endpoint_mode: str
    update_state: str
    update_message: str
    created_at: datetime
    updated_at: datetime
    raw: Mapping[str, Any] = field(compare=False, repr=False, default_factory=dict)

    @property
    def short_image(self) -> str:
        """The image without its pinned digest, as people read it."""
        return self.image.split("@", 1)[0]

    @classmethod
    def from_api(cls, data: Mapping[str, Any]) -> Service:
        data = _map(data)
        spec = _map(data.get("Spec"))
        template = _map(spec.get("TaskTemplate"))
        endpoint_spec = _map(spec.get("EndpointSpec"))
        labels = _labels(spec.get("Labels"))
        mode, replicas = _service_mode(spec.get("Mode"))
        networks = template.get("Networks") or spec.get("Networks") or []
        update = _map(data.get("UpdateStatus"))
        return cls(
            id=_str(data.get("ID")),
            version=_int(_map(data.get("Version")).get("Index")),
            name=_str(spec.get("Name"), UNKNOWN),
            image=_str(_map(template.get("ContainerSpec")).get("Image")),
            mode=mode,
            replicas=replicas,
            labels=labels,
            stack=dict(labels).get(STACK_LABEL, ""),
            ports=_ports(_map(data.get("Endpoint")).get("Ports") or endpoint_spec.get("Ports")),
            network_ids=tuple(
                _str(_get(n, "Target")) for n in networks if isinstance(n, Mapping) and _get(n, "Target")
            )
            if isinstance(networks, list)
            else (),
            endpoint_mode=_str(endpoint_spec.get("Mode"), "vip"),
            update_state=_str(update.get("State")),
            update_message=_str(update.get("Message")),
            created_at=parse_time(data.get("CreatedAt")),
            updated_at=parse_time(data.get("UpdatedAt")),
            raw=data,
        )


@dataclass(frozen=True, slots=True)
class Task:
    id: str
    version: int
    service_id: str
    slot: int
    node_id: str
    state: str
    desired_state: str
    message: str
    error: str
    container_id: str
    exit_code: int | None
    image: str
    created_at: datetime
    updated_at: datetime
    raw: Mapping[str, Any] = field(compare=False, repr=False, default_factory=dict)

    @property
    def is_running(self) -> bool:
        return self.state == "running"

    @classmethod
    def from_api(cls, data: Mapping[str, Any]) -> Task:
        # Flat `.get` calls on checked objects: swarms list thousands of tasks on every refresh.
        data = _map(data)
        status = _map(data.get("Status"))
        container = _map(status.get("ContainerStatus"))
        exit_code = container.get("ExitCode")
        return cls(
            id=_str(data.get("ID")),
            version=_int(_map(data.get("Version")).get("Index")),
            service_id=_str(data.get("ServiceID")),
            slot=_int(data.get("Slot")),
            node_id=_str(data.get("NodeID")),
            state=_str(status.get("State"), UNKNOWN),
            desired_state=_str(data.get("DesiredState"), UNKNOWN),
            message=_str(status.get("Message")),
            error=_str(status.get("Err")),
            container_id=_str(container.get("ContainerID")),
            exit_code=exit_code if isinstance(exit_code, int) and not isinstance(exit_code, bool) else None,
            image=_str(_map(_map(data.get("Spec")).get("ContainerSpec")).get("Image")),
            created_at=parse_time(data.get("CreatedAt")),
            updated_at=parse_time(data.get("UpdatedAt")),
            raw=data,
        )


@dataclass(frozen=True, slots=True)
class IPAMConfig:
    subnet: str
    gateway: str
    ip_range: str


@dataclass(frozen=True, slots=True)
class Network:
    id: str
    name: str
    driver: str
    scope: str
    internal: bool
    attachable: bool
    ingress: bool
    labels: tuple[tuple[str, str], ...]
    ipam: tuple[IPAMConfig, ...]
    stack: str
    created_at: datetime
    raw: Mapping[str, Any] = field(compare=False, repr=False, default_factory=dict)

    @classmethod
    def from_api(cls, data: Mapping[str, Any]) -> Network:
        labels = _labels(_get(data, "Labels"))
        configs = _get(data, "IPAM", "Config", default=[])
        return cls(
            id=_str(_get(data, "Id")) or _str(_get(data, "ID")),
            name=_str(_get(data, "Name"), UNKNOWN),
            driver=_str(_get(data, "Driver"), UNKNOWN),
            scope=_str(_get(data, "Scope"), UNKNOWN),
            internal=_get(data, "Internal") is True,
            attachable=_get(data, "Attachable") is True,
            ingress=_get(data, "Ingress") is True,
            labels=labels,
            ipam=tuple(
                IPAMConfig(
                    subnet=_str(_get(c, "Subnet")),
                    gateway=_str(_get(c, "Gateway")),
                    ip_range=_str(_get(c, "IPRange")),
                )
                for c in configs
                if isinstance(c, Mapping)
            )
            if isinstance(configs, list)
            else (),
            stack=dict(labels).get(STACK_LABEL, ""),
            created_at=parse_time(_get(data, "Created")),
            raw=data,
        )


@dataclass(frozen=True, slots=True)
class Container:
    id: str
    name: str
    image: str
    state: str
    status: str
    labels: tuple[tuple[str, str], ...]
    created: int
    raw: Mapping[str, Any] = field(compare=False, repr=False, default_factory=dict)

    @property
    def task_id(self) -> str:
        return dict(self.labels).get("com.docker.swarm.task.id", "")

    @classmethod
    def from_api(cls, data: Mapping[str, Any]) -> Container:
        names = _get(data, "Names", default=[])
        name = names[0] if isinstance(names, list) and names and isinstance(names[0], str) else ""
        return cls(
            id=_str(_get(data, "Id")),
            name=name.lstrip("/"),
            image=_str(_get(data, "Image")),
            state=_str(_get(data, "State"), UNKNOWN),
            status=_str(_get(data, "Status")),
            labels=_labels(_get(data, "Labels")),
            created=_int(_get(data, "Created")),
            raw=data,
        )


@dataclass(frozen=True, slots=True)
class Secret:
    """A swarm secret (its data never leaves the engine); `Config` adds the content."""

    id: str
    version: int
    name: str
    labels: tuple[tuple[str, str], ...]
    driver: str  # a secret's driver (a secret store plugin; "" for the swarm's own)
    templating: str  # the templating driver (golang) the data is expanded with at each task's start
    created_at: datetime
    updated_at: datetime
    raw: Mapping[str, Any] = field(compare=False, repr=False, default_factory=dict)

    @classmethod
    def from_api(cls, data: Mapping[str, Any]) -> Self:
        spec = _get(data, "Spec", default={})
        return cls(
            _str(_get(data, "ID")),
            _int(_get(data, "Version", "Index")),
            _str(_get(spec, "Name"), UNKNOWN),
            _labels(_get(spec, "Labels")),
            _str(_get(spec, "Driver", "Name")),
            _str(_get(spec, "Templating", "Name")),
            parse_time(_get(data, "CreatedAt")),
            parse_time(_get(data, "UpdatedAt")),
            data,
        )


@dataclass(frozen=True, slots=True)
class Config(Secret):
    """A swarm config: like a secret, but its content can be shown."""

    @property
    def content(self) -> bytes:
        encoded = _str(_map(self.raw.get("Spec")).get("Data"))
        try:
            return base64.b64decode(encoded, validate=True)
        except ValueError:
            return b""


@dataclass(frozen=True, slots=True)
class Stack:
    """An app: the services sharing a `com.docker.stack.namespace` label (or one lone service)."""

    name: str
    service_ids: tuple[str, ...]
    is_stack: bool


def stacks_from_services(services: Iterable[Service]) -> dict[str, Stack]:
    """Group services into apps; a service outside any stack is an app of its own, named after it."""
    groups: dict[str, list[str]] = {}
    lone: dict[str, str] = {}
    for service in services:
        if service.stack:
            groups.setdefault(service.stack, []).append(service.id)
        else:
            lone[service.name] = service.id
    stacks = {name: Stack(name, tuple(sorted(ids)), True) for name, ids in groups.items()}
    for name, service_id in lone.items():
        if name not in stacks:
            stacks[name] = Stack(name, (service_id,), False)
    return stacks


class Snapshot(Protocol):
    """What parse_all needs of a snapshot class: built from the API's JSON, known by its id."""

    @property
    def id(self) -> str: ...

    @classmethod
    def from_api(cls, data: Mapping[str, Any]) -> Self: ...


S = TypeVar("S", bound=Snapshot)


def parse_all(kind: type[S], items: Any) -> dict[str, S]:
    """Parse a list call's JSON into {id: snapshot}, dropping entries without an id."""
    if not isinstance(items, list):
        return {}
    parsed = (kind.from_api(item) for item in items if isinstance(item, Mapping))
    return {obj.id: obj for obj in parsed if obj.id}
