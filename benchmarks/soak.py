"""R7 soak: the app connected to the test swarm under churn for a long time; RSS, threads and open
file descriptors sampled every interval must stay flat (no growth trend beyond 10 %).

Churn, from a thread of its own through node-1's socket: every few seconds a service is created,
another scaled, the oldest removed; once a minute node-4 is drained and restored. The window shows the
node table and, when the app has one, the detail of a long-lived service (its tasks, logs, charts).

Run: .venv/bin/python -m benchmarks.soak --minutes 60      (CI runs --minutes 5 through the tests)
With --tracemalloc, each sample also prints the Python heap's size and the source lines whose
allocations grew most since the start (to tell the app's own objects from Qt's and the allocator's).
Exit 0 when flat, 1 when a measure grew more than --tolerance.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import statistics
import threading
import time
import tracemalloc
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import docker
import qasync
from PySide6.QtWidgets import QApplication

from benchmarks.churn import IMAGE, churn, node1_socket
from crane_desktop.demo import profile_path
from crane_desktop.engine.profiles import load_profile_file
from crane_desktop.session import ClusterSession
from crane_desktop.views.main_window import MainWindow

LABEL = "crane.soak"


def sample() -> tuple[int, int, int]:
    """(RSS in KiB, threads, open file descriptors) of this process."""
    status = Path("/proc/self/status").read_text().splitlines()
    rss = next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
    return rss, len(os.listdir("/proc/self/task")), len(os.listdir("/proc/self/fd"))


def report(label: str, minutes: float, measures: tuple[int, int, int]) -> None:
    rss, threads, fds = measures
    print(
        f"{label:5s} {minutes:5.1f} min  RSS {rss / 1024:7.1f} MiB  threads {threads:3d}  fds {fds:4d}"
        f"  load {os.getloadavg()[0]:.1f}",
        flush=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=60)
    parser.add_argument("--interval", type=float, default=60, help="seconds between samples")
    parser.add_argument("--churn-period", type=float, default=3)
    parser.add_argument("--tolerance", type=float, default=0.10)
    parser.add_argument("--tracemalloc", action="store_true", help="print what grew on the Python heap")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        return loop.run_until_complete(soak(args))


def heap_growth(baseline: tracemalloc.Snapshot, top: int = 8) -> None:
    """The Python heap now, and the places whose allocations grew most since `baseline`."""
    snapshot = tracemalloc.take_snapshot().filter_traces([tracemalloc.Filter(False, tracemalloc.__file__)])
    current, _peak = tracemalloc.get_traced_memory()
    print(f"      Python heap {current / 2**20:.1f} MiB; grew most since the start:", flush=True)
    for stat in snapshot.compare_to(baseline, "traceback")[:top]:
        # the frames nearest the allocation first (a traceback runs from the oldest frame)
        nearest = reversed(stat.traceback[-4:])
        frames = " <- ".join(
            f"{frame.filename.split('/site-packages/')[-1]}:{frame.lineno}" for frame in nearest
        )
        print(f"        {stat.size_diff / 1024:+9.1f} KiB {stat.count_diff:+7d} blocks  {frames}", flush=True)


async def soak(args: argparse.Namespace) -> int:
    window = MainWindow()
    window.show()
    await window.open_profile(ClusterSession(load_profile_file(profile_path()), window))
    keeper = docker.APIClient(base_url=node1_socket())
    logger = ["sh", "-c", "while true; do echo soak $(date); sleep 1; done"]
    keeper.create_service(
        docker.types.TaskTemplate(docker.types.ContainerSpec(IMAGE, logger)),
        name="soak-keeper",
        labels={LABEL: "1"},
    )
    while not any(s.name == "soak-keeper" for s in window.store.get("services").values()):
        await asyncio.sleep(0.1)
    keeper_id = next(s.id for s in window.store.get("services").values() if s.name == "soak-keeper")
    with contextlib.suppress(ImportError):  # a build without the service detail soaks the tables alone
        window.open_service(keeper_id)

    stop = threading.Event()
    options = {"period": args.churn_period, "prefix": "soak", "label": LABEL, "drain_every": 60}
    churner = threading.Thread(target=churn, args=(stop,), kwargs=options, daemon=True)
    churner.start()
    samples = [sample()]
    report("start", 0.0, samples[0])
    baseline = None
    if args.tracemalloc:
        tracemalloc.start(8)
        baseline = tracemalloc.take_snapshot()
    started = time.monotonic()
    try:
        while time.monotonic() - started < args.minutes * 60:
            await asyncio.sleep(args.interval)
            samples.append(sample())
            report("", (time.monotonic() - started) / 60, samples[-1])
            if baseline is not None:
                heap_growth(baseline)
    finally:
        stop.set()
        await asyncio.get_running_loop().run_in_executor(None, churner.join, 120)
        window.close_session()
        for service in keeper.services(filters={"label": LABEL}):
            keeper.remove_service(service["ID"])

    report("end", (time.monotonic() - started) / 60, samples[-1])
    first, last = samples[0], samples[-1]
    print(
        f"start -> end: RSS {first[0] / 1024:.1f} -> {last[0] / 1024:.1f} MiB, "
        f"threads {first[1]} -> {last[1]}, fds {first[2]} -> {last[2]}"
    )
    # the first third warms caches up; compare the last third with the middle third
    samples = samples[1:] or samples
    third = max(1, len(samples) // 3)
    verdicts = []
    for index, name in enumerate(("RSS", "threads", "fds")):
        middle = statistics.mean(s[index] for s in samples[third : 2 * third] or samples[:1])
        last = statistics.mean(s[index] for s in samples[-third:])
        growth = (last - middle) / middle if middle else 0.0
        verdicts.append(growth <= args.tolerance)
        print(f"{name}: {middle:.0f} -> {last:.0f} ({growth:+.1%})")
    print("soak: flat" if all(verdicts) else "soak: GROWTH beyond tolerance")
    return 0 if all(verdicts) else 1


if __name__ == "__main__":
    raise SystemExit(main())
