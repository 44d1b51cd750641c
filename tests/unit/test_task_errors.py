"""The engine's text for why a task ended, recognised by its shape so the UI can say it in the user's
language; anything else as the engine wrote it."""

from __future__ import annotations

import pytest

from crane_desktop.engine.i18n import Phrase
from crane_desktop.engine.task_errors import task_error


@pytest.mark.parametrize(
    ("text", "english"),
    [
        ("task: non-zero exit (3)", "the container exited with code 3"),
        ("task: non-zero exit (137): killed", "the container exited with code 137: killed"),
        ("No such image: busybox:9", "No such image: busybox:9"),  # English as the engine says it
        ("starting container failed: oci runtime error", "starting container failed: oci runtime error"),
    ],
)
def test_known_shapes_become_phrases(text, english):
    phrase = task_error(text)
    assert isinstance(phrase, Phrase) and str(phrase) == english


def test_other_text_is_kept_as_the_engine_wrote_it():
    assert task_error("") == ""
    assert task_error("no suitable node (1 node not available for new tasks)") == (
        "no suitable node (1 node not available for new tasks)"
    )
