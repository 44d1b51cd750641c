"""The Linux installers, end to end: packaging/build.py freezes the app with PyInstaller, smoke-tests the
frozen binary against the test swarm, makes the .deb and .tar.gz, installs the .deb, smoke-tests the
installed copy with this checkout (and its virtualenv) hidden, and removes the package again.

Slow (about 2-3 minutes on a 2-core machine): the same build as `./scripts/package`, which CI runs."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from crane_desktop import __version__
from tests.swarm import profile_path

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.slow, pytest.mark.swarm]


@pytest.mark.timeout(900)
def test_linux_build_installs_and_starts_without_the_checkout(tmp_path, qapp):
    dist, work = tmp_path / "dist", tmp_path / "work"
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "packaging" / "build.py"),
            "--profile-file",
            str(profile_path()),
            "--install-test",
            "--dist",
            str(dist),
            "--work",
            str(work),
        ],
        capture_output=True,
        text=True,
        timeout=840,
    )
    report = json.loads((dist / "package-report.json").read_text())
    assert result.returncode == 0 and report["ok"], result.stdout[-4000:] + result.stderr[-4000:]

    frozen, installed = report["smoke"]
    for smoke in (frozen, installed):
        assert smoke["version"] == f"crane-desktop {__version__}"
        assert smoke["screenshot"] == "ok"
        assert smoke["xcb"] == "ok"  # also on a real X server (Xvfb) with Qt's xcb plugin
    assert installed["command"] == ["/usr/bin/crane-desktop"]
    assert installed["hidden"] == str(ROOT)  # ran with the checkout and .venv hidden
    assert installed["removed"]
    assert not Path("/opt/crane-desktop").exists()

    # what the installed copy showed: the Nodes page of the test swarm, in Chinese, and on Xvfb
    for name in ("installed-deb-nodes-zh_CN.png", "installed-deb-nodes-xcb.png"):
        picture = QImage(str(dist / "smoke" / name))
        assert (picture.width(), picture.height()) == (1280, 800)
        assert len({picture.pixel(x, 150) for x in range(0, 1280, 8)}) > 2  # the table is drawn, not blank
    # on Xvfb the same page as offscreen (only the status bar's round-trip time may differ)
    english, xcb = (QImage(str(dist / "smoke" / f"installed-deb-nodes-{kind}.png")) for kind in ("en", "xcb"))
    differ = sum(english.pixel(x, y) != xcb.pixel(x, y) for x in range(0, 1280, 4) for y in range(0, 780, 4))
    assert differ < 0.02 * (1280 // 4) * (780 // 4), differ

    # lintian found no error (build.py fails on one); Depends computed from the bundle by dpkg-shlibdeps
    assert all(line.startswith("W: ") for line in report["lintian_warnings"])
    depends = {item.split("(")[0].strip() for item in report["deb_depends"].split(",")}
    assert {"libc6", "libxcb-cursor0", "libxcb-icccm4", "libegl1", "libxkbcommon-x11-0"} <= depends

    deb = dist / f"crane-desktop_{__version__}_amd64.deb"
    contents = subprocess.run(["dpkg-deb", "--contents", str(deb)], capture_output=True, text=True).stdout
    recommends = subprocess.run(["dpkg-deb", "-f", str(deb), "Recommends"], capture_output=True, text=True)
    assert recommends.stdout.split() == ["fonts-noto-cjk,", "libglib2.0-bin"]  # Chinese glyphs; gdbus
    for path in (
        "./usr/bin/crane-desktop",
        "./opt/crane-desktop/crane-desktop",
        "./opt/crane-desktop/_internal/crane_desktop/resources/translations/crane_desktop_zh_CN.qm",
        "./usr/share/applications/crane-desktop.desktop",
        "./usr/share/metainfo/io.github.crane_desktop.crane_desktop.metainfo.xml",
        "./usr/share/man/man1/crane-desktop.1.gz",
        "./usr/share/doc/crane-desktop/changelog.gz",
        "./usr/share/lintian/overrides/crane-desktop",
        "./usr/share/icons/hicolor/256x256/apps/crane-desktop.png",
    ):
        assert path in contents, path
    with tarfile.open(next(dist.glob(f"crane-desktop-{__version__}-linux-*.tar.gz"))) as tar:
        names = tar.getnames()
    assert f"crane-desktop-{__version__}/crane-desktop" in names
    assert f"crane-desktop-{__version__}/crane-desktop.desktop" in names
    assert 50e6 < report["bundle_bytes"] < 600e6
    shutil.rmtree(work)  # ~0.6 GB of build products; the report and screenshots stay for a look
    shutil.rmtree(dist / "crane-desktop")
