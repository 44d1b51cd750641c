"""Secrets and configs: who uses them, and creating, relabelling and removing them safely.

The engine keeps both immutable (their data cannot change, moby#35803): a new version is a new object,
which `engine/rotate.py` rolls out. Everything here checks first and only then calls the engine, so a
refused request creates nothing.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import docker

from crane_desktop.engine import api, object_data
from crane_desktop.engine.errors import EngineError
from crane_desktop.engine.i18n import QT_TRANSLATE_NOOP
from crane_desktop.engine.snapshots import Config, Secret, Service, parse_all
from crane_desktop.engine.stacks import KINDS

Kind = Literal["secret", "config"]
MAX_BYTES = object_data.MAX_BYTES
NAME = re.compile(r"^[a-zA-Z0-9]+(?:[a-zA-Z0-9-_.]*[a-zA-Z0-9])?$")  # swarmkit's name rule
IN_USE = QT_TRANSLATE_NOOP("engine", "The {kind} is in use by {services}: it cannot be removed.")
KIND_WORDS = {"secret": KINDS["Secrets"], "config": KINDS["Configs"]}  # shown in the user's language


@dataclass(frozen=True, slots=True)
class Use:
    """One service's reference to a secret or config: where its tasks find the file."""

    service_id: str
    service: str  # its name
    target: str
    uid: str
    gid: str
    mode: int


def references(spec: Mapping[str, Any], kind: Kind) -> list[dict[str, Any]]:
    """The service spec's references of `kind` (the list itself, so a caller can change it)."""
    container = spec.get("TaskTemplate", {}).get("ContainerSpec", {})
    found = container.get("Secrets" if kind == "secret" else "Configs")
    return found if isinstance(found, list) else []


def _ref_id(kind: Kind) -> str:
    return "SecretID" if kind == "secret" else "ConfigID"


def users(services: Iterable[Service], kind: Kind, object_id: str) -> list[Use]:
    """Every service (by name) that uses the object, with the target path, owner and mode."""
    found = []
    for service in services:
        spec = service.raw.get("Spec") or {}
        for ref in references(spec, kind):
            if isinstance(ref, Mapping) and ref.get(_ref_id(kind)) == object_id:
                file = ref.get("File") or {}
                found.append(
                    Use(
                        service.id,
                        service.name,
                        str(file.get("Name", "")),
                        str(file.get("UID", "")),
                        str(file.get("GID", "")),
                        int(file.get("Mode", 0) or 0),
                    )
                )
    return sorted(found, key=lambda use: (use.service, use.target))


def snapshot_class(kind: Kind) -> type[Secret]:
    return Secret if kind == "secret" else Config


def list_objects(client: docker.APIClient, kind: Kind) -> dict[str, Secret]:
    fn = client.secrets if kind == "secret" else client.configs
    return parse_all(snapshot_class(kind), api.call(client, fn))


def find(client: docker.APIClient, kind: Kind, name: str) -> Secret:
    """The object named `name` (or with that id); EngineError naming it if there is none."""
    for found in list_objects(client, kind).values():
        if name in (found.name, found.id):
            return found
    raise EngineError(
        QT_TRANSLATE_NOOP("engine", "There is no {kind} named {name}."), kind=KIND_WORDS[kind], name=name
    )


def check_new(kind: Kind, name: str, data: bytes, existing: Iterable[str], driver: str = "") -> None:
    """Refuse, before anything is created, what the engine would refuse or what would clash, and a
    template that every task using it would fail to expand (`driver`: its templating driver)."""
    if not NAME.match(name) or len(name) > 64:
        raise EngineError(
            QT_TRANSLATE_NOOP(
                "engine",
                "{name} is not a valid name: up to 64 letters, digits, '-', '_' or '.', "
                "starting and ending with a letter or digit.",
            ),
            name=name or '""',
        )
    if name in set(existing):
        raise EngineError(
            QT_TRANSLATE_NOOP("engine", "A {kind} named {name} exists already."),
            kind=KIND_WORDS[kind],
            name=name,
        )
    if not data:
        raise EngineError(QT_TRANSLATE_NOOP("engine", "The {kind} is empty."), kind=KIND_WORDS[kind])
    if len(data) > MAX_BYTES:
        raise EngineError(
            # Over the limit, only the limit's worth is read (a file may be huge): its size is not known.
            QT_TRANSLATE_NOOP("engine", "The {kind} is over 500 KB: the engine takes at most {limit} bytes."),
            kind=KIND_WORDS[kind],
            limit=str(MAX_BYTES),
        )
    if not object_data.driver_known(driver):
        raise EngineError(object_data.UNKNOWN_DRIVER, driver=driver)
    problem = object_data.template_problem(data) if driver else None
    if problem is not None:
        raise EngineError(
            QT_TRANSLATE_NOOP("engine", "The template is not valid, line {line}: {reason}"),
            line=str(problem.line),
            reason=problem.reason,
        )


def create(
    client: docker.APIClient,
    kind: Kind,
    name: str,
    data: bytes,
    labels: Mapping[str, str] | None = None,
    driver: str = "",
) -> str:
    """Check, then create; the new object's id. `driver` is its templating driver (golang: the data is
    expanded at each task's start; a secret can be templated too, which docker-py cannot send)."""
    check_new(kind, name, data, (o.name for o in list_objects(client, kind).values()), driver)
    spec: dict[str, Any] = {
        "Name": name,
        "Labels": dict(labels or {}),
        "Data": base64.b64encode(data).decode("ascii"),
    }
    if driver:
        spec["Templating"] = {"Name": driver}
    created = api.call(client, api.post_json, client, f"/{kind}s/create", spec)
    return str((created or {}).get("ID", ""))


def remove(client: docker.APIClient, kind: Kind, object_id: str) -> None:
    """Remove the object, refused (naming them) while services use it."""
    services = parse_all(Service, api.call(client, client.services)).values()
    using = users(services, kind, object_id)
    if using:
        raise EngineError(
            IN_USE,
            kind=KIND_WORDS[kind],
            services=", ".join(sorted({use.service for use in using})),
        )
    fn = client.remove_secret if kind == "secret" else client.remove_config
    api.call(client, fn, object_id)


def set_labels(client: docker.APIClient, kind: Kind, object_id: str, labels: Mapping[str, str]) -> None:
    """Replace the labels (the only thing the engine lets change), at the version read."""
    inspect = client.inspect_secret if kind == "secret" else client.inspect_config
    current = api.call(client, inspect, object_id)
    spec = dict(current.get("Spec") or {})
    spec["Labels"] = dict(labels)
    path = "/secrets/{0}/update" if kind == "secret" else "/configs/{0}/update"
    version = (current.get("Version") or {}).get("Index", 0)
    api.call(client, api.post_json, client, path, spec, object_id, version=version)
