"""`docker stack config`: the merged (and interpolated) files as docker's loader holds them
(cli/compose/types: short syntaxes in their long form, paths made absolute, durations and sizes
normalised, keys in the order of docker's types), for `emit` to print as docker prints them."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from crane_desktop.engine.compose import schema, units
from crane_desktop.engine.compose.convert import StackConverter
from crane_desktop.engine.compose.emit import emit, go_float
from crane_desktop.engine.compose.interpolate import UNSET_VARIABLE
from crane_desktop.engine.compose.marks import ComposeWarning, Document, Path_
from crane_desktop.engine.compose.schema import LATEST_MINOR, TOP_KEYS

SERVICE_ORDER = (
    "build", "cap_add", "cap_drop", "cgroupns_mode", "cgroup_parent", "command", "configs", "container_name",
    "credential_spec", "depends_on", "deploy", "devices", "dns", "dns_search", "domainname", "entrypoint",
    "environment", "env_file", "expose", "external_links", "extra_hosts", "hostname", "healthcheck", "image",
    "init", "ipc", "isolation", "labels", "links", "logging", "mac_address", "network_mode", "networks",
    "pid", "ports", "privileged", "read_only", "restart", "secrets", "security_opt", "shm_size", "stdin_open",
    "stop_grace_period", "stop_signal", "sysctls", "tmpfs", "tty", "ulimits", "user", "userns_mode",
    "volumes", "working_dir",
)  # fmt: skip
DEPLOY_ORDER = (
    "mode", "replicas", "labels", "update_config", "rollback_config", "resources", "restart_policy",
    "placement", "endpoint_mode",
)  # fmt: skip
UPDATE_ORDER = ("parallelism", "delay", "failure_action", "monitor", "max_failure_ratio", "order")
HEALTH_ORDER = ("test", "timeout", "interval", "retries", "start_period", "start_interval", "disable")
RESTART_ORDER = ("condition", "delay", "max_attempts", "window")
MOUNT_ORDER = ("type", "source", "target", "read_only", "consistency", "bind", "volume", "tmpfs")
NETWORK_ORDER = ("name", "driver", "driver_opts", "ipam", "external", "internal", "attachable", "labels")
VOLUME_ORDER = ("name", "driver", "driver_opts", "external", "labels")
FILE_ORDER = ("name", "file", "external", "labels", "driver", "driver_opts", "template_driver")
BUILD_ORDER = ("context", "dockerfile", "args", "labels", "cache_from", "extra_hosts", "network", "target")
# a volume's x-cluster-spec is docker's typed ClusterVolumeSpec (its keys, in its order), not an extension
CLUSTER_SPEC_ORDER = (
    "group",
    "access_mode",
    "accessibility_requirements",
    "capacity_range",
    "secrets",
    "availability",
)
ACCESS_MODE_ORDER = ("scope", "sharing", "mount_volume", "block_volume")
# Go's omitempty, as docker's types apply it: a pointer to a struct is written even when empty ({}),
# a plain struct, a map or a list is left out when empty, a number or flag when 0 or false.
POINTER_STRUCTS = {
    "healthcheck", "logging", "update_config", "rollback_config", "restart_policy", "limits",
    "reservations", "volume", "tmpfs", "bind", "access_mode", "accessibility_requirements", "capacity_range",
    "mount_volume", "block_volume",
}  # fmt: skip
ZERO_OMITTED = {
    "published", "target", "max_replicas_per_node", "pids", "size", "nocopy", "read_only", "privileged",
    "stdin_open", "tty", "disable", "internal", "attachable", "max_failure_ratio",
}  # fmt: skip


def config_text(document: Document, working_dir: Path) -> str:
    """The text `docker stack config` prints for the (merged) document; what docker's loader warns
    about on the way is added to the document's warnings."""
    return emit(_Config(document, working_dir).config())


def logged_warnings(warnings: list[ComposeWarning]) -> list[ComposeWarning]:
    """The warnings docker's loader logs (`stack config` and `stack deploy` both print them): not the
    options stack deploy ignores (deploy says those its own way) nor unset variables (docker 28 says
    nothing of them)."""
    return [w for w in warnings if not w.ignored and w.reason_template != UNSET_VARIABLE]


def go_string(value: Any) -> str:
    """A scalar as mapstructure turns it into a Go string (true, 1, 0.5)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return go_float(value)
    return "" if value is None else str(value)


class _Config(StackConverter):
    """The converter's typed readers (which refuse as deploy does), turned to docker's loaded types
    instead of engine specs; the app name plays no part."""

    def __init__(self, document: Document, working_dir: Path) -> None:
        super().__init__(document, "x", working_dir)

    def config(self) -> dict[str, Any]:
        top = self.doc.value if isinstance(self.doc.value, dict) else {}
        version = top.get("version")
        latest = f"3.{LATEST_MINOR}"  # no version, or "3", is the latest schema's, as docker prints it
        result: dict[str, Any] = {"version": latest if version in (None, "", "3") else str(version)}
        services = self.mapping(top.get("services"), ("services",))
        result["services"] = {name: self.service_config(name, services[name]) for name in sorted(services)}
        self.minor = schema.check_version(self.doc, self.mapping(top, (), TOP_KEYS))
        self.top = {
            kind: self.mapping(top.get(kind), (kind,))
            for kind in ("networks", "volumes", "secrets", "configs")
        }
        self.check_externals()  # its refusals and warnings, as docker's loader (after the services')
        for kind, order in (
            ("networks", NETWORK_ORDER),
            ("volumes", VOLUME_ORDER),
            ("secrets", FILE_ORDER),
            ("configs", FILE_ORDER),
        ):
            declared = self.mapping(top.get(kind), (kind,))
            if declared:
                result[kind] = {
                    name: self.object_config(kind, name, declared[name], order) for name in sorted(declared)
                }
        result.update({key: _sorted(top[key]) for key in sorted(top) if key.startswith("x-")})
        return result

    def object_config(self, kind: str, name: str, value: Any, order: tuple[str, ...]) -> dict[str, Any]:
        path: Path_ = (kind, name)
        config = dict(self.mapping(value, path))
        external, old_name = self.external(config.get("external"), (*path, "external"))
        if external:  # docker's loader names an external object after its key (or external.name)
            config["name"] = old_name or config.get("name") or name
            config["external"] = True
        elif "external" in config:
            del config["external"]
        if kind in ("secrets", "configs") and not external and not config.get("driver"):
            # docker's absPath, no ~; without a file it is the folder itself (docker's loader)
            config["file"] = os.path.normpath(os.path.join(self.dir, str(config.get("file") or "")))
        for key in ("driver_opts", "labels"):
            if key in config:
                config[key] = self.string_map(config[key], (*path, key))
        ipam = config.get("ipam")
        if isinstance(ipam, dict):
            config["ipam"] = _ordered(ipam, ("driver", "config"))
        if kind == "volumes" and isinstance(config.get("x-cluster-spec"), dict):
            spec = self.cluster_spec(config.pop("x-cluster-spec"), (*path, "x-cluster-spec"))
            return {**_ordered(config, order), "x-cluster-spec": spec}
        return _ordered(config, order)

    def cluster_spec(self, value: dict[str, Any], path: Path_) -> dict[str, Any]:
        """docker's ClusterVolumeSpec: its keys in its order, segments as a mapping, byte sizes as
        numbers in strings (UnitBytes)."""
        spec = dict(value)
        if isinstance(spec.get("access_mode"), dict):
            spec["access_mode"] = _ordered(spec["access_mode"], ACCESS_MODE_ORDER)
        requirements = spec.get("accessibility_requirements")
        if isinstance(requirements, dict):
            spec["accessibility_requirements"] = {
                key: [
                    {"segments": self.string_map(item.get("segments"), (*path, key, i, "segments"))}
                    for i, item in enumerate(self.listing(requirements[key], (*path, key)))
                    if isinstance(item, dict)
                ]
                for key in ("requisite", "preferred")
                if requirements.get(key)
            }
        capacity = spec.get("capacity_range")
        if isinstance(capacity, dict):
            spec["capacity_range"] = {
                key: str(self.size(capacity[key], (*path, "capacity_range", key)))
                for key in ("required_bytes", "limit_bytes")
                if capacity.get(key) is not None
            }
        if isinstance(spec.get("secrets"), list):
            spec["secrets"] = [
                _ordered(item, ("key", "secret")) for item in spec["secrets"] if isinstance(item, dict)
            ]
        return {key: spec[key] for key in CLUSTER_SPEC_ORDER if key in spec and not _empty(key, spec[key])}

    def string_map(self, value: Any, path: Path_) -> dict[str, str]:
        """Labels, driver options, sysctls: docker's Mapping, sorted, every value a string."""
        values = self.key_values(value, path)
        return {key: go_string(values[key]) for key in sorted(values)}

    def service_config(self, name: str, value: Any) -> dict[str, Any]:
        path: Path_ = ("services", name)
        svc = dict(self.mapping(value, path, null_ok=False))
        for key in ("command", "entrypoint"):
            if svc.get(key) is not None:
                svc[key] = self.command(svc[key], (*path, key))
        for key in ("dns", "dns_search", "env_file", "tmpfs"):
            if svc.get(key) is not None:
                svc[key] = self.strings(svc[key], (*path, key))
        if isinstance(svc.get("build"), str):
            svc["build"] = {"context": svc["build"]}
        if isinstance(svc.get("build"), dict):
            svc["build"] = self.build_config(svc["build"], (*path, "build"))
        if svc.get("expose") is not None:  # StringOrNumberList: numbers become strings
            svc["expose"] = [go_string(item) for item in self.listing(svc["expose"], (*path, "expose"))]
        for key in ("labels", "sysctls"):
            if key in svc:
                svc[key] = self.string_map(svc[key], (*path, key))
        if "environment" in svc or "env_file" in svc:
            svc["environment"] = self.environment_map(svc, path)
        if svc.get("extra_hosts") is not None:
            pairs = self.host_pairs(svc["extra_hosts"], (*path, "extra_hosts"))
            svc["extra_hosts"] = [f"{host}:{ip}" for host, ip in pairs]
        if isinstance(svc.get("networks"), list):
            svc["networks"] = dict.fromkeys(sorted(self.strings(svc["networks"], (*path, "networks"))))
        elif isinstance(svc.get("networks"), dict):
            svc["networks"] = {key: svc["networks"][key] for key in sorted(svc["networks"])}
        for key in ("secrets", "configs"):
            if isinstance(svc.get(key), list):
                svc[key] = [{"source": item} if isinstance(item, str) else item for item in svc[key]]
        if svc.get("ports") is not None:
            svc["ports"] = self.port_configs(svc["ports"], (*path, "ports"))
        if svc.get("volumes") is not None:
            svc["volumes"] = self.volume_configs(svc["volumes"], (*path, "volumes"))
        if svc.get("stop_grace_period") is not None:
            svc["stop_grace_period"] = self.go_duration(
                svc["stop_grace_period"], (*path, "stop_grace_period")
            )
        if isinstance(svc.get("healthcheck"), dict):
            svc["healthcheck"] = self.healthcheck_config(svc["healthcheck"], (*path, "healthcheck"))
        if isinstance(svc.get("deploy"), dict):
            svc["deploy"] = self.deploy_config(svc["deploy"], (*path, "deploy"))
        if isinstance(svc.get("logging"), dict):
            logging_ = dict(svc["logging"])
            if logging_.get("options") is not None:
                logging_["options"] = self.string_map(logging_["options"], (*path, "logging", "options"))
            svc["logging"] = _ordered(logging_, ("driver", "options"))
        if isinstance(svc.get("ulimits"), dict):
            svc["ulimits"] = {key: svc["ulimits"][key] for key in sorted(svc["ulimits"])}
        return _ordered(svc, SERVICE_ORDER)

    def build_config(self, value: dict[str, Any], path: Path_) -> dict[str, Any]:
        """docker's BuildConfig: args a mapping with equals (a key without value is null), labels a
        mapping of strings, cache_from a string list, in its keys' order."""
        build = dict(value)
        if build.get("args") is not None:
            args = self.key_values(build["args"], (*path, "args"), allow_none=True)
            build["args"] = {key: args[key] for key in sorted(args)}
        if "labels" in build:
            build["labels"] = self.string_map(build["labels"], (*path, "labels"))
        if build.get("cache_from") is not None:
            build["cache_from"] = self.strings(build["cache_from"], (*path, "cache_from"))
        return _ordered(build, BUILD_ORDER)

    def go_duration(self, value: Any, path: Path_) -> str:
        return units.go_duration(self.duration(value, path))

    def environment_map(self, svc: dict[str, Any], path: Path_) -> dict[str, str | None]:
        values = self.environment_values(svc, path)
        return {key: values[key] for key in sorted(values)}

    def port_configs(self, value: Any, path: Path_) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = []
        for i, item in enumerate(self.listing(value, path)):
            if isinstance(item, dict):
                result.append(_ordered(item, ("mode", "target", "published", "protocol")))
                continue
            text = str(item) if isinstance(item, int) else self.string(item, (*path, i))
            for port in self.short_ports(text, (*path, i)):
                entry = {"mode": port["PublishMode"], "target": port["TargetPort"]}
                if port["PublishedPort"]:
                    entry["published"] = port["PublishedPort"]
                result.append({**entry, "protocol": port["Protocol"]})
        return result

    def volume_configs(self, value: Any, path: Path_) -> list[dict[str, Any]]:
        result = []
        for i, item in enumerate(self.listing(value, path)):
            if isinstance(item, str):
                volume = self.short_volume(item, (*path, i))
            else:
                volume = dict(self.mapping(item, (*path, i), null_ok=False))
                if volume.get("type") == "bind" and volume.get("source"):
                    volume["source"] = self.host_path(str(volume["source"]))
            for key, fields in (("bind", ("propagation",)), ("volume", ("nocopy",)), ("tmpfs", ("size",))):
                if isinstance(volume.get(key), dict):
                    volume[key] = _ordered(volume[key], fields)
            result.append(_ordered(volume, MOUNT_ORDER))
        return result

    def healthcheck_config(self, check: dict[str, Any], path: Path_) -> dict[str, Any]:
        check = dict(check)
        if isinstance(check.get("test"), str):
            check["test"] = ["CMD-SHELL", check["test"]]
        for key in ("timeout", "interval", "start_period", "start_interval"):
            if check.get(key) is not None:
                check[key] = self.go_duration(check[key], (*path, key))
        return _ordered(check, HEALTH_ORDER)

    def deploy_config(self, deploy: dict[str, Any], path: Path_) -> dict[str, Any]:
        deploy = dict(deploy)
        if "labels" in deploy:
            deploy["labels"] = self.string_map(deploy["labels"], (*path, "labels"))
        for key in ("update_config", "rollback_config"):
            if isinstance(deploy.get(key), dict):
                policy = dict(deploy[key])
                for duration in ("delay", "monitor"):
                    if policy.get(duration) is not None:
                        policy[duration] = self.duration(policy[duration], (*path, key, duration))
                        policy[duration] = units.go_duration(policy[duration]) if policy[duration] else None
                deploy[key] = _ordered(policy, UPDATE_ORDER)
        if isinstance(deploy.get("restart_policy"), dict):
            policy = dict(deploy["restart_policy"])
            for duration in ("delay", "window"):
                if policy.get(duration) is not None:
                    policy[duration] = self.go_duration(policy[duration], (*path, "restart_policy", duration))
            deploy["restart_policy"] = _ordered(policy, RESTART_ORDER)
        if isinstance(deploy.get("resources"), dict):
            deploy["resources"] = self.resources_config(deploy["resources"], (*path, "resources"))
        if isinstance(deploy.get("placement"), dict):
            deploy["placement"] = _ordered(
                deploy["placement"], ("constraints", "preferences", "max_replicas_per_node")
            )
        return _ordered(deploy, DEPLOY_ORDER)

    def resources_config(self, resources: dict[str, Any], path: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key in ("limits", "reservations"):
            if not isinstance(resources.get(key), dict):
                continue
            part = dict(resources[key])
            if part.get("cpus") is not None:
                part["cpus"] = go_string(part["cpus"])
            if part.get("memory") is not None:
                part["memory"] = str(self.size(part["memory"], (*path, key, "memory")))
            result[key] = _ordered(part, ("cpus", "memory", "pids", "generic_resources"))
        return result


def _ordered(values: dict[str, Any], order: tuple[str, ...]) -> dict[str, Any]:
    """The keys docker's type has, in its order; extension keys after them."""
    known = {key: values[key] for key in order if key in values and not _empty(key, values[key])}
    return {**known, **{key: _sorted(values[key]) for key in sorted(values) if key.startswith("x-")}}


def _empty(key: str, value: Any) -> bool:
    """What Go's omitempty leaves out (see POINTER_STRUCTS)."""
    if value is None or value == "" or value == []:
        return True
    if value == {}:
        return key not in POINTER_STRUCTS
    return key in ZERO_OMITTED and not isinstance(value, str) and value in (0, False)


def _sorted(value: Any) -> Any:
    """An extension's free-form value as Go holds it: every mapping's keys sorted."""
    if isinstance(value, dict):
        return {key: _sorted(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [_sorted(item) for item in value]
    return value
