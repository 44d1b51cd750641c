"""Shared fixtures: every test gets its own config and log directories (never the user's); the qasync
loop the app runs on; a main window connected to the test swarm."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import asyncio

import pytest
import qasync

from crane_desktop.session import ClusterSession
from crane_desktop.views.main_window import MainWindow
from tests.swarm import swarm_profile


@pytest.fixture(autouse=True)
def private_dirs(tmp_path, monkeypatch):
    monkeypatch.setenv("CRANE_DESKTOP_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("CRANE_DESKTOP_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setenv("DOCKER_CONFIG", str(tmp_path / "docker-config"))
    return tmp_path


@pytest.fixture(scope="session")
def profile():
    return swarm_profile()


@pytest.fixture
def loop(qapp):
    loop = qasync.QEventLoop(qapp, already_running=False)
    asyncio.set_event_loop(loop)
    yield loop
    asyncio.set_event_loop(None)
    loop.close()


@pytest.fixture
def connected_window(qtbot, loop, profile):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    loop.run_until_complete(window.open_profile(ClusterSession(profile, window)))
    qtbot.waitUntil(lambda: window.node_model.loaded and window.node_model.rowCount() == 4, timeout=20000)
    yield window
    window.close_session()
