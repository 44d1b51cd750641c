"""P1: connect to "all tables populated" against the raw list calls of the same data.

Against the real test swarm (scripts/testswarm up) loaded with 1,000 services (replicas 0) and a few
hundred tasks. "App" is the whole path a user waits for: profile -> pre-flight checks -> watcher's first
listing of nodes, services, tasks and networks -> the node table model filled. "Floor" is a fresh
docker-py client (TLS handshake, version negotiation) making the four raw list calls, in the same
process: the least any client must do to show the same data. Target: app <= 1.3x floor.

Run: .venv/bin/python -m benchmarks.p1_connect [--services 1000] [--keep]
"""

from __future__ import annotations

import argparse
import os
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import docker
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from crane_desktop.engine.client import make_client
from crane_desktop.engine.cluster import Cluster
from crane_desktop.engine.profiles import load_profile_file
from crane_desktop.engine.watcher import CLUSTER_KINDS, Watcher
from crane_desktop.models.nodes import NodeTableModel

PROFILE = os.environ.get("CRANE_TEST_PROFILE", "/var/lib/crane-testswarm/profile.json")
SOCKET = "unix:///run/crane-testswarm/node-1.sock"
IMAGE = "127.0.0.1:5000/crane/busybox:1"
LABEL = "crane.bench"
ROUNDS = 11


def populate(services: int, task_services: int, replicas: int) -> None:
    """Create the load once: idle services with 0 replicas and a few services whose tasks complete."""
    client = docker.APIClient(base_url=SOCKET, timeout=60)
    existing = {s["Spec"]["Name"] for s in client.services(filters={"label": LABEL})}
    wanted = [f"p1-idle-{i:04d}" for i in range(services)]

    def create_idle(name: str) -> None:
        client.create_service(
            docker.types.TaskTemplate(docker.types.ContainerSpec(IMAGE, ["sleep", "3600"])),
            name=name,
            mode=docker.types.ServiceMode("replicated", replicas=0),
            labels={LABEL: "p1"},
        )

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(create_idle, [n for n in wanted if n not in existing]))
    for i in range(task_services):
        name = f"p1-tasks-{i}"
        if name in existing:
            continue
        client.create_service(
            docker.types.TaskTemplate(
                docker.types.ContainerSpec(IMAGE, ["true"]),
                restart_policy=docker.types.RestartPolicy(condition="none"),
            ),
            name=name,
            mode=docker.types.ServiceMode("replicated", replicas=replicas),
            labels={LABEL: "p1"},
        )
    deadline = time.monotonic() + 600
    while len(client.tasks(filters={"label": LABEL})) < task_services * replicas:
        if time.monotonic() > deadline:
            raise SystemExit("the benchmark's tasks were not created in 10 minutes")
        time.sleep(1)


def cleanup() -> None:
    client = docker.APIClient(base_url=SOCKET, timeout=60)
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(client.remove_service, [s["ID"] for s in client.services(filters={"label": LABEL})]))


class Bridge(QObject):
    diff = Signal(str, object)


def time_app(app: QApplication, profile) -> float:
    """Seconds from nothing to every watched kind listed and the node table filled."""
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
    started = time.perf_counter()
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
    elapsed = time.perf_counter() - started
    watcher.stop()
    cluster.close()
    return elapsed


def time_floor(profile) -> tuple[float, dict[str, int]]:
    """The least any client must do for the same data: open a TLS connection, list the four kinds."""
    started = time.perf_counter()
    client = make_client(profile.managers[0], profile.tls)
    counts = {
        "nodes": len(client.nodes()),
        "services": len(client.services()),
        "tasks": len(client.tasks()),
        "networks": len(client.networks()),
    }
    elapsed = time.perf_counter() - started
    client.close()
    return elapsed, counts


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--services", type=int, default=1000)
    parser.add_argument("--task-services", type=int, default=3)
    parser.add_argument("--replicas", type=int, default=100)
    parser.add_argument("--keep", action="store_true", help="leave the load on the swarm")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    profile = load_profile_file(PROFILE)
    populate(args.services, args.task_services, args.replicas)
    try:
        floors, apps, counts = [], [], {}
        for _ in range(ROUNDS):
            floor, counts = time_floor(profile)
            floors.append(floor)
            apps.append(time_app(app, profile))
        floor_median, app_median = statistics.median(floors), statistics.median(apps)
        print(f"P1 {counts}")
        print(f"  raw list calls (floor): median {floor_median * 1000:.0f} ms")
        print(f"  connect -> populated:   median {app_median * 1000:.0f} ms")
        print(f"  ratio: {app_median / floor_median:.2f}x  (target <= 1.3x)")
    finally:
        if not args.keep:
            cleanup()


if __name__ == "__main__":
    main()
