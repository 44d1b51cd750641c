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


SCRIPTS = TESTSWARM.parent
# Stand-ins that say who ran them: the checkout's bootstrap, the test swarm, the app, and sudo (which
# here only records the command: the test must not touch the shared swarm).
PROFILE = "/var/lib/crane-testswarm/profile.json"  # the demo swarm's (instance 0)
RECORD = '#!/bin/sh\necho "$(basename "$0") uid=$(id -u) sudo_user=${SUDO_USER:-} $*" >> "$RECORDS"\n'


def checkout_of(user: str, root: Path) -> Path:
    """A checkout owned by `user`: the real scripts/run and scripts/hand-back, stand-ins for the rest."""
    checkout = root / "checkout"
    (checkout / "scripts").mkdir(parents=True)
    (checkout / ".venv" / "bin").mkdir(parents=True)
    for name in ("run", "hand-back"):
        shutil.copy(SCRIPTS / name, checkout / "scripts" / name)
    for stand_in in ("scripts/bootstrap", "scripts/testswarm", ".venv/bin/crane-desktop"):
        (checkout / stand_in).write_text(RECORD)
        (checkout / stand_in).chmod(0o755)
    subprocess.run(["chown", "-R", f"{user}:", str(checkout)], check=True)
    return checkout


def records(path: Path) -> list[str]:
    return [line.rstrip() for line in path.read_text().splitlines()]


def test_the_demo_asks_sudo_for_the_swarm_only_and_runs_the_app_as_the_user(state_dir):
    checkout = checkout_of(USER, state_dir)
    bin_dir = state_dir / "bin"
    bin_dir.mkdir()
    (bin_dir / "sudo").write_text(RECORD)
    (bin_dir / "sudo").chmod(0o755)
    log = state_dir / "records"
    log.touch()
    log.chmod(0o666)
    uid = subprocess.run(["id", "-u", USER], capture_output=True, text=True, check=True).stdout.strip()
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "RECORDS": str(log), "HOME": str(state_dir)}
    ran = subprocess.run(
        ["runuser", "-u", USER, "--", "env", "-i", *[f"{k}={v}" for k, v in env.items()],
         str(checkout / "scripts" / "run"), "--demo", "--lang", "zh_CN"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert ran.returncode == 0, ran.stderr
    assert records(log) == [
        f"bootstrap uid={uid} sudo_user=",
        f"sudo uid={uid} sudo_user= {checkout}/scripts/testswarm up",
        f"sudo uid={uid} sudo_user= {checkout}/scripts/testswarm profile",
        f"crane-desktop uid={uid} sudo_user= --profile-file {PROFILE} --lang zh_CN",
    ]


def test_through_sudo_the_demo_opens_the_app_as_the_user_and_leaves_the_checkout_theirs(state_dir):
    checkout = checkout_of(USER, state_dir)
    log = state_dir / "records"
    log.touch()
    log.chmod(0o666)
    uid = subprocess.run(["id", "-u", USER], capture_output=True, text=True, check=True).stdout.strip()
    (checkout / ".venv" / "made-by-root").write_text("")  # what bootstrap made as root
    sudo_path = "/usr/sbin:/usr/bin:/sbin:/bin"  # sudo's own PATH (secure_path)
    env = {"PATH": sudo_path, "RECORDS": str(log), "SUDO_USER": USER, "HOME": str(state_dir)}
    ran = subprocess.run(
        [str(checkout / "scripts" / "run"), "--demo"], env=env, capture_output=True, text=True, timeout=60
    )
    assert ran.returncode == 0, ran.stderr
    assert records(log) == [
        f"bootstrap uid=0 sudo_user={USER}",
        f"testswarm uid=0 sudo_user={USER} up",
        f"testswarm uid=0 sudo_user={USER} profile",
        f"crane-desktop uid={uid} sudo_user={USER} --profile-file {PROFILE}",
    ]
    assert (checkout / ".venv" / "made-by-root").stat().st_uid == int(uid)


def test_hand_back_gives_roots_files_in_a_users_checkout_back_and_leaves_the_rest(state_dir):
    checkout = state_dir / "checkout"
    (checkout / ".mypy_cache" / "3.11").mkdir(parents=True)
    (checkout / ".mypy_cache" / "3.11" / "cache.json").write_text("{}")
    (checkout / "link").symlink_to("/etc/hostname")
    (checkout / "daemons").write_text("")
    subprocess.run(["chown", "daemon:", str(checkout / "daemons")], check=True)
    subprocess.run(["chown", f"{USER}:", str(checkout)], check=True)
    subprocess.run([str(SCRIPTS / "hand-back"), str(checkout)], check=True)
    uid = int(subprocess.run(["id", "-u", USER], capture_output=True, text=True, check=True).stdout)
    for path in (checkout / ".mypy_cache", checkout / ".mypy_cache" / "3.11" / "cache.json"):
        assert path.stat().st_uid == uid, path
    assert (checkout / "link").lstat().st_uid == uid and Path("/etc/hostname").stat().st_uid == 0
    assert (checkout / "daemons").stat().st_uid != uid  # another user's file stays theirs

    mine = state_dir / "root-checkout"  # root's own checkout: nothing changes hands
    mine.mkdir()
    (mine / "file").write_text("")
    subprocess.run([str(SCRIPTS / "hand-back"), str(mine)], check=True)
    assert (mine / "file").stat().st_uid == 0
