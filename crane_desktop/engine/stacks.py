"""Apps (stacks) on the engine: deploy/redeploy a compose plan as `docker stack deploy --prune` does,
remove an app, and the service actions (update keeping the version, scale, roll back).

Specs go to the engine as raw API JSON (not docker-py's typed helpers) so what we send is exactly
what the compose package built, field for field.
"""

from __future__ import annotations

import base64
import contextlib
import copy
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from docker import APIClient as Client

from crane_desktop.engine import api
from crane_desktop.engine.compose import StackPlan
from crane_desktop.engine.deploy_checks import Place, check_externals
from crane_desktop.engine.errors import EngineError, NotFound
from crane_desktop.engine.i18n import QT_TRANSLATE_NOOP, term
from crane_desktop.engine.image_names import tagged_image
from crane_desktop.engine.registries import AuthFor, registry_auth_header
from crane_desktop.engine.snapshots import STACK_LABEL
from crane_desktop.engine.spec_diff import Change, diff_specs, with_network_names


@dataclass
class DeployResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    networks: list[str] = field(default_factory=list)


@dataclass
class RemoveResult:
    services: list[str] = field(default_factory=list)
    networks: list[str] = field(default_factory=list)
    secrets: list[str] = field(default_factory=list)
    configs: list[str] = field(default_factory=list)


def _post(client: Client, path: str, body: Any, **params: Any) -> Any:
    return api.call(client, api.post_json, client, path, body, **params)


def _image_of(spec: Mapping[str, Any]) -> str:
    return str(((spec.get("TaskTemplate") or {}).get("ContainerSpec") or {}).get("Image") or "")


def _post_service(
    client: Client, path: str, spec: Mapping[str, Any], auth: Mapping[str, str], **params: Any
) -> Any:
    """Create or update a service, with the registry login for its image (`auth`: the headers from
    registry_auth_header) as docker's --with-registry-auth sends it; without one the engine keeps
    the login the service had. The image goes as docker's client sends it (tagged, familiar)."""
    container = (spec.get("TaskTemplate") or {}).get("ContainerSpec")
    if isinstance(container, Mapping) and isinstance(container.get("Image"), str):
        image = tagged_image(container["Image"])
        spec = {
            **spec,
            "TaskTemplate": {**spec["TaskTemplate"], "ContainerSpec": {**container, "Image": image}},
        }
    return api.call(client, api.post_json, client, path, spec, headers=auth, **params)


def _label_filter(stack: str) -> dict[str, str]:
    return {"label": f"{STACK_LABEL}={stack}"}


def stack_services(client: Client, stack: str) -> list[dict[str, Any]]:
    return api.call(client, client.services, filters=_label_filter(stack))


def stack_summary(client: Client, stack: str) -> RemoveResult:
    """What removing the app would delete (for the confirmation)."""

    def names(items: list[dict[str, Any]], *path: str) -> list[str]:
        result = []
        for item in items:
            value: Any = item
            for key in path:
                value = value.get(key, {}) if isinstance(value, dict) else {}
            result.append(str(value))
        return sorted(result)

    return RemoveResult(
        services=names(stack_services(client, stack), "Spec", "Name"),
        networks=names(api.call(client, client.networks, filters=_label_filter(stack)), "Name"),
        secrets=names(api.call(client, client.secrets, filters=_label_filter(stack)), "Spec", "Name"),
        configs=names(api.call(client, client.configs, filters=_label_filter(stack)), "Spec", "Name"),
    )


def list_stacks(client: Client) -> dict[str, int]:
    """Service count by app name, for every app deployed as a stack (as docker stack ls counts)."""
    counts: dict[str, int] = {}
    for service in api.call(client, client.services, filters={"label": STACK_LABEL}):
        name = str((service["Spec"].get("Labels") or {}).get(STACK_LABEL, ""))
        counts[name] = counts.get(name, 0) + 1
    return counts


Filters = Mapping[str, list[str]]  # docker's --filter: name -> values (the engine checks the names)


def _app_filters(stack: str, more: Filters | None) -> dict[str, list[str]]:
    """The app's label filter and the user's, as docker stack services/ps send them."""
    filters = {name: list(values) for name, values in (more or {}).items()}
    filters.setdefault("label", []).append(f"{STACK_LABEL}={stack}")
    return filters


def stack_services_with_status(
    client: Client, stack: str, filters: Filters | None = None
) -> list[dict[str, Any]]:
    """The app's services with the engine's running/desired task counts (ServiceStatus)."""
    return api.call(client, client.services, filters=_app_filters(stack, filters), status=True)


def stack_tasks(client: Client, stack: str, filters: Filters | None = None) -> list[dict[str, Any]]:
    """Every task of the app, the ended ones too (as docker stack ps lists them)."""
    return api.call(client, client.tasks, filters=_app_filters(stack, filters))


# -- deploy ---------------------------------------------------------------------------------------
def _file_objects(client: Client, kind: str, specs: dict[str, dict[str, Any]]) -> None:
    """Create the app's secrets/configs; existing ones get the same spec again (labels only can change)."""
    lister = client.secrets if kind == "secrets" else client.configs
    existing = {item["Spec"]["Name"]: item for item in api.call(client, lister)}
    for name, spec in specs.items():
        body = {**spec, "Data": base64.b64encode(spec["Data"]).decode("ascii")}
        current = existing.get(name)
        if current is None:
            _post(client, f"/{kind}/create", body)
        else:
            _post(client, f"/{kind}/{current['ID']}/update", body, version=current["Version"]["Index"])


def _resolve_references(client: Client, spec: dict[str, Any]) -> dict[str, Any]:
    """Fill SecretID / ConfigID from the names, as the CLI's ParseSecrets/ParseConfigs (which also puts
    the id of a credential spec's config in place of its name). A reference that has its id (a spec read
    from the engine, then edited) keeps it."""
    spec = copy.deepcopy(spec)
    container = spec["TaskTemplate"]["ContainerSpec"]
    for kind, name_key, id_key in (
        ("Secrets", "SecretName", "SecretID"),
        ("Configs", "ConfigName", "ConfigID"),
    ):
        refs = container.get(kind)
        if not refs:
            continue
        lister = client.secrets if kind == "Secrets" else client.configs
        ids = {item["Spec"]["Name"]: item["ID"] for item in api.call(client, lister)}
        for ref in refs:
            if ref.get(id_key):
                continue
            if ref[name_key] not in ids:
                raise _missing(kind, ref[name_key])
            ref[id_key] = ids[ref[name_key]]
        credential = (container.get("Privileges") or {}).get("CredentialSpec") or {}
        if kind == "Configs" and credential.get("Config") and credential["Config"] not in ids.values():
            if credential["Config"] not in ids:
                raise _missing(kind, credential["Config"])
            credential["Config"] = ids[credential["Config"]]
    return spec


KINDS = {  # {kind} of the message below, marked so the UI shows it in the user's language
    "Secrets": term(QT_TRANSLATE_NOOP("EngineTerms", "secret")),
    "Configs": term(QT_TRANSLATE_NOOP("EngineTerms", "config")),
}


def _missing(kind: str, name: str) -> EngineError:
    return EngineError(
        QT_TRANSLATE_NOOP("engine", "The {kind} {name} does not exist."),
        kind=KINDS.get(kind, kind.lower()[:-1]),
        name=name,
    )


def deploy(
    client: Client,
    plan: StackPlan,
    *,
    prune: bool = True,
    places: Mapping[tuple[str, str], Place] | None = None,
    auth: AuthFor | None = None,
) -> DeployResult:
    """Create or update everything in `plan`; with `prune`, remove the app's services not in it.

    Every external object (networks, secrets, configs) is checked before anything is created, so a
    refused deploy changes nothing (docker stack deploy creates the networks first); `places` (from
    deploy_checks.check_files) lets the refusal name the line that declares it. `auth` gives the
    registry login of each service's image; they are all read first too (a locked keyring refuses
    the deploy before anything exists)."""
    result = DeployResult()
    check_externals(client, plan, places)
    logins = {name: registry_auth_header(auth, _image_of(spec)) for name, spec in plan.services.items()}
    _file_objects(client, "secrets", plan.secrets)
    _file_objects(client, "configs", plan.configs)
    existing_networks = {
        n["Name"] for n in api.call(client, client.networks, filters=_label_filter(plan.name))
    }
    for name, body in plan.networks.items():
        if name not in existing_networks:
            _post(client, "/networks/create", body)
            result.networks.append(name)
    existing = {s["Spec"]["Name"]: s for s in stack_services(client, plan.name)}
    for name, spec in plan.services.items():
        spec = _resolve_references(client, spec)
        current = existing.get(name)
        if current is None:
            _post_service(client, "/services/create", spec, logins[name])
            result.created.append(name)
            continue
        spec = redeploy_spec(current["Spec"], spec)
        _post_service(
            client,
            f"/services/{current['ID']}/update",
            spec,
            logins[name],
            version=current["Version"]["Index"],
        )
        result.updated.append(name)
    if prune:
        for name, current in existing.items():
            if name not in plan.services:
                api.call(client, client.remove_service, current["ID"])
                result.removed.append(name)
    return result


def redeploy_spec(current: Mapping[str, Any], planned: Mapping[str, Any]) -> dict[str, Any]:
    """The spec a redeploy sends for an existing service: the plan's, keeping the current ForceUpdate
    (stack deploy has no --force, so an unchanged service is not restarted)."""
    spec: dict[str, Any] = copy.deepcopy(dict(planned))
    spec.setdefault("TaskTemplate", {})["ForceUpdate"] = (current.get("TaskTemplate") or {}).get(
        "ForceUpdate", 0
    )
    return spec


@dataclass
class ServiceReview:
    """What deploying a plan does to one service of the app: `created`, `updated` (with its `changes`),
    `unchanged`, or `removed` (a service of the app the plan no longer has)."""

    name: str
    outcome: str
    changes: list[Change] = field(default_factory=list)


def review_plan(
    plan: StackPlan,
    current: Mapping[str, Mapping[str, Any]],
    network_ids: Mapping[str, str],
    *,
    prune: bool = True,
) -> list[ServiceReview]:
    """Compare `plan` with the app's services as they are (`current`: scoped name -> Spec), without
    calling the engine. References take the ids the engine would put in their place: networks from
    `network_ids` (name -> id), secrets and configs those the current spec has for the same names."""
    reviews = []
    names = {network_id: name for name, network_id in network_ids.items()}
    for name, planned in sorted(plan.services.items()):
        spec = current.get(name)
        if spec is None:
            reviews.append(ServiceReview(name, "created"))
            continue
        sent = _with_network_ids(_with_current_ids(spec, redeploy_spec(spec, planned)), network_ids)
        changes = with_network_names(diff_specs(spec, sent), names)
        reviews.append(ServiceReview(name, "updated" if changes else "unchanged", changes))
    if prune:
        reviews += [ServiceReview(name, "removed") for name in sorted(set(current) - set(plan.services))]
    return reviews


@dataclass
class DeployReview:
    """What deploying a plan would do (`stack deploy --dry-run`): per service, and the networks, secrets
    and configs it would create."""

    services: list[ServiceReview]
    networks: list[str] = field(default_factory=list)
    secrets: list[str] = field(default_factory=list)
    configs: list[str] = field(default_factory=list)


def review_deploy(
    client: Client,
    plan: StackPlan,
    *,
    prune: bool = False,
    places: Mapping[tuple[str, str], Place] | None = None,
) -> DeployReview:
    """`deploy`'s outcome read from the engine, nothing sent: the externals checked as `deploy` checks
    them (a deploy that would be refused is refused here too), then `review_plan` on the live specs."""
    check_externals(client, plan, places)
    current = {s["Spec"]["Name"]: s["Spec"] for s in stack_services(client, plan.name)}
    networks = {n["Name"]: n["Id"] for n in api.call(client, client.networks)}
    secrets = {item["Spec"]["Name"] for item in api.call(client, client.secrets)}
    configs = {item["Spec"]["Name"] for item in api.call(client, client.configs)}
    return DeployReview(
        services=review_plan(plan, current, networks, prune=prune),
        networks=sorted(set(plan.networks) - set(networks)),
        secrets=sorted(set(plan.secrets) - secrets),
        configs=sorted(set(plan.configs) - configs),
    )


def _with_network_ids(planned: dict[str, Any], network_ids: Mapping[str, str]) -> dict[str, Any]:
    for attachment in planned.get("TaskTemplate", {}).get("Networks") or ():
        attachment["Target"] = network_ids.get(attachment.get("Target", ""), attachment.get("Target"))
    return planned


def _with_current_ids(current: Mapping[str, Any], planned: dict[str, Any]) -> dict[str, Any]:
    container = planned.get("TaskTemplate", {}).get("ContainerSpec") or {}
    now = (current.get("TaskTemplate") or {}).get("ContainerSpec") or {}
    for kind, name_key, id_key in (
        ("Secrets", "SecretName", "SecretID"),
        ("Configs", "ConfigName", "ConfigID"),
    ):
        ids = {ref.get(name_key): ref.get(id_key) for ref in now.get(kind) or ()}
        for ref in container.get(kind) or ():
            if ref.get(name_key) in ids and id_key not in ref:
                ref[id_key] = ids[ref[name_key]]
    return planned


# -- remove ---------------------------------------------------------------------------------------
def remove(client: Client, stack: str, *, timeout: float = 60.0) -> RemoveResult:
    """Remove the app: its services, then (once their tasks are gone) its networks, secrets, configs."""
    result = RemoveResult()
    services = stack_services(client, stack)
    if not services and not api.call(client, client.networks, filters=_label_filter(stack)):
        raise NotFound(QT_TRANSLATE_NOOP("engine", "There is no app named {name}."), name=stack)
    for service in services:
        with contextlib.suppress(NotFound):  # removed meanwhile
            api.call(client, client.remove_service, service["ID"])
        result.services.append(service["Spec"]["Name"])
    ids = [s["ID"] for s in services]
    deadline = time.monotonic() + timeout
    while ids and time.monotonic() < deadline:
        tasks = api.call(client, client.tasks)  # a removed service cannot be a filter any more
        if not any(task.get("ServiceID") in ids for task in tasks):
            break
        time.sleep(0.3)
    for kind, lister, remover in (
        ("secrets", client.secrets, client.remove_secret),
        ("configs", client.configs, client.remove_config),
    ):
        for item in api.call(client, lister, filters=_label_filter(stack)):
            api.call(client, remover, item["ID"])
            getattr(result, kind).append(item["Spec"]["Name"])
    for network in api.call(client, client.networks, filters=_label_filter(stack)):
        while True:
            try:
                api.call(client, client.remove_network, network["Id"])
                break
            except NotFound:
                break
            except EngineError as error:  # the engine refused (still in use): retry; unreachable: raise
                if error.status is None or time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        result.networks.append(network["Name"])
    return result


# -- service actions ------------------------------------------------------------------------------
def inspect_service(client: Client, service_id: str) -> dict[str, Any]:
    return api.call(client, client.inspect_service, service_id)


def update_spec(
    client: Client,
    service_id: str,
    change: Callable[[dict[str, Any]], None],
    *,
    rollback: bool = False,
    auth: AuthFor | None = None,
) -> dict[str, Any]:
    """Apply `change` to the service's current spec and send it with the version it was read at (and,
    with `auth`, the registry login of its image)."""
    current = inspect_service(client, service_id)
    spec = copy.deepcopy(current["Spec"])
    change(spec)
    params: dict[str, Any] = {"version": current["Version"]["Index"]}
    if rollback:
        params["rollback"] = "previous"
    login = registry_auth_header(auth, _image_of(spec))
    return _post_service(client, f"/services/{service_id}/update", spec, login, **params) or {}


def scale(client: Client, service_id: str, replicas: int) -> None:
    """Set the task count (replicated services only); the engine applies it at once."""
    if replicas < 0:
        raise EngineError(QT_TRANSLATE_NOOP("engine", "The task count cannot be negative."))

    def change(spec: dict[str, Any]) -> None:
        replicated = spec.get("Mode", {}).get("Replicated")
        if replicated is None:
            raise EngineError(
                QT_TRANSLATE_NOOP(
                    "engine", "{name} is a global service: it runs one task per node and cannot be scaled."
                ),
                name=spec.get("Name", service_id),
            )
        replicated["Replicas"] = replicas

    update_spec(client, service_id, change)


def scale_services(client: Client, replicas: Mapping[str, int]) -> None:
    """Set the task counts of several services (an app's), one after the other, as `docker service
    scale a=1 b=2` does; the first refusal stops it (the counts set before it stay)."""
    for service_id, count in replicas.items():
        scale(client, service_id, count)


def rollback(client: Client, service_id: str) -> None:
    """The engine's rollback to the previous spec (as `docker service rollback`)."""
    current = inspect_service(client, service_id)
    if not current.get("PreviousSpec"):
        raise EngineError(
            QT_TRANSLATE_NOOP("engine", "{name} has no previous version to roll back to."),
            name=current["Spec"].get("Name", service_id),
        )
    update_spec(client, service_id, lambda spec: None, rollback=True)


def set_image(client: Client, service_id: str, image: str, auth: AuthFor | None = None) -> None:
    def change(spec: dict[str, Any]) -> None:
        spec["TaskTemplate"]["ContainerSpec"]["Image"] = image

    update_spec(client, service_id, change, auth=auth)


def replace_spec(
    client: Client, service_id: str, new_spec: dict[str, Any], auth: AuthFor | None = None
) -> None:
    """Send a whole new spec (from the form); the service and endpoint modes must not change."""

    def change(spec: dict[str, Any]) -> None:
        old_mode = "Global" if "Global" in spec.get("Mode", {}) else "Replicated"
        new_mode = "Global" if "Global" in new_spec.get("Mode", {}) else "Replicated"
        old_endpoint = (spec.get("EndpointSpec") or {}).get("Mode") or "vip"
        new_endpoint = (new_spec.get("EndpointSpec") or {}).get("Mode") or "vip"
        if old_mode != new_mode or old_endpoint != new_endpoint:
            raise EngineError(
                QT_TRANSLATE_NOOP(
                    "engine", "The service mode and the endpoint mode of a service cannot change."
                )
            )
        force = spec.get("TaskTemplate", {}).get("ForceUpdate", 0)
        spec.clear()
        spec.update(copy.deepcopy(new_spec))
        spec.setdefault("TaskTemplate", {})["ForceUpdate"] = force

    update_spec(client, service_id, change, auth=auth)


def create_service(client: Client, spec: dict[str, Any], auth: AuthFor | None = None) -> str:
    """Create a lone service; its secrets and configs are named, their ids looked up here."""
    login = registry_auth_header(auth, _image_of(spec))
    resolved = _resolve_references(client, spec)
    return str((_post_service(client, "/services/create", resolved, login) or {}).get("ID", ""))


NewObjects = Mapping[str, dict[str, dict[str, Any]]]  # {"secrets": {name: spec}, "configs": ...}


@contextlib.contextmanager
def _objects_made(client: Client, objects: NewObjects) -> Iterator[None]:
    """Create the secrets and configs a form brings (checked new by the form) for the block; if the
    engine refuses what the block sends, the objects made for it are removed again."""
    made: list[tuple[str, str]] = []
    try:
        for kind in ("secrets", "configs"):
            for body in objects.get(kind, {}).values():
                encoded = {**body, "Data": base64.b64encode(body["Data"]).decode("ascii")}
                made.append((kind, str((_post(client, f"/{kind}/create", encoded) or {}).get("ID", ""))))
        yield
    except EngineError:
        for kind, object_id in reversed(made):
            api.call(client, client.remove_secret if kind == "secrets" else client.remove_config, object_id)
        raise


def _login_read_first(auth: AuthFor | None, image: str) -> AuthFor:
    """The image's login read now, before anything is created (a locked keyring refuses here), as an
    AuthFor that gives it again without asking."""
    header = registry_auth_header(auth, image).get("X-Registry-Auth")
    return lambda _image: header


def create_service_with_objects(
    client: Client, spec: dict[str, Any], objects: NewObjects, auth: AuthFor | None = None
) -> str:
    """A lone service from the form, with the secrets and configs it makes from files (the registry's
    login read before they are)."""
    login = _login_read_first(auth, _image_of(spec))
    with _objects_made(client, objects):
        return create_service(client, spec, login)


def update_with_references(
    client: Client,
    service_id: str,
    change: Callable[[dict[str, Any]], None],
    objects: NewObjects | None = None,
    auth: AuthFor | None = None,
) -> None:
    """`update_spec` where `change` may add secrets or configs by name (the update form): the `objects`
    it makes from files are created first (the login of the image `change` sets read before them), and
    every reference's id is looked up before the spec is sent."""
    if auth is not None and objects:
        preview = copy.deepcopy(inspect_service(client, service_id)["Spec"])
        change(preview)
        auth = _login_read_first(auth, _image_of(preview))

    def changed(spec: dict[str, Any]) -> None:
        change(spec)
        resolved = _resolve_references(client, spec)
        spec.clear()
        spec.update(resolved)

    with _objects_made(client, objects or {}):
        update_spec(client, service_id, changed, auth=auth)


def remove_service(client: Client, service_id: str) -> None:
    """Remove a lone service (an app of its own)."""
    api.call(client, client.remove_service, service_id)


def task_slot(client: Client, task_id: str) -> int:
    """The slot of a task (0 for a global service's task)."""
    task: dict[str, Any] = api.call(client, client.inspect_task, task_id)
    return int(task.get("Slot") or 0)
