"""P1: connect to "all tables populated" against the raw list calls of the same data.

Against the real test swarm (scripts/testswarm up) loaded with 1,000 services (replicas 0) and 3,000
tasks (2,800 pending: no node matches them; 200 running across the nodes). "App" is the whole path a
user waits for: profile -> pre-flight checks -> watcher's first listing of nodes, services, tasks and
networks -> the node table model filled. "Floor" is a fresh
docker-py client (TLS handshake, version negotiation) making the four raw list calls, in the same
process: the least any client must do to show the same data. Target: app <= 1.3x floor.

Run: CRANE_SWARM_INSTANCE=K .venv/bin/python -m benchmarks.p1_connect [--services 1000] [--keep]
"""

from __future__ import annotations

import argparse
import os
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import docker
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from benchmarks.churn import IMAGE, node1_socket
from crane_desktop import demo
from crane_desktop.engine.client import make_client
from crane_desktop.engine.cluster import Cluster
from crane_desktop.engine.profiles import endpoint_host, endpoint_port, load_profile_file
from crane_desktop.engine.watcher import CLUSTER_KINDS, Watcher
from crane_desktop.models.nodes import NodeTableModel
from tests.tcp_proxy import SlowLinkProxy

PROFILE = os.environ.get("CRANE_TEST_PROFILE") or str(demo.profile_path())
LABEL = "crane.bench"
# Tasks whose placement no node satisfies stay pending: the task count of a big swarm without its
# containers.
NOWHERE = "node.labels.crane.bench.nowhere==1"


def populate(services: int, pending: int, running: int) -> None:
    """Create the load once: idle services with 0 replicas, services whose tasks stay pending (no node
    matches), and services whose tasks run `sleep` across the nodes."""
    client = docker.APIClient(base_url=node1_socket(), timeout=120)
    existing = {s["Spec"]["Name"] for s in client.services(filters={"label": LABEL})}

    def create(name: str, replicas: int, constraints: list[str] | None = None) -> None:
        if name in existing:
            return
        client.create_service(
            docker.types.TaskTemplate(
                docker.types.ContainerSpec(IMAGE, ["sleep", "86400"]),
                placement=docker.types.Placement(constraints=constraints) if constraints else None,
            ),
            name=name,
            mode=docker.types.ServiceMode("replicated", replicas=replicas),
            labels={LABEL: "p1"},
        )

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda i: create(f"p1-idle-{i:04d}", 0), range(services)))
    for i, replicas in enumerate(split(pending, 500)):
        create(f"p1-pending-{i}", replicas, [NOWHERE])
    for i, replicas in enumerate(split(running, 100)):
        create(f"p1-running-{i}", replicas)
    deadline = time.monotonic() + 900
    while True:
        tasks = client.tasks(filters={"label": LABEL})
        if (
            len(tasks) >= pending + running
            and sum(t["Status"]["State"] == "running" for t in tasks) >= running
        ):
            return
        if time.monotonic() > deadline:
            raise SystemExit("the benchmark's tasks were not all created (and running) in 15 minutes")
        time.sleep(2)


def split(total: int, size: int) -> list[int]:
    """`total` replicas in services of at most `size` each."""
    return [min(size, total - start) for start in range(0, total, size)]


def cleanup() -> None:
    client = docker.APIClient(base_url=node1_socket(), timeout=120)
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(client.remove_service, [s["ID"] for s in client.services(filters={"label": LABEL})]))


class Bridge(QObject):
    diff = Signal(str, object)


def time_app(app: QApplication, profile) -> tuple[float, float]:
    """Seconds from nothing to every watched kind listed and the node table filled, and the CPU
    seconds this process used meanwhile (all its threads)."""
    model = NodeTableModel()
    bridge = Bridge()
    seen: set[str] = set()
    lock = threading.Lock()

    def on_diff(kind, change):
        if kind == "nodes":
            model.apply_diff(change)
        with lock:
            seen.add(kind)

    bridge.diff.connect(on_diff)
    started, cpu = time.perf_counter(), time.process_time()
    cluster = Cluster(profile)
    cluster.connect()
    watcher = Watcher(cluster, bridge.diff.emit)
    watcher.start()
    while True:
        app.processEvents()
        with lock:
            if seen >= set(CLUSTER_KINDS) and model.loaded:
                break
        time.sleep(0.001)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    watcher.stop()
    cluster.close()
    return elapsed, cpu


def time_floor(profile) -> tuple[float, float, dict[str, int]]:
    """The least any client must do for the same data: open a TLS connection, list the four kinds.
    Seconds, CPU seconds of this process, and the counts."""
    started, cpu = time.perf_counter(), time.process_time()
    client = make_client(profile.managers[0], profile.tls)
    counts = {
        "nodes": len(client.nodes()),
        "services": len(client.services()),
        "tasks": len(client.tasks()),
        "networks": len(client.networks()),
    }
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    client.close()
    return elapsed, cpu, counts


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--services", type=int, default=1000)
    parser.add_argument("--pending", type=int, default=2800, help="tasks that stay pending")
    parser.add_argument("--running", type=int, default=200, help="tasks that run across the nodes")
    parser.add_argument("--keep", action="store_true", help="leave the load on the swarm")
    parser.add_argument("--rounds", type=int, default=21, help="floor and app timed alternately, medians")
    parser.add_argument("--rtt-ms", type=float, default=0, help="through a slow link of this round trip")
    parser.add_argument("--mbit", type=float, default=20.0, help="the slow link's rate each way")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    profile = load_profile_file(PROFILE)
    populate(args.services, args.pending, args.running)
    link = None
    if args.rtt_ms:  # both the floor and the app reach the manager through the same slow link
        target = profile.managers[0]
        link = SlowLinkProxy(
            (endpoint_host(target), endpoint_port(target)), rtt=args.rtt_ms / 1000, mbit=args.mbit
        )
        profile = replace(profile, managers=(link.endpoint,))
        print(f"through a link of {args.rtt_ms:.0f} ms RTT and {args.mbit:.0f} Mbit/s ({link.endpoint})")
    try:
        floors, apps, floor_cpus, app_cpus, counts = [], [], [], [], {}
        load = os.getloadavg()[0]
        for _ in range(args.rounds):
            floor, floor_cpu, counts = time_floor(profile)
            floors.append(floor)
            floor_cpus.append(floor_cpu)
            elapsed, cpu = time_app(app, profile)
            apps.append(elapsed)
            app_cpus.append(cpu)
        median = statistics.median
        floor_median, app_median = median(floors), median(apps)
        print(f"P1 {counts}, {args.rounds} rounds, load average {load:.1f} -> {os.getloadavg()[0]:.1f}")
        floor_cpu, app_cpu = median(floor_cpus), median(app_cpus)
        print(f"  raw list calls (floor): median {floor_median * 1000:.0f} ms, {floor_cpu * 1000:.0f} ms CPU")
        print(f"  connect -> populated:   median {app_median * 1000:.0f} ms, {app_cpu * 1000:.0f} ms CPU")
        print(
            f"  ratio: {app_median / floor_median:.2f}x  (target <= 1.3x); "
            f"CPU ratio {app_cpu / floor_cpu:.2f}x"
        )
    finally:
        if link is not None:
            link.close()
        if not args.keep:
            cleanup()


if __name__ == "__main__":
    main()
