"""Reopening an event stream from its last event, without a swarm: the `since` the engine is asked
with, and the events a reopened stream sends again dropped by their key (not by their time: the swarm
stamps an event with its object's update time, so they may come out of order)."""

from __future__ import annotations

from crane_desktop.engine.events import ResumePoint, from_api, raw_key

BASE = 1_700_000_000_000_000_000


def raw(nanos: int, actor: str = "n1", action: str = "update", kind: str = "node", **attributes: str) -> dict:
    return {"Type": kind, "Action": action, "Actor": {"ID": actor, "Attributes": attributes},
            "time": nanos // 10**9, "timeNano": nanos}  # fmt: skip


def test_a_reopened_stream_starts_at_the_last_event_and_its_repeats_are_dropped():
    resume = ResumePoint()
    assert resume.since() is None  # nothing handed on yet: the caller picks its own start
    first, second = raw(BASE + 5), raw(BASE + 5, actor="n2")
    assert resume.fresh(BASE + 5, raw_key(first)) and resume.fresh(BASE + 5, raw_key(second))
    assert resume.since() == "1700000000.000000005"
    # the engine sends again everything from that instant on: the two seen, then one missed
    missed = raw(BASE + 9, actor="n3")
    assert [resume.fresh(e["timeNano"], raw_key(e)) for e in (first, second, missed)] == [False, False, True]
    assert resume.since() == "1700000000.000000009"


def test_an_event_stamped_before_the_newest_one_still_counts():
    resume = ResumePoint()
    assert resume.fresh(BASE + 9, raw_key(raw(BASE + 9)))
    late = raw(BASE + 3, actor="n2")
    assert resume.fresh(BASE + 3, raw_key(late))
    assert not resume.fresh(BASE + 3, raw_key(late))
    assert resume.since() == "1700000000.000000009"


def test_only_recent_keys_are_kept():
    resume = ResumePoint()
    minute = ResumePoint.RECENT_SECONDS * 10**9
    for i in range(1500):
        resume.fresh(BASE + i * minute // 100, f"k{i}")
    assert not resume.fresh(BASE + 1499 * minute // 100, "k1499")
    assert resume.fresh(BASE, "k0")  # forgotten: a stream reopened at the newest cannot send it again


def test_a_container_event_names_the_node_whose_engine_sent_it_unless_its_labels_do():
    plain = from_api(raw(BASE, "c1", "die", "container", name="box", exitCode="3"), node_id="node2")
    assert (plain.type, plain.name, plain.node_id, plain.details) == (
        "container",
        "box",
        "node2",
        "exitCode=3",
    )
    swarm = "com.docker.swarm."
    labels = {f"{swarm}node.id": "node4", f"{swarm}task.id": "t1", f"{swarm}task": "",
              f"{swarm}service.id": "s1", f"{swarm}service.name": "web"}  # fmt: skip
    labelled = from_api(
        raw(BASE, "c2", "start", "container", name="web.1.t1", image="nginx", **labels), "node2"
    )
    assert (labelled.node_id, labelled.service) == ("node4", "web")
    assert labelled.details == "com.docker.swarm.service.name=web, image=nginx"  # the ids left out
