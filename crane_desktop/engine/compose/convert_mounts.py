"""A service's mounts (`volumes`), long and short syntax: bind sources resolved against the file's
folder, named volumes scoped to the app, as docker's convertVolumeToMount."""

from __future__ import annotations

import os
import re
from typing import Any

from crane_desktop.engine.compose.context import Context
from crane_desktop.engine.compose.marks import Path_
from crane_desktop.engine.compose.schema import MOUNT_KEYS, VOLUME_KEYS
from crane_desktop.engine.i18n import QT_TRANSLATE_NOOP


def windows_absolute(path: str) -> bool:
    """docker's isAbs (cli/compose/loader/windows_path.go): C:\\x or C:/x, or \\\\server\\share\\x."""
    slash = "\\/"
    if len(path) >= 2 and path[1] == ":" and path[0].isascii() and path[0].isalpha():
        volume = 2
    elif len(path) >= 5 and path[0] in slash and path[1] in slash and path[2] not in slash + ".":
        match = re.match(r"..[^\\/]+[\\/]([^\\/.][^\\/]*)?", path)
        volume = match.end() if match and match.group(1) else 0
    else:
        volume = 0
    return volume > 0 and path[volume : volume + 1] in ("\\", "/")


class MountConverter(Context):
    def mounts(self, value: Any, path: Path_) -> list[dict[str, Any]]:
        """The service's mounts; a second mount at a target already used is refused here, before
        anything is created (the engine refuses the service: "duplicate mount point", after docker
        stack deploy has already created the app's networks and the services before it)."""
        result: list[dict[str, Any]] = []
        for i, item in enumerate(self.listing(value, path)):
            ipath = (*path, i)
            if isinstance(item, str):
                volume = self.short_volume(item, ipath)
            else:
                volume = dict(self.mapping(item, ipath, MOUNT_KEYS, null_ok=False))
                if "target" not in volume:
                    self.fail(ipath, QT_TRANSLATE_NOOP("engine", "the mount needs a target"))
                volume.setdefault("type", "volume")
                if volume["type"] == "bind" and volume.get("source"):
                    volume["source"] = self.host_path(str(volume["source"]))
            mount = self.mount(volume, ipath)
            if any(other["Target"] == mount["Target"] for other in result):
                self.fail(
                    ipath,
                    QT_TRANSLATE_NOOP(
                        "engine",
                        "duplicate mount point {target}: another mount of the service has this target "
                        "(the engine refuses the service)",
                    ),
                    target=mount["Target"],
                )
            result.append(mount)
        return result

    def host_path(self, source: str) -> str:
        """A bind source: relative ones are joined onto the file's folder; absolute ones, POSIX or
        Windows (C:\\data, \\\\server\\share\\dir), are kept as they are (docker's resolveVolumePaths)."""
        source = os.path.expanduser(source)
        if source.startswith("/") or windows_absolute(source):
            return source
        return os.path.normpath(str(self.dir / source))

    def short_volume(self, text: str, path: Path_) -> dict[str, Any]:
        """docker's ParseVolume: [source:]target[:options], a drive letter (C:) not taken for a
        separator; unknown options are ignored, as docker ignores them."""
        if len(text) <= 2:
            if not text:
                self.fail(
                    path,
                    QT_TRANSLATE_NOOP("engine", "“{text}” is not a volume (source:target[:mode])"),
                    text=text,
                )
            return {"type": "volume", "target": text}
        fields: list[str] = []
        buffer = ""
        for index, char in enumerate(text + ":"):
            if char == ":" and len(buffer) == 1 and buffer.isalpha():
                buffer += char  # a Windows drive
                continue
            if char != ":":
                buffer += char
                continue
            last = index == len(text)
            if not buffer or (len(fields) == 2 and not last):  # empty section, or too many colons
                self.fail(
                    path,
                    QT_TRANSLATE_NOOP("engine", "“{text}” is not a volume (source:target[:mode])"),
                    text=text,
                )
            fields.append(buffer)
            buffer = ""
        if len(fields) == 1:
            return {"type": "volume", "target": fields[0]}
        source, target = fields[0], fields[1]
        volume: dict[str, Any] = {"source": source, "target": target}
        is_path = source.startswith((".", "/", "~", "\\\\")) or (
            len(source) > 1 and source[1] == ":" and source[0].isalpha()
        )
        volume["type"] = "bind" if is_path else "volume"
        if is_path:
            volume["source"] = self.host_path(source)
        for option in fields[2].split(",") if len(fields) == 3 else []:
            if option in ("ro", "rw"):
                volume["read_only"] = option == "ro"
            elif option == "nocopy":
                volume["volume"] = {"nocopy": True}
            elif option in ("shared", "rshared", "slave", "rslave", "private", "rprivate"):
                volume["bind"] = {"propagation": option}
        return volume

    def mount(self, volume: dict[str, Any], path: Path_) -> dict[str, Any]:
        kind = self.string(volume.get("type") or "volume", (*path, "type"))
        mount: dict[str, Any] = {"Type": kind, "Target": self.string(volume["target"], (*path, "target"))}
        source = volume.get("source") or ""
        if source:
            mount["Source"] = self.string(source, (*path, "source"))
        if volume.get("read_only") is not None and self.boolean(volume["read_only"], (*path, "read_only")):
            mount["ReadOnly"] = True
        if volume.get("consistency"):
            mount["Consistency"] = self.string(volume["consistency"], (*path, "consistency"))
        if kind == "volume":
            if not source:
                return mount
            declared = self.top["volumes"]
            if source not in declared:
                self.fail(
                    (*path, "source") if isinstance(volume, dict) else path,
                    QT_TRANSLATE_NOOP("engine", "the volume “{name}” is not declared under volumes"),
                    name=source,
                )
            config = self.mapping(declared[source], ("volumes", source), VOLUME_KEYS)
            mount["Source"] = self.scope(source)
            options: dict[str, Any] = {}
            # docker's schema lists no closed key set for a mount's options: other keys are ignored
            sub = self.mapping(volume.get("volume"), (*path, "volume"))
            if sub.get("nocopy") is not None and self.boolean(sub["nocopy"], (*path, "volume", "nocopy")):
                options["NoCopy"] = True
            if sub.get("subpath"):
                options["Subpath"] = self.string(sub["subpath"], (*path, "volume", "subpath"))
            external, old_name = self.external(config.get("external"), ("volumes", source, "external"))
            if config.get("name") or old_name:
                mount["Source"] = str(config.get("name") or old_name)
            elif external:
                mount["Source"] = source
            if not external:
                options["Labels"] = self.stack_labels(
                    self.key_values(config.get("labels"), ("volumes", source, "labels"))
                )
                if config.get("driver") or config.get("driver_opts") is not None:
                    options["DriverConfig"] = {
                        "Name": str(config.get("driver") or ""),
                        "Options": self.key_values(
                            config.get("driver_opts"), ("volumes", source, "driver_opts")
                        ),
                    }
            mount["VolumeOptions"] = options
        elif kind == "bind":
            if not source:
                self.fail(path, QT_TRANSLATE_NOOP("engine", "a bind mount needs a source"))
            bind = self.mapping(volume.get("bind"), (*path, "bind"))
            if volume.get("bind") is not None:
                mount["BindOptions"] = {"Propagation": str(bind.get("propagation") or "")}
        elif kind == "tmpfs":
            tmpfs = self.mapping(volume.get("tmpfs"), (*path, "tmpfs"))
            if tmpfs.get("size") is not None:
                # the schema's integer: no unit, no fraction
                mount["TmpfsOptions"] = {"SizeBytes": self.integer(tmpfs["size"], (*path, "tmpfs", "size"))}
        else:
            self.fail((*path, "type"), QT_TRANSLATE_NOOP("engine", "unknown mount type “{kind}”"), kind=kind)
        return mount
