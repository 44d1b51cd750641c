"""Table churn for the load benchmarks (soak, P4): from a thread of its own, through node-1's own
socket, as other operators would — every `period` seconds a service is created, the previous one
scaled to 2 and the oldest removed (4 kept); optionally node-4 drained and restored now and then."""

from __future__ import annotations

import os
import threading
import time

import docker

IMAGE = "127.0.0.1:5000/crane/busybox:1"


def node1_socket() -> str:
    instance = os.environ.get("CRANE_SWARM_INSTANCE", "0")
    return f"unix:///run/crane-testswarm{'' if instance == '0' else instance}/node-1.sock"


def churn(
    stop: threading.Event,
    *,
    period: float,
    prefix: str,
    label: str,
    rounds: list[int] | None = None,
    drain_every: float | None = None,
) -> None:
    """Churn until `stop`; counts finished rounds in rounds[0]; removes what it made (and restores
    node-4) at the end."""
    client = docker.APIClient(base_url=node1_socket(), timeout=60)
    spec = docker.types.TaskTemplate(docker.types.ContainerSpec(IMAGE, ["sleep", "3600"]))
    node4 = next(n["ID"] for n in client.nodes() if n["Description"]["Hostname"] == "node-4")
    names: list[str] = []
    counter = 0
    last_drain = time.monotonic()
    try:
        while not stop.wait(period):
            counter += 1
            names.append(f"{prefix}-{counter}")
            one = docker.types.ServiceMode("replicated", replicas=1)
            client.create_service(spec, name=names[-1], labels={label: "1"}, mode=one)
            if len(names) > 1:
                current = client.inspect_service(names[-2])
                two = docker.types.ServiceMode("replicated", replicas=2)
                client.update_service(
                    current["ID"],
                    current["Version"]["Index"],
                    spec,
                    name=names[-2],
                    labels={label: "1"},
                    mode=two,
                )
            if len(names) > 4:
                client.remove_service(names.pop(0))
            if drain_every and time.monotonic() - last_drain > drain_every:
                last_drain = time.monotonic()
                for availability in ("drain", "active"):
                    set_availability(client, node4, availability)
            if rounds is not None:
                rounds[0] += 1
    finally:
        for service in client.services(filters={"label": label}):
            client.remove_service(service["ID"])
        set_availability(client, node4, "active")


def set_availability(client: docker.APIClient, node_id: str, availability: str) -> None:
    node = client.inspect_node(node_id)
    client.update_node(node_id, node["Version"]["Index"], dict(node["Spec"], Availability=availability))
