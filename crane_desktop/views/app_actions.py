"""What the Apps page and the app detail both do to a whole app: update it (deploy its compose file
again, views/deploy_dialog.py), export it as a compose file (engine/compose_export.py: the live specs,
read off the GUI thread, then a save dialog; its configs are written beside the file) and delete it
(asked first, naming what goes, as `docker stack rm`)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from crane_desktop.engine import compose_export, stacks
from crane_desktop.models.apps import App
from crane_desktop.views.dialogs import confirm, show_error
from crane_desktop.views.text_export import ask_save

if TYPE_CHECKING:
    from crane_desktop.views.context import ClusterContext
    from crane_desktop.views.operations import Busy


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


async def export_app(
    owner: QWidget, context: ClusterContext, app: str, busy: Iterable[Busy] = ()
) -> None:
    """Read the app as it runs (off the GUI thread; `busy` disabled meanwhile), then offer to save it as
    a compose file. A failure is shown; `owner` closing meanwhile ends it (OwnerGone)."""
    try:
        result = await context.operations.on_manager(
            owner, compose_export.export_app, app, True, busy=busy
        )
    except Exception as error:
        show_error(owner, translate("AppActions", "Cannot export the app"), error)
        return
    offer_export(owner, context, app, result)


def offer_export(owner: QWidget, context: ClusterContext, app: str, result: compose_export.Export) -> QWidget:
    """The save dialog for an export: the compose file where the operator says, its configs beside it."""
    return ask_save(
        owner,
        translate("AppActions", "Export %1 as a compose file").replace("%1", app),
        f"{app}.yml",
        lambda path: save_export(context, Path(path), result),
    )


def save_export(context: ClusterContext, path: Path, result: compose_export.Export) -> bool:
    """Write the export; the status bar says where (and how many config files went beside it), or why
    it could not."""
    try:
        compose_export.write_export(path, result)
    except OSError as error:
        context.say(
            translate("AppActions", "Cannot save %1: %2")
            .replace("%1", str(error.filename or path))
            .replace("%2", error.strerror or str(error)),
            10000,
        )
        return False
    if result.files:
        text = translate("AppActions", "Saved %1, and beside it the configs' files: %2.")
    else:
        text = translate("AppActions", "Saved %1.")
    context.say(text.replace("%1", str(path)).replace("%2", ", ".join(result.files)), 5000)
    return True
