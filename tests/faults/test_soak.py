"""R7, the CI-sized soak: the app under churn for SOAK_MINUTES (5 by default) with RSS, threads and
file descriptors flat. The hour-long soak is the same command: `python -m benchmarks.soak --minutes 60`."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.swarm import ROOT

MINUTES = float(os.environ.get("SOAK_MINUTES", "5"))


@pytest.mark.timeout(MINUTES * 60 + 400)
def test_soak_keeps_memory_threads_and_files_flat():
    minutes = MINUTES
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.soak", "--minutes", str(minutes), "--interval", "20"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=minutes * 60 + 300,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )
    print(result.stdout)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "soak: flat" in result.stdout
