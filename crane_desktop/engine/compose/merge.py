"""Stage 4: several files (`-c a.yml -c b.yml`) merged in order, as docker/cli's loader/merge.go:
services key by key (later files win; keyed lists for ports, volumes, secrets, configs), top-level
networks, volumes, secrets and configs replaced whole, name by name."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def _key_values_dict(value: Any) -> Any:
    """A list of KEY=VALUE as the mapping docker merges (other values unchanged)."""
    if not isinstance(value, list):
        return value
    result: dict[str, Any] = {}
    for item in value:
        key, sep, rest = str(item).partition("=")
        result[key] = rest if sep else None
    return result


def _merge_keyed(base: Any, override: Any, key: Callable[[Any], Any]) -> Any:
    """docker's mergeSlice: the entries keyed (override wins), sorted by that key."""
    if not isinstance(base, list) or not isinstance(override, list):
        return override
    entries = {key(item): item for item in base}
    entries.update({key(item): item for item in override})
    return [entries[k] for k in sorted(entries, key=str)]


def _source(item: Any) -> Any:
    return item.get("source") if isinstance(item, dict) else item


def _target(item: Any) -> Any:
    if isinstance(item, dict):
        return item.get("target")
    parts = str(item).split(":")
    return parts[1] if len(parts) > 1 and not (len(parts[0]) == 1 and parts[0].isalpha()) else parts[-1]


_KEY_VALUE_KEYS = {"environment", "labels", "sysctls", "options", "driver_opts"}
_REPLACED_KEYS = {"command", "entrypoint", "aliases"}
_KEYED_LISTS: dict[str, Callable[[Any], Any]] = {
    "secrets": _source,
    "configs": _source,
    "volumes": _target,
    "ports": lambda item: repr(item),
}


def _merge_value(key: str, base: Any, override: Any) -> Any:
    """mergo.Merge with WithOverride and WithAppendSlice, and docker's special cases."""
    if override is None or override == "" or override is False:
        return base if base is not None else override  # mergo keeps the base over an empty value
    if key in _KEY_VALUE_KEYS:
        base, override = _key_values_dict(base), _key_values_dict(override)
    if key == "networks" and isinstance(base, list | dict) and isinstance(override, list | dict):
        base = base if isinstance(base, dict) else dict.fromkeys(base)
        override = override if isinstance(override, dict) else dict.fromkeys(override)
    if key in _REPLACED_KEYS:
        return override
    if key in _KEYED_LISTS:
        return _merge_keyed(base, override, _KEYED_LISTS[key])
    if key == "ulimits" and isinstance(base, dict) and isinstance(override, dict):
        return {**base, **override}  # mergeUlimitsConfig: each limit replaced whole
    both = isinstance(base, dict) and isinstance(override, dict)
    drivers = (base.get("driver"), override.get("driver")) if both else (None, None)
    if key == "logging" and all(drivers) and drivers[0] != drivers[1]:
        return override  # mergeLoggingConfig: another driver replaces; the same one merges its options
    if isinstance(base, dict) and isinstance(override, dict):
        merged = dict(base)
        for name, value in override.items():
            merged[name] = _merge_value(name, base.get(name), value) if name in base else value
        return merged
    if isinstance(base, list) and isinstance(override, list):
        return base + override
    return override


def merge_files(base: Any, override: Any) -> Any:
    """docker's merge(): services merged key by key; networks, volumes, secrets and configs replaced
    whole, name by name."""
    if not isinstance(base, dict) or not isinstance(override, dict):
        return override
    result = dict(base)
    for section, value in override.items():
        if section == "services" and isinstance(value, dict) and isinstance(base.get(section), dict):
            services = dict(base[section])
            for name, service in value.items():
                services[name] = _merge_value(name, services[name], service) if name in services else service
            result[section] = services
        elif section in ("networks", "volumes", "secrets", "configs") and isinstance(value, dict):
            result[section] = {**(base.get(section) or {}), **value}
        else:
            result[section] = value
    return result
