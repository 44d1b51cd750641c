"""The wheel a `pip install` or `pipx install` gets: built from the sdist (as PyPI users and pipx build it),
installed into a clean virtualenv, started from outside the checkout, offscreen, in Simplified Chinese:
its window on the test swarm's Nodes page, and its error against a closed port.

The virtualenv takes the app's dependencies from this one's site-packages (a .pth line: nothing is
downloaded) and the app itself only from the wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from crane_desktop import __version__
from tests.swarm import profile_path

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.slow, pytest.mark.swarm]

# What the installed app loads: its icon and its zh_CN translation, through its own code.
PROBE = """
import crane_desktop, sys
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication, QIcon
from crane_desktop.app import ICON
from crane_desktop.i18n import install_translators
app = QGuiApplication([])
translators = install_translators(app, "zh_CN")
print(crane_desktop.__file__)
print(ICON.is_file() and not QIcon(str(ICON)).isNull())
print(QCoreApplication.translate("engine", "Cannot reach the Docker engine at {endpoint}."))
"""


def clean_env(tmp_path: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(
        HOME=str(tmp_path),
        QT_QPA_PLATFORM="offscreen",
        CRANE_DESKTOP_CONFIG_DIR=str(tmp_path / "config"),
        CRANE_DESKTOP_LOG_DIR=str(tmp_path / "logs"),
        DOCKER_CONFIG=str(tmp_path / "docker-config"),
        DOCKER_HOST="",
    )
    return env


@pytest.mark.timeout(600)
def test_the_wheel_from_the_sdist_carries_icon_and_translations_and_starts_in_chinese(tmp_path, qapp):
    dist = tmp_path / "dist"
    built = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(dist), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=540,
    )
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    wheel = next(dist.glob("crane_desktop-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = archive.read(f"crane_desktop-{__version__}.dist-info/METADATA").decode()
    assert f"\nVersion: {__version__}\n" in metadata  # from crane_desktop.__version__, the one source
    assert "\nLicense-Expression: Apache-2.0\n" in metadata  # PEP 639
    assert "crane_desktop/resources/translations/crane_desktop_zh_CN.qm" in names
    assert "crane_desktop/resources/icons/crane-desktop-256.png" in names
    assert "crane_desktop/icons/nodes.svg" in names  # the views' line icons (views/icons.py)

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = Path(
        subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    env, cwd = clean_env(tmp_path), tmp_path  # not the checkout: nothing found by accident
    subprocess.run(
        [python, "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
        env=env,
        cwd=cwd,
        check=True,
        timeout=120,
    )
    # Then the dependencies from here, after the venv's own site-packages (so after the wheel); a plain
    # path line does not run this virtualenv's editable-install hook.
    (site / "zz-crane-deps.pth").write_text(sysconfig.get_path("purelib") + "\n")
    version = subprocess.run(
        [venv / "bin" / "crane-desktop", "--version"], env=env, cwd=cwd, capture_output=True, text=True
    )
    assert version.stdout.strip() == f"crane-desktop {__version__}", version.stderr

    probe = subprocess.run([python, "-c", PROBE], env=env, cwd=cwd, capture_output=True, text=True)
    assert probe.returncode == 0, probe.stderr
    where, icon, message = probe.stdout.splitlines()
    assert Path(where).is_relative_to(site), where  # the installed wheel, not the checkout
    assert icon == "True"
    assert message == "无法连接到 {endpoint} 上的 Docker 引擎。"

    # The real app, started in zh_CN against a closed port: the operator's error in Chinese, no warning
    # about a missing translation.
    closed_port = ["-H", "tcp://127.0.0.1:9"]
    started = subprocess.run(
        [venv / "bin" / "crane-desktop", *closed_port, "--lang", "zh_CN", "--screenshot", "x.png"],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert started.returncode == 2, started.stderr
    assert "无法连接到" in started.stderr
    log = "".join(path.read_text() for path in (tmp_path / "logs").glob("*.log*"))
    assert "starting;" in log and "no translation" not in started.stderr + log

    # Its window, on the test swarm, in Chinese and in English: the Nodes page drawn with the wheel's
    # .qm (no missing translation; the two pictures differ).
    pictures = {}
    for lang in ("zh_CN", "en"):
        png = tmp_path / f"wheel-nodes-{lang}.png"
        shown = subprocess.run(
            [venv / "bin" / "crane-desktop", "--profile-file", str(profile_path()), "--page", "nodes",
             "--lang", lang, "--screenshot", str(png)],
            env=env, cwd=cwd, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert shown.returncode == 0, shown.stderr
        assert "no translation" not in shown.stderr
        pictures[lang] = QImage(str(png))
        assert (pictures[lang].width(), pictures[lang].height()) == (1280, 800)
    assert pictures["zh_CN"] != pictures["en"]
