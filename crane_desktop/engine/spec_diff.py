"""The difference between two service specs (engine API JSON) as readable field paths, old -> new, each
marked with what applying it does to the running tasks.

The marks follow swarmkit's rule (orchestrator `IsTaskDirty`): a task is replaced when the service's
task template (`TaskTemplate`: container spec, resources, restart policy, networks, log driver,
placement...) or its endpoint spec (`EndpointSpec`: ports, endpoint mode) differs from the task's; the
one exception is a change of the placement alone, which replaces only the tasks whose node no longer
satisfies the constraints. Everything else (the service's name and labels, the task count of `Mode`, the
update and rollback policies) restarts nothing. Used before an update, a compose redeploy, and for a
rollback (the current spec against `PreviousSpec`).

The engine leaves out what is empty, and reports some defaults it filled in (`Isolation: default`,
`Runtime: container`, endpoint mode `vip`, one task when a replicated mode gives no count, zeros); both
sides are compared with those normalised away, so a spec sent without them does not read as changed.
Network references are compared as the caller gives them: `stacks.review_plan` puts the ids in place of
a plan's network names, as the engine does.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from crane_desktop.engine.service_form import cpus_text, duration_text, size_text

# the values the engine fills in when a spec leaves them out: equal to leaving them out
_ENGINE_DEFAULTS: dict[tuple[str, ...], object] = {
    ("TaskTemplate", "ContainerSpec", "Isolation"): "default",
    ("TaskTemplate", "Runtime"): "container",
    ("EndpointSpec", "Mode"): "vip",
    ("UpdateConfig", "FailureAction"): "pause",
    ("UpdateConfig", "Order"): "stop-first",
    ("RollbackConfig", "FailureAction"): "pause",
    ("RollbackConfig", "Order"): "stop-first",
}
# a zero or false is the same as leaving the field out (swarmkit's plain proto fields), except where
# swarmkit keeps "unset" apart: these fields, whose zero is a value of its own
_ZERO_IS_A_VALUE = {
    ("Mode", "Replicated", "Replicas"),
    ("TaskTemplate", "ContainerSpec", "Init"),
    ("TaskTemplate", "ContainerSpec", "StopGracePeriod"),
    ("TaskTemplate", "RestartPolicy", "Delay"),
}


class Restart(enum.Enum):
    """What applying a change does to the running tasks, from least to most."""

    NONE = 0  # the tasks keep running (policies, task count, service labels)
    MISPLACED = 1  # only the tasks on nodes that no longer satisfy the placement are replaced
    ALL = 2  # every task is replaced by one with the new spec


@dataclass(frozen=True)
class Change:
    """One changed field: `path` like `TaskTemplate.ContainerSpec.Env` or
    `EndpointSpec.Ports[0].PublishedPort`; `old`/`new` are None where the field is absent."""

    path: str
    old: Any
    new: Any
    restart: Restart


def with_network_names(changes: Iterable[Change], names: Mapping[str, str]) -> list[Change]:
    """`changes` with the networks a task attaches to written by name (the engine keeps their ids):
    `names` is network id -> name; an id it does not know stays as it is."""

    def named(value: Any) -> Any:
        if isinstance(value, list):
            return [named(item) for item in value]
        if isinstance(value, dict) and isinstance(value.get("Target"), str):
            return {**value, "Target": names.get(value["Target"], value["Target"])}
        if isinstance(value, str):
            return names.get(value, value)
        return value

    return [
        replace(change, old=named(change.old), new=named(change.new))
        if change.path.startswith("TaskTemplate.Networks")
        else change
        for change in changes
    ]


def restart_of(path: tuple[str | int, ...]) -> Restart:
    """swarmkit's rule for one field (see the module docstring)."""
    if path[:1] == ("TaskTemplate",):
        return Restart.MISPLACED if path[:2] == ("TaskTemplate", "Placement") else Restart.ALL
    if path[:1] == ("EndpointSpec",):
        return Restart.ALL
    return Restart.NONE


def restart_effect(changes: Iterable[Change]) -> Restart:
    """What applying all of `changes` together does: the strongest mark (a placement change among others
    in the task template replaces every task, as swarmkit's exception is for the placement alone)."""
    return max((change.restart for change in changes), key=lambda r: r.value, default=Restart.NONE)


def _normalised(value: Any, path: tuple[str, ...] = ()) -> Any:
    """`value` with empty values (None, "", 0, false, [], {}, but see `_ZERO_IS_A_VALUE`) and the
    engine's filled-in defaults left out."""
    if isinstance(value, Mapping):
        result = {}
        for key, item in value.items():
            inner = _normalised(item, (*path, str(key)))
            if inner is not None and _ENGINE_DEFAULTS.get((*path, str(key)), _MISSING) != inner:
                result[key] = inner
        return result or None
    if isinstance(value, list):
        items = [_normalised(item, path) for item in value]
        return items or None
    if value == "" or (value in (0, False) and path not in _ZERO_IS_A_VALUE):
        return None
    return value


_MISSING = object()


def diff_specs(old: Mapping[str, Any] | None, new: Mapping[str, Any] | None) -> list[Change]:
    """Every field that differs from `old` to `new`, in path order. Dicts are compared key by key, lists
    of objects of the same length item by item, other lists as a whole."""
    changes: list[Change] = []
    _walk(_normalised(_with_mode(old)), _normalised(_with_mode(new)), (), changes)
    return changes


def _with_mode(spec: Mapping[str, Any] | None) -> dict[str, Any]:
    """`spec` with the mode the engine gives it: replicated with one task when it says no mode or no
    task count (the daemon's ServiceSpecToGRPC)."""
    result = dict(spec or {})
    mode = result.get("Mode") or {}
    replicas = (mode.get("Replicated") or {}).get("Replicas")
    if not any(key != "Replicated" for key in mode) and replicas is None:
        result["Mode"] = {"Replicated": {"Replicas": 1}}
    return result


def _walk(old: Any, new: Any, path: tuple[str | int, ...], out: list[Change]) -> None:
    if old == new:
        return
    if isinstance(old, dict) or isinstance(new, dict):
        old, new = old if old is not None else {}, new if new is not None else {}
    if isinstance(old, dict) and isinstance(new, dict):  # (an absent object: its fields one by one)
        for key in sorted(set(old) | set(new)):
            _walk(old.get(key), new.get(key), (*path, key), out)
        return
    if (
        isinstance(old, list)
        and isinstance(new, list)
        and len(old) == len(new)
        and all(isinstance(item, dict) for item in (*old, *new))
    ):
        for index, (before, after) in enumerate(zip(old, new, strict=True)):
            _walk(before, after, (*path, index), out)
        return
    out.append(Change(path_text(path), old, new, restart_of(path)))


def path_text(path: tuple[str | int, ...]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def value_text(value: Any) -> str:
    """A changed value in one line: lists of plain values joined with ", ", objects as compact JSON,
    an absent value as "-"."""
    if value is None:
        return "-"
    if isinstance(value, list) and all(not isinstance(item, dict | list) for item in value):
        return ", ".join(str(item) for item in value)
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True, separators=(", ", ": "))
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# the engine's units made readable, by the changed field's name
_DURATIONS = {"Delay", "Monitor", "StopGracePeriod", "Window", "Interval", "Timeout", "StartPeriod"}


def readable_value(path: str, value: object) -> str:
    """A changed value as an operator reads it: durations (`5s`), memory (`64M`), CPUs (`0.5`), as the
    deploy form writes them; else `value_text`."""
    key = path.rsplit(".", 1)[-1]
    if isinstance(value, int) and not isinstance(value, bool):
        if key in _DURATIONS:
            return duration_text(value)
        if key == "MemoryBytes":
            return size_text(value)
        if key == "NanoCPUs":
            return cpus_text(value)
    return value_text(value)


def change_text(change: Change) -> str:
    """`path: old -> new`, the values readable."""
    old, new = readable_value(change.path, change.old), readable_value(change.path, change.new)
    return f"{change.path}: {old} -> {new}"
