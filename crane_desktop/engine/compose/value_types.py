"""Stage 3, the values' JSON types: every service key is checked as docker 28's 3.x schemas type it
(cli/compose/schema/data), the keys stack deploy ignores too, before anything is converted. docker
refuses a null where its schema wants a string, a number where it wants a string, an item given twice
in a list whose items must be unique, and a wrongly typed option it would then ignore (found comparing
`docker stack config` with ours over every service key and value shape: we accepted them)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from crane_desktop.engine.compose.marks import Document, Path_
from crane_desktop.engine.i18n import QT_TRANSLATE_NOOP

Check = Callable[[Document, Any, Path_], None]


def _of(kinds: type | tuple[type, ...], reason: str, *, optional: bool = False) -> Check:
    """A check that the value is one of `kinds` (a boolean is no number here, as in JSON), or null
    where `optional`."""

    def check(document: Document, value: Any, path: Path_) -> None:
        if optional and value is None:
            return
        if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in _as_tuple(kinds)):
            document.fail(path, reason)

    return check


def _as_tuple(kinds: type | tuple[type, ...]) -> tuple[type, ...]:
    return kinds if isinstance(kinds, tuple) else (kinds,)


_string = _of(str, QT_TRANSLATE_NOOP("engine", "must be a string"))
_optional_string = _of(str, QT_TRANSLATE_NOOP("engine", "must be a string"), optional=True)
_boolean = _of(bool, QT_TRANSLATE_NOOP("engine", "must be true or false"))
_integer = _of(int, QT_TRANSLATE_NOOP("engine", "must be a whole number"))
_string_or_number = _of((str, int, float), QT_TRANSLATE_NOOP("engine", "must be a string or a number"))
_number = _of((int, float), QT_TRANSLATE_NOOP("engine", "must be a number"))
_mapping = _of(dict, QT_TRANSLATE_NOOP("engine", "must be a mapping (key: value)"))
_optional_mapping = _of(dict, QT_TRANSLATE_NOOP("engine", "must be a mapping (key: value)"), optional=True)
_list = _of(list, QT_TRANSLATE_NOOP("engine", "must be a list"))


def _unique(document: Document, items: list[Any], path: Path_) -> None:
    """JSON schema's uniqueItems: the second of two equal items is named."""
    seen: set[str] = set()
    for index, item in enumerate(items):
        key = json.dumps(item, sort_keys=True, default=str)
        if key in seen:
            document.fail(
                (*path, index),
                QT_TRANSLATE_NOOP("engine", "{value} is given twice: the items of this list must be unique"),
                value=key,
            )
        seen.add(key)


def _strings(document: Document, value: Any, path: Path_, *, unique: bool = True) -> None:
    if not isinstance(value, list):
        document.fail(path, QT_TRANSLATE_NOOP("engine", "must be a list of strings"))
    for index, item in enumerate(value):
        _string(document, item, (*path, index))
    if unique:
        _unique(document, value, path)


def _unique_strings(document: Document, value: Any, path: Path_) -> None:
    _strings(document, value, path)


def _string_or_strings(document: Document, value: Any, path: Path_, *, unique: bool = True) -> None:
    """docker's string_or_list: a string, or a list of distinct strings (`unique`; a command's
    words may repeat)."""
    if isinstance(value, str):
        return
    if not isinstance(value, list):
        document.fail(path, QT_TRANSLATE_NOOP("engine", "must be a string or a list of strings"))
    _strings(document, value, path, unique=unique)


def _command(document: Document, value: Any, path: Path_) -> None:
    _string_or_strings(document, value, path, unique=False)


def _list_or_dict(document: Document, value: Any, path: Path_) -> None:
    """docker's list_or_dict: a mapping of strings, numbers or nulls, or a list of distinct strings."""
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, bool) or not isinstance(item, str | int | float | type(None)):
                document.fail((*path, key), QT_TRANSLATE_NOOP("engine", "must be a string, number or null"))
        return
    if not isinstance(value, list):
        document.fail(path, QT_TRANSLATE_NOOP("engine", "must be a list or a mapping"))
    _strings(document, value, path)


def _not_negative(check: Check) -> Check:
    """A count docker decodes into an unsigned number: a negative one cannot be parsed."""

    def checked(document: Document, value: Any, path: Path_) -> None:
        check(document, value, path)
        if value < 0:
            document.fail(path, QT_TRANSLATE_NOOP("engine", "must be at least {minimum}"), minimum=0)

    return checked


def _order(document: Document, value: Any, path: Path_) -> None:
    if value not in ("stop-first", "start-first"):
        document.fail(path, QT_TRANSLATE_NOOP("engine", "must be stop-first or start-first"))


def _scalar_map(document: Document, value: Any, path: Path_) -> None:
    """driver_opts and the like: a mapping of strings or numbers."""
    _mapping(document, value, path)
    for key, item in value.items():
        _string_or_number(document, item, (*path, key))


def _optional_scalar_map(document: Document, value: Any, path: Path_) -> None:
    """logging.options: a mapping of strings, numbers or nulls."""
    _mapping(document, value, path)
    for key, item in value.items():
        if item is not None:
            _string_or_number(document, item, (*path, key))


def _external(document: Document, value: Any, path: Path_) -> None:
    if not isinstance(value, bool | dict):
        document.fail(path, QT_TRANSLATE_NOOP("engine", "must be true, false or a mapping"))


def _plain_strings(document: Document, value: Any, path: Path_) -> None:
    """A list of strings whose items may repeat (placement constraints)."""
    _strings(document, value, path, unique=False)


def _expose(document: Document, value: Any, path: Path_) -> None:
    _list(document, value, path)
    for index, item in enumerate(value):
        _string_or_number(document, item, (*path, index))
    _unique(document, value, path)


def _unique_list(document: Document, value: Any, path: Path_) -> None:
    _list(document, value, path)
    _unique(document, value, path)


def _build(document: Document, value: Any, path: Path_) -> None:
    if isinstance(value, str):
        return
    if not isinstance(value, dict):
        document.fail(path, QT_TRANSLATE_NOOP("engine", "must be a string or a mapping"))
    for key, check in BUILD_TYPES.items():
        if key in value:
            check(document, value[key], (*path, key))


def _ulimits(document: Document, value: Any, path: Path_) -> None:
    _mapping(document, value, path)
    for name, limit in value.items():
        if isinstance(limit, dict):
            for key in limit:
                if key not in ("soft", "hard"):
                    document.fail(
                        (*path, name, key), QT_TRANSLATE_NOOP("engine", "unknown key “{name}”"), name=key
                    )
            for key in ("soft", "hard"):
                if key not in limit:
                    document.fail((*path, name), QT_TRANSLATE_NOOP("engine", "needs “{name}”"), name=key)
                _integer(document, limit[key], (*path, name, key))
        else:
            _integer(document, limit, (*path, name))


def _references(document: Document, value: Any, path: Path_) -> None:
    """A service's secrets or configs: each a name, or a mapping (its keys checked with the others)."""
    _list(document, value, path)
    for index, item in enumerate(value):
        if not isinstance(item, str | dict):
            document.fail((*path, index), QT_TRANSLATE_NOOP("engine", "must be a string or a mapping"))


def _networks(document: Document, value: Any, path: Path_) -> None:
    if isinstance(value, list):
        _strings(document, value, path)
        return
    if not isinstance(value, dict):
        document.fail(path, QT_TRANSLATE_NOOP("engine", "must be a list or a mapping"))
    for name, entry in value.items():
        _optional_mapping(document, entry, (*path, name))


BUILD_TYPES: dict[str, Check] = {
    "context": _string, "dockerfile": _string, "args": _list_or_dict, "labels": _list_or_dict,
    "cache_from": _unique_strings, "network": _string, "target": _string, "shm_size": _string_or_number,
    "extra_hosts": _list_or_dict,
}  # fmt: skip
SERVICE_TYPES: dict[str, Check] = {
    "build": _build, "cap_add": _unique_strings, "cap_drop": _unique_strings, "cgroupns_mode": _string,
    "cgroup_parent": _string, "command": _command, "configs": _references, "container_name": _string,
    "credential_spec": _mapping, "depends_on": _unique_strings, "deploy": _optional_mapping,
    "devices": _unique_strings, "dns": _string_or_strings, "dns_search": _string_or_strings,
    "domainname": _string, "entrypoint": _command, "env_file": _string_or_strings,
    "environment": _list_or_dict, "expose": _expose, "external_links": _unique_strings,
    "extra_hosts": _list_or_dict, "healthcheck": _mapping, "hostname": _string, "image": _string,
    "init": _boolean, "ipc": _string, "isolation": _string, "labels": _list_or_dict,
    "links": _unique_strings, "logging": _mapping, "mac_address": _string, "network_mode": _string,
    "networks": _networks, "oom_score_adj": _integer, "pid": _optional_string, "ports": _unique_list,
    "privileged": _boolean, "read_only": _boolean, "restart": _string, "secrets": _references,
    "security_opt": _unique_strings, "shm_size": _string, "sysctls": _list_or_dict,
    "stdin_open": _boolean, "stop_grace_period": _string, "stop_signal": _string,
    "tmpfs": _string_or_strings, "tty": _boolean, "ulimits": _ulimits, "user": _string,
    "userns_mode": _string, "volumes": _list, "working_dir": _string,
}  # fmt: skip


_count = _not_negative(_integer)
UPDATE_TYPES: dict[str, Check] = {
    "parallelism": _count, "delay": _string, "failure_action": _string, "monitor": _string,
    "max_failure_ratio": _number, "order": _order,
}  # fmt: skip
REFERENCE_TYPES: dict[str, Check] = {
    "source": _string, "target": _string, "uid": _string, "gid": _string, "mode": _not_negative(_number),
}  # fmt: skip
# Below a service: a dotted path (`*` any name, `[]` any item of a list) -> its check. A value of
# the wrong shape on the way (a list where a mapping is wanted) is refused by the check above it.
NESTED_TYPES: dict[str, Check] = {
    **{f"deploy.{key}": check for key, check in {
        "mode": _string, "endpoint_mode": _string, "replicas": _count, "labels": _list_or_dict,
        "update_config": _mapping, "rollback_config": _mapping, "resources": _mapping,
        "restart_policy": _mapping, "placement": _mapping,
    }.items()},
    **{f"deploy.update_config.{key}": check for key, check in UPDATE_TYPES.items()},
    **{f"deploy.rollback_config.{key}": check for key, check in UPDATE_TYPES.items()},
    "deploy.restart_policy.condition": _string, "deploy.restart_policy.delay": _string,
    "deploy.restart_policy.max_attempts": _count, "deploy.restart_policy.window": _string,
    "deploy.placement.constraints": _plain_strings, "deploy.placement.preferences": _list,
    "deploy.placement.preferences.[]": _mapping, "deploy.placement.preferences.[].spread": _string,
    "deploy.placement.max_replicas_per_node": _count,
    "deploy.resources.limits": _mapping, "deploy.resources.reservations": _mapping,
    "deploy.resources.limits.cpus": _string, "deploy.resources.limits.memory": _string,
    "deploy.resources.limits.pids": _integer, "deploy.resources.reservations.cpus": _string,
    "deploy.resources.reservations.memory": _string, "deploy.resources.reservations.generic_resources": _list,
    "deploy.resources.reservations.generic_resources.[]": _mapping,
    "deploy.resources.reservations.generic_resources.[].discrete_resource_spec": _mapping,
    "deploy.resources.reservations.generic_resources.[].discrete_resource_spec.kind": _string,
    "deploy.resources.reservations.generic_resources.[].discrete_resource_spec.value": _number,
    "healthcheck.disable": _boolean, "healthcheck.interval": _string,
    "healthcheck.retries": _not_negative(_number),
    "healthcheck.test": _command, "healthcheck.timeout": _string, "healthcheck.start_period": _string,
    "healthcheck.start_interval": _string,
    "logging.driver": _string, "logging.options": _optional_scalar_map,
    "credential_spec.config": _string, "credential_spec.file": _string, "credential_spec.registry": _string,
    "networks.*.aliases": _unique_strings, "networks.*.ipv4_address": _string,
    "networks.*.ipv6_address": _string, "networks.*.driver_opts": _scalar_map,
    "ports.[].mode": _string, "ports.[].target": _count, "ports.[].published": _count,
    "ports.[].protocol": _string,
    **{f"secrets.[].{key}": check for key, check in REFERENCE_TYPES.items()},
    **{f"configs.[].{key}": check for key, check in REFERENCE_TYPES.items()},
    "volumes.[].type": _string, "volumes.[].source": _string, "volumes.[].target": _string,
    "volumes.[].read_only": _boolean, "volumes.[].consistency": _string, "volumes.[].bind": _mapping,
    "volumes.[].bind.propagation": _string, "volumes.[].volume": _mapping,
    "volumes.[].volume.nocopy": _boolean,
    "volumes.[].tmpfs": _mapping, "volumes.[].tmpfs.size": _integer,
}  # fmt: skip
IPAM_KEYS = {"ipam": {"driver", "config"}, "ipam.config.[]": {"subnet"}}
OBJECT_TYPES: dict[str, Check] = {"name": _string, "external": _external, "labels": _list_or_dict}
# The top-level objects: section -> (the check of one object, the checks of its keys).
TOP_TYPES: dict[str, tuple[Check, dict[str, Check]]] = {
    "networks": (_optional_mapping, {
        **OBJECT_TYPES, "driver": _string, "driver_opts": _scalar_map, "ipam": _mapping,
        "ipam.driver": _string, "ipam.config": _list, "ipam.config.[]": _mapping,
        "ipam.config.[].subnet": _string,
        "internal": _boolean, "attachable": _boolean, "external.name": _string,
    }),
    "volumes": (_optional_mapping, {
        **OBJECT_TYPES, "driver": _string, "driver_opts": _scalar_map, "external.name": _string,
    }),
    "secrets": (_mapping, {
        **OBJECT_TYPES, "file": _string, "driver": _string, "driver_opts": _scalar_map,
        "template_driver": _string, "external.name": _string,
    }),
    "configs": (_mapping, {
        **OBJECT_TYPES, "file": _string, "template_driver": _string, "external.name": _string,
    }),
}  # fmt: skip


def check_service_types(document: Document, services: Any, keys: dict[str, set[str]]) -> None:
    """Every service's keys against the JSON types of docker's schema, and the key sets of the
    mappings inside a service (`keys`: a dotted path under the service, `[]` for a list's items, `*`
    for any name -> the keys its schema lists), so that `stack config` refuses what docker's schema
    refuses even where nothing is converted."""
    for name, service in services.items() if isinstance(services, dict) else ():
        for key, value in service.items() if isinstance(service, dict) else ():
            check = SERVICE_TYPES.get(key)
            if check is not None:
                check(document, value, ("services", name, key))
        _check_nested(document, service, ("services", name), NESTED_TYPES)
        _check_keys(document, service, ("services", name), keys)


def _check_keys(document: Document, value: Any, path: Path_, keys: dict[str, set[str]]) -> None:
    """The mappings at each pattern hold only the keys their schema lists (and extensions)."""
    for pattern, allowed in keys.items():
        for found_path, mapping in _values(value, pattern.split("."), path):
            for key in mapping if isinstance(mapping, dict) else ():
                if key not in allowed and not str(key).startswith("x-"):
                    document.fail(
                        (*found_path, key), QT_TRANSLATE_NOOP("engine", "unknown key “{name}”"), name=key
                    )


def check_object_types(document: Document, top: dict[str, Any]) -> None:
    """The networks, volumes, secrets and configs against the JSON types of docker's schema (and a
    network's ipam against its key sets)."""
    for section, (check_object, keys) in TOP_TYPES.items():
        objects = top.get(section)
        for name, value in objects.items() if isinstance(objects, dict) else ():
            check_object(document, value, (section, name))
            _check_nested(document, value, (section, name), keys)
            if section == "networks":
                _check_keys(document, value, (section, name), IPAM_KEYS)


def _check_nested(document: Document, value: Any, path: Path_, checks: dict[str, Check]) -> None:
    for pattern, check in checks.items():
        for found_path, found in _values(value, pattern.split("."), path):
            check(document, found, found_path)


def _values(value: Any, pattern: list[str], path: Path_) -> list[tuple[Path_, Any]]:
    """The values at `pattern` under `value`, with their paths (where a mapping or list is missing
    or of another shape, nothing: that is checked one level up)."""
    if not pattern:
        return [(path, value)]
    head, rest = pattern[0], pattern[1:]
    if head == "[]":
        items: list[tuple[str | int, Any]] = list(enumerate(value)) if isinstance(value, list) else []
    elif not isinstance(value, dict):
        items = []
    elif head == "*":
        items = list(value.items())
    else:
        items = [(head, value[head])] if head in value else []
    return [found for key, item in items for found in _values(item, rest, (*path, key))]
