"""The Linux desktop metadata the .deb installs: the .desktop entry and the AppStream metainfo pass the
validators distributions run (desktop-file-validate from desktop-file-utils, appstreamcli from
appstream; scripts/test installs both), and say what the package says."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from configparser import ConfigParser
from pathlib import Path

from crane_desktop import __version__
from crane_desktop.app import identify
from crane_desktop.views.notifier import DESKTOP_ENTRY

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
# packaging/build.py is a script, not a module of the package: its private Xvfb
_spec = importlib.util.spec_from_file_location("crane_packaging_build", ROOT / "packaging" / "build.py")
assert _spec and _spec.loader
build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build)
DESKTOP = LINUX / "crane-desktop.desktop"
METAINFO = LINUX / "io.github.crane_desktop.crane_desktop.metainfo.xml"
# freedesktop.org's main categories: a menu shows the entry once under each one it lists.
MAIN_CATEGORIES = {
    "AudioVideo", "Audio", "Video", "Development", "Education", "Game", "Graphics", "Network", "Office",
    "Science", "Settings", "System", "Utility",
}  # fmt: skip


def validator(name: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} is not installed (scripts/test installs desktop-file-utils and appstream)"
    return path


def test_the_desktop_entry_validates_with_one_main_category():
    validate = [validator("desktop-file-validate"), str(DESKTOP)]
    result = subprocess.run(validate, capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr
    entry = ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    entry.read(DESKTOP, encoding="utf-8")
    categories = set(entry["Desktop Entry"]["Categories"].strip(";").split(";"))
    assert len(categories & MAIN_CATEGORIES) == 1, categories
    assert entry["Desktop Entry"]["Exec"].split()[0] == "crane-desktop"


def test_the_appstream_metainfo_validates_and_matches_the_package():
    result = subprocess.run(
        [validator("appstreamcli"), "validate", "--no-net", str(METAINFO)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    component = ET.parse(METAINFO).getroot()
    assert component.findtext("launchable") == DESKTOP.name
    assert component.findtext("icon") == "crane-desktop"
    assert next(release.get("version") for release in component.iter("release")) == __version__


def test_the_debian_changelog_names_this_version():
    newest = (LINUX / "changelog").read_text().splitlines()[0]
    assert newest.startswith(f"crane-desktop ({__version__}) "), newest


def desktop_entry() -> ConfigParser:
    entry = ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    entry.read(DESKTOP, encoding="utf-8")
    return entry


def test_the_app_names_itself_by_its_desktop_entry(qapp):
    """What the shell matches the running app to the .desktop entry by (Wayland: the app id from
    QGuiApplication.desktopFileName), and what the notifications name as their desktop-entry."""
    name, desktop_file_name = qapp.applicationName(), qapp.desktopFileName()
    try:
        identify(qapp)
        assert qapp.desktopFileName() == DESKTOP.stem == DESKTOP_ENTRY
        assert qapp.applicationName() == desktop_entry()["Desktop Entry"]["Name"]
    finally:
        qapp.setApplicationName(name)
        qapp.setDesktopFileName(desktop_file_name)


def test_on_x11_the_window_carries_the_entrys_startup_wm_class(tmp_path):
    """X11 shells (GNOME, KDE) match a window to its .desktop entry by WM_CLASS = StartupWMClass: the
    app's main window on a private Xvfb, read back with xprop (x11-utils, scripts/bootstrap)."""
    env = {
        **{key: value for key, value in os.environ.items() if not key.startswith("DOCKER_")},
        "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "xcb", "HOME": str(tmp_path),
        "CRANE_DESKTOP_CONFIG_DIR": str(tmp_path / "config"), "CRANE_DESKTOP_LOG_DIR": str(tmp_path / "log"),
        "DOCKER_CONFIG": str(tmp_path / "docker"),
    }  # fmt: skip
    closed_port = ["-H", "tcp://127.0.0.1:9", "--lang", "en"]  # the window opens and says it cannot connect
    with build.xvfb() as display:
        env["DISPLAY"] = display
        with subprocess.Popen([sys.executable, "-m", "crane_desktop", *closed_port], env=env) as app:
            try:
                classes = wm_classes(env, until=lambda found: any("Crane Desktop" in c for c in found))
            finally:
                app.terminate()
    wm_class = desktop_entry()["Desktop Entry"]["StartupWMClass"]
    assert any(f'WM_CLASS(STRING) = "{wm_class}", "Crane Desktop"' in found for found in classes), classes


def wm_classes(env: dict[str, str], until, timeout: float = 60) -> list[str]:
    """The WM_CLASS of every top-level window on env's DISPLAY, asked until `until(found)` holds."""
    deadline = time.monotonic() + timeout
    found: list[str] = []
    while not until(found) and time.monotonic() < deadline:
        tree = subprocess.run(["xwininfo", "-root", "-children"], env=env, capture_output=True, text=True)
        windows = [line.split()[0] for line in tree.stdout.splitlines() if line.strip().startswith("0x")]
        found = [
            subprocess.run(
                ["xprop", "-id", window, "WM_CLASS"], env=env, capture_output=True, text=True
            ).stdout
            for window in windows
        ]
        time.sleep(0.2)  # polling an external X server; no Qt signal to wait on in this process
    return found
