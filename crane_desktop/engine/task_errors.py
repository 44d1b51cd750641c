"""Why a task ended, as the engine said it (its Status.Err), recognised where the text has a known shape
so the UI can say it in the user's language ("task: non-zero exit (3)" is moby's exitError, "No such
image: …" the daemon's). Anything else stays as the engine wrote it; the raw text stays in the tooltips.
"""

from __future__ import annotations

import re

from crane_desktop.engine.i18n import QT_TRANSLATE_NOOP, Phrase

_SHAPES: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"task: non-zero exit \((?P<code>-?\d+)\)"),
        QT_TRANSLATE_NOOP("engine", "the container exited with code {code}"),
    ),
    (
        re.compile(r"task: non-zero exit \((?P<code>-?\d+)\): (?P<detail>.+)", re.DOTALL),
        QT_TRANSLATE_NOOP("engine", "the container exited with code {code}: {detail}"),
    ),
    (
        re.compile(r"No such image: (?P<image>\S+)"),
        QT_TRANSLATE_NOOP("engine", "No such image: {image}"),
    ),
    (
        re.compile(r"starting container failed: (?P<detail>.+)", re.DOTALL),
        QT_TRANSLATE_NOOP("engine", "starting container failed: {detail}"),
    ),
)


def task_error(text: str) -> str | Phrase:
    """`text` as a Phrase the UI translates when it has a known shape; as given otherwise."""
    for pattern, template in _SHAPES:
        match = pattern.fullmatch(text)
        if match:
            return Phrase(template, match.groupdict())
    return text
