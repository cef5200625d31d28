"""The typed date bounds in the CSVs: derived from each partial-date cell, written by ``summitdata generate``.

Bounds are real columns, so every tool reads them as dates, but nobody edits them: this
module rewrites them from the partial date (and the record's ``date_qualifier``) with
:func:`summitdata.dates.bounds`. A table whose header lacks the bound columns (an older
copy, or one side of a merge) gets them inserted, and an empty ``date_qualifier`` if it lacks
that too, so a conflict in them is resolved by taking either side and running
``summitdata generate``. Every other cell is written back exactly as read.
"""

from __future__ import annotations

from pathlib import Path

from summitdata.csvio import CsvSyntaxError, iter_rows, to_csv
from summitdata.dates import EARLIEST, QUALIFIERS, bounds, is_partial_date
from summitdata.resources import RESOURCES, Resource


def _derived(resource: Resource, cells: dict[str, str]) -> dict[str, str]:
    """The bound cells of one row, as ISO text ("" where empty or open)."""
    qualifier_field = resource.model.date_qualifier_field()
    qualifier = cells.get(qualifier_field, "") if qualifier_field else ""
    derived: dict[str, str] = {}
    for column, bound in resource.model.date_bounds().items():
        value = cells.get(bound.of, "")
        if not is_partial_date(value) or (qualifier and qualifier not in QUALIFIERS):
            derived[column] = ""  # a malformed date or qualifier is the gate's to report
            continue
        first, last = bounds(value, qualifier or None)
        day = first if bound.side == EARLIEST else last
        derived[column] = "" if day is None else day.isoformat()
    return derived


def filled(resource: Resource, text: str) -> str | None:
    """The CSV text with its bound columns derived (and inserted if missing); None if it cannot be read."""
    bound_columns = set(resource.model.date_bounds())
    # Columns a table from before the bounds lacks: the bounds (derived here) and the qualifier
    # (empty: a date means just what it says until someone says otherwise).
    insertable = bound_columns | ({qualifier} if (qualifier := resource.model.date_qualifier_field()) else set())
    if not bound_columns or "\r" in text or text.startswith("\ufeff"):
        return None
    try:
        rows = [row.cells for row in iter_rows(text)]
    except CsvSyntaxError:
        return None
    if not rows:
        return None
    header = rows[0]
    if header == resource.fields:
        positions = {name: header.index(name) for name in resource.fields}
    elif header in (
        [name for name in resource.fields if name not in bound_columns],
        [name for name in resource.fields if name not in insertable],
    ):
        positions = {name: header.index(name) for name in header}
    else:
        return None  # another header: the gate explains what is wrong with it
    out = []
    for cells in rows[1:]:
        if len(cells) != len(header):
            return None
        by_name = dict.fromkeys(insertable, "") | {name: cells[index] for name, index in positions.items()}
        by_name.update(_derived(resource, by_name))
        out.append([by_name[name] for name in resource.fields])
    return to_csv(resource.fields, out)


def fill_bounds(root: Path) -> list[str]:
    """Rewrite every table whose bound cells differ from the derived ones; return the paths written."""
    written = []
    for resource in RESOURCES:
        path = root / resource.path
        if not path.is_file():
            continue
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            continue
        new = filled(resource, text)
        if new is not None and new != text:
            path.write_bytes(new.encode("utf-8"))
            written.append(resource.path)
    return written


def stale_bounds(root: Path) -> list[str]:
    """Tables whose bound cells differ from the derived ones (what ``fill_bounds`` would rewrite)."""
    stale = []
    for resource in RESOURCES:
        path = root / resource.path
        try:
            text = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        new = filled(resource, text)
        if new is not None and new != text:
            stale.append(resource.path)
    return stale
