"""summitdata.validation.patterns: JSON Schema patterns matched in linear time, as Python's re matches them."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from summitdata.validation.documents import schema_problems
from summitdata.validation.patterns import UnsupportedPatternError, search
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
