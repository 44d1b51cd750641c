"""Bootstrap: QApplication on the qasync event loop, logging, translations and the main window."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from pathlib import Path
from typing import Any

from crane_desktop import heap
from crane_desktop.connection import profile_from_args
from crane_desktop.engine.errors import EngineError
from crane_desktop.engine.profiles import Profile, ProfileStore

log = logging.getLogger("crane.app")
# Package data: in a checkout, an installed wheel and the frozen bundle alike.
ICON = Path(__file__).resolve().parent / "resources" / "icons" / "crane-desktop-256.png"


def identify(app: Any) -> None:
    """Name the application as the desktop knows it: its .desktop entry (the window's icon and name in
    the shell: Wayland's app id; on X11 the shell matches the window's WM_CLASS, "crane-desktop", to
    the entry's StartupWMClass)."""
    from crane_desktop.views.notifier import DESKTOP_ENTRY

    app.setApplicationName("Crane Desktop")
    app.setDesktopFileName(DESKTOP_ENTRY)
    app.setOrganizationName("crane")


def run(args: argparse.Namespace) -> int:
    if args.screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import qasync
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from crane_desktop.i18n import install_translators, resolve_language
    from crane_desktop.logsetup import setup_logging
    from crane_desktop.settings import Settings
    from crane_desktop.views import crash_dialog
    from crane_desktop.views.notifier import DESKTOP_ENTRY
    from crane_desktop.views.theme import apply_theme

    # Worker threads (streams, the watcher) hand the GIL back to the GUI thread every 1 ms instead of
    # 5 ms: under a log flood this cut the GUI thread's median gap about 5x.
    sys.setswitchinterval(0.001)
    log_file = setup_logging(args.debug)
    existing = QApplication.instance()
    # argv[0] gives the window's X11 WM_CLASS instance: "crane-desktop" however the app was started
    # (`python -m crane_desktop` would make it "__main__.py", which no .desktop entry matches)
    app = existing if isinstance(existing, QApplication) else QApplication([DESKTOP_ENTRY])
    identify(app)
    heap.GuiThreadCollector(app)  # cyclic garbage (Qt objects among it) dies on the GUI thread only
    app.setWindowIcon(QIcon(str(ICON)))
    if not args.screenshot:
        crash_dialog.install()
    settings = Settings.load()
    translators = install_translators(app, resolve_language(args.lang or settings.language))
    apply_theme(app, args.theme or settings.theme)
    log.info("starting; log file %s; %d translator(s)", log_file, len(translators))

    store = ProfileStore()
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        if args.screenshot:
            return loop.run_until_complete(screenshot(args, store))
        return loop.run_until_complete(interactive(args, store))


async def screenshot(args: argparse.Namespace, store: ProfileStore) -> int:
    """Connect, wait until the page's data has loaded, save a PNG of the window, exit."""
    from crane_desktop.messages import error_hint, error_text
    from crane_desktop.session import ClusterSession
    from crane_desktop.views.main_window import MainWindow

    try:
        profile = profile_from_args(args, store)
    except EngineError as error:
        print(f"crane-desktop: {error_text(error)}", file=sys.stderr)
        return 2
    if profile is None:
        print("crane-desktop: no engine given (-H, --context, --profile or DOCKER_HOST)", file=sys.stderr)
        return 2
    width, _, height = args.size.partition("x")
    window = MainWindow()
    window.resize(int(width), int(height))
    window.show_page(args.page)
    window.show()
    try:
        await window.open_profile(ClusterSession(profile, window))
        model: Any = window.models[args.page]  # the page's model; each has `loaded`
        deadline = asyncio.get_running_loop().time() + args.timeout
        while not model.loaded:
            if asyncio.get_running_loop().time() > deadline:
                print(
                    f"crane-desktop: the {args.page} page did not load in {args.timeout:.0f} s",
                    file=sys.stderr,
                )
                return 3
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.2)  # let the layout settle for the picture
        if not window.grab().save(args.screenshot):
            print(f"crane-desktop: cannot write {args.screenshot}", file=sys.stderr)
            return 4
        return 0
    except EngineError as error:
        print(f"crane-desktop: {error_text(error)} {error_hint(error)}".strip(), file=sys.stderr)
        if error.raw:
            print(f"  ({error.raw})", file=sys.stderr)
        return 2
    finally:
        window.close()


async def interactive(args: argparse.Namespace, store: ProfileStore) -> int:
    """The window(s) until the last one closes. Each window holds one cluster; File > New window opens
    another, so several clusters can be watched at once, each with its own status."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication, QMessageBox

    closed = asyncio.Event()
    app = QApplication.instance()
    assert isinstance(app, QApplication), "run() creates the QApplication first"
    app.lastWindowClosed.connect(closed.set)
    windows = WindowKeeper(store)
    try:
        profile = profile_from_args(args, store)
    except EngineError as error:
        from crane_desktop.messages import error_text

        QMessageBox.warning(None, QCoreApplication.translate("App", "Cannot connect"), error_text(error))
        profile = None
    windows.open_window(profile)
    heap.settle()
    await closed.wait()
    windows.close_all()
    return 0


class WindowKeeper:
    """Opens main windows, keeps them (and their pending connection tasks) alive, closes them."""

    def __init__(self, store: ProfileStore) -> None:
        self.store = store
        self.windows: list = []
        self._pending: set[asyncio.Task] = set()

    def _spawn(self, coro) -> None:
        task = asyncio.ensure_future(coro)
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    def open_window(self, profile: Profile | None = None):
        from PySide6.QtCore import Qt

        from crane_desktop.views.main_window import MainWindow

        window = MainWindow()
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.windows.append(window)
        window.connectRequested.connect(lambda: self.ask_for_profile(window))
        window.newWindowRequested.connect(lambda: self.open_window())
        window.destroyed.connect(lambda: self.windows.remove(window) if window in self.windows else None)
        window.show()
        if profile is not None:
            self._spawn(self.connect(window, profile))
        else:
            self.ask_for_profile(window)
        return window

    async def connect(self, window, profile: Profile) -> None:
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtWidgets import QMessageBox

        from crane_desktop.messages import error_hint, error_text
        from crane_desktop.session import ClusterSession

        try:
            await window.open_profile(ClusterSession(profile, window))
        except EngineError as error:
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                QCoreApplication.translate("App", "Cannot connect"),
                error_text(error),
                parent=window,
            )
            box.setInformativeText(error_hint(error))
            box.setDetailedText(error.raw)
            box.finished.connect(lambda _: self.ask_for_profile(window))
            box.open()

    def ask_for_profile(self, window) -> None:
        from crane_desktop.views.connect_dialog import ConnectDialog

        dialog = ConnectDialog(self.store, window)

        def finished(result: int) -> None:
            if result and dialog.chosen is not None:
                self._spawn(self.connect(window, dialog.chosen))

        dialog.finished.connect(finished)
        dialog.open()

    def close_all(self) -> None:
        for window in list(self.windows):
            window.close_session()
