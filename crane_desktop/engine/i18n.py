"""Marking of user-visible engine strings for Qt's translation tools, without importing Qt.

`pyside6-lupdate` collects the literal arguments of QT_TRANSLATE_NOOP calls; the UI translates them at
display time with `QCoreApplication.translate(context, text)` and only then fills in the placeholders.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

ENGINE_CONTEXT = "engine"
TERMS_CONTEXT = "EngineTerms"  # single words of the engine ("none", "pause"): apart from the messages


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Return `text` unchanged; the call only marks it for translation."""
    return text


@dataclass(frozen=True)
class Phrase:
    """Words the engine builds for the UI: an English template marked for translation, with named
    placeholders. The UI translates the template first and fills it after; a parameter that is a Phrase
    itself (an engine term such as "pause") is translated the same way, plain strings stay as given."""

    template: str
    params: Mapping[str, str | Phrase] = field(default_factory=dict)
    context: str = ENGINE_CONTEXT

    def __str__(self) -> str:
        """The English text."""
        return self.template.format(**{key: str(value) for key, value in self.params.items()})


def term(text: str) -> Phrase:
    """One of the engine's words, marked with QT_TRANSLATE_NOOP("EngineTerms", ...) where it is listed.

    Terms have a context of their own: the messages' parameters are looked up in "engine", and a
    user's "none" in a message must not turn into the restart condition's translation."""
    return Phrase(text, context=TERMS_CONTEXT)


def known_term(text: str, known: Collection[str]) -> str | Phrase:
    """`text` as a term when it is one of the `known` marked words; anything else as given."""
    return term(text) if text in known else text
