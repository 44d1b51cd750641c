"""Idle following: what the app costs while it merely follows a quiet, big cluster.

The app (a MainWindow on its default page, as a user leaves it open) follows the test swarm loaded as
P1 loads it (benchmarks/p1_connect.py: 1,000 idle services and pending tasks, by default 10,000
tasks). Nothing changes meanwhile. Measured over `--seconds` windows, alternately:
- "quiet": neither the app nor anything else asking node-1's engine (its own background work);
- "app": the app following, connected to node-1 (the manager it uses);
- "watch": `docker service ls` every 2 s against node-1 (what `watch -n 2 docker service ls` does).
For each: the CPU node-1's dockerd used (utime + stime from /proc, % of one core) and, for "app", the
app process's own CPU (all its threads). The app's share of the manager is "app" minus "quiet"; the
target is that it adds no more than "watch" adds, and that the app uses <= 5 % of one core.

Run: CRANE_SWARM_INSTANCE=K .venv/bin/python -m benchmarks.idle_follow [--runs 5] [--seconds 30]
(after `python -m benchmarks.p1_connect --pending 9800 --keep` or with --populate).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync
from PySide6.QtWidgets import QApplication

from benchmarks.p1_connect import populate
from benchmarks.p4_everything import wait_for
from crane_desktop import heap
from crane_desktop.demo import profile_path
from crane_desktop.engine.profiles import load_profile_file
from crane_desktop.session import ClusterSession
from crane_desktop.views.main_window import MainWindow

TICKS = os.sysconf("SC_CLK_TCK")


def state_dir() -> Path:
    return profile_path().parent


def dockerd_pid(node: int = 1) -> int:
    return int((state_dir() / f"node-{node}" / "dockerd.pid").read_text().split()[0])


def process_cpu(pid: int) -> float:
    """Seconds of CPU (user + system, all threads) process `pid` has used."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def resident_mib() -> float:
    status = Path("/proc/self/status").read_text().splitlines()
    return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:")) / 1024


def node1_host() -> str:
    return f"unix://{Path(str(state_dir()).replace('/var/lib/', '/run/'))}/node-1.sock"


async def window_cpu(seconds: float, pid: int) -> tuple[float, float]:
    """(dockerd % of one core, this process % of one core) over `seconds`."""
    engine0, own0, wall0 = process_cpu(pid), time.process_time(), time.monotonic()
    await asyncio.sleep(seconds)
    wall = time.monotonic() - wall0
    return (process_cpu(pid) - engine0) / wall * 100, (time.process_time() - own0) / wall * 100


async def watch_cpu(seconds: float, pid: int) -> float:
    """dockerd % of one core while `docker service ls` runs every 2 s against it."""
    host = os.environ.get("CRANE_NODE1_SOCKET") or node1_host()
    engine0, wall0 = process_cpu(pid), time.monotonic()
    while time.monotonic() - wall0 < seconds:
        began = time.monotonic()
        proc = await asyncio.create_subprocess_exec(
            "docker", "-H", host, "service", "ls", stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        await proc.wait()
        await asyncio.sleep(max(0.0, 2.0 - (time.monotonic() - began)))
    return (process_cpu(pid) - engine0) / (time.monotonic() - wall0) * 100


async def run(args: argparse.Namespace) -> None:
    pid = dockerd_pid()
    quiet, watched, engine_app, app_own, loads, rss = [], [], [], [], [], []
    for index in range(args.runs):
        loads.append(os.getloadavg()[0])
        quiet.append((await window_cpu(args.seconds, pid))[0])
        watched.append(await watch_cpu(args.seconds, pid))
        window = MainWindow()
        window.resize(1400, 900)
        window.show()
        try:
            await window.open_profile(ClusterSession(load_profile_file(profile_path()), window))
            await wait_for(lambda: len(window.store.get("tasks")) >= args.tasks, 300, "the task list")  # noqa: B023
            heap.settle()
            await asyncio.sleep(args.settle)  # the first relists after connecting are not idle yet
            engine, own = await window_cpu(args.seconds, pid)
            engine_app.append(engine)
            app_own.append(own)
            rss.append(resident_mib())
        finally:
            window.close_session()
            window.close()
        await asyncio.sleep(3)  # the app's connections closed
        print(
            f"run {index + 1}: load {loads[-1]:.1f}; node-1 dockerd quiet {quiet[-1]:.1f} %, "
            f"with watch {watched[-1]:.1f} %, with the app {engine_app[-1]:.1f} %; "
            f"the app itself {app_own[-1]:.1f} % of one core, RSS {rss[-1]:.0f} MiB",
            flush=True,
        )
    median = statistics.median
    added_by_watch = median(w - q for w, q in zip(watched, quiet, strict=True))
    added_by_app = median(a - q for a, q in zip(engine_app, quiet, strict=True))
    print(f"Idle following, {args.tasks:,}+ tasks, medians of {args.runs} windows of {args.seconds:.0f} s")
    print(f"  load average median {median(loads):.1f} ({min(loads):.1f}-{max(loads):.1f})")
    print(f"  the app: {median(app_own):.1f} % of one core (target <= 5 %), RSS {median(rss):.0f} MiB")
    print(
        f"  node-1 dockerd: quiet {median(quiet):.1f} %, watch {median(watched):.1f} % "
        f"(+{added_by_watch:.1f}), app {median(engine_app):.1f} % (+{added_by_app:.1f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--settle", type=float, default=15.0)
    parser.add_argument("--tasks", type=int, default=10000, help="wait until the app holds this many")
    parser.add_argument("--populate", action="store_true", help="create the P1 load first (kept)")
    args = parser.parse_args()
    if args.populate:
        populate(1000, args.tasks - 200, 200)
    app = QApplication.instance() or QApplication([])
    app.setQuitOnLastWindowClosed(False)  # a window per run
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        loop.run_until_complete(run(args))


if __name__ == "__main__":
    main()
