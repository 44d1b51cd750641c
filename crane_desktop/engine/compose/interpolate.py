"""Stage 2: variables in the values, by docker's rules (cli/compose/template): `$NAME`, `${NAME}`,
`${NAME:-default}`, `${NAME-default}`, `${NAME:?message}`, `${NAME?message}`, `$$` for a dollar. An
unset variable becomes "" with docker's warning; keys and top-level `x-` extensions are left as
they are."""

from __future__ import annotations

import re
from typing import Any

from crane_desktop.engine.compose.marks import Document, Path_
from crane_desktop.engine.i18n import QT_TRANSLATE_NOOP

_VAR = re.compile(
    r"\$(?:(?P<escaped>\$)|(?P<named>[_a-zA-Z][_a-zA-Z0-9]*)|\{(?P<braced>[^}]*)\}|(?P<invalid>))"
)
_BRACED = re.compile(r"^(?P<name>[_a-zA-Z][_a-zA-Z0-9]*)(?:(?P<op>:-|-|:\?|\?)(?P<arg>.*))?$", re.S)


def interpolate(document: Document) -> None:
    """Substitutes the variables of every value in place, in the file's order."""
    document.value = _walk(document, document.value, ())


def _walk(document: Document, value: Any, path: Path_) -> Any:
    if isinstance(value, dict):
        return {
            key: item if not path and key.startswith("x-") else _walk(document, item, (*path, key))
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_walk(document, item, (*path, i)) for i, item in enumerate(value)]
    return substitute(document, value, path) if isinstance(value, str) else value


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
            document.warn(
                path,
                QT_TRANSLATE_NOOP(
                    "engine", 'The "{name}" variable is not set. Defaulting to a blank string.'
                ),
                name=name,
            )
            return ""
        return value

    return _VAR.sub(replace, text)
