"""With a pool, the alert rules' conditions are found off the GUI thread (a pass over every task:
~15 ms at 10,000) and the alerts start on the GUI thread when they come back; an evaluation still
running when another cluster opens is dropped, and diffs that came meanwhile are evaluated again."""

import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import pytest

from crane_desktop.engine import alerts as engine_alerts
from crane_desktop.engine.alerts import NODE_DOWN, Rule
from crane_desktop.engine.diff import Diff
from crane_desktop.engine.snapshots import Node
from crane_desktop.models.alerts import AlertCenter
from crane_desktop.models.store import ClusterStore

NODE = Node.from_api({"ID": "n4", "Description": {"Hostname": "node-4"}, "Status": {"State": "ready"}})


@pytest.fixture
def pool():
    with ThreadPoolExecutor(2) as pool:
        yield pool


@pytest.fixture
def store():
    store = ClusterStore()
    store.apply("tasks", Diff())
    store.apply("services", Diff())
    return store


def immediate(alerts: AlertCenter) -> None:
    alerts.set_rules([Rule(NODE_DOWN, True, {"minutes": 0})])


def test_conditions_are_found_on_the_pool_and_the_alert_starts_on_the_gui_thread(qtbot, pool, store):
    threads = set()
    finder = engine_alerts.holding

    def submit(fn, *args):
        def recorded(*args):
            threads.add(threading.current_thread())
            return finder(*args)

        return pool.submit(recorded, *args)

    alerts = AlertCenter(store, submit=submit)
    immediate(alerts)
    started = []
    alerts.fired.connect(lambda alert: started.append((alert.object_name, threading.current_thread())))
    store.apply("nodes", Diff(added={"n4": NODE}))
    store.apply("nodes", Diff(changed={"n4": replace(NODE, state="down", version=2)}))
    qtbot.waitUntil(lambda: bool(started))
    assert started == [("node-4", threading.main_thread())]
    assert threads and threading.main_thread() not in threads
    assert alerts.model.rowCount() == 1
    qtbot.waitUntil(lambda: not alerts.evaluating)
    assert len(started) == 1  # the diff that came while the first ran was evaluated, not doubled


def test_an_evaluation_for_the_cluster_before_is_dropped(qtbot, pool, store):
    gate = threading.Event()

    def submit(fn, *args):
        return pool.submit(lambda: (gate.wait(10), fn(*args))[1])

    alerts = AlertCenter(store, submit=submit)
    immediate(alerts)
    started = []
    alerts.fired.connect(started.append)
    store.apply("nodes", Diff(added={"n4": replace(NODE, state="down")}))
    assert alerts.evaluating
    alerts.forget()  # another cluster opens while the conditions of this one are being found
    gate.set()
    qtbot.waitUntil(lambda: not alerts.evaluating)
    assert started == [] and alerts.model.rowCount() == 0
