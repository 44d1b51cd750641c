"""A service's backfill in time order, and the follow's repeats of its last instant dropped once."""

from __future__ import annotations

from crane_desktop.engine.log_order import RepeatFilter, in_time_order, since_param
from crane_desktop.engine.logs import LogLine


def test_backfill_sorted_across_tasks_with_unstamped_lines_kept_in_place():
    lines = [
        LogLine("a1", "2026-11-26T14:38:03.5Z", task_id="a"),
        LogLine("a2", "2026-11-26T14:38:14Z", task_id="a"),
        LogLine("a2 continued", "", task_id="a"),
        LogLine("b1", "2026-11-26T14:37:54.000000001Z", task_id="b"),
        LogLine("b2", "2026-11-26T14:38:03.45Z", task_id="b"),
    ]
    assert [line.text for line in in_time_order(lines)] == ["b1", "b2", "a1", "a2", "a2 continued"]


def test_since_is_the_stamps_unix_time_with_nanoseconds():
    assert since_param("1970-01-01T00:01:40.25Z") == "100.250000000"


def test_the_follow_drops_only_what_the_backfill_already_had():
    last = "2026-11-26T14:38:14.000000001Z"
    backfill = [LogLine("x", last, task_id="a"), LogLine("y", last, task_id="b")]
    repeats = RepeatFilter(backfill)
    followed = [
        LogLine("x", last, task_id="a"),  # repeated: dropped
        LogLine("z", last, task_id="a"),  # same instant, new line: kept
        LogLine("y", "2026-11-26T14:38:15Z", task_id="b"),  # later: kept
        LogLine("y", last, task_id="b"),  # after a later line nothing is dropped any more
    ]
    assert [line.text for line in followed if repeats.keep(line)] == ["z", "y", "y"]
