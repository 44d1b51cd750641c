"""Stage 5: the checked, merged file -> the StackPlan, every spec `docker stack deploy` would send
(docker/cli's cli/compose/convert): services, the app's networks, secrets and configs."""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from typing import Any

from crane_desktop.engine import object_data
from crane_desktop.engine.compose import schema
from crane_desktop.engine.compose.convert_service import ServiceConverter
from crane_desktop.engine.compose.marks import ComposeWarning, Path_, why
from crane_desktop.engine.compose.schema import FILE_OBJECT_KEYS, NETWORK_KEYS, TOP_KEYS
from crane_desktop.engine.i18n import QT_TRANSLATE_NOOP


@dataclass
class StackPlan:
    """Everything a deploy creates, in the engine API's JSON shapes."""

    name: str
    services: dict[str, dict[str, Any]] = field(default_factory=dict)  # scoped name -> ServiceSpec
    networks: dict[str, dict[str, Any]] = field(default_factory=dict)  # name -> NetworkCreate body
    external_networks: list[str] = field(default_factory=list)
    secrets: dict[str, dict[str, Any]] = field(default_factory=dict)  # name -> SecretSpec
    configs: dict[str, dict[str, Any]] = field(default_factory=dict)  # name -> ConfigSpec
    warnings: list[ComposeWarning] = field(default_factory=list)  # accepted, as docker, with a warning


class StackConverter(ServiceConverter):
    def run(self) -> StackPlan:
        top = self.mapping(self.doc.value, (), TOP_KEYS)
        self.minor = schema.check_version(self.doc, top)
        services = self.mapping(top.get("services"), ("services",))
        if not services:
            self.fail(("services",), QT_TRANSLATE_NOOP("engine", "the file defines no services"))
        self.top = {
            kind: self.mapping(top.get(kind), (kind,))
            for kind in ("networks", "volumes", "secrets", "configs")
        }
        plan = StackPlan(self.stack, warnings=self.doc.warnings)
        used_networks: set[str] = set()
        for name, service in services.items():
            if not re.fullmatch(r"[a-zA-Z0-9][a-zA-Z0-9_.-]*", name):
                self.fail(
                    ("services", name),
                    QT_TRANSLATE_NOOP("engine", "“{name}” is not a valid service name"),
                    name=name,
                )
            spec, networks = self.service(name, service)
            plan.services[self.scope(name)] = spec
            used_networks.update(networks)
        self.check_externals()  # after the services, as docker's loadSections (its warnings' order)
        self.networks(plan, used_networks)
        plan.secrets = self.file_objects("secrets")
        plan.configs = self.file_objects("configs")
        return plan

    def check_externals(self) -> None:
        """docker's loader: `external.name` conflicts with `name` (and is deprecated from 3.4/3.5 on), and
        an external volume takes no driver, driver_opts or labels."""
        for kind, singular, deprecated in (
            ("networks", "network", 5),
            ("volumes", "volume", 4),
            ("secrets", "secret", 5),
            ("configs", "config", 5),
        ):
            for key, value in self.top[kind].items():
                path = (kind, key)
                config = self.mapping(value, path)
                external, old_name = self.external(config.get("external"), (*path, "external"))
                if external and kind == "volumes":
                    for option in ("driver", "driver_opts", "labels"):
                        if config.get(option):
                            self.fail(
                                (*path, option),
                                QT_TRANSLATE_NOOP(
                                    "engine", "an external volume takes no “{name}” (it exists already)"
                                ),
                                name=option,
                            )
                if not old_name:
                    continue
                if "name" in config:
                    self.fail(
                        (*path, "name"),
                        QT_TRANSLATE_NOOP(
                            "engine", "{kind}.external.name and {kind}.name conflict; only use {kind}.name"
                        ),
                        kind=singular,
                    )
                if self.minor >= deprecated:
                    self.doc.warn(
                        (*path, "external", "name"),
                        QT_TRANSLATE_NOOP(
                            "engine",
                            "{kind} {name}: {kind}.external.name is deprecated in favor of {kind}.name",
                        ),
                        kind=singular,
                        name=key,
                    )

    def networks(self, plan: StackPlan, used: set[str]) -> None:
        declared = self.top["networks"]
        for internal in sorted(used):
            path = ("networks", internal)
            config = self.mapping(declared.get(internal), path, NETWORK_KEYS)
            external, old_name = self.external(config.get("external"), (*path, "external"))
            name = self.string(config["name"], (*path, "name")) if "name" in config else ""
            if external:
                plan.external_networks.append(old_name or name or internal)
                continue
            body: dict[str, Any] = {
                "Name": name or self.scope(internal),
                "CheckDuplicate": True,
                "Driver": self.string(config.get("driver") or "overlay", (*path, "driver")),
                "Internal": self.boolean(config.get("internal", False), (*path, "internal")),
                "Attachable": self.boolean(config.get("attachable", False), (*path, "attachable")),
                "Labels": self.stack_labels(self.key_values(config.get("labels"), (*path, "labels"))),
            }
            options = self.key_values(config.get("driver_opts"), (*path, "driver_opts"))
            if options:
                body["Options"] = options
            ipam = self.mapping(config.get("ipam"), (*path, "ipam"), {"driver", "config"})
            if ipam.get("driver") or ipam.get("config"):
                body["IPAM"] = {"Driver": self.string(ipam.get("driver") or "", (*path, "ipam", "driver"))}
                entries = ipam.get("config") or []
                if not isinstance(entries, list):
                    self.fail((*path, "ipam", "config"), QT_TRANSLATE_NOOP("engine", "must be a list"))
                body["IPAM"]["Config"] = [
                    self.subnet(e, (*path, "ipam", "config", i)) for i, e in enumerate(entries)
                ]
            plan.networks[body["Name"]] = body

    def subnet(self, value: Any, path: Path_) -> dict[str, str]:
        subnet = self.string(self.mapping(value, path, {"subnet"}).get("subnet"), (*path, "subnet"))
        try:
            ipaddress.ip_network(subnet, strict=False)
        except ValueError:
            self.fail(
                (*path, "subnet"),
                QT_TRANSLATE_NOOP("engine", "“{text}” is not a subnet in CIDR notation (e.g. 10.0.0.0/24)"),
                text=subnet,
            )
        return {"Subnet": subnet}

    def check_data(self, path: Path_, data: bytes, driver: str) -> None:
        """What the engine would refuse (over 500 KB, an unknown driver) or every task would fail on
        (a golang template it cannot read), refused at the line that declares it."""
        if len(data) > object_data.MAX_BYTES:
            self.fail(
                (*path, "file"),
                QT_TRANSLATE_NOOP(
                    "engine", "the file is over 500 KB: the engine takes at most {limit} bytes"
                ),
                limit=str(object_data.MAX_BYTES),
            )
        if not object_data.driver_known(driver):
            self.fail((*path, "template_driver"), object_data.UNKNOWN_DRIVER, driver=driver)
        problem = object_data.template_problem(data) if driver else None
        if problem is not None:
            self.fail(
                (*path, "file"),
                QT_TRANSLATE_NOOP("engine", "the template is not valid, line {template_line}: {reason}"),
                template_line=str(problem.line),
                reason=problem.reason,
            )

    def file_objects(self, kind: str) -> dict[str, dict[str, Any]]:
        result: dict[str, dict[str, Any]] = {}
        for key, value in self.top[kind].items():
            path = (kind, key)
            config = self.mapping(value, path, FILE_OBJECT_KEYS)
            external, _ = self.external(config.get("external"), (*path, "external"))
            if external:
                continue
            name = self.string(config["name"], (*path, "name")) if "name" in config else self.scope(key)
            if "file" not in config:
                self.fail(path, QT_TRANSLATE_NOOP("engine", "needs “file” (or external: true)"))
            file = self.dir / self.string(config["file"], (*path, "file"))  # docker's absPath: no ~
            try:
                data = file.read_bytes()
            except (OSError, ValueError) as exc:  # ValueError: a NUL in the path
                self.fail(
                    (*path, "file"),
                    QT_TRANSLATE_NOOP("engine", "cannot read {file}: {reason}"),
                    file=str(file),
                    reason=why(exc),
                )
            spec: dict[str, Any] = {
                "Name": name,
                "Labels": self.stack_labels(self.key_values(config.get("labels"), (*path, "labels"))),
                "Data": data,
            }
            if config.get("template_driver"):
                spec["Templating"] = {
                    "Name": self.string(config["template_driver"], (*path, "template_driver"))
                }
            self.check_data(path, data, spec.get("Templating", {}).get("Name", ""))
            result[name] = spec
        return result
