"""tables.html: every table, filterable, sortable and faceted by its coded columns in the browser."""

from __future__ import annotations

from summitdata.export._tables import ExportTable, Value
from summitdata.export._views import polymorphic_references
from summitdata.export.site.context import Site, code_spans, esc, row_anchor
from summitdata.export.site.downloads import Download


def _downloads_of(table: ExportTable, downloads: list[Download]) -> str:
    links = [
        f'<a href="{esc(d.per_table[table.name])}" download>{esc(d.name)}</a>'
        for d in downloads
        if table.name in d.per_table
    ]
    return f'<p class="downloads">Download this table: {" · ".join(links)}</p>' if links else ""


def _columns(table: ExportTable) -> str:
    items = []
    for spec in table.fields:
        codes = spec.get("constraints", {}).get("enum")
        listed = f" Codes: {', '.join(f'<code>{esc(c)}</code>' for c in codes)}." if codes and len(codes) < 20 else ""
        items.append(f"<dt><code>{esc(spec['name'])}</code></dt><dd>{code_spans(spec['description'])}{listed}</dd>")
    return f'<details><summary>The columns</summary><dl class="columns">{"".join(items)}</dl></details>'


def _controls(table: ExportTable) -> str:
    name = esc(table.name)
    facets = []
    for column in table.enum_columns:
        index = table.columns.index(column)
        codes = table.schema["fields"][index]["constraints"]["enum"]
        options = "".join(f'<option value="{esc(c)}">{esc(c)}</option>' for c in codes)
        facets.append(
            f'<label>{esc(column)} <select class="facet" data-col="{index}">'
            f'<option value="">any</option>{options}</select></label>'
        )
    return (
        f'<div class="controls"><label>Filter the rows <input type="search" class="filter" '
        f'aria-controls="{name}-table"></label>{"".join(facets)}'
        f'<p class="count" aria-live="polite">{len(table.rows)} of {len(table.rows)} rows</p></div>'
    )


def _cell(table: ExportTable, polymorphic: dict[str, str], row: tuple[Value, ...], index: int, value: Value) -> str:
    """A cell's exact value; an ID that points to another row links to it (its text stays the value)."""
    column = table.columns[index]
    target = table.foreign_keys.get(column)
    if target is None and column in polymorphic:
        target = str(row[table.columns.index(polymorphic[column])])
    if target is None or value is None:
        return esc(value)
    return f'<a href="#{esc(row_anchor(target, str(value)))}">{esc(value)}</a>'


def table_html(site: Site, table: ExportTable, downloads: list[Download]) -> str:
    name = esc(table.name)
    polymorphic = polymorphic_references(table, site.tables)
    head = "".join(
        f'<th scope="col" aria-sort="none"><button type="button" class="sort" data-col="{index}" '
        f'title="{esc(spec["description"])}">{esc(spec["name"])}</button></th>'
        for index, spec in enumerate(table.fields)
    )
    key = table.primary_key[0]
    key_index = table.columns.index(key)
    body = "".join(
        f'<tr id="{esc(row_anchor(table.name, str(row[key_index])))}">'
        + "".join(f"<td>{_cell(table, polymorphic, row, column, value)}</td>" for column, value in enumerate(row))
        + "</tr>"
        for row in table.rows
    )
    return (
        f'<section class="table-section" id="t-{name}" aria-labelledby="t-{name}-h">'
        f'<h2 id="t-{name}-h">{esc(table.title)} <code>{name}</code></h2><p>{esc(table.description)}</p>'
        f"{_downloads_of(table, downloads)}{_columns(table)}{_controls(table)}"
        f'<div class="scroll" role="region" aria-label="The rows of {esc(table.title)}" tabindex="0">'
        f'<table class="data" id="{name}-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'
        "</section>"
    )


def downloads_html(downloads: list[Download]) -> str:
    items = []
    for download in downloads:
        if download.per_table:
            first = download.files[0] if download.name == "csv" else None
            main = f'<a href="{esc(first)}" download>datapackage.json</a>, ' if first else ""
            archive = f'<a href="{esc(download.archive)}" download>all in one zip</a>, ' if download.archive else ""
            items.append(
                f"<li><strong>{esc(download.name)}</strong>: {esc(download.summary)} — {main}{archive}"
                f'or one file per table, linked beside each table on the <a href="tables.html">tables page</a></li>'
            )
        else:
            links = " · ".join(f'<a href="{esc(f)}" download>{esc(f.rsplit("/", 1)[-1])}</a>' for f in download.files)
            items.append(f"<li><strong>{esc(download.name)}</strong>: {esc(download.summary)} — {links}</li>")
    return f'<ul class="download-list">{"".join(items)}</ul>'


def tables_page(site: Site, downloads: list[Download]) -> str:
    toc = "".join(f'<li><a href="#t-{esc(t.name)}">{esc(t.title)}</a></li>' for t in site.tables.values())
    sections = "".join(table_html(site, table, downloads) for table in site.tables.values())
    return (
        "<h1>Tables and downloads</h1>"
        '<section aria-labelledby="dl-h"><h2 id="dl-h">Download the data</h2>'
        f"{downloads_html(downloads)}</section>"
        f'<nav aria-label="Tables"><ul class="toc">{toc}</ul></nav>{sections}'
    )
