"""Continuous deployment: change a service's image (nothing else), then follow the rollout to its end.

The swarm reports a rolling update in the service's UpdateStatus (updating, paused, completed,
rollback_started, rollback_paused, rollback_completed); the tasks say how far it got and why tasks fail.
`follow` turns both into progress lines and one outcome, which the `deploy` command maps to exit codes.
"""

from __future__ import annotations

import copy
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import docker

from crane_desktop.engine import api
from crane_desktop.engine.errors import ConnectionFailed, EngineError, NoLeader, NotSwarmManager
from crane_desktop.engine.registries import AuthFor, registry_auth_header
from crane_desktop.engine.snapshots import Task, parse_all

Outcome = Literal["completed", "paused", "rolled back", "failed", "timeout", "detached"]
EXIT_CODES: Mapping[str, int] = {
    "completed": 0,
    "detached": 0,
    "paused": 3,
    "rolled back": 4,
    "failed": 5,
    "timeout": 6,
}
POLL_SECONDS = 1.0
NO_LEADER = "the swarm is electing a leader; the rollout resumes with it"
# Given the error that lost the manager and the seconds left: a client through another manager, or None.
Reconnect = Callable[[EngineError, float], docker.APIClient | None]


@dataclass(frozen=True)
class DeployResult:
    outcome: Outcome
    message: str

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.outcome]


@dataclass(frozen=True)
class UpdateStarted:
    service_id: str
    service_name: str
    old_image: str
    new_image: str
    previous_started_at: str  # UpdateStatus.StartedAt before our update ("" when none)


def _image(spec: Mapping[str, Any]) -> str:
    return str(spec.get("TaskTemplate", {}).get("ContainerSpec", {}).get("Image", ""))


def bare_image(image: str) -> str:
    """The image without a pinned digest: what a task runs is compared by name and tag."""
    return image.split("@", 1)[0]


def update_image(
    client: docker.APIClient, service_id: str, image: str, auth: AuthFor | None = None
) -> UpdateStarted:
    """Post the service's current spec with only the image changed (forcing a rollout when the image
    is the same, as a CI re-pushing a moving tag expects), with the registry login of the image
    (`auth`) as docker's --with-registry-auth sends it."""
    login = registry_auth_header(auth, image)  # read first: a refused login changes nothing
    current = api.call(client, client.inspect_service, service_id)
    spec = copy.deepcopy(current["Spec"])
    old = _image(spec)
    container = spec.setdefault("TaskTemplate", {}).setdefault("ContainerSpec", {})
    container["Image"] = image
    if bare_image(old) == image:
        template = spec["TaskTemplate"]
        template["ForceUpdate"] = int(template.get("ForceUpdate", 0) or 0) + 1
    version = current["Version"]["Index"]
    api.call(
        client,
        api.post_json,
        client,
        "/services/{0}/update",
        spec,
        current["ID"],
        headers=login,
        version=version,
    )
    started = (current.get("UpdateStatus") or {}).get("StartedAt", "")
    return UpdateStarted(current["ID"], spec.get("Name", service_id), old, image, started)


def _desired(service: Mapping[str, Any], current_tasks: int) -> int:
    """Replicas for a replicated service; for a global one, the tasks the swarm wants running."""
    mode = service.get("Spec", {}).get("Mode", {})
    if "Replicated" in mode:
        return int(mode["Replicated"].get("Replicas", 1) or 0)
    return current_tasks


def follow(
    client: docker.APIClient,
    started: UpdateStarted,
    timeout: float,
    progress: Callable[[str], None],
    stop: threading.Event | None = None,
    reconnect: Reconnect | None = None,
) -> DeployResult:
    """Poll the service and its tasks until the rollout ends (or `timeout` seconds pass).

    The rollout is the swarm's: it goes on when the manager we follow it through dies. With
    `reconnect`, losing that manager moves the following to another one, and a swarm electing a
    leader is waited out, within the same timeout.
    """
    deadline = time.monotonic() + timeout
    stop = stop or threading.Event()
    last_line = ""
    seen_ours = False
    while True:
        try:
            service = api.call(client, client.inspect_service, started.service_id)
            tasks = parse_all(Task, api.call(client, client.tasks, filters={"service": started.service_id}))
        except EngineError as error:
            if reconnect is None or time.monotonic() > deadline:
                raise
            if isinstance(error, NoLeader):
                if last_line != NO_LEADER:
                    progress(NO_LEADER)
                    last_line = NO_LEADER
                if stop.wait(POLL_SECONDS):
                    return DeployResult("timeout", "interrupted")
                continue
            if not isinstance(error, ConnectionFailed | NotSwarmManager):
                raise
            replacement = reconnect(error, deadline - time.monotonic())
            if replacement is None:
                raise
            client = replacement
            continue
        status = service.get("UpdateStatus") or {}
        state = str(status.get("State", ""))
        message = str(status.get("Message", ""))
        ours = bool(status) and status.get("StartedAt", "") != started.previous_started_at
        seen_ours = seen_ours or ours
        current = [t for t in tasks.values() if t.desired_state == "running"]
        on_new = [t for t in current if bare_image(t.image) == bare_image(started.new_image) and t.is_running]
        desired = _desired(service, len(current))
        failing = sorted(
            (t for t in tasks.values() if t.state in ("failed", "rejected") and t.error),
            key=lambda t: t.updated_at,
        )
        line = f"{state or 'waiting'}: {len(on_new)}/{desired} task(s) running {started.new_image}"
        if message:
            line += f" ({message})"
        if line != last_line:
            progress(line)
            last_line = line
        if seen_ours:
            if state == "completed" and len(on_new) >= desired:
                return DeployResult("completed", f"{started.service_name} runs {started.new_image}")
            if state == "paused":
                return DeployResult("paused", _why(message, failing))
            if state == "rollback_completed":
                return DeployResult(
                    "rolled back",
                    f"{started.service_name} rolled back to {bare_image(started.old_image)}: "
                    + _why(message, failing),
                )
            if state == "rollback_paused":
                return DeployResult("failed", "the rollback paused: " + _why(message, failing))
        if time.monotonic() > deadline:
            if state == "completed":
                return DeployResult(
                    "failed", "the update completed but tasks do not run: " + _why("", failing)
                )
            return DeployResult("timeout", f"still {state or 'waiting'} after {timeout:.0f} s")
        if stop.wait(POLL_SECONDS):
            return DeployResult("timeout", "interrupted")


def _why(message: str, failing: list[Task]) -> str:
    reasons = [message] if message else []
    if failing:
        last = failing[-1]
        reasons.append(f"last task error: {last.error}")
    return "; ".join(reasons) or "no reason given by the engine"


def deploy(
    client: docker.APIClient,
    service_id: str,
    image: str,
    *,
    timeout: float = 300.0,
    detach: bool = False,
    progress: Callable[[str], None] = print,
    reconnect: Reconnect | None = None,
    auth: AuthFor | None = None,
) -> DeployResult:
    """Update the image and (unless detached) follow the rollout."""
    started = update_image(client, service_id, image, auth)
    progress(f"updating {started.service_name}: {bare_image(started.old_image)} -> {image}")
    if detach:
        return DeployResult("detached", f"{started.service_name} update to {image} started")
    return follow(client, started, timeout, progress, reconnect=reconnect)
