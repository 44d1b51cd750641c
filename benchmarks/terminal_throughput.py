"""Terminal throughput on 3.9 MB of log-like output (colours, long lines, CJK now and then).

1. Each emulator alone (feed everything), then the widget (bytes through its frame pump, the dirty rows
   repainted on a visible widget): ratio widget / emulator, target >= 0.8x.
2. With the test swarm up (CRANE_SWARM_INSTANCE=K): the raw exec stream of `cat FILE` read to the end
   (what `docker exec ... cat FILE > /dev/null` costs) against the same exec shown by the widget with
   libghostty: target >= 0.5x.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks.terminal_throughput [--exec]
"""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from crane_desktop.terminal.backends import available, create
from crane_desktop.terminal.widget import TerminalWidget

SIZE = 3_900_000


def sample_output(size: int = SIZE) -> bytes:
    parts = []
    n = 0
    total = 0
    while total < size:
        line = (
            f"\x1b[32m2026-11-26T15:04:{n % 60:02d}Z\x1b[0m \x1b[1mINFO\x1b[0m request {n} "
            f"GET /api/orders/{n * 7} 200 {n % 97}ms worker-{n % 8} "
            f"{'订单已处理' if n % 10 == 0 else 'ok'}\r\n"
        )
        data = line.encode()
        parts.append(data)
        total += len(data)
        n += 1
    return b"".join(parts)[:size]


def emulator_alone(name: str, data: bytes) -> float:
    emulator = create(name, 120, 40)
    began = time.perf_counter()
    for i in range(0, len(data), 65536):
        emulator.feed(data[i : i + 65536])
    emulator.take_dirty()
    elapsed = time.perf_counter() - began
    emulator.close()
    return len(data) / elapsed / 1e6


def through_widget(app: QApplication, name: str, data: bytes) -> tuple[float, float]:
    widget = TerminalWidget(None, name)
    widget.resize(120 * widget.cell_w + 4, 40 * widget.cell_h + 4)
    widget.show()
    app.processEvents()
    offset = [0]

    def source(limit: int) -> bytes:
        chunk = data[offset[0] : offset[0] + limit]
        offset[0] += len(chunk)
        return chunk

    widget.source = source
    began = time.perf_counter()
    while offset[0] < len(data) or widget._unrendered:
        widget.pump()  # what the frame timer does, back to back
        app.processEvents()  # paints the rows the pump marked
    elapsed = time.perf_counter() - began
    stall = widget.max_frame_ms
    widget.close_emulator()
    widget.deleteLater()
    return len(data) / elapsed / 1e6, stall


def exec_comparison(app: QApplication) -> None:
    from crane_desktop.engine.cluster import Cluster
    from crane_desktop.engine.snapshots import Node
    from crane_desktop.terminal.exec_bridge import ExecSession
    from tests.swarm import IMAGE, docker, swarm_profile, unique, wait_until

    name = unique("termbench")
    docker(
        1,
        "service",
        "create",
        "--detach",
        "--name",
        name,
        "--constraint",
        "node.hostname==node-1",
        IMAGE,
        "sleep",
        "3600",
    )
    try:
        container = wait_until(
            lambda: docker(
                1, "ps", "-q", "--no-trunc", "--filter", f"label=com.docker.swarm.service.name={name}"
            ),
            60,
            "container",
        )
        data = sample_output()
        path = "/tmp/issue5-termbench.txt"
        with open(path, "wb") as out:
            out.write(data)
        docker(1, "cp", path, f"{container}:/tmp/out.txt")
        os.unlink(path)
        cluster = Cluster(swarm_profile())
        cluster.connect()
        node = next(
            Node.from_api(n) for n in cluster.client.nodes() if n["Description"]["Hostname"] == "node-1"
        )
        command = ["sh", "-c", "sleep 0.3; cat /tmp/out.txt"]

        def run(show: bool) -> float:
            ended = []
            session = ExecSession(
                cluster.node_stream_client(node),
                container,
                command,
                lambda code, error: ended.append(code),
                120,
                40,
            )
            widget = None
            if show:
                widget = TerminalWidget(None, "ghostty")
                widget.resize(120 * widget.cell_w + 4, 40 * widget.cell_h + 4)
                widget.show()
                widget.source = session.take
            session.start()
            began = time.perf_counter()
            received = 0
            while not ended or session.pending:
                if widget is not None:
                    app.processEvents()
                else:
                    received += len(session.take())
                    time.sleep(0.001)
            elapsed = time.perf_counter() - began - 0.3
            session.close()
            if widget is not None:
                widget.close_emulator()
                widget.deleteLater()
            return elapsed

        raw = min(run(False) for _ in range(3))
        shown = min(run(True) for _ in range(3))
        print(
            f"exec `cat` of {len(data) / 1e6:.1f} MB: raw stream {len(data) / raw / 1e6:.1f} MB/s, "
            f"shown by the widget (ghostty) {len(data) / shown / 1e6:.1f} MB/s: ratio {raw / shown:.2f}x "
            "(target >= 0.5x)"
        )
        cluster.close()
    finally:
        docker(1, "service", "rm", name, check=False)


def main() -> None:
    app = QApplication.instance() or QApplication([])
    data = sample_output()
    print(f"{len(data) / 1e6:.1f} MB of log-like output, 120x40 screen")
    for name in available():
        data_for = data if name == "ghostty" else data[:400_000]  # pyte is slow: a tenth is enough
        alone = emulator_alone(name, data_for)
        widget, stall = through_widget(app, name, data_for)
        print(
            f"{name:8s} emulator alone {alone:8.2f} MB/s, widget {widget:8.2f} MB/s: "
            f"ratio {widget / alone:.2f}x "
            f"(target >= 0.8x); longest frame {stall:.0f} ms"
        )
    if "--exec" in sys.argv:
        exec_comparison(app)


if __name__ == "__main__":
    main()
