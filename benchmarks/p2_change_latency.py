"""P2: an engine change made out of band -> the row updated in the app's table. Median of 20.

A node label is changed through node-1's own socket (as another operator's `docker node update`
would); the clock stops when the node table's row shows the new label. Target: median < 1 s.

Run: .venv/bin/python -m benchmarks.p2_change_latency   (test swarm up)
"""

from __future__ import annotations

import os
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import docker
from PySide6.QtWidgets import QApplication

from crane_desktop.demo import profile_path
from crane_desktop.engine.profiles import load_profile_file
from crane_desktop.engine.watcher import Watcher
from crane_desktop.models.nodes import NodeTableModel
from crane_desktop.session import ClusterSession

ROUNDS = 20
SOCKET = "unix:///run/crane-testswarm/node-1.sock"


def main() -> None:
    app = QApplication.instance() or QApplication([])
    profile = load_profile_file(profile_path())
    session = ClusterSession(profile)
    model = NodeTableModel()
    session.diffArrived.connect(lambda kind, change: model.apply_diff(change) if kind == "nodes" else None)
    session.cluster.connect()
    session.watcher = Watcher(session.cluster, session._sink)
    session.watcher.start()
    while model.rowCount() < 4:
        app.processEvents()
    raw = docker.APIClient(base_url=SOCKET)
    node = next(n for n in raw.nodes() if n["Description"]["Hostname"] == "node-4")
    latencies = []
    try:
        for round_number in range(ROUNDS):
            spec = raw.inspect_node(node["ID"])
            labels = dict(spec["Spec"].get("Labels") or {}, **{"p2.round": str(round_number)})
            started = time.perf_counter()
            raw.update_node(node["ID"], spec["Version"]["Index"], dict(spec["Spec"], Labels=labels))
            row = model.row_of(node["ID"])
            while ("p2.round", str(round_number)) not in model.object_at(row).labels:
                app.processEvents()
                time.sleep(0.001)
                row = model.row_of(node["ID"])
            latencies.append(time.perf_counter() - started)
    finally:
        spec = raw.inspect_node(node["ID"])
        labels = {k: v for k, v in (spec["Spec"].get("Labels") or {}).items() if k != "p2.round"}
        raw.update_node(node["ID"], spec["Version"]["Index"], dict(spec["Spec"], Labels=labels))
        session.close()
    print(f"P2 rounds={ROUNDS}")
    print(
        f"  engine change -> row updated: median {statistics.median(latencies) * 1000:.0f} ms, "
        f"max {max(latencies) * 1000:.0f} ms  (target: median < 1 s)"
    )


if __name__ == "__main__":
    main()
