"""Swarm placement rules evaluated client-side, exactly as swarmkit's scheduler does, so the app can say
which node fails which rule without asking the engine.

Constraints follow swarmkit's `manager/constraint` package:
- an expression is `key == value` or `key != value`; `==` is looked for first, the text is split at the
  operator's first occurrence, and both sides are trimmed of (Go's) white space;
- the key is a letter or `_` followed by at least one letter, digit, `-`, `_` or `.`; the value is one or
  more letters, digits, white space and `:-_.*()?+[]\\^$|/` (no `=`, `!`, `<`, `>`, `~`...);
  anything else is a parse error (the engine refuses such a service when it is created);
- keys and values compare case-insensitively (Go's simple case folding), except the label name after
  `node.labels.` / `engine.labels.`, which is case-sensitive; a missing label compares as "";
- an unknown key is not an error: no node ever satisfies it.

Platforms (`Placement.Platforms`) match a node when the OS and the architecture match or are empty, with
x86_64 = amd64 and aarch64 = arm64 (swarmkit's PlatformFilter).
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from crane_desktop.engine.i18n import QT_TRANSLATE_NOOP
from crane_desktop.engine.snapshots import Node

NODE_LABEL_PREFIX = "node.labels."
ENGINE_LABEL_PREFIX = "engine.labels."
OPERATORS = ("==", "!=")

# Go's regexp (?i)[a-z] also matches U+017F (long s) and U+212A (Kelvin sign); Python's IGNORECASE would
# add two more letters, so the classes are spelled out. Go's \s is [\t\n\f\r ].
_LETTERS = "A-Za-z\u017f\u212a"
_KEY = re.compile(rf"[{_LETTERS}_][{_LETTERS}0-9\-_.]+")
_VALUE = re.compile(rf"[{_LETTERS}0-9:\-_\t\n\f\r .*()?+\[\]\\^$|/]+")
# Go's unicode.IsSpace, which strings.TrimSpace trims (Python's str.strip() also trims \x1c-\x1f).
_GO_SPACE = (
    "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)


class ConstraintError(ValueError):
    """A constraint the engine would refuse. `template.format(**params)` is the English message."""

    def __init__(self, template: str, **params: str) -> None:
        self.template = template
        self.params = params
        super().__init__(template.format(**params))


def _fold(text: str) -> str:
    """Go's simple case folding as far as constraints need it: both keys and values are ASCII apart
    from U+017F and U+212A, the only non-ASCII letters that fold onto ASCII ones."""
    return "".join(
        "k" if c == "\u212a" else "s" if c == "\u017f" else c.lower() if c.isascii() else c for c in text
    )


def equal_fold(a: str, b: str) -> bool:
    """strings.EqualFold for a constraint's key or value against any text."""
    return len(a) == len(b) and _fold(a) == _fold(b)


@dataclass(frozen=True, slots=True)
class Constraint:
    """One parsed placement constraint; `text` is the expression as the service spec has it."""

    key: str
    operator: str  # "==" or "!="
    value: str
    text: str

    def __str__(self) -> str:
        return f"{self.key}{self.operator}{self.value}"

    def match(self, *candidates: str) -> bool:
        """swarmkit's Constraint.Match: == holds when a candidate equals the value (ignoring case)."""
        found = any(equal_fold(self.value, candidate) for candidate in candidates)
        return found if self.operator == "==" else not found

    def holds_on(self, node: Node) -> bool:
        """Whether `node` satisfies this constraint (swarmkit's NodeMatches for one constraint)."""
        key = self.key
        raw = node.raw
        description = raw.get("Description")
        if equal_fold(key, "node.id"):
            return self.match(node.id)
        if equal_fold(key, "node.hostname"):
            return self.match(_text(description, "Hostname"))
        if equal_fold(key, "node.ip"):
            return self._ip_holds(_text(raw.get("Status"), "Addr"))
        if equal_fold(key, "node.role"):
            return self.match(node.role if node.role != "unknown" else "")
        if equal_fold(key, "node.platform.os"):
            return self.match(_text(_mapping(description).get("Platform"), "OS"))
        if equal_fold(key, "node.platform.arch"):
            return self.match(_text(_mapping(description).get("Platform"), "Architecture"))
        label = _label_name(key, NODE_LABEL_PREFIX)
        if label is not None:
            return self.match(node.label_dict.get(label, ""))
        label = _label_name(key, ENGINE_LABEL_PREFIX)
        if label is not None:
            engine_labels = _mapping(_mapping(_mapping(description).get("Engine")).get("Labels"))
            value = engine_labels.get(label, "")
            return self.match(value if isinstance(value, str) else "")
        return False  # a key swarmkit does not know: no node satisfies it

    @property
    def known_key(self) -> bool:
        """Whether swarmkit knows the key (an unknown key is satisfied by no node)."""
        named = ("node.id", "node.hostname", "node.ip", "node.role", "node.platform.os", "node.platform.arch")
        return any(equal_fold(self.key, k) for k in named) or any(
            _label_name(self.key, prefix) is not None for prefix in (NODE_LABEL_PREFIX, ENGINE_LABEL_PREFIX)
        )

    def _ip_holds(self, address: str) -> bool:
        """node.ip: an address or a CIDR network; a malformed one is satisfied by no node."""
        node_ip = _ip(address)
        wanted = _ip(self.value)
        if wanted is not None:
            inside = node_ip is not None and wanted == node_ip
        else:
            try:
                network = ipaddress.ip_network(self.value, strict=False) if "/" in self.value else None
            except ValueError:
                network = None
            if network is None:
                return False
            inside = node_ip is not None and node_ip.version == network.version and node_ip in network
        return inside if self.operator == "==" else not inside


def _ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """net.ParseIP: no zone, and an IPv4-mapped IPv6 address is the IPv4 address."""
    if "%" in text:
        return None
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _text(value: Any, key: str) -> str:
    found = _mapping(value).get(key)
    return found if isinstance(found, str) else ""


def _label_name(key: str, prefix: str) -> str | None:
    """The label after `prefix` (matched case-insensitively, as Go slices it by bytes), else None."""
    head = key[: len(prefix)]
    if len(key) > len(prefix) and head.isascii() and head.lower() == prefix:
        return key[len(prefix) :]
    return None


def parse_constraint(expression: str) -> Constraint:
    """One expression, as swarmkit's constraint.Parse reads it; ConstraintError when the engine would
    refuse it."""
    for operator in OPERATORS:
        if operator not in expression:
            continue
        key, value = expression.split(operator, 1)
        key = key.strip(_GO_SPACE)
        if not _KEY.fullmatch(key):
            raise ConstraintError(
                QT_TRANSLATE_NOOP("engine", "The constraint key “{key}” is invalid."), key=key
            )
        value = value.strip(_GO_SPACE)
        if not _VALUE.fullmatch(value):
            raise ConstraintError(
                QT_TRANSLATE_NOOP("engine", "The constraint value “{value}” is invalid."), value=value
            )
        return Constraint(key, operator, value, expression)
    raise ConstraintError(
        QT_TRANSLATE_NOOP("engine", "The constraint “{constraint}” has no operator (== or !=)."),
        constraint=expression,
    )


def parse_constraints(expressions: Iterable[str]) -> list[Constraint]:
    """All of a service's constraints; the first invalid one raises ConstraintError."""
    return [parse_constraint(expression) for expression in expressions]


def failed_constraints(constraints: Sequence[Constraint], node: Node) -> list[Constraint]:
    """The constraints `node` does not satisfy (empty: the node is eligible)."""
    return [c for c in constraints if not c.holds_on(node)]


@dataclass(frozen=True, slots=True)
class Platform:
    os: str
    architecture: str

    def __str__(self) -> str:
        return "/".join(part for part in (self.os, self.architecture) if part) or "any"


def _normal_arch(architecture: str) -> str:
    return {"x86_64": "amd64", "aarch64": "arm64"}.get(architecture, architecture)


def platform_fits(platforms: Sequence[Platform], node: Node) -> bool:
    """swarmkit's PlatformFilter: no platforms fit every node; else one must match the node's."""
    if not platforms:
        return True
    if not isinstance(node.raw.get("Description"), Mapping):
        return False
    arch = _normal_arch(node.architecture)
    return any(
        (not p.architecture or _normal_arch(p.architecture) == arch) and (not p.os or p.os == node.os)
        for p in platforms
    )


def platforms_of(placement: Mapping[str, Any]) -> tuple[Platform, ...]:
    """`Placement.Platforms` of a task or service spec."""
    items = placement.get("Platforms")
    if not isinstance(items, list):
        return ()
    return tuple(Platform(_text(p, "OS"), _text(p, "Architecture")) for p in items if isinstance(p, Mapping))


def node_platform(node: Node) -> Platform:
    return Platform(node.os, node.architecture)
