"""Which services have a newer image under their tag: the registry asked off the GUI thread (through
the operation runner) when services appear or change their image, and again every CHECK_INTERVAL_MS;
the answers are kept here, so the apps table, the app and the service details read them without a
call of their own (engine/image_updates.py does the asking).

One round at a time. A change asks for its services in a round SETTLE_MS after the first change of a
burst (later changes do not postpone it, so a rollout's stream of task changes cannot hold it back);
`check_now` asks at once. What is asked for during a round is checked in the next one. Without a
cluster a round fails at once (logged) and its services are asked again at their next change.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from crane_desktop.engine.diff import Diff
from crane_desktop.engine.errors import EngineError
from crane_desktop.engine.image_updates import (
    CheckRound,
    ImageCheck,
    Target,
    check_services,
    split_image,
    targets,
)
from crane_desktop.engine.snapshots import Service, Task
from crane_desktop.models.store import ClusterStore
from crane_desktop.views.operations import OperationRunner, loop_running, operation_slot

if TYPE_CHECKING:
    from crane_desktop.engine.cluster import Cluster

log = logging.getLogger("crane.views.image_updates")

CHECK_INTERVAL_MS = 15 * 60 * 1000  # registries are asked by tag (a HEAD): cheap, but not per repaint
SETTLE_MS = 1500  # a deploy changes several services within moments: one round for the burst


class ImageUpdates(QObject):
    """The registry's answers per service (`check(service_id)`), kept up to date; `changed` names the
    services whose answer changed."""

    changed = Signal(object)  # frozenset[str]: service ids

    def __init__(
        self, store: ClusterStore, operations: OperationRunner, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.operations = operations
        self._checks: dict[str, ImageCheck] = {}
        self._container_digests: dict[str, str] = {}  # container id -> digest (unpinned services)
        self._asked: dict[str, str] = {}  # service id -> the spec's image a round asked about
        self._wanted: set[str] = set()  # the next round's services
        self._running = False
        self._stopped = False
        self._interval = QTimer(self)
        self._interval.setInterval(CHECK_INTERVAL_MS)
        self._interval.timeout.connect(self.check_all)
        self._interval.start()
        self._next_round = QTimer(self)
        self._next_round.setSingleShot(True)
        self._next_round.timeout.connect(self._start_round)
        store.changed.connect(self._on_store_changed)
        store.cleared.connect(self._forget)

    def stop(self) -> None:
        """The window is closing: no more rounds."""
        self._stopped = True
        self._interval.stop()
        self._next_round.stop()

    # -- reading -----------------------------------------------------------------------------------
    def check(self, service_id: str) -> ImageCheck | None:
        """The last answer for the service (None: not asked yet, or no tag to follow)."""
        return self._checks.get(service_id)

    def checks(self) -> dict[str, ImageCheck]:
        return dict(self._checks)

    # -- asking ------------------------------------------------------------------------------------
    def check_all(self) -> None:
        """Ask again for every service (the interval's tick, or the operator's "Check for newer images")."""
        self.check_now(self.store.get("services"))

    def check_now(self, service_ids: Iterable[str]) -> None:
        """Ask for `service_ids` at once (SETTLE_MS after the round under way, if one runs)."""
        self._ask(service_ids, 0)

    def _ask(self, service_ids: Iterable[str], delay_ms: int = SETTLE_MS) -> None:
        """Put the services in the next round, which starts within `delay_ms` (an earlier start already
        planned stays: a burst of changes is one round, not one postponed by each change)."""
        self._wanted.update(service_ids)
        if not self._wanted or self._running or self._stopped:
            return
        if not self._next_round.isActive() or self._next_round.remainingTime() > delay_ms:
            self._next_round.start(delay_ms)

    def _on_store_changed(self, kind: str, change: Diff[Any]) -> None:
        if kind == "services":
            self._forget_services(change.removed)
            fresh = {**change.added, **change.changed}
            self._ask(key for key, service in fresh.items() if self._image_moved(key, service))
        elif kind == "tasks":
            # an unpinned service's new container may run another digest than its older ones
            services = self.store.get("services")
            fresh_tasks = {**change.added, **change.changed}.values()
            self._ask(task.service_id for task in fresh_tasks if self._new_unpinned_container(task, services))

    def _image_moved(self, service_id: str, service: Service) -> bool:
        """Not asked yet for this service, or its spec's image is another than the one asked about (an
        update, a redeploy); a service given by its digest only has no tag to follow."""
        return bool(split_image(service.image)[0]) and self._asked.get(service_id) != service.image

    def _new_unpinned_container(self, task: Task, services: Mapping[str, Service]) -> bool:
        """A running container of an unpinned service not read yet, once the registry answered for it
        (without the registry's digest there is nothing to compare it with until the next round)."""
        service = services.get(task.service_id)
        check = self._checks.get(task.service_id)
        return (
            service is not None
            and check is not None
            and bool(check.latest)
            and task.state == "running"
            and bool(task.container_id)
            and task.container_id not in self._container_digests
            and not split_image(service.image)[1]
        )

    def _forget_services(self, service_ids: Iterable[str]) -> None:
        service_ids = list(service_ids)
        self._wanted.difference_update(service_ids)
        for key in service_ids:
            self._asked.pop(key, None)
        self.take(dict.fromkeys(service_ids))

    def _forget(self) -> None:
        """The store was cleared (disconnected): the answers were about that cluster."""
        self._wanted.clear()
        self._container_digests.clear()
        self._asked.clear()
        self._forget_services(list(self._checks))

    def _start_round(self) -> None:
        if loop_running() and not self._running:
            self._round()

    @operation_slot()
    async def _round(self) -> None:
        store = self.store
        services = store.get("services")
        wanted = {key for key in self._wanted if key in services}
        self._wanted.clear()
        if not wanted:
            return
        self._running = True
        self._asked.update((key, services[key].image) for key in wanted)
        to_check = targets([services[key] for key in wanted], store.get("tasks").values(), store.get("nodes"))
        try:
            answer: CheckRound = await self.operations.on_cluster(
                self, _check, to_check, dict(self._container_digests)
            )
        except EngineError as error:  # not connected, or the manager did not answer
            log.info("image update check of %d service(s) failed: %s", len(wanted), error)
            for key in wanted:  # asked again when they change, not only at the next tick
                self._asked.pop(key, None)
        else:
            live = {task.container_id for task in store.get("tasks").values()}
            known = {**self._container_digests, **answer.container_digests}
            self._container_digests = {key: digest for key, digest in known.items() if key in live}
            services = store.get("services")
            self.take({key: answer.checks.get(key) for key in wanted if key in services})
        finally:
            self._running = False
        self._ask(())  # what was asked for meanwhile

    def take(self, answers: Mapping[str, ImageCheck | None]) -> None:
        """Keep the registry's answers (service id -> answer; None: no tag to follow, or forgotten) and
        say which services' answer changed."""
        moved = set()
        for key, check in answers.items():
            old = self._checks.pop(key, None)
            if check is not None:
                self._checks[key] = check
            if _says(old) != _says(check):
                moved.add(key)
        if moved:
            self.changed.emit(frozenset(moved))


def _says(check: ImageCheck | None) -> tuple[object, ...] | None:
    """What an answer shows (not when it was given)."""
    if check is None:
        return None
    problem = check.problem
    return (check.reference, check.running, check.latest, type(problem), problem.raw if problem else "")


def _check(cluster: Cluster, to_check: list[Target], known: dict[str, str]) -> CheckRound:
    """The round on the runner's pool, with the cluster's registry logins (the profile's registries,
    then docker's own: engine/registries.py), read there since a keyring may block; a locked keyring
    is that registry's answer, never a prompt to unlock it for a check the operator did not start."""
    logins = cluster.credentials(unlock=False)
    return check_services(cluster.client, cluster.node_client, to_check, logins.header_for, known)
