"""A service's published ports (`ports`), long and short syntax, as docker converts them."""

from __future__ import annotations

import ipaddress
import re
from typing import Any, NoReturn

from crane_desktop.engine.compose.context import Context
from crane_desktop.engine.compose.marks import Path_
from crane_desktop.engine.compose.schema import PORT_KEYS
from crane_desktop.engine.i18n import QT_TRANSLATE_NOOP


class PortConverter(Context):
    def ports(self, value: Any, path: Path_) -> list[dict[str, Any]]:
        ports: list[dict[str, Any]] = []
        for i, item in enumerate(self.listing(value, path)):
            ipath = (*path, i)
            if isinstance(item, dict):
                port = self.mapping(item, ipath, PORT_KEYS)
                if port.get("target") is None:
                    self.fail(ipath, QT_TRANSLATE_NOOP("engine", "the port needs a target"))
                entry = {
                    "Protocol": self.string(port.get("protocol") or "", (*ipath, "protocol")).lower(),
                    "TargetPort": self.integer(port["target"], (*ipath, "target"), 1, 65535),
                    "PublishedPort": self.integer(
                        port.get("published") or 0, (*ipath, "published"), 0, 65535
                    ),
                    "PublishMode": self.string(port.get("mode") or "", (*ipath, "mode")),
                }
                if entry["PublishMode"] not in ("", "host", "ingress"):
                    self.fail((*ipath, "mode"), QT_TRANSLATE_NOOP("engine", "must be host or ingress"))
                if entry["Protocol"] not in ("", "tcp", "udp", "sctp"):
                    self.fail((*ipath, "protocol"), QT_TRANSLATE_NOOP("engine", "must be tcp, udp or sctp"))
                ports.append(entry)
            else:
                ports.extend(
                    self.short_ports(str(item) if isinstance(item, int) else self.string(item, ipath), ipath)
                )
        ports.sort(key=lambda p: p["PublishedPort"])
        return ports

    def short_ports(self, text: str, path: Path_) -> list[dict[str, Any]]:
        """go-connections' ParsePortSpec and docker's ConvertPortToPortConfig: [ip:][published:]target
        [/protocol]; a published range onto one target publishes each of its ports there; a host IP is
        checked, then ignored with docker's warning (a swarm service listens on every address)."""

        def bad() -> NoReturn:
            self.fail(
                path, QT_TRANSLATE_NOOP("engine", "“{text}” is not a port (e.g. 8080:80/tcp)"), text=text
            )

        spec, _, protocol = text.partition("/")
        protocol = (protocol or "tcp").lower()
        parts = spec.rsplit(":", 2)
        target = parts[-1]
        published = parts[-2] if len(parts) >= 2 else ""
        host_ip = parts[0] if len(parts) == 3 else ""
        if host_ip.startswith("["):
            host_ip = host_ip[1:-1] if host_ip.endswith("]") else "%"
        if host_ip:
            try:
                address = ipaddress.ip_address(host_ip if "%" not in host_ip else "-")
            except ValueError:
                self.fail(
                    path,
                    QT_TRANSLATE_NOOP("engine", "“{address}” in “{text}” is not an IP address"),
                    address=parts[0],
                    text=text,
                )

        def span(value: str, lowest: int) -> list[int]:
            first, _, last = value.partition("-")
            digits = re.compile(r"[0-9]{1,5}")
            if not digits.fullmatch(first) or (last and not digits.fullmatch(last)):
                bad()
            start, end = int(first), int(last or first)
            if not lowest <= start <= end <= 65535:
                bad()
            return list(range(start, end + 1))

        targets = span(target, 1)
        publisheds = span(published, 0) if published else []
        if protocol not in ("tcp", "udp", "sctp") or (
            publisheds and len(targets) not in (1, len(publisheds))
        ):
            bad()
        if len(targets) == 1:  # one binding; a published range is each of its ports onto the target
            bindings = [(targets[0], publisheds or [0], published)]
        else:
            bindings = [(t, [publisheds[i]] if publisheds else [0], str(publisheds[i]) if publisheds else "")
                        for i, t in enumerate(targets)]  # fmt: skip
        result: list[dict[str, Any]] = []
        for target_port, ports, shown in bindings:
            if host_ip and not address.is_unspecified:
                host = f"[{host_ip}]" if ":" in host_ip else host_ip
                self.doc.warn(
                    path,
                    QT_TRANSLATE_NOOP(
                        "engine", "ignoring IP-address ({address}:{port}) service will listen on '0.0.0.0'"
                    ),
                    address=f"{host}:{shown}",
                    port=f"{target_port}/{protocol}",
                )
            result.extend(
                {
                    "Protocol": protocol,
                    "TargetPort": target_port,
                    "PublishedPort": p,
                    "PublishMode": "ingress",
                }
                for p in ports
            )
        return result
