"""What `stack deploy` checks before it creates anything, as one pair of functions the command line and
the GUI's Check and Deploy all call: `check_files` (the compose files, the app name: no engine needed)
and `check_externals` (on the engine: the external networks, secrets and configs the files use exist).

A missing external object is refused with the file, line and key that declare it, as a compose error
is, so an operator finds it in the file whichever of the two said it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from docker import APIClient as Client

from crane_desktop.engine import api, compose
from crane_desktop.engine.compose import ComposeError, ComposeWarning, StackPlan
from crane_desktop.engine.compose.interpolate import interpolate
from crane_desktop.engine.compose.marks import Document
from crane_desktop.engine.compose.read import read
from crane_desktop.engine.errors import NotFound
from crane_desktop.engine.i18n import QT_TRANSLATE_NOOP

Place = tuple[int, str]  # (line, key), the key after its file's name when several files are merged
SECTIONS = ("networks", "secrets", "configs")
IGNORED_SILENTLY = "silently"  # ComposeWarning.ignored of an option docker drops without a word
SILENT_OPTIONS = {  # service options in docker's schema that stack deploy drops without a warning
    "depends_on": QT_TRANSLATE_NOOP(
        "engine",
        "“depends_on” is ignored: docker stack deploy drops it without a warning, and swarm starts the "
        "services in no particular order.",
    ),
    "oom_score_adj": QT_TRANSLATE_NOOP(
        "engine",
        "“oom_score_adj” is ignored: docker stack deploy 28 accepts it in version 3.13 and drops it.",
    ),
}


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
    silent: list[ComposeWarning] = field(default_factory=list)  # said in the GUI; docker says nothing


def check_files(source: ComposeSource, stack: str, environ: Mapping[str, str] | None = None) -> CheckedFiles:
    """The compose checks (schema of the file's version, values, app name); raises ComposeError."""
    if source.files:
        plan = compose.load_files(list[Path | str](source.files), stack, environ)
        stdin = any(str(path) == "-" for path in source.files)  # read once, by the checks: no places
        document = None if stdin else compose.read_documents(list(source.files), environ)
    else:
        plan = compose.load(source.text, stack, working_dir=source.folder, environ=environ)
        document = read(source.text)
        document.lookup = compose.load_env(environ)
        interpolate(document)
    if document is None:
        return CheckedFiles(plan)
    return CheckedFiles(plan, declarations(document), silently_ignored(document))


def silently_ignored(document: Document) -> list[ComposeWarning]:
    """The options docker drops without a word (SILENT_OPTIONS), as warnings with their line: the
    GUI lists them beside docker's own warnings; the command line stays as silent as docker."""
    top = document.value if isinstance(document.value, dict) else {}
    services = top.get("services")
    found = []
    for name, service in services.items() if isinstance(services, dict) else ():
        for option in SILENT_OPTIONS:
            if isinstance(service, dict) and option in service:
                path = ("services", name, option)
                found.append(
                    ComposeWarning(
                        SILENT_OPTIONS[option],
                        {},
                        document.line(path),
                        document.key(path),
                        IGNORED_SILENTLY,
                        option,
                        document.file(path),
                    )
                )
    return found


def declarations(document: Document) -> dict[tuple[str, str], Place]:
    """Where each top-level network, secret and config is declared (its line and key, after its file
    when several are merged: the merged document keeps the last file's declaration, as the merge),
    by its key and by the name its `name` / `external.name` gives, variables substituted."""
    places: dict[tuple[str, str], Place] = {}
    top = document.value if isinstance(document.value, dict) else {}
    for section in SECTIONS:
        entries = top.get(section)
        for name, value in entries.items() if isinstance(entries, dict) else ():
            path = (section, name)
            place = (document.line(path), document.key(path))
            places[(section, str(name))] = place
            config = value if isinstance(value, dict) else {}
            external = config.get("external")
            for given in (config.get("name"), external.get("name") if isinstance(external, dict) else None):
                if given:
                    places[(section, str(given))] = place
    return places


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
