"""One service of the file -> its ServiceSpec (and the networks it joins), as docker's
convert.Services; the container, deploy, mount and port parts are converted by the converters this
one derives from."""

from __future__ import annotations

from typing import Any

from crane_desktop.engine.compose.context import DEFAULT_NETWORK, IMAGE_LABEL
from crane_desktop.engine.compose.convert_container import ContainerConverter
from crane_desktop.engine.compose.convert_deploy import DeployConverter
from crane_desktop.engine.compose.convert_mounts import MountConverter
from crane_desktop.engine.compose.convert_ports import PortConverter
from crane_desktop.engine.compose.marks import Path_
from crane_desktop.engine.compose.schema import (
    DEPLOY_KEYS,
    REFERENCE_KEYS,
    SERVICE_KEYS,
    SERVICE_NETWORK_KEYS,
)
from crane_desktop.engine.i18n import QT_TRANSLATE_NOOP
from crane_desktop.engine.image_names import tagged_image


class ServiceConverter(ContainerConverter, DeployConverter, MountConverter, PortConverter):
    def service(self, name: str, value: Any) -> tuple[dict[str, Any], list[str]]:
        path = ("services", name)
        svc = self.mapping(value, path, SERVICE_KEYS, null_ok=False)
        if "image" not in svc:
            self.fail(path, QT_TRANSLATE_NOOP("engine", "the service needs an image"))
        image = self.string(svc["image"], (*path, "image"))
        deploy = self.mapping(svc.get("deploy"), (*path, "deploy"), DEPLOY_KEYS)
        dpath = (*path, "deploy")
        task: dict[str, Any] = {"ContainerSpec": self.container(svc, path, image)}
        task["Resources"] = self.resources(deploy.get("resources"), (*dpath, "resources"))
        restart = self.restart_policy(svc, deploy, path)
        if restart is not None:
            task["RestartPolicy"] = restart
        task["Placement"] = self.placement(deploy, dpath)
        if svc.get("logging") is not None:
            logging_ = self.mapping(svc["logging"], (*path, "logging"), {"driver", "options"})
            task["LogDriver"] = {
                "Name": self.string(logging_.get("driver", ""), (*path, "logging", "driver")),
                "Options": self.key_values(logging_.get("options"), (*path, "logging", "options")),
            }
        networks, attachments = self.service_networks(name, svc.get("networks"), (*path, "networks"))
        task["Networks"] = attachments

        spec: dict[str, Any] = {
            "Name": self.scope(name),
            "Labels": self.stack_labels(self.key_values(deploy.get("labels"), (*dpath, "labels"))),
            "TaskTemplate": task,
            "Mode": self.mode(deploy, dpath),
            "EndpointSpec": {
                "Mode": self.string(deploy.get("endpoint_mode") or "", (*dpath, "endpoint_mode")).lower(),
                "Ports": self.ports(svc.get("ports"), (*path, "ports")),
            },
        }
        if spec["EndpointSpec"]["Mode"] not in ("", "vip", "dnsrr"):
            self.fail((*dpath, "endpoint_mode"), QT_TRANSLATE_NOOP("engine", "must be vip or dnsrr"))
        self.endpoint_checks(spec["EndpointSpec"], path, dpath)
        spec["Labels"][IMAGE_LABEL] = image
        for key, api in (("update_config", "UpdateConfig"), ("rollback_config", "RollbackConfig")):
            policy = self.update_config(deploy.get(key), (*dpath, key))
            if policy is not None:
                spec[api] = policy
        return spec, networks

    def endpoint_checks(self, endpoint: dict[str, Any], path: Path_, dpath: Path_) -> None:
        """What the engine refuses in a service's ports (swarmkit's validateEndpointSpec), after
        docker stack deploy has created the app's networks: checked here, before anything is created."""
        ports = endpoint["Ports"]
        if endpoint["Mode"] == "dnsrr" and any(port.get("PublishMode") in ("", "ingress") for port in ports):
            self.fail(
                (*dpath, "endpoint_mode"),
                QT_TRANSLATE_NOOP(
                    "engine",
                    "dnsrr cannot be used with a port published in ingress mode (the engine refuses it)",
                ),
            )
        seen: set[tuple[int, str]] = set()
        for port in ports:
            published = (port.get("PublishedPort", 0), port.get("Protocol") or "tcp")
            if published[0] and published in seen:
                self.fail(
                    (*path, "ports"),
                    QT_TRANSLATE_NOOP(
                        "engine", "the port {port}/{protocol} is published twice (the engine refuses it)"
                    ),
                    port=published[0],
                    protocol=published[1],
                )
            seen.add(published)

    def container(self, svc: dict[str, Any], path: Path_, image: str) -> dict[str, Any]:
        """The ContainerSpec: what runs in each task."""
        container: dict[str, Any] = {"Image": tagged_image(image)}  # as docker's client sends it
        if "entrypoint" in svc and svc["entrypoint"] is not None:
            container["Command"] = self.command(svc["entrypoint"], (*path, "entrypoint"))
        if "command" in svc and svc["command"] is not None:
            container["Args"] = self.command(svc["command"], (*path, "command"))
        for key, api in (
            ("hostname", "Hostname"),
            ("working_dir", "Dir"),
            ("user", "User"),
            ("stop_signal", "StopSignal"),
            ("isolation", "Isolation"),
        ):
            if svc.get(key) is not None:
                container[api] = self.string(svc[key], (*path, key))
        if svc.get("extra_hosts") is not None:
            container["Hosts"] = self.extra_hosts(svc["extra_hosts"], (*path, "extra_hosts"))
        dns = self.strings(svc["dns"], (*path, "dns")) if svc.get("dns") is not None else None
        search = (
            self.strings(svc["dns_search"], (*path, "dns_search"))
            if svc.get("dns_search") is not None
            else None
        )
        if dns is not None or search is not None:
            container["DNSConfig"] = {"Nameservers": dns, "Search": search}
        health = self.healthcheck(svc.get("healthcheck"), (*path, "healthcheck"))
        if health is not None:
            container["Healthcheck"] = health
        env = self.environment(svc, path)
        if env:
            container["Env"] = env
        container["Labels"] = self.stack_labels(self.key_values(svc.get("labels"), (*path, "labels")))
        mounts = self.mounts(svc.get("volumes"), (*path, "volumes"))
        if mounts:
            container["Mounts"] = mounts
        if svc.get("stop_grace_period") is not None:
            container["StopGracePeriod"] = self.duration(
                svc["stop_grace_period"], (*path, "stop_grace_period")
            )
        for key, api in (("tty", "TTY"), ("stdin_open", "OpenStdin"), ("read_only", "ReadOnly")):
            if svc.get(key) is not None and self.boolean(svc[key], (*path, key)):
                container[api] = True
        if svc.get("init") is not None:
            container["Init"] = self.boolean(svc["init"], (*path, "init"))
        secrets = self.references("secrets", svc.get("secrets"), (*path, "secrets"))
        if secrets:
            container["Secrets"] = [{"File": f, "SecretName": n} for n, f in secrets]
        configs: list[dict[str, Any]] = [
            {"File": f, "ConfigName": n}
            for n, f in self.references("configs", svc.get("configs"), (*path, "configs"))
        ]
        credential = self.credential_spec(svc.get("credential_spec"), (*path, "credential_spec"))
        if credential and "Config" in credential:  # a config the runtime reads, not a file in the container
            configs.append({"ConfigName": credential["Config"], "Runtime": {}})
            configs.sort(key=lambda ref: ref["ConfigName"])
        if configs:
            container["Configs"] = configs
        container["Privileges"] = {"CredentialSpec": credential, "SELinuxContext": None}
        ulimits = self.ulimits(svc.get("ulimits"), (*path, "ulimits"))
        if ulimits:
            container["Ulimits"] = ulimits
        if svc.get("sysctls") is not None:
            container["Sysctls"] = self.key_values(svc["sysctls"], (*path, "sysctls"))
        container.update(self.capabilities(svc, path))
        return container

    def references(self, kind: str, value: Any, path: Path_) -> list[tuple[str, dict[str, Any]]]:
        refs = []
        for i, item in enumerate(self.listing(value, path)):
            ipath = (*path, i)
            if isinstance(item, str):
                item = {"source": item}
            item = self.mapping(item, ipath, REFERENCE_KEYS, null_ok=False)
            if "source" not in item:
                self.fail(ipath, QT_TRANSLATE_NOOP("engine", "needs a source"))
            source = self.string(item["source"], (*ipath, "source"))
            name = self.object_name(kind, source, (*ipath, "source"))
            target = self.string(item.get("target") or source, (*ipath, "target"))
            mode = self.integer(item["mode"], (*ipath, "mode")) if item.get("mode") is not None else 0o444
            refs.append(
                (
                    name,
                    {
                        "Name": target,
                        "UID": str(item.get("uid") or "0"),
                        "GID": str(item.get("gid") or "0"),
                        "Mode": mode,
                    },
                )
            )
        refs.sort(key=lambda ref: ref[0])
        return refs

    def service_networks(
        self, service: str, value: Any, path: Path_
    ) -> tuple[list[str], list[dict[str, Any]]]:
        if value is None or value == [] or value == {}:
            value = {DEFAULT_NETWORK: None}
        if isinstance(value, list):
            value = {self.string(item, (*path, i)): None for i, item in enumerate(value)}
        value = self.mapping(value, path)
        attachments = []
        for key, config in value.items():
            npath = (*path, key)
            declared = self.top["networks"]
            if key not in declared and key != DEFAULT_NETWORK:
                self.fail(
                    npath,
                    QT_TRANSLATE_NOOP("engine", "the network “{name}” is not declared under networks"),
                    name=key,
                )
            config = self.mapping(config, npath, SERVICE_NETWORK_KEYS)
            net = self.mapping(declared.get(key), ("networks", key))
            external, old_name = self.external(net.get("external"), ("networks", key, "external"))
            target = str(net.get("name") or old_name or (key if external else self.scope(key)))
            aliases = (
                self.string_list(config["aliases"], (*npath, "aliases")) if config.get("aliases") else []
            )
            attachment: dict[str, Any] = {"Target": target, "Aliases": [*aliases, service]}
            if config.get("driver_opts"):
                attachment["DriverOpts"] = self.key_values(config["driver_opts"], (*npath, "driver_opts"))
            attachments.append(attachment)
        attachments.sort(key=lambda a: a["Target"])
        return list(value), attachments
