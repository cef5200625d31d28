"""The tables every export writes, read off the descriptor's Table Schemas and the loaded records.

No export restates a column, a type or a key: each asks this module, which asks
:func:`summitdata.descriptor.build_descriptor` (itself generated from the models).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from summitdata import metadata
from summitdata.dataset import Dataset
from summitdata.dates import PARTIAL_DATE_PATTERN
from summitdata.descriptor import build_descriptor

Value = str | int | float | bool | dt.date | None
Progress = Callable[[str], None]

#: Columns that name a record, in order of preference, for labels and joined views.
#: Columns that can name a record, best first; `publisher` names a source that has no title.
LABEL_FIELDS = ("name", "title", "text", "publisher")


def no_progress(message: str) -> None:
    """The default progress callback: say nothing."""


@dataclass(frozen=True)
class ExportTable:
    """One tabular resource: its descriptor entry and its rows, values as the models hold them."""

    resource: dict[str, Any]
    rows: tuple[tuple[Value, ...], ...]

    @property
    def name(self) -> str:
        return str(self.resource["name"])

    @property
    def title(self) -> str:
        return str(self.resource["title"])

    @property
    def description(self) -> str:
        return str(self.resource["description"])

    @property
    def schema(self) -> dict[str, Any]:
        return dict(self.resource["schema"])

    @property
    def fields(self) -> list[dict[str, Any]]:
        return list(self.resource["schema"]["fields"])

    @property
    def columns(self) -> list[str]:
        return [field["name"] for field in self.fields]

    @property
    def primary_key(self) -> list[str]:
        return list(self.resource["schema"]["primaryKey"])

    @cached_property
    def foreign_keys(self) -> dict[str, str]:
        """Column → referenced resource; a self-reference omits the resource or names it ``""``."""
        return {
            key["fields"][0]: key["reference"].get("resource") or self.name
            for key in self.resource["schema"].get("foreignKeys", [])
        }

    @property
    def required(self) -> list[str]:
        return [f["name"] for f in self.fields if f.get("constraints", {}).get("required")]

    @property
    def enum_columns(self) -> list[str]:
        """Columns limited to a list of codes: the natural facets."""
        return [f["name"] for f in self.fields if "enum" in f.get("constraints", {})]

    @property
    def date_columns(self) -> list[str]:
        """Columns holding ISO 8601 dates at reduced precision (the article-faithful text)."""
        return [f["name"] for f in self.fields if is_date(f)]

    @property
    def day_columns(self) -> list[str]:
        """Typed date columns: the first and last day each partial date can mean."""
        return [f["name"] for f in self.fields if is_day(f)]

    @property
    def text_columns(self) -> list[str]:
        """Free-text columns (no code list, pattern or key): what full-text search indexes."""
        keys = set(self.primary_key) | set(self.foreign_keys)
        return [
            f["name"]
            for f in self.fields
            if f["type"] == "string"
            and f["name"] not in keys
            and not f["name"].endswith("_id")
            and not {"enum", "pattern"} & set(f.get("constraints", {}))
        ]

    @property
    def label_columns(self) -> list[str]:
        """Every column that can name a record, best first (a view falls back from one to the next per row)."""
        return [name for name in LABEL_FIELDS if name in self.columns]

    @cached_property
    def label_column(self) -> str:
        """The column that names a record to a reader: the first of its name, title, text or publisher that
        every row fills (Datasette links show "None" for an empty label), else the first present, else its ID."""
        present = self.label_columns
        filled = [name for name in present if all(row[self.columns.index(name)] for row in self.rows)]
        return next(iter(filled or present), self.primary_key[0])

    def description_of(self, column: str) -> str:
        return next(str(f["description"]) for f in self.fields if f["name"] == column)


def is_date(field: dict[str, Any]) -> bool:
    """A partial-date column: text, ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
    return bool(field.get("constraints", {}).get("pattern") == PARTIAL_DATE_PATTERN)


def is_day(field: dict[str, Any]) -> bool:
    """A typed date column (Table Schema ``date``): a date bound."""
    return bool(field["type"] == "date")


def export_tables(ds: Dataset, descriptor: dict[str, Any] | None = None) -> list[ExportTable]:
    """Every tabular resource, in descriptor order, with its rows in file order."""
    descriptor = descriptor or build_descriptor()
    tables = []
    for resource in descriptor["resources"]:
        if resource["type"] != "table":
            continue
        columns = [field["name"] for field in resource["schema"]["fields"]]
        rows = tuple(tuple(record.__dict__[c] for c in columns) for record in ds.tables[resource["name"]])
        tables.append(ExportTable(resource, rows))
    return tables


def citation(version: str) -> str:
    return metadata.CITATION.format(year=metadata.CREATED[:4], version=version, homepage=metadata.HOMEPAGE)


LICENCE_NOTE = (
    "The article's text is © The Hankyoreh and is not covered by this licence; "
    "the data quotes only short passages of it."
)


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A scratch path beside ``target`` that replaces it only when the block succeeds.

    A failed export never leaves a half-written file where a good one was.
    """
    # Imported here: `import summitdata` reaches this module (frames), and tempfile brings shutil,
    # bz2 and lzma, which only an export needs.
    import tempfile

    target.parent.mkdir(parents=True, exist_ok=True)
    handle, scratch = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.close(handle)
    os.unlink(scratch)  # the writers create the file themselves (SQLite refuses an empty non-database file)
    path = Path(scratch)
    try:
        yield path
        os.replace(path, target)
    finally:
        path.unlink(missing_ok=True)


def write_per_table(
    ds: Dataset,
    out: Path,
    progress: Progress,
    *,
    fmt: str,
    suffix: str,
    write_one: Callable[[ExportTable, Path], None],
) -> list[Path]:
    """Write one file per table into the directory ``out``, each atomically, with progress."""
    if out.exists() and not out.is_dir():
        raise NotADirectoryError(f"{out} exists and is not a directory; {fmt} writes one file per table into it")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for table in export_tables(ds):
        progress(f"{fmt}: {table.name} ({len(table.rows)} rows)")
        target = out / f"{table.name}{suffix}"
        with atomic_path(target) as scratch:
            write_one(table, scratch)
        written.append(target)
    return written
