"""A service's container: environment (with env files), extra hosts, healthcheck, credential spec,
ulimits and capabilities, as docker's convert builds the ContainerSpec's parts."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from crane_desktop.engine.compose.context import Context
from crane_desktop.engine.compose.marks import Lookup, Path_, why
from crane_desktop.engine.compose.schema import HEALTHCHECK_KEYS
from crane_desktop.engine.i18n import QT_TRANSLATE_NOOP


def read_env_file(path: Path, lookup: Lookup) -> dict[str, str]:
    """docker's env-file format: KEY=VALUE lines verbatim (no quote removal), # comments, bare KEY
    taken from the environment (left out when unset)."""
    result: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.lstrip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition("=")
        key = key.strip()
        if sep:
            result[key] = value
        else:
            found = lookup(key)
            if found is not None:
                result[key] = found
    return result


def capability(name: str) -> str:
    """docker's NormalizeCapability: upper case, CAP_ prefixed (ALL kept)."""
    name = name.strip().upper()
    return name if name == "ALL" or name.startswith("CAP_") else f"CAP_{name}"


class ContainerConverter(Context):
    def capabilities(self, svc: dict[str, Any], path: Path_) -> dict[str, list[str]]:
        """cap_add and cap_drop as docker's EffectiveCapAddCapDrop: ALL trumps the others, and adding
        wins over dropping."""
        added, dropped = (
            {capability(c) for c in self.string_list(svc[key], (*path, key))}
            if svc.get(key) is not None
            else set()
            for key in ("cap_add", "cap_drop")
        )
        added = {"ALL"} if "ALL" in added else added
        dropped = {"ALL"} if "ALL" in dropped else dropped - added
        result = {}
        if added:
            result["CapabilityAdd"] = sorted(added)
        if dropped:
            result["CapabilityDrop"] = sorted(dropped)
        return result

    def host_pairs(self, value: Any, path: Path_) -> list[tuple[str, str]]:
        """docker's HostsList: host:ip or host=ip, in order (a mapping sorted by host), [ipv6] without
        its brackets, an entry without a separator dropped."""
        pairs: list[tuple[str, str]]
        if isinstance(value, dict):
            pairs = sorted((host, ip or "") for host, ip in self.key_values(value, path).items())
        else:
            pairs = []
            for entry in self.string_list(value, path):
                host, sep, ip = entry.partition("=" if "=" in entry else ":")
                if sep:
                    pairs.append((host, ip))
        return [(host, ip[1:-1] if ip[:1] == "[" and ip[-1:] == "]" else ip) for host, ip in pairs]

    def extra_hosts(self, value: Any, path: Path_) -> list[str]:
        """The hosts in SwarmKit's "ip host" form."""
        return [f"{ip} {host}" for host, ip in self.host_pairs(value, path)]

    def from_environment(self, values: Mapping[str, str | None]) -> dict[str, str | None]:
        """docker's updateEnvironment: a variable without a value, or with an empty one, takes the
        environment's value when it is set (else it stays: a bare KEY is sent as it is)."""
        result: dict[str, str | None] = {}
        for key, value in values.items():
            found = self.doc.lookup(key) if not value else None
            result[key] = value if found is None else found
        return result

    def environment_values(self, svc: dict[str, Any], path: Path_) -> dict[str, str | None]:
        """docker's resolveEnvironment: the env files, then `environment`, each through
        `from_environment`; a key without a value is None."""
        values: dict[str, str | None] = {}
        if svc.get("env_file") is not None:
            for i, item in enumerate(self.strings(svc["env_file"], (*path, "env_file"))):
                file = self.dir / item  # docker's absPath: no ~ expansion
                item_path = (
                    (*path, "env_file", i) if isinstance(svc["env_file"], list) else (*path, "env_file")
                )
                try:
                    values.update(self.from_environment(read_env_file(file, self.doc.lookup)))
                except (OSError, ValueError) as exc:  # ValueError: not UTF-8, or a NUL in the path
                    self.fail(
                        item_path,
                        QT_TRANSLATE_NOOP("engine", "cannot read {file}: {reason}"),
                        file=str(file),
                        reason=why(exc),
                    )
        values.update(
            self.from_environment(
                self.key_values(svc.get("environment"), (*path, "environment"), allow_none=True)
            )
        )
        return values

    def environment(self, svc: dict[str, Any], path: Path_) -> list[str]:
        values = self.environment_values(svc, path)
        return sorted(key if value is None else f"{key}={value}" for key, value in values.items())

    def healthcheck(self, value: Any, path: Path_) -> dict[str, Any] | None:
        if value is None:
            return None
        check = self.mapping(value, path, HEALTHCHECK_KEYS)
        test = check.get("test")
        if isinstance(test, str):
            test = ["CMD-SHELL", test]
        elif test is not None:
            test = self.string_list(test, (*path, "test"))
        if check.get("disable") is not None and self.boolean(check["disable"], (*path, "disable")):
            if test:
                self.fail(path, QT_TRANSLATE_NOOP("engine", "test and disable cannot be set together"))
            return {"Test": ["NONE"]}
        result: dict[str, Any] = {}
        if test is not None:
            result["Test"] = test
        for key, api in (
            ("interval", "Interval"),
            ("timeout", "Timeout"),
            ("start_period", "StartPeriod"),
            ("start_interval", "StartInterval"),
        ):
            if check.get(key) is not None:
                result[api] = self.duration(check[key], (*path, key))
        if check.get("retries") is not None:
            result["Retries"] = self.integer(check["retries"], (*path, "retries"))
        return result

    def credential_spec(self, value: Any, path: Path_) -> dict[str, str] | None:
        """docker's convertCredentialSpec: one of config, file or registry. A config is named here (the
        deploy puts its id in, as it does for the configs' references)."""
        spec = self.mapping(value, path, {"config", "file", "registry"})
        given = {
            key: self.string(spec[key], (*path, key)) for key in ("config", "file", "registry") if key in spec
        }
        given = {key: text for key, text in given.items() if text}
        if len(given) > 1:
            self.fail(
                path,
                QT_TRANSLATE_NOOP("engine", "give only one of config, file and registry (not {keys})"),
                keys=", ".join(given),
            )
        if not given:
            return None
        [(key, text)] = given.items()
        if key == "config":
            text = self.object_name("configs", text, (*path, "config"))
        return {key.capitalize(): text}

    def ulimits(self, value: Any, path: Path_) -> list[dict[str, Any]]:
        """name: N (soft and hard) or name: {soft: N, hard: N}, sorted by name as docker's convert."""
        result = []
        for name, limit in sorted(self.mapping(value, path).items()):
            lpath = (*path, name)
            if isinstance(limit, dict):
                both = self.mapping(limit, lpath, {"soft", "hard"})
                for key in ("soft", "hard"):
                    if key not in both:
                        self.fail(lpath, QT_TRANSLATE_NOOP("engine", "needs “{name}”"), name=key)
                soft = self.integer(both["soft"], (*lpath, "soft"), None)
                hard = self.integer(both["hard"], (*lpath, "hard"), None)
            else:
                soft = hard = self.integer(limit, lpath, None)
            result.append({"Name": name, "Soft": soft, "Hard": hard})
        return result
