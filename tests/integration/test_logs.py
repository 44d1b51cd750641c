"""Log streams against the real swarm: a container's new lines followed, a service's tasks merged."""

from __future__ import annotations

import threading

from crane_desktop.engine.logs import ERROR, STDERR, WARNING, LogRequest, LogStream
from crane_desktop.engine.snapshots import Node
from tests.swarm import IMAGE, docker, unique, wait_until


class Lines:
    def __init__(self) -> None:
        self.lines = []
        self.lock = threading.Lock()

    def __call__(self, batch) -> None:
        with self.lock:
            self.lines.extend(batch)

    def texts(self):
        with self.lock:
            return [line.text for line in self.lines]


def _node(cluster, hostname: str) -> Node:
    return next(Node.from_api(n) for n in cluster.client.nodes() if n["Description"]["Hostname"] == hostname)


def _on_two_managers(name: str, script: str) -> None:
    """A 2-replica service running `script`, one task on each of two managers."""
    placement = ("--replicas", "2", "--replicas-max-per-node", "1", "--constraint", "node.role==manager")
    docker(1, "service", "create", "--detach", "--name", name, *placement, IMAGE, "sh", "-c", script)


def test_container_logs_follow_new_lines(cluster, service_names):
    name = unique("logs")
    service_names.append(name)
    docker(
        1,
        "service",
        "create",
        "--detach",
        "--name",
        name,
        "--constraint",
        "node.hostname==node-2",
        IMAGE,
        "sh",
        "-c",
        "echo first; echo '[WARN] careful' >&2; sleep 3600",
    )
    wait_until(
        lambda: docker(2, "ps", "-q", "--filter", f"label=com.docker.swarm.service.name={name}"),
        60,
        "the task's container on node-2",
    )
    container = docker(2, "ps", "-q", "--no-trunc", "--filter", f"label=com.docker.swarm.service.name={name}")
    node = _node(cluster, "node-2")
    sink = Lines()
    ended = []
    stream = LogStream(
        lambda: cluster.node_stream_client(node), LogRequest("container", container), sink, ended.append
    ).start()
    try:
        wait_until(lambda: "[WARN] careful" in sink.texts(), 20, "the existing lines")
        warn = next(line for line in sink.lines if line.text == "[WARN] careful")
        assert warn.stream == STDERR and warn.level == WARNING and warn.time.startswith("20")
        docker(2, "exec", container, "sh", "-c", "echo 'ERROR late line' > /proc/1/fd/1")
        wait_until(lambda: "ERROR late line" in sink.texts(), 20, "the new line, followed")
        late = next(line for line in sink.lines if line.text == "ERROR late line")
        assert late.level == ERROR
    finally:
        stream.stop()  # returns at once; the thread ends on its own
    assert stream.wait_stopped(10) and not stream.running
    assert ended == []  # a stop is not reported as an end


def test_service_logs_merge_tasks_on_two_nodes_with_tags(cluster, service_names):
    name = unique("slogs")
    service_names.append(name)
    _on_two_managers(name, 'while true; do echo "hello from $(hostname)"; sleep 0.5; done')
    service_id = docker(1, "service", "inspect", "--format", "{{.ID}}", name)
    nodes = {n["ID"]: n["Description"]["Hostname"] for n in cluster.client.nodes()}
    sink = Lines()
    stream = LogStream(
        cluster.stream_client,
        LogRequest("service", service_id, tail=10),
        sink,
        tagger=lambda line: f"{name}@{nodes.get(line.node_id, '?')}",
    ).start()
    try:

        def two_sources():
            with sink.lock:
                return len({(line.task_id, line.node_id) for line in sink.lines}) >= 2

        wait_until(two_sources, 60, "lines of both tasks")
        with sink.lock:
            lines = list(sink.lines)
        hosts = {line.source for line in lines}
        assert len(hosts) == 2 and all(h.startswith(name + "@node-") for h in hosts)
        assert all(line.text.startswith("hello from ") and line.task_id for line in lines)
    finally:
        stream.stop()


def test_service_logs_backfill_comes_in_time_order_then_follows(cluster, service_names):
    """The engine sends a service's past lines task by task; the stream hands them over in time order
    and then follows without repeating the last of them."""
    name = unique("ologs")
    service_names.append(name)
    past = 'for i in 1 2 3 4 5 6; do echo "past $i"; sleep 0.2; done'
    _on_two_managers(name, past + "; while :; do echo tick; sleep 1; done")
    service_id = docker(1, "service", "inspect", "--format", "{{.ID}}", name)
    wait_until(
        lambda: docker(1, "service", "logs", "--raw", service_id).count("past 6") == 2,
        60,
        "both tasks' past lines",
    )
    sink = Lines()
    stream = LogStream(cluster.stream_client, LogRequest("service", service_id, tail=8), sink).start()
    try:
        wait_until(lambda: len(sink.texts()) >= 20, 30, "the past lines, then new ones")
        with sink.lock:
            lines = list(sink.lines)
        backfill = lines[:16]  # the last 8 of each task
        assert len({line.task_id for line in backfill}) == 2
        assert [line.time for line in backfill] == sorted(line.time for line in backfill)
        assert all(line.time >= backfill[-1].time for line in lines[16:])
        stamped = [(line.time, line.task_id) for line in lines]
        assert len(stamped) == len(set(stamped))  # nothing repeated where the backfill ends
    finally:
        stream.stop()
