"""What changed in a version's descriptor: each change of a table's schema, and the bump it requires.

Compared descriptor to descriptor, each version's own ``datapackage.json`` (never today's models), so
an old release still compares after the models have moved on; :mod:`summitdata.packagediff` adds the
records and puts the whole difference together.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from summitdata.dates import RESTATED_PATTERNS
from summitdata.versions import RULES, Bump

#: Resource properties whose change breaks a reader of the file (not just words about it).
_LAYOUT = ("path", "format", "mediatype", "encoding", "dialect", "type")
_LOWER_BOUNDS = ("minLength", "minimum")
_UPPER_BOUNDS = ("maxLength", "maximum")
_FLAGS = ("required", "unique")


@dataclass(frozen=True)
class SchemaChange:
    """A change of the descriptor: ``kind`` is a key of :data:`summitdata.versions.RULES`."""

    kind: str
    resource: str | None
    field: str | None
    detail: str
    old: Any = None
    new: Any = None

    @property
    def bump(self) -> Bump:
        return RULES[self.kind]


def primary_key(resource: dict[str, Any]) -> list[str]:
    """A tabular resource's primary key columns (``id`` where its schema names none)."""
    key = resource["schema"].get("primaryKey", ["id"])
    return [key] if isinstance(key, str) else list(key)


def _constraint_kind(key: str, old: Any, new: Any) -> str | None:
    """Whether changing one constraint from ``old`` to ``new`` (None = absent) tightens or loosens it."""
    if key in _FLAGS:
        # A flag absent is a flag off: only a change of its truth counts.
        old, new = bool(old) or None, bool(new) or None
    if old == new:
        return None
    if key == "pattern" and (old, new) in RESTATED_PATTERNS:
        return "metadata-changed"  # the same values pass: the gate always enforced what the new pattern says
    if old is None or new is None:
        tighter = old is None
    elif key == "enum":
        tighter = not set(map(str, new)) >= set(map(str, old))
    elif key in _LOWER_BOUNDS:
        tighter = new > old
    elif key in _UPPER_BOUNDS:
        tighter = new < old
    else:
        # A changed pattern (or anything else) may reject existing values: assume it does.
        tighter = True
    return "constraint-tightened" if tighter else "constraint-loosened"


def _describe_constraint(key: str, old: Any, new: Any) -> str:
    if key == "enum" and old is not None and new is not None:
        gone = sorted(set(map(str, old)) - set(map(str, new)))
        extra = sorted(set(map(str, new)) - set(map(str, old)))
        parts = [
            f"{label} {len(values)} value(s): {', '.join(values[:8])}{' …' if len(values) > 8 else ''}"
            for label, values in (("removes", gone), ("adds", extra))
            if values
        ]
        return f"enum {'; '.join(parts)}"
    return f"{key} {json.dumps(old, ensure_ascii=False)} → {json.dumps(new, ensure_ascii=False)}"


def _field_changes(name: str, old_field: dict[str, Any], new_field: dict[str, Any]) -> list[SchemaChange]:
    column = new_field["name"]
    changes: list[SchemaChange] = []
    for prop in ("type", "format"):
        if old_field.get(prop) != new_field.get(prop):
            changes.append(
                SchemaChange(
                    "field-retyped",
                    name,
                    column,
                    f"{prop} {old_field.get(prop)} → {new_field.get(prop)}",
                    old_field.get(prop),
                    new_field.get(prop),
                )
            )
    old_constraints, new_constraints = old_field.get("constraints", {}), new_field.get("constraints", {})
    for key in sorted(set(old_constraints) | set(new_constraints)):
        before, after = old_constraints.get(key), new_constraints.get(key)
        kind = _constraint_kind(key, before, after)
        if kind is not None:
            changes.append(SchemaChange(kind, name, column, _describe_constraint(key, before, after), before, after))
    words = sorted(
        k
        for k in set(old_field) | set(new_field)
        if k not in ("name", "type", "format", "constraints") and old_field.get(k) != new_field.get(k)
    )
    if words:
        changes.append(SchemaChange("metadata-changed", name, column, f"{', '.join(words)} changed"))
    return changes


def _column_changes(
    name: str, old_schema: dict[str, Any], new_schema: dict[str, Any]
) -> tuple[list[SchemaChange], dict[str, str]]:
    """Columns added, removed, renamed, retyped, constrained or reordered; and the renames (old → new)."""
    changes: list[SchemaChange] = []
    old_fields = {f["name"]: (i, f) for i, f in enumerate(old_schema.get("fields", []))}
    new_fields = {f["name"]: (i, f) for i, f in enumerate(new_schema.get("fields", []))}
    removed = [n for n in old_fields if n not in new_fields]
    added = [n for n in new_fields if n not in old_fields]
    renames: dict[str, str] = {}
    for gone in removed:
        # A column gone from a position where a new column of the same type appears is a rename.
        index, before = old_fields[gone]
        for fresh in added:
            position, after = new_fields[fresh]
            if position == index and before.get("type") == after.get("type") and fresh not in renames.values():
                renames[gone] = fresh
    for gone in removed:
        if gone in renames:
            changes.append(
                SchemaChange(
                    "field-renamed", name, renames[gone], f"{gone} renamed to {renames[gone]}", gone, renames[gone]
                )
            )
        else:
            changes.append(SchemaChange("field-removed", name, gone, f"field {gone} removed"))
    for fresh in added:
        if fresh not in renames.values():
            changes.append(SchemaChange("field-added", name, fresh, f"field {fresh} added"))
    for old_name, (_, old_field) in old_fields.items():
        new_name = renames.get(old_name, old_name)
        if new_name in new_fields:
            changes += _field_changes(name, old_field, new_fields[new_name][1])
    kept_old = [renames.get(n, n) for n in old_fields if renames.get(n, n) in new_fields]
    kept_new = [n for n in new_fields if n in kept_old]
    if kept_old != kept_new:
        changes.append(SchemaChange("fields-reordered", name, None, f"column order {', '.join(kept_new)}"))
    return changes, renames


def _foreign_key(resource: str, key: dict[str, Any]) -> str:
    """A foreign key in one canonical spelling: fields as lists, a self-reference named outright.

    Data Package v2 lets a self-reference omit ``resource`` and v1 wrote it as ``""``; both mean
    the same key, so spelling alone is never a schema change.
    """

    def as_list(value: Any) -> list[Any]:
        return value if isinstance(value, list) else [value]

    reference = dict(key.get("reference", {}))
    reference["resource"] = reference.get("resource") or resource
    reference["fields"] = as_list(reference.get("fields", []))
    return json.dumps({"fields": as_list(key.get("fields", [])), "reference": reference}, sort_keys=True)


def schema_changes(name: str, old: dict[str, Any], new: dict[str, Any]) -> tuple[list[SchemaChange], dict[str, str]]:
    """The changes of one tabular resource's descriptor, and its renamed columns (old → new name)."""
    changes: list[SchemaChange] = []
    layout = [k for k in _LAYOUT if old.get(k) != new.get(k)]
    if layout:
        changes.append(SchemaChange("resource-format-changed", name, None, f"{', '.join(layout)} changed"))
    words = sorted(k for k in set(old) | set(new) if k not in (*_LAYOUT, "name", "schema") and old.get(k) != new.get(k))
    if words:
        changes.append(SchemaChange("metadata-changed", name, None, f"{', '.join(words)} changed"))
    field_changes, renames = _column_changes(name, old["schema"], new["schema"])
    changes += field_changes
    if primary_key(old) != primary_key(new):
        changes.append(
            SchemaChange("key-changed", name, None, "primary key changed", primary_key(old), primary_key(new))
        )
    old_schema, new_schema = old["schema"], new["schema"]
    old_keys = {_foreign_key(name, k) for k in old_schema.get("foreignKeys", [])}
    new_keys = {_foreign_key(name, k) for k in new_schema.get("foreignKeys", [])}
    # A key on a column added (or removed) with it constrains no released value: it is part of
    # that column's addition (or removal), not a tightening (or loosening) of its own.
    added = {c.field for c in field_changes if c.kind == "field-added"}
    removed = {c.field for c in field_changes if c.kind == "field-removed"}
    for kind, keys, with_column in (
        ("constraint-tightened", new_keys - old_keys, added),
        ("constraint-loosened", old_keys - new_keys, removed),
    ):
        for key in sorted(keys):
            if set(json.loads(key).get("fields", [])) <= with_column:
                continue
            fields = ", ".join(json.loads(key).get("fields", []))
            verb = "added" if kind == "constraint-tightened" else "removed"
            changes.append(SchemaChange(kind, name, fields, f"foreign key on {fields} {verb}"))
    if old_schema.get("missingValues") != new_schema.get("missingValues"):
        # Which cells count as missing changes what every cell means: treat as able to break data.
        changes.append(
            SchemaChange(
                "constraint-tightened",
                name,
                None,
                "missingValues changed",
                old_schema.get("missingValues"),
                new_schema.get("missingValues"),
            )
        )
    return changes, renames


__all__ = ["SchemaChange", "primary_key", "schema_changes"]
