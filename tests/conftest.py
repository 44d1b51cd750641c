"""Shared fixtures: every test gets its own config and log directories (never the user's); the qasync
loop the app runs on; a main window connected to the test swarm."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["CRANE_THREAD_CHECKS"] = "1"  # GUI-owned state touched off the GUI thread fails the test

import asyncio

import pytest
import qasync

from crane_desktop import heap, threadcheck
from crane_desktop.session import ClusterSession
from crane_desktop.views.main_window import MainWindow
from tests.keyrings import NO_KEYRING, file_keyring, gnome_keyring  # noqa: F401  (fixtures for every test)
from tests.swarm import docker, swarm_profile


@pytest.fixture(autouse=True)
def private_dirs(tmp_path, monkeypatch):
    monkeypatch.setenv("CRANE_DESKTOP_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("CRANE_DESKTOP_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setenv("CRANE_DESKTOP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DOCKER_CONFIG", str(tmp_path / "docker-config"))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", NO_KEYRING)  # never the user's keyring (tests/keyrings.py)
    return tmp_path


@pytest.fixture(autouse=True)
def gui_state_stays_on_the_gui_thread():
    """Fail a test in which a worker thread touched GUI-owned state, even when the worker swallowed
    the error (crane_desktop/threadcheck.py)."""
    threadcheck.take_violations()
    yield
    violations = threadcheck.take_violations()
    assert not violations, "GUI-owned state touched off the GUI thread:\n" + "\n".join(violations)


@pytest.fixture(scope="session", autouse=True)
def collector(qapp):
    """Cyclic garbage collected on the GUI thread only, as the app does it (crane_desktop/heap.py)."""
    collector = heap.GuiThreadCollector(qapp)
    yield collector
    collector.stop()


@pytest.fixture(autouse=True)
def collect_between_tests(collector):
    """What the timer would have collected, also after tests that never ran Qt's event loop."""
    yield
    collector.collect()


@pytest.fixture(scope="session")
def profile():
    return swarm_profile()


@pytest.fixture
def loop(qapp):
    """The qasync loop as the app runs it, marked running while pytest-qt drives Qt's events: async
    slots (button clicks) then run whenever a test waits with qtbot.waitUntil / waitSignal."""
    loop = qasync.QEventLoop(qapp, already_running=True)
    asyncio.set_event_loop(loop)
    asyncio._set_running_loop(loop)
    yield loop
    asyncio._set_running_loop(None)
    loop._after_run_forever()
    loop._QEventLoop__is_running = False  # qasync has no public way to end an already-running loop
    loop.close()
    asyncio.set_event_loop(None)


def run_async(qtbot, coro, timeout=30000):
    """Await `coro` on the running qasync loop while Qt processes events; return its result."""
    task = asyncio.ensure_future(coro)
    qtbot.waitUntil(task.done, timeout=timeout)
    return task.result()


@pytest.fixture
def connected_window(qtbot, loop, profile):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    run_async(qtbot, window.open_profile(ClusterSession(profile, window)))
    qtbot.waitUntil(lambda: window.node_model.loaded and window.node_model.rowCount() == 4, timeout=20000)
    window.show_page("nodes")  # the window opens on the overview; these tests start where an operator clicks
    yield window
    window.close_session()


@pytest.fixture
def service_names():
    """Names of services a test creates; removed afterwards whatever happened."""
    names: list[str] = []
    yield names
    for name in names:
        docker(1, "service", "rm", name, check=False)


SWARM_FIXTURES = {"profile", "connected_window", "cluster", "service_names"}


def pytest_collection_modifyitems(items):
    """Mark every test that needs the test swarm, so `-m "not swarm"` runs the rest anywhere (the
    hosted CI's Windows and macOS jobs)."""
    for item in items:
        if SWARM_FIXTURES & set(item.fixturenames) or item.path.parent.name in ("integration", "faults"):
            item.add_marker(pytest.mark.swarm)
