"""summitdata.models: strict types and the cross-field rules of every model."""

from __future__ import annotations

import inspect
from typing import Any

import pytest
from pydantic import ValidationError

from summitdata.models import Event, Membership, Person, Record, Source, Statement
from summitdata.resources import RESOURCES

ARTICLE = "hankyoreh-article"
BASE_EVENT: dict[str, Any] = {
    "id": "e",
    "name": "An event",
    "kind": "summit",
    "source_id": ARTICLE,
    "quote": "the 2024 NATO summit",
    "basis": "stated",
}

# (model, values, fragment of the expected error)
INVALID_CASES: list[tuple[type[Any], dict[str, Any], str]] = [
    (
        Event,
        {
            **BASE_EVENT,
            "start_date": "2024-07-11",
            "end_date": "2024-07-09",
            "date_basis": "stated",
        },
        "before",
    ),
    (Event, {**BASE_EVENT, "basis": "external"}, "external record has no quote"),
    (Event, {**BASE_EVENT, "quote": None}, "needs the article's words"),
    (Event, {**BASE_EVENT, "basis": "inferred"}, "needs a note"),
    (Event, {**BASE_EVENT, "start_date": "2024-07-11"}, "date_basis"),
    (Event, {**BASE_EVENT, "date_basis": "stated"}, "without a date"),
    (
        Event,
        {**BASE_EVENT, "start_date": "2024", "date_basis": "stated", "date_text": "in June"},
        "words from the quote",
    ),
    (
        Event,
        {**BASE_EVENT, "start_date": "2024", "date_basis": "external", "note": "n"},
        "names its source",
    ),
    (Event, {**BASE_EVENT, "id": "Bad Id"}, "pattern"),
    (Event, {**BASE_EVENT, "kind": "party"}, "summit"),
    (Event, {**BASE_EVENT, "extra": "x"}, "Extra inputs"),
    (Event, {**BASE_EVENT, "name": " padded"}, "whitespace"),
    (Event, {**BASE_EVENT, "name": "zero\u200bwidth"}, "invisible"),
    (Event, {**BASE_EVENT, "name": "Cafe\u0301"}, "NFC"),
    (
        Person,
        {
            "id": "p",
            "name": "P",
            "country": "Korea",
            "source_id": ARTICLE,
            "quote": "q",
            "basis": "stated",
        },
        "ISO 3166",
    ),
    (
        Statement,
        {
            "id": "s",
            "text": "x",
            "kind": "quote",
            "source_id": ARTICLE,
            "quote": "“x”",
            "basis": "stated",
        },
        "attribute the statement",
    ),
    (
        Statement,
        {
            "id": "s",
            "text": "x",
            "kind": "quote",
            "speaker_person_id": "a",
            "speaker_organization_id": "b",
            "source_id": ARTICLE,
            "quote": "“x”",
            "basis": "stated",
        },
        "one speaker",
    ),
    (
        Statement,
        {
            "id": "s",
            "text": "x",
            "kind": "quote",
            "speaker_person_id": "a",
            "source_id": ARTICLE,
            "quote": "x",
            "basis": "stated",
        },
        "between “ and ”",
    ),
    (Source, {"id": "s", "kind": "article", "language": "en"}, "needs path and sha256"),
    (Source, {"id": "s", "kind": "web-page", "language": "en"}, "needs its url"),
    (Source, {"id": "s", "kind": "web-page", "language": "en", "url": "ftp://x"}, "http(s) URL"),
]


@pytest.mark.parametrize(("model", "values", "fragment"), INVALID_CASES)
def test_invalid_records_are_rejected_with_a_clear_reason(
    model: type[Any], values: dict[str, Any], fragment: str
) -> None:
    with pytest.raises(ValidationError, match=None) as info:
        model.model_validate(values)
    assert fragment in str(info.value)


def test_strict_types_refuse_coercion() -> None:
    with pytest.raises(ValidationError):
        Membership.model_validate(
            {
                "id": "m",
                "person_id": "p",
                "organization_id": 3,
                "role": "r",
                "source_id": ARTICLE,
                "quote": "q",
                "basis": "stated",
            }
        )


def test_records_are_immutable_and_compare_by_value() -> None:
    event = Event.model_validate(BASE_EVENT)
    with pytest.raises(ValidationError):
        event.name = "changed"  # type: ignore[misc]
    assert event == Event.model_validate(BASE_EVENT)
    assert len({event, Event.model_validate(BASE_EVENT)}) == 1


def test_relations_on_a_record_outside_a_dataset_say_why_they_fail() -> None:
    with pytest.raises(LookupError, match="not loaded from a dataset"):
        _ = Event.model_validate(BASE_EVENT).participants


@pytest.mark.parametrize("model", [resource.model for resource in RESOURCES], ids=lambda m: m.__name__)
def test_field_types_are_objects_not_postponed_strings(model: type[Record]) -> None:
    """No model module postpones annotations: pydantic would compile and evaluate every field's string at import."""
    declared = {name: kind for name, kind in inspect.get_annotations(model).items() if name in model.model_fields}
    assert declared
    assert [name for name, kind in declared.items() if isinstance(kind, str)] == []


def test_each_resources_foreign_keys_are_read_off_its_model_once() -> None:
    """The gate asks a resource's foreign keys per row and per nested record: they are made once, then kept."""
    for resource in RESOURCES:
        assert resource.foreign_keys is resource.foreign_keys
    assert {r.name: r.foreign_keys for r in RESOURCES}["memberships"] == {
        "person_id": "people",
        "organization_id": "organizations",
        "date_source_id": "sources",
        "source_id": "sources",
    }
