"""The events the engine sent while the watcher's link to the manager was down come once it
reconnected (asked again since the last event it handed on), each once: through a TCP proxy of the
tests' own, the link is held, a network is created meanwhile, then the link is cut; the watcher
reaches the swarm through another manager and hands the network's event on."""

from __future__ import annotations

import threading
import time
from dataclasses import replace

from crane_desktop.engine.cluster import Cluster
from crane_desktop.engine.events import raw_key
from crane_desktop.engine.profiles import endpoint_host, endpoint_port
from crane_desktop.engine.watcher import Watcher
from tests.swarm import docker, unique, wait_until
from tests.tcp_proxy import TCPProxy


def test_events_missed_during_a_reconnect_come_after_it_once(profile):
    target = profile.managers[0]
    proxy = TCPProxy((endpoint_host(target), endpoint_port(target)))
    cluster = Cluster(replace(profile, managers=(proxy.endpoint,)))
    cluster.connect()
    handed_on: list[dict] = []
    lock = threading.Lock()

    def on_event(event: dict) -> None:
        with lock:
            handed_on.append(event)

    def created(name: str) -> list[dict]:
        with lock:
            return [
                e
                for e in handed_on
                if e["Action"] == "create" and e["Actor"]["Attributes"].get("name") == name
            ]

    watcher = Watcher(cluster, lambda kind, change: None, on_event=on_event)
    watcher.start()
    before, during = unique("evres-before"), unique("evres-during")
    try:
        wait_until(lambda: len(watcher.state["nodes"]) == 4, 20, "the four nodes")
        docker(1, "network", "create", "--driver", "overlay", before)
        wait_until(lambda: created(before), 10, "the first network's event")
        proxy.pause()  # nothing reaches the watcher from now on
        docker(1, "network", "create", "--driver", "overlay", during)
        # a fresh stream starts a second before it opens: the outage must outlast that, so that only
        # asking again from the last event brings this one (time passing, not a wait for something)
        created_at = time.time()
        wait_until(lambda: time.time() > created_at + 2.5, 5, "the outage to outlast a second")
        proxy.cut()
        wait_until(lambda: cluster.endpoint != proxy.endpoint and cluster.state.phase == "connected", 30,
                   "connected through another manager")  # fmt: skip
        wait_until(lambda: created(during), 10, "the missed network's event")
        with lock:
            keys = [raw_key(e) for e in handed_on]
        assert len(created(before)) == 1 and len(created(during)) == 1
        assert len(keys) == len(set(keys))  # the stream reopened at the last event: no repeats
    finally:
        watcher.stop()
        docker(1, "network", "rm", before, during, check=False)
        proxy.close()
        watcher.wait_stopped(10)
        cluster.close()
