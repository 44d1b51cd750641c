"""Render the README's screenshots of the pages from the recorded cluster (tests/fixtures/engine/cluster,
recorded off the 4-node test swarm), with no swarm needed:

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py [--theme light|dark]
        [--language en|zh_CN] [--out docs/screenshots] [--suffix ""]

The README's screenshots are taken in the light theme and English. The status line shows the profile
the cluster was recorded from; the window has no session (nothing here talks to an engine). Logs, the
terminal and the node detail's host tabs need a live engine: scripts/live_screenshots.py takes those.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtGui import QPainter  # noqa: E402
from PySide6.QtWidgets import QApplication, QPushButton  # noqa: E402

SIZE = (1280, 800)


async def settle() -> None:
    """Let layouts, timers, the runner's computations (why pending) and paints run."""
    for _ in range(10):
        await asyncio.sleep(0.05)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--theme", default="light", choices=("light", "dark"))
    parser.add_argument("--language", default="en")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--suffix", default="", help="added to each file's name, e.g. -dark")
    args = parser.parse_args(argv)

    app = QApplication([sys.argv[0]])
    import qasync

    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        return loop.run_until_complete(shoot(app, args))


async def shoot(app: QApplication, args: argparse.Namespace) -> int:
    from crane_desktop import i18n
    from crane_desktop.engine.cluster import ConnectionState
    from crane_desktop.views.main_window import MainWindow
    from crane_desktop.views.theme import apply_theme
    from tests.gui.conftest import by_name, feed

    translators = i18n.install_translators(app, args.language)
    apply_theme(app, args.theme)
    window = MainWindow()
    window.resize(*SIZE)
    window.show()
    feed(window.store)
    leader = by_name("nodes", "node-1")
    window.status_line.show_state(
        ConnectionState("connected", "test-swarm", f"tcp://{leader.address}:2376", "node-1", "1.41")
    )
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    async def save(name: str) -> None:
        await settle()
        path = out / f"{name}{args.suffix}.png"
        window.grab().save(str(path))
        print(path)

    async def save_with_menu(name: str, button: QPushButton) -> None:
        """The window with `button`'s menu open below it (a popup is a window of its own: painted in)."""
        menu = button.menu()
        menu.popup(button.mapToGlobal(button.rect().bottomLeft()))
        await settle()
        shot = window.grab()
        painter = QPainter(shot)
        below = button.mapTo(window, button.rect().bottomRight())  # right-aligned under the button
        painter.drawPixmap(below.x() - menu.width() + 1, below.y() + 1, menu.grab())
        painter.end()
        menu.hide()
        path = out / f"{name}{args.suffix}.png"
        shot.save(str(path))
        print(path)

    for page in ("overview", "nodes", "apps", "networks"):
        window.show_page(page)
        await save(page)
    window.show_page("apps")  # the service's page behind its tab
    detail = window.open_service(by_name("services", "shop_worker").id)
    detail.tasks_view.expandAll()  # type: ignore[attr-defined]  # a ServiceDetail
    await save("tasks")
    app_detail = window.open_app("shop")
    await save_with_menu("app-detail", app_detail.actions_button)  # type: ignore[attr-defined]

    from crane_desktop.views.deploy_dialog import DeployDialog

    dialog = DeployDialog(window.context, window)
    dialog.show()
    dialog.tabs.setCurrentWidget(dialog.form_tab)
    picker = dialog.form_tab.network_picker  # networks chosen by label, as Crane's guide does it
    picker.by_label.click()
    picker.label_combo.setEditText("tier=backend")
    await settle()
    path = out / f"deploy-form{args.suffix}.png"
    dialog.grab().save(str(path))
    print(path)
    dialog.close()
    window.close()
    del translators
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
