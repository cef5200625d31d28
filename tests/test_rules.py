"""summitdata.rules: the predicates rules are built from, as values."""

from __future__ import annotations

from dataclasses import FrozenInstanceError

import pytest

from summitdata.rules import ALWAYS, BoundOf, In, NotNull, Predicate, SubstringOf

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
