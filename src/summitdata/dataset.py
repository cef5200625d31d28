"""The loaded package: one table per resource, lookups by ID and relations without joins."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar, cast

if TYPE_CHECKING:
    import pandas as pd

    from summitdata.models import (
        Agreement,
        AgreementAction,
        Event,
        EventCode,
        FactCheck,
        Membership,
        Organization,
        Participant,
        Person,
        Record,
        Source,
        Statement,
        Workstream,
    )

R = TypeVar("R", bound="Record")
T = TypeVar("T", bound="Record")


class Table(Generic[R]):
    """The records of one resource, in file order; indexable by ID."""

    def __init__(self, name: str, records: list[R]) -> None:
        self.name = name
        self._records = tuple(records)
        self._by_id: dict[str, R] = {record.__dict__["id"]: record for record in records}

    def __iter__(self) -> Iterator[R]:
        return iter(self._records)

    def __len__(self) -> int:
        return len(self._records)

    def __contains__(self, record_id: object) -> bool:
        return record_id in self._by_id

    def __getitem__(self, record_id: str) -> R:
        try:
            return self._by_id[record_id]
        except KeyError:
            raise KeyError(f"no record {record_id!r} in {self.name}") from None

    def get(self, record_id: str) -> R | None:
        return self._by_id.get(record_id)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self._by_id)

    def __repr__(self) -> str:
        return f"<Table {self.name}: {len(self)} records>"


class Dataset:
    """The whole package, as returned by :func:`summitdata.load`."""

    sources: Table[Source]
    organizations: Table[Organization]
    people: Table[Person]
    memberships: Table[Membership]
    events: Table[Event]
    participants: Table[Participant]
    agreements: Table[Agreement]
    agreement_actions: Table[AgreementAction]
    workstreams: Table[Workstream]
    statements: Table[Statement]
    fact_checks: Table[FactCheck]
    event_codes: Table[EventCode]

    def __init__(self, version: str, root: Path, tables: Mapping[str, Table[Record]]) -> None:
        self.version = version
        self.root = root
        self._tables = dict(tables)
        self._indexes: dict[tuple[str, str], dict[str, list[Record]]] = {}
        for name, table in self._tables.items():
            setattr(self, name, table)
            for record in table:
                # Straight into the private-attribute slot (what pydantic's __setattr__ ends up doing),
                # at a tenth of its cost per record.
                private = record.__pydantic_private__
                if private is None:
                    record._dataset = self
                else:
                    private["_dataset"] = self

    @property
    def tables(self) -> dict[str, Table[Record]]:
        """Every table by resource name, in descriptor order."""
        return dict(self._tables)

    def table(self, model: type[T]) -> Table[T]:
        return cast("Table[T]", self._tables[model.resource_name])

    def _index(self, name: str, field: str) -> dict[str, list[Record]]:
        """Records of table ``name`` by their ``field`` value, built the first time it is asked.

        One index per (table, field) asked for: the nested document follows a handful of
        relations, and indexing every id column of every table up front cost more than that.
        """
        index = self._indexes.get((name, field))
        if index is None:
            index = self._indexes[(name, field)] = defaultdict(list)
            for record in self._tables[name]:
                value = record.__dict__.get(field)
                if isinstance(value, str):
                    index[value].append(record)
        return index

    def referencing(self, model: type[T], field: str, value: str) -> tuple[T, ...]:
        """Records of ``model`` whose ``field`` equals ``value``, in file order (ids only: ``id`` and ``*_id``)."""
        if not (field == "id" or field.endswith("_id")):
            return ()
        return cast("tuple[T, ...]", tuple(self._index(model.resource_name, field).get(value, ())))

    @cached_property
    def _checks(self) -> dict[tuple[str, str], list[FactCheck]]:
        index: dict[tuple[str, str], list[FactCheck]] = defaultdict(list)
        for check in self.fact_checks:
            index[(check.resource, check.record_id)].append(check)
        return index

    def fact_checks_of(self, record: Record) -> tuple[FactCheck, ...]:
        return tuple(self._checks.get((record.resource_name, record.__dict__["id"]), ()))

    def undisputed(self, model: type[T]) -> tuple[T, ...]:
        """The records of a resource that no fact check contradicts or finds unsupported."""
        return tuple(record for record in self.table(model) if not record.disputed)

    def to_pandas(self) -> dict[str, pd.DataFrame]:
        """Every table as a typed pandas DataFrame (the ``pandas`` extra); see :func:`summitdata.frames`."""
        from summitdata.frames import frames

        return frames(self)

    def __repr__(self) -> str:
        counts = ", ".join(f"{name}={len(table)}" for name, table in self._tables.items())
        return f"<Dataset {self.version}: {counts}>"
