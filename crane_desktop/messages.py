"""Engine messages (English templates marked in the engine) in the user's language. Neutral ground for
every Qt layer (views, terminal, app): it uses QtCore's translation only, no widgets."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication

from crane_desktop.engine.errors import EngineError
from crane_desktop.engine.i18n import Phrase
from crane_desktop.engine.preflight import Check


def engine_text(template: str, params: Mapping[str, Any] | None = None) -> str:
    """Translate the template, and the parameters that are engine terms themselves ("CA certificate",
    or a Phrase such as a swarm state)."""
    text = QCoreApplication.translate("engine", template) if template else ""
    values = {
        key: phrase_text(value)
        if isinstance(value, Phrase)
        else QCoreApplication.translate("engine", value)
        if isinstance(value, str) and value
        else value
        for key, value in (params or {}).items()
    }
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError):
        return text


def phrase_text(value: str | Phrase) -> str:
    """An engine Phrase in the user's language (template translated, then filled); plain text as is."""
    if isinstance(value, str):
        return value
    text = QCoreApplication.translate(value.context, value.template)
    try:
        return text.format(**{key: phrase_text(param) for key, param in value.params.items()})
    except (KeyError, IndexError, ValueError):
        return text


def error_text(error: EngineError) -> str:
    """The error's message in the user's language."""
    return engine_text(error.template, error.params)


def reason_text(error: object) -> str:
    """Why something failed or ended, in the user's language: an engine error's message, another
    error's own text, "" for no error (a stream the engine closed)."""
    if isinstance(error, EngineError):
        return error_text(error)
    return str(error) if error else ""


def error_hint(error: EngineError) -> str:
    """What the user can do about the error, in their language ("" when the engine has no hint)."""
    return engine_text(error.hint, error.params) if error.hint else ""


def check_text(check: Check) -> str:
    """A preflight check's result in the user's language."""
    return engine_text(check.template, check.params)


def check_hint(check: Check) -> str:
    """What to do about a failed preflight check ("" when there is nothing to say)."""
    return engine_text(check.hint, check.params) if check.hint else ""


def sentences(*parts: str) -> str:
    """Sentences one after the other (empty ones left out): a space between them in English, none in
    Chinese."""
    gap = QCoreApplication.translate("messages", "{sentence} {next}")
    text = ""
    for part in parts:
        if part:
            text = gap.format(sentence=text, next=part) if text else part
    return text
