"""Spec changes in an operator's words before they are applied: which restart the tasks (the update form,
the compose check of an app that exists). The marks come from engine/spec_diff.py (swarmkit's rule)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication

from crane_desktop.engine.spec_diff import (
    Change,
    Restart,
    change_text,
    diff_specs,
    restart_effect,
    with_network_names,
)
from crane_desktop.engine.stacks import ServiceReview

translate = QCoreApplication.translate


def mark_text(restart: Restart) -> str:
    """What one change does to the tasks, as the line's mark."""
    if restart is Restart.ALL:
        return translate("SpecChanges", "restarts the tasks")
    if restart is Restart.MISPLACED:
        return translate("SpecChanges", "restarts the tasks on nodes that no longer fit the placement")
    return translate("SpecChanges", "no restart")


def effect_text(changes: Sequence[Change]) -> str:
    """One sentence: what applying all of `changes` does to the running tasks."""
    if not changes:
        return translate("SpecChanges", "No changes.")
    effect = restart_effect(changes)
    if effect is Restart.ALL:
        return translate(
            "SpecChanges",
            "Applying this restarts every task of the service (one by one, as the update policy says).",
        )
    if effect is Restart.MISPLACED:
        return translate(
            "SpecChanges",
            "Applying this restarts only the tasks on nodes that no longer fit the placement constraints.",
        )
    return translate("SpecChanges", "Applying this restarts no task: the running tasks keep running.")


def change_lines(changes: Sequence[Change], indent: str = "") -> list[str]:
    """One line per change: `path: old -> new (mark)`."""
    line = translate("SpecChanges", "%1  (%2)")
    return [
        indent + line.replace("%1", change_text(change)).replace("%2", mark_text(change.restart))
        for change in changes
    ]


def changes_text(changes: Sequence[Change]) -> str:
    """The update form's review: the effect, then the changes one per line."""
    return "\n".join([effect_text(changes), *change_lines(changes)])


def rollback_review(raw: Mapping[str, Any], network_names: Mapping[str, str]) -> str:
    """What a rollback changes: the service's current spec against its `PreviousSpec` (the engine's
    JSON), the effect on the tasks first, then each change with its mark (networks by name: id -> name)."""
    changes = with_network_names(diff_specs(raw.get("Spec"), raw.get("PreviousSpec")), network_names)
    heading = translate("SpecChanges", "Rolling back changes (current -> previous):")
    return "\n".join([effect_text(changes), "", heading, *change_lines(changes)])


def review_text(app: str, reviews: Sequence[ServiceReview]) -> str:
    """The compose check of an app that exists: per service created / updated (its changes and their
    marks) / unchanged / removed."""
    lines = [translate("SpecChanges", "The app %1 exists; deploying this file:").replace("%1", app)]
    for review in reviews:
        if review.outcome == "created":
            lines.append(translate("SpecChanges", "%1: created").replace("%1", review.name))
        elif review.outcome == "removed":
            lines.append(translate("SpecChanges", "%1: removed").replace("%1", review.name))
        elif review.outcome == "unchanged":
            lines.append(translate("SpecChanges", "%1: unchanged").replace("%1", review.name))
        else:
            restarts = restart_effect(review.changes) is not Restart.NONE
            template = (
                translate("SpecChanges", "%1: updated, restarts its tasks")
                if restarts
                else translate("SpecChanges", "%1: updated, no task restarts")
            )
            lines.append(template.replace("%1", review.name))
            lines += change_lines(review.changes, "    ")
    return "\n".join(lines)
