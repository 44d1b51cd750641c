"""Detail views open as closable tabs beside the pages; opening one twice focuses it; closing it
closes its streams."""

from PySide6.QtWidgets import QLabel

from crane_desktop.views.main_window import MainWindow


class Detail(QLabel):
    closed = 0

    def close_streams(self):
        Detail.closed += 1


def test_open_focus_and_close_detail_tabs(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    built = []

    def factory():
        built.append(1)
        return Detail("service detail")

    first = window.open_detail("service:abc", "web", factory, ["Apps", "shop", "web"])
    window.show_page("nodes")
    assert window.tabs.currentIndex() == 0 and window.tabs.tabText(0) == "Nodes"
    again = window.open_detail("service:abc", "web", factory, ["Apps", "shop", "web"])
    assert again is first and built == [1] and window.tabs.count() == 2
    assert window.breadcrumb.text() == "Apps › shop › web"
    window.close_detail(window.tabs.indexOf(first))
    assert window.tabs.count() == 1 and Detail.closed == 1
    window.close_detail(0)  # the pages tab cannot be closed
    assert window.tabs.count() == 1
