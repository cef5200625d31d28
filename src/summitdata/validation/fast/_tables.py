"""One resource as the vectorized engine holds it: raw ids of every row, and the rows that passed."""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from summitdata._arrow import int64s, pylist, pyrows, scalar, strings
from summitdata.loader import cells_to_values, construct_records, int_fields
from summitdata.models import Record
from summitdata.resources import Resource
from summitdata.validation.fast import _read
from summitdata.validation.files import MAX_FILE_BYTES
from summitdata.validation.problems import Problem
from summitdata.validation.tables import LoadedRow, check_table, row_problems


def values_of(resource: Resource, row: dict[str, str | None]) -> dict[str, Any]:
    """cells_to_values for a pyarrow row (null = empty cell), asking it only about integer columns."""
    ints = int_fields(resource.model)
    values: dict[str, Any] = {}
    for name in resource.fields:
        cell = row[name]
        if cell is None or cell == "":
            continue
        if name in ints:
            values.update(cells_to_values(resource, [name], [cell]))
        else:
            values[name] = cell
    return values


@dataclass
class TableState:
    """``ids``/``id_lines``: the id cell of every well-formed row (the row engine's raw_ids).

    ``rows``/``row_lines``: the rows that passed their model, every cell a string or null.
    ``loaded``: the same rows as LoadedRow when the file went through the row engine.
    """

    resource: Resource
    ids: Any
    id_lines: Any
    rows: Any
    row_lines: Any
    loaded: list[LoadedRow] | None = None
    _cache: dict[int, LoadedRow] = field(default_factory=dict)
    _records: list[Record] | None = None

    def loaded_rows(self, positions: list[int]) -> list[LoadedRow]:
        """LoadedRow objects (records of rows that passed their model) for the given positions in ``rows``, in order."""
        if self.loaded is not None:
            return [self.loaded[p] for p in positions]
        missing = [p for p in positions if p not in self._cache]
        if missing:
            rows = self._values(missing)
            lines = self.row_lines.take(int64s(missing)).to_pylist()
            # These rows passed their model already (screened, or judged by it): built, not validated again.
            fields = self.resource.fields
            records = construct_records(self.resource.model, fields, rows)
            for position, line, row, record in zip(missing, lines, rows, records, strict=True):
                values = {name: value for name, value in zip(fields, row, strict=True) if value is not None}
                self._cache[position] = LoadedRow(line, record, values)
        return [self._cache[p] for p in positions]

    def records(self) -> list[Record]:
        """Every row that passed, as its model's record, in file order (built once).

        Each of these rows passed the model already (the screen cleared it, or the model
        itself judged it), so records are built column by column without validating again
        (loader.construct_records; tests/test_validation_fast.py compares them with load()'s).
        Once built, the records are what the later layers read: the columns are let go, so
        peak memory holds one form of the rows, not both (``rows`` is left empty).
        """
        if self._records is None:
            import pyarrow as pa

            self._records = self._build_records()
            # Fresh empty arrays: a slice would keep the columns' buffers alive (and empty_table()
            # converts Python lists, which imports pandas: see summitdata._arrow).
            self.rows, self.row_lines = pa.Table.from_batches([], schema=self.rows.schema), int64s([])
            self._cache.clear()
        return self._records

    def _build_records(self) -> list[Record]:
        if self.loaded is not None:
            return [row.record for row in self.loaded]
        count = self.rows.num_rows
        if len(self._cache) == count:  # every row built already (the sources, for provenance)
            return [self._cache[position].record for position in range(count)]
        return construct_records(self.resource.model, self.resource.fields, self._values())

    def _values(self, positions: list[int] | None = None) -> list[tuple[Any, ...]]:
        """The rows (every one, or those at ``positions``) as Python values in field order, converted
        column by column as cells_to_values converts a row: an empty cell None, an integer an int.

        An empty cell is null in the columns already: _read.read makes it so (quoted or not), and
        _from_rows builds them from cells_to_values, which leaves empty cells out.
        """
        import pyarrow as pa

        table = self.rows if positions is None else self.rows.take(int64s(positions))
        ints = int_fields(self.resource.model)
        columns = []
        for name in self.resource.fields:
            column = table.column(name)
            # At C speed. Integers are canonical (the screen, or the model, checked them): int64 holds them.
            if name in ints:
                column = column.cast(pa.int64())
            columns.append(pylist(column))
        return list(zip(*columns, strict=True))


def _from_rows(resource: Resource, loaded: list[LoadedRow], raw_ids: list[tuple[int, str]]) -> TableState:
    import pyarrow as pa

    columns = {
        name: strings(None if (v := row.values.get(name)) is None else str(v) for row in loaded)
        for name in resource.fields
    }
    return TableState(
        resource,
        ids=strings(record_id for _, record_id in raw_ids),
        id_lines=int64s(line for line, _ in raw_ids),
        rows=pa.table(columns),
        row_lines=int64s(row.line for row in loaded),
        loaded=loaded,
    )


def read_table(
    root: Path,
    resource: Resource,
    problems: list[Problem],
    safe: set[str] | None,
    *,
    plain: Future[bool] | None = None,
    max_bytes: int = MAX_FILE_BYTES,
) -> TableState:
    """Layers 2–3 for one file: vectorized when the file is plain, else the row engine's check_table."""
    import pyarrow as pa
    import pyarrow.compute as pc

    path = root / resource.path
    table = None
    readable = (safe is None or resource.path in safe) and path.is_file()
    # Not plain (blank rows, cells spanning lines, BOM, CR, NUL, loose quotes, another header): the row engine.
    if readable and _read.header(path) == resource.fields and (plain.result() if plain else _read.scan(path)):
        table = _read.read(path, resource.fields)
    if table is None:
        raw_ids: list[tuple[int, str]] = []
        loaded = check_table(root, resource, problems, raw_ids, safe, max_bytes=max_bytes)
        return _from_rows(resource, loaded, raw_ids)
    count = table.num_rows
    row_lines = int64s(range(2, count + 2))
    flags, table = _read.screen(resource, table)
    flagged = pc.indices_nonzero(flags).to_pylist()
    rejected: list[int] = []
    if flagged:
        for index, row in zip(flagged, pyrows(table.take(int64s(flagged))), strict=True):
            values = values_of(resource, row)
            try:
                resource.model.model_validate(values)
            except ValidationError as exc:
                problems.extend(row_problems(resource, index + 2, exc, values))
                rejected.append(index)
    ids = pc.fill_null(table.column(resource.fields[0]).combine_chunks().cast(pa.string()), scalar(""))
    if rejected:
        keep = pc.invert(pc.is_in(int64s(range(count)), value_set=int64s(rejected)))
        rows, valid_lines = table.filter(keep), row_lines.filter(keep)
    else:
        rows, valid_lines = table, row_lines
    return TableState(resource, ids=ids, id_lines=row_lines, rows=rows, row_lines=valid_lines)
