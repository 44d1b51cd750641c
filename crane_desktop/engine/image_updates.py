"""Is a newer image available under the tag a service follows? And the "pull and redeploy" that
takes it, as `docker service update --image TAG --with-registry-auth` does.

The registry is asked through the engine (`GET /distribution/{tag}/json`, the manager contacts the
registry with the X-Registry-Auth it is given), so the answer is what the swarm itself would pull. What
a service runs is the digest its spec pins (`image:tag@sha256:…`, as stack deploy and `docker service
create` pin it); a service deployed without a pin (`--resolve-image never`) runs whatever each node
pulled, read from its running tasks' containers on their nodes (`RepoDigests`).

A registry that cannot be asked is an answer too (`ImageCheck.problem`: unauthorized, unreachable, no
such tag), in words, never a silent "up to date". Everything here blocks: it runs off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from docker import APIClient as Client

from crane_desktop.engine import api, stacks
from crane_desktop.engine.errors import ConnectionFailed, EngineError, EngineTimeout, TLSFailed
from crane_desktop.engine.i18n import QT_TRANSLATE_NOOP
from crane_desktop.engine.registries import AuthFor, registry_auth_header, registry_of
from crane_desktop.engine.snapshots import Node, Service, Task

DIGEST_MARK = "@sha256:"


class RegistryUnauthorized(EngineError):
    template = QT_TRANSLATE_NOOP(
        "engine", "The registry {registry} refused to say which image {reference} is: not authorized."
    )
    hint = QT_TRANSLATE_NOOP(
        "engine",
        "Add the registry's user and password (or token) under Cluster › Registries…, or log in with docker "
        "login, then check again.",
    )


class RegistryUnreachable(EngineError):
    template = QT_TRANSLATE_NOOP(
        "engine", "The swarm cannot reach the registry {registry} to check {reference}."
    )
    hint = QT_TRANSLATE_NOOP(
        "engine",
        "Check the registry's address and port, that the managers can reach it, and that they trust its "
        "certificate.",
    )


class TagNotInRegistry(EngineError):
    template = QT_TRANSLATE_NOOP("engine", "The registry {registry} has no image {reference}.")
    hint = QT_TRANSLATE_NOOP("engine", "The tag may have been deleted or renamed in the registry.")


class RegistryCheckFailed(EngineError):
    template = QT_TRANSLATE_NOOP(
        "engine", "The registry {registry} could not be asked about {reference}: {reason}"
    )


class NoTagToFollow(EngineError):
    template = QT_TRANSLATE_NOOP(
        "engine", "{name} runs an image given by its digest only ({image}): there is no tag to follow."
    )


# -- image references --------------------------------------------------------------------------------
def split_image(image: str) -> tuple[str, str]:
    """(the tag reference, the pinned digest) of a spec's image: `reg/app:1@sha256:ab` -> (`reg/app:1`,
    `sha256:ab`). An image without a tag follows `latest`, as docker pulls it; an image given by its
    digest only has no tag reference ("")."""
    name, _, digest = image.partition("@")
    if not name:
        return "", digest
    if digest and not has_tag(name):
        return "", digest
    return (name if has_tag(name) else f"{name}:latest"), digest


def has_tag(name: str) -> bool:
    """Does the image name carry a tag (a `:` after its last `/`, not a registry's port)?"""
    return ":" in name.rpartition("/")[2]


def repository_of(reference: str) -> str:
    """The repository of a tag reference (`reg:5000/app:1` -> `reg:5000/app`)."""
    return reference.rpartition(":")[0] if has_tag(reference) else reference


def familiar(repository: str) -> str:
    """A repository in docker's short form (`docker.io/library/busybox` -> `busybox`), so that the spec's
    name and an image's RepoDigests compare."""
    for prefix in ("docker.io/", "index.docker.io/", "registry-1.docker.io/"):
        if repository.startswith(prefix):
            repository = repository[len(prefix) :]
            break
    else:
        return repository
    return repository.removeprefix("library/")


def short_digest(digest: str) -> str:
    """`sha256:0123456789abcdef…` as people compare digests: the algorithm's first 12 hex digits."""
    return digest.partition(":")[2][:12] or digest


# -- what a service runs -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Target:
    """One service to check, as plain values a worker may hold: its spec's image and, for a service
    without a pinned digest, where its running tasks' containers are (node, container id)."""

    service_id: str
    name: str
    image: str
    containers: tuple[tuple[Node, str], ...] = ()

    @property
    def reference(self) -> str:
        return split_image(self.image)[0]

    @property
    def pinned(self) -> str:
        return split_image(self.image)[1]


def targets(services: Iterable[Service], tasks: Iterable[Task], nodes: Mapping[str, Node]) -> list[Target]:
    """What to check for `services`, from the store's snapshots (read on the GUI thread)."""
    running: dict[str, list[tuple[Node, str]]] = {}
    for task in tasks:
        node = nodes.get(task.node_id)
        if task.state == "running" and task.container_id and node is not None:
            running.setdefault(task.service_id, []).append((node, task.container_id))
    result = []
    for service in services:
        containers = () if split_image(service.image)[1] else tuple(running.get(service.id, ()))
        result.append(Target(service.id, service.name, service.image, containers))
    return result


@dataclass(frozen=True)
class ImageCheck:
    """The answer for one service: the tag it follows, the digest(s) it runs, the registry's digest for
    the tag now, or why the registry could not be asked (`problem`)."""

    service_id: str
    reference: str
    running: tuple[str, ...]
    latest: str = ""
    problem: EngineError | None = None
    checked_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def newer(self) -> bool:
        """The registry holds another image under the tag than (some of) the service's tasks run."""
        return bool(self.latest and self.running and any(d != self.latest for d in self.running))

    @property
    def current(self) -> bool:
        return bool(self.latest and self.running and not self.newer)


# -- asking the registry ---------------------------------------------------------------------------
def registry_digest(client: Client, reference: str, auth: AuthFor | None = None) -> str:
    """The digest the registry gives for `reference` now (the manifest list's, for a multi-platform
    image: what `docker service update --image` pins), asked through the engine with the registry's
    login from `auth` as its X-Registry-Auth (none: anonymously). Raises RegistryUnauthorized,
    RegistryUnreachable, TagNotInRegistry or RegistryCheckFailed, which say so in words, and what
    `auth` raises (a locked keyring)."""
    registry = registry_of(reference)
    login = registry_auth_header(auth, reference)
    try:
        answer = api.call(client, api.get_json, client, "/distribution/{0}/json", reference, headers=login)
    except EngineTimeout as error:  # the engine waits for the registry longer than we wait for it
        raise RegistryUnreachable(raw=error.raw, registry=registry, reference=reference) from error
    except (TLSFailed, ConnectionFailed):
        raise  # the engine itself is gone: not the registry's answer
    except EngineError as error:
        raise registry_problem(error, registry, reference) from error
    digest = str(((answer or {}).get("Descriptor") or {}).get("digest") or "")
    if not digest:
        raise RegistryCheckFailed(
            registry=registry, reference=reference, reason="no digest in the engine's answer"
        )
    return digest


UNAUTHORIZED_WORDS = ("unauthorized", "authentication required", "no basic auth credentials", "denied")
UNREACHABLE_WORDS = (
    "dial tcp",
    "connection refused",
    "no such host",
    "i/o timeout",
    "timeout",
    "x509",
    "certificate",
    "server gave http response to https client",
    "no route to host",
)


def registry_problem(error: EngineError, registry: str, reference: str) -> EngineError:
    """The engine's refusal of a distribution request, as what it means for the operator."""
    text = error.raw.lower()
    kind: type[EngineError] = RegistryCheckFailed
    if error.status in (401, 403) or any(word in text for word in UNAUTHORIZED_WORDS):
        kind = RegistryUnauthorized
    elif error.status == 404 or "manifest unknown" in text or "not found" in text:
        kind = TagNotInRegistry
    elif any(word in text for word in UNREACHABLE_WORDS):
        kind = RegistryUnreachable
    return kind(
        raw=error.raw,
        status=error.status,
        registry=registry,
        reference=reference,
        reason=error.raw or error.message,
    )


def running_digests(
    target: Target, node_client: Callable[[Node], Client], known: Mapping[str, str]
) -> dict[str, str]:
    """For a service without a pinned digest: each running container's image digest in the target's
    repository (container id -> digest), from `known` (containers read before: a container's image
    never changes) or its node's engine. A node that cannot be asked is left out."""
    wanted = familiar(repository_of(target.reference))
    found: dict[str, str] = {}
    for node, container_id in target.containers:
        if container_id in known:
            found[container_id] = known[container_id]
            continue
        try:
            client = node_client(node)
            image_id = api.call(client, client.inspect_container, container_id).get("Image", "")
            repo_digests = api.call(client, client.inspect_image, image_id).get("RepoDigests") or ()
        except EngineError:
            continue
        for repo_digest in repo_digests:
            repository, _, digest = str(repo_digest).partition("@")
            if familiar(repository) == wanted and digest:
                found[container_id] = digest
                break
    return found


@dataclass
class CheckRound:
    """One round's answers: per service, and the containers' digests read (kept for the next round)."""

    checks: dict[str, ImageCheck] = field(default_factory=dict)
    container_digests: dict[str, str] = field(default_factory=dict)


def check_services(
    manager: Client,
    node_client: Callable[[Node], Client],
    to_check: Iterable[Target],
    auth: AuthFor | None = None,
    known: Mapping[str, str] | None = None,
) -> CheckRound:
    """Ask the registry once per tag for every service of `to_check`, with the logins `auth` gives. A
    registry that cannot be reached is not asked again in this round (its other tags get the same
    answer at once); a login that cannot be read (a locked keyring) is that tag's answer."""
    result = CheckRound()
    answers: dict[str, str | EngineError] = {}  # by tag
    unreachable: dict[str, RegistryUnreachable] = {}  # by registry
    for target in to_check:
        reference = target.reference
        if not reference:
            continue  # pinned by digest only: nothing to follow
        if reference not in answers:
            registry = registry_of(reference)
            answer = answers[reference] = unreachable.get(registry) or _ask(manager, reference, auth)
            if isinstance(answer, RegistryUnreachable):
                unreachable[registry] = answer
        answer = answers[reference]
        if isinstance(answer, EngineError):  # what runs matters only once there is something to compare
            result.checks[target.service_id] = ImageCheck(target.service_id, reference, (), problem=answer)
            continue
        if target.pinned:
            running: tuple[str, ...] = (target.pinned,)
        else:
            digests = running_digests(target, node_client, known or {})
            result.container_digests.update(digests)
            running = tuple(sorted(set(digests.values())))
        result.checks[target.service_id] = ImageCheck(target.service_id, reference, running, latest=answer)
    return result


def _ask(manager: Client, reference: str, auth: AuthFor | None) -> str | EngineError:
    """The registry's digest for the tag, or why it could not be had; a lost engine is raised."""
    try:
        return registry_digest(manager, reference, auth)
    except (TLSFailed, ConnectionFailed):
        raise
    except EngineError as error:  # refused, unreachable, no such tag, or the login could not be read
        return error


# -- pull and redeploy ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Redeploy:
    """What "pull and redeploy" did: the image pinned before and after (`changed` False: the service
    already ran the registry's image, nothing was sent)."""

    before: str
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after


def pull_and_redeploy(client: Client, service_id: str, auth: AuthFor | None = None) -> Redeploy:
    """Pin the service to the digest its tag has in the registry now and update it, sending the
    registry's login (from `auth`) so every node can pull (`docker service update --image TAG
    --with-registry-auth`); the rollout follows the service's update config. Without a login the
    engine keeps the one the service was deployed with."""
    current = stacks.inspect_service(client, service_id)
    spec = current["Spec"]
    image = str(((spec.get("TaskTemplate") or {}).get("ContainerSpec") or {}).get("Image") or "")
    reference, _pinned = split_image(image)
    if not reference:
        raise NoTagToFollow(name=spec.get("Name", service_id), image=image)
    after = f"{reference}@{registry_digest(client, reference, auth)}"
    if after == image:
        return Redeploy(image, image)

    def pin(new_spec: dict[str, Any]) -> None:
        new_spec["TaskTemplate"]["ContainerSpec"]["Image"] = after

    stacks.update_spec(client, service_id, pin, auth=auth)
    return Redeploy(image, after)


def pull_and_redeploy_services(
    client: Client, service_ids: Iterable[str], auth: AuthFor | None = None
) -> list[Redeploy]:
    """`pull_and_redeploy` for several services (an app's), one after the other; the first failure
    stops it (the services redeployed before it stay so)."""
    return [pull_and_redeploy(client, service_id, auth) for service_id in service_ids]
