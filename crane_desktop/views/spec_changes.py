"""Spec changes in an operator's words before they are applied: which restart the tasks (the update form,
the compose check of an app that exists). The marks come from engine/spec_diff.py (swarmkit's rule)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication

from crane_desktop.engine import spec_diff
from crane_desktop.engine.i18n import QT_TRANSLATE_NOOP, known_term
from crane_desktop.engine.service_form import TERMS
from crane_desktop.engine.spec_diff import Change, Restart, diff_specs, restart_effect, with_network_names
from crane_desktop.engine.stacks import ServiceReview
from crane_desktop.messages import phrase_text

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


_WORDS = {"Condition", "FailureAction", "Order", "Mode"}  # restart, update and endpoint words


def readable_value(path: str, value: object) -> str:
    """A changed value as an operator reads it: the policies' words (`on-failure`) in the user's
    language; durations, memory and CPUs as the deploy form writes them (engine/spec_diff.py)."""
    if isinstance(value, str) and path.rsplit(".", 1)[-1] in _WORDS:
        return phrase_text(known_term(value, TERMS))
    return spec_diff.readable_value(path, value)


# The spec's fields in the words of the form and the service detail ("engine" context), most specific
# first; a field not named here keeps the engine's path (a change inside one keeps the rest of its path).
_FIELDS: tuple[tuple[str, str], ...] = (
    ("Mode.Replicated.Replicas", QT_TRANSLATE_NOOP("engine", "Task count")),
    ("Mode", QT_TRANSLATE_NOOP("engine", "Mode")),
    ("Name", QT_TRANSLATE_NOOP("engine", "Name")),
    ("Labels", QT_TRANSLATE_NOOP("engine", "Labels")),
    ("TaskTemplate.ContainerSpec.Image", QT_TRANSLATE_NOOP("engine", "Image")),
    ("TaskTemplate.ContainerSpec.Command", QT_TRANSLATE_NOOP("engine", "Start command")),
    ("TaskTemplate.ContainerSpec.Args", QT_TRANSLATE_NOOP("engine", "Start command")),
    ("TaskTemplate.ContainerSpec.Env", QT_TRANSLATE_NOOP("engine", "Environment variables")),
    ("TaskTemplate.ContainerSpec.Labels", QT_TRANSLATE_NOOP("engine", "Container labels")),
    ("TaskTemplate.ContainerSpec.Mounts", QT_TRANSLATE_NOOP("engine", "Mounts")),
    ("TaskTemplate.ContainerSpec.Secrets", QT_TRANSLATE_NOOP("engine", "Secrets")),
    ("TaskTemplate.ContainerSpec.Configs", QT_TRANSLATE_NOOP("engine", "Configs")),
    ("TaskTemplate.ContainerSpec.Healthcheck", QT_TRANSLATE_NOOP("engine", "Health check")),
    ("TaskTemplate.Resources.Limits", QT_TRANSLATE_NOOP("engine", "Limits")),
    ("TaskTemplate.Resources.Reservations", QT_TRANSLATE_NOOP("engine", "Reservations")),
    ("TaskTemplate.Placement.Constraints", QT_TRANSLATE_NOOP("engine", "Placement constraints")),
    ("TaskTemplate.Networks", QT_TRANSLATE_NOOP("engine", "Networks")),
    ("TaskTemplate.RestartPolicy.Condition", QT_TRANSLATE_NOOP("engine", "Restart condition")),
    ("TaskTemplate.RestartPolicy.Delay", QT_TRANSLATE_NOOP("engine", "Restart delay")),
    ("TaskTemplate.RestartPolicy.MaxAttempts", QT_TRANSLATE_NOOP("engine", "Restart max attempts")),
    ("TaskTemplate.RestartPolicy", QT_TRANSLATE_NOOP("engine", "Restart policy")),
    ("EndpointSpec.Mode", QT_TRANSLATE_NOOP("engine", "Endpoint mode")),
    ("EndpointSpec.Ports", QT_TRANSLATE_NOOP("engine", "Port mapping")),
    ("UpdateConfig", QT_TRANSLATE_NOOP("engine", "Update policy")),
    ("RollbackConfig", QT_TRANSLATE_NOOP("engine", "Rollback policy")),
)
# an update or rollback policy's fields, as the detail's policy sections name them
_POLICY_FIELDS = {
    "Parallelism": QT_TRANSLATE_NOOP("engine", "Parallelism"),
    "Delay": QT_TRANSLATE_NOOP("engine", "Delay"),
    "FailureAction": QT_TRANSLATE_NOOP("engine", "Failure action"),
    "Monitor": QT_TRANSLATE_NOOP("engine", "Monitor"),
    "MaxFailureRatio": QT_TRANSLATE_NOOP("engine", "Max failure ratio"),
    "Order": QT_TRANSLATE_NOOP("engine", "Order"),
}


def field_text(path: str) -> str:
    """A changed field as the form names it ("Environment variables", "Update policy · Parallelism"),
    in the user's language; the engine's path for a field the form does not have."""
    for prefix, label in _FIELDS:
        if path == prefix or path.startswith((prefix + ".", prefix + "[")):
            rest = path[len(prefix) :].lstrip(".")
            if prefix in ("UpdateConfig", "RollbackConfig") and rest in _POLICY_FIELDS:
                rest = translate("engine", _POLICY_FIELDS[rest])
            return f"{translate('engine', label)} · {rest}" if rest else translate("engine", label)
    return path


def readable_change(change: Change) -> str:
    """`field: old -> new`, the field in the form's words and the values readable."""
    old, new = readable_value(change.path, change.old), readable_value(change.path, change.new)
    line = translate("SpecChanges", "%1: %2 -> %3")
    return line.replace("%1", field_text(change.path)).replace("%2", old).replace("%3", new)


def change_lines(changes: Sequence[Change], indent: str = "") -> list[str]:
    """One line per change: `field: old -> new (mark)`."""
    line = translate("SpecChanges", "%1  (%2)")
    return [
        indent + line.replace("%1", readable_change(change)).replace("%2", mark_text(change.restart))
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
