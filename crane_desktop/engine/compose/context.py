"""What every part of the conversion shares: the app's name and folder, the file's top-level
objects, and how a reference to one of them becomes the engine's name."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from crane_desktop.engine.compose.marks import Document, Path_
from crane_desktop.engine.compose.schema import LATEST_MINOR
from crane_desktop.engine.compose.typed import Typed
from crane_desktop.engine.i18n import QT_TRANSLATE_NOOP
from crane_desktop.engine.snapshots import STACK_LABEL

IMAGE_LABEL = "com.docker.stack.image"
DEFAULT_NETWORK = "default"


class Context(Typed):
    def __init__(self, document: Document, stack: str, working_dir: Path) -> None:
        super().__init__(document)
        self.stack = stack
        self.dir = working_dir
        self.top: dict[str, Any] = {}  # networks, volumes, secrets, configs: name -> declaration
        self.minor = LATEST_MINOR

    def scope(self, name: str) -> str:
        """An object of the app gets the app's name in front, as docker's convert.Namespace."""
        return f"{self.stack}_{name}"

    def stack_labels(self, labels: Mapping[str, Any] | None) -> dict[str, str]:
        result = {k: v for k, v in (labels or {}).items()}
        result[STACK_LABEL] = self.stack
        return result

    def external(self, value: Any, path: Path_) -> tuple[bool, str]:
        """`external: true` or `external: {name: x}`: (external, the deprecated external name). A
        secret's or config's `external` mapping may hold other keys (docker's schema lets them by);
        a network's or volume's may not."""
        if isinstance(value, dict):
            self.mapping(value, path, None if path[0] in ("secrets", "configs") else {"name"})
            return True, self.string(value.get("name", ""), (*path, "name")) if "name" in value else ""
        return (self.boolean(value, path) if value is not None else False), ""

    def object_name(self, kind: str, source: str, path: Path_) -> str:
        declared = self.top[kind]
        if source not in declared:
            self.fail(
                path,
                QT_TRANSLATE_NOOP("engine", "“{name}” is not declared under {kind}"),
                name=source,
                kind=kind,
            )
        config = self.mapping(declared[source], (kind, source))
        external, old_name = self.external(config.get("external"), (kind, source, "external"))
        name = config.get("name") or old_name
        if external and not name:
            name = source
        return str(name) if name else self.scope(source)
