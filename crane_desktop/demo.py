"""The demo swarm: the project's own 4-node TLS test swarm (scripts/testswarm), for someone trying
the app with no cluster of their own. Offered only where it can work: a source checkout on Linux,
run as root (the script installs Docker from Debian's packages when missing)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from crane_desktop.engine.profiles import Profile, load_profile_file

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "testswarm"


def profile_path() -> Path:
    """Where scripts/testswarm writes the profile (CRANE_SWARM_INSTANCE picks a parallel swarm)."""
    instance = os.environ.get("CRANE_SWARM_INSTANCE", "0")
    default = f"/var/lib/crane-testswarm{'' if instance == '0' else instance}"
    return Path(os.environ.get("CRANE_SWARM_DIR", default)) / "profile.json"


def available() -> bool:
    return (
        sys.platform.startswith("linux") and hasattr(os, "geteuid") and os.geteuid() == 0 and SCRIPT.is_file()
    )


def bring_up() -> Profile:
    """Start (or reuse) the demo swarm and return its profile; raises RuntimeError with the script's
    last words when it fails. Blocking: minutes on a first run (it may install Docker)."""
    for args in (["up"], ["profile"]):
        result = subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise RuntimeError(result.stderr.strip().splitlines()[-1] if result.stderr.strip() else "failed")
    return load_profile_file(profile_path())
