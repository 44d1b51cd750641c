"""Stage 3: the file checked against its own version, as docker 28's per-version schemas
(cli/compose/schema/data/config_schema_v3.N.json) check it: the version is a string naming a schema
the CLI knows (3.0 .. 3.13), no key is used that a later version added, and every mapping has only the
keys its schema lists (checked where the converter reads it, `Typed.mapping(value, path, KEYS)`)."""

from __future__ import annotations

import re
from typing import Any

from crane_desktop.engine.compose.marks import IGNORED_DEPRECATED, IGNORED_UNSUPPORTED, Document, Path_
from crane_desktop.engine.compose.value_types import check_object_types, check_service_types
from crane_desktop.engine.i18n import QT_TRANSLATE_NOOP

LATEST_MINOR = 13  # docker CLI 28.x knows the schemas 3.0 .. 3.13

TOP_KEYS = {"version", "services", "networks", "volumes", "secrets", "configs"}
SERVICE_KEYS = {
    "build", "cap_add", "cap_drop", "cgroupns_mode", "cgroup_parent", "command", "configs", "container_name",
    "credential_spec", "depends_on", "deploy", "devices", "dns", "dns_search", "domainname", "entrypoint",
    "env_file", "environment", "expose", "external_links", "extra_hosts", "healthcheck", "hostname", "image",
    "init", "ipc", "isolation", "labels", "links", "logging", "mac_address", "network_mode", "networks",
    "oom_score_adj", "pid",
    "ports", "privileged", "read_only", "restart", "secrets", "security_opt", "shm_size", "sysctls",
    "stdin_open", "stop_grace_period", "stop_signal", "tmpfs", "tty", "ulimits", "user", "userns_mode",
    "volumes", "working_dir",
}  # fmt: skip
DEPLOY_KEYS = {
    "mode", "endpoint_mode", "replicas", "labels", "rollback_config", "update_config", "resources",
    "restart_policy", "placement",
}  # fmt: skip
UPDATE_KEYS = {"parallelism", "delay", "failure_action", "monitor", "max_failure_ratio", "order"}
RESTART_KEYS = {"condition", "delay", "max_attempts", "window"}
PLACEMENT_KEYS = {"constraints", "preferences", "max_replicas_per_node"}
RESOURCES_KEYS = {"limits", "reservations"}
LIMITS_KEYS = {"cpus", "memory", "pids"}
RESERVATIONS_KEYS = {"cpus", "memory", "generic_resources"}  # no `devices` in docker's 3.x schemas
HEALTHCHECK_KEYS = {"test", "interval", "timeout", "retries", "start_period", "start_interval", "disable"}
PORT_KEYS = {"target", "published", "protocol", "mode"}  # no host_ip nor name in docker's 3.x schemas
MOUNT_KEYS = {"type", "source", "target", "read_only", "consistency", "bind", "volume", "tmpfs"}
REFERENCE_KEYS = {"source", "target", "uid", "gid", "mode"}  # a service's secrets and configs
SERVICE_NETWORK_KEYS = {"aliases", "ipv4_address", "ipv6_address", "driver_opts"}
NETWORK_KEYS = {"driver", "driver_opts", "ipam", "external", "internal", "attachable", "labels", "name"}
VOLUME_KEYS = {"driver", "driver_opts", "external", "labels", "name"}
FILE_OBJECT_KEYS = {"file", "external", "name", "labels", "driver", "driver_opts", "template_driver"}

# The mappings inside a service and the keys docker's schemas list for them (see value_types).
SERVICE_MAPPING_KEYS = {
    "logging": {"driver", "options"},
    "healthcheck": HEALTHCHECK_KEYS,
    "credential_spec": {"config", "file", "registry"},
    "deploy": DEPLOY_KEYS,
    "deploy.update_config": UPDATE_KEYS,
    "deploy.rollback_config": UPDATE_KEYS,
    "deploy.restart_policy": RESTART_KEYS,
    "deploy.placement": PLACEMENT_KEYS,
    "deploy.placement.preferences.[]": {"spread"},
    "deploy.resources": RESOURCES_KEYS,
    "deploy.resources.limits": LIMITS_KEYS,
    "deploy.resources.reservations": RESERVATIONS_KEYS,
    "networks.*": SERVICE_NETWORK_KEYS,
    "secrets.[]": REFERENCE_KEYS,
    "configs.[]": REFERENCE_KEYS,
    "ports.[]": PORT_KEYS,
    "volumes.[]": MOUNT_KEYS,
}

# Service keys the schema accepts and `docker stack deploy` ignores, saying so (docker/cli
# cli/compose/types UnsupportedProperties and loader's deprecatedProperties, CLI 28.2.2).
UNSUPPORTED_KEYS = (
    "build", "cgroupns_mode", "cgroup_parent", "devices", "domainname", "external_links", "ipc", "links",
    "mac_address", "network_mode", "pid", "privileged", "restart", "security_opt", "shm_size", "userns_mode",
)  # fmt: skip
DEPRECATED_KEYS = {
    "container_name": QT_TRANSLATE_NOOP("engine", "Setting the container name is not supported."),
    "expose": QT_TRANSLATE_NOOP(
        "engine",
        "Exposing ports is unnecessary - services on the same network can access each other's containers "
        "on any port.",
    ),
}

# The keys each schema version added: a file of an older version that uses one is refused, as the
# CLI's schema check does. "*" is any key, "[]" any item of a list, "x-" any extension key.
KEYS_SINCE: tuple[tuple[str, int], ...] = (
    ("secrets", 1), ("services.*.secrets", 1),
    ("networks.*.attachable", 2), ("services.*.deploy.endpoint_mode", 2),
    ("services.*.ports[].mode", 2), ("services.*.ports[].protocol", 2), ("services.*.ports[].published", 2),
    ("services.*.ports[].target", 2), ("services.*.volumes[].bind", 2),
    ("services.*.volumes[].consistency", 2), ("services.*.volumes[].read_only", 2),
    ("services.*.volumes[].source", 2), ("services.*.volumes[].target", 2), ("services.*.volumes[].type", 2),
    ("services.*.volumes[].volume", 2),
    ("configs", 3), ("services.*.configs", 3), ("services.*.credential_spec", 3),
    ("services.*.deploy.placement.preferences", 3),
    ("x-", 4), ("services.*.deploy.update_config.order", 4), ("services.*.healthcheck.start_period", 4),
    ("volumes.*.name", 4),
    ("configs.*.name", 5), ("networks.*.name", 5), ("secrets.*.name", 5),
    ("services.*.deploy.resources.reservations.generic_resources", 5), ("services.*.isolation", 5),
    ("services.*.volumes[].tmpfs", 6),
    ("services.*.deploy.rollback_config", 7), ("services.*.init", 7), ("services.*.x-", 7),
    ("networks.*.x-", 7),
    ("configs.*.template_driver", 8), ("secrets.*.driver", 8), ("secrets.*.driver_opts", 8),
    ("secrets.*.template_driver", 8), ("services.*.credential_spec.config", 8),
    ("services.*.deploy.placement.max_replicas_per_node", 8),
    ("services.*.deploy.resources.limits.pids", 9), ("services.*.cgroupns_mode", 9),
    ("services.*.healthcheck.start_interval", 12),
    ("services.*.networks.*.driver_opts", 13), ("services.*.oom_score_adj", 13),
)  # fmt: skip


def check_version(document: Document, top: dict[str, Any]) -> int:
    """The file's minor version (3.N); refuses a version the CLI does not know, keys a later version
    added, and values of the wrong JSON type (value_types). No version, "3" or "": the CLI takes its
    latest schema (docker's normalizeVersion)."""
    minor = _minor_version(document, top)
    check_service_types(document, top.get("services"), SERVICE_MAPPING_KEYS)
    check_object_types(document, top)
    return minor


def _minor_version(document: Document, top: dict[str, Any]) -> int:
    if "version" not in top or top["version"] in ("3", ""):
        return LATEST_MINOR
    if not isinstance(top["version"], str):
        document.fail(("version",), QT_TRANSLATE_NOOP("engine", 'must be a string (e.g. "3.8")'))
    version = top["version"]
    match = re.fullmatch(r"3(?:\.(0|[1-9][0-9]?))?", version)
    minor = int(match.group(1) or 0) if match else -1
    if not 0 <= minor <= LATEST_MINOR:
        document.fail(
            ("version",),
            QT_TRANSLATE_NOOP("engine", "version {version} is not supported (3.0 to 3.{latest})"),
            version=version,
            latest=LATEST_MINOR,
        )
    for pattern, since in KEYS_SINCE:
        if since > minor:
            for path in _matches(top, pattern.replace("[]", ".[]").split(".")):
                document.fail(
                    path,
                    QT_TRANSLATE_NOOP(
                        "engine", "“{name}” needs version 3.{since} or later (the file says {version})"
                    ),
                    name=path[-1],
                    since=since,
                    version=version,
                )
    return minor


def warn_ignored(document: Document) -> None:
    """A warning for each service option stack deploy ignores, as docker's "Ignoring unsupported
    options" and "Ignoring deprecated options" (which name the option only, once)."""
    services = document.value.get("services") if isinstance(document.value, dict) else None
    for name, service in services.items() if isinstance(services, dict) else ():
        for key in service if isinstance(service, dict) else ():
            path = ("services", name, key)
            if key in UNSUPPORTED_KEYS:
                document.warn(
                    path, QT_TRANSLATE_NOOP("engine", "Ignoring unsupported option “{name}”."),
                    ignored=IGNORED_UNSUPPORTED, name=key,
                )  # fmt: skip
            elif key in DEPRECATED_KEYS:
                document.warn(path, DEPRECATED_KEYS[key], ignored=IGNORED_DEPRECATED)


def _matches(value: Any, pattern: list[str], path: Path_ = ()) -> list[Path_]:
    """The paths in `value` that `pattern` (a KEYS_SINCE entry, split) names."""
    if not pattern:
        return [path]
    head, rest = pattern[0], pattern[1:]
    items: list[tuple[int | str, Any]]
    if head == "[]":
        items = list(enumerate(value)) if isinstance(value, list) else []
    elif not isinstance(value, dict):
        items = []
    elif head == "*":
        items = [(k, v) for k, v in value.items() if not k.startswith("x-")]
    elif head == "x-":
        items = [(k, v) for k, v in value.items() if k.startswith("x-")]
    else:
        items = [(head, value[head])] if head in value else []
    return [found for key, item in items for found in _matches(item, rest, (*path, key))]
