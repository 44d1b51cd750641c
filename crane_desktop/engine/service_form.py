"""The deploy form's values -> a validated service spec (through the compose package, so a form-made service
equals a compose-made one), the compose text of the same service, and back: a spec -> form values
for the update form, and a readable summary of a spec for the detail view.

Validation is field by field: `validate(form)` returns {field: (template, params)} (templates marked
for translation); nothing reaches the engine while it is not empty.
"""

from __future__ import annotations

import copy
import math
import re
import shlex
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import yaml

from crane_desktop.engine import compose, formatting, hosts, object_refs
from crane_desktop.engine.compose import IMAGE_LABEL, ComposeError, StackPlan, units
from crane_desktop.engine.compose.units import INT64_MAX
from crane_desktop.engine.health import JOB_MODES
from crane_desktop.engine.i18n import QT_TRANSLATE_NOOP, Phrase, known_term, term
from crane_desktop.engine.snapshots import STACK_LABEL

Problem = tuple[str, dict[str, Any]]
NAME_RE = re.compile(r"[a-zA-Z0-9][a-zA-Z0-9_.-]*\Z")  # \Z: "$" would let a final "\n" through
NAME_MAX = 63  # a service name is a DNS label
PORT_RE = re.compile(r"^(?:(\d+):)?(\d+)(?:/(tcp|udp|sctp))?(?:\s+(host|ingress))?$")
CONSTRAINT_RE = re.compile(r"^\s*[\w.\-/]+\s*(==|!=)\s*\S.*$")
MODES = ("replicated", "global", "replicated-job", "global-job")


@dataclass
class Policy:
    """An update or rollback policy, as typed in the form."""

    parallelism: str = "1"
    delay: str = "0s"
    failure_action: str = "pause"
    monitor: str = "5s"
    max_failure_ratio: str = "0"
    order: str = "stop-first"


@dataclass
class ServiceForm:
    """Everything the form edits; lists are one entry per line in the widgets."""

    app: str = ""
    name: str = ""
    image: str = ""
    command: str = ""
    args: str = ""
    mode: str = "replicated"  # or global, replicated-job, global-job
    replicas: str = "1"  # a replicated job: the completions
    max_concurrent: str = ""  # a replicated job: tasks at a time (empty: as many as the completions)
    endpoint_mode: str = "vip"
    ports: list[str] = field(default_factory=list)  # "8080:80/tcp host"
    networks: list[str] = field(default_factory=list)  # network names
    env: list[str] = field(default_factory=list)  # KEY=VALUE
    labels: list[str] = field(default_factory=list)  # key=value
    mounts: list[str] = field(default_factory=list)  # source:target[:ro]
    secrets: list[str] = field(default_factory=list)  # source=name,target=path,uid=0,gid=0,mode=0400
    configs: list[str] = field(default_factory=list)  # the same, of configs
    cpu_limit: str = ""
    memory_limit: str = ""
    cpu_reservation: str = ""
    memory_reservation: str = ""
    constraints: list[str] = field(default_factory=list)
    restart_condition: str = "any"
    restart_delay: str = "5s"
    restart_max_attempts: str = "0"
    update: Policy = field(default_factory=Policy)
    rollback: Policy = field(default_factory=Policy)


# -- validation -----------------------------------------------------------------------------------
def _nonneg_int(text: str) -> bool:
    """ASCII digits only: "²".isdigit() is true but int("²") fails."""
    return bool(re.fullmatch(r"[0-9]+", text.strip()))


def _whole_problem(text: str, template: str) -> Problem | None:
    """A whole number, 0 or more, that the engine's 64-bit integers hold."""
    if not _nonneg_int(text):
        return (template, {})
    if int(text) > INT64_MAX:
        return (QT_TRANSLATE_NOOP("engine", "At most {max}."), {"max": INT64_MAX})
    return None


def replicas_problem(text: str) -> Problem | None:
    """What is wrong with a replicated service's task count as typed (None: nothing)."""
    return _whole_problem(text, QT_TRANSLATE_NOOP("engine", "A whole number of tasks, 0 or more."))


def _job_problems(form: ServiceForm) -> dict[str, Problem]:
    """A replicated job runs at least one task to completion, at least one at a time."""
    problems: dict[str, Problem] = {}
    at_least_one = QT_TRANSLATE_NOOP("engine", "A whole number, 1 or more.")
    problem = _whole_problem(form.replicas, at_least_one)
    if problem is None and int(form.replicas) < 1:
        problem = (at_least_one, {})
    if problem:
        problems["replicas"] = problem
    if form.max_concurrent.strip():
        problem = _whole_problem(form.max_concurrent, at_least_one)
        if problem is None and int(form.max_concurrent) < 1:
            problem = (at_least_one, {})
        if problem:
            problems["max_concurrent"] = problem
    return problems


def _within(parse: Callable[[str], float], text: str) -> bool:
    """Text that compose's parser reads (units.py) as an amount the engine's int64 holds."""
    try:
        return parse(text) <= INT64_MAX
    except ValueError:
        return False


def _duration_ok(text: str) -> bool:
    """Go's time.ParseDuration as compose reads it; unlike compose, empty is not 0."""
    return bool(text.strip()) and _within(units.duration_ns, text)


def _size_ok(text: str) -> bool:
    return _within(units.size_bytes, text)


def _cpus_ok(text: str) -> bool:
    """A finite, positive number of CPUs that is at least one nano-CPU (as compose converts it)."""
    try:
        number = float(text)
    except ValueError:
        return False
    return math.isfinite(number) and 0 < number * 1e9 <= INT64_MAX and units.nano_cpus(number) > 0


def _policy_problems(prefix: str, policy: Policy) -> dict[str, Problem]:
    problems: dict[str, Problem] = {}
    problem = _whole_problem(policy.parallelism, QT_TRANSLATE_NOOP("engine", "A whole number, 0 or more."))
    if problem:
        problems[f"{prefix}.parallelism"] = problem
    for key in ("delay", "monitor"):
        if not _duration_ok(getattr(policy, key)):
            problems[f"{prefix}.{key}"] = (
                QT_TRANSLATE_NOOP("engine", "A duration such as 10s or 1m30s."),
                {},
            )
    if policy.failure_action not in ("pause", "continue", "rollback"):
        problems[f"{prefix}.failure_action"] = (
            QT_TRANSLATE_NOOP("engine", "pause, continue or rollback."),
            {},
        )
    try:
        ratio = float(policy.max_failure_ratio)
        if not 0 <= ratio <= 1:
            raise ValueError
    except ValueError:
        problems[f"{prefix}.max_failure_ratio"] = (QT_TRANSLATE_NOOP("engine", "A number from 0 to 1."), {})
    if policy.order not in ("stop-first", "start-first"):
        problems[f"{prefix}.order"] = (QT_TRANSLATE_NOOP("engine", "stop-first or start-first."), {})
    return problems


def _line_problem(template: str, line: int, text: str) -> Problem:
    return (template, {"line": line, "text": text})


def validate(form: ServiceForm, objects: Mapping[str, Collection[str]] | None = None) -> dict[str, Problem]:
    """Every field's problem; empty when the form can be deployed. `objects` ({"secrets": names,
    "configs": names}, the swarm's) lets the secrets and configs be checked against what exists."""
    problems: dict[str, Problem] = {}
    if form.app and not NAME_RE.match(form.app):
        problems["app"] = (QT_TRANSLATE_NOOP("engine", "Letters, digits, “-”, “_” and “.” only."), {})
    elif len(form.app) > NAME_MAX - 2:  # room for "_" and a one-letter service name
        problems["app"] = (QT_TRANSLATE_NOOP("engine", "At most {max} characters."), {"max": NAME_MAX - 2})
    if not form.name:
        problems["name"] = (QT_TRANSLATE_NOOP("engine", "The service needs a name."), {})
    elif not NAME_RE.match(form.name) or len(form.name) > NAME_MAX:
        problems["name"] = (QT_TRANSLATE_NOOP("engine", "Letters, digits, “-”, “_” and “.” only."), {})
    elif (
        form.app and "app" not in problems and len(form.app) + 1 + len(form.name) > NAME_MAX
    ):  # the engine's name is app_name
        problems["name"] = (
            QT_TRANSLATE_NOOP("engine", "At most {max} characters."),
            {"max": max(0, NAME_MAX - len(form.app) - 1)},
        )
    if not form.image.strip():
        problems["image"] = (QT_TRANSLATE_NOOP("engine", "The service needs an image."), {})
    elif any(c.isspace() for c in form.image.strip()):
        problems["image"] = (QT_TRANSLATE_NOOP("engine", "An image name has no spaces."), {})
    for key in ("command", "args"):
        try:
            shlex.split(getattr(form, key))
        except ValueError:
            problems[key] = (QT_TRANSLATE_NOOP("engine", "A quote is not closed."), {})
    if form.mode not in MODES:
        problems["mode"] = (
            QT_TRANSLATE_NOOP("engine", "replicated, global, replicated job or global job."),
            {},
        )
    if form.mode == "replicated":
        problem = replicas_problem(form.replicas)
        if problem:
            problems["replicas"] = problem
    if form.mode == "replicated-job":
        problems.update(_job_problems(form))
    if form.endpoint_mode not in ("vip", "dnsrr"):
        problems["endpoint_mode"] = (QT_TRANSLATE_NOOP("engine", "vip or dnsrr."), {})
    for i, line in enumerate(form.ports, 1):
        match = PORT_RE.match(line.strip())
        if (
            match is None
            or not 0 < int(match.group(2)) < 65536
            or (match.group(1) is not None and not 0 < int(match.group(1)) < 65536)
        ):
            problems["ports"] = _line_problem(
                QT_TRANSLATE_NOOP(
                    "engine",
                    "Line {line} (“{text}”): write published:target/protocol mode, e.g. 8080:80/tcp host.",
                ),
                i,
                line,
            )
            break
        if form.endpoint_mode == "dnsrr" and (match.group(4) or "ingress") == "ingress":
            problems["ports"] = _line_problem(
                QT_TRANSLATE_NOOP(
                    "engine",
                    "Line {line} (“{text}”): with DNS round robin, ports are published in host mode.",
                ),
                i,
                line,
            )
            break
    for key, what in (("env", "KEY=VALUE"), ("labels", "key=value")):
        for i, line in enumerate(getattr(form, key), 1):
            name = line.partition("=")[0]
            if not name or any(c.isspace() for c in name):
                problems[key] = (
                    QT_TRANSLATE_NOOP("engine", "Line {line} (“{text}”): write {what}."),
                    {"line": i, "text": line, "what": what},
                )
                break
    for i, line in enumerate(form.mounts, 1):
        parts = line.split(":")
        if (
            len(parts) not in (2, 3)
            or not all(parts[:2])
            or not parts[1].startswith("/")
            or (len(parts) == 3 and parts[2] not in ("ro", "rw"))
        ):
            problems["mounts"] = _line_problem(
                QT_TRANSLATE_NOOP(
                    "engine", "Line {line} (“{text}”): write source:/target or source:/target:ro."
                ),
                i,
                line,
            )
            break
        if not parts[0].startswith("/") and hosts.volume_name_error(parts[0]):  # a named volume
            problems["mounts"] = _line_problem(
                QT_TRANSLATE_NOOP(
                    "engine",
                    "Line {line} (“{text}”): a volume name has letters, digits, “_”, “.” or “-” "
                    "(a host folder starts with /).",
                ),
                i,
                line,
            )
            break
    for key, kind in (("secrets", "secret"), ("configs", "config")):
        known = None if objects is None else objects.get(key, ())
        problem = object_refs.problems(getattr(form, key), kind, known)  # type: ignore[arg-type]
        if problem:
            problems[key] = problem
    for key in ("cpu_limit", "cpu_reservation"):
        text = getattr(form, key).strip()
        if text and not _cpus_ok(text):
            problems[key] = (QT_TRANSLATE_NOOP("engine", "A number of CPUs, e.g. 0.5."), {})
        elif text and units.nano_cpus(float(text)) < units.MIN_NANO_CPUS:  # the engine's least
            problems[key] = (QT_TRANSLATE_NOOP("engine", "must be at least {minimum}"), {"minimum": "0.001"})
    for key in ("memory_limit", "memory_reservation"):
        text = getattr(form, key).strip()
        if text and not _size_ok(text):
            problems[key] = (QT_TRANSLATE_NOOP("engine", "A size such as 64M or 1G."), {})
        elif text and 0 < units.size_bytes(text) < units.MIN_MEMORY_BYTES:
            problems[key] = (QT_TRANSLATE_NOOP("engine", "must be at least {minimum}"), {"minimum": "4M"})
    for i, line in enumerate(form.constraints, 1):
        if not CONSTRAINT_RE.match(line):
            problems["constraints"] = _line_problem(
                QT_TRANSLATE_NOOP("engine", "Line {line} (“{text}”): write e.g. node.labels.zone == east."),
                i,
                line,
            )
            break
    if form.restart_condition not in ("none", "on-failure", "any"):
        problems["restart_condition"] = (QT_TRANSLATE_NOOP("engine", "none, on-failure or any."), {})
    if not _duration_ok(form.restart_delay):
        problems["restart_delay"] = (QT_TRANSLATE_NOOP("engine", "A duration such as 10s or 1m30s."), {})
    problem = _whole_problem(
        form.restart_max_attempts, QT_TRANSLATE_NOOP("engine", "A whole number, 0 or more.")
    )
    if problem:
        problems["restart_max_attempts"] = problem
    problems.update(_policy_problems("update", form.update))
    problems.update(_policy_problems("rollback", form.rollback))
    return problems


# -- form -> compose -> spec ----------------------------------------------------------------------
def _policy_dict(policy: Policy) -> dict[str, Any]:
    return {
        "parallelism": int(policy.parallelism),
        "delay": policy.delay.strip(),
        "failure_action": policy.failure_action,
        "monitor": policy.monitor.strip(),
        "max_failure_ratio": float(policy.max_failure_ratio),
        "order": policy.order,
    }


def _port_dict(line: str) -> dict[str, Any]:
    match = PORT_RE.match(line.strip())
    assert match is not None
    port: dict[str, Any] = {"target": int(match.group(2)), "protocol": match.group(3) or "tcp"}
    if match.group(1):
        port["published"] = int(match.group(1))
    port["mode"] = match.group(4) or "ingress"
    return port


def _mount_dict(line: str) -> dict[str, Any]:
    parts = line.split(":")
    source, target = parts[0], parts[1]
    kind = "bind" if source.startswith("/") else "volume"
    mount: dict[str, Any] = {"type": kind, "source": source, "target": target}
    if len(parts) == 3 and parts[2] == "ro":
        mount["read_only"] = True
    return mount


def compose_document(form: ServiceForm) -> dict[str, Any]:
    """The compose file (as data) that deploys this form's service; networks are existing ones."""
    service: dict[str, Any] = {"image": form.image.strip()}
    if form.command.strip():
        service["entrypoint"] = shlex.split(form.command)
    if form.args.strip():
        service["command"] = shlex.split(form.args)
    if form.env:
        service["environment"] = list(form.env)
    if form.ports:
        service["ports"] = [_port_dict(line) for line in form.ports]
    if form.networks:
        service["networks"] = list(form.networks)
    mounts = [_mount_dict(line) for line in form.mounts]
    if mounts:
        service["volumes"] = mounts
    for key in ("secrets", "configs"):  # existing ones, chosen from the swarm: external to the file
        if getattr(form, key):
            service[key] = [object_refs.compose_entry(line) for line in getattr(form, key)]
    deploy: dict[str, Any] = {"mode": form.mode}
    if form.mode in ("replicated", "replicated-job"):
        deploy["replicas"] = int(form.replicas)
    deploy["endpoint_mode"] = form.endpoint_mode
    if form.labels:
        deploy["labels"] = list(form.labels)
    limits = {k: v for k, v in (("cpus", form.cpu_limit.strip()), ("memory", form.memory_limit.strip())) if v}
    reservations = {
        k: v
        for k, v in (("cpus", form.cpu_reservation.strip()), ("memory", form.memory_reservation.strip()))
        if v
    }
    if limits or reservations:
        deploy["resources"] = {
            **({"limits": limits} if limits else {}),
            **({"reservations": reservations} if reservations else {}),
        }
    deploy["restart_policy"] = {
        "condition": form.restart_condition,
        "delay": form.restart_delay.strip(),
        "max_attempts": int(form.restart_max_attempts),
    }
    if form.constraints:
        deploy["placement"] = {"constraints": [c.strip() for c in form.constraints]}
    if form.mode not in JOB_MODES:  # the engine refuses an update config on a job
        deploy["update_config"] = _policy_dict(form.update)
    deploy["rollback_config"] = _policy_dict(form.rollback)
    service["deploy"] = deploy
    document: dict[str, Any] = {"version": "3.8", "services": {form.name: service}}
    if form.networks:
        document["networks"] = {name: {"external": True} for name in form.networks}
    volumes = sorted({m["source"] for m in mounts if m["type"] == "volume"})
    if volumes:
        document["volumes"] = {name: {"external": True} for name in volumes}
    for key in ("secrets", "configs"):
        declared = {
            object_refs.parse(line).source: object_refs.declaration(line) for line in getattr(form, key)
        }
        if declared:
            document[key] = dict(sorted(declared.items()))
    return document


def _escape(value: Any) -> Any:
    """What the form says is literal: compose would read "$X" as a variable, so write "$$X"."""
    if isinstance(value, str):
        return value.replace("$", "$$")
    if isinstance(value, dict):
        return {key: _escape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_escape(item) for item in value]
    return value


def to_compose(form: ServiceForm) -> str:
    """The compose text of what the form deploys (for `docker stack deploy` or our compose tab)."""
    return yaml.safe_dump(_escape(compose_document(form)), sort_keys=False, allow_unicode=True)


def to_plan(form: ServiceForm) -> StackPlan:
    """The app plan of a form with an app name; raises ComposeError (validate first).

    A job's compose text says `mode: replicated-job` (or global-job) as docker stack deploy reads it;
    compose cannot say a replicated job's max concurrent (docker runs `replicas` at a time), so the
    form's is set on the spec here."""
    plan = compose.load(to_compose(form), form.app or "x", working_dir=Path("/"), environ={})
    if form.mode == "replicated-job":
        for spec in plan.services.values():
            spec["Mode"] = job_mode(form)
    return plan


def job_mode(form: ServiceForm) -> dict[str, Any]:
    """The engine's Mode of a replicated job form (max concurrent: as many as the completions when
    left empty, as docker does)."""
    completions = int(form.replicas)
    concurrent = int(form.max_concurrent) if form.max_concurrent.strip() else completions
    return {"ReplicatedJob": {"MaxConcurrent": concurrent, "TotalCompletions": completions}}


def new_objects(form: ServiceForm) -> dict[str, dict[str, dict[str, Any]]]:
    """The secrets and configs the form makes from files ({"secrets": {name: spec}, "configs": ...}),
    labelled with the service's app if it has one (removed with it), as a compose deploy does."""
    plan = to_plan(form)
    made = {"secrets": plan.secrets, "configs": plan.configs}
    for specs in made.values():
        for spec in specs.values():
            if not form.app:
                spec["Labels"].pop(STACK_LABEL, None)
    return {kind: specs for kind, specs in made.items() if specs}


def to_spec(form: ServiceForm) -> dict[str, Any]:
    """The service spec; a service outside any app has its plain name and no stack labels."""
    plan = to_plan(form)
    spec = next(iter(plan.services.values()))
    if not form.app:
        spec["Name"] = form.name
        spec["Labels"].pop(STACK_LABEL, None)
        spec["Labels"].pop(IMAGE_LABEL, None)
        spec["TaskTemplate"]["ContainerSpec"]["Labels"].pop(STACK_LABEL, None)
        if not form.networks:
            spec["TaskTemplate"]["Networks"] = []
        for mount in spec["TaskTemplate"]["ContainerSpec"].get("Mounts", []):
            labels = mount.get("VolumeOptions", {}).get("Labels")
            if labels is not None:
                labels.pop(STACK_LABEL, None)
    return spec


# -- spec -> form (the update form) ---------------------------------------------------------------
def duration_text(nanoseconds: int | None) -> str:
    """A duration field's text (1m30s): the shared formatter, so the detail and the form agree."""
    return formatting.duration(nanoseconds)


def size_text(size: int | None) -> str:
    if not size:
        return ""
    for unit, factor in (("G", 1024**3), ("M", 1024**2), ("K", 1024)):
        if size % factor == 0:
            return f"{size // factor}{unit}"
    return str(size)


def cpus_text(nano: int | None) -> str:
    return "" if not nano else f"{nano / 1e9:g}"


def _policy_from(config: dict[str, Any] | None) -> Policy:
    config = config or {}
    return Policy(
        parallelism=str(config.get("Parallelism", 1)),
        delay=duration_text(config.get("Delay")),
        failure_action=config.get("FailureAction") or "pause",
        monitor=duration_text(config.get("Monitor")) if config.get("Monitor") else "5s",
        max_failure_ratio=f"{config.get('MaxFailureRatio', 0):g}",
        order=config.get("Order") or "stop-first",
    )


def _mode_name(mode: dict[str, Any]) -> str:
    for key, name in (("Global", "global"), ("ReplicatedJob", "replicated-job"), ("GlobalJob", "global-job")):
        if key in mode:
            return name
    return "replicated"


def from_spec(spec: dict[str, Any], network_names: dict[str, str] | None = None) -> ServiceForm:
    """The form filled with a service's current spec (network ids shown by name)."""
    names = network_names or {}
    labels = spec.get("Labels") or {}
    app = labels.get(STACK_LABEL, "")
    task = spec.get("TaskTemplate") or {}
    container = task.get("ContainerSpec") or {}
    mode = spec.get("Mode") or {}
    endpoint = spec.get("EndpointSpec") or {}
    resources = task.get("Resources") or {}
    restart = task.get("RestartPolicy") or {}
    ports = []
    for port in endpoint.get("Ports") or []:
        published = f"{port['PublishedPort']}:" if port.get("PublishedPort") else ""
        protocol, publish = port.get("Protocol") or "tcp", port.get("PublishMode") or "ingress"
        ports.append(f"{published}{port.get('TargetPort')}/{protocol} {publish}")
    mounts = []
    for mount in container.get("Mounts") or []:
        if mount.get("Source") and mount.get("Target"):  # (an engine spec may leave fields out)
            mounts.append(f"{mount['Source']}:{mount['Target']}" + (":ro" if mount.get("ReadOnly") else ""))
    name = spec.get("Name", "")
    if app and name.startswith(f"{app}_"):
        name = name[len(app) + 1 :]
    return ServiceForm(
        app=app,
        name=name,
        image=str(container.get("Image", "")).split("@", 1)[0],
        command=shlex.join(container.get("Command") or []),
        args=shlex.join(container.get("Args") or []),
        mode=_mode_name(mode),
        replicas=str(
            (mode.get("Replicated") or {}).get("Replicas", 1)
            if "ReplicatedJob" not in mode
            else (mode.get("ReplicatedJob") or {}).get("TotalCompletions", 1)
        ),
        max_concurrent=str((mode.get("ReplicatedJob") or {}).get("MaxConcurrent", ""))
        if "ReplicatedJob" in mode
        else "",
        endpoint_mode=endpoint.get("Mode") or "vip",
        ports=ports,
        networks=[names.get(n.get("Target", ""), n.get("Target", "")) for n in task.get("Networks") or []],
        env=list(container.get("Env") or []),
        labels=[f"{k}={v}" for k, v in labels.items() if k not in (STACK_LABEL, IMAGE_LABEL)],
        mounts=mounts,
        secrets=object_refs.lines_of(spec, "secret"),
        configs=object_refs.lines_of(spec, "config"),
        cpu_limit=cpus_text((resources.get("Limits") or {}).get("NanoCPUs")),
        memory_limit=size_text((resources.get("Limits") or {}).get("MemoryBytes")),
        cpu_reservation=cpus_text((resources.get("Reservations") or {}).get("NanoCPUs")),
        memory_reservation=size_text((resources.get("Reservations") or {}).get("MemoryBytes")),
        constraints=list((task.get("Placement") or {}).get("Constraints") or []),
        restart_condition=restart.get("Condition") or "any",
        restart_delay=duration_text(restart.get("Delay", 5 * 10**9)),
        restart_max_attempts=str(restart.get("MaxAttempts", 0)),
        update=_policy_from(spec.get("UpdateConfig")),
        rollback=_policy_from(spec.get("RollbackConfig")),
    )


# which parts of the spec each form field owns (an update changes only what was edited)
_OWNED: dict[str, list[tuple[str, ...]]] = {
    "image": [("TaskTemplate", "ContainerSpec", "Image")],
    "command": [("TaskTemplate", "ContainerSpec", "Command")],
    "args": [("TaskTemplate", "ContainerSpec", "Args")],
    "replicas": [("Mode",)],
    "max_concurrent": [("Mode",)],
    "ports": [("EndpointSpec", "Ports")],
    "networks": [("TaskTemplate", "Networks")],
    "env": [("TaskTemplate", "ContainerSpec", "Env")],
    "labels": [("Labels",)],
    "mounts": [("TaskTemplate", "ContainerSpec", "Mounts")],
    "secrets": [("TaskTemplate", "ContainerSpec", "Secrets")],
    "configs": [("TaskTemplate", "ContainerSpec", "Configs")],
    "cpu_limit": [("TaskTemplate", "Resources")],
    "memory_limit": [("TaskTemplate", "Resources")],
    "cpu_reservation": [("TaskTemplate", "Resources")],
    "memory_reservation": [("TaskTemplate", "Resources")],
    "constraints": [("TaskTemplate", "Placement", "Constraints")],
    "restart_condition": [("TaskTemplate", "RestartPolicy")],
    "restart_delay": [("TaskTemplate", "RestartPolicy")],
    "restart_max_attempts": [("TaskTemplate", "RestartPolicy")],
    "update": [("UpdateConfig",)],
    "rollback": [("RollbackConfig",)],
}
# what an update keeps: the engine's for the service's life (names, modes); the networks, as Crane's
# guide says (网络模式不可更改)
LOCKED = ("app", "name", "mode", "endpoint_mode", "networks")


def changed_fields(before: ServiceForm, after: ServiceForm) -> list[str]:
    return [f.name for f in fields(ServiceForm) if getattr(before, f.name) != getattr(after, f.name)]


def updated_spec(current: dict[str, Any], before: ServiceForm, after: ServiceForm) -> dict[str, Any]:
    """`current` with only the edited fields replaced: untouched parts stay byte for byte, so a
    policy-only edit does not restart the tasks. Locked fields (mode, endpoint mode, names) keep theirs."""
    after = replace(after, **{key: getattr(before, key) for key in LOCKED})
    new = to_spec(after)
    if current.get("Labels", {}).get(STACK_LABEL):
        new["Labels"] = {
            **new["Labels"],
            **{k: v for k, v in current["Labels"].items() if k.startswith("com.docker.stack.")},
        }
    result = copy.deepcopy(current)
    for name in changed_fields(before, after):
        for path in _OWNED.get(name, []):
            source: Any = new
            for key in path:
                source = source.get(key) if isinstance(source, dict) else None
            target = result
            for key in path[:-1]:
                target = target.setdefault(key, {})
            if source is None:
                target.pop(path[-1], None)
            else:
                target[path[-1]] = copy.deepcopy(source)
    _keep_runtime_configs(current, result)
    return result


def _keep_runtime_configs(current: dict[str, Any], result: dict[str, Any]) -> None:
    """A credential spec's config (a Runtime reference, no file) is not a line of the form: an edit of
    the configs keeps it."""
    runtime = [ref for ref in object_refs.references(current, "config") if "Runtime" in ref]
    configs = object_refs.references(result, "config")
    missing = [ref for ref in runtime if ref not in configs]
    if missing:
        container = result.setdefault("TaskTemplate", {}).setdefault("ContainerSpec", {})
        container["Configs"] = [*configs, *copy.deepcopy(missing)]


# -- a readable spec ------------------------------------------------------------------------------
# The spec's own words, marked so the summary reads in the user's language.
TERMS = frozenset(
    {
        QT_TRANSLATE_NOOP("EngineTerms", "global"),
        QT_TRANSLATE_NOOP("EngineTerms", "vip"),
        QT_TRANSLATE_NOOP("EngineTerms", "dnsrr"),
        QT_TRANSLATE_NOOP("EngineTerms", "any"),
        QT_TRANSLATE_NOOP("EngineTerms", "on-failure"),
        QT_TRANSLATE_NOOP("EngineTerms", "none"),
        QT_TRANSLATE_NOOP("EngineTerms", "pause"),
        QT_TRANSLATE_NOOP("EngineTerms", "continue"),
        QT_TRANSLATE_NOOP("EngineTerms", "rollback"),
        QT_TRANSLATE_NOOP("EngineTerms", "stop-first"),
        QT_TRANSLATE_NOOP("EngineTerms", "start-first"),
    }
)


def _term(value: str) -> str | Phrase:
    return known_term(value, TERMS)


def _policy_phrase(policy: Policy) -> Phrase:
    return Phrase(
        QT_TRANSLATE_NOOP(
            "engine",
            "parallelism {parallelism}, delay {delay}, on failure {action}, monitor {monitor}, "
            "max failure ratio {ratio}, {order}",
        ),
        {
            "parallelism": policy.parallelism,
            "delay": policy.delay,
            "action": _term(policy.failure_action),
            "monitor": policy.monitor,
            "ratio": policy.max_failure_ratio,
            "order": _term(policy.order),
        },
    )


def _mode_phrase(form: ServiceForm) -> str | Phrase:
    if form.mode == "global":
        return term("global")
    if form.mode == "global-job":
        return Phrase(QT_TRANSLATE_NOOP("engine", "global job"), {})
    if form.mode == "replicated-job":
        return Phrase(
            QT_TRANSLATE_NOOP(
                "engine", "replicated job: {completions} completion(s), {concurrent} at a time"
            ),
            {"completions": form.replicas, "concurrent": form.max_concurrent or form.replicas},
        )
    return Phrase(QT_TRANSLATE_NOOP("engine", "replicated × {replicas}"), {"replicas": form.replicas})


def _resources_text(cpus: str, amounts: Mapping[str, Any] | None) -> str:
    """CPUs and memory as the detail's forms write them (0.5 CPU 16.0 MiB; the deploy form keeps 16M)."""
    memory = int((amounts or {}).get("MemoryBytes") or 0)
    return " ".join(x for x in (cpus and f"{cpus} CPU", memory and formatting.byte_size(memory)) if x)


def spec_summary(
    spec: dict[str, Any], network_names: dict[str, str] | None = None
) -> list[tuple[str, str | Phrase]]:
    """(label, value) rows describing a spec in words. Labels are marked for translation; a value is
    plain text (names, images, lists) or a Phrase the UI translates (modes, policies)."""
    form = from_spec(spec, network_names)
    task = spec.get("TaskTemplate") or {}
    container = task.get("ContainerSpec") or {}
    resources = task.get("Resources") or {}
    mode = _mode_phrase(form)
    restart = Phrase(
        QT_TRANSLATE_NOOP("engine", "{condition}, delay {delay}, max attempts {attempts}"),
        {
            "condition": _term(form.restart_condition),
            "delay": form.restart_delay,
            "attempts": form.restart_max_attempts,
        },
    )
    rows: list[tuple[str, str | Phrase]] = [
        (QT_TRANSLATE_NOOP("engine", "Name"), spec.get("Name", "")),
        (QT_TRANSLATE_NOOP("engine", "App"), form.app),
        (QT_TRANSLATE_NOOP("engine", "Image"), str(container.get("Image", ""))),
        (QT_TRANSLATE_NOOP("engine", "Start command"), " ".join(x for x in (form.command, form.args) if x)),
        (QT_TRANSLATE_NOOP("engine", "Mode"), mode),
        (QT_TRANSLATE_NOOP("engine", "Endpoint mode"), _term(form.endpoint_mode)),
        (QT_TRANSLATE_NOOP("engine", "Port mapping"), "\n".join(form.ports)),
        (QT_TRANSLATE_NOOP("engine", "Networks"), "\n".join(form.networks)),
        (QT_TRANSLATE_NOOP("engine", "Environment variables"), "\n".join(form.env)),
        (QT_TRANSLATE_NOOP("engine", "Labels"), "\n".join(form.labels)),
        (
            QT_TRANSLATE_NOOP("engine", "Container labels"),
            "\n".join(f"{k}={v}" for k, v in (container.get("Labels") or {}).items()),
        ),
        (QT_TRANSLATE_NOOP("engine", "Mounts"), "\n".join(form.mounts)),
        (QT_TRANSLATE_NOOP("engine", "Limits"), _resources_text(form.cpu_limit, resources.get("Limits"))),
        (
            QT_TRANSLATE_NOOP("engine", "Reservations"),
            _resources_text(form.cpu_reservation, resources.get("Reservations")),
        ),
        (QT_TRANSLATE_NOOP("engine", "Placement constraints"), "\n".join(form.constraints)),
        (QT_TRANSLATE_NOOP("engine", "Restart policy"), restart),
        (QT_TRANSLATE_NOOP("engine", "Update policy"), _policy_phrase(form.update)),
        (QT_TRANSLATE_NOOP("engine", "Rollback policy"), _policy_phrase(form.rollback)),
    ]
    health = container.get("Healthcheck")
    if health:
        rows.append((QT_TRANSLATE_NOOP("engine", "Health check"), " ".join(health.get("Test") or [])))
    secrets = [s.get("SecretName", "") for s in container.get("Secrets") or []]
    if secrets:
        rows.append((QT_TRANSLATE_NOOP("engine", "Secrets"), "\n".join(secrets)))
    configs = [c.get("ConfigName", "") for c in container.get("Configs") or []]
    if configs:
        rows.append((QT_TRANSLATE_NOOP("engine", "Configs"), "\n".join(configs)))
    return [(label, value) for label, value in rows if value]


# The summary's rows grouped as the detail shows them; the policies get sections of their own.
_SECTIONS = (
    (
        QT_TRANSLATE_NOOP("engine", "Basic info"),
        ("Name", "App", "Image", "Start command", "Mode", "Health check"),
    ),
    (QT_TRANSLATE_NOOP("engine", "Network config"), ("Endpoint mode", "Port mapping", "Networks")),
    (
        QT_TRANSLATE_NOOP("engine", "Container settings"),
        ("Environment variables", "Labels", "Container labels", "Mounts", "Secrets", "Configs"),
    ),
    (
        QT_TRANSLATE_NOOP("engine", "Resources and placement"),
        ("Limits", "Reservations", "Placement constraints"),
    ),
)

Rows = list[tuple[str, str | Phrase]]


def _policy_rows(policy: Policy) -> Rows:
    return [
        (QT_TRANSLATE_NOOP("engine", "Parallelism"), policy.parallelism),
        (QT_TRANSLATE_NOOP("engine", "Delay"), policy.delay),
        (QT_TRANSLATE_NOOP("engine", "Failure action"), _term(policy.failure_action)),
        (QT_TRANSLATE_NOOP("engine", "Monitor"), policy.monitor),
        (QT_TRANSLATE_NOOP("engine", "Max failure ratio"), policy.max_failure_ratio),
        (QT_TRANSLATE_NOOP("engine", "Order"), _term(policy.order)),
    ]


def spec_sections(
    spec: dict[str, Any], network_names: dict[str, str] | None = None
) -> list[tuple[str, Rows]]:
    """The summary as titled sections of (label, value) rows, the detail's form: the rows of
    `spec_summary` by topic, then the restart, update and rollback policies field by field. Titles
    and labels are marked for translation ("engine"); an empty section is left out."""
    rows = dict(spec_summary(spec, network_names))
    form = from_spec(spec, network_names)
    sections = [
        (title, [(label, rows[label]) for label in labels if label in rows]) for title, labels in _SECTIONS
    ]
    restart: Rows = [
        (QT_TRANSLATE_NOOP("engine", "Restart condition"), _term(form.restart_condition)),
        (QT_TRANSLATE_NOOP("engine", "Restart delay"), form.restart_delay),
        (
            QT_TRANSLATE_NOOP("engine", "Restart max attempts"),
            Phrase(QT_TRANSLATE_NOOP("engine", "no limit"))
            if form.restart_max_attempts == "0"
            else form.restart_max_attempts,
        ),
    ]
    sections += [
        (QT_TRANSLATE_NOOP("engine", "Restart policy"), restart),
        (QT_TRANSLATE_NOOP("engine", "Update policy"), _policy_rows(form.update)),
        (QT_TRANSLATE_NOOP("engine", "Rollback policy"), _policy_rows(form.rollback)),
    ]
    return [(title, section) for title, section in sections if section]


__all__ = [
    "ComposeError",
    "Phrase",
    "Policy",
    "ServiceForm",
    "compose_document",
    "from_spec",
    "spec_sections",
    "spec_summary",
    "to_compose",
    "to_plan",
    "to_spec",
    "updated_spec",
    "validate",
]
