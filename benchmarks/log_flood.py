"""Log flood: 50,000 lines/s into a visible LogView for 10 s (ring of 100,000 lines).

A producer thread parses raw engine lines (timestamps, levels) as a LogStream does and hands batches to
the view's thread-safe sink; the GUI thread only flushes once per frame. Measures the longest stall of
the GUI thread (a 2 ms ticker's largest gap, target <= 50 ms), lines shown, lines dropped, and the
resident memory after the ring filled vs at the end (must not grow past the bound).

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks.log_flood [lines_per_s] [seconds]
"""

from __future__ import annotations

import os
import sys
import threading
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QTimer
from PySide6.QtWidgets import QApplication

from crane_desktop import heap
from crane_desktop.engine.logs import parse_line
from crane_desktop.views.log_view import LogView

LEVELS = ("INFO", "level=warn", "ERROR", "[debug]", "E1126 15:04:05.000000 1 x.go:1]", "GET")


def _rss() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def main() -> None:
    rate = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 10.0
    sys.setswitchinterval(float(os.environ.get("SWITCH_INTERVAL", "0.001")))  # as the app does
    app = QApplication.instance() or QApplication([])
    view = LogView(capacity=100_000, show_source=True)
    view.resize(1200, 700)
    view.show()
    view.search.setText("timeout")  # highlighting on, as a user would have it
    heap.settle()  # as the app does once its first window is up
    stop = threading.Event()
    produced = [0]
    flush_ms: list[float] = []
    original_flush = view.flush

    def timed_flush() -> None:
        began = time.thread_time()
        original_flush()
        flush_ms.append((time.thread_time() - began) * 1000)

    view._timer.timeout.disconnect(original_flush)
    view._timer.timeout.connect(timed_flush)

    def produce() -> None:
        batch = 500
        interval = batch / rate
        next_at = time.perf_counter()
        n = 0
        while not stop.is_set():
            lines = []
            for _ in range(batch):
                raw = (
                    f"2026-11-26T15:04:05.{n % 1000000:06d}000Z {LEVELS[n % 6]} request {n} "
                    f"handled by worker-{n % 8} in {n % 97} ms{' timeout' if n % 50 == 0 else ''}"
                )
                lines.append(parse_line(raw)._replace(source=f"web.{n % 3 + 1}@node-{n % 3 + 1}"))
                n += 1
            view.sink(lines)
            produced[0] = n
            next_at += interval
            delay = next_at - time.perf_counter()
            if delay > 0:
                time.sleep(delay)

    clock = QElapsedTimer()
    clock.start()
    gaps: list[int] = []
    last = [clock.elapsed()]

    def tick() -> None:
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    ticker = QTimer()
    ticker.setInterval(2)
    ticker.timeout.connect(tick)
    ticker.start()
    producer = threading.Thread(target=produce, daemon=True)
    started = time.perf_counter()
    producer.start()
    heap_full = 0
    while time.perf_counter() - started < seconds:
        app.processEvents()
        if not heap_full and len(view.ring) >= view.ring.capacity:
            heap_full = _rss()
            gaps.clear()  # stalls measured once the ring is full and dropping (the steady state)
            flush_ms.clear()
        time.sleep(0.001)
    stop.set()
    producer.join()
    elapsed = time.perf_counter() - started
    app.processEvents()
    heap_end = _rss()
    ticker.stop()
    gaps.sort()
    print(f"produced {produced[0]:,} lines in {elapsed:.1f} s = {produced[0] / elapsed:,.0f} lines/s")
    print(
        f"ring: {len(view.ring):,} lines retained, {view.ring.dropped:,} dropped; "
        f"status: {view.status.text()}"
    )
    if gaps:
        print(
            f"GUI stall (ticker gap) max {gaps[-1]} ms, p99 {gaps[int(len(gaps) * 0.99)]} ms, "
            f"median {gaps[len(gaps) // 2]} ms over {len(gaps)} ticks"
        )
    if flush_ms:
        flush_ms.sort()
        print(
            "GUI thread CPU per frame (flush into ring + view): "
            f"median {flush_ms[len(flush_ms) // 2]:.1f} ms, "
            f"p99 {flush_ms[int(len(flush_ms) * 0.99)]:.1f} ms, max {flush_ms[-1]:.1f} ms "
            f"over {len(flush_ms)} frames"
        )
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    if heap_full:
        print(f"RSS when the ring filled {heap_full / 2**20:.1f} MiB, at the end {heap_end / 2**20:.1f} MiB")
    view.close_streams()


if __name__ == "__main__":
    main()
