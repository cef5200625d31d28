"""summitdata.validation.screen: when the models accept summit.json, jsonschema finds nothing in it."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summitdata.resources import JSON_PATH
from summitdata.validation.documents import SCHEMA_PATH, schema_problems
from summitdata.validation.screen import format_values, models_accept, schema_finds_nothing
from tests.conftest import ROOT

DOCUMENT: Any = json.loads((ROOT / JSON_PATH).read_text(encoding="utf-8"))
SCHEMA: Any = json.loads((ROOT / SCHEMA_PATH).read_text(encoding="utf-8"))
NCG = next(index for index, organization in enumerate(DOCUMENT["organizations"]) if organization["id"] == "ncg")
NCG_WORKSTREAM = ("organizations", NCG, "workstreams", 0)

# (what the edit is, where, the new value, whether the screen lets jsonschema be skipped)
EDITS: list[tuple[str, tuple[str | int, ...], Any, bool]] = [
    ("a name in other words", ("people", 0, "name"), "Someone Else", True),
    ("a position written 1.0 (the schema's integer, not the models')", (*NCG_WORKSTREAM, "position"), 1.0, False),
    ("a position as text", (*NCG_WORKSTREAM, "position"), "1", False),
    ("a position as true", (*NCG_WORKSTREAM, "position"), True, False),
    ("a day with a final line break", ("events", 0, "start_date_earliest"), "2023-04-26\n", False),
    ("a day that is not in the calendar", ("events", 0, "start_date_earliest"), "2023-02-30", False),
    ("a country outside ISO 3166", ("people", 0, "country"), "XXX", False),
    ("a kind outside its enum", ("organizations", 0, "kind"), "club", False),
    ("the version as a number", ("version",), 1, False),
    ("a list of records as an object", ("events",), {}, False),
]


def schema_errors(document: Any, schema: Any = SCHEMA) -> list[str]:
    """What jsonschema reports, as the gate runs it."""
    text = json.dumps(document, ensure_ascii=False)
    return [problem.message for problem in schema_problems(JSON_PATH, text, document, schema, SCHEMA_PATH)]


def edited(path: tuple[str | int, ...], value: Any) -> Any:
    document = copy.deepcopy(DOCUMENT)
    target = document
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return document


def test_the_real_document_passes_the_screen_and_jsonschema() -> None:
    """The shipped summit.json is screened through, and jsonschema indeed finds nothing in it."""
    assert schema_finds_nothing(DOCUMENT, SCHEMA)
    assert schema_errors(DOCUMENT) == []


@pytest.mark.parametrize(("edit", "path", "value", "screened"), EDITS, ids=[edit[0] for edit in EDITS])
def test_an_edit_passes_the_screen_only_where_jsonschema_finds_nothing(
    edit: str, path: tuple[str | int, ...], value: Any, screened: bool
) -> None:
    """The models are never laxer than the schema; where they are stricter, jsonschema runs and decides."""
    document = edited(path, value)
    assert schema_finds_nothing(document, SCHEMA) is screened
    if screened:
        assert schema_errors(document) == []


def test_an_unknown_key_or_a_missing_one_is_not_screened_through() -> None:
    """extra="forbid" and required fields: the same verdict as additionalProperties and required."""
    extra = copy.deepcopy(DOCUMENT)
    extra["events"][0]["unknown"] = 1
    missing = copy.deepcopy(DOCUMENT)
    del missing["people"][0]["name"]
    for document in (extra, missing):
        assert not models_accept(document)
        assert schema_errors(document)


def test_a_schema_other_than_the_generated_one_is_never_trusted() -> None:
    """A hand-edited schema is run by jsonschema, whatever the models say."""
    schema = copy.deepcopy(SCHEMA)
    schema["description"] = "edited"
    assert not schema_finds_nothing(DOCUMENT, schema)


def test_every_format_value_is_asked_of_the_checker(monkeypatch: pytest.MonkeyPatch) -> None:
    """A format checker stricter than the models (here on one URL) makes the screen decline."""
    import jsonschema

    pairs = set(format_values(DOCUMENT, SCHEMA))
    assert {name for name, _ in pairs} == {"date", "uri"}
    url = next(source["url"] for source in DOCUMENT["sources"] if source["url"])
    assert ("uri", url) in pairs
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    monkeypatch.setitem(checker.checkers, "uri", (lambda value: value != url, ()))
    assert not schema_finds_nothing(DOCUMENT, SCHEMA)
    assert schema_errors(DOCUMENT)


def _leaves(value: Any, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    if isinstance(value, dict):
        return [path, *(leaf for key, child in value.items() for leaf in _leaves(child, (*path, key)))]
    if isinstance(value, list):
        return [path, *(leaf for index, child in enumerate(value) for leaf in _leaves(child, (*path, index)))]
    return [path]


PATHS = [path for path in _leaves(DOCUMENT) if path]
#: Strings at the edges of the schema's patterns, formats, enums and lengths.
EDGE_STRINGS = [
    *("", " ", "x" * 300, "\u0000", "line\nbreak", "\u200b", "0" * 64),
    *("2024-07-11", "2024-7-11", "2024-02-29", "2023-02-29", "2024-07-11\n", "2024-07"),
    *("KOR", "kor", "stated", "a-slug", "A-Slug"),
    *("https://example.org/a", "https://exa mple.org", "not a url"),
]
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(EDGE_STRINGS),
    st.text(max_size=12),
    st.lists(st.integers(0, 2), max_size=2),
    st.dictionaries(st.sampled_from(["id", "x"]), st.text(max_size=3), max_size=2),
)


@given(st.sampled_from(PATHS), VALUES)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_whatever_one_edit_makes_of_the_document_the_screen_never_hides_a_schema_error(
    path: tuple[str | int, ...], value: Any
) -> None:
    """Any value anywhere: the screen lets jsonschema be skipped only where jsonschema would find nothing."""
    document = edited(path, value)
    if schema_finds_nothing(document, SCHEMA):
        assert schema_errors(document) == []


@given(st.sampled_from(PATHS), VALUES)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_screening_only_the_records_unlike_the_generators_never_hides_a_schema_error(
    ds: Any, path: tuple[str | int, ...], value: Any
) -> None:
    """Any value anywhere: when the records left to the screen pass it, jsonschema finds nothing in the whole."""
    from summitdata.generate import StreamedDocument
    from summitdata.validation.compare import unvouched_part

    document = edited(path, value)
    part, first = unvouched_part(document, StreamedDocument(ds).texts())
    assert first is not None or document == DOCUMENT
    if schema_finds_nothing(part, SCHEMA):
        assert schema_errors(document) == []
