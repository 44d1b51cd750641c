"""What `stack deploy` checks before it creates anything, as one pair of functions the command line and
the GUI's Check and Deploy all call: `check_files` (the compose files, the app name: no engine needed)
and `check_externals` (on the engine: the external networks, secrets and configs the files use exist).

A missing external object is refused with the file, line and key that declare it, as a compose error
is, so an operator finds it in the file whichever of the two said it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from docker import APIClient as Client

from crane_desktop.engine import api, compose
from crane_desktop.engine.compose import ComposeError, StackPlan
from crane_desktop.engine.errors import NotFound
from crane_desktop.engine.i18n import QT_TRANSLATE_NOOP

Place = tuple[int, str]  # (line, key), the key after its file's name when several files are merged
SECTIONS = ("networks", "secrets", "configs")


@dataclass(frozen=True)
class ComposeSource:
    """The compose files in order (`-c a.yml -c b.yml`) or, without files, a text typed in, whose
    relative paths are taken from `folder`."""

    files: tuple[Path, ...] = ()
    text: str = ""
    folder: Path = Path(".")


@dataclass
class CheckedFiles:
    """A plan that passed the file checks, and where its networks, secrets and configs are declared
    (section, name as the engine knows it) -> (line, key)."""

    plan: StackPlan
    places: dict[tuple[str, str], Place] = field(default_factory=dict)


def check_files(source: ComposeSource, stack: str, environ: Mapping[str, str] | None = None) -> CheckedFiles:
    """The compose checks (schema of the file's version, values, app name); raises ComposeError."""
    if source.files:
        plan = compose.load_files(list(source.files), stack, environ)
        texts = [(path.name if len(source.files) > 1 else "", _read(path)) for path in source.files]
    else:
        plan = compose.load(source.text, stack, working_dir=source.folder, environ=environ)
        texts = [("", source.text)]
    return CheckedFiles(plan, declarations(texts))


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, ValueError):  # read a moment ago by the compose checks: gone meanwhile
        return ""


def declarations(texts: Sequence[tuple[str, str]]) -> dict[tuple[str, str], Place]:
    """Where each top-level network, secret and config is declared, by its name and by the name its
    `name` / `external.name` gives (a later file's declaration replaces an earlier one, as the merge
    does). `texts`: (file name shown in keys, or "" for one file; text)."""
    places: dict[tuple[str, str], Place] = {}
    for file_name, text in texts:
        try:
            root = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError:  # the compose checks said so already
            continue
        for section, entries in _items(root):
            if section not in SECTIONS:
                continue
            for name, value in _items(entries):
                key = f"{section}.{name}"
                place = (_line(entries, name), f"{file_name}: {key}" if file_name else key)
                places[(section, name)] = place
                for given in _given_names(value):
                    places[(section, given)] = place
    return places


def _items(node: Any) -> list[tuple[str, Any]]:
    if not isinstance(node, yaml.MappingNode):
        return []
    return [(str(k.value), v) for k, v in node.value if isinstance(k, yaml.ScalarNode)]


def _line(mapping: Any, name: str) -> int:
    """The line of `name:` in the mapping (where the compose checks place a key too)."""
    return next(int(k.start_mark.line) + 1 for k, _ in mapping.value if str(k.value) == name)


def _given_names(node: Any) -> list[str]:
    names = []
    for key, value in _items(node):
        if key == "name" and isinstance(value, yaml.ScalarNode):
            names.append(str(value.value))
        elif key == "external":
            names += [
                str(v.value) for k, v in _items(value) if k == "name" and isinstance(v, yaml.ScalarNode)
            ]
    return names


def _refusal(template: str, section: str, name: str, places: Mapping[tuple[str, str], Place]) -> ComposeError:
    line, key = places.get((section, name), (0, section))
    return ComposeError(template, line=line, key=key, name=name)


def check_externals(
    client: Client, plan: StackPlan, places: Mapping[tuple[str, str], Place] | None = None
) -> None:
    """Every external network exists and is a swarm network; every secret and config the services use
    exists already or is one the plan creates. Reads only; raises ComposeError naming the declaration."""
    places = places or {}
    for name in plan.external_networks:
        try:
            network = api.call(client, client.inspect_network, name)
        except NotFound:
            raise _refusal(
                QT_TRANSLATE_NOOP("engine", "the external network {name} does not exist"),
                "networks",
                name,
                places,
            ) from None
        if network.get("Scope") != "swarm":
            raise _refusal(
                QT_TRANSLATE_NOOP("engine", "the external network {name} is not a swarm network"),
                "networks",
                name,
                places,
            )
    for section, name_key, lister, planned, missing in (
        (
            "secrets",
            "SecretName",
            client.secrets,
            plan.secrets,
            QT_TRANSLATE_NOOP("engine", "the external secret {name} does not exist"),
        ),
        (
            "configs",
            "ConfigName",
            client.configs,
            plan.configs,
            QT_TRANSLATE_NOOP("engine", "the external config {name} does not exist"),
        ),
    ):
        container_key = section.capitalize()
        wanted = {
            ref[name_key]
            for spec in plan.services.values()
            for ref in spec["TaskTemplate"]["ContainerSpec"].get(container_key) or ()
        }
        outside = sorted(wanted - set(planned))
        if outside:
            existing = {item["Spec"]["Name"] for item in api.call(client, lister)}
            for name in outside:
                if name not in existing:
                    raise _refusal(missing, section, name, places)
