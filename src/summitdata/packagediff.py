"""What changed between two versions of the package, and the version bump that requires.

Both sides are read as they are on disk, never through today's models: records are the CSV cells (strings)
keyed by the resource's primary key (``id``), and schemas are compared descriptor to descriptor, from each
version's own ``datapackage.json``. So an old release still diffs after the models have moved on.

>>> d = diff("1.0.0", ".")  # doctest: +SKIP
>>> d.bump, [r.id for r in d.resource("people").added]  # doctest: +SKIP
('minor', ['jane-doe'])
"""

from __future__ import annotations

import csv
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from summitdata.csvio import iter_rows, read_text
from summitdata.paths import DESCRIPTOR, bundled_root
from summitdata.schemadiff import SchemaChange, primary_key, schema_changes
from summitdata.versions import RULES, Bump, next_version, parse_version, strongest

RecordKind = Literal["added", "removed", "changed", "id-changed"]
_RECORD_RULE: dict[RecordKind, str] = {
    "added": "record-added",
    "removed": "record-removed",
    "changed": "record-changed",
    "id-changed": "id-changed",
}


class DiffError(ValueError):
    """A version of the package cannot be read well enough to compare it."""


@dataclass(frozen=True)
class FieldChange:
    """One cell of a changed record: the column, its old and its new value ("" = empty)."""

    field: str
    old: str
    new: str


@dataclass(frozen=True)
class RecordChange:
    """A record added, removed, changed, or kept under a new ID (``id`` is then the old one)."""

    kind: RecordKind
    id: str
    line: int | None = None  # the CSV line in the new version (in the old one for a removal)
    fields: tuple[FieldChange, ...] = ()
    new_id: str | None = None

    @property
    def bump(self) -> Bump:
        return RULES[_RECORD_RULE[self.kind]]


@dataclass(frozen=True)
class ResourceDiff:
    """Everything that changed in one resource."""

    name: str
    path: str
    records: tuple[RecordChange, ...] = ()
    schema: tuple[SchemaChange, ...] = ()

    def _of(self, kind: RecordKind) -> tuple[RecordChange, ...]:
        return tuple(change for change in self.records if change.kind == kind)

    @property
    def added(self) -> tuple[RecordChange, ...]:
        return self._of("added")

    @property
    def removed(self) -> tuple[RecordChange, ...]:
        return self._of("removed")

    @property
    def changed(self) -> tuple[RecordChange, ...]:
        return self._of("changed")

    @property
    def id_changed(self) -> tuple[RecordChange, ...]:
        return self._of("id-changed")

    @property
    def ids(self) -> tuple[str, ...]:
        """Every record ID involved (both IDs of a record whose ID changed)."""
        ids = [change.id for change in self.records]
        ids += [change.new_id for change in self.records if change.new_id is not None]
        return tuple(ids)

    @property
    def bump(self) -> Bump:
        return strongest([c.bump for c in self.records] + [c.bump for c in self.schema])


@dataclass(frozen=True)
class PackageDiff:
    """The difference between two versions of the package (``old`` and ``new`` are labels)."""

    old: str
    new: str
    old_version: str
    new_version: str
    resources: tuple[ResourceDiff, ...] = ()
    package: tuple[SchemaChange, ...] = field(default=())

    @property
    def bump(self) -> Bump:
        """The minimum semantic version bump the change requires."""
        return strongest([r.bump for r in self.resources] + [c.bump for c in self.package])

    @property
    def required_version(self) -> str:
        """The lowest version the new side may carry: the old version bumped by :attr:`bump`.

        Empty when the old side's version is not X.Y.Z (a hand-made copy): there is nothing to bump.
        """
        try:
            return str(next_version(parse_version(self.old_version), self.bump))
        except ValueError:
            return ""

    @property
    def changed_resources(self) -> tuple[str, ...]:
        return tuple(r.name for r in self.resources)

    def resource(self, name: str) -> ResourceDiff:
        """The diff of one resource (empty when it did not change)."""
        return next((r for r in self.resources if r.name == name), ResourceDiff(name, f"data/{name}.csv"))

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["bump"], data["required_version"] = self.bump, self.required_version
        for resource, entry in zip(self.resources, data["resources"], strict=True):
            entry["bump"] = resource.bump
        return data


# --- reading a version ------------------------------------------------------------------------------


@dataclass
class _Table:
    header: list[str]
    rows: dict[str, tuple[int, dict[str, str]]]  # key → (line, cells by column)


def read_descriptor(root: Path) -> dict[str, Any]:
    try:
        descriptor = json.loads((root / DESCRIPTOR).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DiffError(f"cannot read {root / DESCRIPTOR}: {exc}") from None
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        raise DiffError(f"{root / DESCRIPTOR} has no list of resources")
    return descriptor


def _is_table(resource: dict[str, Any]) -> bool:
    return isinstance(resource.get("schema"), dict) and str(resource.get("path", "")).endswith(".csv")


def _read_table(root: Path, resource: dict[str, Any]) -> _Table:
    path = str(resource["path"])
    try:
        rows = iter_rows(read_text(root / path))
        header = next(rows).cells
        key = primary_key(resource)
        missing = [name for name in key if name not in header]
        if missing:
            raise DiffError(f"{path}: no primary key column {', '.join(missing)}")
        table = _Table(header, {})
        for row in rows:
            cells = dict(zip(header, row.cells + [""] * (len(header) - len(row.cells)), strict=False))
            # A repeated ID is the gate's to report; the first occurrence is the record.
            table.rows.setdefault("/".join(cells[name] for name in key), (row.line, cells))
    except (OSError, UnicodeDecodeError, csv.Error, StopIteration) as exc:
        raise DiffError(f"cannot read {path}: {str(exc) or 'the file is empty'}") from None
    return table


# --- records ----------------------------------------------------------------------------------------


def _record_changes(old: _Table, new: _Table, renames: dict[str, str], key: list[str]) -> list[RecordChange]:
    shared = [(name, renames.get(name, name)) for name in old.header if renames.get(name, name) in new.header]
    values = [(before, after) for before, after in shared if after not in key]
    changes: list[RecordChange] = []
    for record_id, (line, cells) in new.rows.items():
        if record_id in old.rows:
            old_cells = old.rows[record_id][1]
            fields = tuple(
                FieldChange(after, old_cells[before], cells[after])
                for before, after in shared
                if old_cells[before] != cells[after]
            )
            if fields:
                changes.append(RecordChange("changed", record_id, line, fields))
    gone = [record_id for record_id in old.rows if record_id not in new.rows]
    fresh = [record_id for record_id in new.rows if record_id not in old.rows]

    def signature(cells: dict[str, str], side: int) -> tuple[str, ...]:
        return tuple(cells[pair[side]] for pair in values)

    # A removed and an added record with identical other cells is one record whose ID changed, if the
    # match is unambiguous; anything else stays a removal plus an addition (major either way).
    gone_by_cells: dict[tuple[str, ...], list[str]] = {}
    for record_id in gone:
        gone_by_cells.setdefault(signature(old.rows[record_id][1], 0), []).append(record_id)
    fresh_by_cells: dict[tuple[str, ...], list[str]] = {}
    for record_id in fresh:
        fresh_by_cells.setdefault(signature(new.rows[record_id][1], 1), []).append(record_id)
    renamed: dict[str, str] = {}
    for others, ids in gone_by_cells.items():
        partners = fresh_by_cells.get(others, [])
        if len(ids) == 1 and len(partners) == 1 and any(others):
            renamed[ids[0]] = partners[0]
    for record_id in gone:
        if record_id in renamed:
            new_id = renamed[record_id]
            changes.append(RecordChange("id-changed", record_id, new.rows[new_id][0], new_id=new_id))
        else:
            changes.append(RecordChange("removed", record_id, old.rows[record_id][0]))
    renamed_to = set(renamed.values())
    changes += [RecordChange("added", i, new.rows[i][0]) for i in fresh if i not in renamed_to]
    return changes


def _all_records(table: _Table, kind: RecordKind) -> tuple[RecordChange, ...]:
    return tuple(RecordChange(kind, record_id, line) for record_id, (line, _) in table.rows.items())


def _resource_diff(
    old_root: Path, new_root: Path, old: dict[str, Any] | None, new: dict[str, Any] | None
) -> ResourceDiff:
    if new is None:
        assert old is not None
        name = str(old["name"])
        records = _all_records(_read_table(old_root, old), "removed") if _is_table(old) else ()
        return ResourceDiff(
            name,
            str(old.get("path", "")),
            records,
            (SchemaChange("resource-removed", name, None, f"resource {name} removed"),),
        )
    name, path = str(new["name"]), str(new.get("path", ""))
    if old is None:
        records = _all_records(_read_table(new_root, new), "added") if _is_table(new) else ()
        return ResourceDiff(
            name, path, records, (SchemaChange("resource-added", name, None, f"resource {name} added"),)
        )
    if not (_is_table(old) and _is_table(new)):
        changed = sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k))
        words = (SchemaChange("resource-changed", name, None, f"{', '.join(changed)} changed"),) if changed else ()
        return ResourceDiff(name, path, (), words)
    schema, renames = schema_changes(name, old, new)
    cells = _record_changes(_read_table(old_root, old), _read_table(new_root, new), renames, primary_key(new))
    return ResourceDiff(name, path, tuple(cells), tuple(schema))


def diff_dirs(old_root: Path, new_root: Path, old_label: str = "old", new_label: str = "new") -> PackageDiff:
    """Compare two package directories (each with ``datapackage.json`` and ``data/*.csv``)."""
    old, new = read_descriptor(old_root), read_descriptor(new_root)
    old_resources = {str(r["name"]): r for r in old["resources"]}
    new_resources = {str(r["name"]): r for r in new["resources"]}
    order = list(new_resources) + [name for name in old_resources if name not in new_resources]
    resources = [_resource_diff(old_root, new_root, old_resources.get(name), new_resources.get(name)) for name in order]
    package = [
        SchemaChange("metadata-changed", None, None, f"package {key} changed", old.get(key), new.get(key))
        for key in sorted(set(old) | set(new))
        if key not in ("resources", "version") and old.get(key) != new.get(key)
    ]
    return PackageDiff(
        old_label,
        new_label,
        str(old.get("version", "")),
        str(new.get("version", "")),
        tuple(r for r in resources if r.records or r.schema),
        tuple(package),
    )


def diff(old: str | Path, new: str | Path, *, repo: Path | None = None) -> PackageDiff:
    """Compare two versions of the package, each a version spec (see :mod:`summitdata.releases`).

    ``"1.0.0"`` (a release in releases.json, or a tag), ``"HEAD~1"``, ``"main"`` (git revisions),
    a directory, or ``"installed"``. Raises :class:`DiffError` for a version that cannot be read, and its
    subclass :class:`~summitdata.releases.UnknownVersionError` for a spec that names nothing.
    """
    # Imported here: releases needs subprocess, tempfile and shutil (git), which `import summitdata`
    # would otherwise pay for on every start (tests/test_loader.py).
    from summitdata.releases import open_version

    with open_version(old, repo) as before, open_version(new, repo) as after:
        return diff_dirs(before.root, after.root, before.label, after.label)


def changes(since: str, *, current: str | Path | None = None, repo: Path | None = None) -> PackageDiff:
    """What changed from the release ``since`` to the current package (default: the bundled data)."""
    return diff(since, current if current is not None else bundled_root(), repo=repo)


__all__ = [
    "DiffError",
    "FieldChange",
    "PackageDiff",
    "RecordChange",
    "RecordKind",
    "ResourceDiff",
    "SchemaChange",
    "changes",
    "diff",
    "diff_dirs",
    "read_descriptor",
]
