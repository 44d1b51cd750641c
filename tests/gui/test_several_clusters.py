"""Several clusters at once: each window holds its own connection and says where it is connected."""

from __future__ import annotations

from dataclasses import replace

from crane_desktop.app import WindowKeeper
from crane_desktop.engine.profiles import ProfileStore


def test_two_windows_each_with_its_own_connection(qtbot, loop, profile):
    keeper = WindowKeeper(ProfileStore())
    first = keeper.open_window(replace(profile, name="via node-1", managers=profile.managers[:1]))
    second = keeper.open_window(replace(profile, name="via node-2", managers=profile.managers[1:2]))
    try:
        for window in (first, second):
            qtbot.waitUntil(lambda w=window: w.node_model.rowCount() == 4, timeout=20000)
        assert first.status_line.profile.text() == "via node-1"
        assert first.status_line.manager.text() == "manager node-1"
        assert second.status_line.profile.text() == "via node-2"
        assert second.status_line.manager.text() == "manager node-2"
        assert first.session is not second.session
        first.close()
        qtbot.waitUntil(lambda: first not in keeper.windows)
        assert second.session.state.phase == "connected"
    finally:
        keeper.close_all()
        for window in list(keeper.windows):
            window.close()
