"""What every page of the site reads: the tables as the descriptor describes them, the article and its spans.

Built once per export from the models (through the generated descriptor), so a new column,
row or status shows up on every page without touching the site's code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from html import escape
from typing import Any

from summitdata.dataset import Dataset
from summitdata.descriptor import build_descriptor
from summitdata.export._tables import ExportTable, export_tables
from summitdata.export._views import fact_check_table
from summitdata.export.site.spans import Paragraph, Span, find_spans, paragraphs
from summitdata.models import Record

#: The symbol beside each status word; presentation only (the statuses come from the model).
STATUS_SYMBOLS = {"corroborated": "✓", "refined": "≈", "contradicted": "✗", "unsupported": "⚠"}
_MEANING = re.compile(r"`([a-z-]+)` \(([^)]*)\)")


def esc(value: object) -> str:
    """Escape a value for HTML text or a quoted attribute: the one way data reaches a page."""
    return escape("" if value is None else str(value), quote=True)


def code_spans(text: str) -> str:
    """Escaped description text with its `backticked` codes as <code>."""
    parts = esc(text).split("`")
    return "".join(f"<code>{part}</code>" if index % 2 else part for index, part in enumerate(parts))


@dataclass
class Site:
    """The package as the site shows it."""

    ds: Dataset
    article: str
    #: The Datasette base path rows link to when the site is served beside it (e.g. ``/summitdata``).
    datasette: str | None = None
    descriptor: dict[str, Any] = field(default_factory=build_descriptor)

    @cached_property
    def tables(self) -> dict[str, ExportTable]:
        return {table.name: table for table in export_tables(self.ds, self.descriptor)}

    @cached_property
    def checks_table(self) -> ExportTable:
        table = fact_check_table(self.tables.values())
        if table is None:
            raise ValueError("the package has no fact-check table")
        return table

    @cached_property
    def statuses(self) -> list[str]:
        """The fact-check statuses, in the order the model lists them."""
        return list(self.field("status", self.checks_table)["constraints"]["enum"])

    @cached_property
    def status_meanings(self) -> dict[str, str]:
        """Each status's meaning, read off the status field's description (the data dictionary's words)."""
        description = str(self.field("status", self.checks_table)["description"])
        found = dict(_MEANING.findall(description))
        return {status: found.get(status, description) for status in self.statuses}

    @cached_property
    def spans(self) -> list[Span]:
        return find_spans(self.ds, self.article)

    @cached_property
    def paragraphs(self) -> list[Paragraph]:
        return paragraphs(self.article, self.spans)

    @cached_property
    def span_of(self) -> dict[tuple[str, str], Span]:
        """Each quoting record's first span, by (table, id)."""
        found: dict[tuple[str, str], Span] = {}
        for span in self.spans:
            for record in span.records:
                found.setdefault(key(record), span)
        return found

    @staticmethod
    def field(name: str, table: ExportTable) -> dict[str, Any]:
        return next(f for f in table.fields if f["name"] == name)

    def label(self, table_name: str, record_id: str) -> str:
        """A record's name, title or text (its ID when it has none)."""
        table = self.tables[table_name]
        record = self.ds.tables[table_name].get(record_id)
        if record is None:
            return record_id
        value = record.__dict__.get(table.label_column)
        return str(value) if value else record_id

    def record(self, table_name: str, record_id: str) -> Record | None:
        table = self.ds.tables.get(table_name)
        return None if table is None else table.get(record_id)


def key(record: Record) -> tuple[str, str]:
    return record.resource_name, str(record.__dict__["id"])


def row_anchor(table_name: str, record_id: str) -> str:
    """The id of a record's row on the tables page."""
    return f"{table_name}--{record_id}"
