"""``summitdata export sqlite OUT.db``: a SQLite database built with sqlite-utils from the Table Schemas.

Declared column types (STRICT tables where SQLite supports them), NOT NULL for required
columns, primary and foreign keys, indexes on keys and codes, full-text search over the
free-text columns (statements and quotes included), and one ``<table>_with_names`` view
per table that puts the name of each referenced record beside its ID. The Datasette
metadata is written beside the database as ``OUT.metadata.json``.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from summitdata.dataset import Dataset
from summitdata.export._tables import ExportTable, Progress, Value, atomic_path, export_tables
from summitdata.export._views import VIEW_SUFFIX, has_view, polymorphic_references, view_sql
from summitdata.export.datasette import datasette_metadata, metadata_path

#: Table Schema type → the Python type sqlite-utils maps to a column type.
#: SQLite has no date storage class: dates are ISO 8601 text (YYYY-MM-DD), which its date
#: functions read and which sorts and compares as dates.
COLUMN_TYPES: dict[str, type] = {"string": str, "integer": int, "number": float, "boolean": int, "date": str}


def _cell(value: Value) -> Value:
    # Written as text ourselves: sqlite3's default date adapter is deprecated (Python 3.12).
    return value.isoformat() if isinstance(value, dt.date) else value


def creation_order(tables: list[ExportTable]) -> list[ExportTable]:
    """Descriptor order, except that a referenced table comes before the tables referencing it."""
    ordered: list[ExportTable] = []
    pending = list(tables)
    while pending:
        done = {t.name for t in ordered}
        ready = next((t for t in pending if set(t.foreign_keys.values()) - {t.name} <= done), None)
        if ready is None:
            raise ValueError("the foreign keys form a cycle: " + ", ".join(t.name for t in pending))
        ordered.append(ready)
        pending.remove(ready)
    return ordered


def build_database(tables: list[ExportTable], path: Path, progress: Progress) -> None:
    """Create the database at ``path`` (which must not exist yet)."""
    import sqlite_utils

    db = sqlite_utils.Database(path)
    # A scratch file that replaces OUT only once complete: no need to sync each of the hundreds of
    # statements to disk (which takes seconds), since a failed build is thrown away anyway.
    db.execute("PRAGMA synchronous = OFF")
    db.execute("PRAGMA journal_mode = MEMORY")
    by_name = {t.name: t for t in tables}
    try:
        for table in creation_order(tables):
            progress(f"sqlite: {table.name} ({len(table.rows)} rows)")
            created = db.table(table.name)
            created.create(
                {f["name"]: COLUMN_TYPES[f["type"]] for f in table.fields},
                pk=table.primary_key[0] if len(table.primary_key) == 1 else tuple(table.primary_key),
                not_null=table.required,
                foreign_keys=[
                    (column, target, by_name[target].primary_key[0]) for column, target in table.foreign_keys.items()
                ],
                strict=True,
            )
            created.insert_all({c: _cell(v) for c, v in zip(table.columns, row, strict=True)} for row in table.rows)
            for column in dict.fromkeys([*table.foreign_keys, *table.enum_columns]):
                created.create_index([column])
            for column, resource in polymorphic_references(table, by_name).items():
                created.create_index([resource, column])
            if table.text_columns:
                # Porter stemming: a search for "sign" also finds "signed" and "signatures".
                created.enable_fts(table.text_columns, tokenize="porter")
        for table in tables:
            if has_view(table, by_name):
                db.create_view(table.name + VIEW_SUFFIX, view_sql(table, by_name))
        # Rows went in with SQLite's default of unenforced keys (a table may reference rows later in
        # its own file); check every key once, at the end.
        broken = db.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise ValueError(f"foreign key check failed: {broken[:3]}")
        db.execute("ANALYZE")
        db.conn.commit()
        db.execute("VACUUM")
    finally:
        db.close()


def write(ds: Dataset, out: Path, progress: Progress) -> list[Path]:
    tables = export_tables(ds)
    with atomic_path(out) as scratch:
        build_database(tables, scratch, progress)
    meta = metadata_path(out)
    document = datasette_metadata(tables, ds.version, database=out.stem)
    meta.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return [out, meta]
