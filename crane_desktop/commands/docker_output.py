"""The docker CLI's list output, byte for byte: `--format` (table, json, table TEMPLATE, TEMPLATE with
`{{.Field}}`), its tab-aligned tables, its JSON lines, and the small value formats its formatters use
(docker/cli cli/command/formatter, go-units HumanDuration, sortorder.NaturalLess). Imports no Qt."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

TABLE = "table"
JSON = "json"
_FIELD = re.compile(r"{{\s*\.(\w+)\s*}}")
_JSON_ALL = re.compile(r"{{\s*json\s+\.\s*}}")
_GO_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


class FormatError(ValueError):
    """A --format this implementation cannot execute (the message says which field)."""


def go_json(row: Mapping[str, str]) -> str:
    """A row as Go's encoding/json writes a map of strings: sorted keys, compact, with <, >, & and the
    line/paragraph separators escaped as \\u00XX."""

    def string(text: str) -> str:
        out = []
        for char in text:
            if char in _GO_ESCAPES:
                out.append(_GO_ESCAPES[char])
            elif ord(char) < 0x20 or char in "<>&\u2028\u2029":
                out.append(f"\\u{ord(char):04x}")
            else:
                out.append(char)
        return '"' + "".join(out) + '"'

    return "{" + ",".join(f"{string(key)}:{string(row[key])}" for key in sorted(row)) + "}"


def tabwrite(lines: Sequence[Sequence[str]]) -> str:
    """Go's text/tabwriter as docker sets it up (minwidth 10, padding 3, spaces): every cell but a
    line's last is padded to its column's width."""
    widths: list[int] = []
    for cells in lines:
        for index, cell in enumerate(cells[:-1]):
            if index == len(widths):
                widths.append(10)
            widths[index] = max(widths[index], len(cell) + 3)
    return "".join(
        "".join(cell.ljust(widths[i]) for i, cell in enumerate(cells[:-1]))
        + (cells[-1] if cells else "")
        + "\n"
        for cells in lines
    )


def render(fmt: str, headers: Mapping[str, str], rows: Sequence[Mapping[str, str]]) -> str:
    """What `docker ... ls --format FMT` prints for these rows (`headers`: field -> column title)."""
    if fmt == JSON:
        return "".join(go_json(row) + "\n" for row in rows)
    is_table = fmt.startswith(TABLE)
    template = fmt[len(TABLE) :] if is_table else fmt
    template = template.strip(" ").replace("\\t", "\t").replace("\\n", "\n")
    for name in _FIELD.findall(template):
        if name not in headers:
            raise FormatError(f"template: can't evaluate field {name}")

    def fill(values: Mapping[str, str], row: Mapping[str, str]) -> str:
        text = _JSON_ALL.sub(lambda _: go_json(row), template)
        return _FIELD.sub(lambda match: values[match.group(1)], text)

    if not is_table:
        return "".join(fill(row, row) + "\n" for row in rows)
    lines = [fill(headers, headers), *(fill(row, row) for row in rows)]
    return tabwrite([line.split("\t") for line in "\n".join(lines).split("\n")])


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key of sortorder.NaturalLess: runs of digits compare as numbers (web2 before web10)."""
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"(\d+)", text) if part)


def human_duration(seconds: float) -> str:
    """go-units HumanDuration, lower-cased as docker's task formatter shows it ("5 seconds")."""
    if seconds < 1:
        text = "Less than a second"
    elif seconds < 2:
        text = "1 second"
    elif seconds < 60:
        text = f"{int(seconds)} seconds"
    elif (minutes := int(seconds / 60)) == 1:
        text = "About a minute"
    elif minutes < 60:
        text = f"{minutes} minutes"
    elif (hours := int(seconds / 3600 + 0.5)) == 1:
        text = "About an hour"
    elif hours < 48:
        text = f"{hours} hours"
    elif hours < 24 * 7 * 2:
        text = f"{hours // 24} days"
    elif hours < 24 * 30 * 2:
        text = f"{hours // 24 // 7} weeks"
    elif hours < 24 * 365 * 2:
        text = f"{hours // 24 // 30} months"
    else:
        text = f"{int(seconds / 3600) // 24 // 365} years"
    return text.lower()


def pretty(state: str) -> str:
    """formatter.PrettyPrint: the first letter upper-cased ("running" -> "Running")."""
    return state[:1].upper() + state[1:]


def ellipsis(text: str, width: int) -> str:
    """formatter.Ellipsis: cut to `width` characters, the last one an ellipsis."""
    return text if len(text) <= width else text[: width - 1] + "…"


def display_image(image: str) -> str:
    """The image as docker's service and task lists show it: a tagged reference loses its digest and
    the docker.io/library/ prefix ("nginx:1.25@sha256:..." -> "nginx:1.25")."""
    name = image.partition("@")[0]
    if ":" not in name.rsplit("/", 1)[-1]:  # not tagged: shown as given
        return image
    for prefix in ("docker.io/library/", "docker.io/", "index.docker.io/library/", "index.docker.io/"):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name
