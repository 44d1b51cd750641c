"""The Linux desktop metadata the .deb installs: the .desktop entry and the AppStream metainfo pass the
validators distributions run (desktop-file-validate from desktop-file-utils, appstreamcli from
appstream; scripts/test installs both), and say what the package says."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from configparser import ConfigParser
from pathlib import Path

from crane_desktop import __version__

LINUX = Path(__file__).resolve().parents[2] / "packaging" / "linux"
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
