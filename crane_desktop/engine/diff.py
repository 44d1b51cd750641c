"""Keyed differences between two snapshots of one resource type.

The watcher emits a `Diff` per resource type; models turn it into row inserts, removals and
`dataChanged` for exactly the rows that changed, so a refresh never resets a table.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Diff(Generic[T]):
    added: Mapping[str, T] = field(default_factory=dict)
    changed: Mapping[str, T] = field(default_factory=dict)
    removed: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    def then(self, later: Diff[T]) -> Diff[T]:
        """The single diff equivalent to applying `self` and then `later` (for coalescing bursts)."""
        added = dict(self.added)
        changed = dict(self.changed)
        removed = set(self.removed)
        for key, value in later.added.items():
            if key in removed:
                removed.discard(key)
                changed[key] = value
            else:
                added[key] = value
        for key, value in later.changed.items():
            if key in added:
                added[key] = value
            else:
                changed[key] = value
        for key in later.removed:
            if key in added:
                del added[key]
            else:
                changed.pop(key, None)
                removed.add(key)
        return Diff(added, changed, frozenset(removed))


def diff(old: Mapping[str, T], new: Mapping[str, T]) -> Diff[T]:
    """What changed from `old` to `new`; values are compared with `==` (snapshots ignore raw JSON)."""
    added = {key: value for key, value in new.items() if key not in old}
    removed = frozenset(key for key in old if key not in new)
    # `is` first: the watcher keeps the very snapshot of what did not change (task_listing.py)
    changed = {
        key: value for key, value in new.items() if key in old and old[key] is not value and old[key] != value
    }
    return Diff(added, changed, removed)


def apply(state: dict[str, Any], change: Diff[Any]) -> None:
    """Apply `change` to `state` in place."""
    for key in change.removed:
        state.pop(key, None)
    state.update(change.added)
    state.update(change.changed)
