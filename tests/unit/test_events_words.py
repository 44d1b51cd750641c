"""The engine's events in words, without a swarm: docker's --since/--until values, `docker events`'
line, and the task state changes a diff holds."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta, timezone

import pytest

from crane_desktop.commands.events import line
from crane_desktop.engine.diff import Diff
from crane_desktop.engine.events import from_api, parse_time, task_event, task_transitions
from tests.gui.conftest import recorded

NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10m", NOW.timestamp() - 600),
        ("1h30m", NOW.timestamp() - 5400),
        ("0s", NOW.timestamp()),
        ("1700000000", 1700000000.0),
        ("1700000000.5", 1700000000.5),
        ("2026-01-02T03:00:00Z", NOW.timestamp() - 245),
        ("2026-01-02T04:00:00+01:00", NOW.timestamp() - 245),
    ],
)
def test_times_read_as_docker_reads_them(text, expected):
    assert parse_time(text, NOW) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["yesterday", "10 minutes", "-5m", ""])
def test_times_docker_refuses_are_refused_in_its_words(text):
    with pytest.raises(ValueError, match="failed to parse value as time or duration"):
        parse_time(text, NOW)


def test_a_line_as_docker_events_prints_it():
    event = from_api({
        "Type": "network", "Action": "create", "Actor": {"ID": "b3do79", "Attributes": {"name": "web"}},
        "scope": "swarm", "time": 1795980719, "timeNano": 1795980719036704462,
    })  # fmt: skip
    assert line(event, UTC) == "2026-11-29T19:31:59.036704462Z network create b3do79 (name=web)"
    east = timezone(timedelta(hours=8))
    assert line(event, east) == "2026-11-30T03:31:59.036704462+08:00 network create b3do79 (name=web)"


def test_task_state_changes_become_events_with_their_error():
    tasks = recorded("tasks")
    task = next(t for t in tasks.values() if t.state == "running")
    failed = dataclasses.replace(task, state="failed", error="task: non-zero exit (1)")
    moving = dataclasses.replace(next(t for t in tasks.values() if t.id != task.id), state="preparing")
    change = Diff(changed={task.id: failed, moving.id: moving})
    found = task_transitions(change, {key: t.state for key, t in tasks.items()})
    assert [(t.id, old) for t, old in found] == [(task.id, "running"), (moving.id, tasks[moving.id].state)]
    event = task_event(failed, "shop_web")
    assert (event.type, event.action, event.name, event.details) == (
        "task", "failed", f"shop_web.{task.slot}", "task: non-zero exit (1)"
    )  # fmt: skip
    assert task_event(moving, "shop_web") is None  # a state on the way is no event
