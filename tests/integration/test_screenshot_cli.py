"""`crane-desktop --screenshot` renders the node table of the test swarm, and says why when it cannot."""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtGui import QImage

from tests.swarm import profile_path


def crane(*args: str, timeout: float = 90) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "crane_desktop", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )


def test_screenshot_of_the_node_table(tmp_path, qapp):
    out = tmp_path / "nodes.png"
    result = crane("--profile-file", str(profile_path()), "--screenshot", str(out), "--page", "nodes")
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 800)


def test_screenshot_with_docker_cli_flags(tmp_path, profile, qapp):
    out = tmp_path / "flags.png"
    result = crane(
        "-H",
        profile.managers[1],
        "--tlsverify",
        "--tlscacert",
        profile.tls.ca,
        "--tlscert",
        profile.tls.cert,
        "--tlskey",
        profile.tls.key,
        "--screenshot",
        str(out),
        "--size",
        "900x500",
    )
    assert result.returncode == 0, result.stderr
    assert QImage(str(out)).width() == 900


def test_unreachable_engine_exits_non_zero_with_a_reason(tmp_path):
    out = tmp_path / "none.png"
    result = crane("-H", "tcp://127.0.0.1:9", "--screenshot", str(out), "--timeout", "10")
    assert result.returncode == 2
    assert "Cannot reach the Docker engine at tcp://127.0.0.1:9" in result.stderr
    assert not out.exists()


def test_plain_tcp_to_a_remote_engine_is_refused(tmp_path, profile):
    plain = profile.managers[0].replace(":2376", ":2375")
    result = crane("-H", plain, "--screenshot", str(tmp_path / "x.png"))
    assert result.returncode == 2
    assert "without TLS" in result.stderr
