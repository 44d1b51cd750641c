"""Compose v3 files -> the swarm specs `docker stack deploy` builds from them (docker/cli's
cli/compose/loader and cli/compose/convert), so an app deployed by us equals one deployed by the CLI.

Errors name the file's line and the key (from PyYAML's node marks); an invalid file yields no plan at
all, so nothing is sent. What docker accepts with a warning (an unset variable, which becomes "") is
listed in the plan's `warnings`, with its line and key. Like `docker stack deploy` (and unlike
`docker compose`), the `.env` file beside the compose file is not read: variables come from the
environment only.
"""

from __future__ import annotations

import contextlib
import ipaddress
import math
import os
import re
import shlex
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NoReturn

import yaml

from crane_desktop.engine.errors import EngineError
from crane_desktop.engine.i18n import QT_TRANSLATE_NOOP
from crane_desktop.engine.snapshots import STACK_LABEL

IMAGE_LABEL = "com.docker.stack.image"
DEFAULT_NETWORK = "default"
MAX_DEPTH = 64  # nesting levels of a compose file (real ones use fewer than 10)
MAX_VALUES = 100_000  # values after alias expansion: stops "billion laughs" files
INT64_MAX = 2**63 - 1  # the engine's integers (durations in ns, sizes in bytes, counts)

Path_ = tuple[Any, ...]


class ComposeError(EngineError):
    """The compose file is invalid; `line` (1-based, 0 when unknown) and `key` say where."""

    template = QT_TRANSLATE_NOOP("engine", "Line {line}, {key}: {reason}")

    def __init__(self, reason: str, /, *, line: int = 0, key: str = "", **params: Any) -> None:
        self.line = line
        self.key = key
        self.reason_template = reason
        self.reason_params = params
        self.reason = reason.format(**params) if params else reason
        super().__init__(line=line, key=key or "-", reason=self.reason)


@dataclass(frozen=True)
class ComposeWarning:
    """Something docker accepts but warns about; `line` (0 when unknown) and `key` say where."""

    reason_template: str
    reason_params: dict[str, Any] = field(default_factory=dict)
    line: int = 0
    key: str = ""

    @property
    def reason(self) -> str:
        return self.reason_template.format(**self.reason_params)

    @property
    def message(self) -> str:
        return f"Line {self.line}, {self.key or '-'}: {self.reason}" if self.line else self.reason


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


# -- YAML with marks ------------------------------------------------------------------------------
_VAR = re.compile(
    r"\$(?:(?P<escaped>\$)|(?P<named>[_a-zA-Z][_a-zA-Z0-9]*)|\{(?P<braced>[^}]*)\}|(?P<invalid>))"
)
_BRACED = re.compile(r"^(?P<name>[_a-zA-Z][_a-zA-Z0-9]*)(?:(?P<op>:-|-|:\?|\?)(?P<arg>.*))?$", re.S)


def _why(exc: Exception) -> str:
    """The reason of a failed file read: the OS's words, or the decoding/path problem."""
    return (exc.strerror if isinstance(exc, OSError) else "") or str(exc)


def read_env_file(path: Path, lookup: Callable[[str], str | None]) -> dict[str, str]:
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


class _Reader:
    """Turns the composed YAML nodes into plain values, remembering each path's line."""

    def __init__(self, text: str, lookup: Callable[[str], str | None]) -> None:
        self.lines: dict[Path_, int] = {}
        self.files: dict[Path_, str] = {}  # with several files: the file each path's line is in
        self.lookup = lookup
        self.warnings: list[ComposeWarning] = []
        self.count = 0
        self.loader: yaml.SafeLoader | None = None
        try:
            self.loader = yaml.SafeLoader(text)
            node = self.loader.get_single_node()
            self.value = {} if node is None else self._convert(node, ())
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            raise ComposeError(
                QT_TRANSLATE_NOOP("engine", "the file is not valid YAML ({problem})"),
                line=mark.line + 1 if mark else 1,
                key="",
                problem=exc.problem or str(exc),
            ) from None
        except yaml.reader.ReaderError as exc:  # a character YAML does not allow (control, NUL...)
            raise ComposeError(
                QT_TRANSLATE_NOOP("engine", "the file is not valid YAML ({problem})"),
                line=text.count("\n", 0, exc.position) + 1,
                problem=str(exc).split("\n", 1)[0],
            ) from None
        except yaml.YAMLError as exc:
            raise ComposeError(
                QT_TRANSLATE_NOOP("engine", "the file is not valid YAML ({problem})"),
                line=self.loader.line + 1 if self.loader else 1,
                problem=str(exc),
            ) from None
        except RecursionError:  # the YAML parser itself recurses on nesting
            raise self._too_big(self.loader.line + 1 if self.loader else 1, "") from None
        except ComposeError:
            raise
        except Exception as exc:  # PyYAML's own slips, e.g. chr() of an escape "\U99999999"
            raise ComposeError(
                QT_TRANSLATE_NOOP("engine", "the file is not valid YAML ({problem})"),
                line=self.loader.line + 1 if self.loader else 1,
                problem=str(exc),
            ) from None
        finally:
            if self.loader is not None:
                self.loader.dispose()

    def _too_big(self, line: int, key: str) -> ComposeError:
        return ComposeError(
            QT_TRANSLATE_NOOP(
                "engine", "the file nests deeper than {depth} levels or expands to more than {count} values"
            ),
            line=line,
            key=key,
            depth=MAX_DEPTH,
            count=MAX_VALUES,
        )

    def _construct(self, node: yaml.Node, path: Path_) -> Any:
        """A scalar's value; a value its tag cannot hold (`!!int abc`, a date 2020-13-45) is refused."""
        assert self.loader is not None
        try:
            return self.loader.construct_object(node)
        except Exception as exc:  # PyYAML's constructors raise ValueError, KeyError, IndexError...
            problem = getattr(exc, "problem", None) or f"{node.tag}: {exc}"
            raise ComposeError(
                QT_TRANSLATE_NOOP("engine", "the file is not valid YAML ({problem})"),
                line=node.start_mark.line + 1,
                key=dotted(path),
                problem=problem,
            ) from None

    def _convert(self, node: yaml.Node, path: Path_) -> Any:
        assert self.loader is not None
        self.lines[path] = node.start_mark.line + 1
        self.count += 1
        if len(path) > MAX_DEPTH or self.count > MAX_VALUES:
            raise self._too_big(node.start_mark.line + 1, dotted(path[:MAX_DEPTH]))
        if isinstance(node, yaml.MappingNode):
            explicit = sum(1 for k, _ in node.value if k.tag != "tag:yaml.org,2002:merge")
            self.loader.flatten_mapping(node)
            merged = len(node.value) - explicit  # `<<: *base` pairs come first; the file's own keys win
            result: dict[str, Any] = {}
            own: set[str] = set()
            for index, (key_node, value_node) in enumerate(node.value):
                key = self._construct(key_node, path)
                key = "" if key is None else str(key)
                if index >= merged and key in own:
                    self.lines[(*path, key)] = key_node.start_mark.line + 1
                    raise ComposeError(
                        QT_TRANSLATE_NOOP("engine", "the key is given twice"),
                        line=key_node.start_mark.line + 1,
                        key=dotted((*path, key)),
                    )
                if index >= merged:
                    own.add(key)
                result[key] = self._convert(value_node, (*path, key))
                self.lines[(*path, key)] = key_node.start_mark.line + 1
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self._convert(item, (*path, i)) for i, item in enumerate(node.value)]
        value = self._construct(node, path)
        if isinstance(value, str) and not (path and str(path[0]).startswith("x-")):
            value = self.interpolate(value, path)
        return value

    def interpolate(self, text: str, path: Path_) -> str:
        def replace(match: re.Match[str]) -> str:
            if match.group("escaped"):
                return "$"
            if match.group("named") is None and match.group("braced") is None:
                self.fail(path, QT_TRANSLATE_NOOP("engine", "invalid “$” in “{text}” (write $$)"), text=text)
            braced = match.group("braced")
            name, op, arg = match.group("named"), None, ""
            if braced is not None:
                parts = _BRACED.match(braced)
                if not parts:
                    self.fail(
                        path, QT_TRANSLATE_NOOP("engine", "invalid variable “${{{text}}}”"), text=braced
                    )
                name, op, arg = parts.group("name"), parts.group("op"), parts.group("arg") or ""
            value = self.lookup(name)
            if op == ":-":
                return value if value else self.interpolate(arg, path)
            if op == "-":
                return value if value is not None else self.interpolate(arg, path)
            if op in (":?", "?") and (value is None or (op == ":?" and not value)):
                self.fail(
                    path,
                    QT_TRANSLATE_NOOP("engine", "the variable {name} is required: {message}"),
                    name=name,
                    message=arg or "not set",
                )
            if value is None:
                self.warn(
                    path,
                    QT_TRANSLATE_NOOP(
                        "engine", 'The "{name}" variable is not set. Defaulting to a blank string.'
                    ),
                    name=name,
                )
                return ""
            return value

        return _VAR.sub(replace, text)

    def line(self, path: Path_) -> int:
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 0)

    def fail(self, path: Path_, reason: str, /, **params: Any) -> NoReturn:
        raise ComposeError(reason, line=self.line(path), key=self.key(path), **params)

    def key(self, path: Path_) -> str:
        """The dotted key, after its file's name when several files are merged."""
        found = path
        while found and found not in self.files:
            found = found[:-1]
        return f"{self.files[found]}: {dotted(path)}" if found in self.files else dotted(path)

    def warn(self, path: Path_, reason: str, /, **params: Any) -> None:
        warning = ComposeWarning(reason, params, self.line(path), self.key(path))
        if warning not in self.warnings:  # an alias repeats its anchor's values
            self.warnings.append(warning)


def dotted(path: Path_) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


# -- typed access ---------------------------------------------------------------------------------
_DURATION = re.compile(r"(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)")
_UNITS = {"ns": 1, "us": 1_000, "µs": 1_000, "ms": 1_000_000, "s": 10**9, "m": 60 * 10**9, "h": 3600 * 10**9}
_SIZE = re.compile(r"^(\d+(?:\.\d+)?)\s*([kmgtp]?)(i?b?)$", re.I)

SERVICE_KEYS = {
    "build", "cap_add", "cap_drop", "cgroup_parent", "command", "configs", "container_name",
    "credential_spec", "depends_on", "deploy", "devices", "dns", "dns_search", "domainname", "entrypoint",
    "env_file", "environment", "expose", "external_links", "extra_hosts", "healthcheck", "hostname", "image",
    "init", "ipc", "isolation", "labels", "links", "logging", "mac_address", "network_mode", "networks",
    "pid",
    "ports", "privileged", "read_only", "restart", "secrets", "security_opt", "shm_size", "sysctls",
    "stdin_open", "stop_grace_period", "stop_signal", "tmpfs", "tty", "ulimits", "user", "userns_mode",
    "volumes", "working_dir",
}  # fmt: skip
DEPLOY_KEYS = {
    "mode", "endpoint_mode", "replicas", "labels", "rollback_config", "update_config", "resources",
    "restart_policy", "placement",
}  # fmt: skip
UPDATE_KEYS = {"parallelism", "delay", "failure_action", "monitor", "max_failure_ratio", "order"}
TOP_KEYS = {"version", "services", "networks", "volumes", "secrets", "configs"}
LATEST_MINOR = 13  # docker CLI 28.x knows the schemas 3.0 .. 3.13
# The keys each schema version added (docker/cli cli/compose/schema/data/config_schema_v3.N.json): a
# file of an older version that uses one is refused, as the CLI's schema check does. "*" is any key,
# "[]" any item of a list, "x-" any extension key.
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
    ("services.*.deploy.resources.limits.pids", 9),
    ("services.*.healthcheck.start_interval", 12),
    ("services.*.networks.*.driver_opts", 13),
)  # fmt: skip


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


class _Typed:
    def __init__(self, reader: _Reader) -> None:
        self.r = reader

    def fail(self, path: Path_, reason: str, /, **params: Any) -> NoReturn:
        self.r.fail(path, reason, **params)

    def mapping(
        self, value: Any, path: Path_, keys: set[str] | None = None, *, null_ok: bool = True
    ) -> dict[str, Any]:
        if value is None and null_ok:
            return {}
        if not isinstance(value, dict):
            self.fail(path, QT_TRANSLATE_NOOP("engine", "must be a mapping (key: value)"))
        if keys is not None:
            for key in value:
                if key not in keys and not key.startswith("x-"):
                    self.fail((*path, key), QT_TRANSLATE_NOOP("engine", "unknown key “{name}”"), name=key)
        return value

    def string(self, value: Any, path: Path_) -> str:
        if isinstance(value, (bool, dict | list)) or value is None:
            self.fail(path, QT_TRANSLATE_NOOP("engine", "must be a string"))
        return str(value)

    def integer(self, value: Any, path: Path_, minimum: int | None = 0, maximum: int = INT64_MAX) -> int:
        if isinstance(value, str) and re.fullmatch(r"-?[0-9]+", value.strip()):
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(path, QT_TRANSLATE_NOOP("engine", "must be a whole number"))
        if minimum is not None and value < minimum:
            self.fail(path, QT_TRANSLATE_NOOP("engine", "must be at least {minimum}"), minimum=minimum)
        self.at_most(value, maximum, path)
        return value

    def at_most(self, value: float, limit: int, path: Path_, shown: str = "") -> None:
        """Refuse what the engine cannot hold, naming the maximum as one would write it (`shown`)."""
        if value > limit:  # exact: Python compares int and float without rounding
            self.fail(path, QT_TRANSLATE_NOOP("engine", "must be at most {maximum}"), maximum=shown or limit)

    def number(self, value: Any, path: Path_) -> float:
        if isinstance(value, str):
            with contextlib.suppress(ValueError):
                value = float(value)
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(path, QT_TRANSLATE_NOOP("engine", "must be a number"))
        try:
            number = float(value)
        except OverflowError:  # an integer beyond any float
            number = math.inf
        if not math.isfinite(number):
            self.fail(path, QT_TRANSLATE_NOOP("engine", "must be a number"))
        return number

    def boolean(self, value: Any, path: Path_) -> bool:
        if isinstance(value, str) and value.lower() in ("true", "false", "yes", "no", "on", "off"):
            return value.lower() in ("true", "yes", "on")
        if not isinstance(value, bool):
            self.fail(path, QT_TRANSLATE_NOOP("engine", "must be true or false"))
        return value

    def strings(self, value: Any, path: Path_) -> list[str]:
        if isinstance(value, str):
            return [value]
        if not isinstance(value, list):
            self.fail(path, QT_TRANSLATE_NOOP("engine", "must be a list of strings"))
        return [self.string(item, (*path, i)) for i, item in enumerate(value)]

    def listing(self, value: Any, path: Path_) -> list[Any]:
        """A list (absent: empty)."""
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(path, QT_TRANSLATE_NOOP("engine", "must be a list"))
        return value

    def string_list(self, value: Any, path: Path_) -> list[str]:
        if not isinstance(value, list):
            self.fail(path, QT_TRANSLATE_NOOP("engine", "must be a list of strings"))
        return [self.string(item, (*path, i)) for i, item in enumerate(value)]

    def command(self, value: Any, path: Path_) -> list[str]:
        if isinstance(value, str):
            try:
                return shlex.split(value)
            except ValueError as exc:
                self.fail(
                    path, QT_TRANSLATE_NOOP("engine", "cannot split the command: {reason}"), reason=str(exc)
                )
        return self.string_list(value, path)

    def duration(self, value: Any, path: Path_) -> int:
        """Go's time.ParseDuration, in nanoseconds."""
        if isinstance(value, int) and not isinstance(value, bool):
            self.at_most(value, INT64_MAX // 10**9, path, "2562047h")
            return value * 10**9
        text = self.string(value, path).strip()
        if text in ("0", ""):
            return 0
        position, total = 0, 0.0
        for match in _DURATION.finditer(text):
            if match.start() != position:
                break
            total += float(match.group(1)) * _UNITS[match.group(2)]
            position = match.end()
        if position != len(text):
            self.fail(
                path, QT_TRANSLATE_NOOP("engine", "“{text}” is not a duration (e.g. 10s, 1m30s)"), text=text
            )
        self.at_most(total, INT64_MAX, path, "2562047h")  # Go's time.Duration; inf when the digits overflow
        return int(total)

    def size(self, value: Any, path: Path_) -> int:
        """docker's units.RAMInBytes: binary multiples (64M = 64 MiB)."""
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            self.at_most(value, INT64_MAX, path, "8191P")
            return value
        match = _SIZE.match(self.string(value, path).strip())
        if not match:
            self.fail(path, QT_TRANSLATE_NOOP("engine", "“{text}” is not a size (e.g. 64M, 1G)"), text=value)
        factor = 1024 ** "bkmgtp".index(match.group(2).lower() or "b")
        size = float(match.group(1)) * factor  # inf when the digits overflow
        self.at_most(size, INT64_MAX, path, "8191P")
        return int(size)

    def cpus(self, value: Any, path: Path_) -> int:
        number = self.number(value, path)
        self.at_most(number * 1e9, INT64_MAX, path, "9223372036")
        nano = round(number * 1e9)
        if nano <= 0 and number != 0:
            self.fail(path, QT_TRANSLATE_NOOP("engine", "must be a positive number of CPUs"))
        return nano

    def key_values(self, value: Any, path: Path_, *, allow_none: bool = False) -> dict[str, str | None]:
        """Labels/environment: a mapping, or a list of KEY=VALUE (a bare KEY is None or "")."""
        result: dict[str, str | None] = {}
        if value is None:
            return result
        if isinstance(value, dict):
            for key, item in value.items():
                if item is None:
                    result[key] = None if allow_none else ""
                elif isinstance(item, bool):
                    result[key] = "true" if item else "false"
                elif isinstance(item, dict | list):
                    self.fail((*path, key), QT_TRANSLATE_NOOP("engine", "must be a string"))
                else:
                    result[key] = str(item)
            return result
        for _i, item in enumerate(self.string_list(value, path)):
            key, sep, rest = item.partition("=")
            result[key] = rest if sep else (None if allow_none else "")
        return result


# -- the conversion -------------------------------------------------------------------------------
def _windows_absolute(path: str) -> bool:
    """docker's isAbs (cli/compose/loader/windows_path.go): C:\\x or C:/x, or \\\\server\\share\\x."""
    slash = "\\/"
    if len(path) >= 2 and path[1] == ":" and path[0].isascii() and path[0].isalpha():
        volume = 2
    elif len(path) >= 5 and path[0] in slash and path[1] in slash and path[2] not in slash + ".":
        match = re.match(r"..[^\\/]+[\\/]([^\\/.][^\\/]*)?", path)
        volume = match.end() if match and match.group(1) else 0
    else:
        volume = 0
    return volume > 0 and path[volume : volume + 1] in ("\\", "/")


def _capability(name: str) -> str:
    """docker's NormalizeCapability: upper case, CAP_ prefixed (ALL kept)."""
    name = name.strip().upper()
    return name if name == "ALL" or name.startswith("CAP_") else f"CAP_{name}"


def _scope(stack: str, name: str) -> str:
    return f"{stack}_{name}"


def _stack_labels(stack: str, labels: Mapping[str, Any] | None) -> dict[str, str]:
    result = {k: v for k, v in (labels or {}).items()}
    result[STACK_LABEL] = stack
    return result


class _Converter(_Typed):
    def __init__(self, reader: _Reader, stack: str, working_dir: Path) -> None:
        super().__init__(reader)
        self.stack = stack
        self.dir = working_dir
        self.top: dict[str, Any] = {}
        self.minor = LATEST_MINOR

    def run(self) -> StackPlan:
        top = self.mapping(self.r.value, (), TOP_KEYS)
        self.check_version(top)
        services = self.mapping(top.get("services"), ("services",))
        if not services:
            self.fail(("services",), QT_TRANSLATE_NOOP("engine", "the file defines no services"))
        self.top = {
            kind: self.mapping(top.get(kind), (kind,))
            for kind in ("networks", "volumes", "secrets", "configs")
        }
        self.check_externals()
        plan = StackPlan(self.stack, warnings=self.r.warnings)
        used_networks: set[str] = set()
        for name, service in services.items():
            if not re.fullmatch(r"[a-zA-Z0-9][a-zA-Z0-9_.-]*", name):
                self.fail(
                    ("services", name),
                    QT_TRANSLATE_NOOP("engine", "“{name}” is not a valid service name"),
                    name=name,
                )
            spec, networks = self.service(name, service)
            plan.services[_scope(self.stack, name)] = spec
            used_networks.update(networks)
        self.networks(plan, used_networks)
        plan.secrets = self.file_objects("secrets")
        plan.configs = self.file_objects("configs")
        return plan

    def check_version(self, top: dict[str, Any]) -> None:
        """docker's schema check: the version is a string naming a schema it knows, and the file uses
        no key that a later version added."""
        self.minor = LATEST_MINOR  # no version: the CLI takes its latest schema
        if "version" not in top:
            return
        if not isinstance(top["version"], str):
            self.fail(("version",), QT_TRANSLATE_NOOP("engine", 'must be a string (e.g. "3.8")'))
        version = top["version"]
        match = re.fullmatch(r"3\.(0|[1-9][0-9]?)", version)
        # "3" (or "") is "3.x": docker takes its latest 3.x schema, as for a file without a version
        self.minor = minor = LATEST_MINOR if version in ("", "3") else int(match.group(1)) if match else -1
        if not 0 <= minor <= LATEST_MINOR:
            self.fail(
                ("version",),
                QT_TRANSLATE_NOOP("engine", "version {version} is not supported (3.0 to 3.{latest})"),
                version=version,
                latest=LATEST_MINOR,
            )
        for pattern, since in KEYS_SINCE:
            if since > minor:
                for path in _matches(top, pattern.replace("[]", ".[]").split(".")):
                    self.fail(
                        path,
                        QT_TRANSLATE_NOOP(
                            "engine", "“{name}” needs version 3.{since} or later (the file says {version})"
                        ),
                        name=path[-1],
                        since=since,
                        version=version,
                    )

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
                external, old_name = self._external(config.get("external"), (*path, "external"))
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
                    self.r.warn(
                        (*path, "external", "name"),
                        QT_TRANSLATE_NOOP(
                            "engine",
                            "{kind} {name}: {kind}.external.name is deprecated in favor of {kind}.name",
                        ),
                        kind=singular,
                        name=key,
                    )

    # .. top-level objects ..
    def _external(self, value: Any, path: Path_) -> tuple[bool, str]:
        if isinstance(value, dict):
            self.mapping(value, path, {"name"})
            return True, self.string(value.get("name", ""), (*path, "name")) if "name" in value else ""
        return (self.boolean(value, path) if value is not None else False), ""

    def networks(self, plan: StackPlan, used: set[str]) -> None:
        declared = self.top["networks"]
        keys = {"driver", "driver_opts", "ipam", "external", "internal", "attachable", "labels", "name"}
        for internal in sorted(used):
            path = ("networks", internal)
            config = self.mapping(declared.get(internal), path, keys)
            external, old_name = self._external(config.get("external"), (*path, "external"))
            name = self.string(config["name"], (*path, "name")) if "name" in config else ""
            if external:
                plan.external_networks.append(old_name or name or internal)
                continue
            body: dict[str, Any] = {
                "Name": name or _scope(self.stack, internal),
                "CheckDuplicate": True,
                "Driver": self.string(config.get("driver") or "overlay", (*path, "driver")),
                "Internal": self.boolean(config.get("internal", False), (*path, "internal")),
                "Attachable": self.boolean(config.get("attachable", False), (*path, "attachable")),
                "Labels": _stack_labels(self.stack, self.key_values(config.get("labels"), (*path, "labels"))),
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

    def preference(self, value: Any, path: Path_) -> dict[str, Any]:
        spread = self.string(self.mapping(value, path, {"spread"}).get("spread"), (*path, "spread"))
        return {"Spread": {"SpreadDescriptor": spread}}

    def file_objects(self, kind: str) -> dict[str, dict[str, Any]]:
        result: dict[str, dict[str, Any]] = {}
        keys = {"file", "external", "name", "labels", "driver", "driver_opts", "template_driver"}
        for key, value in self.top[kind].items():
            path = (kind, key)
            config = self.mapping(value, path, keys)
            external, _ = self._external(config.get("external"), (*path, "external"))
            if external:
                continue
            name = (
                self.string(config["name"], (*path, "name")) if "name" in config else _scope(self.stack, key)
            )
            if "file" not in config:
                self.fail(path, QT_TRANSLATE_NOOP("engine", "needs “file” (or external: true)"))
            file = self.dir / os.path.expanduser(self.string(config["file"], (*path, "file")))
            try:
                data = file.read_bytes()
            except (OSError, ValueError) as exc:  # ValueError: a NUL in the path
                self.fail(
                    (*path, "file"),
                    QT_TRANSLATE_NOOP("engine", "cannot read {file}: {reason}"),
                    file=str(file),
                    reason=_why(exc),
                )
            spec: dict[str, Any] = {
                "Name": name,
                "Labels": _stack_labels(self.stack, self.key_values(config.get("labels"), (*path, "labels"))),
                "Data": data,
            }
            if config.get("template_driver"):
                spec["Templating"] = {
                    "Name": self.string(config["template_driver"], (*path, "template_driver"))
                }
            result[name] = spec
        return result

    def object_name(self, kind: str, source: str, path: Path_) -> str:
        declared = self.top[kind]
        if source not in declared:
            self.fail(
                path,
                QT_TRANSLATE_NOOP("engine", "“{name}” is not declared under {kind}"),
                name=source,
                kind=kind,
            )
        config = self.mapping(declared[source], (kind, source))
        external, old_name = self._external(config.get("external"), (kind, source, "external"))
        name = config.get("name") or old_name
        if external and not name:
            name = source
        return str(name) if name else _scope(self.stack, source)

    # .. one service ..
    def service(self, name: str, value: Any) -> tuple[dict[str, Any], list[str]]:
        path = ("services", name)
        svc = self.mapping(value, path, SERVICE_KEYS, null_ok=False)
        if "image" not in svc:
            self.fail(path, QT_TRANSLATE_NOOP("engine", "the service needs an image"))
        image = self.string(svc["image"], (*path, "image"))
        deploy = self.mapping(svc.get("deploy"), (*path, "deploy"), DEPLOY_KEYS)
        dpath = (*path, "deploy")
        container: dict[str, Any] = {"Image": image}
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
        container["Labels"] = _stack_labels(self.stack, self.key_values(svc.get("labels"), (*path, "labels")))
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
        added, dropped = (
            {_capability(c) for c in self.string_list(svc[key], (*path, key))}
            if svc.get(key) is not None
            else set()
            for key in ("cap_add", "cap_drop")
        )
        # docker's EffectiveCapAddCapDrop: ALL trumps the others, and adding wins over dropping
        added = {"ALL"} if "ALL" in added else added
        dropped = {"ALL"} if "ALL" in dropped else dropped - added
        if added:
            container["CapabilityAdd"] = sorted(added)
        if dropped:
            container["CapabilityDrop"] = sorted(dropped)

        task: dict[str, Any] = {"ContainerSpec": container}
        resources = self.resources(deploy.get("resources"), (*dpath, "resources"))
        task["Resources"] = resources
        restart = self.restart_policy(svc, deploy, path)
        if restart is not None:
            task["RestartPolicy"] = restart
        placement = self.mapping(
            deploy.get("placement"),
            (*dpath, "placement"),
            {"constraints", "preferences", "max_replicas_per_node"},
        )
        ppath = (*dpath, "placement")
        task["Placement"] = {}
        if placement.get("constraints") is not None:
            task["Placement"]["Constraints"] = self.string_list(
                placement["constraints"], (*ppath, "constraints")
            )
        if placement.get("preferences") is not None:
            prefs = placement["preferences"]
            if not isinstance(prefs, list):
                self.fail((*ppath, "preferences"), QT_TRANSLATE_NOOP("engine", "must be a list"))
            task["Placement"]["Preferences"] = [
                self.preference(p, (*ppath, "preferences", i)) for i, p in enumerate(prefs)
            ]
        if placement.get("max_replicas_per_node") is not None:
            task["Placement"]["MaxReplicas"] = self.integer(
                placement["max_replicas_per_node"], (*ppath, "max_replicas_per_node")
            )
        if svc.get("logging") is not None:
            logging_ = self.mapping(svc["logging"], (*path, "logging"), {"driver", "options"})
            task["LogDriver"] = {
                "Name": self.string(logging_.get("driver", ""), (*path, "logging", "driver")),
                "Options": self.key_values(logging_.get("options"), (*path, "logging", "options")),
            }
        networks, attachments = self.service_networks(name, svc.get("networks"), (*path, "networks"))
        task["Networks"] = attachments

        spec: dict[str, Any] = {
            "Name": _scope(self.stack, name),
            "Labels": _stack_labels(self.stack, self.key_values(deploy.get("labels"), (*dpath, "labels"))),
            "TaskTemplate": task,
            "Mode": self.mode(deploy, dpath),
            "EndpointSpec": {
                "Mode": self.string(deploy.get("endpoint_mode") or "", (*dpath, "endpoint_mode")).lower(),
                "Ports": self.ports(svc.get("ports"), (*path, "ports")),
            },
        }
        if spec["EndpointSpec"]["Mode"] not in ("", "vip", "dnsrr"):
            self.fail((*dpath, "endpoint_mode"), QT_TRANSLATE_NOOP("engine", "must be vip or dnsrr"))
        spec["Labels"][IMAGE_LABEL] = image
        for key, api in (("update_config", "UpdateConfig"), ("rollback_config", "RollbackConfig")):
            policy = self.update_config(deploy.get(key), (*dpath, key))
            if policy is not None:
                spec[api] = policy
        return spec, networks

    def extra_hosts(self, value: Any, path: Path_) -> list[str]:
        """docker's HostsList: host:ip or host=ip, in order (a mapping sorted by host), [ipv6] without
        its brackets, an entry without a separator dropped; SwarmKit's "ip host" form."""
        pairs: list[tuple[str, str]]
        if isinstance(value, dict):
            pairs = sorted((host, ip or "") for host, ip in self.key_values(value, path).items())
        else:
            pairs = []
            for entry in self.string_list(value, path):
                host, sep, ip = entry.partition("=" if "=" in entry else ":")
                if sep:
                    pairs.append((host, ip))
        return [f"{ip[1:-1] if ip[:1] == '[' and ip[-1:] == ']' else ip} {host}" for host, ip in pairs]

    def from_environment(self, values: Mapping[str, str | None]) -> dict[str, str | None]:
        """docker's updateEnvironment: a variable without a value, or with an empty one, takes the
        environment's value when it is set (else it stays: a bare KEY is sent as it is)."""
        result: dict[str, str | None] = {}
        for key, value in values.items():
            found = self.r.lookup(key) if not value else None
            result[key] = value if found is None else found
        return result

    def environment(self, svc: dict[str, Any], path: Path_) -> list[str]:
        values: dict[str, str | None] = {}
        if svc.get("env_file") is not None:
            for i, item in enumerate(self.strings(svc["env_file"], (*path, "env_file"))):
                file = self.dir / os.path.expanduser(item)
                item_path = (
                    (*path, "env_file", i) if isinstance(svc["env_file"], list) else (*path, "env_file")
                )
                try:
                    values.update(self.from_environment(read_env_file(file, self.r.lookup)))
                except (OSError, ValueError) as exc:  # ValueError: not UTF-8, or a NUL in the path
                    self.fail(
                        item_path,
                        QT_TRANSLATE_NOOP("engine", "cannot read {file}: {reason}"),
                        file=str(file),
                        reason=_why(exc),
                    )
        values.update(
            self.from_environment(
                self.key_values(svc.get("environment"), (*path, "environment"), allow_none=True)
            )
        )
        return sorted(key if value is None else f"{key}={value}" for key, value in values.items())

    def healthcheck(self, value: Any, path: Path_) -> dict[str, Any] | None:
        if value is None:
            return None
        keys = {"test", "interval", "timeout", "retries", "start_period", "start_interval", "disable"}
        check = self.mapping(value, path, keys)
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

    def mounts(self, value: Any, path: Path_) -> list[dict[str, Any]]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(path, QT_TRANSLATE_NOOP("engine", "must be a list"))
        result = []
        keys = {"type", "source", "target", "read_only", "consistency", "bind", "volume", "tmpfs"}
        for i, item in enumerate(value):
            ipath = (*path, i)
            if isinstance(item, str):
                volume = self.short_volume(item, ipath)
            else:
                volume = dict(self.mapping(item, ipath, keys, null_ok=False))
                if "target" not in volume:
                    self.fail(ipath, QT_TRANSLATE_NOOP("engine", "the mount needs a target"))
                volume.setdefault("type", "volume")
                if volume["type"] == "bind" and volume.get("source"):
                    volume["source"] = self.host_path(str(volume["source"]))
            result.append(self.mount(volume, ipath))
        return result

    def host_path(self, source: str) -> str:
        """A bind source: relative ones are joined onto the file's folder; absolute ones, POSIX or
        Windows (C:\\data, \\\\server\\share\\dir), are kept as they are (docker's resolveVolumePaths)."""
        source = os.path.expanduser(source)
        if source.startswith("/") or _windows_absolute(source):
            return source
        return os.path.normpath(str(self.dir / source))

    def short_volume(self, text: str, path: Path_) -> dict[str, Any]:
        """docker's ParseVolume: [source:]target[:options], a drive letter (C:) not taken for a
        separator; unknown options are ignored, as docker ignores them."""
        if len(text) <= 2:
            if not text:
                self.fail(
                    path,
                    QT_TRANSLATE_NOOP("engine", "“{text}” is not a volume (source:target[:mode])"),
                    text=text,
                )
            return {"type": "volume", "target": text}
        fields: list[str] = []
        buffer = ""
        for index, char in enumerate(text + ":"):
            if char == ":" and len(buffer) == 1 and buffer.isalpha():
                buffer += char  # a Windows drive
                continue
            if char != ":":
                buffer += char
                continue
            last = index == len(text)
            if not buffer or (len(fields) == 2 and not last):  # empty section, or too many colons
                self.fail(
                    path,
                    QT_TRANSLATE_NOOP("engine", "“{text}” is not a volume (source:target[:mode])"),
                    text=text,
                )
            fields.append(buffer)
            buffer = ""
        if len(fields) == 1:
            return {"type": "volume", "target": fields[0]}
        source, target = fields[0], fields[1]
        volume: dict[str, Any] = {"source": source, "target": target}
        is_path = source.startswith((".", "/", "~", "\\\\")) or (
            len(source) > 1 and source[1] == ":" and source[0].isalpha()
        )
        volume["type"] = "bind" if is_path else "volume"
        if is_path:
            volume["source"] = self.host_path(source)
        for option in fields[2].split(",") if len(fields) == 3 else []:
            if option in ("ro", "rw"):
                volume["read_only"] = option == "ro"
            elif option == "nocopy":
                volume["volume"] = {"nocopy": True}
            elif option in ("shared", "rshared", "slave", "rslave", "private", "rprivate"):
                volume["bind"] = {"propagation": option}
        return volume

    def mount(self, volume: dict[str, Any], path: Path_) -> dict[str, Any]:
        kind = self.string(volume.get("type") or "volume", (*path, "type"))
        mount: dict[str, Any] = {"Type": kind, "Target": self.string(volume["target"], (*path, "target"))}
        source = volume.get("source") or ""
        if source:
            mount["Source"] = self.string(source, (*path, "source"))
        if volume.get("read_only") is not None and self.boolean(volume["read_only"], (*path, "read_only")):
            mount["ReadOnly"] = True
        if volume.get("consistency"):
            mount["Consistency"] = self.string(volume["consistency"], (*path, "consistency"))
        if kind == "volume":
            if not source:
                return mount
            declared = self.top["volumes"]
            if source not in declared:
                self.fail(
                    (*path, "source") if isinstance(volume, dict) else path,
                    QT_TRANSLATE_NOOP("engine", "the volume “{name}” is not declared under volumes"),
                    name=source,
                )
            config = self.mapping(
                declared[source], ("volumes", source), {"driver", "driver_opts", "external", "labels", "name"}
            )
            mount["Source"] = _scope(self.stack, source)
            options: dict[str, Any] = {}
            sub = self.mapping(volume.get("volume"), (*path, "volume"), {"nocopy", "subpath"})
            if sub.get("nocopy") is not None and self.boolean(sub["nocopy"], (*path, "volume", "nocopy")):
                options["NoCopy"] = True
            if sub.get("subpath"):
                options["Subpath"] = self.string(sub["subpath"], (*path, "volume", "subpath"))
            external, old_name = self._external(config.get("external"), ("volumes", source, "external"))
            if config.get("name") or old_name:
                mount["Source"] = str(config.get("name") or old_name)
            elif external:
                mount["Source"] = source
            if not external:
                options["Labels"] = _stack_labels(
                    self.stack, self.key_values(config.get("labels"), ("volumes", source, "labels"))
                )
                if config.get("driver") or config.get("driver_opts") is not None:
                    options["DriverConfig"] = {
                        "Name": str(config.get("driver") or ""),
                        "Options": self.key_values(
                            config.get("driver_opts"), ("volumes", source, "driver_opts")
                        ),
                    }
            mount["VolumeOptions"] = options
        elif kind == "bind":
            if not source:
                self.fail(path, QT_TRANSLATE_NOOP("engine", "a bind mount needs a source"))
            bind = self.mapping(volume.get("bind"), (*path, "bind"), {"propagation", "create_host_path"})
            if volume.get("bind") is not None:
                mount["BindOptions"] = {"Propagation": str(bind.get("propagation") or "")}
        elif kind == "tmpfs":
            tmpfs = self.mapping(volume.get("tmpfs"), (*path, "tmpfs"), {"size", "mode"})
            if tmpfs.get("size") is not None:
                # the schema's integer: no unit, no fraction
                mount["TmpfsOptions"] = {"SizeBytes": self.integer(tmpfs["size"], (*path, "tmpfs", "size"))}
        else:
            self.fail((*path, "type"), QT_TRANSLATE_NOOP("engine", "unknown mount type “{kind}”"), kind=kind)
        return mount

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

    def references(self, kind: str, value: Any, path: Path_) -> list[tuple[str, dict[str, Any]]]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(path, QT_TRANSLATE_NOOP("engine", "must be a list"))
        refs = []
        for i, item in enumerate(value):
            ipath = (*path, i)
            if isinstance(item, str):
                item = {"source": item}
            item = self.mapping(item, ipath, {"source", "target", "uid", "gid", "mode"}, null_ok=False)
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

    def resources(self, value: Any, path: Path_) -> dict[str, Any]:
        res = self.mapping(value, path, {"limits", "reservations"})
        result: dict[str, Any] = {}
        if res.get("limits") is not None:
            limits = self.mapping(res["limits"], (*path, "limits"), {"cpus", "memory", "pids"})
            result["Limits"] = {
                "NanoCPUs": self.cpus(limits["cpus"], (*path, "limits", "cpus"))
                if limits.get("cpus") is not None
                else 0,
                "MemoryBytes": self.size(limits["memory"], (*path, "limits", "memory"))
                if limits.get("memory") is not None
                else 0,
            }
            if limits.get("pids") is not None:
                result["Limits"]["Pids"] = self.integer(limits["pids"], (*path, "limits", "pids"))
        if res.get("reservations") is not None:
            reservations = self.mapping(
                res["reservations"],
                (*path, "reservations"),
                {"cpus", "memory", "generic_resources"},  # no `devices` in docker's 3.x schemas
            )
            rpath = (*path, "reservations")
            result["Reservations"] = {
                "NanoCPUs": self.cpus(reservations["cpus"], (*rpath, "cpus"))
                if reservations.get("cpus") is not None
                else 0,
                "MemoryBytes": self.size(reservations["memory"], (*rpath, "memory"))
                if reservations.get("memory") is not None
                else 0,
            }
            generic = self.generic_resources(
                reservations.get("generic_resources"), (*rpath, "generic_resources")
            )
            if generic:
                result["Reservations"]["GenericResources"] = generic
        return result

    def generic_resources(self, value: Any, path: Path_) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = []
        for i, item in enumerate(self.listing(value, path)):
            ipath = (*path, i, "discrete_resource_spec")
            entry = self.mapping(item, (*path, i), {"discrete_resource_spec"})
            if entry.get("discrete_resource_spec") is None:
                result.append({})
                continue
            spec = self.mapping(entry["discrete_resource_spec"], ipath, {"kind", "value"})
            result.append(
                {
                    "DiscreteResourceSpec": {
                        "Kind": self.string(spec.get("kind", ""), (*ipath, "kind")),
                        "Value": self.integer(spec.get("value", 0), (*ipath, "value"), None),
                    }
                }
            )
        return result

    def restart_policy(
        self, svc: dict[str, Any], deploy: dict[str, Any], path: Path_
    ) -> dict[str, Any] | None:
        dpath = (*path, "deploy", "restart_policy")
        if deploy.get("restart_policy") is None:
            restart = str(svc.get("restart") or "")
            name, _, count = restart.partition(":")
            if name in ("", "no"):
                return None
            if name in ("always", "unless-stopped"):
                return {"Condition": "any"}
            if name == "on-failure" and (not count or re.fullmatch(r"[0-9]+", count)):
                attempts = self.integer(count or 0, (*path, "restart"))
                return {"Condition": "on-failure", "MaxAttempts": attempts}
            self.fail(
                (*path, "restart"),
                QT_TRANSLATE_NOOP("engine", "unknown restart policy “{name}”"),
                name=restart,
            )
        policy = self.mapping(
            deploy["restart_policy"], dpath, {"condition", "delay", "max_attempts", "window"}
        )
        result: dict[str, Any] = {
            "Condition": self.string(policy.get("condition") or "", (*dpath, "condition"))
        }
        if result["Condition"] not in ("", "none", "on-failure", "any"):
            self.fail((*dpath, "condition"), QT_TRANSLATE_NOOP("engine", "must be none, on-failure or any"))
        if policy.get("delay") is not None:
            result["Delay"] = self.duration(policy["delay"], (*dpath, "delay"))
        if policy.get("max_attempts") is not None:
            result["MaxAttempts"] = self.integer(policy["max_attempts"], (*dpath, "max_attempts"))
        if policy.get("window") is not None:
            result["Window"] = self.duration(policy["window"], (*dpath, "window"))
        return result

    def update_config(self, value: Any, path: Path_) -> dict[str, Any] | None:
        if value is None:
            return None
        config = self.mapping(value, path, UPDATE_KEYS)
        result: dict[str, Any] = {
            "Parallelism": self.integer(config["parallelism"], (*path, "parallelism"))
            if config.get("parallelism") is not None
            else 1,
            "Delay": self.duration(config.get("delay", 0), (*path, "delay")),
            "FailureAction": self.string(config.get("failure_action", ""), (*path, "failure_action")),
            "Monitor": self.duration(config.get("monitor", 0), (*path, "monitor")),
            "MaxFailureRatio": self.number(config.get("max_failure_ratio", 0), (*path, "max_failure_ratio")),
            "Order": self.string(config.get("order", ""), (*path, "order")),
        }
        if result["FailureAction"] not in ("", "pause", "continue", "rollback"):
            self.fail(
                (*path, "failure_action"), QT_TRANSLATE_NOOP("engine", "must be pause, continue or rollback")
            )
        if result["Order"] not in ("", "stop-first", "start-first"):
            self.fail((*path, "order"), QT_TRANSLATE_NOOP("engine", "must be stop-first or start-first"))
        return result

    def mode(self, deploy: dict[str, Any], path: Path_) -> dict[str, Any]:
        mode = self.string(deploy.get("mode") or "replicated", (*path, "mode"))
        replicas = deploy.get("replicas")
        if mode == "global":
            if replicas is not None:
                self.fail(
                    (*path, "replicas"), QT_TRANSLATE_NOOP("engine", "a global service has no replicas")
                )
            return {"Global": {}}
        if mode != "replicated":
            self.fail((*path, "mode"), QT_TRANSLATE_NOOP("engine", "must be replicated or global"))
        if replicas is None:
            return {"Replicated": {}}
        return {"Replicated": {"Replicas": self.integer(replicas, (*path, "replicas"))}}

    def ports(self, value: Any, path: Path_) -> list[dict[str, Any]]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(path, QT_TRANSLATE_NOOP("engine", "must be a list"))
        ports: list[dict[str, Any]] = []
        for i, item in enumerate(value):
            ipath = (*path, i)
            if isinstance(item, dict):
                port = self.mapping(
                    item, ipath, {"target", "published", "protocol", "mode"}  # docker's 3.x schemas
                )
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
                self.r.warn(
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
            config = self.mapping(config, npath, {"aliases", "ipv4_address", "ipv6_address", "driver_opts"})
            net = self.mapping(declared.get(key), ("networks", key))
            external, old_name = self._external(net.get("external"), ("networks", key, "external"))
            target = str(net.get("name") or old_name or (key if external else _scope(self.stack, key)))
            aliases = (
                self.string_list(config["aliases"], (*npath, "aliases")) if config.get("aliases") else []
            )
            attachment: dict[str, Any] = {"Target": target, "Aliases": [*aliases, service]}
            if config.get("driver_opts"):
                attachment["DriverOpts"] = self.key_values(config["driver_opts"], (*npath, "driver_opts"))
            attachments.append(attachment)
        attachments.sort(key=lambda a: a["Target"])
        return list(value), attachments


def load_env(environ: Mapping[str, str] | None) -> Callable[[str], str | None]:
    """The variables: the environment only (`docker stack deploy` does not read `.env`)."""
    return dict(os.environ if environ is None else environ).get


def load(
    text: str, stack: str, *, working_dir: Path | str = ".", environ: Mapping[str, str] | None = None
) -> StackPlan:
    """Parse compose text into the plan of an app named `stack`; raises ComposeError."""
    if not re.fullmatch(r"[a-zA-Z0-9][a-zA-Z0-9_.-]*", stack or ""):
        raise ComposeError(QT_TRANSLATE_NOOP("engine", "“{name}” is not a valid app name"), name=stack)
    directory = Path(working_dir)
    reader = _Reader(text, load_env(environ))
    return _Converter(reader, stack, directory).run()


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, ValueError) as exc:  # ValueError: not UTF-8 text
        raise ComposeError(
            QT_TRANSLATE_NOOP("engine", "cannot read {file}: {reason}"), file=str(path), reason=_why(exc)
        ) from None


def load_file(path: Path | str, stack: str, environ: Mapping[str, str] | None = None) -> StackPlan:
    path = Path(path)
    return load(_read_text(path), stack, working_dir=path.resolve().parent, environ=environ)


def load_files(paths: list[Path | str], stack: str, environ: Mapping[str, str] | None = None) -> StackPlan:
    """`docker stack deploy -c a.yml -c b.yml`: each file read and checked on its own (the same
    version in all), then merged in order as docker/cli's loader/merge.go does; relative paths are
    taken from the first file's folder. Errors name the file, its line and the key."""
    files = [Path(p) for p in paths]
    if len(files) == 1:
        return load_file(files[0], stack, environ)
    if not re.fullmatch(r"[a-zA-Z0-9][a-zA-Z0-9_.-]*", stack or ""):
        raise ComposeError(QT_TRANSLATE_NOOP("engine", "“{name}” is not a valid app name"), name=stack)
    lookup = load_env(environ)
    directory = files[0].resolve().parent
    merged = _Reader("{}", lookup)
    versions: list[int] = []
    for index, path in enumerate(files):
        reader = _Reader(_read_text(path), lookup)
        reader.files = dict.fromkeys(reader.lines, path.name)
        checker = _Converter(reader, stack, directory)
        checker.check_version(checker.mapping(reader.value, (), TOP_KEYS))
        if versions and checker.minor != versions[0]:
            checker.fail(
                ("version",),
                QT_TRANSLATE_NOOP("engine", "the files give different versions (3.{first} and 3.{this})"),
                first=versions[0],
                this=checker.minor,
            )
        versions.append(checker.minor)
        merged.value = _merge_file(merged.value, reader.value) if index else reader.value
        for lines_path, line in reader.lines.items():
            merged.lines[lines_path] = line
            merged.files[lines_path] = path.name
        merged.warnings.extend(replace(w, key=f"{path.name}: {w.key}") for w in reader.warnings)
    return _Converter(merged, stack, directory).run()


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


def _merge_file(base: Any, override: Any) -> Any:
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
