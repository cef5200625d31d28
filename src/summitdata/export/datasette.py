"""Datasette metadata for the SQLite export, generated from ``datapackage.json``.

The same title, description, licence, source and column descriptions as the descriptor,
plus what makes the tables browsable: facets on coded columns and label columns, so
Datasette shows a name instead of a bare ID wherever one record points to another.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from summitdata import metadata
from summitdata.export._tables import LICENCE_NOTE, ExportTable, citation
from summitdata.export._views import VIEW_SUFFIX, has_view, view_plan


def metadata_path(database: Path) -> Path:
    """Where the metadata of ``database`` goes: ``summitdata.db`` → ``summitdata.metadata.json``."""
    return database.with_name(f"{database.stem}.metadata.json")


def _table_metadata(table: ExportTable) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "title": table.title,
        "description": table.description,
        "columns": {f["name"]: f["description"] for f in table.fields},
        "label_column": table.label_column,
    }
    if table.enum_columns:
        entry["facets"] = table.enum_columns
    return entry


def _view_metadata(table: ExportTable, by_name: dict[str, ExportTable]) -> dict[str, Any]:
    columns, _ = view_plan(table, by_name)
    facets = [*table.enum_columns, *(["disputed"] if any(c.name == "disputed" for c in columns) else [])]
    return {
        "title": f"{table.title}, with names",
        "description": f"{table.description} Each ID column is followed by the name of the record it points to.",
        "columns": {c.name: c.description for c in columns},
        "facets": facets,
    }


def datasette_metadata(tables: list[ExportTable], version: str, database: str) -> dict[str, Any]:
    """The metadata document for ``datasette DATABASE.db --metadata DATABASE.metadata.json``."""
    by_name = {t.name: t for t in tables}
    licence = metadata.DATA_LICENSE
    described: dict[str, Any] = {}
    for table in tables:
        described[table.name] = _table_metadata(table)
        if has_view(table, by_name):
            described[table.name + VIEW_SUFFIX] = _view_metadata(table, by_name)
    return {
        "title": metadata.TITLE,
        "description": f"{metadata.DESCRIPTION} Version {version}. Cite as: {citation(version)} {LICENCE_NOTE}",
        "license": f"{licence['title']} ({licence['name']})",
        "license_url": licence["path"],
        "source": metadata.SOURCES[0]["title"],
        "source_url": metadata.HOMEPAGE,
        "about": f"summitdata {version}",
        "about_url": metadata.HOMEPAGE,
        "databases": {database: {"title": metadata.TITLE, "tables": described}},
    }
