"""`sudo ./scripts/run --demo` (or `sudo scripts/testswarm up`) leaves a swarm the invoking user opens
from their own desktop session: the client key and certificate are theirs, the key still 0600."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.swarm import TESTSWARM

USER = "nobody"  # stands in for the desktop user who ran sudo


@pytest.fixture
def state_dir():
    """A state directory the other user can reach (pytest's own temporary folders are root's only)."""
    path = Path(tempfile.mkdtemp(prefix="crane-demo-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path)


def test_the_client_key_belongs_to_the_user_who_ran_sudo(state_dir):
    certs = state_dir / "certs"
    certs.mkdir(parents=True)
    for name in ("ca.pem", "cert.pem", "key.pem"):
        (certs / name).write_text(f"{name}\n")
    (certs / "key.pem").chmod(0o600)
    certs.chmod(0o755)
    env = dict(os.environ, CRANE_SWARM_DIR=str(state_dir), SUDO_USER=USER)
    subprocess.run([str(TESTSWARM), "profile"], env=env, check=True, capture_output=True, timeout=60)

    read = subprocess.run(
        ["runuser", "-u", USER, "--", "cat", str(certs / "key.pem")], capture_output=True, text=True
    )
    assert read.returncode == 0, read.stderr
    assert read.stdout == "key.pem\n"
    assert (certs / "key.pem").stat().st_mode & 0o777 == 0o600
    assert (certs / "ca.pem").stat().st_uid == 0  # only the client's own files change hands
