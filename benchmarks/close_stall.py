"""Close stall: the GUI thread's longest stall while a busy window closes.

The app (a MainWindow) is connected to the test swarm; five services' detail tabs are open with their
Logs and Monitoring tabs shown (a log stream and a stats stream each: ten streams), and one container's
detail with its Terminal tab (an exec session) and its own log stream. Then `window.close()`: the
watcher, every stream and the exec session stop. A 10 ms timer on the GUI thread records every gap
between its ticks from the close until a second after it (and, for comparison, in the 0.1 s
before it, while the streams run). Target: the longest gap <= 50 ms.
Also reported: how long `close()` itself took, and how long until every engine thread had ended.

Only MainWindow's public methods drive the app (open_profile, open_service, open_container, close);
tabs are shown through Qt's own QTabWidget API, found by their titles.

Run: CRANE_SWARM_INSTANCE=K .venv/bin/python -m benchmarks.close_stall [rounds=5]
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import threading
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

from benchmarks.p4_everything import StallProbe, wait_for
from crane_desktop.demo import profile_path
from crane_desktop.engine.profiles import load_profile_file
from crane_desktop.session import ClusterSession
from crane_desktop.views.main_window import MainWindow
from tests.swarm import IMAGE, docker, unique

SERVICES = 5
STREAM_THREADS = ("logs-", "stats-", "exec-")
ENGINE_THREADS = (*STREAM_THREADS, "crane-", "host-events")


def show_tab(detail: QWidget, title: str) -> None:
    """Show the tab called `title` in the detail (Qt's API only: the views are being rewritten)."""
    for tabs in detail.findChildren(QTabWidget):
        for index in range(tabs.count()):
            if tabs.tabText(index) == title:
                tabs.setCurrentIndex(index)
                return
    raise LookupError(f"no {title} tab")


def engine_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith(ENGINE_THREADS)]


def count(prefix: str) -> int:
    return sum(1 for t in threading.enumerate() if t.name.startswith(prefix))


async def one_round(profile, names: list[str]) -> dict[str, float]:
    window = MainWindow()
    window.resize(1400, 900)
    window.show()
    await window.open_profile(ClusterSession(profile, window))

    def services() -> list:
        return [s for s in window.store.get("services").values() if s.name in names]

    await wait_for(lambda: len(services()) == len(names), 30, "the services")
    ids = [s.id for s in services()]

    def running(service_id: str):
        return next(
            (
                t
                for t in window.store.get("tasks").values()
                if t.service_id == service_id and t.state == "running" and t.container_id
            ),
            None,
        )

    await wait_for(lambda: all(running(i) for i in ids), 60, "a running task of each service")
    for service_id in ids:
        detail = window.open_service(service_id)
        show_tab(detail, "Logs")
        show_tab(detail, "Monitoring")
    task = running(ids[0])
    container = window.open_container(task.node_id, task.container_id, "close-stall")
    show_tab(container, "Terminal")
    await wait_for(
        lambda: count("logs-") >= SERVICES + 1 and count("stats-") >= SERVICES and count("exec-") >= 1,
        60,
        "ten streams and a terminal",
    )
    await asyncio.sleep(1.0)  # let the streams run a moment, as a user's would
    threads = engine_threads()
    probe = StallProbe()
    probe.start()
    await asyncio.sleep(0.1)
    ticks_at_close = len(probe.gaps)
    began = time.perf_counter()
    window.close()
    close_ms = (time.perf_counter() - began) * 1000
    ticks_before = len(probe.gaps)
    while any(t.is_alive() for t in threads) and time.perf_counter() - began < 30:
        await asyncio.sleep(0.01)
    threads_end = (time.perf_counter() - began) * 1000
    await asyncio.sleep(max(0.0, 1.0 - threads_end / 1000))
    probe.timer.stop()
    left = [t.name for t in threads if t.is_alive()]
    window.deleteLater()
    return {
        "longest": max(probe.gaps[ticks_at_close:]),  # from the gap that holds close() on
        "before": max(probe.gaps[:ticks_at_close] or [0.0]),  # the streams' own load, for comparison
        "after": max(probe.gaps[ticks_before + 1 :] or [0.0]),
        "close": close_ms,
        "threads_end": threads_end,
        "streams": len([t for t in threads if t.name.startswith(STREAM_THREADS)]),
        "left": float(len(left)),
    }


async def run(rounds: int) -> None:
    profile = load_profile_file(profile_path())
    names = [unique("closestall") for _ in range(SERVICES)]
    command = ("sh", "-c", 'i=0; while true; do i=$((i+1)); echo "close-stall line $i"; sleep 0.05; done')
    for name in names:
        docker(
            1,
            "service",
            "create",
            "--detach",
            "--label",
            "crane.close_stall=1",
            "--name",
            name,
            IMAGE,
            *command,
        )
    try:
        results = []
        for number in range(rounds):
            result = await one_round(profile, names)
            results.append(result)
            print(
                f"  round {number + 1}: longest gap {result['longest']:.1f} ms "
                f"(in the 0.1 s before: {result['before']:.1f} ms), "
                f"close() {result['close']:.1f} ms, longest gap after it {result['after']:.1f} ms, "
                f"all {int(result['streams'])} stream threads "
                f"ended after {result['threads_end']:.0f} ms"
                + (f" ({int(result['left'])} left)" if result["left"] else "")
            )
        longest = statistics.median(r["longest"] for r in results)
        close = statistics.median(r["close"] for r in results)
        print(
            f"close stall over {rounds} rounds: median longest gap {longest:.1f} ms "
            f"(max {max(r['longest'] for r in results):.1f} ms), median close() {close:.1f} ms; "
            f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; target: longest <= 50 ms"
        )
    finally:
        for name in names:
            docker(1, "service", "rm", name, check=False)


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    sys.setswitchinterval(0.001)  # as crane_desktop/app.py does
    app = QApplication.instance() or QApplication([])
    app.setQuitOnLastWindowClosed(False)  # the benchmark closes its window each round
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        loop.run_until_complete(run(rounds))


if __name__ == "__main__":
    main()
