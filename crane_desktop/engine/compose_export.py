"""A running app -> a compose 3.x file that `docker stack deploy` turns into the same specs: the reverse of
engine/compose's converter, read from the live specs (services, networks, secrets, configs), so changes
made outside Crane (the docker CLI, another tool) are in the export.

What the engine does not give back, or compose 3.x cannot say, is named in the file's header comment
(`Export.notes`) and left out: secrets' data (never readable: always `external: true`), a config's data
when the export goes to standard output (`external: true` with its real name; the GUI's export writes
it to a file beside the compose file and references it with `file:`), and any spec field without a
compose key (a replicated job's max concurrent other than its completions, platforms, DNS options,
privileges other than the credential spec...).
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from docker import APIClient as Client

from crane_desktop.engine import api
from crane_desktop.engine.compose.schema import KEYS_SINCE
from crane_desktop.engine.errors import NotFound
from crane_desktop.engine.formatting import duration
from crane_desktop.engine.i18n import QT_TRANSLATE_NOOP
from crane_desktop.engine.service_form import size_text
from crane_desktop.engine.snapshots import STACK_LABEL

IMAGE_LABEL = "com.docker.stack.image"
# options the engine adds to a network it creates (not the file's driver_opts)
_ENGINE_NETWORK_OPTIONS = {"com.docker.network.driver.overlay.vxlanid_list"}


@dataclass
class AppObjects:
    """The engine's view of an app, as its list endpoints give it (raw API JSON)."""

    name: str
    services: list[dict[str, Any]]
    networks: list[dict[str, Any]]  # every network (references are by id)
    secrets: list[dict[str, Any]]  # every secret, likewise
    configs: list[dict[str, Any]]  # every config, with its data


@dataclass
class Export:
    """The compose file's text, the files it references (name beside it -> content) and what could not
    be exported (also in the text's header)."""

    text: str
    files: dict[str, bytes] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def read_app(client: Client, stack: str) -> AppObjects:
    """The app's live specs; NotFound when no service carries its name."""
    services = api.call(client, client.services, filters={"label": f"{STACK_LABEL}={stack}"})
    if not services:
        raise NotFound(QT_TRANSLATE_NOOP("engine", "The app {name} has no services."), name=stack)
    return AppObjects(
        name=stack,
        services=services,
        networks=api.call(client, client.networks),
        secrets=api.call(client, client.secrets),
        configs=api.call(client, client.configs),
    )


def export_app(client: Client, stack: str, *, config_files: bool = False) -> Export:
    return export(read_app(client, stack), config_files=config_files)


def export(app: AppObjects, *, config_files: bool = False) -> Export:
    """The compose file for `app`. With `config_files`, the app's own configs are written beside it
    (`Export.files`) and referenced with `file:`; without, every config is external."""
    return _Exporter(app, config_files).run()


def _short(stack: str, name: str) -> str:
    """`stack_x` -> `x` (a name the converter scoped), other names as they are."""
    return name[len(stack) + 1 :] if name.startswith(f"{stack}_") else name


def _strings(value: Any) -> Any:
    """Every string value with `$` doubled: docker interpolates values, `$$` is a literal `$`."""
    if isinstance(value, dict):
        return {key: _strings(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_strings(item) for item in value]
    return value.replace("$", "$$") if isinstance(value, str) else value


def cpus(nano: int) -> str:
    """NanoCPUs as compose's `cpus` string, exact (`0.25`)."""
    text = format(Decimal(nano) / Decimal(10**9), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _labels(labels: Mapping[str, str] | None, *drop: str) -> dict[str, str]:
    return {key: value for key, value in (labels or {}).items() if key not in (STACK_LABEL, *drop)}


class _Exporter:
    def __init__(self, app: AppObjects, config_files: bool) -> None:
        self.app = app
        self.stack = app.name
        self.config_files = config_files
        self.notes: list[str] = []
        self.files: dict[str, bytes] = {}
        self.networks_by_id = {n["Id"]: n for n in app.networks}
        self.secrets_by_id = {s["ID"]: s for s in app.secrets}
        self.configs_by_id = {c["ID"]: c for c in app.configs}
        self.top: dict[str, dict[str, Any]] = {"networks": {}, "volumes": {}, "secrets": {}, "configs": {}}

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def own(self, labels: Mapping[str, str] | None) -> bool:
        return (labels or {}).get(STACK_LABEL) == self.stack

    def run(self) -> Export:
        services = {}
        for service in sorted(self.app.services, key=lambda s: s["Spec"]["Name"]):
            spec = service["Spec"]
            if not spec["Name"].startswith(f"{self.stack}_"):
                self.note(f"the name {spec['Name']} (a deploy names the service {self.stack}_{spec['Name']})")
            services[_short(self.stack, spec["Name"])] = self.service(spec)
        document: dict[str, Any] = {"version": "", "services": services}
        document.update({kind: items for kind, items in self.top.items() if items})
        document = _strings(document)
        document["version"] = f"3.{_minor(document)}"
        return Export(self.header() + _dump(document), self.files, self.notes)

    def header(self) -> str:
        lines = [
            f"Exported by Crane Desktop from the running app {self.stack}: deploy it with",
            "`docker stack deploy -c FILE NAME` (or `crane-desktop stack deploy`).",
        ]
        if self.top["secrets"]:
            lines.append("Secrets are external (their data cannot be read back): they must exist as named.")
        if self.top["configs"] and not self.config_files:
            lines.append("Configs are external too (this export carries no files): they must exist as named.")
        if any("ipam" in network for network in self.top["networks"].values()):
            lines.append(
                "Subnets are as the engine allocated them (it does not say which were asked for): to deploy"
            )
            lines.append("this file beside the running app, leave out the networks' ipam sections.")
        lines += [f"Cannot round-trip: {note}" for note in self.notes]
        return "".join(f"# {line}\n" for line in lines) + "\n"

    # .. one service ..
    def service(self, spec: Mapping[str, Any]) -> dict[str, Any]:
        name = spec["Name"]
        task = spec.get("TaskTemplate") or {}
        container = task.get("ContainerSpec") or {}
        out: dict[str, Any] = {"image": container.get("Image", "")}
        self.unexported(name, "ContainerSpec", container, _CONTAINER_KEYS)
        self.unexported(name, "TaskTemplate", task, _TASK_KEYS)
        self.unexported(name, "", spec, _SPEC_KEYS)
        for api_key, key in (("Command", "entrypoint"), ("Args", "command")):
            if container.get(api_key) is not None:
                out[key] = list(container[api_key])
        for api_key, key in (
            ("Hostname", "hostname"),
            ("Dir", "working_dir"),
            ("User", "user"),
            ("StopSignal", "stop_signal"),
        ):
            if container.get(api_key):
                out[key] = container[api_key]
        if container.get("Isolation") not in (None, "", "default"):
            out["isolation"] = container["Isolation"]
        if container.get("Hosts"):
            out["extra_hosts"] = self.hosts(name, container["Hosts"])
        dns = container.get("DNSConfig") or {}
        if dns.get("Nameservers"):
            out["dns"] = list(dns["Nameservers"])
        if dns.get("Search"):
            out["dns_search"] = list(dns["Search"])
        if dns.get("Options"):
            self.note(f"{name}: DNS options {dns['Options']} (no compose 3.x key)")
        if container.get("Healthcheck"):
            out["healthcheck"] = self.healthcheck(container["Healthcheck"])
        if container.get("Env"):
            out["environment"] = list(container["Env"])
        labels = _labels(container.get("Labels"))
        if labels:
            out["labels"] = labels
        if container.get("Mounts"):
            out["volumes"] = [self.mount(mount) for mount in container["Mounts"]]
        if container.get("StopGracePeriod") is not None:
            out["stop_grace_period"] = duration(container["StopGracePeriod"])
        for api_key, key in (("TTY", "tty"), ("OpenStdin", "stdin_open"), ("ReadOnly", "read_only")):
            if container.get(api_key):
                out[key] = True
        if container.get("Init") is not None:
            out["init"] = bool(container["Init"])
        if container.get("Secrets"):
            out["secrets"] = [self.reference("secrets", ref) for ref in container["Secrets"]]
        configs = [ref for ref in container.get("Configs") or () if "Runtime" not in ref]
        if configs:
            out["configs"] = [self.reference("configs", ref) for ref in configs]
        credential = self.credential_spec(name, container.get("Privileges") or {})
        if credential:
            out["credential_spec"] = credential
        if container.get("Ulimits"):
            out["ulimits"] = {
                u["Name"]: u["Soft"] if u["Soft"] == u["Hard"] else {"soft": u["Soft"], "hard": u["Hard"]}
                for u in container["Ulimits"]
            }
        if container.get("Sysctls"):
            out["sysctls"] = dict(container["Sysctls"])
        for api_key, key in (("CapabilityAdd", "cap_add"), ("CapabilityDrop", "cap_drop")):
            if container.get(api_key):
                out[key] = list(container[api_key])
        if task.get("LogDriver"):
            driver = task["LogDriver"]
            out["logging"] = {"driver": driver.get("Name", "")}
            if driver.get("Options"):
                out["logging"]["options"] = dict(driver["Options"])
        networks = self.attachments(spec, task.get("Networks") or [])
        if networks:
            out["networks"] = networks
        ports = (spec.get("EndpointSpec") or {}).get("Ports") or []
        if ports:
            out["ports"] = [self.port(port) for port in ports]
        deploy = self.deploy(spec, task)
        if deploy:
            out["deploy"] = deploy
        return out

    def unexported(self, service: str, where: str, spec: Mapping[str, Any], known: set[str]) -> None:
        """Note every non-empty field of `spec` that has no compose key."""
        for key, value in spec.items():
            if key not in known and value not in (None, "", 0, False, [], {}):
                self.note(f"{service}: {where + '.' if where else ''}{key} (no compose 3.x key)")

    def hosts(self, service: str, hosts: Iterable[str]) -> list[str]:
        """SwarmKit's `ip host [alias...]` -> compose's `host:ip`, one entry per name."""
        result = []
        for entry in hosts:
            ip, *names = entry.split()
            result += [f"{host}:{ip}" for host in names]
            if len(names) > 1:
                self.note(f"{service}: the hosts line “{entry}” becomes one line per name")
        return result

    def healthcheck(self, check: Mapping[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if check.get("Test") is not None:
            out["test"] = list(check["Test"])
        for api_key, key in (
            ("Interval", "interval"),
            ("Timeout", "timeout"),
            ("StartPeriod", "start_period"),
            ("StartInterval", "start_interval"),
        ):
            if check.get(api_key):
                out[key] = duration(check[api_key])
        if check.get("Retries"):
            out["retries"] = check["Retries"]
        return out

    def mount(self, mount: Mapping[str, Any]) -> dict[str, Any]:
        kind = mount.get("Type", "volume")
        if kind not in ("volume", "bind", "tmpfs"):
            self.note(f"the {kind} mount at {mount.get('Target')} (compose 3.x has volume, bind and tmpfs)")
        out: dict[str, Any] = {"type": kind}
        if mount.get("Source"):
            out["source"] = mount["Source"]
        out["target"] = mount.get("Target", "")
        if mount.get("ReadOnly"):
            out["read_only"] = True
        if mount.get("Consistency") not in (None, "", "default"):
            out["consistency"] = mount["Consistency"]
        if kind == "volume" and mount.get("Source"):
            options = mount.get("VolumeOptions") or {}
            out["source"] = self.volume(mount["Source"], options)
            volume = {}
            if options.get("NoCopy"):
                volume["nocopy"] = True
            if options.get("Subpath"):
                volume["subpath"] = options["Subpath"]
            if volume:
                out["volume"] = volume
        elif kind == "bind" and (mount.get("BindOptions") or {}).get("Propagation"):
            out["bind"] = {"propagation": mount["BindOptions"]["Propagation"]}
        elif kind == "tmpfs" and (mount.get("TmpfsOptions") or {}).get("SizeBytes"):
            out["tmpfs"] = {"size": mount["TmpfsOptions"]["SizeBytes"]}
        if kind == "tmpfs" and (mount.get("TmpfsOptions") or {}).get("Mode"):
            self.note(f"the tmpfs mode of {mount.get('Target')} (compose 3.x does not convert it)")
        return out

    def declare(
        self, kind: str, name: str, labels: Mapping[str, str] | None
    ) -> tuple[str, dict[str, Any] | None]:
        """The key of the object `name` in `kind` (`stack_x` -> `x` for the app's own) and, the first time
        for one of the app's own, its declaration for the caller to complete (its labels, and its
        `name:` where the app's scope does not give it); another's is declared external."""
        own = self.own(labels)
        key = _short(self.stack, name) if own else name
        if key in self.top[kind]:
            return key, None
        if not own:
            self.top[kind][key] = {"external": True, "name": name}
            return key, None
        declared: dict[str, Any] = {"name": name} if key == name else {}
        if _labels(labels):
            declared["labels"] = _labels(labels)
        self.top[kind][key] = declared
        return key, declared

    def volume(self, source: str, options: Mapping[str, Any]) -> str:
        """Declare the named volume a mount uses; its key in the file."""
        key, declared = self.declare("volumes", source, options.get("Labels"))
        driver = options.get("DriverConfig")
        if declared is not None and driver:
            declared["driver"] = driver.get("Name") or "local"
            if driver.get("Options") is not None:
                declared["driver_opts"] = dict(driver["Options"])
        return key

    def reference(self, kind: str, ref: Mapping[str, Any]) -> dict[str, Any]:
        name_key, id_key = ("SecretName", "SecretID") if kind == "secrets" else ("ConfigName", "ConfigID")
        key = self.file_object(kind, ref.get(id_key, ""), ref.get(name_key, ""))
        target = ref.get("File") or {}
        out: dict[str, Any] = {"source": key, "target": target.get("Name", key)}
        out["uid"], out["gid"] = target.get("UID", "0"), target.get("GID", "0")
        out["mode"] = target.get("Mode", 0o444)
        return out

    def file_object(self, kind: str, object_id: str, name: str) -> str:
        """Declare the secret or config; its key in the file."""
        found = (self.secrets_by_id if kind == "secrets" else self.configs_by_id).get(object_id)
        spec = (found or {}).get("Spec") or {"Name": name}
        key, declared = self.declare(kind, spec["Name"], spec.get("Labels"))
        if declared is None:
            return key
        if kind == "configs" and self.config_files and found is not None:
            file = f"config-{key}"
            self.files[file] = base64.b64decode(spec.get("Data") or "")
            declared["file"] = f"./{file}"
            if (spec.get("Templating") or {}).get("Name"):
                declared["template_driver"] = spec["Templating"]["Name"]
        else:  # the data cannot be in the file: the object as it exists
            self.top[kind][key] = {"external": True, "name": spec["Name"]}
        return key

    def credential_spec(self, service: str, privileges: Mapping[str, Any]) -> dict[str, str] | None:
        for other in privileges:
            if other != "CredentialSpec" and privileges[other]:
                self.note(f"{service}: Privileges.{other} (no compose 3.x key)")
        credential = privileges.get("CredentialSpec") or {}
        for api_key in ("Config", "File", "Registry"):
            if credential.get(api_key):
                value = credential[api_key]
                if api_key == "Config":
                    value = self.file_object("configs", value, value)
                return {api_key.lower(): value}
        return None

    def attachments(self, spec: Mapping[str, Any], networks: list[dict[str, Any]]) -> dict[str, Any]:
        short = _short(self.stack, spec["Name"])
        out: dict[str, Any] = {}
        if not networks:
            self.note(f"{spec['Name']}: on no network (compose puts it on the app's default network)")
        for attachment in networks:
            key = self.network(attachment.get("Target", ""))
            aliases = list(attachment.get("Aliases") or [])
            if aliases[-1:] == [short]:
                aliases.pop()  # the converter adds the service's own name
            else:
                self.note(f"{spec['Name']}: its name is an alias on {key} (compose always adds it)")
            config: dict[str, Any] = {}
            if aliases:
                config["aliases"] = aliases
            if attachment.get("DriverOpts"):
                config["driver_opts"] = dict(attachment["DriverOpts"])
            out[key] = config or None
        return out

    def network(self, target: str) -> str:
        """Declare the network (by id or name); its key in the file."""
        network: dict[str, Any] = self.networks_by_id.get(target) or next(
            (n for n in self.app.networks if n["Name"] == target), {"Name": target}
        )
        key, declared = self.declare("networks", network["Name"], network.get("Labels"))
        if declared is None:
            return key
        declared["driver"] = network.get("Driver") or "overlay"
        options = network.get("Options") or {}
        options = {k: v for k, v in options.items() if k not in _ENGINE_NETWORK_OPTIONS}
        if options:
            declared["driver_opts"] = options
        ipam = network.get("IPAM") or {}
        subnets = [{"subnet": c["Subnet"]} for c in ipam.get("Config") or () if c.get("Subnet")]
        if subnets:
            declared["ipam"] = {"driver": ipam.get("Driver") or "default", "config": subnets}
        for api_key, key_ in (("Attachable", "attachable"), ("Internal", "internal")):
            if network.get(api_key):
                declared[key_] = True
        return key

    def port(self, port: Mapping[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {"target": port.get("TargetPort", 0)}
        if port.get("PublishedPort"):
            out["published"] = port["PublishedPort"]
        if port.get("Protocol"):
            out["protocol"] = port["Protocol"]
        if port.get("PublishMode"):
            out["mode"] = port["PublishMode"]
        return out

    # .. deploy ..
    def replicated_job(self, name: str, job: Mapping[str, Any]) -> dict[str, Any]:
        """docker converts `replicas` into both the completions and the max concurrent: another max
        concurrent (the engine's default is 1) cannot be said."""
        concurrent = job.get("MaxConcurrent")
        concurrent = 1 if concurrent is None else concurrent
        total = job.get("TotalCompletions")
        total = concurrent if total is None else total
        if concurrent != total:
            self.note(f"{name}: the job's max concurrent {concurrent} (compose runs as many as its replicas)")
        return {"mode": "replicated-job", "replicas": total}

    def deploy(self, spec: Mapping[str, Any], task: Mapping[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        mode = spec.get("Mode") or {}
        if "Global" in mode:
            out["mode"] = "global"
        elif "Replicated" in mode:
            if (mode["Replicated"] or {}).get("Replicas") is not None:
                out["replicas"] = mode["Replicated"]["Replicas"]
        elif "GlobalJob" in mode:
            out["mode"] = "global-job"
        elif "ReplicatedJob" in mode:
            out.update(self.replicated_job(spec["Name"], mode["ReplicatedJob"] or {}))
        else:
            kind = next(iter(mode), "")
            self.note(f"{spec['Name']}: the mode {kind} (no compose 3.x mode)")
        endpoint = (spec.get("EndpointSpec") or {}).get("Mode")
        if endpoint:
            out["endpoint_mode"] = endpoint
        labels = _labels(spec.get("Labels"), IMAGE_LABEL)
        if labels:
            out["labels"] = labels
        image_label = (spec.get("Labels") or {}).get(IMAGE_LABEL)
        if image_label not in (None, (task.get("ContainerSpec") or {}).get("Image")):
            self.note(f"{spec['Name']}: the label {IMAGE_LABEL}={image_label} (deploy sets it to the image)")
        placement = self.placement(spec["Name"], task.get("Placement") or {})
        if placement:
            out["placement"] = placement
        resources = self.resources(spec["Name"], task.get("Resources") or {})
        if resources:
            out["resources"] = resources
        if task.get("RestartPolicy") is not None:
            out["restart_policy"] = self.restart_policy(task["RestartPolicy"])
        for api_key, key in (("UpdateConfig", "update_config"), ("RollbackConfig", "rollback_config")):
            if spec.get(api_key) is not None:
                out[key] = self.update_policy(spec[api_key])
        return out

    def placement(self, service: str, placement: Mapping[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if placement.get("Constraints"):
            out["constraints"] = list(placement["Constraints"])
        if placement.get("Preferences"):
            out["preferences"] = [
                {"spread": (p.get("Spread") or {}).get("SpreadDescriptor", "")}
                for p in placement["Preferences"]
            ]
        if placement.get("MaxReplicas"):
            out["max_replicas_per_node"] = placement["MaxReplicas"]
        if placement.get("Platforms"):
            self.note(f"{service}: Placement.Platforms (docker stack deploy sets them from the image)")
        return out

    def resources(self, service: str, resources: Mapping[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for api_key, key in (("Limits", "limits"), ("Reservations", "reservations")):
            given = resources.get(api_key)
            if given is None:
                continue
            entry: dict[str, Any] = {}
            if given.get("NanoCPUs"):
                entry["cpus"] = cpus(given["NanoCPUs"])
            if given.get("MemoryBytes"):
                entry["memory"] = size_text(given["MemoryBytes"])  # (64M: exact, as docker reads it)
            if given.get("Pids"):
                entry["pids"] = given["Pids"]
            generic = []
            for item in given.get("GenericResources") or ():
                discrete = item.get("DiscreteResourceSpec")
                if discrete:
                    generic.append(
                        {
                            "discrete_resource_spec": {
                                "kind": discrete.get("Kind", ""),
                                "value": discrete.get("Value", 0),
                            }
                        }
                    )
                else:
                    self.note(f"{service}: the named generic resource {item} (compose 3.x has discrete ones)")
            if generic:
                entry["generic_resources"] = generic
            out[key] = entry
        return out  # an empty limits or reservations too: the engine keeps it

    def restart_policy(self, policy: Mapping[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if policy.get("Condition"):
            out["condition"] = policy["Condition"]
        if policy.get("Delay") is not None:
            out["delay"] = duration(policy["Delay"])
        if policy.get("MaxAttempts") is not None:
            out["max_attempts"] = policy["MaxAttempts"]
        if policy.get("Window") is not None:
            out["window"] = duration(policy["Window"])
        return out

    def update_policy(self, policy: Mapping[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {"parallelism": policy.get("Parallelism", 0)}
        if policy.get("Delay"):
            out["delay"] = duration(policy["Delay"])
        if policy.get("FailureAction"):
            out["failure_action"] = policy["FailureAction"]
        if policy.get("Monitor"):
            out["monitor"] = duration(policy["Monitor"])
        if policy.get("MaxFailureRatio"):
            out["max_failure_ratio"] = policy["MaxFailureRatio"]
        if policy.get("Order"):
            out["order"] = policy["Order"]
        return out


# the spec fields the export carries (or knows the engine fills in)
_CONTAINER_KEYS = {
    "Image", "Labels", "Command", "Args", "Hostname", "Env", "Dir", "User", "Privileges", "TTY", "OpenStdin",
    "ReadOnly", "Mounts", "StopSignal", "StopGracePeriod", "Healthcheck", "Hosts", "DNSConfig", "Secrets",
    "Configs", "Isolation", "Init", "Sysctls", "CapabilityAdd", "CapabilityDrop", "Ulimits",
}  # fmt: skip
_TASK_KEYS = {
    "ContainerSpec", "Resources", "RestartPolicy", "Placement", "Networks", "LogDriver", "ForceUpdate",
    "Runtime",
}  # fmt: skip
_SPEC_KEYS = {"Name", "Labels", "TaskTemplate", "Mode", "UpdateConfig", "RollbackConfig", "EndpointSpec"}


def _minor(document: Any) -> int:
    """The oldest 3.x schema that has every key of `document` (docker's schema check refuses a key
    newer than the file's version)."""
    patterns = ((pattern.replace("[]", ".[]").split("."), since) for pattern, since in KEYS_SINCE)
    return max((since for pattern, since in patterns if _has(document, pattern)), default=0)


def _has(value: Any, pattern: list[str]) -> bool:
    """Whether `value` has a path that `pattern` (a KEYS_SINCE entry: `*` any key, `[]` any item, `x-`
    any extension key) names."""
    if not pattern:
        return True
    head, rest = pattern[0], pattern[1:]
    if head == "[]":
        return isinstance(value, list) and any(_has(item, rest) for item in value)
    if not isinstance(value, dict):
        return False
    if head == "*":
        return any(_has(item, rest) for item in value.values())
    if head == "x-":
        return any(str(key).startswith("x-") for key in value)
    return head in value and _has(value[head], rest)


class _Dumper(yaml.SafeDumper):
    """Block style, keys in the order given, long strings unfolded, list items indented."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _dump(document: Mapping[str, Any]) -> str:
    return yaml.dump(document, Dumper=_Dumper, sort_keys=False, default_flow_style=False, allow_unicode=True,
                     width=1_000_000)  # fmt: skip


def write_export(path: Path, result: Export) -> list[Path]:
    """Write the config files beside `path`, then the compose file (so a compose file on disk always has
    its configs); every path written. OSError if the folder refuses."""
    written = []
    for name, data in result.files.items():
        (path.parent / name).write_bytes(data)
        written.append(path.parent / name)
    path.write_text(result.text, encoding="utf-8")
    return [path, *written]
