"""Overlay networks: validating a create form before the engine sees it, creating, and deleting.

Validation returns field-level problems (English templates marked for translation, named parameters),
so the dialog can show each one beside its field; an overlap with another network is a warning only
(the engine may accept it, but containers on both would not reach each other reliably).
"""

from __future__ import annotations

import dataclasses
import ipaddress
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import docker
import docker.types

from crane_desktop.engine.errors import EngineError, translate
from crane_desktop.engine.i18n import QT_TRANSLATE_NOOP
from crane_desktop.engine.snapshots import Network, Service

NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
NAME_MAX = 64
PREDEFINED = frozenset({"ingress", "docker_gwbridge", "bridge", "host", "none"})
FIELDS = ("name", "subnet", "gateway", "ip_range", "labels")

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass(frozen=True)
class NetworkForm:
    """What the operator typed into the create dialog (strings as typed; labels as `key=value` lines)."""

    name: str
    subnet: str = ""
    gateway: str = ""
    ip_range: str = ""
    internal: bool = False
    attachable: bool = False
    labels: str = ""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one field; `warning` problems do not block creation."""

    field: str
    template: str
    params: Mapping[str, Any] = dataclasses.field(default_factory=dict)  # `field` is a field here
    warning: bool = False

    @property
    def message(self) -> str:
        try:
            return self.template.format(**self.params)
        except (KeyError, IndexError, ValueError):
            return self.template


class NetworkInUse(EngineError):
    template = QT_TRANSLATE_NOOP("engine", "The network {name} is in use by: {services}.")
    hint = QT_TRANSLATE_NOOP("engine", "Remove these services, or their use of the network, first.")


class PredefinedNetwork(EngineError):
    template = QT_TRANSLATE_NOOP("engine", "The network {name} is built in and cannot be deleted.")


class InvalidNetwork(EngineError):
    template = QT_TRANSLATE_NOOP("engine", "The network settings are not valid: {reason}")


def parse_labels(text: str) -> tuple[dict[str, str], list[Problem]]:
    """`key=value` lines (or comma separated) into a dict; problems for empty or repeated keys."""
    labels: dict[str, str] = {}
    problems: list[Problem] = []
    for raw in re.split(r"[\n,]", text):
        item = raw.strip()
        if not item:
            continue
        key, _, value = item.partition("=")
        key = key.strip()
        if not key or any(c.isspace() for c in key):
            problems.append(
                Problem(
                    "labels",
                    QT_TRANSLATE_NOOP("engine", "“{item}” is not a key=value label."),
                    {"item": item},
                )
            )
        elif key in labels:
            problems.append(
                Problem(
                    "labels", QT_TRANSLATE_NOOP("engine", "The label {key} is given twice."), {"key": key}
                )
            )
        else:
            labels[key] = value.strip()
    return labels, problems


def labels_to_text(labels: Iterable[tuple[str, str]]) -> str:
    return "\n".join(f"{key}={value}" for key, value in labels)


def _network(text: str, what: str, name: str) -> tuple[IPNetwork | None, Problem | None]:
    try:
        return ipaddress.ip_network(text, strict=True), None
    except ValueError:
        pass
    try:
        loose = ipaddress.ip_network(text, strict=False)
    except ValueError:
        return None, Problem(
            name,
            QT_TRANSLATE_NOOP(
                "engine", "“{value}” is not valid CIDR notation for the {what} (e.g. 172.20.0.0/16)."
            ),
            {"value": text, "what": what},
        )
    return None, Problem(
        name,
        QT_TRANSLATE_NOOP("engine", "“{value}” has host bits set; did you mean {suggestion}?"),
        {"value": text, "suggestion": str(loose)},
    )


def validate(form: NetworkForm, existing: Iterable[Network] = ()) -> list[Problem]:
    """Every problem with the form, errors and warnings, field by field."""
    problems: list[Problem] = []
    existing = list(existing)
    name = form.name.strip()
    if not name:
        problems.append(Problem("name", QT_TRANSLATE_NOOP("engine", "The network needs a name.")))
    elif not NAME_PATTERN.match(name):
        problems.append(
            Problem(
                "name",
                QT_TRANSLATE_NOOP(
                    "engine",
                    "Use only letters, digits, “-”, “_” and “.”, starting with a letter or digit.",
                ),
            )
        )
    elif len(name) > NAME_MAX:
        problems.append(
            Problem("name", QT_TRANSLATE_NOOP("engine", "At most {max} characters."), {"max": NAME_MAX})
        )
    elif any(n.name == name for n in existing) or name in PREDEFINED:
        problems.append(
            Problem(
                "name", QT_TRANSLATE_NOOP("engine", "A network named {name} exists already."), {"name": name}
            )
        )

    subnet_text, gateway_text, range_text = form.subnet.strip(), form.gateway.strip(), form.ip_range.strip()
    subnet: IPNetwork | None = None
    if subnet_text:
        subnet, problem = _network(subnet_text, QT_TRANSLATE_NOOP("engine", "subnet"), "subnet")
        if problem:
            problems.append(problem)
        elif subnet is not None and subnet.num_addresses < 4:
            problems.append(
                Problem(
                    "subnet",
                    QT_TRANSLATE_NOOP("engine", "The subnet {value} is too small for containers."),
                    {"value": subnet_text},
                )
            )
            subnet = None
    elif gateway_text or range_text:
        problems.append(
            Problem("subnet", QT_TRANSLATE_NOOP("engine", "A gateway or an IP range needs a subnet."))
        )

    if gateway_text:
        problems.extend(_check_gateway(gateway_text, subnet))
    if range_text:
        problems.extend(_check_range(range_text, subnet))

    if subnet is not None:
        for other in existing:
            for config in other.ipam:
                try:
                    theirs = ipaddress.ip_network(config.subnet, strict=False)
                except ValueError:
                    continue
                if theirs.version == subnet.version and subnet.overlaps(theirs):
                    problems.append(
                        Problem(
                            "subnet",
                            QT_TRANSLATE_NOOP(
                                "engine", "Overlaps the subnet {subnet} of the network {name}."
                            ),
                            {"subnet": config.subnet, "name": other.name},
                            warning=True,
                        )
                    )
    problems.extend(parse_labels(form.labels)[1])
    return problems


def _check_gateway(text: str, subnet: IPNetwork | None) -> list[Problem]:
    try:
        gateway = ipaddress.ip_address(text)
    except ValueError:
        return [
            Problem(
                "gateway",
                QT_TRANSLATE_NOOP("engine", "“{value}” is not an IP address (e.g. 172.20.10.1)."),
                {"value": text},
            )
        ]
    if subnet is None:
        return []
    if gateway.version != subnet.version or gateway not in subnet:
        return [
            Problem(
                "gateway",
                QT_TRANSLATE_NOOP("engine", "The gateway {value} is not inside the subnet {subnet}."),
                {"value": text, "subnet": str(subnet)},
            )
        ]
    if gateway == subnet.network_address:
        return [
            Problem(
                "gateway",
                QT_TRANSLATE_NOOP("engine", "The gateway cannot be the subnet's network address {value}."),
                {"value": text},
            )
        ]
    if subnet.version == 4 and gateway == subnet.broadcast_address:
        return [
            Problem(
                "gateway",
                QT_TRANSLATE_NOOP("engine", "The gateway cannot be the subnet's broadcast address {value}."),
                {"value": text},
            )
        ]
    return []


def _check_range(text: str, subnet: IPNetwork | None) -> list[Problem]:
    ip_range, problem = _network(text, QT_TRANSLATE_NOOP("engine", "IP range"), "ip_range")
    if problem:
        return [problem]
    if subnet is None or ip_range is None:
        return []
    if ip_range.version != subnet.version or not ip_range.subnet_of(subnet):  # type: ignore[arg-type]
        return [
            Problem(
                "ip_range",
                QT_TRANSLATE_NOOP("engine", "The IP range {value} is not inside the subnet {subnet}."),
                {"value": text, "subnet": str(subnet)},
            )
        ]
    return []


def errors_only(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if not p.warning]


def create_spec(form: NetworkForm) -> dict[str, Any]:
    """The keyword arguments of docker-py's `create_network` for a valid form."""
    labels, _ = parse_labels(form.labels)
    kwargs: dict[str, Any] = {
        "name": form.name.strip(),
        "driver": "overlay",
        "internal": form.internal,
        "attachable": form.attachable,
        "labels": labels or None,
        "scope": "swarm",
    }
    subnet = form.subnet.strip()
    if subnet:
        pool = docker.types.IPAMPool(
            subnet=subnet,
            gateway=form.gateway.strip() or None,
            iprange=form.ip_range.strip() or None,
        )
        kwargs["ipam"] = docker.types.IPAMConfig(pool_configs=[pool])
        if ipaddress.ip_network(subnet, strict=False).version == 6:
            kwargs["enable_ipv6"] = True
    return kwargs


def create_network(client: docker.APIClient, form: NetworkForm, existing: Iterable[Network] = ()) -> str:
    """Validate, then create the overlay network; returns its id. Raises InvalidNetwork or EngineError."""
    problems = errors_only(validate(form, existing))
    if problems:
        raise InvalidNetwork(reason=problems[0].message, field=problems[0].field)
    try:
        result = client.create_network(**create_spec(form))
    except Exception as exc:
        raise translate(exc) from exc
    return str(result.get("Id", "")) if isinstance(result, Mapping) else ""


def form_from_network(network: Network) -> NetworkForm:
    """A create form pre-filled from an existing network ("recreate": the engine cannot edit one)."""
    config = network.ipam[0] if network.ipam else None
    return NetworkForm(
        name=network.name,
        subnet=config.subnet if config else "",
        gateway=config.gateway if config else "",
        ip_range=config.ip_range if config else "",
        internal=network.internal,
        attachable=network.attachable,
        labels=labels_to_text(network.labels),
    )


def is_predefined(network: Network) -> bool:
    return network.ingress or network.name in PREDEFINED


def _attached(network: Network, service: Service) -> bool:
    if network.id in service.network_ids or network.name in service.network_ids:
        return True
    if network.ingress and any(port.mode == "ingress" for port in service.ports):
        return True
    endpoint = service.raw.get("Endpoint") if service.raw else None
    virtual_ips = endpoint.get("VirtualIPs") if isinstance(endpoint, Mapping) else None
    return isinstance(virtual_ips, list) and any(
        isinstance(v, Mapping) and v.get("NetworkID") == network.id for v in virtual_ips
    )


def services_using(network: Network, services: Iterable[Service]) -> list[Service]:
    """The services attached to the network: by the spec, the ingress ports, or their virtual IPs."""
    return sorted((s for s in services if _attached(network, s)), key=lambda s: s.name)


def check_deletable(network: Network, services: Iterable[Service]) -> None:
    """Raise PredefinedNetwork or NetworkInUse when the network cannot be deleted."""
    if is_predefined(network):
        raise PredefinedNetwork(name=network.name)
    users = services_using(network, services)
    if users:
        raise NetworkInUse(name=network.name, services=", ".join(s.name for s in users))


def delete_network(client: docker.APIClient, network: Network, services: Iterable[Service] = ()) -> None:
    """Delete after our own checks; an engine refusal (e.g. a container attached) comes back translated."""
    check_deletable(network, services)
    try:
        client.remove_network(network.id)
    except Exception as exc:
        error = translate(exc)
        if "in use" in error.raw or "has active endpoints" in error.raw:
            raise NetworkInUse(
                QT_TRANSLATE_NOOP("engine", "The network {name} is in use; the engine refuses to delete it."),
                name=network.name,
                raw=error.raw,
            ) from exc
        raise error from exc


def inspect_network(client: docker.APIClient, network_id: str) -> Network:
    """The network as the swarm has it now (its full IPAM, labels and options)."""
    try:
        return Network.from_api(client.inspect_network(network_id, None, "swarm"))
    except Exception as exc:
        raise translate(exc) from exc
