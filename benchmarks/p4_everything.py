"""P4 everything at once: the app connected to the test swarm with a log flood in a service's Logs tab
(a task printing as fast as it can), the Monitoring charts of a service with N tasks (a stats stream
per container, each from its node's engine) in a window of their own, and table churn (a service
created, another scaled, the oldest removed every second). A 10 ms QTimer on the GUI thread measures
the stalls: the longest gap between its ticks and the 99th percentile (target: longest <= 50 ms).

Needs the test swarm (CRANE_SWARM_INSTANCE=K); removes what it creates.
Run: .venv/bin/python -m benchmarks.p4_everything [containers=100] [seconds=60] [lines/s, 0: unlimited]
[windows=1]
Every event the GUI loop dispatches is timed too (TimedApplication): the longest single work item.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import docker
import qasync
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from benchmarks.churn import IMAGE, churn, node1_socket
from crane_desktop import heap
from crane_desktop.demo import profile_path
from crane_desktop.engine.profiles import load_profile_file
from crane_desktop.session import ClusterSession
from crane_desktop.views.charts import ServiceCharts
from crane_desktop.views.log_view import ServiceLogs
from crane_desktop.views.main_window import MainWindow

LABEL = "crane.p4"
FLOOD = ["sh", "-c", 'i=0; while true; do i=$((i+1)); echo "p4 flood line $i level=info GET /x"; done']


class StallProbe:
    """A 10 ms timer on the GUI thread; every gap between its ticks is kept, with the CPU time the GUI
    thread itself used in it (a long gap with little CPU is the thread waiting, for a core or the GIL)."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self._tick)
        self.last = self.last_cpu = 0.0
        self.gaps: list[float] = []
        self.longest_cpu = 0.0  # GUI CPU ms within the longest gap

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        if self.last:
            gap = (now - self.last) * 1000
            if not self.gaps or gap > max(self.gaps):
                self.longest_cpu = (cpu - self.last_cpu) * 1000
            self.gaps.append(gap)
        self.last, self.last_cpu = now, cpu

    def start(self) -> None:
        self.last, self.gaps, self.longest_cpu = 0.0, [], 0.0
        self.timer.start()


def event_name(event) -> str:
    try:
        return str(event.type().name)
    except (AttributeError, ValueError):  # a type registered at run time
        return f"event {int(event.type())}"


def machine_busy() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine so far, from /proc/stat."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]
    ticks = os.sysconf("SC_CLK_TCK")
    return (sum(fields) - idle) / ticks, sum(fields) / ticks


def flood_command(rate: int) -> list[str]:
    """The flooding task: as fast as it can, or about `rate` lines a second (bursts every 10 ms)."""
    if not rate:
        return FLOOD
    batch = max(1, rate // 100)
    loop = (
        f"i=0; while true; do j=0; while [ $j -lt {batch} ]; do i=$((i+1)); j=$((j+1)); "
        'echo "p4 flood line $i level=info GET /x"; done; usleep 10000; done'
    )
    return ["sh", "-c", loop]


def describe(receiver, event) -> str:
    """The event and who got it (a timer's or notifier's owner says which slot it was)."""
    try:
        owner = receiver.parent() if hasattr(receiver, "parent") else None
    except RuntimeError:  # deleted by the event itself (DeferredDelete)
        owner = None
    of = f" of {type(owner).__name__}" if owner is not None else ""
    return f"{event_name(event)} to {type(receiver).__name__}{of}"


class TimedApplication(QApplication):
    """The GUI event loop instrumented: every event Qt dispatches from the loop (a timer's slot, a
    queued signal, a socket notifier running asyncio callbacks, a paint) is timed, wall clock and the
    GUI thread's own CPU; nested dispatches count in the outermost one. The longest single piece of
    GUI-thread work is what a user feels as a frozen window, whatever else loads the machine."""

    def __init__(self, argv: list[str]) -> None:
        super().__init__(argv)
        self.depth = 0
        self.recording = False
        self.longest: list[tuple[float, float, str]] = []  # (wall ms, CPU ms, what), the ten longest
        self.heaviest: list[tuple[float, float, str]] = []  # (CPU ms, wall ms, what), the ten costliest
        self.count = 0

    def notify(self, receiver, event) -> bool:
        if self.depth or not self.recording:
            self.depth += 1
            try:
                return super().notify(receiver, event)
            finally:
                self.depth -= 1
        self.depth = 1
        began, began_cpu = time.perf_counter(), time.thread_time()
        try:
            return super().notify(receiver, event)
        finally:
            self.depth = 0
            wall = (time.perf_counter() - began) * 1000
            cpu = (time.thread_time() - began_cpu) * 1000
            self.count += 1
            if len(self.longest) < 10 or wall > self.longest[-1][0]:
                what = describe(receiver, event)
                self.longest = sorted([*self.longest, (wall, cpu, what)], reverse=True)[:10]
            if len(self.heaviest) < 10 or cpu > self.heaviest[-1][0]:
                what = describe(receiver, event)
                self.heaviest = sorted([*self.heaviest, (cpu, wall, what)], reverse=True)[:10]

    def report(self) -> str:
        if not self.longest:
            return "no events timed"
        heaviest = "; ".join(f"{c:.1f} ms CPU ({w:.1f} wall) {x}" for c, w, x in self.heaviest[:4])
        longest = "; ".join(f"{w:.1f} ms wall ({c:.1f} CPU) {x}" for w, c, x in self.longest[:3])
        return f"{self.count:,} events; by GUI CPU: {heaviest}; by wall clock: {longest}"


class SlotTimer:
    """Wraps a widget's per-frame timer slot to measure the GUI time spent in it (longest and total)."""

    def __init__(self, timer: QTimer, slot) -> None:
        self.slot, self.longest, self.total, self.longest_cpu = slot, 0.0, 0.0, 0.0
        timer.timeout.disconnect(slot)
        timer.timeout.connect(self)

    def __call__(self) -> None:
        began, began_cpu = time.perf_counter(), time.thread_time()
        self.slot()
        spent = (time.perf_counter() - began) * 1000
        self.longest, self.total = max(self.longest, spent), self.total + spent
        self.longest_cpu = max(self.longest_cpu, (time.thread_time() - began_cpu) * 1000)


async def wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out waiting for {what}")
        await asyncio.sleep(0.2)


async def run(containers: int, seconds: float, rate: int = 0, windows: int = 1) -> None:
    client = docker.APIClient(base_url=node1_socket(), timeout=60)
    window = MainWindow()
    window.resize(1400, 900)
    window.show()
    stop = threading.Event()
    churner: threading.Thread | None = None
    charts: ServiceCharts | None = None
    try:
        await window.open_profile(ClusterSession(load_profile_file(profile_path()), window))
        client.create_service(
            docker.types.TaskTemplate(docker.types.ContainerSpec(IMAGE, ["sleep", "3600"])),
            name="p4-stats",
            labels={LABEL: "1"},
            mode=docker.types.ServiceMode("replicated", replicas=containers),
        )
        client.create_service(
            docker.types.TaskTemplate(docker.types.ContainerSpec(IMAGE, flood_command(rate))),
            name="p4-flood",
            labels={LABEL: "1"},
        )
        store = window.store

        def service_id(name: str) -> str:
            return next((s.id for s in store.get("services").values() if s.name == name), "")

        def running(name: str) -> int:
            sid = service_id(name)
            return sum(
                1
                for t in store.get("tasks").values()
                if t.service_id == sid and t.state == "running" and t.container_id
            )

        await wait_for(lambda: running("p4-stats") >= containers, 600, f"{containers} running tasks")
        await wait_for(lambda: running("p4-flood") >= 1, 120, "the flooding task")

        # the Monitoring tab, in its own window
        charts = ServiceCharts(window.context, service_id("p4-stats"))
        charts.setWindowFlags(Qt.WindowType.Window)
        charts.resize(1200, 800)
        charts.show()
        detail = window.open_service(service_id("p4-flood"))
        logs = next(w for w in detail.extra_tabs if isinstance(w, ServiceLogs))
        detail.tabs.setCurrentWidget(logs)
        window.show_page("apps")  # the churning table beside the detail (the page model updates anyway)
        window.tabs.setCurrentWidget(detail)
        await wait_for(lambda: len(charts.streams) >= containers, 60, "the stats streams")
        heap.settle()  # as the app does once its first window is up
        await asyncio.sleep(10)  # every stream connected and delivering; the log ring filling
        churned = [0]
        options = {"period": 1.0, "prefix": "p4-churn", "label": LABEL, "rounds": churned}
        churner = threading.Thread(target=churn, args=(stop,), kwargs=options, daemon=True)
        churner.start()

        log_flush, chart_flush = (
            SlotTimer(logs.view._timer, logs.view.flush),
            SlotTimer(charts._timer, charts.flush),
        )
        probe = StallProbe()
        timed = QApplication.instance()
        stalls: list[float] = []
        items: list[tuple[float, float]] = []  # (CPU ms, wall ms) of each window's longest work item
        for index in range(windows):
            for slot_timer in (log_flush, chart_flush):
                slot_timer.longest = slot_timer.total = slot_timer.longest_cpu = 0.0
            if isinstance(timed, TimedApplication):
                timed.longest, timed.heaviest, timed.count = [], [], 0
            lines0 = logs.view.ring.total
            samples0 = sum(len(s.t) for k, s in charts.series.items() if k != "total")
            load_before = os.getloadavg()[0]
            probe.start()
            gui_cpu0, app_cpu0, machine0 = time.thread_time(), time.process_time(), machine_busy()
            started = time.monotonic()
            if isinstance(timed, TimedApplication):
                timed.recording = True
            await asyncio.sleep(seconds)
            if isinstance(timed, TimedApplication):
                timed.recording = False
            probe.timer.stop()
            app_cpu = time.process_time() - app_cpu0
            machine = [b - a for a, b in zip(machine0, machine_busy(), strict=True)]
            wall = time.monotonic() - started
            load = os.getloadavg()[0]
            lines = (logs.view.ring.total) - lines0
            samples = sum(len(s.t) for k, s in charts.series.items() if k != "total") - samples0
            gaps = sorted(probe.gaps)
            gui_cpu = (time.thread_time() - gui_cpu0) / wall * 100
            p99 = gaps[int(0.99 * (len(gaps) - 1))] if gaps else 0.0
            p50 = gaps[len(gaps) // 2] if gaps else 0.0
            print(
                f"P4 {wall:.0f} s: log flood {lines / wall:,.0f} lines/s into the Logs tab "
                f"(ring {len(logs.view.ring):,}, dropped {logs.view.ring.dropped:,}); "
                f"{len(charts.streams)} containers' stats, {samples / wall:.0f} samples/s; "
                f"{churned[0]} churn rounds (create + scale + remove), {len(store.get('services'))} services"
            )
            print(
                f"GUI stall probe (10 ms timer, {len(gaps)} ticks): longest {gaps[-1] if gaps else 0:.1f} ms "
                f"(target <= 50 ms; the GUI thread's own CPU in it {probe.longest_cpu:.1f} ms), "
                f"p99 {p99:.1f} ms, median {p50:.1f} ms; "
                f"load average {load_before:.1f} -> {load:.1f} on {os.cpu_count()} CPUs; "
                f"GUI thread CPU {gui_cpu:.0f} % of one core"
            )
            print(
                f"GUI time in the log view's flush: longest {log_flush.longest:.1f} ms "
                f"({log_flush.longest_cpu:.1f} ms CPU), "
                f"{log_flush.total / wall / 10:.1f} % of the thread; "
                f"in the charts' flush: longest {chart_flush.longest:.1f} ms "
                f"({chart_flush.longest_cpu:.1f} ms CPU), "
                f"{chart_flush.total / wall / 10:.1f} %"
            )
            print(
                f"CPU: the app {app_cpu / wall * 100:.0f} % of one core; the machine "
                f"{machine[0] / wall * 100:.0f} % of one core busy of {machine[1] / wall * 100:.0f} %, so "
                "everything else (the load generator, the swarm, other runs) "
                f"{(machine[0] - app_cpu) / wall * 100:.0f} %"
            )
            if isinstance(timed, TimedApplication):
                print(f"GUI event loop (target: the longest work item <= 16 ms): {timed.report()}")
                items.append(timed.heaviest[0][:2] if timed.heaviest else (0.0, 0.0))
            stalls.append(gaps[-1] if gaps else 0.0)
            print(f"-- window {index + 1} of {windows} --", flush=True)
        print(
            f"P4 over {windows} windows of {seconds:.0f} s: longest stall median "
            f"{statistics.median(stalls):.1f} ms ({', '.join(f'{x:.0f}' for x in stalls)}); "
            "the longest work item's GUI CPU median "
            f"{statistics.median(c for c, _w in items) if items else 0:.1f} ms "
            f"({', '.join(f'{c:.1f}/{w:.0f}' for c, w in items)} ms CPU/wall)"
        )
    finally:
        stop.set()
        if churner is not None:
            await asyncio.get_running_loop().run_in_executor(None, churner.join, 60)
        if charts is not None:
            charts.close_streams()
            charts.close()
        window.close_session()
        for service in client.services(filters={"label": LABEL}):
            client.remove_service(service["ID"])


def main() -> None:
    containers = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 60.0
    sys.setswitchinterval(float(os.environ.get("SWITCH_INTERVAL", "0.001")))  # as crane_desktop/app.py does
    rate = int(sys.argv[3]) if len(sys.argv) > 3 else 0  # log lines a second; 0: as fast as it can
    windows = int(sys.argv[4]) if len(sys.argv) > 4 else 1  # measured one after the other, same setup
    app = QApplication.instance() or TimedApplication([])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        loop.run_until_complete(run(containers, seconds, rate, windows))


if __name__ == "__main__":
    main()
