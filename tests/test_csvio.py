"""summitdata.csvio: the strict RFC 4180 record pattern."""

from __future__ import annotations

import re
import sys
import tracemalloc

import pytest
from hypothesis import given
from hypothesis import strategies as st

from summitdata.csvio import STRICT_RECORD_PATTERN

#: The definition, written plainly (one character or a doubled quote at a time inside quotes).
_FIELD = r'(?:"(?:[^"]|"")*"|[^",\n]*)'
REFERENCE = re.compile(rf"{_FIELD}(?:,{_FIELD})*\n?")
STRICT_RECORD = re.compile(STRICT_RECORD_PATTERN)


@given(st.text(alphabet='ab",\n ”', max_size=30))
def test_the_unrolled_record_pattern_accepts_exactly_what_the_definition_accepts(record: str) -> None:
    """Any record of quotes, commas, line ends and text: the same verdict as the plain definition."""
    assert (STRICT_RECORD.fullmatch(record) is None) == (REFERENCE.fullmatch(record) is None)


def test_a_long_unbalanced_quoted_cell_is_refused_in_one_pass() -> None:
    """A million-character cell with a stray quote is refused (linear: no backtracking to time out)."""
    assert STRICT_RECORD.fullmatch('"' + "a" * 1_000_000 + '"x') is None


@pytest.mark.skipif(sys.version_info < (3, 11), reason="possessive repeats exist from Python 3.11 (summitdata._regex)")
def test_a_cell_of_five_million_doubled_quotes_is_matched_in_bounded_memory() -> None:
    """A 10 MB quoted cell of doubled quotes: matched holding no backtracking state per quote (730 MB before)."""
    record = 'a,"' + '""' * 5_000_000 + '",b\n'
    tracemalloc.start()
    try:
        assert STRICT_RECORD.fullmatch(record) is not None
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1_000_000
