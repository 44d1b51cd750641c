"""One container on its node's engine: the config view's data, processes, layer changes and exec.

Blocking (docker-py): call off the GUI thread. Every docker error becomes an EngineError.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import docker

from crane_desktop.engine import api

CHANGE_KINDS = {0: "changed", 1: "added", 2: "deleted"}
_SECRET_NAME = re.compile(r"(?i)(pass(word|wd)?|secret|token|api[_-]?key|private|credential|auth|pwd|_key$)")


def looks_secret(name: str) -> bool:
    """Whether an environment variable's name suggests its value should be masked until clicked."""
    return bool(_SECRET_NAME.search(name))


@dataclass(frozen=True)
class NetworkAttachment:
    name: str
    ip: str
    gateway: str
    mac: str
    ipv6: str = ""


@dataclass(frozen=True)
class Mount:
    kind: str
    source: str
    destination: str
    mode: str
    rw: bool


@dataclass(frozen=True)
class ContainerConfig:
    """What the Config tab shows, parsed from /containers/{id}/json."""

    id: str
    name: str
    image: str
    image_id: str
    digest: str
    command: list[str]
    entrypoint: list[str]
    env: list[tuple[str, str]]
    ports: list[str]
    networks: list[NetworkAttachment]
    labels: list[tuple[str, str]]
    mounts: list[Mount]
    hostname: str
    restart_count: int
    state: str
    health: str
    started_at: str
    finished_at: str
    exit_code: int
    tty: bool
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_inspect(cls, data: Mapping[str, Any]) -> ContainerConfig:
        config = data.get("Config") or {}
        state = data.get("State") or {}
        network_settings = data.get("NetworkSettings") or {}
        image = str(config.get("Image") or "")
        digest = image.split("@", 1)[1] if "@" in image else ""
        env = []
        for item in config.get("Env") or []:
            key, _, value = str(item).partition("=")
            env.append((key, value))
        ports = []
        for port, bindings in sorted((network_settings.get("Ports") or {}).items()):
            if bindings:
                for binding in bindings:
                    host = binding.get("HostIp") or "0.0.0.0"
                    ports.append(f"{host}:{binding.get('HostPort')} -> {port}")
            else:
                ports.append(port)
        networks = [
            NetworkAttachment(
                name,
                str(net.get("IPAddress") or ""),
                str(net.get("Gateway") or ""),
                str(net.get("MacAddress") or ""),
                str(net.get("GlobalIPv6Address") or ""),
            )
            for name, net in sorted((network_settings.get("Networks") or {}).items())
        ]
        mounts = [
            Mount(
                str(m.get("Type") or ""),
                str(m.get("Name") or m.get("Source") or ""),
                str(m.get("Destination") or ""),
                str(m.get("Mode") or ""),
                bool(m.get("RW", True)),
            )
            for m in data.get("Mounts") or []
        ]
        return cls(
            id=str(data.get("Id") or ""),
            name=str(data.get("Name") or "").lstrip("/"),
            image=image.split("@", 1)[0],
            image_id=str(data.get("Image") or ""),
            digest=digest,
            command=list(config.get("Cmd") or []),
            entrypoint=list(config.get("Entrypoint") or []),
            env=env,
            ports=ports,
            networks=networks,
            labels=sorted((config.get("Labels") or {}).items()),
            mounts=mounts,
            hostname=str(config.get("Hostname") or ""),
            restart_count=int(data.get("RestartCount") or 0),
            state=str(state.get("Status") or ""),
            health=str((state.get("Health") or {}).get("Status") or ""),
            started_at=str(state.get("StartedAt") or ""),
            finished_at=str(state.get("FinishedAt") or ""),
            exit_code=int(state.get("ExitCode") or 0),
            tty=bool(config.get("Tty")),
            raw=data,
        )


def inspect(client: docker.APIClient, container_id: str) -> ContainerConfig:
    return ContainerConfig.from_inspect(api.call(client, client.inspect_container, container_id))


def top(client: docker.APIClient, container_id: str) -> tuple[list[str], list[list[str]]]:
    """(column titles, process rows) as `docker top` shows them."""
    result = api.call(client, client.top, container_id) or {}
    return list(result.get("Titles") or []), [list(row) for row in result.get("Processes") or []]


def changes(client: docker.APIClient, container_id: str) -> list[tuple[str, str]]:
    """(kind, path) of the container's layer diff, kind in changed / added / deleted, sorted by path."""
    result = api.call(client, client.diff, container_id) or []
    return sorted(
        ((CHANGE_KINDS.get(item.get("Kind"), "changed"), item.get("Path", "")) for item in result),
        key=lambda pair: pair[1],
    )


def exec_create(
    client: docker.APIClient, container_id: str, command: list[str], cols: int = 80, rows: int = 24
) -> str:
    """An exec with a TTY and stdin; returns its id. Only TERM is set: COLUMNS/LINES in the environment
    would override the TTY size for busybox and others, so the size goes through exec_resize alone."""
    env = {"TERM": "xterm-256color"}
    result = api.call(
        client,
        client.exec_create,
        container_id,
        command,
        stdin=True,
        tty=True,
        stdout=True,
        stderr=True,
        environment=env,
    )
    return str(result["Id"])


def exec_start(client: docker.APIClient, exec_id: str) -> Any:
    """Start the exec attached: a socket (TLS: an SSLSocket; unix: a wrapper with `_sock`)."""
    return api.call(client, client.exec_start, exec_id, tty=True, socket=True)


def exec_resize(client: docker.APIClient, exec_id: str, cols: int, rows: int) -> None:
    api.call(client, client.exec_resize, exec_id, height=rows, width=cols)


def exec_exit_code(client: docker.APIClient, exec_id: str) -> int | None:
    result = api.call(client, client.exec_inspect, exec_id) or {}
    return None if result.get("Running") else result.get("ExitCode")


def default_shell(client: docker.APIClient, container_id: str) -> list[str]:
    """`bash` when the container has it, else `/bin/sh` (one quick non-interactive exec to find out)."""
    try:
        probe = client.exec_create(container_id, ["sh", "-c", "command -v bash"], stdout=True, stderr=False)
        out = client.exec_start(probe["Id"])
        if isinstance(out, bytes) and out.strip():
            return [out.decode().strip()]
    except docker.errors.DockerException:
        pass
    return ["/bin/sh"]
