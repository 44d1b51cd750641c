"""A container's state and the engine's status sentence ("Up 3 hours (healthy)", "Exited (0) 2 days
ago") as Phrases, so the UI shows them in the user's language.

The status is English text the engine builds (moby's State.String() with go-units' HumanDuration); it
is read back into its parts here. A sentence of another shape stays as the engine wrote it.
"""

from __future__ import annotations

import re

from crane_desktop.engine.i18n import QT_TRANSLATE_NOOP, Phrase, known_term, term

# The engine's own words of a container, marked: each shows translated where the engine says it.
TERMS = frozenset(
    {
        # states
        QT_TRANSLATE_NOOP("EngineTerms", "created"),
        QT_TRANSLATE_NOOP("EngineTerms", "restarting"),
        QT_TRANSLATE_NOOP("EngineTerms", "running"),
        QT_TRANSLATE_NOOP("EngineTerms", "removing"),
        QT_TRANSLATE_NOOP("EngineTerms", "paused"),
        QT_TRANSLATE_NOOP("EngineTerms", "exited"),
        QT_TRANSLATE_NOOP("EngineTerms", "dead"),
        # health
        QT_TRANSLATE_NOOP("EngineTerms", "starting"),
        QT_TRANSLATE_NOOP("EngineTerms", "healthy"),
        QT_TRANSLATE_NOOP("EngineTerms", "unhealthy"),
    }
)
STATUS_WORDS = frozenset(
    {
        # whole statuses
        QT_TRANSLATE_NOOP("EngineTerms", "Created"),
        QT_TRANSLATE_NOOP("EngineTerms", "Dead"),
        QT_TRANSLATE_NOOP("EngineTerms", "Removal In Progress"),
        # the note after "Up ..."
        QT_TRANSLATE_NOOP("EngineTerms", "Paused"),
        QT_TRANSLATE_NOOP("EngineTerms", "healthy"),
        QT_TRANSLATE_NOOP("EngineTerms", "unhealthy"),
        QT_TRANSLATE_NOOP("EngineTerms", "health: starting"),
        # durations without a number
        QT_TRANSLATE_NOOP("EngineTerms", "Less than a second"),
        QT_TRANSLATE_NOOP("EngineTerms", "1 second"),
        QT_TRANSLATE_NOOP("EngineTerms", "About a minute"),
        QT_TRANSLATE_NOOP("EngineTerms", "About an hour"),
    }
)
_COUNTED_DURATIONS = {
    "second": QT_TRANSLATE_NOOP("engine", "{n} seconds"),
    "minute": QT_TRANSLATE_NOOP("engine", "{n} minutes"),
    "hour": QT_TRANSLATE_NOOP("engine", "{n} hours"),
    "day": QT_TRANSLATE_NOOP("engine", "{n} days"),
    "week": QT_TRANSLATE_NOOP("engine", "{n} weeks"),
    "month": QT_TRANSLATE_NOOP("engine", "{n} months"),
    "year": QT_TRANSLATE_NOOP("engine", "{n} years"),
}
_DURATION = r"(?P<duration>Less than a second|About an? \w+|\d+ \w+?)s?"
_UP = re.compile(rf"Up {_DURATION}(?: \((?P<note>[^)]*)\))?\Z")
_AGO = re.compile(rf"(?P<verb>Exited|Restarting) \((?P<code>-?\d+)\) {_DURATION} ago\Z")


def state_phrase(state: str) -> str | Phrase:
    """A container's state ("running", "exited"...) as a Phrase; an unknown one as given."""
    return known_term(state, TERMS)


def health_phrase(health: str) -> str | Phrase:
    return known_term(health, TERMS)


def _duration(text: str) -> str | Phrase | None:
    if text in STATUS_WORDS:
        return term(text)
    number, _, unit = text.partition(" ")
    if unit in _COUNTED_DURATIONS:
        return Phrase(_COUNTED_DURATIONS[unit], {"n": number})
    return None


def status_phrase(status: str) -> str | Phrase:
    """The engine's status sentence of a container as a Phrase; a sentence of another shape as given."""
    if status in STATUS_WORDS:
        return term(status)
    up = _UP.match(status)
    if up and (duration := _duration(up["duration"])) is not None:
        note = up["note"]
        if note is None:
            return Phrase(QT_TRANSLATE_NOOP("engine", "Up {duration}"), {"duration": duration})
        if note in STATUS_WORDS:
            return Phrase(
                QT_TRANSLATE_NOOP("engine", "Up {duration} ({note})"),
                {"duration": duration, "note": term(note)},
            )
    ago = _AGO.match(status)
    if ago and (duration := _duration(ago["duration"])) is not None:
        template = (
            QT_TRANSLATE_NOOP("engine", "Exited ({code}) {duration} ago")
            if ago["verb"] == "Exited"
            else QT_TRANSLATE_NOOP("engine", "Restarting ({code}) {duration} ago")
        )
        return Phrase(template, {"code": ago["code"], "duration": duration})
    return status
