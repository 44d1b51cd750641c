"""A private D-Bus session bus for a test (the desktop's services tested for real, never the user's bus)."""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Iterator, Mapping
from pathlib import Path

# A session bus that activates nothing: with the standard session configuration, a call to
# org.freedesktop.secrets before the test's own gnome-keyring-daemon had taken the name started a
# second daemon from /usr/share/dbus-1/services, and the test's then said "another secret service is
# running" and never served (seen under a full run's load).
CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={folder}</listen>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


@contextlib.contextmanager
def private_session_bus(folder: Path, env: Mapping[str, str] | None = None) -> Iterator[str]:
    """Run dbus-daemon on a socket in `folder`, with no service activation (every service a test
    needs, it starts itself); yields its address."""
    config = folder / "session-bus.conf"
    config.write_text(CONFIG.format(folder=folder))
    with subprocess.Popen(
        ["dbus-daemon", f"--config-file={config}", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=None if env is None else dict(env),
    ) as daemon:
        assert daemon.stdout is not None
        address = daemon.stdout.readline().strip()
        assert address.startswith("unix:"), address
        try:
            yield address
        finally:
            daemon.terminate()
