"""Why pending, in the user's language, from the store's snapshots: what the task tree, the service
header and the overview show (engine/why_pending.py does the reasoning; this only reads the store and
translates the sentences)."""

from __future__ import annotations

from collections.abc import Mapping

from crane_desktop.engine.task_errors import task_error
from crane_desktop.engine.why_pending import ClusterView, Pending, Reason, explain_all, explain_service
from crane_desktop.messages import engine_text
from crane_desktop.models.store import ClusterStore


def store_view(store: ClusterStore) -> ClusterView:
    """The store's current snapshots (GUI thread: the store is read here, not copied)."""
    return ClusterView(store.get("nodes"), store.get("services"), store.get("tasks"))


def reason_text(reason: Reason) -> str:
    """The reason's sentence in the user's language (the engine's own text in it too, where it has a
    known shape)."""
    return engine_text(reason.template, {**reason.params, "message": task_error(reason.message)})


def service_pending(store: ClusterStore, service_id: str) -> list[Pending]:
    """The service's pending tasks (or service-wide reason) explained; empty when it converges."""
    service = store.get("services").get(service_id)
    return explain_service(service, store_view(store)) if service is not None else []


def not_converging(store: ClusterStore) -> dict[str, list[str]]:
    """Every service that does not converge, with its distinct sentences."""
    return sentences(explain_all(store_view(store)))


def frozen_view(store: ClusterStore) -> ClusterView:
    """A copy of the store's mappings (the snapshots themselves are immutable), for reasoning on
    another thread while the GUI thread goes on applying diffs."""
    return ClusterView(dict(store.get("nodes")), dict(store.get("services")), dict(store.get("tasks")))


def explained_sentences(view: ClusterView) -> dict[str, list[str]]:
    """Every service of `view` that does not converge, with its distinct sentences: the reasoning and
    the wording together, for the operation runner's pool (Qt's translate is thread-safe)."""
    return sentences(explain_all(view))


def sentences(explained: Mapping[str, list[Pending]]) -> dict[str, list[str]]:
    """The distinct sentences of each service, in the user's language. Each distinct
    reason is translated once: on a big swarm thousands of pending tasks share a few reasons (per
    task, 10,000 pending tasks took 75 ms of the GUI thread)."""
    texts: dict[Reason, str] = {}

    def text(reason: Reason) -> str:
        found = texts.get(reason)
        if found is None:
            found = texts[reason] = reason_text(reason)
        return found

    return {
        service_id: list(dict.fromkeys(map(text, dict.fromkeys(item.reason for item in items))))
        for service_id, items in explained.items()
    }
