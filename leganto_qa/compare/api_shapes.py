"""API contract shapes: which fields the Alma Courses API returns, their JSON types and enum values.

A shape maps each field path (``reading_list[].citations.citation[].metadata.title``; ``[]``
stands for a list's elements) to the JSON types seen there and, for enum-like fields, the values
seen. Shapes of many responses merge into one; two shapes diff into sentences a tester can read.
A shape only knows what the responses showed: visit the same courses and lists in every run.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any, Literal, get_args

__all__ = [
    "ENUM_PATHS",
    "JSON_TYPES",
    "ChangeKind",
    "FieldShape",
    "Shape",
    "ShapeChange",
    "diff_shapes",
    "merge",
    "shape_of",
]

SCHEMA_VERSION = 1
JSON_TYPES = ("string", "number", "integer", "boolean", "null", "object", "array")
ENUM_PATHS: tuple[str, ...] = (
    "*.status.value",
    "*.type.value",
    "*.visibility.value",
    "*.publishingStatus.value",
    "*.secondary_type.value",
    "*.copyrights_status.value",
)
"""Path patterns whose values are recorded (``*`` matches anything, so ``*.status.value`` also
matches a top-level ``status.value``); any ``value`` key beside a ``desc`` key is recorded too."""

ChangeKind = Literal[
    "removed", "renamed", "added", "type-changed", "enum-value-added", "enum-value-removed"
]
_KIND_ORDER: tuple[ChangeKind, ...] = get_args(ChangeKind)
_RENAME_SIMILARITY = 0.8


@dataclass(frozen=True)
class FieldShape:
    """What one field path held: its JSON types, and its values when enum-like (else None)."""

    types: frozenset[str]
    values: frozenset[str] | None = None

    def merged(self, other: FieldShape) -> FieldShape:
        if self.values is None and other.values is None:
            return FieldShape(self.types | other.types)
        values = (self.values or frozenset()) | (other.values or frozenset())
        return FieldShape(self.types | other.types, values)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"types": sorted(self.types)}
        if self.values is not None:
            data["values"] = sorted(self.values)
        return data


@dataclass(frozen=True)
class Shape:
    """Field paths of one or more JSON documents, each with its `FieldShape`."""

    fields: Mapping[str, FieldShape]

    def __contains__(self, path: object) -> bool:
        return path in self.fields

    def __getitem__(self, path: str) -> FieldShape:
        return self.fields[path]

    @property
    def paths(self) -> list[str]:
        return sorted(self.fields)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form with sorted paths, types and values (stable, diff-friendly)."""
        return {
            "version": SCHEMA_VERSION,
            "fields": {path: self.fields[path].to_dict() for path in self.paths},
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Shape:
        """Read `to_dict()` output back; raise ValueError naming the bad part."""
        if data.get("version") != SCHEMA_VERSION:
            raise ValueError(f"api shape: version {data.get('version')!r} is not {SCHEMA_VERSION}")
        fields: dict[str, FieldShape] = {}
        raw_fields = data.get("fields")
        if not isinstance(raw_fields, Mapping):
            raise ValueError(f"api shape: fields {raw_fields!r} is not an object of field paths")
        for path, raw in raw_fields.items():
            types = raw.get("types") if isinstance(raw, Mapping) else None
            if not isinstance(types, list) or not set(types) <= set(JSON_TYPES) or not types:
                raise ValueError(f"api shape: field {path!r} has types {types!r}; expected a list")
            values = raw.get("values")
            if values is not None and (
                not isinstance(values, list) or not all(isinstance(v, str) for v in values)
            ):
                raise ValueError(f"api shape: field {path!r} has values {values!r}; not strings")
            fields[str(path)] = FieldShape(
                frozenset(types), None if values is None else frozenset(values)
            )
        return cls(fields)


def shape_of(value: Any, enum_paths: Iterable[str] = ENUM_PATHS) -> Shape:
    """The shape of one parsed JSON document (the root itself is not a field)."""
    fields: dict[str, FieldShape] = {}
    patterns = tuple(_glob(p) for p in enum_paths)

    def visit(path: str, node: Any, enum: bool) -> None:
        if path:
            shape = FieldShape(frozenset({_json_type(node)}))
            if enum or any(p.fullmatch(path) or p.fullmatch("." + path) for p in patterns):
                shape = FieldShape(shape.types, frozenset({node} if isinstance(node, str) else ()))
            fields[path] = fields[path].merged(shape) if path in fields else shape
        if isinstance(node, Mapping):
            code_table = "value" in node and "desc" in node
            for key, child in node.items():
                child_path = f"{path}.{key}" if path else str(key)
                visit(child_path, child, code_table and key == "value")
        elif isinstance(node, list):
            for item in node:
                visit(path + "[]", item, False)

    visit("", value, False)
    return Shape(fields)


def merge(first: Shape, *others: Shape) -> Shape:
    """One shape covering every document the given shapes came from."""
    fields = dict(first.fields)
    for other in others:
        for path, shape in other.fields.items():
            fields[path] = fields[path].merged(shape) if path in fields else shape
    return Shape(fields)


@dataclass(frozen=True)
class ShapeChange:
    """One difference between an old and a new shape."""

    kind: ChangeKind
    path: str
    old_path: str | None = None
    types: tuple[str, ...] = ()
    old_types: tuple[str, ...] = ()
    value: str | None = None
    nested: int = 0
    """How many fields under `path` were added or removed with it."""

    def sentence(self) -> str:
        """One line of plain English for reports."""
        plural = "field" if self.nested == 1 else "fields"
        under = f", with {self.nested} {plural} under it" if self.nested else ""
        if self.kind == "added":
            return f"New field '{self.path}' ({_types(self.types)}{under})."
        if self.kind == "removed":
            return f"Field '{self.path}' ({_types(self.types)}{under}) is gone."
        if self.kind == "renamed":
            return f"Field '{self.old_path}' ({_types(self.types)}) is now called '{self.path}'."
        if self.kind == "type-changed":
            old, new = _types(self.old_types), _types(self.types)
            return f"Field '{self.path}' was {old} and is now {new}."
        if self.kind == "enum-value-added":
            return f"Field '{self.path}' has a new value '{self.value}'."
        return f"Field '{self.path}' no longer shows the value '{self.value}'."

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form without empty parts, with the sentence."""
        data = {k: v for k, v in asdict(self).items() if v not in (None, (), 0)}
        data.update({k: list(v) for k, v in data.items() if isinstance(v, tuple)})
        return {**data, "sentence": self.sentence()}

    def _sort_key(self) -> tuple[str, int, str]:
        return (self.path, _KIND_ORDER.index(self.kind), self.value or "")


def diff_shapes(old: Shape, new: Shape) -> list[ShapeChange]:
    """What changed from `old` to `new`, ordered by path then kind."""
    changes: list[ShapeChange] = []
    fields = dict(old.fields)
    while True:  # each pass renames at least one subtree, so this ends
        renames = _renames(fields, new.fields)
        if not renames:
            break
        for old_root, new_root in renames:
            types = tuple(sorted(fields[old_root].types))
            changes.append(ShapeChange("renamed", new_root, old_path=old_root, types=types))
            fields = {_moved(p, old_root, new_root): s for p, s in fields.items()}
    changes += _one_sided("removed", fields, new.fields)
    changes += _one_sided("added", new.fields, fields)
    for path in sorted(fields.keys() & new.fields.keys()):
        before, after = fields[path], new.fields[path]
        if before.types != after.types:
            changes.append(
                ShapeChange(
                    "type-changed",
                    path,
                    types=tuple(sorted(after.types)),
                    old_types=tuple(sorted(before.types)),
                )
            )
        if before.values is not None and after.values is not None:
            for value in sorted(after.values - before.values):
                changes.append(ShapeChange("enum-value-added", path, value=value))
            for value in sorted(before.values - after.values):
                changes.append(ShapeChange("enum-value-removed", path, value=value))
    return sorted(changes, key=ShapeChange._sort_key)


# --------------------------------------------------------------------------- helpers


def _json_type(node: Any) -> str:
    if node is None:
        return "null"
    if isinstance(node, bool):
        return "boolean"
    if isinstance(node, int):
        return "integer"
    if isinstance(node, float):
        return "number"
    if isinstance(node, str):
        return "string"
    return "object" if isinstance(node, Mapping) else "array"


def _glob(pattern: str) -> re.Pattern[str]:
    """A path pattern where only ``*`` is special (``[]`` is literal, as in paths)."""
    return re.compile(".*".join(re.escape(part) for part in pattern.split("*")))


def _types(types: Iterable[str]) -> str:
    return " or ".join(types) or "no type"


def _parent(path: str) -> str:
    if path.endswith("[]"):
        return path[:-2]
    return path.rpartition(".")[0]


def _name(path: str) -> str:
    return path.rpartition(".")[2]


def _is_under(path: str, root: str) -> bool:
    return path.startswith(root + ".") or path.startswith(root + "[]")


def _moved(path: str, old_root: str, new_root: str) -> str:
    if path == old_root or _is_under(path, old_root):
        return new_root + path[len(old_root) :]
    return path


def _roots(paths: set[str]) -> list[str]:
    """Paths whose parent is not itself in `paths`: the tops of added/removed subtrees."""
    return sorted(p for p in paths if _parent(p) not in paths)


def _one_sided(
    kind: ChangeKind, here: Mapping[str, FieldShape], there: Mapping[str, FieldShape]
) -> list[ShapeChange]:
    only = set(here) - set(there)
    changes = []
    for root in _roots(only):
        nested = sum(1 for p in only if _is_under(p, root))
        changes.append(
            ShapeChange(kind, root, types=tuple(sorted(here[root].types)), nested=nested)
        )
    return changes


def _renames(old: Mapping[str, FieldShape], new: Mapping[str, FieldShape]) -> list[tuple[str, str]]:
    """Pairs (old root, new root) that are surely one field under another name."""
    removed = _roots(set(old) - set(new))
    added = _roots(set(new) - set(old))
    candidates: list[tuple[float, str, str]] = []
    for gone in removed:
        for came in added:
            if gone.endswith("[]") or came.endswith("[]") or _parent(gone) != _parent(came):
                continue
            if old[gone].types != new[came].types:
                continue
            score = _similarity(_name(gone), _name(came))
            same_values = _values_below(old, gone) == _values_below(new, came) != {}
            if score >= _RENAME_SIMILARITY or same_values:
                candidates.append((max(score, 1.0 if same_values else 0.0), gone, came))
    pairs: list[tuple[str, str]] = []
    used: set[str] = set()
    # Best match first; ties broken by path so the result never depends on dict order.
    for _score, gone, came in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if gone not in used and came not in used:
            pairs.append((gone, came))
            used |= {gone, came}
    return pairs


def _similarity(a: str, b: str) -> float:
    a, b = a.lower(), b.lower()
    if a.replace("_", "").replace("-", "") == b.replace("_", "").replace("-", ""):
        return 1.0
    return difflib.SequenceMatcher(None, a, b).ratio()


def _values_below(fields: Mapping[str, FieldShape], root: str) -> dict[str, frozenset[str]]:
    """Enum values at and under `root`, keyed by path relative to it (non-empty sets only)."""
    found = {}
    for path, shape in fields.items():
        if (path == root or _is_under(path, root)) and shape.values:
            found[path[len(root) :]] = shape.values
    return found
