"""The text rules' fast screen (fields._clean) clears only values the rules themselves pass."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from summitdata._unicode_ranges import RANGES
from summitdata.fields import _clean, _compiled, check_text

#: One character from each end of every range the rules name, each alone, inside text and at both ends.
EDGE_CHARACTERS = sorted({chr(code) for ranges in RANGES.values() for a, b in ranges for code in (a, b)})
PLAIN = "Yoon Suk-yeol said “the NCG” — 윤석열"


def _rules_pass(value: str) -> bool:
    """The definition: no text rule matches and the value is NFC."""
    return all(regex.search(value) is None for _, regex in _compiled()) and unicodedata.is_normalized("NFC", value)


@given(st.text(alphabet=st.characters(codec=None, exclude_categories=["Cs"]), max_size=40))
def test_a_value_the_screen_clears_passes_every_text_rule(value: str) -> None:
    """Any Unicode text: the screen never clears what a rule would reject."""
    if _clean(value):
        assert _rules_pass(value)


@pytest.mark.parametrize("char", EDGE_CHARACTERS, ids=lambda c: f"U+{ord(c):04X}")
def test_every_range_edge_is_judged_as_the_rules_judge_it(char: str) -> None:
    """A character at the edge of a rule's range, alone, inside and around plain text, is never cleared wrongly."""
    for value in (char, f"{PLAIN}{char}{PLAIN}", f"{char}{PLAIN}", f"{PLAIN}{char}"):
        assert not _clean(value) or _rules_pass(value)


def test_plain_text_is_cleared_and_returned_unchanged() -> None:
    """Hangul, curly quotes and dashes pass the screen itself, not only the rules."""
    assert _clean(PLAIN)
    assert check_text(PLAIN) == PLAIN
