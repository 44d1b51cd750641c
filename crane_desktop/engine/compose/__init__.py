"""Compose v3 files -> the swarm specs `docker stack deploy` builds from them (docker/cli's
cli/compose/loader and cli/compose/convert), so an app deployed by us equals one deployed by the CLI.

The stages, one module each, in docker's order:
  read (YAML with line marks) -> interpolate (variables) -> schema (the file's own version)
  -> merge (several files, in order) -> convert (StackPlan: service, network, secret, config specs).

Errors name the file's line and the key; an invalid file yields no plan at all, so nothing is sent.
What docker accepts with a warning (an unset variable, which becomes "") is listed in the plan's
`warnings`, with its line and key. Like `docker stack deploy` (and unlike `docker compose`), the
`.env` file beside the compose file is not read: variables come from the environment only.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

from crane_desktop.engine.compose import schema
from crane_desktop.engine.compose.config import config_text, logged_warnings
from crane_desktop.engine.compose.context import DEFAULT_NETWORK, IMAGE_LABEL
from crane_desktop.engine.compose.convert import StackConverter, StackPlan
from crane_desktop.engine.compose.convert_container import read_env_file
from crane_desktop.engine.compose.interpolate import UNSET_VARIABLE, interpolate
from crane_desktop.engine.compose.marks import (
    IGNORED_DEPRECATED,
    IGNORED_UNSUPPORTED,
    ComposeError,
    ComposeWarning,
    Document,
    Lookup,
    dotted,
)
from crane_desktop.engine.compose.merge import merge_files
from crane_desktop.engine.compose.read import MAX_DEPTH, MAX_VALUES, read, read_text
from crane_desktop.engine.compose.typed import Typed
from crane_desktop.engine.compose.units import INT64_MAX
from crane_desktop.engine.i18n import QT_TRANSLATE_NOOP

__all__ = [
    "DEFAULT_NETWORK",
    "IGNORED_DEPRECATED",
    "IGNORED_UNSUPPORTED",
    "IMAGE_LABEL",
    "INT64_MAX",
    "MAX_DEPTH",
    "MAX_VALUES",
    "UNSET_VARIABLE",
    "ComposeError",
    "ComposeWarning",
    "StackPlan",
    "dotted",
    "load",
    "load_env",
    "load_file",
    "load_files",
    "logged_warnings",
    "read_documents",
    "read_env_file",
    "stack_config",
    "stack_config_output",
]


def load_env(environ: Mapping[str, str] | None) -> Lookup:
    """The variables: the environment only (`docker stack deploy` does not read `.env`)."""
    return dict(os.environ if environ is None else environ).get


def _check_stack(stack: str) -> None:
    if not re.fullmatch(r"[a-zA-Z0-9][a-zA-Z0-9_.-]*", stack or ""):
        raise ComposeError(QT_TRANSLATE_NOOP("engine", "“{name}” is not a valid app name"), name=stack)


def load(
    text: str, stack: str, *, working_dir: Path | str = ".", environ: Mapping[str, str] | None = None
) -> StackPlan:
    """Parse compose text into the plan of an app named `stack`; raises ComposeError."""
    _check_stack(stack)
    document = read(text)
    document.lookup = load_env(environ)
    interpolate(document)
    schema.warn_ignored(document)
    return StackConverter(document, stack, Path(working_dir)).run()


def load_file(path: Path | str, stack: str, environ: Mapping[str, str] | None = None) -> StackPlan:
    path = Path(path)
    return load(read_text(path), stack, working_dir=path.resolve().parent, environ=environ)


def read_documents(
    files: list[Path], environ: Mapping[str, str] | None = None, *, substitute: bool = True
) -> Document:
    """Several files, each read, interpolated (unless not `substitute`) and checked against its
    version on its own (the same version in all), then merged in order. Every line and key is
    named after its file."""
    lookup = load_env(environ)
    merged = Document({}, {}, lookup)
    versions: list[int] = []
    for index, path in enumerate(files):
        document = read(read_text(path))
        document.lookup = lookup
        document.files = dict.fromkeys(document.lines, path.name)
        if substitute:
            interpolate(document)
        minor = schema.check_version(document, Typed(document).mapping(document.value, (), schema.TOP_KEYS))
        if versions and minor != versions[0]:
            document.fail(
                ("version",),
                QT_TRANSLATE_NOOP("engine", "the files give different versions (3.{first} and 3.{this})"),
                first=versions[0],
                this=minor,
            )
        versions.append(minor)
        schema.warn_ignored(document)
        merged.value = merge_files(merged.value, document.value) if index else document.value
        merged.lines.update(document.lines)
        merged.files.update(document.files)
        merged.warnings.extend(document.warnings)
    return merged


def stack_config(
    paths: list[Path | str], environ: Mapping[str, str] | None = None, *, substitute: bool = True
) -> str:
    """`docker stack config -c a.yml [-c b.yml] [--skip-interpolation]`: the merged files as docker's
    loader holds them, as YAML text; relative paths are taken from the first file's folder."""
    return stack_config_output(paths, environ, substitute=substitute)[0]


def stack_config_output(
    paths: list[Path | str], environ: Mapping[str, str] | None = None, *, substitute: bool = True
) -> tuple[str, list[ComposeWarning]]:
    """`stack_config`'s text, and the warnings docker's loader logs on the way (ignored host IPs,
    deprecated `external.name`), which `docker stack config` prints on standard error."""
    files = [Path(p) for p in paths]
    document = read_documents(files, environ, substitute=substitute)
    text = config_text(document, files[0].resolve().parent)
    return text, logged_warnings(document.warnings)


def load_files(paths: list[Path | str], stack: str, environ: Mapping[str, str] | None = None) -> StackPlan:
    """`docker stack deploy -c a.yml -c b.yml`: the files read and merged (`read_documents`), relative
    paths taken from the first file's folder. Errors and warnings name the file (even a single one:
    the command line has no editor to point at), its line and the key."""
    files = [Path(p) for p in paths]
    _check_stack(stack)
    merged = read_documents(files, environ)
    return StackConverter(merged, stack, files[0].resolve().parent).run()
