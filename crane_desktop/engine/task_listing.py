"""The task list, decoded only where it changed.

A swarm's task list is its biggest answer (10,000 tasks are ~6 MB of JSON) and the watcher asks for it
every second or so, though between two lists almost nothing changes. Decoding the whole answer and
parsing every task again cost ~200 ms of CPU a list at 10,000 tasks. The engine writes each task as one
compact JSON object starting with its ID (`[{"ID":"…",…},{"ID":"…",…}]`), so the answer is cut at
those boundaries; a task whose bytes are the ones of the previous list keeps its snapshot, and only the
others are decoded and parsed.

Safe by construction: a piece is new only if it decodes on its own to an object with the ID it was cut
at (a cut inside a task leaves brackets open on both sides, so it never does); anything else (another
layout, a proxy re-encoding the answer) falls back to decoding the whole answer.
"""

from __future__ import annotations

import json
from typing import Any

from crane_desktop.engine.snapshots import Task, parse_all

HEAD = b'[{"ID":"'
SEPARATOR = b'},{"ID":"'
TAIL = b"}]"


class TaskLister:
    """Turns successive task list answers into {id: Task}, reusing the snapshots of unchanged tasks.
    One per watcher; used from one thread at a time."""

    def __init__(self) -> None:
        self._known: dict[bytes, tuple[bytes, Task]] = {}  # ID -> (the task's bytes, its snapshot)
        # the last whole decode's pieces and tasks, matched up only when the next list comes (off the
        # connect path: the first tables wait for the first list, not for this bookkeeping)
        self._unmatched: tuple[list[bytes], dict[str, Task]] | None = None
        self.decoded = 0  # tasks decoded by the last `parse` (for tests and benchmarks)

    def parse(self, body: bytes) -> dict[str, Task]:
        if self._unmatched is not None:
            self._known = match(*self._unmatched)
            self._unmatched = None
        pieces = split(body)
        if pieces is None or not self._known:  # the first list: one decode of the whole is faster
            return self._parse_whole(body, pieces)
        known, fresh, result = self._known, {}, {}
        decoded = 0
        for piece in pieces:
            task_id = piece[: piece.find(b'"')]
            kept = known.get(task_id)
            if kept is not None and kept[0] == piece:
                task = kept[1]
            else:
                new = decode(task_id, piece)
                if new is None:
                    return self._parse_whole(body, None)
                task, decoded = new, decoded + 1
            fresh[task_id] = (piece, task)
            result[task.id] = task
        self._known, self.decoded = fresh, decoded
        return result

    def _parse_whole(self, body: bytes, pieces: list[bytes] | None) -> dict[str, Task]:
        result = parse_all(Task, json.loads(body))
        self.decoded = len(result)
        self._known = {}
        self._unmatched = (pieces, result) if pieces is not None else None
        return result


def match(pieces: list[bytes], tasks: dict[str, Task]) -> dict[bytes, tuple[bytes, Task]]:
    """Each task's bytes beside its snapshot, when the pieces are exactly one per task (a cut inside a
    task makes one piece more than there are tasks); else nothing."""
    if len(pieces) != len(tasks):
        return {}
    known = {piece[: piece.find(b'"')]: piece for piece in pieces}
    if len(known) != len(tasks) or not all(key.decode() in tasks for key in known):
        return {}
    return {key: (piece, tasks[key.decode()]) for key, piece in known.items()}


def split(body: bytes) -> list[bytes] | None:
    """Each task's bytes without its leading `{"ID":"` and trailing `}`; None when the answer is not
    laid out as the engine writes it."""
    body = body.strip()
    if body == b"[]":
        return []
    if not (body.startswith(HEAD) and body.endswith(TAIL)):
        return None
    return body[len(HEAD) : -len(TAIL)].split(SEPARATOR)


def decode(task_id: bytes, piece: bytes) -> Task | None:
    """The task a piece holds, or None when the piece is not one whole task with that ID."""
    try:
        data: Any = json.loads(b'{"ID":"' + piece + b"}")
    except ValueError:
        return None
    found = data.get("ID") if isinstance(data, dict) else None
    if not task_id or not isinstance(found, str) or found.encode() != task_id:
        return None
    return Task.from_api(data)
