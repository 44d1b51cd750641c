"""When the registry is asked about newer images (views/image_updates.py), on the recorded cluster
without a swarm: each round without a cluster fails at once and says so in the log, which is how these
tests see a round happen, and for how many services. A burst of changes is one round, started
SETTLE_MS after its first change and not held back by the changes that keep coming (a rollout's task
lists arrive every second); "check now" asks at once and does not shorten the wait of later changes."""

from __future__ import annotations

import dataclasses
import logging
import time

import pytest
from PySide6.QtCore import QTimer

from crane_desktop.engine.diff import Diff
from crane_desktop.views.image_updates import SETTLE_MS
from tests.gui.conftest import by_name

LOGGER = "crane.views.image_updates"


@pytest.fixture
def rounds(caplog, qtbot, recorded_context):
    """The rounds logged (message, time), once the first one (the recorded services arriving) ended."""
    caplog.set_level(logging.INFO, logger=LOGGER)

    def logged() -> list[tuple[str, float]]:
        return [(r.getMessage(), r.created) for r in caplog.records if r.name == LOGGER]

    recorded_context.image_updates.check_now(())  # the round the recorded services asked for, at once
    qtbot.waitUntil(lambda: len(logged()) == 1, timeout=5000)
    caplog.clear()
    return logged


def new_image(context, name: str, tag: str) -> None:
    service = by_name("services", name)
    moved = dataclasses.replace(service, image=f"127.0.0.1:5000/crane/busybox:{tag}")
    context.store.apply("services", Diff(changed={service.id: moved}))


def test_a_burst_of_changes_is_one_round_that_the_changes_coming_after_do_not_hold_back(
    qtbot, recorded_context, rounds
):
    context = recorded_context
    tasks = list(context.store.get("tasks").values())
    churn = QTimer()  # the watcher's task lists during a rollout: a change every 200 ms, on and on
    churn.timeout.connect(
        lambda: context.store.apply(
            "tasks", Diff(changed={tasks[0].id: dataclasses.replace(tasks[0], message=str(time.time()))})
        )
    )
    churn.start(200)
    new_image(context, "shop_web", "2")
    new_image(context, "shop_worker", "2")
    try:
        qtbot.waitUntil(lambda: bool(rounds()), timeout=SETTLE_MS + 3000)
    finally:
        churn.stop()
    assert [message for message, _ in rounds()] == [
        "image update check of 2 service(s) failed: Not connected to a cluster."
    ]


def test_check_now_asks_at_once_and_later_changes_still_wait_for_their_burst(qtbot, recorded_context, rounds):
    updates = recorded_context.image_updates
    updates.check_now([by_name("services", "gateway").id])
    qtbot.waitUntil(lambda: len(rounds()) == 1, timeout=1000)
    assert rounds()[0][0].startswith("image update check of 1 service(s) failed")

    changed_at = time.time()
    new_image(recorded_context, "shop_web", "3")
    qtbot.waitUntil(lambda: len(rounds()) == 2, timeout=SETTLE_MS + 3000)
    assert rounds()[1][1] - changed_at >= SETTLE_MS / 1000 * 0.9  # Qt's coarse timers may fire 5 % early
