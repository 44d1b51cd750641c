"""The pages of the sidebar, in order. Each entry builds its page from the cluster context and the
navigator (views/context.py).

A page is a QWidget with a `model` attribute, a models.live.LiveRows: `loaded` (data arrived, for
--screenshot), `set_stale(bool)` (grey while disconnected) and `clear()` (another cluster opened); it
follows `context.store` for its data, runs engine calls through `context.operations` and opens details
through the navigator.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from crane_desktop.views.alerts_page import AlertsPage
from crane_desktop.views.apps_page import AppsPage
from crane_desktop.views.capacity_page import CapacityPage
from crane_desktop.views.disk_page import DiskPage
from crane_desktop.views.events_page import EventsPage
from crane_desktop.views.networks_page import NetworksPage
from crane_desktop.views.nodes_page import NodesPage
from crane_desktop.views.overview_page import OverviewPage
from crane_desktop.views.secrets_page import configs_page, secrets_page
from crane_desktop.views.swarm_page import SwarmPage

if TYPE_CHECKING:
    from crane_desktop.views.context import ClusterContext, Navigator

translate = QCoreApplication.translate

# (key, title, factory)
PAGES: list[tuple[str, Callable[[], str], Callable[[ClusterContext, Navigator], QWidget]]] = [
    ("overview", lambda: translate("Pages", "Overview"), OverviewPage),
    ("nodes", lambda: translate("Pages", "Nodes"), NodesPage),
    ("apps", lambda: translate("Pages", "Apps"), AppsPage),
    ("capacity", lambda: translate("Pages", "Capacity"), CapacityPage),
    ("disk", lambda: translate("Pages", "Disk usage"), DiskPage),
    ("networks", lambda: translate("Pages", "Networks"), NetworksPage),
    ("secrets", lambda: translate("Pages", "Secrets"), secrets_page),
    ("configs", lambda: translate("Pages", "Configs"), configs_page),
    ("alerts", lambda: translate("Pages", "Alerts"), AlertsPage),
    ("events", lambda: translate("Pages", "Events"), EventsPage),
    ("swarm", lambda: translate("Pages", "Swarm"), SwarmPage),
]
