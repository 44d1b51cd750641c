"""Extra tabs of the service detail view (logs, monitoring, entry points, continuous deployment...),
each contributed by its own module. The service detail adds them after its own tabs, in this order.

An entry is (title, factory) where factory(window, service_id) -> QWidget; a widget with
`close_streams()` gets it called when the service detail closes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from crane_desktop.views.main_window import MainWindow

SERVICE_TABS: list[tuple[Callable[[], str], Callable[[MainWindow, str], QWidget]]] = []
