"""summitdata.validation.patterns: JSON Schema patterns matched in linear time, as Python's re matches them."""

from __future__ import annotations

import json
import re
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from summitdata.validation.documents import schema_problems
from summitdata.validation.patterns import UNSUPPORTED_KEYWORD, UnsupportedPatternError, linear, search
from tests.conftest import ROOT


def _patterns(node: Any) -> set[str]:
    """Every pattern a schema holds (``pattern`` values and ``patternProperties`` keys)."""
    found: set[str] = set()
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if isinstance(item.get("pattern"), str):
                found.add(item["pattern"])
            found.update(item.get("patternProperties", {}) if isinstance(item.get("patternProperties"), dict) else ())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


#: Every pattern of the generated schemas, which the gate matches summit.json and the tables' JSON with.
GENERATED_PATTERNS = sorted(
    set().union(*(_patterns(json.loads(path.read_text(encoding="utf-8"))) for path in ROOT.glob("schemas/*.json")))
)
#: Text near what the patterns accept: slugs, days, hashes, country codes, and what breaks them.
_NEAR = st.text(alphabet="ab09-:Tz AFKORUSX.", max_size=70)


def test_the_generated_schemas_have_patterns() -> None:
    """The schemas hold patterns to compare (slugs, days, hashes): the property below is not vacuous."""
    assert len(GENERATED_PATTERNS) >= 3


@pytest.mark.parametrize("pattern", GENERATED_PATTERNS)
@given(text=_NEAR)
def test_each_generated_pattern_matches_what_pythons_re_matches(pattern: str, text: str) -> None:
    """On text without a line break, Rust's engine and re.search agree on every pattern of the generated schemas."""
    assert search(pattern, text) == (re.search(pattern, text) is not None)


def test_dollar_matches_only_at_the_end() -> None:
    """As JSON Schema reads `$` (and the models): not before a final line break, where Python's re also matches."""
    assert search("^[a-z]+$", "abc")
    assert not search("^[a-z]+$", "abc\n")


def test_a_pattern_that_backtracks_exponentially_in_re_is_matched_at_once() -> None:
    """`^(a+)+$` against forty a's and a b: an answer (re takes 2**40 steps), and a 10 MB crafted slug too."""
    assert not search("^(a+)+$", "a" * 40 + "b")
    assert not search("^[a-z0-9]+(-[a-z0-9]+)*$", "a-" * 5_000_000)


@pytest.mark.parametrize("pattern", ["(?<=a)b", "(a)\\1", "(?:a{1000}){1000}", 7])
def test_a_pattern_the_engine_cannot_run_is_refused(pattern: object) -> None:
    """Look-around, back-references, a pattern too large, one that is not a string: refused, never run by a
    backtracking engine."""
    with pytest.raises(UnsupportedPatternError):
        search(pattern, "ab")


def test_a_schema_with_such_a_pattern_is_reported() -> None:
    """schema_problems names the pattern it cannot run, as a json-schema-error at the value."""
    schema = {"type": "object", "properties": {"name": {"type": "string", "pattern": "(?<=a)b"}}}
    (problem,) = schema_problems("data/summit.json", '{"name": "ab"}', {"name": "ab"}, schema)
    assert (problem.code, problem.field) == ("json-schema-error", "/name")
    assert "cannot be matched in linear time" in problem.message


#: Objects whose keys and schemas exercise additionalProperties: known, pattern-matched and extra properties.
_KEYS = st.sampled_from(["a", "b", "ab", "ba", "x1", "1x", "", "aab"])
_OBJECTS = st.dictionaries(_KEYS, st.one_of(st.integers(0, 2), st.text(alphabet="ab", max_size=2)), max_size=6)
_ADDITIONAL = st.sampled_from([False, True, {"type": "integer"}, {"type": "string", "maxLength": 1}])


@given(
    instance=_OBJECTS,
    properties=st.lists(_KEYS, max_size=3),
    patterns=st.lists(st.sampled_from(["^a", "b$", "[0-9]", "^$"]), max_size=2, unique=True),
    additional=_ADDITIONAL,
)
def test_additional_properties_gives_jsonschemas_problems(
    instance: dict[str, Any], properties: list[str], patterns: list[str], additional: Any
) -> None:
    """Rust's engine weeds out the patternProperties, with jsonschema's messages at jsonschema's places."""
    schema = {
        "properties": {key: {} for key in properties},
        "patternProperties": {key: {} for key in patterns},
        "additionalProperties": additional,
    }

    def problems(validator_class: Any) -> list[tuple[str, str]]:
        return sorted((str(list(e.absolute_path)), e.message) for e in validator_class(schema).iter_errors(instance))

    assert problems(linear(jsonschema.Draft202012Validator)) == problems(jsonschema.Draft202012Validator)


def test_additional_properties_weeds_out_a_backtracking_pattern_at_once() -> None:
    """jsonschema's own took 9 s for 28 a's and a b, and doubled with each a."""
    schema = {"patternProperties": {"^(a+)+$": {}}, "additionalProperties": False}
    (error,) = linear(jsonschema.Draft202012Validator)(schema).iter_errors({"a" * 40 + "b": 1})
    assert error.message == f"{'a' * 40 + 'b'!r} does not match any of the regexes: '^(a+)+$'"


def test_extra_properties_are_walked_in_the_documents_order() -> None:
    """jsonschema walked them as a set, in an order that changed from run to run (and so did the first found)."""
    schema = {"additionalProperties": {"type": "string"}}
    errors = linear(jsonschema.Draft202012Validator)(schema).iter_errors({f"k{i}": i for i in range(50)})
    assert [error.path[0] for error in errors] == [f"k{i}" for i in range(50)]


def test_unevaluated_properties_is_reported_not_run() -> None:
    (error,) = linear(jsonschema.Draft202012Validator)({"unevaluatedProperties": False}).iter_errors({"x": 1})
    assert error.message == UNSUPPORTED_KEYWORD.format(keyword="unevaluatedProperties")
