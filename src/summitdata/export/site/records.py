"""HTML for one record, one fact check, one source, and the status marks: shared by every page."""

from __future__ import annotations

from typing import Any

from summitdata.dates import precision
from summitdata.export._tables import is_date
from summitdata.export._views import polymorphic_references
from summitdata.export.site.context import STATUS_SYMBOLS, Site, esc, key, row_anchor
from summitdata.models import FactCheck, Record
from summitdata.models._base import DISPUTING_STATUSES

PRECISION_WORDS = {"day": "to the day", "month": "to the month", "year": "to the year"}


def flag(status: str) -> str:
    """A status as symbol and word (never colour alone); the symbol is decoration for screen readers."""
    symbol = STATUS_SYMBOLS.get(status, "•")
    return f'<span class="flag flag-{esc(status)}"><span aria-hidden="true">{symbol}</span> {esc(status)}</span>'


def _is_url(spec: dict[str, Any], value: object) -> bool:
    return spec.get("format") == "uri" and isinstance(value, str) and value.startswith(("https://", "http://"))


def value_html(site: Site, table_name: str, spec: dict[str, Any], value: object, record: Record) -> str:
    """A cell: its exact value in ``.v``, then what helps read it (date precision, the name behind an ID)."""
    text = esc(value)
    main = f'<a class="v" href="{text}">{text}</a>' if _is_url(spec, value) else f'<span class="v">{text}</span>'
    table = site.tables[table_name]
    extra = ""
    if is_date(spec) and isinstance(value, str):
        extra = f' <span class="aside">({PRECISION_WORDS[precision(value)]})</span>'
    target = table.foreign_keys.get(spec["name"])
    if target is None and spec["name"] in polymorphic_references(table, site.tables):
        target = str(record.__dict__.get("resource"))
    if target is not None and isinstance(value, str):
        extra = (
            f' <a class="aside" href="tables.html#{esc(row_anchor(target, value))}">'
            f"{esc(site.label(target, value))}</a>"
        )
    return main + extra


def fields_html(site: Site, record: Record) -> str:
    """Every non-empty field of ``record``, labelled with its column name."""
    table = site.tables[record.resource_name]
    items = []
    for spec in table.fields:
        value = record.__dict__.get(spec["name"])
        if value is None:
            continue
        items.append(
            # The column's description is on the tables page (once), not repeated on every record here.
            f'<div class="field" data-field="{esc(spec["name"])}"><dt>{esc(spec["name"])}</dt>'
            f"<dd>{value_html(site, table.name, spec, value, record)}</dd></div>"
        )
    return f'<dl class="fields">{"".join(items)}</dl>'


def links_html(site: Site, record: Record) -> str:
    table_name, record_id = key(record)
    links = [f'<a href="tables.html#{esc(row_anchor(table_name, record_id))}">row in the {esc(table_name)} table</a>']
    if site.datasette is not None:
        links.append(
            f'<a class="datasette" href="{esc(site.datasette)}/{esc(table_name)}/{esc(record_id)}">row in Datasette</a>'
        )
    return f'<p class="links">{" · ".join(links)}</p>'


def source_html(site: Site, source_id: str) -> str:
    """A cited source: its title (linked when it has an address), publisher and date."""
    source = site.record("sources", source_id)
    if source is None:
        return esc(source_id)
    values = source.__dict__
    # An untitled page is named by its address, so the link says where it goes.
    title = esc(values.get("title") or values.get("url") or source_id)
    if values.get("url"):
        title = f'<a href="{esc(values["url"])}">{title}</a>'
    details = [esc(values[name]) for name in ("publisher", "published") if values.get(name)]
    return title + (f" ({', '.join(details)})" if details else "") + f' <code class="id">{esc(source_id)}</code>'


def check_html(site: Site, check: FactCheck, *, heading: str = "p", with_target: bool = False) -> str:
    """One fact check: status, the field, the article's words, the finding, the counterpart and the evidence."""
    values = check.__dict__
    title = flag(check.status)
    if values.get("field"):
        title += f" on <code>{esc(values['field'])}</code>"
    parts = [f'<{heading} class="check-title">{title} <code class="id">{esc(check.id)}</code></{heading}>']
    if with_target:
        parts.append(
            f'<p><span class="label">Record:</span> {esc(check.resource)} '
            f'<a href="tables.html#{esc(row_anchor(check.resource, check.record_id))}">'
            f'{esc(site.label(check.resource, check.record_id))}</a> <code class="id">{esc(check.record_id)}</code></p>'
        )
    if values.get("reported"):
        parts.append(
            f'<p><span class="label">The article says:</span> <q class="reported">{esc(check.reported)}</q></p>'
        )
    parts.append(
        f'<p><span class="label">The public record:</span> <span class="finding">{esc(check.finding)}</span></p>'
    )
    if check.counterpart_id is not None:
        parts.append(
            f'<p><span class="label">Instead:</span> {esc(check.resource)} '
            f'<a href="tables.html#{esc(row_anchor(check.resource, check.counterpart_id))}">'
            f"{esc(site.label(check.resource, check.counterpart_id))}</a> "
            f'<code class="id">{esc(check.counterpart_id)}</code></p>'
        )
    parts.append(f'<p><span class="label">Evidence:</span> {source_html(site, check.source_id)}</p>')
    if values.get("note"):
        parts.append(f'<p><span class="label">Note:</span> {esc(check.note)}</p>')
    disputed = " disputing" if check.status in DISPUTING_STATUSES else ""
    return (
        f'<div class="check status-{esc(check.status)}{disputed}" data-check="{esc(check.id)}">{"".join(parts)}</div>'
    )


def record_html(site: Site, record: Record, level: int = 4) -> str:
    """A record with every field, its links and its fact checks, under a heading of ``level``."""
    table_name, record_id = key(record)
    table = site.tables[table_name]
    label = site.label(table_name, record_id)
    marks = "".join(
        flag(status) for status in DISPUTING_STATUSES if any(c.status == status for c in record.fact_checks)
    )
    checks = "".join(check_html(site, check) for check in record.fact_checks)
    checks_block = f'<div class="checks"><p class="sub">Fact checks</p>{checks}</div>' if checks else ""
    return (
        f'<article class="record" data-table="{esc(table_name)}" data-id="{esc(record_id)}">'
        f'<h{level}><span class="table-name">{esc(table.title)}</span> {esc(label)} {marks}</h{level}>'
        f"{fields_html(site, record)}{links_html(site, record)}{checks_block}</article>"
    )
