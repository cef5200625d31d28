"""The ``<table>_with_names`` views: every column of a table, and beside each ID the name it points to.

One plan per view gives both its SQL (for the database) and its column descriptions
(for the Datasette metadata), so the two cannot disagree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from summitdata.export._tables import ExportTable
from summitdata.models._base import DISPUTING_STATUSES

#: Fact-check statuses that make a record disputed: the same rule as ``Record.disputed``
#: (a test checks the views' ``disputed`` column against it record by record).
DISPUTING = DISPUTING_STATUSES

VIEW_SUFFIX = "_with_names"


@dataclass(frozen=True)
class ViewColumn:
    name: str
    sql: str
    description: str


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def polymorphic_references(table: ExportTable, names: Iterable[str]) -> dict[str, str]:
    """ID columns that point into whichever table a ``resource`` column names (fact checks' targets).

    The Table Schema cannot declare them as foreign keys; they are recognized by a ``resource``
    column whose codes are table names. Returns ID column → that resource column.
    """
    resource = next((f for f in table.fields if f["name"] == "resource"), None)
    if resource is None or not set(resource.get("constraints", {}).get("enum", [])) <= set(names):
        return {}
    return {
        c: "resource"
        for c in table.columns
        if c.endswith("_id") and c not in table.foreign_keys and c not in table.primary_key
    }


def label_name(table: ExportTable, column: str) -> str:
    """The view column holding the name behind an ID column: ``person_id`` → ``person``."""
    base = column.removesuffix("_id")
    return base if base not in table.columns else f"{base}_label"


def fact_check_table(tables: Iterable[ExportTable]) -> ExportTable | None:
    """The table whose rows judge records of the other tables (the one with polymorphic references)."""
    tables = list(tables)
    names = [t.name for t in tables]
    return next((t for t in tables if polymorphic_references(t, names)), None)


def has_view(table: ExportTable, by_name: dict[str, ExportTable]) -> bool:
    return bool(table.foreign_keys or polymorphic_references(table, by_name))


def _label_sql(table: ExportTable, prefix: str) -> str:
    """A record's label: its first filled label column (an untitled source's publisher), else its ID."""
    columns = [prefix + quote(column) for column in (*table.label_columns, table.primary_key[0])]
    return f"COALESCE({', '.join(columns)})" if len(columns) > 1 else columns[0]


def view_plan(table: ExportTable, by_name: dict[str, ExportTable]) -> tuple[list[ViewColumn], list[str]]:
    """The view's columns and its joins."""
    columns: list[ViewColumn] = []
    joins: list[str] = []
    polymorphic = polymorphic_references(table, by_name)
    for column in table.columns:
        columns.append(ViewColumn(column, f"t.{quote(column)}", table.description_of(column)))
        if column in table.foreign_keys:
            target = by_name[table.foreign_keys[column]]
            alias = f"j{len(joins)}"
            joins.append(
                f"LEFT JOIN {quote(target.name)} AS {alias} "
                f"ON {alias}.{quote(target.primary_key[0])} = t.{quote(column)}"
            )
            columns.append(
                ViewColumn(
                    label_name(table, column),
                    _label_sql(target, f"{alias}."),
                    f"The {target.label_column} of the {target.name} record that {column} points to "
                    "(its ID when it has none).",
                )
            )
        elif column in polymorphic:
            cases = " ".join(
                f"WHEN {literal(name)} THEN (SELECT {_label_sql(other, '')} FROM {quote(name)} "
                f"WHERE {quote(other.primary_key[0])} = t.{quote(column)})"
                for name, other in by_name.items()
            )
            columns.append(
                ViewColumn(
                    label_name(table, column),
                    f"CASE t.{quote(polymorphic[column])} {cases} END",
                    f"The name, title or text of the record that {column} points to, in the table "
                    f"{polymorphic[column]} names (its ID when it has none).",
                )
            )
    checks = fact_check_table(by_name.values())
    if checks is not None and table.name != checks.name:
        statuses = ", ".join(literal(s) for s in DISPUTING)
        columns.append(
            ViewColumn(
                "disputed",
                f"EXISTS (SELECT 1 FROM {quote(checks.name)} AS fc WHERE fc.resource = {literal(table.name)} "
                f"AND fc.record_id = t.{quote(table.primary_key[0])} AND fc.status IN ({statuses}))",
                f"1 when a fact check finds the record {' or '.join(DISPUTING)}, else 0: "
                "drop those rows to keep only facts nothing contradicts.",
            )
        )
    return columns, joins


def view_sql(table: ExportTable, by_name: dict[str, ExportTable]) -> str:
    columns, joins = view_plan(table, by_name)
    selects = ", ".join(f"{c.sql} AS {quote(c.name)}" for c in columns)
    return f"SELECT {selects} FROM {quote(table.name)} AS t {' '.join(joins)} ORDER BY t.rowid"
