"""The terminal against a real container on another node's engine, with each emulator: a command typed
and read back from the screen, TTY resize seen by `stty size`, CJK widths, vi on the alternate screen
giving the shell's screen back, top, exit ends the session, reopen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from crane_desktop.engine.cluster import Cluster
from crane_desktop.engine.snapshots import Node
from crane_desktop.terminal.emulator import MODE_ALT_SCREEN
from crane_desktop.terminal.session import TerminalPanel
from crane_desktop.views.operations import OperationRunner
from tests.swarm import container_on


@pytest.fixture
def cluster(profile):
    cluster = Cluster(profile)
    cluster.connect()
    yield cluster
    cluster.close()


@pytest.fixture(scope="module")
def shell_container():
    with container_on(2, "term", "sleep", "3600") as container:
        yield container


def _type(qtbot, panel, text: str) -> None:
    qtbot.keyClicks(panel.terminal, text)
    qtbot.keyClick(panel.terminal, Qt.Key.Key_Return)


@pytest.mark.parametrize("emulator", ["ghostty", "pyte"])
def test_shell_session(qtbot, loop, cluster, shell_container, emulator):
    node = next(Node.from_api(n) for n in cluster.client.nodes() if n["Description"]["Hostname"] == "node-2")
    runner = OperationRunner(lambda: None)
    panel = TerminalPanel(None, runner, lambda: cluster.node_stream_client(node), shell_container, emulator)
    qtbot.addWidget(panel, before_close_func=lambda widget: widget.close_streams())  # even on failure
    panel.resize(800, 500)
    panel.show()
    screen = panel.terminal.screen_text
    qtbot.waitUntil(lambda: "#" in screen(), timeout=15000)  # busybox ash got its ESC[6n answered
    _type(qtbot, panel, "echo $((6*7))")
    qtbot.waitUntil(lambda: "\n42" in screen(), timeout=5000)

    qtbot.waitUntil(
        lambda: panel.session is not None and panel.session.cols == panel.terminal.grid_size()[0],
        timeout=5000,
    )
    before = panel.terminal.grid_size()
    panel.resize(640, 400)
    qtbot.waitUntil(lambda: panel.terminal.grid_size() != before, timeout=5000)
    cols, rows = panel.terminal.grid_size()
    qtbot.waitUntil(lambda: (panel.session.cols, panel.session.rows) == (cols, rows), timeout=5000)
    _type(qtbot, panel, "stty size")
    qtbot.waitUntil(lambda: f"\n{rows} {cols}\n" in screen(), timeout=5000)

    _type(qtbot, panel, "printf '\\344\\270\\255\\346\\226\\207|\\n'")
    qtbot.waitUntil(lambda: "中文|" in screen(), timeout=5000)
    row = next(
        y for y in range(panel.terminal.emulator.rows) if panel.terminal.emulator.row_text(y) == "中文|"
    )
    assert panel.terminal.emulator.row_cells_text(row)[:5] == ["中", "", "文", "", "|"]

    # vi draws on the alternate screen: quitting gives the shell's screen back as it was
    above = [line for line in screen().split("\n") if line][-4:-1]  # the rows above the prompt

    def shell_back(command: str, gone: str) -> bool:
        text = screen()
        return "\n".join(above) + "\n" in text and f"# {command}" in text and gone not in text

    _type(qtbot, panel, "vi /tmp/crane-vi.txt")
    qtbot.waitUntil(lambda: "crane-vi.txt" in screen() and "中文|" not in screen(), timeout=10000)
    assert panel.terminal.emulator.mode(MODE_ALT_SCREEN)
    qtbot.keyClicks(panel.terminal, "ihello from vi")
    qtbot.waitUntil(lambda: "hello from vi" in screen(), timeout=5000)
    qtbot.keyClick(panel.terminal, Qt.Key.Key_Escape)  # alone, or vi reads ESC and what follows as one key
    qtbot.waitUntil(lambda: "\n- /tmp/crane-vi.txt" in screen(), timeout=5000)  # out of insert mode
    _type(qtbot, panel, ":q!")
    qtbot.waitUntil(lambda: shell_back("vi /tmp/crane-vi.txt", "hello from vi"), timeout=5000)
    assert not panel.terminal.emulator.mode(MODE_ALT_SCREEN)
    _type(qtbot, panel, "top")
    qtbot.waitUntil(lambda: "PID" in screen() and "中文|" not in screen(), timeout=10000)
    qtbot.keyClicks(panel.terminal, "q")  # busybox top draws on the main screen: its last frame stays
    _type(qtbot, panel, "echo top-done-$((1+1))")
    qtbot.waitUntil(lambda: "\ntop-done-2" in screen(), timeout=5000)

    # A flood, then Ctrl-C: the prompt comes back promptly
    _type(qtbot, panel, "yes flood")
    qtbot.waitUntil(lambda: screen().count("flood") > 5, timeout=5000)
    qtbot.keyClick(panel.terminal, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    _type(qtbot, panel, "echo done-$((2+3))")
    qtbot.waitUntil(lambda: "\ndone-5" in screen(), timeout=15000)

    _type(qtbot, panel, "exit 3")
    qtbot.waitUntil(lambda: panel.session is None, timeout=5000)
    assert "The shell exited with code 3." in panel.status.text()
    qtbot.waitUntil(lambda: "[The shell exited with code 3.]" in screen(), timeout=5000)

    qtbot.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)  # reopen
    qtbot.waitUntil(lambda: panel.session is not None, timeout=15000)
    _type(qtbot, panel, "echo again-$((1+1))")
    qtbot.waitUntil(lambda: "again-2" in screen().replace("again-$((1+1))", ""), timeout=5000)
    panel.close_streams()
