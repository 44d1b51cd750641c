"""Comparing what our compose deploy made with what `docker stack deploy` made: the specs of an app's
services, networks, secrets and configs, with the app name and object ids normalised away."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from tests.swarm import docker, wait_until

VOLATILE = {
    "ID",
    "Version",
    "CreatedAt",
    "UpdatedAt",
    "Endpoint",
    "UpdateStatus",
    "PreviousSpec",
    "ServiceStatus",
}


def volumes() -> dict[int, set[str]]:
    return {node: set(docker(node, "volume", "ls", "-q").split()) for node in range(1, 5)}


def containers_gone(names: list[str]) -> bool:
    return not any(
        docker(node, "ps", "-aq", "--filter", f"label=com.docker.stack.namespace={name}")
        for node in range(1, 5)
        for name in names
    )


def remove_volumes(node: int, names: list[str]) -> bool:
    docker(node, "volume", "rm", *names, check=False)
    return not set(names) & set(docker(node, "volume", "ls", "-q").split())


def normalise(value: Any, stack: str, ids: dict[str, str]) -> Any:
    """Replace the app name by STACK (also inside names and labels) and object ids (networks, secrets,
    configs) by their names."""
    if isinstance(value, dict):
        return {
            normalise(k, stack, ids): normalise(v, stack, ids) for k, v in value.items() if k not in VOLATILE
        }
    if isinstance(value, list):
        return [normalise(v, stack, ids) for v in value]
    if isinstance(value, str):
        return ids.get(value, value).replace(stack, "STACK")
    return value


def differences(ours: Any, theirs: Any, path: str = "") -> list[str]:
    if isinstance(ours, dict) and isinstance(theirs, dict):
        found = []
        for key in sorted(set(ours) | set(theirs)):
            found += differences(ours.get(key), theirs.get(key), f"{path}.{key}")
        return found
    if isinstance(ours, list) and isinstance(theirs, list) and len(ours) == len(theirs):
        return [
            d
            for i, (a, b) in enumerate(zip(ours, theirs, strict=True))
            for d in differences(a, b, f"{path}[{i}]")
        ]
    return [] if ours == theirs else [f"{path}: ours={ours!r} cli={theirs!r}"]


def snapshot(cluster, stack: str) -> dict[str, Any]:
    client = cluster.client
    flt = {"label": f"com.docker.stack.namespace={stack}"}
    ids = {n["Id"]: n["Name"] for n in client.networks()}
    ids.update({s["ID"]: s["Spec"]["Name"] for s in client.secrets()})
    ids.update({c["ID"]: c["Spec"]["Name"] for c in client.configs()})
    services = {s["Spec"]["Name"]: s["Spec"] for s in client.services(filters=flt)}
    networks = {
        n["Name"]: {k: n[k] for k in ("Driver", "Scope", "Internal", "Attachable", "Labels")}
        for n in client.networks(filters=flt)
    }
    secrets = {s["Spec"]["Name"]: s["Spec"] for s in client.secrets(filters=flt)}
    configs = {c["Spec"]["Name"]: c["Spec"] for c in client.configs(filters=flt)}
    state = {"services": services, "networks": networks, "secrets": secrets, "configs": configs}
    return normalise(state, stack, ids)


def remove_apps(names: list[str], volumes_before: dict[int, set[str]]) -> None:
    """Remove apps with `docker stack rm`, then the volumes their tasks made (named and anonymous: like
    `docker stack rm`, removing an app leaves volumes on the nodes)."""
    for name in names:
        docker(1, "stack", "rm", name, check=False)
    wait_until(lambda: containers_gone(names), timeout=60, what="the apps' containers to go")
    for node, found in volumes().items():
        new = sorted(found - volumes_before[node])
        if new:
            # A task container the agent is still tearing down (or had just created when the app went)
            # holds its volumes a moment longer than `docker ps` shows it: wait until the removal goes.
            wait_until(
                lambda node=node, new=new: remove_volumes(node, new),
                timeout=60,
                what=f"the apps' volumes on node {node} to be released",
            )


def apps_removed_afterwards() -> Iterator[list[str]]:
    """Generator for a fixture: yields the list a test appends its app names to; removes them after."""
    names: list[str] = []
    before = volumes()
    yield names
    remove_apps(names, before)
