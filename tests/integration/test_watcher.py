"""The watcher follows the real swarm: services created, scaled and removed, and a node drained,
all done out of band with the docker CLI, show up as keyed diffs."""

from __future__ import annotations

import json
import threading

from crane_desktop.engine import api
from crane_desktop.engine.snapshots import Task, parse_all
from crane_desktop.engine.task_listing import TaskLister, split
from crane_desktop.engine.watcher import Watcher
from tests.swarm import IMAGE, docker, unique, wait_until


class Recorder:
    """A sink keeping every diff, as the GUI's signal would receive them."""

    def __init__(self) -> None:
        self.diffs: list[tuple[str, object]] = []
        self.lock = threading.Lock()

    def __call__(self, kind, change) -> None:
        with self.lock:
            self.diffs.append((kind, change))

    def added(self, kind):
        with self.lock:
            return [obj for k, d in self.diffs if k == kind for obj in d.added.values()]

    def changed(self, kind):
        with self.lock:
            return [obj for k, d in self.diffs if k == kind for obj in d.changed.values()]

    def removed(self, kind):
        with self.lock:
            return {key for k, d in self.diffs if k == kind for key in d.removed}


def assert_the_task_list_is_cut_task_by_task(cluster) -> None:
    """The watcher decodes only the tasks that changed, on the layout the engine writes (ID first)."""
    body = api.get_raw(cluster.client, "/tasks")
    assert split(body) is not None, body[:200]
    lister = TaskLister()
    parsed = lister.parse(body)
    assert parsed and parsed == parse_all(Task, json.loads(body))
    again = lister.parse(body)
    assert lister.decoded == 0 and all(again[key] is parsed[key] for key in parsed)


def test_service_created_scaled_removed(cluster, service_names):
    sink = Recorder()
    watcher = Watcher(cluster, sink)
    watcher.start()
    try:
        wait_until(lambda: len(watcher.state["nodes"]) == 4, what="the four nodes")
        name = unique("watch")
        service_names.append(name)
        docker(1, "service", "create", "--detach", "--name", name, "--replicas", "1", IMAGE, "sleep", "3600")
        created = wait_until(
            lambda: next((s for s in sink.added("services") if s.name == name), None), what="service added"
        )
        assert created.replicas == 1 and created.image.startswith(IMAGE)

        def running_tasks():
            return [
                t
                for t in watcher.state["tasks"].values()
                if t.service_id == created.id and t.state == "running" and t.desired_state == "running"
            ]

        wait_until(lambda: len(running_tasks()) == 1, 60, "one running task")
        assert_the_task_list_is_cut_task_by_task(cluster)
        docker(1, "service", "scale", "--detach", f"{name}=3")
        wait_until(
            lambda: any(s.id == created.id and s.replicas == 3 for s in sink.changed("services")),
            what="scale",
        )
        wait_until(lambda: len(running_tasks()) == 3, 60, "three running tasks")
        assert {t.slot for t in running_tasks()} == {1, 2, 3}

        docker(1, "service", "rm", name)
        wait_until(lambda: created.id in sink.removed("services"), what="service removed")
        wait_until(
            lambda: not any(t.service_id == created.id for t in watcher.state["tasks"].values()),
            60,
            "tasks of the removed service gone",
        )
        assert created.id not in watcher.state["services"]
    finally:
        watcher.stop()
    assert watcher.wait_stopped(10), "the watcher's threads did not end"
    assert not watcher.running
    # the reaper sets `stopped` as its last step, then ends too
    wait_until(
        lambda: not [t for t in threading.enumerate() if t.name.startswith("crane-")], 5, "no thread left"
    )


def test_node_drained_and_activated(cluster):
    sink = Recorder()
    watcher = Watcher(cluster, sink)
    watcher.start()
    try:
        wait_until(lambda: len(watcher.state["nodes"]) == 4, what="the four nodes")
        docker(1, "node", "update", "--availability", "drain", "node-4")
        drained = wait_until(
            lambda: next(
                (n for n in sink.changed("nodes") if n.hostname == "node-4" and n.availability == "drain"),
                None,
            ),
            what="node-4 drained",
        )
        docker(1, "node", "update", "--availability", "active", "node-4")
        wait_until(
            lambda: watcher.state["nodes"][drained.id].availability == "active", what="node-4 active again"
        )
    finally:
        docker(1, "node", "update", "--availability", "active", "node-4", check=False)
        watcher.stop()


def test_events_are_handed_on_with_secrets_and_the_diffs_still_come(cluster, service_names, tmp_path):
    sink, events = Recorder(), []
    watcher = Watcher(cluster, sink, on_event=events.append)
    watcher.start()
    secret = unique("watchsecret")
    try:
        wait_until(lambda: len(watcher.state["nodes"]) == 4, what="the four nodes")
        (tmp_path / "secret").write_text("x")
        docker(1, "secret", "create", secret, str(tmp_path / "secret"))
        name = unique("watch")
        service_names.append(name)
        docker(1, "service", "create", "--detach", "--name", name, "--replicas", "0", IMAGE, "sleep", "3600")
        wait_until(lambda: any(s.name == name for s in sink.added("services")), what="service added")
        wait_until(
            lambda: any(
                e["Type"] == "secret" and e["Actor"]["Attributes"].get("name") == secret for e in events
            ),
            what="the secret's event",
        )
        created = [
            e for e in events if e["Type"] == "service" and e["Actor"]["Attributes"].get("name") == name
        ]
        assert [e["Action"] for e in created] == ["create"]
    finally:
        watcher.stop()
        docker(1, "secret", "rm", secret, check=False)


def test_secrets_and_configs_follow_their_events(cluster):
    """Created, relabelled and removed out of band: seen from the events, long before the minute's relist."""
    sink = Recorder()
    watcher = Watcher(cluster, sink, ["secrets", "configs"])
    watcher.start()
    name = unique("watch-secret")
    try:
        wait_until(lambda: "secrets" in {k for k, _d in sink.diffs}, what="the first listing")
        secret_id = cluster.client.create_secret(name, b"pw")["ID"]
        cluster.client.create_config(name, b"conf", labels={"a": "1"})
        wait_until(lambda: any(s.name == name for s in sink.added("secrets")), 10, "secret added")
        added = wait_until(lambda: next((c for c in sink.added("configs") if c.name == name), None), 10)
        assert added.content == b"conf" and added.labels == (("a", "1"),)
        cluster.client.remove_secret(secret_id)
        wait_until(lambda: secret_id in sink.removed("secrets"), 10, "secret removed")
    finally:
        watcher.stop()
        client = cluster.client
        for listed, remove in (
            (client.secrets, client.remove_secret),
            (client.configs, client.remove_config),
        ):
            for item in listed(filters={"name": name}):
                remove(item["ID"])
