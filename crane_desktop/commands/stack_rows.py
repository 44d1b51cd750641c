"""The rows of `stack ls`, `stack services` and `stack ps`, field for field as docker/cli's stack, service
and task formatters compute them from the engine's JSON. Imports no Qt."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from crane_desktop.commands.docker_output import (
    display_image,
    ellipsis,
    human_duration,
    natural_key,
    pretty,
)
from crane_desktop.engine.snapshots import parse_time

QUIET = "{{.ID}}"
LS_TABLE = "table {{.Name}}\t{{.Services}}"
LS_HEADERS = {"Name": "NAME", "Services": "SERVICES"}
SERVICES_TABLE = "table {{.ID}}\t{{.Name}}\t{{.Mode}}\t{{.Replicas}}\t{{.Image}}\t{{.Ports}}"
SERVICES_HEADERS = {
    "ID": "ID",
    "Name": "NAME",
    "Mode": "MODE",
    "Replicas": "REPLICAS",
    "Image": "IMAGE",
    "Ports": "PORTS",
}
TASKS_HEADERS = {
    "ID": "ID",
    "Name": "NAME",
    "Image": "IMAGE",
    "Node": "NODE",
    "DesiredState": "DESIRED STATE",
    "CurrentState": "CURRENT STATE",
    "Error": "ERROR",
    "Ports": "PORTS",
}
TASKS_TABLE = "table " + "\t".join("{{." + field + "}}" for field in TASKS_HEADERS)  # docker's order
MAX_ERROR_LENGTH = 30


def list_format(fmt: str, table: str, quiet: bool) -> str:
    """The format docker uses for `--format fmt` (and -q) of a list command."""
    if fmt in ("", "table"):
        return QUIET if quiet else table
    return fmt


def stack_rows(counts: Mapping[str, int]) -> list[dict[str, str]]:
    return [{"Name": name, "Services": str(counts[name])} for name in sorted(counts, key=natural_key)]


def _mode(mode: Mapping[str, Any]) -> str:
    for key, name in (
        ("Global", "global"),
        ("Replicated", "replicated"),
        ("ReplicatedJob", "replicated job"),
        ("GlobalJob", "global job"),
    ):
        if mode.get(key) is not None:
            return name
    return ""


def _replicas(service: Mapping[str, Any]) -> str:
    status = service.get("ServiceStatus") or {}
    running, desired = int(status.get("RunningTasks") or 0), int(status.get("DesiredTasks") or 0)
    completed = int(status.get("CompletedTasks") or 0)
    spec = service.get("Spec") or {}
    mode = spec.get("Mode") or {}
    if mode.get("ReplicatedJob") is not None:
        total = int(mode["ReplicatedJob"].get("TotalCompletions") or 0)
        return f"{running}/{desired} ({completed}/{total} completed)"
    if mode.get("GlobalJob") is not None:
        return f"{running}/{desired} ({completed}/{desired + completed} completed)"
    placement = (spec.get("TaskTemplate") or {}).get("Placement") or {}
    max_replicas = int(placement.get("MaxReplicas") or 0) if _mode(mode) == "replicated" else 0
    if max_replicas > 0:
        return f"{running}/{desired} (max {max_replicas} per node)"
    return f"{running}/{desired}"


@dataclass
class _PortRange:
    published: int
    published_end: int
    target: int
    target_end: int
    protocol: str

    def __str__(self) -> str:
        def text(start: int, end: int) -> str:
            return f"{start}-{end}" if end > start else str(start)

        published = text(self.published, self.published_end)
        return f"*:{published}->{text(self.target, self.target_end)}/{self.protocol}"


def ingress_ports(ports: Sequence[Mapping[str, Any]]) -> str:
    """The service's ports published on the ingress network, consecutive ones grouped into ranges
    ("*:80-81->80-81/tcp"), as docker's service list shows them."""
    ranges: list[_PortRange] = []
    ordered = sorted(ports, key=lambda p: (str(p.get("Protocol", "")), int(p.get("PublishedPort") or 0)))
    for port in ordered:
        if port.get("PublishMode") != "ingress":
            continue
        published, target = int(port.get("PublishedPort") or 0), int(port.get("TargetPort") or 0)
        protocol = str(port.get("Protocol", ""))
        current = ranges[-1] if ranges else _PortRange(0, 0, 0, 0, "")
        is_range = current.target_end != current.target
        if (
            protocol != current.protocol
            or not 0 <= published - current.published_end <= 1
            or not 0 <= target - current.target_end <= 1
            or (is_range and target <= current.target_end)
        ):
            ranges.append(_PortRange(published, published, target, target, protocol))
        else:
            current.published_end, current.target_end = published, target
    return ", ".join(str(r) for r in ranges if r.published > 0)


def service_rows(services: Sequence[Mapping[str, Any]]) -> list[dict[str, str]]:
    rows = []
    for service in sorted(services, key=lambda s: natural_key(s["Spec"]["Name"])):
        spec = service["Spec"]
        image = ((spec.get("TaskTemplate") or {}).get("ContainerSpec") or {}).get("Image", "")
        rows.append(
            {
                "ID": service["ID"][:12],
                "Name": spec["Name"],
                "Mode": _mode(spec.get("Mode") or {}),
                "Replicas": _replicas(service),
                "Image": display_image(image),
                "Ports": ingress_ports((service.get("Endpoint") or {}).get("Ports") or []),
            }
        )
    return rows


def node_names(nodes: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """Node id -> the name docker shows: its spec name, else its hostname."""
    return {
        node["ID"]: (node.get("Spec") or {}).get("Name")
        or (node.get("Description") or {}).get("Hostname")
        or node["ID"]
        for node in nodes
    }


def task_rows(
    tasks: Sequence[Mapping[str, Any]],
    services: Mapping[str, str],
    nodes: Mapping[str, str],
    *,
    now: datetime,
    trunc: bool = True,
    table: bool = True,
) -> list[dict[str, str]]:
    """One row a task: tasks of one slot together, the newest first and the older ones indented
    (tables only). `services`/`nodes`: id -> name (an unknown id is shown as it is)."""

    def name(task: Mapping[str, Any]) -> str:
        service = services.get(task.get("ServiceID", ""), task.get("ServiceID", ""))
        return f"{service}.{task.get('Slot') or task.get('NodeID', '')}"

    named = [(name(task), task) for task in tasks]
    named.sort(key=lambda item: -parse_time(item[1].get("CreatedAt")).timestamp())
    named.sort(key=lambda item: natural_key(item[0]))
    rows, previous = [], None
    for task_name, task in named:
        status = task.get("Status") or {}
        error = status.get("Err") or ""
        if trunc:
            error = ellipsis(error, MAX_ERROR_LENGTH)
        image = ((task.get("Spec") or {}).get("ContainerSpec") or {}).get("Image", "")
        since = (now - parse_time(status.get("Timestamp"))).total_seconds()
        ports = (status.get("PortStatus") or {}).get("Ports") or []
        node_id = task.get("NodeID", "")
        rows.append(
            {
                "ID": task["ID"][:12] if trunc else task["ID"],
                "Name": (" \\_ " if table and task_name == previous else "") + task_name,
                "Image": display_image(image) if trunc else image,
                "Node": nodes.get(node_id, node_id),
                "DesiredState": pretty(task.get("DesiredState", "")),
                "CurrentState": f"{pretty(status.get('State', ''))} {human_duration(since)} ago",
                "Error": f'"{error}"' if error else "",
                "Ports": ",".join(
                    f"*:{p.get('PublishedPort', 0)}->{p.get('TargetPort', 0)}/{p.get('Protocol', '')}"
                    for p in ports
                ),
            }
        )
        previous = task_name
    return rows
