"""Row rules declared once, evaluated two ways: per record (pydantic) and per column (pyarrow).

A model lists its cross-field rules as data (:class:`Rule` objects built from small
predicates). The model validator evaluates them on one record; the gate's vectorized path
(:mod:`summitdata.validation.fast`) evaluates the very same objects on whole columns. So a
rule is written once, whichever engine checks it.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import FrozenInstanceError, dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from summitdata._arrow import bools, constant, pylist, scalar, strings
from summitdata.dates import QUALIFIERS, bounds, is_partial_date

if TYPE_CHECKING:  # pyarrow is an optional extra, imported only by the vectorized path
    import pyarrow as pa

Row = Mapping[str, Any]


class Predicate(ABC):
    """A condition on one row, with a vectorized twin over a pyarrow table of the same columns.

    Its fields are set once, by the constructor. The subclasses are dataclasses that generate only
    their ``__init__``: Python compiles each method a dataclass generates at import, and frozen,
    comparable and printable predicates cost ``import summitdata; summitdata.load()`` 17 million of
    its 652 million instructions (callgrind, Python 3.11). Nothing compares predicates but by
    identity; the three methods below give all of them their immutability and a readable repr.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if name in self.__dict__:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        super().__setattr__(name, value)

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={value!r}" for name, value in vars(self).items())
        return f"{type(self).__name__}({fields})"

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


@dataclass(eq=False, repr=False)
class IsNull(Predicate):
    """``column`` is empty."""

    column: str

    def test(self, row: Row) -> bool:
        return row.get(self.column) is None

    def mask(self, table: pa.Table) -> pa.Array:
        import pyarrow.compute as pc

        return pc.is_null(_column(table, self.column))


def NotNull(column: str) -> Predicate:  # noqa: N802  # reads like the other predicate constructors
    return Not(IsNull(column))


@dataclass(eq=False, repr=False)
class In(Predicate):
    """``column`` holds one of ``values`` (an empty cell does not)."""

    column: str
    values: tuple[str, ...]

    def test(self, row: Row) -> bool:
        return row.get(self.column) in self.values

    def mask(self, table: pa.Table) -> pa.Array:
        import pyarrow.compute as pc

        return pc.fill_null(pc.is_in(_column(table, self.column), value_set=strings(self.values)), scalar(False))


@dataclass(eq=False, repr=False)
class Not(Predicate):
    """``inner`` does not hold."""

    inner: Predicate

    def test(self, row: Row) -> bool:
        return not self.inner.test(row)

    def mask(self, table: pa.Table) -> pa.Array:
        import pyarrow.compute as pc

        return pc.invert(self.inner.mask(table))


@dataclass(eq=False, repr=False)
class And(Predicate):
    """Every one of ``parts`` holds."""

    parts: tuple[Predicate, ...]

    def test(self, row: Row) -> bool:
        return all(part.test(row) for part in self.parts)

    def mask(self, table: pa.Table) -> pa.Array:
        import pyarrow.compute as pc

        result = self.parts[0].mask(table)
        for part in self.parts[1:]:
            result = pc.and_(result, part.mask(table))
        return result


@dataclass(eq=False, repr=False)
class Or(Predicate):
    """At least one of ``parts`` holds."""

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


@dataclass(eq=False, repr=False)
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

        parts = pylist(_column(table, self.part))
        wholes = pylist(_column(table, self.whole))
        return bools(
            p is not None and w is not None and f"{self.prefix}{p}{self.suffix}" in w
            for p, w in zip(parts, wholes, strict=True)
        )


@lru_cache(maxsize=1 << 14)  # dates repeat: the vectorized engine asks once per distinct value
def _interval(value: Any, qualifier: Any) -> tuple[dt.date | None, dt.date | None] | None:
    """The bounds of a partial-date cell (see :func:`summitdata.dates.bounds`); None if it is no date.

    The vectorized engine evaluates rules on unvalidated cells: a malformed date is the
    cell check's to report, so the rules say nothing about it.
    """
    if not is_partial_date(value) or (qualifier is not None and qualifier not in QUALIFIERS):
        return None
    return bounds(value, qualifier)


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _pairs(table: pa.Table, *columns: str | None) -> list[tuple[Any, ...]]:
    """Rows of some columns as Python tuples; a column named None reads as all-null."""
    lists = [[None] * table.num_rows if c is None else pylist(_column(table, c)) for c in columns]
    return list(zip(*lists, strict=True))


@dataclass(eq=False, repr=False)
class DateOrder(Predicate):
    """``end`` can be on or after ``start`` at the precision each is given (or either is empty).

    Compared by their bounds, so a ``qualifier`` column that opens an interval is respected.
    """

    start: str
    end: str
    qualifier: str | None = None

    def _holds(self, start: Any, end: Any, qualifier: Any) -> bool:
        first, last = _interval(start, qualifier), _interval(end, qualifier)
        if first is None or last is None or first[0] is None or last[1] is None:
            return True
        return last[1] >= first[0]

    def test(self, row: Row) -> bool:
        qualifier = row.get(self.qualifier) if self.qualifier else None
        return self._holds(row.get(self.start), row.get(self.end), qualifier)

    def mask(self, table: pa.Table) -> pa.Array:

        rows = _pairs(table, self.start, self.end, self.qualifier)
        return bools(self._holds(*row) for row in rows)


@dataclass(eq=False, repr=False)
class BoundOf(Predicate):
    """``bound`` holds the ``side`` (``earliest``/``latest``) bound of the partial date in ``value``.

    The bound is derived (:func:`summitdata.dates.bounds`, widened by ``qualifier``); a cell
    that differs was edited by hand or left stale. Bound cells compare as ISO text, so the
    rule reads the same on a record (dates) and on raw cells (strings).
    """

    value: str
    bound: str
    side: str
    qualifier: str | None = None

    def _holds(self, value: Any, bound: Any, qualifier: Any) -> bool:
        interval = _interval(value, qualifier) if value is not None else (None, None)
        if interval is None:
            return True
        expected = interval[0] if self.side == "earliest" else interval[1]
        return bool(_iso(bound) == (None if expected is None else expected.isoformat()))

    def test(self, row: Row) -> bool:
        qualifier = row.get(self.qualifier) if self.qualifier else None
        return self._holds(row.get(self.value), row.get(self.bound), qualifier)

    def mask(self, table: pa.Table) -> pa.Array:

        rows = _pairs(table, self.value, self.bound, self.qualifier)
        return bools(self._holds(*row) for row in rows)


class Rule(NamedTuple):
    """Whenever ``when`` holds, ``then`` must hold; otherwise ``field`` is reported."""

    field: str
    when: Predicate
    then: Predicate
    message: str
    hint: str
    #: The problem code the gate reports (a derived-column rule has its own).
    code: str = "row-rule-error"

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

        return constant(True, table.num_rows)


#: The condition of a rule that holds for every row.
ALWAYS: Predicate = _Always()
