"""Reads template text (YAML or JSON) into plain data that knows the line of every key and item."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ruamel.yaml import YAML
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError

#: A place in the data: mapping keys and list indices from the top.
DataPath = tuple[str | int, ...]

#: Guards against alias bombs: no template comes near this many values.
MAX_NODES = 200_000
#: Guards against stack exhaustion on absurdly nested input.
MAX_DEPTH = 100


class Finding(NamedTuple):
    """One problem before it is tied to a file: line (1-based), code and message."""

    line: int
    code: str
    message: str


class SyntaxProblem(Exception):
    """The text cannot be read as a template at all; ``finding`` says where and why."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding


@dataclass
class SourceDocument:
    """Plain data (dicts, lists, scalars) read from a template, with line numbers by path."""

    data: dict[str, Any]
    key_lines: dict[DataPath, int] = field(default_factory=dict)
    node_lines: dict[DataPath, int] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    def line_of(self, path: Sequence[str | int]) -> int:
        """Line of the key at ``path`` (or of the list item), else of the nearest enclosing one."""
        p = tuple(path)
        while p:
            if p in self.key_lines:
                return self.key_lines[p]
            if p in self.node_lines:
                return self.node_lines[p]
            p = p[:-1]
        return self.node_lines.get((), 1)

    def start_of(self, path: Sequence[str | int]) -> int:
        """First line of the mapping or list at ``path`` (for a missing key: the mapping's line)."""
        p = tuple(path)
        while p:
            if p in self.node_lines:
                return self.node_lines[p]
            p = p[:-1]
        return self.node_lines.get((), 1)


class _RecordingConstructor(RoundTripConstructor):
    """Keeps the first of duplicate keys and records the line of every later one."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.duplicates: list[Finding] = []

    def check_mapping_key(self, node: Any, key_node: Any, mapping: Any, key: Any, value: Any) -> bool:
        if key not in mapping:
            return True
        self.duplicates.append(
            Finding(
                key_node.start_mark.line + 1,
                "yaml-syntax",
                f"duplicate key '{key}' in one mapping (the first one is used)",
            )
        )
        return False


def _line_count(text: str) -> int:
    return max(1, len(text.splitlines()))


def _yaml_error_finding(error: YAMLError, text: str) -> Finding:
    line = 1
    message = str(error).strip().splitlines()[0] if str(error).strip() else "unreadable YAML"
    if isinstance(error, MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        if mark is not None:
            line = mark.line + 1
        parts = [p for p in (error.problem, error.context) if p]
        if parts:
            message = "; ".join(str(p).strip() for p in parts)
    # A mark at the end of the stream may lie past the last line; point at the last one instead.
    return Finding(min(line, _line_count(text)), "yaml-syntax", message)


def _parse_yaml(text: str) -> tuple[Any, list[Finding]]:
    """Round-trip load (so nodes carry ``.lc`` positions); raises SyntaxProblem."""
    yaml = YAML(typ="rt")
    yaml.Constructor = _RecordingConstructor
    yaml.allow_duplicate_keys = True
    yaml.max_depth = MAX_DEPTH
    # YAML 1.2 allows redefining an anchor; the library would warn, which is noise here.
    yaml.composer.warn_double_anchors = False
    try:
        root = yaml.load(text)
    except YAMLError as error:
        raise SyntaxProblem(_yaml_error_finding(error, text)) from error
    except RecursionError as error:
        raise SyntaxProblem(Finding(1, "yaml-syntax", "the document is nested too deeply")) from error
    except ValueError as error:  # e.g. an integer with more digits than Python converts
        raise SyntaxProblem(Finding(1, "yaml-syntax", f"unreadable value: {error}")) from error
    except Exception as error:  # the parser's own failures on odd input (e.g. complex keys)
        raise SyntaxProblem(
            Finding(1, "yaml-syntax", f"unreadable YAML ({type(error).__name__}: {error})")
        ) from error
    return root, list(yaml.constructor.duplicates)


def _key_text(key: Any) -> str:
    if isinstance(key, str):
        return str(key)
    if key is None:
        return "null"
    if isinstance(key, bool):
        return "true" if key else "false"
    return str(key)


class _Walker:
    """Copies ruamel's round-trip nodes into plain Python values, noting each line."""

    def __init__(self) -> None:
        self.key_lines: dict[DataPath, int] = {}
        self.node_lines: dict[DataPath, int] = {}
        self.count = 0

    def walk(self, node: Any, path: DataPath) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise SyntaxProblem(Finding(1, "yaml-syntax", f"the document has more than {MAX_NODES} values"))
        positions: dict[Any, Any] = getattr(getattr(node, "lc", None), "data", None) or {}
        if isinstance(node, Mapping):
            out: dict[str, Any] = {}
            for raw_key, value in node.items():
                key = _key_text(raw_key)
                if key in out:
                    continue
                sub = (*path, key)
                pos = positions.get(raw_key)
                if pos is not None:
                    self.key_lines[sub] = pos[0] + 1
                    self.node_lines[sub] = pos[2] + 1
                out[key] = self.walk(value, sub)
            return out
        if isinstance(node, list | tuple):
            items: list[Any] = []
            for index, value in enumerate(node):
                sub = (*path, index)
                pos = positions.get(index)
                if pos is not None:
                    self.node_lines[sub] = pos[0] + 1
                items.append(self.walk(value, sub))
            return items
        return _plain_scalar(node)


def _plain_scalar(value: Any) -> Any:
    """ruamel's scalar subclasses as the built-in types the strict model expects.

    Anything else (a date, a tagged value) is left as it is: the model wants text or numbers, so
    it becomes a ``wrong-type`` finding.
    """
    if type(value).__name__ == "ScalarBoolean":  # an int subclass that means a bool
        return bool(value)
    for kind in (bool, str, int, float):
        if isinstance(value, kind):
            return kind(value)
    return value


def _root_line(root: Any) -> int:
    lc = getattr(root, "lc", None)
    line = getattr(lc, "line", None)
    return line + 1 if isinstance(line, int) else 1


def _first_wins(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        out.setdefault(key, value)
    return out


def short_repr(value: Any, limit: int = 40) -> str:
    """``repr`` cut to ``limit`` characters, for quoting a bad value in a message."""
    try:
        text = repr(value)
    except ValueError:  # an integer too long to print
        return "a very long number"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _not_a_mapping(data: Any, line: int) -> Finding:
    if data is None:
        return Finding(1, "yaml-syntax", "the file holds no template (it is empty)")
    kind = "a list" if isinstance(data, list) else f"a single value ({short_repr(data)})"
    return Finding(line, "yaml-syntax", f"a template is a mapping of keys (format, id, ...), not {kind}")


def read_source(text: str, fmt: str) -> SourceDocument:
    """Read ``text`` as ``fmt`` ("yaml" or "json"); raises SyntaxProblem when it is unreadable.

    JSON is first read by the standard ``json`` module, so that a ``.json`` file must really be
    JSON (YAML would accept comments and trailing commas); its values come from there. Lines come
    from ruamel's round-trip parse of the same text (JSON is YAML 1.2 flow style); in the rare case
    ruamel cannot read valid JSON, every problem is reported at line 1.
    """
    if fmt not in ("yaml", "json"):
        raise ValueError(f"unknown template format {fmt!r}; expected 'yaml' or 'json'")
    if not text.strip():
        raise SyntaxProblem(_not_a_mapping(None, 1))
    walker = _Walker()
    duplicates: list[Finding] = []
    if fmt == "json":
        try:
            data = json.loads(text, object_pairs_hook=_first_wins)
        except json.JSONDecodeError as error:
            line = min(error.lineno, _line_count(text))
            raise SyntaxProblem(Finding(line, "yaml-syntax", error.msg)) from error
        except ValueError as error:  # e.g. an integer with more digits than Python converts
            raise SyntaxProblem(Finding(1, "yaml-syntax", f"unreadable value: {error}")) from error
        except RecursionError as error:
            raise SyntaxProblem(Finding(1, "yaml-syntax", "the document is nested too deeply")) from error
        try:
            root, duplicates = _parse_yaml(text)
            walker.walk(root, ())
            root_line = _root_line(root)
        except SyntaxProblem:
            walker = _Walker()
            root_line = 1
    else:
        root, duplicates = _parse_yaml(text)
        data = walker.walk(root, ())
        root_line = _root_line(root)
    if not isinstance(data, dict):
        raise SyntaxProblem(_not_a_mapping(data, root_line))
    walker.node_lines[()] = root_line
    return SourceDocument(
        data=data,
        key_lines=walker.key_lines,
        node_lines=walker.node_lines,
        findings=duplicates,
    )
