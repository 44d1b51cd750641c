"""Stage 1: compose text -> plain values with the line of every path (PyYAML's node marks). Merge
keys (`<<: *base`) are applied, the file's own keys winning; a key given twice, a value its tag
cannot hold, and files nested or expanded beyond the limits are refused with their line."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import yaml

from crane_desktop.engine.compose.marks import ComposeError, Document, Path_, dotted, why
from crane_desktop.engine.i18n import QT_TRANSLATE_NOOP

MAX_DEPTH = 64  # nesting levels of a compose file (real ones use fewer than 10)
MAX_VALUES = 100_000  # values after alias expansion: stops "billion laughs" files
NOT_YAML = QT_TRANSLATE_NOOP("engine", "the file is not valid YAML ({problem})")


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader, plus YAML 1.2's octal integers (`0o440`) that docker's yaml.v3 reads."""

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        text = str(self.construct_scalar(node)).replace("_", "")
        sign, digits = (text[0], text[1:]) if text[:1] in "+-" else ("", text)
        if digits.startswith("0o"):
            return int(sign + digits[2:], 8)
        return int(super().construct_yaml_int(node))


_Loader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?0o[0-7_]+$"), list("-+0"))
_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)


def read_text(path: Path) -> str:
    """A compose file's text; `-` is standard input (relative paths then start in the current
    folder), as docker's `-c -`."""
    try:
        return sys.stdin.read() if str(path) == "-" else path.read_text(encoding="utf-8")
    except (OSError, ValueError) as exc:  # ValueError: not UTF-8 text
        raise ComposeError(
            QT_TRANSLATE_NOOP("engine", "cannot read {file}: {reason}"), file=str(path), reason=why(exc)
        ) from None


def read(text: str) -> Document:
    """The file's values and lines; raises ComposeError."""
    reader = _Reader(text)
    return Document(reader.value, reader.lines)


def _too_big(line: int, key: str) -> ComposeError:
    return ComposeError(
        QT_TRANSLATE_NOOP(
            "engine", "the file nests deeper than {depth} levels or expands to more than {count} values"
        ),
        line=line,
        key=key,
        depth=MAX_DEPTH,
        count=MAX_VALUES,
    )


class _Reader:
    """Turns the composed YAML nodes into plain values, remembering each path's line."""

    def __init__(self, text: str) -> None:
        self.lines: dict[Path_, int] = {}
        self.count = 0
        self.loader: yaml.SafeLoader | None = None
        try:
            self.loader = _Loader(text)
            node = self.loader.get_single_node()
            self.value: Any = {} if node is None else self._convert(node, ())
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            raise ComposeError(
                NOT_YAML, line=mark.line + 1 if mark else 1, key="", problem=exc.problem or str(exc)
            ) from None
        except yaml.reader.ReaderError as exc:  # a character YAML does not allow (control, NUL...)
            raise ComposeError(
                NOT_YAML, line=text.count("\n", 0, exc.position) + 1, problem=str(exc).split("\n", 1)[0]
            ) from None
        except yaml.YAMLError as exc:
            raise ComposeError(NOT_YAML, line=self._line(), problem=str(exc)) from None
        except RecursionError:  # the YAML parser itself recurses on nesting
            raise _too_big(self._line(), "") from None
        except ComposeError:
            raise
        except Exception as exc:  # PyYAML's own slips, e.g. chr() of an escape "\U99999999"
            raise ComposeError(NOT_YAML, line=self._line(), problem=str(exc)) from None
        finally:
            if self.loader is not None:
                self.loader.dispose()

    def _line(self) -> int:
        return self.loader.line + 1 if self.loader else 1

    def _construct(self, node: yaml.Node, path: Path_) -> Any:
        """A scalar's value; a value its tag cannot hold (`!!int abc`, a date 2020-13-45) is refused."""
        assert self.loader is not None
        try:
            return self.loader.construct_object(node)
        except Exception as exc:  # PyYAML's constructors raise ValueError, KeyError, IndexError...
            problem = getattr(exc, "problem", None) or f"{node.tag}: {exc}"
            raise ComposeError(
                NOT_YAML, line=node.start_mark.line + 1, key=dotted(path), problem=problem
            ) from None

    def _convert(self, node: yaml.Node, path: Path_) -> Any:
        assert self.loader is not None
        self.lines[path] = node.start_mark.line + 1
        self.count += 1
        if len(path) > MAX_DEPTH or self.count > MAX_VALUES:
            raise _too_big(node.start_mark.line + 1, dotted(path[:MAX_DEPTH]))
        if isinstance(node, yaml.MappingNode):
            explicit = sum(1 for k, _ in node.value if k.tag != "tag:yaml.org,2002:merge")
            self.loader.flatten_mapping(node)
            merged = len(node.value) - explicit  # `<<: *base` pairs come first; the file's own keys win
            result: dict[str, Any] = {}
            own: set[str] = set()
            for index, (key_node, value_node) in enumerate(node.value):
                key = self._construct(key_node, path)
                key = "" if key is None else str(key)
                if index >= merged and key in own:
                    self.lines[(*path, key)] = key_node.start_mark.line + 1
                    raise ComposeError(
                        QT_TRANSLATE_NOOP("engine", "the key is given twice"),
                        line=key_node.start_mark.line + 1,
                        key=dotted((*path, key)),
                    )
                if index >= merged:
                    own.add(key)
                result[key] = self._convert(value_node, (*path, key))
                self.lines[(*path, key)] = key_node.start_mark.line + 1
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self._convert(item, (*path, i)) for i, item in enumerate(node.value)]
        return self._construct(node, path)
