"""Row rules declared once, evaluated two ways: per record (pydantic) and per column (pyarrow).

A model lists its cross-field rules as data (:class:`Rule` objects built from small
predicates). The model validator evaluates them on one record; the gate's vectorized path
(:mod:`summitdata.validation.fast`) evaluates the very same objects on whole columns. So a
rule is written once, whichever engine checks it.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pyarrow is an optional extra, imported only by the vectorized path
    import pyarrow as pa

Row = Mapping[str, Any]


class Predicate(ABC):
    """A condition on one row, with a vectorized twin over a pyarrow table of the same columns."""

    @abstractmethod
    def test(self, row: Row) -> bool: ...

    @abstractmethod
    def mask(self, table: pa.Table) -> pa.Array: ...

    def __and__(self, other: Predicate) -> Predicate:
        return And((self, other))

    def __or__(self, other: Predicate) -> Predicate:
        return Or((self, other))

    def __invert__(self) -> Predicate:
        return Not(self)


def _column(table: pa.Table, name: str) -> pa.Array:
    return table.column(name).combine_chunks()


@dataclass(frozen=True)
class IsNull(Predicate):
    column: str

    def test(self, row: Row) -> bool:
        return row.get(self.column) is None

    def mask(self, table: pa.Table) -> pa.Array:
        import pyarrow.compute as pc

        return pc.is_null(_column(table, self.column))


def NotNull(column: str) -> Predicate:  # noqa: N802  # reads like the other predicate constructors
    return Not(IsNull(column))


@dataclass(frozen=True)
class In(Predicate):
    column: str
    values: tuple[str, ...]

    def test(self, row: Row) -> bool:
        return row.get(self.column) in self.values

    def mask(self, table: pa.Table) -> pa.Array:
        import pyarrow as pa
        import pyarrow.compute as pc

        return pc.fill_null(pc.is_in(_column(table, self.column), value_set=pa.array(self.values)), False)


@dataclass(frozen=True)
class Not(Predicate):
    inner: Predicate

    def test(self, row: Row) -> bool:
        return not self.inner.test(row)

    def mask(self, table: pa.Table) -> pa.Array:
        import pyarrow.compute as pc

        return pc.invert(self.inner.mask(table))


@dataclass(frozen=True)
class And(Predicate):
    parts: tuple[Predicate, ...]

    def test(self, row: Row) -> bool:
        return all(part.test(row) for part in self.parts)

    def mask(self, table: pa.Table) -> pa.Array:
        import pyarrow.compute as pc

        result = self.parts[0].mask(table)
        for part in self.parts[1:]:
            result = pc.and_(result, part.mask(table))
        return result


@dataclass(frozen=True)
class Or(Predicate):
    parts: tuple[Predicate, ...]

    def test(self, row: Row) -> bool:
        return any(part.test(row) for part in self.parts)

    def mask(self, table: pa.Table) -> pa.Array:
        import pyarrow.compute as pc

        result = self.parts[0].mask(table)
        for part in self.parts[1:]:
            result = pc.or_(result, part.mask(table))
        return result


def count_not_null(columns: Sequence[str], low: int, high: int) -> Predicate:
    """Between ``low`` and ``high`` of the columns are filled."""
    options: list[Predicate] = []
    n = len(columns)
    for bits in range(2**n):
        filled = [columns[i] for i in range(n) if bits >> i & 1]
        if low <= len(filled) <= high:
            options.append(And(tuple(NotNull(c) if c in filled else IsNull(c) for c in columns)))
    return Or(tuple(options))


@dataclass(frozen=True)
class SubstringOf(Predicate):
    """``prefix + row[part] + suffix`` occurs in ``row[whole]`` (both filled)."""

    part: str
    whole: str
    prefix: str = ""
    suffix: str = ""

    def test(self, row: Row) -> bool:
        part, whole = row.get(self.part), row.get(self.whole)
        return part is not None and whole is not None and f"{self.prefix}{part}{self.suffix}" in whole

    def mask(self, table: pa.Table) -> pa.Array:
        import pyarrow as pa

        parts = _column(table, self.part).to_pylist()
        wholes = _column(table, self.whole).to_pylist()
        return pa.array(
            [
                p is not None and w is not None and f"{self.prefix}{p}{self.suffix}" in w
                for p, w in zip(parts, wholes, strict=True)
            ],
            type=pa.bool_(),
        )


# A partial date's first and last possible day as comparable strings: "2024-06" spans
# "2024-06-01" to "2024-06-31" (an upper bound no real day exceeds, so no calendar is needed).
_FIRST, _LAST = "-01-01", "-12-31"


def _bound(value: str, pad: str) -> str:
    return value + pad[len(value) - 4 :]


@dataclass(frozen=True)
class DateOrder(Predicate):
    """``end`` can be on or after ``start`` at the precision each is given (or either is empty)."""

    start: str
    end: str

    def test(self, row: Row) -> bool:
        start, end = row.get(self.start), row.get(self.end)
        return start is None or end is None or _bound(end, _LAST) >= _bound(start, _FIRST)

    def mask(self, table: pa.Table) -> pa.Array:
        import pyarrow as pa

        starts = _column(table, self.start).to_pylist()
        ends = _column(table, self.end).to_pylist()
        return pa.array(
            [
                s is None or e is None or _bound(e, _LAST) >= _bound(s, _FIRST)
                for s, e in zip(starts, ends, strict=True)
            ],
            type=pa.bool_(),
        )


@dataclass(frozen=True)
class Rule:
    """Whenever ``when`` holds, ``then`` must hold; otherwise ``field`` is reported."""

    field: str
    when: Predicate
    then: Predicate
    message: str
    hint: str

    def violated(self, row: Row) -> bool:
        return self.when.test(row) and not self.then.test(row)

    def violations(self, table: pa.Table) -> pa.Array:
        import pyarrow.compute as pc

        return pc.and_(self.when.mask(table), pc.invert(self.then.mask(table)))

    @property
    def text(self) -> str:
        return f"{self.field}: {self.message} — {self.hint}"


class _Always(Predicate):
    def test(self, row: Row) -> bool:
        return True

    def mask(self, table: pa.Table) -> pa.Array:
        import pyarrow as pa

        return pa.array([True] * table.num_rows, type=pa.bool_())


#: The condition of a rule that holds for every row.
ALWAYS: Predicate = _Always()
