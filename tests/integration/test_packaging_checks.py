"""The Linux checks packaging/build.py runs on the frozen bundle, each against a case it must catch,
without the slow PyInstaller build (tests/integration/test_packaging.py runs them on the real bundle)."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# packaging/build.py is a script, not a module of the package (and `build` is also PyPA's build tool)
_spec = importlib.util.spec_from_file_location("crane_packaging_build", ROOT / "packaging" / "build.py")
assert _spec and _spec.loader
build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build)


def fake_bundle(tmp_path: Path) -> Path:
    """A one-dir bundle's shape: the executable and _internal/ with one shared library."""
    bundle = tmp_path / "crane-desktop"
    (bundle / "_internal").mkdir(parents=True)
    shutil.copy("/bin/true", bundle / "crane-desktop")
    library = bundle / "_internal" / "libexample.so.1"
    shutil.copy(next(Path("/usr/lib/x86_64-linux-gnu").glob("libz.so.1.*")), library)
    return bundle


def test_the_linkage_check_passes_a_bundle_whose_libraries_all_resolve(tmp_path):
    assert "libc.so.6" in build.check_linkage(fake_bundle(tmp_path))


def test_the_linkage_check_fails_on_a_library_not_found(tmp_path):
    bundle = fake_bundle(tmp_path)
    library = bundle / "_internal" / "libexample.so.1"
    subprocess.run(["patchelf", "--add-needed", "libcrane-absent.so.7", str(library)], check=True)
    with pytest.raises(build.BuildError, match=r"libexample.so.1 -> libcrane-absent.so.7: not found"):
        build.check_linkage(bundle)


def test_xvfb_serves_qt_xcb_platform_and_stops(tmp_path):
    show = (
        "from PySide6.QtWidgets import QApplication, QLabel; app = QApplication([]); "
        "label = QLabel('x'); label.show(); app.processEvents(); print(app.platformName())"
    )
    with build.xvfb() as display:
        env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "DISPLAY": display}
        shown = subprocess.run([sys.executable, "-c", show], env=env, capture_output=True, text=True)
        socket = Path(f"/tmp/.X11-unix/X{display.lstrip(':')}")
        assert socket.exists()
    assert shown.returncode == 0 and shown.stdout.strip() == "xcb", shown.stderr
    assert not socket.exists()  # the server is gone


@pytest.mark.parametrize(
    ("version", "numbers"),
    [
        ("0.1.0", "0.1.0.0"),
        ("1.2", "1.2.0.0"),
        ("0.2.0rc1", "0.2.0.0"),
        ("0.2.0b3", "0.2.0.0"),
        ("1.0.0.dev4", "1.0.0.0"),
        ("2.1.3.post1", "2.1.3.0"),
    ],
)
def test_the_windows_file_version_accepts_pre_releases(version, numbers):
    assert build.windows_file_version(version) == numbers
