"""summitdata.rules: the predicates rules are built from, as values."""

from __future__ import annotations

import csv
import random
from dataclasses import FrozenInstanceError

import pytest

from summitdata.loader import cells_to_values, construct_records
from summitdata.resources import RESOURCES, Resource
from summitdata.rules import ALWAYS, BoundOf, In, NotNull, Predicate, SubstringOf
from summitdata.tableschema import table_schema
from tests.conftest import ROOT

#: A predicate of each shape: one field, several fields, defaults, nested predicates, none.
PREDICATES: dict[str, tuple[Predicate, str]] = {
    "one field": (In("kind", ("summit",)), "In(column='kind', values=('summit',))"),
    "defaults": (SubstringOf("quote", "text"), "SubstringOf(part='quote', whole='text', prefix='', suffix='')"),
    "nested": (NotNull("quote"), "Not(inner=IsNull(column='quote'))"),
    "several fields": (
        BoundOf("date", "date_earliest", "earliest"),
        "BoundOf(value='date', bound='date_earliest', side='earliest', qualifier=None)",
    ),
    "no field": (ALWAYS, "_Always()"),
}
#: Those with fields to protect.
WITH_FIELDS = {name: predicate for name, (predicate, _) in PREDICATES.items() if vars(predicate)}


@pytest.mark.parametrize(("predicate", "text"), PREDICATES.values(), ids=PREDICATES)
def test_a_predicate_reads_as_the_call_that_makes_it(predicate: Predicate, text: str) -> None:
    assert repr(predicate) == text


@pytest.mark.parametrize("predicate", WITH_FIELDS.values(), ids=WITH_FIELDS)
def test_a_predicates_fields_cannot_be_changed_or_deleted(predicate: Predicate) -> None:
    """Rules are shared by every record of a model: their predicates' fields are set once, by the constructor."""
    name, value = next(iter(vars(predicate).items()))
    with pytest.raises(FrozenInstanceError):
        setattr(predicate, name, value)
    with pytest.raises(FrozenInstanceError):
        delattr(predicate, name)
    assert vars(predicate)[name] is value


def test_a_predicate_holds_on_a_row_as_its_fields_say() -> None:
    row = {"kind": "summit", "quote": "NCG", "text": "the NCG met"}
    assert In("kind", ("summit",)).test(row)
    assert not In("kind", ("party",)).test(row)
    assert SubstringOf("quote", "text", prefix="the ").test(row)
    assert (NotNull("quote") & ~In("kind", ("party",))).test(row)


#: Rows made per table by mixing its cells at random: enough that nearly every rule is broken many times.
MIXED_ROWS = 1000


def _mixed_rows(resource: Resource, seed: int) -> list[list[str]]:
    """Rows whose every cell is one the column holds in the real data, an empty cell, or a value its enum allows."""
    with (ROOT / resource.path).open(encoding="utf-8", newline="") as file:
        real = list(csv.DictReader(file))
    enums = {field["name"]: field.get("constraints", {}).get("enum", []) for field in table_schema(resource)["fields"]}
    pools = {name: sorted({row[name] for row in real} | {""} | set(enums[name])) for name in resource.fields}
    rng = random.Random(seed)
    return [[rng.choice(pools[name]) for name in resource.fields] for _ in range(MIXED_ROWS)]


@pytest.mark.parametrize("resource", [r for r in RESOURCES if r.model.row_rules], ids=lambda r: r.name)
def test_the_fast_screen_flags_every_row_a_rule_rejects(resource: Resource) -> None:
    """Each row rule, evaluated column-wise on cells as the vectorized gate does, flags every row its record breaks."""
    pa = pytest.importorskip("pyarrow")
    from summitdata._arrow import strings
    from summitdata.validation.fast._read import _rule_flags

    rows = _mixed_rows(resource, seed=len(resource.name))
    table = pa.table({name: strings([row[i] or None for row in rows]) for i, name in enumerate(resource.fields)})
    typed = [cells_to_values(resource, resource.fields, row) for row in rows]
    records = construct_records(resource.model, resource.fields, [[v.get(f) for f in resource.fields] for v in typed])
    broken = 0
    for rule in resource.model.row_rules:
        flags = _rule_flags(rule, table).to_pylist()
        violated = [rule.violated(record.__dict__) for record in records]
        assert [i for i, (flag, bad) in enumerate(zip(flags, violated, strict=True)) if bad and not flag] == [], rule
        broken += sum(violated)
    assert broken > MIXED_ROWS // 10  # the rules were put to the test (333 breaks or more), not just passed
