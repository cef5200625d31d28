"""Arrow columns as Python values, and Arrow values made without pyarrow's converter.

For the rules and the vectorized engine (pyarrow is imported by the caller's extra).

pyarrow's first conversion of any Python value (``pa.array``, ``pa.scalar``, a literal passed
to a ``pyarrow.compute`` function, even a NumPy array) imports pandas when it is installed,
only to ask whether the value is a pandas object (apache/arrow#34994): about 0.2 s and 55 MiB
in a process that had not imported it. The functions below build arrays and scalars from
bytes instead (``Array.from_buffers``), so ``load()`` and the gate never pay for it in a
caller's process. tests/test_arrow.py checks each against pyarrow's own conversion, and that
a vectorized load and gate leave pandas unimported.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from itertools import accumulate
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


def _from_buffers(kind: Any, count: int, *buffers: Any, validity: Any = None) -> Any:
    import pyarrow as pa

    return pa.Array.from_buffers(kind, count, [validity, *(pa.py_buffer(b) for b in buffers)])


def constant(value: bool, count: int) -> Any:
    """A boolean array of ``count`` copies of ``value`` (a bitmap, eight values a byte)."""
    import pyarrow as pa

    return _from_buffers(pa.bool_(), count, (b"\xff" if value else b"\x00") * ((count + 7) // 8))


def bools(values: Iterable[bool]) -> Any:
    """A boolean array of Python truth values (one byte each, then cast to Arrow's bitmap)."""
    import pyarrow as pa

    data = bytes(bool(value) for value in values)
    return _from_buffers(pa.uint8(), len(data), data).cast(pa.bool_())


def int64s(values: Iterable[int]) -> Any:
    """An int64 array of Python integers (each must fit in 64 bits)."""
    import pyarrow as pa

    data = array("q", values)
    return _from_buffers(pa.int64(), len(data), data)


def strings(values: Iterable[str | None]) -> Any:
    """A string array of Python strings, None as null."""
    import pyarrow as pa

    items = list(values)
    encoded = [b"" if value is None else value.encode("utf-8") for value in items]
    offsets = array("q", accumulate(map(len, encoded), initial=0))
    # The validity bitmap is a boolean array's own buffer; none when nothing is null.
    validity = bools(value is not None for value in items).buffers()[1] if None in items else None
    # Built with 64-bit offsets, which need no bounds check, then narrowed to pa.string(), as
    # pa.array gives (the cast raises if the text exceeds 2 GiB).
    large = _from_buffers(pa.large_string(), len(encoded), offsets, b"".join(encoded), validity=validity)
    return large.cast(pa.string())


def blob(data: bytes) -> Any:
    """A large_binary array of one value, ``data`` (the bytes shared, not copied)."""
    import pyarrow as pa

    return _from_buffers(pa.large_binary(), 1, array("q", (0, len(data))), data)


def scalar(value: str | bool | int | None, kind: Any = None) -> Any:
    """An Arrow scalar: a string, a boolean, an int64, or a null of type ``kind``."""
    import pyarrow as pa

    if value is None:
        return pa.nulls(1, kind)[0]
    if isinstance(value, bool):  # before int: a bool is an int
        return bools([value])[0]
    if isinstance(value, int):
        return int64s([value])[0]
    return strings([value])[0]


def group_codes(columns: Iterable[Any]) -> Any:
    """One int64 code per row, equal exactly where the rows hold the same values in every column.

    A null is a value like any other. What ``Table.group_by`` groups by, without its engine
    (Acero), whose import imports pandas (see the module docstring). Codes are re-encoded densely
    after each column, so a combined key stays below rows × distinct values: well within int64.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    key = None
    for given in columns:
        # One dictionary for the whole column; a dictionary-typed one is encoded again, with null as a value.
        column = given.combine_chunks() if isinstance(given, pa.ChunkedArray) else given
        if pa.types.is_dictionary(column.type):
            column = column.cast(column.type.value_type)
        encoded = pc.dictionary_encode(column, null_encoding="encode")
        codes = encoded.indices.cast(pa.int64())
        if key is not None:
            combined = pc.add(pc.multiply(key, scalar(len(encoded.dictionary))), codes)
            codes = pc.dictionary_encode(combined).indices.cast(pa.int64())
        key = codes
    if key is None:
        raise ValueError("group_codes needs at least one column")
    return key


def first_rows(codes: Any) -> Any:
    """The position of the first row of each distinct code, in order of first appearance."""
    import pyarrow.compute as pc

    return pc.index_in(pc.unique(codes), value_set=codes)
