"""Extra tabs of the service detail view (logs, monitoring, entry points, continuous deployment...),
each contributed by its own module. The service detail adds them after its own tabs, in this order.

An entry is (title, factory) where factory(context, service_id) -> QWidget (context: the cluster
context of views/context.py); a widget with `close_streams()` gets it called when the service detail
closes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from crane_desktop.views.context import ClusterContext

SERVICE_TABS: list[tuple[Callable[[], str], Callable[[ClusterContext, str], QWidget]]] = []


# -- issue 5: live logs and monitoring (imported when the tab is built: pyqtgraph loads only then) --
def _service_logs(context: ClusterContext, service_id: str) -> QWidget:
    from crane_desktop.views.log_view import ServiceLogs

    return ServiceLogs(context, service_id)


def _service_charts(context: ClusterContext, service_id: str) -> QWidget:
    from crane_desktop.views.charts import ServiceCharts

    return ServiceCharts(context, service_id)


SERVICE_TABS += [
    (lambda: QCoreApplication.translate("ServiceTabs", "Logs"), _service_logs),
    (lambda: QCoreApplication.translate("ServiceTabs", "Monitoring"), _service_charts),
]


# -- issue 6: entry points (nginx / HAProxy configs) and continuous deployment --
def _entry_points(context: ClusterContext, service_id: str) -> QWidget:
    from crane_desktop.views.entrypoints_tab import EntryPointsTab

    return EntryPointsTab(context, service_id)


def _continuous_deployment(context: ClusterContext, service_id: str) -> QWidget:
    from crane_desktop.views.cd_tab import ContinuousDeploymentTab

    return ContinuousDeploymentTab(context, service_id)


SERVICE_TABS += [
    (lambda: QCoreApplication.translate("ServiceTabs", "Entry points"), _entry_points),
    (lambda: QCoreApplication.translate("ServiceTabs", "Continuous deployment"), _continuous_deployment),
]
