"""Render the README's screenshots that need a live engine (the node detail's charts, the service logs)
on a real swarm, e.g. the test swarm:

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/live_screenshots.py \
        --profile-file /var/lib/crane-testswarm/profile.json [--theme light|dark] [--language en|zh_CN]
        [--out docs/screenshots] [--suffix ""]

It deploys two services of its own (`crane-shots-web`: three tasks writing log lines of every level, with
reservations and limits; `crane-shots-busy`: one task on node-2 using half a CPU), lets the charts fill
for a minute, takes node-detail.png (node-2's Monitoring tab: its containers' usage beside what its tasks
reserve), logs.png (crane-shots-web's Logs, searching "timeout") and terminal.png (a shell in one of
its containers, running top), and removes the services. The
pages drawn from the recorded cluster are scripts/screenshots.py's.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

SIZE = (1280, 800)
IMAGE = "127.0.0.1:5000/crane/busybox:1"  # the test swarm's image, on every node (scripts/testswarm)
WEB, BUSY = "crane-shots-web", "crane-shots-busy"
CHART_SECONDS = 60
LOG_SCRIPT = (
    'i=0; while true; do i=$((i+1)); echo "INFO GET /api/orders/$i 200 12ms"; '
    'echo "[debug] cache hit key=o$i"; '
    "[ $((i%3)) = 0 ] && echo 'level=warn msg=\"slow query\" ms=140'; "
    '[ $((i%4)) = 0 ] && echo "ERROR payment gateway timeout order=$i"; sleep 0.5; done'
)


def service_specs() -> list[dict]:
    web = {
        "Name": WEB,
        "TaskTemplate": {
            "ContainerSpec": {"Image": IMAGE, "Command": ["sh", "-c", LOG_SCRIPT], "StopGracePeriod": 0},
            "Resources": {
                "Reservations": {"NanoCPUs": 250_000_000, "MemoryBytes": 64 * 2**20},
                "Limits": {"NanoCPUs": 500_000_000, "MemoryBytes": 128 * 2**20},
            },
        },
        "Mode": {"Replicated": {"Replicas": 3}},
    }
    busy = {
        "Name": BUSY,
        "TaskTemplate": {
            "ContainerSpec": {
                "Image": IMAGE,
                "Command": ["sh", "-c", "while :; do :; done"],
                "StopGracePeriod": 0,
            },
            "Resources": {
                "Reservations": {"NanoCPUs": 500_000_000, "MemoryBytes": 256 * 2**20},
                "Limits": {"NanoCPUs": 500_000_000},
            },
            "Placement": {"Constraints": ["node.hostname==node-2"]},
        },
        "Mode": {"Replicated": {"Replicas": 1}},
    }
    return [web, busy]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile-file", required=True)
    parser.add_argument("--theme", default="light", choices=("light", "dark"))
    parser.add_argument("--language", default="en")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--suffix", default="", help="added to each file's name, e.g. -dark")
    parser.add_argument("--chart-seconds", type=float, default=CHART_SECONDS, help="how long the charts fill")
    args = parser.parse_args(argv)
    os.environ.setdefault("CRANE_DESKTOP_DATA_DIR", tempfile.mkdtemp(prefix="crane-shots-"))

    app = QApplication([sys.argv[0]])
    import qasync

    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        return loop.run_until_complete(shoot(app, args))


async def wait_for(what: str, done, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            raise SystemExit(f"live_screenshots: timed out waiting for {what}")
        await asyncio.sleep(0.2)


async def shoot(app: QApplication, args: argparse.Namespace) -> int:
    from crane_desktop import i18n
    from crane_desktop.engine import stacks
    from crane_desktop.engine.cluster import Cluster
    from crane_desktop.engine.profiles import load_profile_file
    from crane_desktop.session import ClusterSession
    from crane_desktop.views.main_window import MainWindow
    from crane_desktop.views.theme import apply_theme

    profile = load_profile_file(Path(args.profile_file))
    cluster = Cluster(profile)
    cluster.connect()
    for spec in service_specs():
        stacks.create_service(cluster.client, spec)
    translators = i18n.install_translators(app, args.language)
    apply_theme(app, args.theme)
    window = MainWindow()
    window.resize(*SIZE)
    window.show()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    try:
        await window.open_profile(ClusterSession(profile, window))
        store = window.store
        await wait_for("the nodes", lambda: len(store.get("nodes")) == 4, 30)

        def running(name: str, count: int) -> bool:
            ids = {s.id for s in store.get("services").values() if s.name == name}
            tasks = store.get("tasks").values()
            return sum(t.service_id in ids and t.state == "running" for t in tasks) >= count

        await wait_for("the services' tasks running", lambda: running(WEB, 3) and running(BUSY, 1), 60)
        node2 = next(n.id for n in store.get("nodes").values() if n.hostname == "node-2")
        web = next(s.id for s in store.get("services").values() if s.name == WEB)

        window.show_page("nodes")
        node = window.open_node(node2)
        node.tabs.setCurrentWidget(node.monitoring)  # type: ignore[attr-defined]  # a NodeDetail
        await asyncio.sleep(args.chart_seconds)
        save(window, out / f"node-detail{args.suffix}.png")

        window.show_page("apps")
        detail = window.open_service(web)
        logs = next(w for w in detail.extra_tabs if w.objectName() == "serviceLogs")  # type: ignore[attr-defined]
        detail.tabs.setCurrentWidget(logs)  # type: ignore[attr-defined]
        await asyncio.sleep(8)
        logs.view.search.setText("timeout")
        await asyncio.sleep(1)
        save(window, out / f"logs{args.suffix}.png")

        task = next(t for t in store.get("tasks").values() if t.service_id == web and t.state == "running")
        container = window.open_container(task.node_id, task.container_id, f"{WEB}.{task.slot}")
        container.tabs.setCurrentIndex(container.terminal_index)  # type: ignore[attr-defined]
        await wait_for(
            "the terminal's shell",
            lambda: container.terminal is not None and container.terminal.session is not None,  # type: ignore[attr-defined]
            30,
        )
        await asyncio.sleep(1)
        container.terminal.session.write(b"top\n")  # type: ignore[attr-defined]
        await asyncio.sleep(4)
        save(window, out / f"terminal{args.suffix}.png")
    finally:
        window.close()
        for name in (WEB, BUSY):
            cluster.client.remove_service(name)
        cluster.close()
        del translators
    return 0


def save(window, path: Path) -> None:
    window.grab().save(str(path))
    print(path)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
