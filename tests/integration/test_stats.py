"""Stats streams from a task's own node engine: a busy container against an idle one."""

from __future__ import annotations

import re
import threading

from crane_desktop.engine.snapshots import Node
from crane_desktop.engine.stats import StatsStream
from tests.swarm import IMAGE, docker, unique, wait_until


def _container(node: int, service: str) -> str:
    return wait_until(
        lambda: docker(
            node, "ps", "-q", "--no-trunc", "--filter", f"label=com.docker.swarm.service.name={service}"
        ),
        60,
        f"the container of {service}",
    )


def _bytes(text: str) -> float:
    number, unit = re.match(r"([\d.]+)\s*([KMG]?i?B)", text).groups()
    return float(number) * {"B": 1, "KiB": 1024, "MiB": 1024**2, "GiB": 1024**3}[unit]


def test_busy_container_uses_more_cpu_than_idle(cluster, service_names):
    busy, idle = unique("busy"), unique("idle")
    service_names.extend([busy, idle])
    for name, command in ((busy, "yes > /dev/null"), (idle, "sleep 3600")):
        docker(
            1,
            "service",
            "create",
            "--detach",
            "--name",
            name,
            "--constraint",
            "node.hostname==node-3",
            IMAGE,
            "sh",
            "-c",
            command,
        )
    busy_id, idle_id = _container(3, busy), _container(3, idle)
    node = next(Node.from_api(n) for n in cluster.client.nodes() if n["Description"]["Hostname"] == "node-3")
    samples: dict[str, list] = {busy_id: [], idle_id: []}
    lock = threading.Lock()

    def sink(container_id, sample, rates):
        with lock:
            samples[container_id].append((sample, rates))

    streams = [StatsStream(lambda: cluster.node_stream_client(node), cid, sink).start() for cid in samples]
    try:
        wait_until(lambda: all(len(s) >= 3 for s in samples.values()), 30, "three samples of each")
    finally:
        for stream in streams:
            stream.stop()
    with lock:
        busy_cpu = max(sample.cpu_percent for sample, _ in samples[busy_id][1:])
        idle_cpu = max(sample.cpu_percent for sample, _ in samples[idle_id][1:])
        idle_mem = samples[idle_id][-1][0]
    assert busy_cpu > 20.0, busy_cpu
    assert idle_cpu < 5.0, idle_cpu
    assert busy_cpu > 5 * idle_cpu + 10
    assert idle_mem.mem_limit > 0
    cli = docker(3, "stats", "--no-stream", "--format", "{{.MemUsage}}", idle_id)
    assert abs(_bytes(cli.split("/")[0]) - idle_mem.mem_usage) < 2 * 1024**2, (cli, idle_mem.mem_usage)
