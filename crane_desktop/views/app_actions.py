"""What the Apps page and the app detail both do to a whole app: update it (deploy its compose file
again, views/deploy_dialog.py) and delete it (asked first, naming what goes, as `docker stack rm`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from crane_desktop.engine import stacks
from crane_desktop.models.apps import App
from crane_desktop.views.dialogs import confirm, show_error

if TYPE_CHECKING:
    from crane_desktop.views.context import ClusterContext


translate = QCoreApplication.translate


def open_update(context: ClusterContext, parent: QWidget, app: str) -> QWidget:
    """The deploy dialog for the app `app`: its name fixed, a compose file to deploy under it."""
    from crane_desktop.views.deploy_dialog import DeployDialog

    dialog = DeployDialog(context, parent, app=app)
    dialog.open()
    return dialog


async def delete_app(owner: QWidget, context: ClusterContext, app: App) -> bool:
    """Ask first (naming the services, networks, secrets and configs that go), then remove the app;
    True once it is removed. A failure is shown; `owner` closing meanwhile ends it (OwnerGone)."""
    operations = context.operations
    try:
        if app.is_stack:
            summary = await operations.on_manager(owner, stacks.stack_summary, app.name)
            parts = [translate("AppActions", "Services: %1").replace("%1", ", ".join(summary.services))]
            if summary.networks:
                parts.append(
                    translate("AppActions", "Networks: %1").replace("%1", ", ".join(summary.networks))
                )
            if summary.secrets:
                parts.append(translate("AppActions", "Secrets: %1").replace("%1", ", ".join(summary.secrets)))
            if summary.configs:
                parts.append(translate("AppActions", "Configs: %1").replace("%1", ", ".join(summary.configs)))
            details = "\n".join(parts)
        else:
            details = translate("AppActions", "Service: %1").replace("%1", app.name)
        sure = await confirm(
            owner,
            translate("AppActions", "Delete app"),
            translate(
                "AppActions", "Delete the app %1 and everything it created? This cannot be undone."
            ).replace("%1", app.name),
            translate("AppActions", "Delete app"),
            details=details,
        )
        if not sure:
            return False
        if app.is_stack:
            await operations.on_manager(owner, stacks.remove, app.name)
        else:
            await operations.on_manager(owner, stacks.remove_service, app.service_ids[0])
    except Exception as error:
        show_error(owner, translate("AppActions", "Cannot delete the app"), error)
        return False
    context.say(translate("AppActions", "The app %1 was deleted.").replace("%1", app.name))
    return True
