"""A service's secrets and configs as the deploy form writes them: one line each in docker's long
syntax (`docker service create --secret source=db_pw,target=/run/db,uid=0,gid=0,mode=0400`), or a
bare name; checked as the engine would, then written as compose's long syntax. A line naming one of
the swarm's objects uses it; a line with `file=PATH` (and for a templated one `template_driver=golang`)
makes a new one from that file of this computer, as compose's `file:` and `template_driver:` do, and is
refused while the swarm has one of that name (the deploy would otherwise change it).

What the engine does with a reference, checked on the test swarm: a relative target lands under
/run/secrets/ (a secret) or / (a config), an absolute one where it says (`../x` too: it is not
refused); an empty target is refused ("malformed file secret reference"), and so are two references of
one kind on one target ("have a conflicting target"), while a secret and a config on the same path are
taken; a uid or gid that is not a number is taken and fails each task at its start ("strconv.Atoi:
parsing …"). Those the engine refuses or fails on are refused here, the rest left as docker leaves
them. The mode is octal, as chmod's (docker's `mode=0400`; its `mode=400` would be decimal, which
nobody means).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from crane_desktop.engine import object_data
from crane_desktop.engine.i18n import QT_TRANSLATE_NOOP

Problem = tuple[str, dict[str, Any]]
Kind = Literal["secret", "config"]
KEYS = ("source", "target", "uid", "gid", "mode", "file", "template_driver")
DEFAULT_MODE = 0o444  # docker's, for both kinds
ID_MAX = 2**32 - 1
OCTAL = re.compile(r"0?[0-7]{1,4}\Z")
NUMBER = re.compile(r"[0-9]+\Z")
SYNTAX = QT_TRANSLATE_NOOP(
    "engine", "Line {line} (“{text}”): write a name, or source=name,target=path,uid=0,gid=0,mode=0440."
)


@dataclass(frozen=True, slots=True)
class Ref:
    source: str
    target: str
    uid: str = "0"
    gid: str = "0"
    mode: int = DEFAULT_MODE
    file: str = ""  # a new object's data, a file of this computer
    driver: str = ""  # a new object's templating driver


def _fields(line: str) -> dict[str, str] | None:
    """The line's key=value fields (src is source's short name, as docker's); None if it is not that."""
    text = line.strip()
    if "=" not in text and "," not in text:
        return {"source": text} if text else None
    fields: dict[str, str] = {}
    for part in text.split(","):
        key, equals, value = part.strip().partition("=")
        key = "source" if key.strip().lower() == "src" else key.strip().lower()
        if not equals or key not in KEYS or key in fields:
            return None
        fields[key] = value.strip()
    return fields


def parse(line: str) -> Ref:
    """A line `problems` accepted."""
    fields = _fields(line)
    assert fields is not None
    source = fields["source"]
    return Ref(
        source,
        fields.get("target") or source,
        fields.get("uid") or "0",
        fields.get("gid") or "0",
        int(fields["mode"], 8) if fields.get("mode") else DEFAULT_MODE,
        fields.get("file", ""),
        fields.get("template_driver", ""),
    )


def _new_object_problem(fields: dict[str, str], known: Collection[str] | None) -> Problem | None:
    """A line that makes a new object: its name free, its file readable, not empty, within the
    engine's limit, and a template the engine could expand."""
    if known is not None and fields["source"] in known:
        return (
            QT_TRANSLATE_NOOP(
                "engine",
                "Line {line} (“{text}”): the swarm has one of that name already: leave out file= to use "
                "it, or choose another name.",
            ),
            {},
        )
    path = Path(fields["file"]).expanduser()
    try:
        with path.open("rb") as file:
            data = file.read(object_data.MAX_BYTES + 1)
    except (OSError, ValueError) as error:  # ValueError: a NUL in the path
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        return (
            QT_TRANSLATE_NOOP("engine", "Line {line} (“{text}”): cannot read {file}: {reason}"),
            {"file": str(path), "reason": reason},
        )
    if not data:
        return (QT_TRANSLATE_NOOP("engine", "Line {line} (“{text}”): {file} is empty."), {"file": str(path)})
    if len(data) > object_data.MAX_BYTES:
        return (
            QT_TRANSLATE_NOOP(
                "engine",
                "Line {line} (“{text}”): {file} is over 500 KB: the engine takes at most {limit} bytes.",
            ),
            {"file": str(path), "limit": str(object_data.MAX_BYTES)},
        )
    driver = fields.get("template_driver", "")
    if not object_data.driver_known(driver):
        return (QT_TRANSLATE_NOOP("engine", "Line {line} (“{text}”): {reason}"),
                {"reason": object_data.driver_phrase(driver)})  # fmt: skip
    problem = object_data.template_problem(data) if driver else None
    if problem is not None:
        return (
            QT_TRANSLATE_NOOP(
                "engine", "Line {line} (“{text}”): the template is not valid, line {template_line}: {reason}"
            ),
            {"template_line": str(problem.line), "reason": problem.reason},
        )
    return None


def _line_problem(fields: dict[str, str] | None, known: Collection[str] | None, kind: Kind) -> Problem | None:
    problem = _reference_problem(fields, known, kind)
    if problem is not None:
        return (problem, {})
    assert fields is not None
    return _new_object_problem(fields, known) if fields.get("file") else None


def _reference_problem(
    fields: dict[str, str] | None, known: Collection[str] | None, kind: Kind
) -> str | None:
    if fields is None or not fields.get("source"):
        return SYNTAX
    if "file" in fields and not fields["file"]:
        return QT_TRANSLATE_NOOP("engine", "Line {line} (“{text}”): file= needs a path.")
    if fields.get("template_driver") and not fields.get("file"):
        return QT_TRANSLATE_NOOP(
            "engine",
            "Line {line} (“{text}”): template_driver= goes with file= (an existing object keeps its own).",
        )
    if known is not None and not fields.get("file") and fields["source"] not in known:
        if kind == "secret":
            return QT_TRANSLATE_NOOP(
                "engine", "Line {line} (“{text}”): the swarm has no secret of that name."
            )
        return QT_TRANSLATE_NOOP("engine", "Line {line} (“{text}”): the swarm has no config of that name.")
    if "target" in fields and not fields["target"]:
        return QT_TRANSLATE_NOOP("engine", "Line {line} (“{text}”): the target is empty.")
    for key in ("uid", "gid"):
        value = fields.get(key, "0")
        if not NUMBER.match(value) or int(value) > ID_MAX:
            return QT_TRANSLATE_NOOP(
                "engine", "Line {line} (“{text}”): uid and gid are numbers, such as 0 or 1000."
            )
    if "mode" in fields and not OCTAL.match(fields["mode"]):
        return QT_TRANSLATE_NOOP("engine", "Line {line} (“{text}”): the mode is octal, such as 0400 or 0444.")
    return None


def problems(lines: list[str], kind: Kind, known: Collection[str] | None = None) -> Problem | None:
    """The first line the engine would refuse or fail on (`known`: the names the swarm has)."""
    targets: set[str] = set()
    for number, line in enumerate(lines, 1):
        params = {"line": number, "text": line}
        problem = _line_problem(_fields(line), known, kind)
        if problem is not None:
            return (problem[0], {**params, **problem[1]})
        target = parse(line).target
        if target in targets:
            return (
                QT_TRANSLATE_NOOP("engine", "Line {line} (“{text}”): another line uses the target {target}."),
                {**params, "target": target},
            )
        targets.add(target)
    return None


def declaration(line: str) -> dict[str, Any]:
    """The top-level compose entry of a checked line: external (the swarm's), or a new object from its
    file, named as the line says (not scoped by the app, so the form's name is the engine's)."""
    ref = parse(line)
    if not ref.file:
        return {"external": True}
    entry: dict[str, Any] = {"name": ref.source, "file": str(Path(ref.file).expanduser())}
    if ref.driver:
        entry["template_driver"] = ref.driver
    return entry


def compose_entry(line: str) -> dict[str, Any]:
    """Compose's long syntax of a checked line."""
    ref = parse(line)
    return {"source": ref.source, "target": ref.target, "uid": ref.uid, "gid": ref.gid, "mode": ref.mode}


def line_of(ref: Mapping[str, Any], kind: Kind) -> str:
    """A spec's reference as the form writes it: the defaults left out."""
    source = str(ref.get("SecretName" if kind == "secret" else "ConfigName", ""))
    file = ref.get("File") or {}
    parts = [f"source={source}"]
    target = str(file.get("Name", ""))
    if target and target != source:
        parts.append(f"target={target}")
    for key in ("UID", "GID"):
        if str(file.get(key, "0")) not in ("", "0"):
            parts.append(f"{key.lower()}={file[key]}")
    mode = int(file.get("Mode", DEFAULT_MODE))
    if mode != DEFAULT_MODE:
        parts.append(f"mode=0{mode:o}")
    return source if len(parts) == 1 else ",".join(parts)


def references(spec: Mapping[str, Any], kind: Kind) -> list[dict[str, Any]]:
    """The spec's references of `kind`, as the engine holds them."""
    container = (spec.get("TaskTemplate") or {}).get("ContainerSpec") or {}
    refs = container.get("Secrets" if kind == "secret" else "Configs") or []
    return [ref for ref in refs if isinstance(ref, dict)]


def lines_of(spec: Mapping[str, Any], kind: Kind) -> list[str]:
    """The form's lines of a service spec (a runtime config, a credential spec's, is not a file: left out)."""
    return [line_of(ref, kind) for ref in references(spec, kind) if "File" in ref]
