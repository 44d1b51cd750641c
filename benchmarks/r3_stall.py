"""R3 measured: the GUI thread's longest stall while the link to the manager stalls, is cut and heals.

The app (a MainWindow with its Nodes page, as a user has it) is connected to the test swarm through
the tests' loopback TCP proxy. Then, for `seconds` each: the proxy holds every byte (a stalled
network), the proxy cuts every connection (a link down), and traffic flows again. A 10 ms timer on the
GUI thread records every gap between its ticks throughout. Target: the longest gap <= 50 ms in every
phase, while the app says "reconnecting" and moves to another manager.

Run: CRANE_SWARM_INSTANCE=K .venv/bin/python -m benchmarks.r3_stall [seconds=10] [rtt_ms [mbit=20]]
(with rtt_ms, the proxy is a slow link: tests/tcp_proxy.SlowLinkProxy)
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
from dataclasses import replace

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync
from PySide6.QtWidgets import QApplication

from benchmarks.p4_everything import StallProbe, TimedApplication, wait_for
from crane_desktop import heap
from crane_desktop.demo import profile_path
from crane_desktop.engine.profiles import endpoint_host, endpoint_port, load_profile_file
from crane_desktop.session import ClusterSession
from crane_desktop.views.main_window import MainWindow
from tests.tcp_proxy import SlowLinkProxy, TCPProxy


def summary(gaps: list[float]) -> str:
    ordered = sorted(gaps)
    if not ordered:
        return "no ticks"
    p99 = ordered[int(0.99 * (len(ordered) - 1))]
    return f"longest {ordered[-1]:.1f} ms, p99 {p99:.1f} ms, median {ordered[len(ordered) // 2]:.1f} ms"


async def run(seconds: float, rtt_ms: float = 0, mbit: float = 20) -> None:
    profile = load_profile_file(profile_path())
    target = profile.managers[0]
    address = (endpoint_host(target), endpoint_port(target))
    proxy = SlowLinkProxy(address, rtt=rtt_ms / 1000, mbit=mbit) if rtt_ms else TCPProxy(address)
    window = MainWindow()
    window.resize(1400, 900)
    window.show()
    phases: list[str] = []
    try:
        await window.open_profile(ClusterSession(replace(profile, managers=(proxy.endpoint,)), window))
        await wait_for(lambda: window.node_model.rowCount() == 4, 30, "the node table")
        window.session.stateChanged.connect(lambda state: phases.append(state.phase))
        heap.settle()  # as the app does once its first window is up
        probe = StallProbe()
        results = []
        timed = QApplication.instance()
        for name, fault in (("stalled", proxy.pause), ("cut", proxy.cut), ("healed", proxy.resume)):
            fault()
            probe.start()
            if isinstance(timed, TimedApplication):
                timed.longest, timed.heaviest, timed.count, timed.recording = [], [], 0, True
            await asyncio.sleep(seconds)
            report = timed.report() if isinstance(timed, TimedApplication) else ""
            results.append((name, list(probe.gaps), probe.longest_cpu, report))
        probe.timer.stop()
        link = f", a link of {rtt_ms:.0f} ms RTT and {mbit:.0f} Mbit/s" if rtt_ms else ""
        print(
            f"R3 through a loopback proxy{link}, {seconds:.0f} s a phase; phases seen: {sorted(set(phases))}"
        )
        print(f"  ended on {window.session.cluster.endpoint} (proxy was {proxy.endpoint})")
        for name, gaps, cpu, report in results:
            print(f"  {name:8s} {summary(gaps)} over {len(gaps)} ticks; GUI CPU in the longest {cpu:.1f} ms")
            print(f"           work items: {report}")
        print(f"  load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; target: longest <= 50 ms")
    finally:
        proxy.resume()
        window.close_session()
        proxy.close()


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 10.0
    rtt_ms = float(sys.argv[2]) if len(sys.argv) > 2 else 0.0  # through a slow link: its round trip
    mbit = float(sys.argv[3]) if len(sys.argv) > 3 else 20.0
    sys.setswitchinterval(0.001)  # as crane_desktop/app.py does
    app = QApplication.instance() or TimedApplication([])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    started = time.monotonic()
    with loop:
        loop.run_until_complete(run(seconds, rtt_ms, mbit))
    print(f"  ({time.monotonic() - started:.0f} s in all)")


if __name__ == "__main__":
    main()
