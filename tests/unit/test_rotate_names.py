"""The visible naming scheme of rotated versions, and the checks that refuse bad input before the engine."""

from __future__ import annotations

import pytest

from crane_desktop.engine.errors import EngineError
from crane_desktop.engine.rotate import next_name
from crane_desktop.engine.secrets_configs import MAX_BYTES, check_new


def test_versions_count_up_from_the_name_and_skip_names_taken():
    assert next_name("db-password", set()) == "db-password-v2"
    assert next_name("db-password-v3", set()) == "db-password-v4"
    assert next_name("site", {"site-v2", "site-v3"}) == "site-v4"


def test_bad_input_is_refused_in_plain_words():
    with pytest.raises(EngineError, match="is over 500 KB"):
        check_new("config", "c", b"x" * (MAX_BYTES + 1), [])
    with pytest.raises(EngineError, match="A secret named pw exists already"):
        check_new("secret", "pw", b"x", ["pw"])
    with pytest.raises(EngineError, match="not a valid name"):
        check_new("secret", "-bad", b"x", [])
    with pytest.raises(EngineError, match="is empty"):
        check_new("config", "c", b"", [])
    check_new("config", "c", b"x" * MAX_BYTES, ["other"])  # the limit itself is accepted
