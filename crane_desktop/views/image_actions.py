""" "Pull and redeploy": what the Apps page, the app detail and the service detail do for services whose
tag holds a newer image (views/image_updates.py says which). Asked first, naming each service with the
digest it runs and the registry's; then each service is pinned to its tag's digest of now and updated
with the registry's credentials (engine/image_updates.py), its rollout followed like any update."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from crane_desktop.engine.image_updates import Redeploy, pull_and_redeploy_services, short_digest
from crane_desktop.engine.snapshots import Service
from crane_desktop.views.dialogs import confirm, show_error

if TYPE_CHECKING:
    from crane_desktop.engine.cluster import Cluster
    from crane_desktop.views.context import ClusterContext
    from crane_desktop.views.operations import Busy

translate = QCoreApplication.translate


def newer_text(service: Service, context: ClusterContext) -> str:
    """ "web: reg/app:1 — runs 95d4b8936975, the registry has 0bc264933dcd" ("" without a newer image)."""
    check = context.image_updates.check(service.id)
    if check is None or not check.newer:
        return ""
    return (
        translate("ImageActions", "%1: %2 — runs %3, the registry has %4")
        .replace("%1", service.name)
        .replace("%2", check.reference)
        .replace("%3", ", ".join(short_digest(d) for d in check.running))
        .replace("%4", short_digest(check.latest))
    )


async def pull_and_redeploy(
    owner: QWidget, context: ClusterContext, services: list[Service], busy: list[Busy] | None = None
) -> bool:
    """Ask, then redeploy `services` on their tags' newest images; True once the updates were sent.
    A failure is shown; `owner` closing meanwhile ends it (OwnerGone)."""
    if not services:
        return False
    names = ", ".join(s.name for s in services)
    text = translate(
        "ImageActions",
        "Pull and redeploy %1? Each service is pinned to the image its tag has in the registry now and "
        "updated following its update policy (its tasks are replaced); the nodes pull the image with the "
        "registry's credentials.",
    ).replace("%1", names)
    details = "\n".join(filter(None, (newer_text(s, context) for s in services)))
    title = translate("ImageActions", "Pull and redeploy")
    if not await confirm(owner, title, text, title, details=details):
        return False
    updates = context.image_updates
    ids = [s.id for s in services]
    try:
        done = await context.operations.on_cluster(owner, _redeploy, ids, busy=busy or [])
    except Exception as error:
        show_error(owner, translate("ImageActions", "Cannot redeploy with the newer image"), error)
        updates.check_now(ids)  # the registry's answer may have changed
        return False
    changed = [s.name for s, result in zip(services, done, strict=True) if result.changed]
    if changed:
        context.say(
            translate("ImageActions", "Redeploying %1 with the newer image.").replace(
                "%1", ", ".join(changed)
            )
        )
    else:
        context.say(translate("ImageActions", "%1 already runs the registry's image.").replace("%1", names))
    return True  # the new pins reach the store as service changes, which ask the registry again


def _redeploy(cluster: Cluster, service_ids: list[str]) -> list[Redeploy]:
    """On the runner's pool: the manager in use, with the cluster's registry logins."""
    return pull_and_redeploy_services(cluster.client, service_ids, cluster.credentials().header_for)
