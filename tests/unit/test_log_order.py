"""A service's backfill in time order, the follow's repeats of its last instant dropped once, and an
app's services' backfills merged by time."""

from __future__ import annotations

from crane_desktop.engine.log_order import BackfillMerge, RepeatFilter, in_time_order, since_param
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


def _at(text: str, second: int) -> LogLine:
    return LogLine(text, f"2026-11-26T14:38:{second:02}Z", task_id=text.split()[0])


def test_an_apps_backfills_are_merged_by_time_before_anything_is_shown():
    """web's past lines come first, db's later: shown as one batch in time order, then the live lines
    held meanwhile, then whatever comes passes straight through."""
    batches: list[list[str]] = []
    merge = BackfillMerge(lambda lines: batches.append([line.text for line in lines]))
    merge.expect("web")
    merge.expect("db")
    merge.backfill("web", [_at("web 1", 1), _at("web 2", 3), _at("web 3", 5)])
    merge.live("web", [_at("web 4", 8)])
    assert batches == []  # db's past not read yet: nothing shown out of order
    merge.backfill("db", [_at("db 1", 2), _at("db 2", 4), _at("db 3", 6)])
    assert batches == [["web 1", "db 1", "web 2", "db 2", "web 3", "db 3", "web 4"]]
    merge.live("db", [_at("db 4", 9)])
    merge.expect("cache")  # a service joining the app later
    merge.backfill("cache", [_at("cache 1", 7)])
    assert batches[1:] == [["db 4"], ["cache 1"]]


def test_a_stream_that_ends_without_a_backfill_is_not_waited_for():
    batches: list[list[str]] = []
    merge = BackfillMerge(lambda lines: batches.append([line.text for line in lines]))
    merge.expect("web")
    merge.expect("gone")
    merge.backfill("web", [_at("web 1", 1)])
    merge.give_up("gone")
    assert batches == [["web 1"]]
    merge.backfill("web", [])  # a later reopening's backfill passes through (nothing here)
    assert batches == [["web 1"]]
