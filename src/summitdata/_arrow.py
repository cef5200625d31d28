"""Arrow columns as Python values, for the rules and the vectorized gate (pyarrow is imported by the caller)."""

from __future__ import annotations

from typing import Any


def pylist(column: Any) -> list[Any]:
    """A column's values as a Python list, nulls as None (what ``to_pylist`` gives).

    A dictionary-encoded column (the gate's screen encodes repetitive ones) is decoded here:
    each distinct value is made once and shared by every row holding it. pyarrow's own
    ``to_pylist`` of such a column builds a scalar per cell, about forty times slower, and a
    string object per cell.
    """
    import pyarrow as pa

    if not pa.types.is_dictionary(column.type):
        return list(column.to_pylist())
    values: list[Any] = []
    for chunk in column.chunks if isinstance(column, pa.ChunkedArray) else [column]:
        dictionary = chunk.dictionary.to_pylist()
        values += [None if index is None else dictionary[index] for index in chunk.indices.to_pylist()]
    return values


def pyrows(table: Any) -> list[dict[str, Any]]:
    """A table's rows as dicts (what ``Table.to_pylist`` gives), its columns made by :func:`pylist`."""
    names = table.column_names
    columns = [pylist(table.column(name)) for name in names]
    return [dict(zip(names, values, strict=True)) for values in zip(*columns, strict=True)]
