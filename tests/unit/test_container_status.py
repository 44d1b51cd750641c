"""The engine's container status sentences read back into Phrases: every shape moby writes gives its
own English text back (so English users see what `docker ps` says), and other text stays as given."""

import pytest

from crane_desktop.engine.container_status import state_phrase, status_phrase
from crane_desktop.engine.i18n import Phrase


@pytest.mark.parametrize(
    "status",
    [
        "Up Less than a second",
        "Up 1 second",
        "Up 42 seconds",
        "Up About a minute",
        "Up 5 minutes (health: starting)",
        "Up About an hour (healthy)",
        "Up 3 hours (unhealthy)",
        "Up 2 days (Paused)",
        "Exited (0) 2 weeks ago",
        "Exited (137) 3 months ago",
        "Restarting (1) 4 years ago",
        "Created",
        "Dead",
        "Removal In Progress",
    ],
)
def test_every_status_shape_is_understood_and_reads_back_the_same(status):
    phrase = status_phrase(status)
    assert isinstance(phrase, Phrase)
    assert str(phrase) == status


@pytest.mark.parametrize("status", ["", "Up 3 fortnights", "Exited (0) recently", "Up 3 hours (weird)"])
def test_other_text_stays_as_the_engine_wrote_it(status):
    assert status_phrase(status) == status


def test_durations_and_states_are_terms_of_their_own():
    phrase = status_phrase("Exited (3) 2 days ago")
    assert isinstance(phrase, Phrase)
    assert phrase.template == "Exited ({code}) {duration} ago"
    assert phrase.params["code"] == "3"
    assert phrase.params["duration"] == Phrase("{n} days", {"n": "2"})
    assert state_phrase("running") == Phrase("running", context="EngineTerms")
    assert state_phrase("bogus") == "bogus"
