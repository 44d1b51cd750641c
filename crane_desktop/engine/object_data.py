"""A secret's or config's data checked before it is created: the engine's size limit, and a
golang-templated config's template.

The engine takes any data with `Templating: {Name: golang}` and expands it only when a task starts
(swarmkit's template package, Go's text/template): a config with a broken template is created, and
every task that mounts it fails ("failed to expand templated config …: template: expansion:1: bad
character U+007D '}'"), an unknown driver likewise ("unrecognized template type"). This module
reads the template as Go's parser does (its lexer's errors, the blocks' nesting, the functions it
knows) and the fields of swarmkit's context where the dot is still the context, so those mistakes are
refused at creation, in the operator's words. What only running can show (a `secret` or `env` that
does not exist on the node) is left to the engine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crane_desktop.engine.i18n import QT_TRANSLATE_NOOP, Phrase

MAX_BYTES = 500 * 1024  # the engine's limit for a secret's or a config's data (swarmkit's MaxSecretSize)
DRIVERS = ("golang",)  # the only templating driver swarmkit has
# Go's builtins and the functions swarmkit's payload context adds (secret, config, env)
GO_BUILTINS = "and call html index slice js len not or print printf println urlquery eq ge gt le lt ne"
FUNCTIONS = frozenset((*GO_BUILTINS.split(" "), "secret", "config", "env"))
KEYWORDS = frozenset(("if", "range", "with", "define", "block", "template", "else", "end", "break",
                      "continue", "true", "false", "nil"))  # fmt: skip
OPENERS = frozenset({"if", "range", "with", "define", "block"})
CONTEXT_FIELDS = {  # swarmkit's template.Context
    "Service": {"ID": None, "Name": None, "Labels": "map"},
    "Node": {"ID": None, "Hostname": None, "Platform": {"OS": None, "Architecture": None}},
    "Task": {"ID": None, "Name": None, "Slot": None},
}
TOKEN = re.compile(
    r"""(?P<space>\s+)|(?P<string>"(?:\\.|[^"\\\n])*")|(?P<raw>`[^`]*`)|(?P<char>'(?:\\.|[^'\\\n])+')"""
    r"""|(?P<field>(?:\.[A-Za-z_]\w*)+|\.)|(?P<variable>\$\w*(?:\.[A-Za-z_]\w*)*)"""
    r"""|(?P<number>[-+]?(?:0[xXoObB])?[0-9][0-9a-fA-F_.eEpPi+-]*)|(?P<word>[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)"""
    r"""|(?P<declare>:?=)|(?P<punct>[|(),])"""
)


BRACES = {"open": "{{", "close": "}}"}  # as parameters: a message's own braces are its placeholders


@dataclass(frozen=True, slots=True)
class TemplateProblem:
    line: int
    reason: Phrase


UNKNOWN_DRIVER = QT_TRANSLATE_NOOP(
    "engine", "“{driver}” is not a templating driver the engine knows: use golang."
)


def driver_phrase(driver: str) -> Phrase:
    return Phrase(UNKNOWN_DRIVER, {"driver": driver})


def driver_known(driver: str) -> bool:
    """No driver (plain data) or one swarmkit has."""
    return not driver or driver in DRIVERS


def _field_problem(chain: str) -> Phrase | None:
    """A `.Service.Nmae` chain read against swarmkit's context (a map's keys are free)."""
    level: object = CONTEXT_FIELDS
    for name in chain.split(".")[1:]:
        if level == "map":
            return None
        if not isinstance(level, dict) or name not in level:
            return Phrase(
                QT_TRANSLATE_NOOP(
                    "engine",
                    "{field} is not in a config's template data (.Service.ID/Name/Labels, .Node.ID/"
                    "Hostname/Platform.OS/Platform.Architecture, .Task.ID/Name/Slot).",
                ),
                {"field": chain},
            )
        level = level[name]
    return None


def _bad(template: str, **params: str) -> Phrase:
    return Phrase(template, params)


def _action_problem(action: str, blocks: list[str]) -> Phrase | None:
    """One action's tokens: bad characters, parentheses, unknown functions, the blocks it opens/ends."""
    depth, words, position = 0, [], 0
    while position < len(action):
        match = TOKEN.match(action, position)
        if match is None:
            char = action[position]
            if char in "\"'`":
                return _bad(QT_TRANSLATE_NOOP("engine", "a quoted text is not closed."))
            return _bad(
                QT_TRANSLATE_NOOP("engine", "“{char}” (U+{code}) cannot stand there."),
                char=char,
                code=f"{ord(char):04X}",
            )
        position = match.end()
        kind, text = match.lastgroup, match.group()
        if kind == "punct" and text == "(":
            depth += 1
        elif kind == "punct" and text == ")":
            depth -= 1
            if depth < 0:
                return _bad(QT_TRANSLATE_NOOP("engine", "a “)” has no “(”."))
        if kind != "space":
            words.append((kind, text))
    if depth > 0:
        return _bad(QT_TRANSLATE_NOOP("engine", "a “(” is not closed."))
    if not words:
        return _bad(QT_TRANSLATE_NOOP("engine", "an empty action “{open} {close}”."), **BRACES)
    first = words[0][1]
    if first == "end":
        if not blocks:
            return _bad(QT_TRANSLATE_NOOP("engine", "“{open}end{close}” closes nothing."), **BRACES)
        blocks.pop()
    elif first == "else":
        if not blocks or blocks[-1] not in ("if", "range", "with"):
            return _bad(
                QT_TRANSLATE_NOOP("engine", "“{open}else{close}” is outside an if, range or with."), **BRACES
            )
    elif first in OPENERS:
        blocks.append(first)
    dot_is_context = not any(block in ("range", "with", "define", "block") for block in blocks)
    for kind, text in words:
        if kind == "word" and text not in FUNCTIONS and text not in KEYWORDS:
            return _bad(QT_TRANSLATE_NOOP("engine", "the function “{name}” does not exist."), name=text)
        if kind == "field" and text != "." and dot_is_context and first not in ("range", "with"):
            problem = _field_problem(text)
            if problem is not None:
                return problem
    return None


def template_problem(data: bytes) -> TemplateProblem | None:
    """The first mistake of a golang template (None: the engine's parser would take it)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return TemplateProblem(1, _bad(QT_TRANSLATE_NOOP("engine", "a template is UTF-8 text.")))
    blocks: list[str] = []
    position = 0
    while (start := text.find("{{", position)) >= 0:
        line = text.count("\n", 0, start) + 1
        inner = start + 2
        if text.startswith("- ", inner) or text.startswith("-\t", inner) or text.startswith("-\n", inner):
            inner += 1
        stripped_start = inner + len(text[inner:]) - len(text[inner:].lstrip())
        if text.startswith("/*", stripped_start):
            close = text.find("*/", stripped_start + 2)
            if close < 0:
                return TemplateProblem(
                    line, _bad(QT_TRANSLATE_NOOP("engine", "a /* comment */ is not closed."))
                )
            end = text.find("}}", close + 2)
            if end < 0 or text[close + 2 : end].strip(" -"):
                return TemplateProblem(
                    line,
                    _bad(QT_TRANSLATE_NOOP("engine", "a comment must end right before “{close}”."), **BRACES),
                )
            position = end + 2
            continue
        end = _action_end(text, inner)
        if end < 0:
            return TemplateProblem(
                line, _bad(QT_TRANSLATE_NOOP("engine", "a “{open}” is not closed by “{close}”."), **BRACES)
            )
        action = text[inner:end]
        if action.endswith(" -") or action.endswith("\t-") or action.endswith("\n-"):
            action = action[:-1]
        problem = _action_problem(action, blocks)
        if problem is not None:
            return TemplateProblem(line, problem)
        position = end + 2
    if blocks:
        return TemplateProblem(
            text.count("\n") + 1,
            _bad(
                QT_TRANSLATE_NOOP("engine", "“{open}{block}{close}” is not closed by “{open}end{close}”."),
                block=blocks[-1],
                **BRACES,
            ),
        )
    return None


def _action_end(text: str, start: int) -> int:
    """Where the action's }} is, skipping those inside quoted text; -1 when there is none."""
    position = start
    while position < len(text):
        char = text[position]
        if text.startswith("}}", position):
            return position
        if char in "\"'":
            position += 1
            while position < len(text) and text[position] not in (char, "\n"):
                position += 2 if text[position] == "\\" else 1
        elif char == "`":
            position = text.find("`", position + 1)
            if position < 0:
                return -1
        position += 1
    return -1
