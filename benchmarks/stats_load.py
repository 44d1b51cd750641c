"""Stats load: N containers' stats at 1 Hz (each from its own node's engine) into one visible charts view
with a series per container and a total, as a service with N tasks shows them. Measures the app's CPU
(all its threads: the stream readers, the JSON parsing and the charts) over a minute: target <= 25 % of
one core for 100 containers.

Needs the test swarm (CRANE_SWARM_INSTANCE=K). Creates a service of N idle tasks, removes it at the end.
Run: QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks.stats_load [containers] [seconds]
"""

from __future__ import annotations

import os
import resource
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from crane_desktop.engine.cluster import Cluster
from crane_desktop.engine.snapshots import Node, Task
from crane_desktop.engine.stats import StatsStream
from crane_desktop.views.charts import ChartsWidget
from tests.swarm import IMAGE, docker, swarm_profile, unique, wait_until


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 60.0
    app = QApplication.instance() or QApplication([])
    name = unique("statsload")
    docker(
        1, "service", "create", "--detach", "--name", name, "--replicas", str(count), IMAGE, "sleep", "3600"
    )
    cluster = Cluster(swarm_profile())
    cluster.connect()
    streams: list[StatsStream] = []
    try:
        service_id = docker(1, "service", "inspect", "--format", "{{.ID}}", name)

        def running() -> list[Task]:
            tasks = [Task.from_api(t) for t in cluster.client.tasks(filters={"service": service_id})]
            return [t for t in tasks if t.state == "running" and t.container_id]

        tasks = wait_until(
            lambda: (found := running()) and len(found) >= count and found, 600, f"{count} tasks"
        )
        nodes = {n["ID"]: Node.from_api(n) for n in cluster.client.nodes()}
        charts = ChartsWidget(with_total=True)
        gui_cpu = [0.0]
        original_flush = charts.flush

        def timed_flush() -> None:
            began = time.thread_time()
            original_flush()
            gui_cpu[0] += time.thread_time() - began

        charts._timer.timeout.disconnect(original_flush)
        charts._timer.timeout.connect(timed_flush)
        charts.resize(1400, 900)
        charts.show()
        for task in tasks:
            node = nodes[task.node_id]
            label = f"{name}.{task.slot}@{node.hostname}"

            def sink(cid, sample, rates, key=task.id, label=label):
                charts.sink(key, label, sample, rates)

            streams.append(
                StatsStream(
                    lambda node=node: cluster.node_stream_client(node), task.container_id, sink
                ).start()
            )
        warm_until = time.monotonic() + 10  # let every stream connect and deliver its first samples
        while time.monotonic() < warm_until:
            app.processEvents()
            time.sleep(0.01)
        cpu0, wall0 = cpu_seconds(), time.monotonic()
        gui_cpu[0] = 0.0
        samples0 = sum(len(s.t) for k, s in charts.series.items() if k != "total")
        gui_thread = time.thread_time()
        while time.monotonic() - wall0 < seconds:
            app.processEvents()
            time.sleep(0.01)
        gui_thread = time.thread_time() - gui_thread
        cpu, wall = cpu_seconds() - cpu0, time.monotonic() - wall0
        gui = gui_cpu[0]
        samples = sum(len(s.t) for k, s in charts.series.items() if k != "total") - samples0
        print(
            f"{len(streams)} containers on {len({t.node_id for t in tasks})} nodes, {wall:.0f} s: "
            f"{samples / wall:.0f} samples/s into {len(charts.series)} series"
        )
        print(
            f"app CPU {cpu:.1f} s over {wall:.0f} s = {100 * cpu / wall:.1f} % of one core (target <= 25 %); "
            f"of which the GUI thread {100 * gui_thread / wall:.1f} % (the charts' data update "
            f"{100 * gui / wall:.1f} %, the rest painting); "
            f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
        )
    finally:
        for stream in streams:
            stream.stop(join=0)
        cluster.close()
        docker(1, "service", "rm", name, check=False)


if __name__ == "__main__":
    main()
