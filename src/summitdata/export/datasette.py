"""Datasette metadata for the SQLite export, generated from ``datapackage.json``.

The same title, description, licence, source and column descriptions as the descriptor,
plus what makes the tables browsable: facets on coded columns and label columns, so
Datasette shows a name instead of a bare ID wherever one record points to another.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from summitdata import metadata
from summitdata.export._tables import LICENCE_NOTE, ExportTable, citation
from summitdata.export._views import VIEW_SUFFIX, has_view, view_plan

# The table page's first screen shows rows: the column descriptions become a short scrolling list (all of
# them still there, and on each column header as a tooltip), facets scroll within a box, and a long cell
# stays on one line (its full text on hover, and on the row's own page).
_CSS = """
dl.column-descriptions { display: grid; grid-template-columns: max-content 1fr; gap: 0 1em; max-height: 7em;
  overflow-y: auto; border: 1px solid #ccc; padding: 0.3em 0.6em; margin: 0.5em 0; }
dl.column-descriptions dt { font-weight: bold; }
dl.column-descriptions dd { margin: 0; }
.facet-results { margin-bottom: 1em; }
.facet-results .facet-info { max-height: 9em; overflow-y: auto; }
table.rows-and-columns td { max-width: 22em; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
"""
_JS = """
document.addEventListener("DOMContentLoaded", () => {
  const described = {};
  document.querySelectorAll("dl.column-descriptions dt").forEach((dt) => {
    described[dt.textContent.trim()] = dt.nextElementSibling ? dt.nextElementSibling.textContent.trim() : "";
  });
  document.querySelectorAll("table.rows-and-columns th[data-column]").forEach((th) => {
    if (described[th.dataset.column]) th.title = described[th.dataset.column];
  });
  document.querySelectorAll("table.rows-and-columns td").forEach((td) => { td.title = td.textContent.trim(); });
});
"""


def _data_url(media_type: str, text: str) -> str:
    """Inline the asset in the metadata itself: nothing to serve or fetch beside the database."""
    return f"data:{media_type},{quote(' '.join(text.split()), safe='')}"


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
        "extra_css_urls": [_data_url("text/css", _CSS)],
        "extra_js_urls": [_data_url("text/javascript", _JS)],
        "databases": {database: {"title": metadata.TITLE, "tables": described}},
    }
