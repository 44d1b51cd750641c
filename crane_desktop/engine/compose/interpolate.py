"""Stage 2: variables in the values, by docker's rules (cli/compose/template): `$NAME`, `${NAME}`,
`${NAME:-default}`, `${NAME-default}`, `${NAME:?message}`, `${NAME?message}`, `$$` for a dollar. An
unset variable becomes "" with docker's warning; keys are left as they are. Extensions (`x-`) are
interpolated too, as docker does (a bad `$` there refuses the file)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from crane_desktop.engine.compose.marks import Document, Path_
from crane_desktop.engine.i18n import QT_TRANSLATE_NOOP

# docker 28's stack deploy and stack config substitute "" without a word; the GUI lists it with its line
UNSET_VARIABLE = QT_TRANSLATE_NOOP(
    "engine", 'The "{name}" variable is not set. Defaulting to a blank string.'
)

_VAR = re.compile(
    r"\$(?:(?P<escaped>\$)|(?P<named>[_a-zA-Z][_a-zA-Z0-9]*)|\{(?P<braced>[^}]*)\}|(?P<invalid>))"
)
_BRACED = re.compile(r"^(?P<name>[_a-zA-Z][_a-zA-Z0-9]*)(?:(?P<op>:-|-|:\?|\?)(?P<arg>.*))?$", re.S)


def _int(text: str) -> int:
    if not re.fullmatch(r"[-+]?[0-9]+", text):  # Go's strconv.Atoi
        raise ValueError(f'strconv.Atoi: parsing "{text}": invalid syntax')
    return int(text)


def _bool(text: str) -> bool:
    if text.lower() in ("y", "yes", "true", "on"):
        return True
    if text.lower() in ("n", "no", "false", "off"):
        return False
    raise ValueError(f"invalid boolean: {text}")


def _float(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise ValueError(f'strconv.ParseFloat: parsing "{text}": invalid syntax') from None


# docker's interpolateTypeCastMapping: a value a variable was substituted into becomes the type the
# schema wants there ("*": any key, "[]": any item).
CASTS: tuple[tuple[str, Callable[[str], Any]], ...] = (
    ("services.*.configs.[].mode", _int), ("services.*.secrets.[].mode", _int),
    ("services.*.healthcheck.retries", _int), ("services.*.healthcheck.disable", _bool),
    ("services.*.deploy.replicas", _int),
    ("services.*.deploy.update_config.parallelism", _int),
    ("services.*.deploy.update_config.max_failure_ratio", _float),
    ("services.*.deploy.rollback_config.parallelism", _int),
    ("services.*.deploy.rollback_config.max_failure_ratio", _float),
    ("services.*.deploy.restart_policy.max_attempts", _int),
    ("services.*.deploy.placement.max_replicas_per_node", _int),
    ("services.*.ports.[].target", _int), ("services.*.ports.[].published", _int),
    ("services.*.ulimits.*", _int), ("services.*.ulimits.*.hard", _int), ("services.*.ulimits.*.soft", _int),
    ("services.*.privileged", _bool), ("services.*.read_only", _bool), ("services.*.stdin_open", _bool),
    ("services.*.tty", _bool), ("services.*.volumes.[].read_only", _bool),
    ("services.*.volumes.[].volume.nocopy", _bool),
    ("networks.*.external", _bool), ("networks.*.internal", _bool), ("networks.*.attachable", _bool),
    ("volumes.*.external", _bool), ("secrets.*.external", _bool), ("configs.*.external", _bool),
)  # fmt: skip


def _cast(path: Path_) -> Callable[[str], Any] | None:
    for pattern, cast in CASTS:
        parts = pattern.split(".")
        if len(parts) == len(path) and all(
            (part == "*" and isinstance(key, str)) or (part == "[]" and isinstance(key, int)) or part == key
            for part, key in zip(parts, path, strict=True)
        ):
            return cast
    return None


def interpolate(document: Document) -> None:
    """Substitutes the variables of every value in place, in the file's order."""
    document.value = _walk(document, document.value, ())


def _walk(document: Document, value: Any, path: Path_) -> Any:
    if isinstance(value, dict):
        return {key: _walk(document, item, (*path, key)) for key, item in value.items()}
    if isinstance(value, list):
        return [_walk(document, item, (*path, i)) for i, item in enumerate(value)]
    if not isinstance(value, str):
        return value
    result = substitute(document, value, path)
    cast = _cast(path) if result != value else None
    if cast is None:
        return result
    try:
        return cast(result)
    except ValueError as exc:
        document.fail(
            path, QT_TRANSLATE_NOOP("engine", "failed to cast to expected type: {reason}"), reason=str(exc)
        )


def substitute(document: Document, text: str, path: Path_) -> str:
    """One string's variables; raises ComposeError on a malformed or required-but-unset one."""

    def replace(match: re.Match[str]) -> str:
        if match.group("escaped"):
            return "$"
        if match.group("named") is None and match.group("braced") is None:
            document.fail(path, QT_TRANSLATE_NOOP("engine", "invalid “$” in “{text}” (write $$)"), text=text)
        braced = match.group("braced")
        name, op, arg = match.group("named"), None, ""
        if braced is not None:
            parts = _BRACED.match(braced)
            if not parts:
                document.fail(
                    path, QT_TRANSLATE_NOOP("engine", "invalid variable “${{{text}}}”"), text=braced
                )
            name, op, arg = parts.group("name"), parts.group("op"), parts.group("arg") or ""
        value = document.lookup(name)
        if op == ":-":
            return value if value else substitute(document, arg, path)
        if op == "-":
            return value if value is not None else substitute(document, arg, path)
        if op in (":?", "?") and (value is None or (op == ":?" and not value)):
            document.fail(
                path,
                QT_TRANSLATE_NOOP("engine", "the variable {name} is required: {message}"),
                name=name,
                message=arg or "not set",
            )
        if value is None:
            document.warn(path, UNSET_VARIABLE, name=name)
            return ""
        return value

    return _VAR.sub(replace, text)
