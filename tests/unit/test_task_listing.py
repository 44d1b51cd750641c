"""The task list decoded only where it changed (engine/task_listing.py), on tasks recorded off the real
engine laid out as the engine writes them (compact, the ID first). The layout itself is checked
against the real engine in tests/integration/test_watcher.py."""

import json
from pathlib import Path

from crane_desktop.engine.snapshots import Task, parse_all
from crane_desktop.engine.task_listing import TaskLister

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "engine" / "cluster"


def recorded_tasks() -> list[dict]:
    tasks = json.loads((FIXTURES / "tasks.json").read_text())
    return [{"ID": t["ID"], "Version": t["Version"], **t} for t in tasks]  # the engine's field order


def engine_body(tasks: list[dict]) -> bytes:
    return json.dumps(tasks, separators=(",", ":")).encode() + b"\n"


def test_the_first_list_is_decoded_in_one_go_and_equals_a_plain_parse():
    tasks = recorded_tasks()
    lister = TaskLister()
    parsed = lister.parse(engine_body(tasks))
    assert parsed == parse_all(Task, tasks)
    assert lister.decoded == len(tasks)
    assert any("NetworksAttachments" in t for t in tasks)  # nested objects with IDs are in the sample


def test_unchanged_tasks_keep_their_snapshot_and_only_changed_ones_are_decoded():
    tasks = recorded_tasks()
    lister = TaskLister()
    first = lister.parse(engine_body(tasks))
    changed = dict(tasks[3], Version={"Index": tasks[3]["Version"]["Index"] + 1})
    changed["Status"] = dict(changed["Status"], State="failed", Err="task: non-zero exit (1)")
    second = lister.parse(engine_body([*tasks[:3], changed, *tasks[4:]]))
    assert lister.decoded == 1
    assert second[changed["ID"]].state == "failed"
    assert second[changed["ID"]].error == "task: non-zero exit (1)"
    unchanged = [t["ID"] for t in tasks if t["ID"] != changed["ID"]]
    assert all(second[key] is first[key] for key in unchanged)


def test_added_and_removed_tasks():
    tasks = recorded_tasks()
    lister = TaskLister()
    lister.parse(engine_body(tasks[1:]))
    parsed = lister.parse(engine_body(tasks[:-1]))
    assert set(parsed) == {t["ID"] for t in tasks[:-1]}
    assert lister.decoded == 1
    assert lister.parse(b"[]\n") == {}


def test_another_layout_falls_back_to_decoding_the_whole_answer():
    tasks = recorded_tasks()
    lister = TaskLister()
    pretty = json.dumps(tasks, indent=1).encode()
    assert lister.parse(pretty) == parse_all(Task, tasks)
    assert lister.decoded == len(tasks)
    sorted_keys = json.dumps(tasks, separators=(",", ":"), sort_keys=True).encode()  # ID not first
    assert lister.parse(sorted_keys) == parse_all(Task, tasks)


def test_a_cut_inside_a_task_is_never_taken_for_a_task():
    """An object starting with an ID nested in a list inside a task (as a network attachment could be)
    makes a cut inside the task: the pieces do not decode alone, so the whole answer is decoded."""
    tasks = recorded_tasks()
    nested = dict(tasks[0], Extra=[{"A": 1}, {"ID": "inner", "Version": {"Index": 1}}])
    body = engine_body([nested, *tasks[1:]])
    assert b'},{"ID":"inner"' in body
    lister = TaskLister()
    parsed = lister.parse(body)
    assert "inner" not in parsed
    assert parsed == parse_all(Task, [nested, *tasks[1:]])
    assert lister.parse(body) == parsed  # and again, with nothing kept from the wrong cut
    assert lister.decoded == len(tasks)
