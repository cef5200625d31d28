"""validation/firsterrors.py: reordering a schema's keywords changes no problem; the first found name what matters."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summitdata.validation import citation
from summitdata.validation.firsterrors import DESCENDING, BudgetExceededError, bounded, first_errors, shallow_first
from summitdata.validation.patterns import linear
from tests.conftest import JSON_VALUES, ROOT

#: The real citation and summit.json, as the schemas see them.
CITATION: dict[str, Any] = citation._loader((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
SUMMIT: dict[str, Any] = json.loads((ROOT / "data/summit.json").read_text(encoding="utf-8"))
SUMMIT_SCHEMA: dict[str, Any] = json.loads((ROOT / "schemas/summit.schema.json").read_text(encoding="utf-8"))
#: Each schema with its document, and keys to change: every top-level key it knows, and two it does not.
CASES = {
    "CITATION.cff": (citation.cff_schema(), CITATION),
    "data/summit.json": (SUMMIT_SCHEMA, SUMMIT),
}
KEYS = {name: [*sorted(schema["properties"]), "unknown", ""] for name, (schema, _) in CASES.items()}


def _every_problem(schema: Any, document: Any) -> list[tuple[str, str, str]]:
    validator_class = linear(jsonschema.validators.validator_for(schema))
    errors = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER).iter_errors(document)
    return sorted((str(list(e.absolute_path)), str(e.validator), e.message) for e in errors)


@st.composite
def edited(draw: st.DrawFn) -> tuple[Any, Any]:
    """A schema and its real document with a few top-level values removed, replaced or added, and one list
    item replaced."""
    name = draw(st.sampled_from(sorted(CASES)))
    schema, real = CASES[name]
    removed = draw(st.sets(st.sampled_from(sorted(real)), max_size=3))
    document = {key: value for key, value in real.items() if key not in removed}
    document |= draw(st.dictionaries(st.sampled_from(KEYS[name]), JSON_VALUES, max_size=3))
    lists = sorted(key for key, value in document.items() if isinstance(value, list) and value)
    if lists:
        key = draw(st.sampled_from(lists))
        items = list(document[key])
        items[draw(st.integers(0, len(items) - 1))] = draw(JSON_VALUES)
        document[key] = items
    return schema, document


@settings(max_examples=120, deadline=None, derandomize=True)
@given(case=edited())
def test_moving_keywords_that_look_inside_members_last_changes_no_problem(case: tuple[Any, Any]) -> None:
    schema, document = case
    assert _every_problem(shallow_first(schema), document) == _every_problem(schema, document)


def test_keywords_that_look_inside_members_come_last_in_every_schema_object() -> None:
    ordered = shallow_first(citation.cff_schema())
    assert list(ordered)[-2:] == ["additionalProperties", "properties"]
    assert list(ordered)[:-2] == [key for key in citation.cff_schema() if key not in DESCENDING]


def test_the_first_problems_found_in_many_bad_items_name_the_missing_keys() -> None:
    document = {"people": [1] * 10_000}
    validator_class = linear(jsonschema.validators.validator_for(SUMMIT_SCHEMA))
    errors, stopped = first_errors(validator_class(shallow_first(SUMMIT_SCHEMA)), document, 50)
    assert not stopped
    assert len(errors) == 50
    missing = {e.message for e in errors if e.validator == "required"}
    assert missing == {f"{key!r} is a required property" for key in SUMMIT_SCHEMA["required"] if key != "people"}


@settings(max_examples=120, deadline=None, derandomize=True)
@given(case=edited())
def test_a_bounded_validator_with_room_finds_every_problem_jsonschema_finds(case: tuple[Any, Any]) -> None:
    """anyOf and oneOf keep no record of why each alternative failed, and give the same messages."""
    schema, document = case
    validator_class = linear(jsonschema.validators.validator_for(schema))
    roomy = bounded(validator_class, 10**9)
    found = sorted(
        (str(list(e.absolute_path)), str(e.validator), e.message)
        for e in roomy(schema, format_checker=roomy.FORMAT_CHECKER).iter_errors(document)
    )
    assert found == _every_problem(schema, document)


def test_a_bounded_validator_stops_at_its_budget_of_checks() -> None:
    schema = {"items": {"anyOf": [{"const": i} for i in range(1_000)]}}
    validator = bounded(jsonschema.Draft202012Validator, 10_000)(schema)
    with pytest.raises(BudgetExceededError):
        list(validator.iter_errors([-1] * 1_000))
    assert list(bounded(jsonschema.Draft202012Validator, 10_000)(schema).iter_errors([999] * 5)) == []
