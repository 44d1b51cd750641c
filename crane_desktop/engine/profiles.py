"""Connection profiles: which cluster, through which managers, with which TLS material.

Profiles are plain data, saved as JSON under the platform's config directory. They can be made from the
docker CLI's environment variables or imported from docker contexts (including their TLS files).
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import platformdirs

from crane_desktop.engine.errors import ProfileInvalid
from crane_desktop.engine.i18n import QT_TRANSLATE_NOOP

DEFAULT_LOCAL_ENDPOINT = "unix:///var/run/docker.sock"
SCHEMES = ("tcp", "unix", "npipe", "ssh")


@dataclass(frozen=True)
class TLSConfig:
    """Mutual TLS material. Paths may be empty (e.g. server verification only with a CA)."""

    ca: str = ""
    cert: str = ""
    key: str = ""
    verify: bool = True


@dataclass(frozen=True)
class RegistryLogin:
    """A profile's registry: its address (host[:port], as images name it) and the user to log in as."""

    address: str
    user: str

    def to_json(self) -> dict[str, str]:
        return {"address": self.address, "user": self.user}

    @classmethod
    def from_json(cls, data: object) -> RegistryLogin | None:
        if not isinstance(data, Mapping):
            return None
        address, user = (
            normalize_registry_address(str(data.get("address") or "")),
            str(data.get("user") or "").strip(),
        )
        return cls(address, user) if address and user else None


def normalize_registry_address(address: str) -> str:
    """A registry address as typed (`https://registry:5000/v2/`, `index.docker.io`) -> `registry:5000`,
    `docker.io`."""
    text = address.strip()
    for scheme in ("https://", "http://"):
        if text.lower().startswith(scheme):
            text = text[len(scheme) :]
    text = text.split("/", 1)[0]
    return (
        "docker.io"
        if text in ("index.docker.io", "registry-1.docker.io", "registry.hub.docker.com")
        else text
    )


@dataclass(frozen=True)
class Profile:
    """One cluster: its manager endpoints (tried in order), TLS, and known per-node engine endpoints."""

    name: str
    managers: tuple[str, ...]
    tls: TLSConfig | None = None
    nodes: Mapping[str, str] = field(default_factory=dict)
    allow_insecure_tcp: bool = False
    node_tls: Mapping[str, TLSConfig] = field(default_factory=dict)  # by hostname: a node's own TLS files
    alerts: Mapping[str, Any] = field(default_factory=dict)  # the alert rules as saved (engine/alerts.py)
    registries: tuple[RegistryLogin, ...] = ()  # private registries (their passwords: the OS keyring)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["managers"] = list(self.managers)
        data["nodes"] = dict(self.nodes)
        data["node_tls"] = {name: asdict(tls) for name, tls in self.node_tls.items()}
        data["alerts"] = json.loads(json.dumps(self.alerts))
        data["registries"] = [login.to_json() for login in self.registries]
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Profile:
        if not isinstance(data, Mapping):
            raise ProfileInvalid(QT_TRANSLATE_NOOP("engine", "A profile must be a JSON object."))
        name = str(data.get("name") or "").strip()
        managers = data.get("managers") or []
        if isinstance(managers, str):
            managers = [managers]
        if not isinstance(managers, list):
            raise ProfileInvalid(
                QT_TRANSLATE_NOOP("engine", "The profile's managers must be a list of endpoints.")
            )
        tls = _tls_from_json(data.get("tls"))
        node_tls = data.get("node_tls") or {}
        if not isinstance(node_tls, Mapping):
            node_tls = {}
        nodes = data.get("nodes") or {}
        if not isinstance(nodes, Mapping):
            nodes = {}
        profile = cls(
            name=name,
            managers=tuple(str(m).strip() for m in managers if str(m).strip()),
            tls=tls,
            nodes={str(k): str(v) for k, v in nodes.items()},
            allow_insecure_tcp=data.get("allow_insecure_tcp") is True,  # only an explicit true consents
            node_tls={str(k): t for k, v in node_tls.items() if (t := _tls_from_json(v)) is not None},
            alerts=alerts if isinstance(alerts := data.get("alerts"), Mapping) else {},
            registries=_registries_from_json(data.get("registries")),
        )
        validate(profile)
        return profile


def _registries_from_json(data: object) -> tuple[RegistryLogin, ...]:
    entries = [RegistryLogin.from_json(item) for item in data] if isinstance(data, list) else []
    return tuple(dict.fromkeys(entry for entry in entries if entry is not None))


def _tls_from_json(data: object) -> TLSConfig | None:
    if not isinstance(data, Mapping):
        return None
    return TLSConfig(
        ca=str(data.get("ca") or ""),
        cert=str(data.get("cert") or ""),
        key=str(data.get("key") or ""),
        verify=data.get("verify") is not False,  # anything but an explicit false verifies
    )


def is_loopback_host(host: str) -> bool:
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def validate(profile: Profile) -> None:
    """Raise ProfileInvalid with an operator-level reason when the profile cannot be used safely."""
    if not profile.name:
        raise ProfileInvalid(QT_TRANSLATE_NOOP("engine", "The profile needs a name."))
    if not profile.managers:
        raise ProfileInvalid(QT_TRANSLATE_NOOP("engine", "The profile needs at least one manager endpoint."))
    for endpoint in (*profile.managers, *profile.nodes.values()):
        check_endpoint(endpoint, profile.tls, profile.allow_insecure_tcp)
    for tls in (profile.tls, *profile.node_tls.values()):
        check_tls_files(tls)


def check_tls_files(tls: TLSConfig | None) -> None:
    """Raise ProfileInvalid naming the first TLS file that is missing, or a certificate without key."""
    if tls:
        for label, path in (
            (QT_TRANSLATE_NOOP("engine", "CA certificate"), tls.ca),
            (QT_TRANSLATE_NOOP("engine", "client certificate"), tls.cert),
            (QT_TRANSLATE_NOOP("engine", "client key"), tls.key),
        ):
            if path and not Path(path).is_file():
                raise ProfileInvalid(
                    QT_TRANSLATE_NOOP("engine", "The {what} file {path} does not exist."),
                    what=label,
                    path=path,
                )
        if bool(tls.cert) != bool(tls.key):
            raise ProfileInvalid(
                QT_TRANSLATE_NOOP("engine", "A client certificate needs its key, and a key its certificate.")
            )


def check_endpoint(endpoint: str, tls: TLSConfig | None, allow_insecure_tcp: bool) -> None:
    try:
        parts = urlsplit(endpoint)
        parts.port  # noqa: B018 - a port that is not a number raises here, not when connecting
    except ValueError:
        parts = urlsplit("")
    if parts.scheme not in SCHEMES:
        raise ProfileInvalid(
            QT_TRANSLATE_NOOP(
                "engine", "{endpoint} is not a Docker endpoint (use tcp://, unix://, npipe:// or ssh://)."
            ),
            endpoint=endpoint,
        )
    if parts.scheme == "tcp":
        if not parts.hostname:
            raise ProfileInvalid(QT_TRANSLATE_NOOP("engine", "{endpoint} has no host."), endpoint=endpoint)
        if tls is None and not allow_insecure_tcp and not is_loopback_host(parts.hostname):
            raise ProfileInvalid(
                QT_TRANSLATE_NOOP(
                    "engine",
                    "Plain tcp:// to {host} without TLS lets anyone on the network control the cluster.",
                ),
                hint=QT_TRANSLATE_NOOP("engine", "Configure TLS, or accept the risk explicitly."),
                host=parts.hostname,
            )


def endpoint_host(endpoint: str) -> str:
    return urlsplit(endpoint).hostname or ""


def endpoint_port(endpoint: str, default: int = 2376) -> int:
    try:
        return urlsplit(endpoint).port or default
    except ValueError:
        return default


def docker_config_dir(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    return Path(env.get("DOCKER_CONFIG") or Path.home() / ".docker")


def list_contexts(config_dir: Path | None = None) -> list[str]:
    """Names of the docker contexts stored under ~/.docker/contexts."""
    meta_root = (config_dir or docker_config_dir()) / "contexts" / "meta"
    names = []
    for meta in sorted(meta_root.glob("*/meta.json")):
        try:
            names.append(json.loads(meta.read_text())["Name"])
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return names


def from_context(context: str, config_dir: Path | None = None) -> Profile:
    """A profile from a docker context: its docker endpoint and the TLS files stored with it."""
    root = (config_dir or docker_config_dir()) / "contexts"
    digest = hashlib.sha256(context.encode()).hexdigest()
    meta_file = root / "meta" / digest / "meta.json"
    try:
        meta = json.loads(meta_file.read_text())
        endpoint = meta["Endpoints"]["docker"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ProfileInvalid(
            QT_TRANSLATE_NOOP("engine", "The docker context {context} cannot be read."),
            raw=str(exc),
            context=context,
        ) from exc
    host = str(endpoint.get("Host") or DEFAULT_LOCAL_ENDPOINT)
    tls_dir = root / "tls" / digest / "docker"
    tls = None
    if tls_dir.is_dir():
        files = {name: tls_dir / f"{name}.pem" for name in ("ca", "cert", "key")}
        tls = TLSConfig(
            ca=str(files["ca"]) if files["ca"].is_file() else "",
            cert=str(files["cert"]) if files["cert"].is_file() else "",
            key=str(files["key"]) if files["key"].is_file() else "",
            verify=not endpoint.get("SkipTLSVerify", False),
        )
    return Profile(name=context, managers=(host,), tls=tls)


def config_dir() -> Path:
    """Where profiles and settings live; CRANE_DESKTOP_CONFIG_DIR overrides it (tests use a temp dir)."""
    override = os.environ.get("CRANE_DESKTOP_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir("crane-desktop", "crane"))


class ProfileStore:
    """Profiles saved as one JSON file; unreadable entries are skipped, never fatal."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or config_dir() / "profiles.json"

    def load(self) -> list[Profile]:
        try:
            entries = json.loads(self.path.read_text())
        except (OSError, ValueError):
            return []
        profiles = []
        for entry in entries if isinstance(entries, list) else []:
            try:
                profiles.append(Profile.from_json(entry))
            except ProfileInvalid:
                continue
        return profiles

    def save(self, profiles: list[Profile]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps([p.to_json() for p in profiles], indent=2))
        tmp.replace(self.path)

    def put(self, profile: Profile) -> None:
        """Add or replace (by name) one profile."""
        validate(profile)
        others = [p for p in self.load() if p.name != profile.name]
        self.save([*others, profile])

    def set_alerts(self, name: str, alerts: Mapping[str, Any]) -> None:
        """Save the alert rules with the profile `name` (nothing if there is no such profile)."""
        self.save([replace(p, alerts=alerts) if p.name == name else p for p in self.load()])

    def set_registries(self, name: str, registries: tuple[RegistryLogin, ...]) -> None:
        """Save the registries list with the profile `name` (nothing if there is no such profile)."""
        self.save([replace(p, registries=registries) if p.name == name else p for p in self.load()])

    def remove(self, name: str) -> None:
        self.save([p for p in self.load() if p.name != name])


def load_profile_file(path: str | Path) -> Profile:
    try:
        data = json.loads(Path(path).read_text())
    except (OSError, ValueError) as exc:
        raise ProfileInvalid(
            QT_TRANSLATE_NOOP("engine", "The profile file {path} cannot be read."),
            raw=str(exc),
            path=str(path),
        ) from exc
    return Profile.from_json(data)


def with_node_endpoint(profile: Profile, node: str, endpoint: str) -> Profile:
    nodes = dict(profile.nodes)
    nodes[node] = endpoint
    return replace(profile, nodes=nodes)


# -- which engine the docker CLI would talk to --------------------------------------------------------
# Mirrors docker/cli 28: cli/flags/options.go (ClientOptions.SetDefaultOptions), opts/hosts.go (ParseHost)
# and cli/command/cli.go (resolveContextName, ResolveDefaultContext).

DEFAULT_TLS_ENDPOINT = "tcp://localhost:2376"
DEFAULT_TCP_PORT = 2375
DEFAULT_NAMED_PIPE = "//./pipe/docker_engine"


@dataclass(frozen=True)
class ConnectionFlags:
    """The docker CLI's global connection flags as given on the command line (empty: not given)."""

    hosts: tuple[str, ...] = ()
    context: str = ""
    tls: bool | None = None  # None: not given (DOCKER_TLS decides)
    tlsverify: bool | None = None  # None: not given (DOCKER_TLS_VERIFY decides); False: TLS, unverified
    tlscacert: str = ""
    tlscert: str = ""
    tlskey: str = ""
    config: str = ""  # --config: the docker config directory (else DOCKER_CONFIG, else ~/.docker)


@dataclass(frozen=True)
class Resolved:
    """The engine the flags and environment name, and the rule that chose it."""

    profile: Profile
    source: str  # "--context", "-H", "DOCKER_HOST", "DOCKER_CONTEXT", "config file" or "default"


def parse_host(value: str, tls: bool) -> str:
    """The endpoint docker makes of a -H / DOCKER_HOST value: no scheme means tcp://, a tcp address
    without host or port gets localhost / 2375, empty means the local engine (tcp://localhost:2376
    with TLS). Values it cannot read are returned as given, for `validate` to refuse."""
    host = value.strip()
    if not host:
        return DEFAULT_TLS_ENDPOINT if tls else DEFAULT_LOCAL_ENDPOINT
    scheme, separator, rest = host.partition("://")
    if not separator:
        scheme, rest = "tcp", host
    if scheme == "unix":
        return f"unix://{rest or DEFAULT_LOCAL_ENDPOINT.removeprefix('unix://')}"
    if scheme == "npipe":
        return f"npipe://{rest or DEFAULT_NAMED_PIPE}"
    if scheme != "tcp":
        return host
    address, slash, path = rest.partition("/")
    if ":" in address and not address.endswith("]"):
        name, _, port = address.rpartition(":")
    else:
        name, port = address, ""
    if port and not port.isdigit():
        return host
    return f"tcp://{name or 'localhost'}:{port or DEFAULT_TCP_PORT}{slash}{path}"


def tls_from_flags(
    *,
    tls: bool | None = None,
    tlsverify: bool | None = None,
    tlscacert: str = "",
    tlscert: str = "",
    tlskey: str = "",
    env: Mapping[str, str],
) -> TLSConfig | None:
    """TLS as the docker CLI sets it up for -H / DOCKER_HOST (cli/flags SetDefaultOptions).

    A flag not given (None) takes its environment variable: DOCKER_TLS_VERIFY set to anything (even
    "0") means verify, DOCKER_TLS set to anything means TLS. --tlsverify given at all, even
    `--tlsverify=false`, turns TLS on; its value says whether the engine is verified. Files default to
    DOCKER_CERT_PATH, else the docker config directory; the CA file must exist, a default client
    certificate or key that does not exist is left out (no client certificate). The
    --tlscacert/--tlscert/--tlskey flags alone do not turn TLS on.
    """
    verify = tlsverify if tlsverify is not None else env.get("DOCKER_TLS_VERIFY", "") != ""
    use_tls = tls if tls is not None else env.get("DOCKER_TLS", "") != ""
    if not (use_tls or verify or tlsverify is not None):
        return None
    cert_path = Path(env.get("DOCKER_CERT_PATH", "") or docker_config_dir(env))

    def default(given: str, name: str) -> str:
        if given:
            return given
        path = cert_path / name
        return str(path) if path.is_file() else ""

    return TLSConfig(
        ca=tlscacert or str(cert_path / "ca.pem"),
        cert=default(tlscert, "cert.pem"),
        key=default(tlskey, "key.pem"),
        verify=verify,
    )


def _config_dir(flags: ConnectionFlags, env: Mapping[str, str]) -> Path:
    return Path(flags.config) if flags.config else docker_config_dir(env)


def current_context(config_dir: Path) -> str:
    """The `currentContext` of the docker config file (`docker context use`); "" when unset/unreadable."""
    try:
        data = json.loads((config_dir / "config.json").read_text())
    except (OSError, ValueError):
        return ""
    value = data.get("currentContext") if isinstance(data, dict) else None
    return value if isinstance(value, str) else ""


def resolve_context_name(flags: ConnectionFlags, env: Mapping[str, str]) -> tuple[str, str]:
    """(context name, rule) as docker's resolveContextName: --context, then -H or DOCKER_HOST (the
    default context), then DOCKER_CONTEXT, then the config file's currentContext, then default."""
    if flags.context and flags.hosts:
        raise ProfileInvalid(
            QT_TRANSLATE_NOOP("engine", "conflicting options: cannot specify both --host and --context")
        )
    if flags.context:
        return flags.context, "--context"
    if flags.hosts:
        return "default", "-H"
    if env.get("DOCKER_HOST", ""):
        return "default", "DOCKER_HOST"
    if env.get("DOCKER_CONTEXT", ""):
        return env["DOCKER_CONTEXT"], "DOCKER_CONTEXT"
    configured = current_context(_config_dir(flags, env))
    if configured:
        return configured, "config file"
    return "default", "default"


def default_context(flags: ConnectionFlags, env: Mapping[str, str], name: str = "") -> Profile:
    """docker's default context: the one -H (or DOCKER_HOST, or the local engine) with the TLS flags."""
    if len(flags.hosts) > 1:
        raise ProfileInvalid(QT_TRANSLATE_NOOP("engine", "Specify only one -H"))
    tls = tls_from_flags(
        tls=flags.tls,
        tlsverify=flags.tlsverify,
        tlscacert=flags.tlscacert,
        tlscert=flags.tlscert,
        tlskey=flags.tlskey,
        env=env,
    )
    host = parse_host(flags.hosts[0] if flags.hosts else env.get("DOCKER_HOST", ""), tls is not None)
    return Profile(name=name or host, managers=(host,), tls=tls)


def resolve(flags: ConnectionFlags, env: Mapping[str, str] | None = None) -> Resolved:
    """The engine the docker CLI would use with these flags and environment (raises ProfileInvalid
    for conflicting flags or a context that cannot be read)."""
    env = os.environ if env is None else env
    context, source = resolve_context_name(flags, env)
    if context == "default":
        return Resolved(default_context(flags, env), source)
    return Resolved(from_context(context, _config_dir(flags, env)), source)


def from_environment(env: Mapping[str, str] | None = None, name: str = "environment") -> Profile | None:
    """The profile the docker CLI would use from DOCKER_HOST / DOCKER_TLS_VERIFY / DOCKER_CERT_PATH.

    Returns None when DOCKER_HOST is not set (DOCKER_CONTEXT is handled by `from_context`).
    """
    env = os.environ if env is None else env
    if not env.get("DOCKER_HOST", "").strip():
        return None
    return default_context(ConnectionFlags(), env, name)


def from_cli_flags(
    *,
    host: str = "",
    tls: bool | None = None,
    tlsverify: bool | None = None,
    tlscacert: str = "",
    tlscert: str = "",
    tlskey: str = "",
    context: str = "",
    env: Mapping[str, str] | None = None,
) -> Profile | None:
    """The profile the docker CLI would use for the same flags (-H, --tlsverify, --context...), or
    None when nothing names an engine (the docker CLI would then use the local one)."""
    flags = ConnectionFlags(
        hosts=(host,) if host else (),
        context=context,
        tls=tls,
        tlsverify=tlsverify,
        tlscacert=tlscacert,
        tlscert=tlscert,
        tlskey=tlskey,
    )
    resolved = resolve(flags, env)
    return None if resolved.source == "default" else resolved.profile
