"""YAML text as the docker CLI writes it (gopkg.in/yaml.v3, two-space indent, lists indented under
their key; a string that would read as another type in double quotes, one that cannot be plain in
single quotes), for
`stack config`'s output to equal docker's byte for byte."""

from __future__ import annotations

import datetime
import re
from typing import Any

_OTHER_TYPE = re.compile(
    r"[-+]?(?:0|[1-9][0-9_]*|0x[0-9a-fA-F_]+|0o?[0-7_]+|0b[01_]+)"  # integers
    r"|[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?"  # floats
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
    r"|~|null|Null|NULL|true|True|TRUE|false|False|FALSE"
    r"|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF"  # YAML 1.1 booleans, quoted by yaml.v3
    r"|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?"  # base 60 (user: "0:0"): yaml.v3's isBase60Float
)


_TIME = re.compile(
    r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})"
    r"(?:[Tt ][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]+)?(?:[Zz]|[-+][0-9]{1,2}:[0-9]{2})?)?"
)


def _timestamp(text: str) -> bool:
    """A string yaml.v3 would read as a time (a real date: 2020-13-45 stays a string)."""
    match = _TIME.fullmatch(text)
    if not match:
        return False
    try:
        datetime.date(*(int(part) for part in match.groups()))
    except ValueError:
        return False
    return True


def _plain(text: str) -> bool:
    """Whether yaml.v3 writes the string without quotes."""
    if text != text.strip():
        return False
    if text[0] in "[]{},#&*!|>'\"%@`" or (text[0] in "-?:" and (len(text) == 1 or text[1] == " ")):
        return False
    if ": " in text or " #" in text or text.endswith(":"):
        return False
    return text.isprintable()


_ESCAPES = {
    "\0": "\\0", "\a": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\v": "\\v", "\f": "\\f",
    "\r": "\\r", "\x1b": "\\e", '"': '\\"', "\\": "\\\\", "\x85": "\\N", "\xa0": "\\_",
    "\u2028": "\\L", "\u2029": "\\P",
}  # fmt: skip


def _double_quoted(text: str) -> str:
    """YAML's double-quoted style with yaml.v3's escapes (\\n, \\x7F, \\uFEFF...)."""
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif char.isprintable() and not 0xD800 <= ord(char) <= 0xDFFF:
            out.append(char)
        elif ord(char) <= 0xFF:
            out.append(f"\\x{ord(char):02X}")
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(f"\\U{ord(char):08X}")
    return '"' + "".join(out) + '"'


def scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return go_float(value)
    text = str(value)
    if not text or _OTHER_TYPE.fullmatch(text) or _timestamp(text) or not text.isprintable():
        return _double_quoted(text)
    if _plain(text):
        return text
    return "'" + text.replace("'", "''") + "'"  # yaml.v3's choice when plain is not allowed


def go_float(value: float) -> str:
    """strconv.FormatFloat(f, 'g', -1, 64) as yaml.v3 writes a float (1 -> 1, 0.3 -> 0.3)."""
    if value != value:
        return ".nan"
    if value in (float("inf"), float("-inf")):
        return "+.inf" if value > 0 else "-.inf"
    text = repr(value)
    return text[:-2] if text.endswith(".0") else text


def emit(value: Any) -> str:
    """A document: a mapping, keys in the order given."""
    return "".join(_lines(value, 0))


def _lines(value: Any, indent: int) -> list[str]:
    pad = " " * indent
    out: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            head = f"{pad}{scalar(key)}:"
            out.extend(_nested(head, item, indent))
        return out
    for item in value:
        out.extend(_item(item, indent))
    return out


def _nested(head: str, item: Any, indent: int) -> list[str]:
    if isinstance(item, dict | list) and item:
        return [head + "\n", *_lines(item, indent + 2)]
    if _literal(item):
        return _block(head, item, indent + 2)
    return [f"{head} {_inline(item)}\n"]


def _literal(value: Any) -> bool:
    """A string yaml.v3 writes as a literal block (`|`): several printable lines."""
    return (
        isinstance(value, str)
        and "\n" in value
        and all(line.isprintable() for line in value.split("\n"))
        and not value.startswith(" ")
    )


def _block(head: str, text: str, indent: int) -> list[str]:
    """`|` keeps one final line break, `|-` none, `|+` several."""
    body = text.rstrip("\n")
    chomp = "-" if not text.endswith("\n") else ("+" if text.endswith("\n\n") else "")
    lines = [" " * indent + line if line else "" for line in body.split("\n")]
    extra = [""] * (len(text) - len(body) - 1) if chomp == "+" else []
    return [f"{head} |{chomp}\n", *(line + "\n" for line in [*lines, *extra])]


def _item(item: Any, indent: int) -> list[str]:
    """A list item: `- value`, a mapping's first key on the dash's line and the others under it."""
    pad = " " * indent
    if _literal(item):
        return _block(f"{pad}-", item, indent + 2)
    if isinstance(item, dict) and item:
        lines = _lines(item, indent + 2)
        return [f"{pad}- {lines[0].lstrip()}", *lines[1:]]
    if isinstance(item, list) and item:
        lines = _lines(item, indent + 2)
        return [f"{pad}- {lines[0].lstrip()}", *lines[1:]]
    return [f"{pad}- {_inline(item)}\n"]


def _inline(value: Any) -> str:
    if isinstance(value, dict):
        return "{}"
    if isinstance(value, list):
        return "[]"
    return scalar(value)
