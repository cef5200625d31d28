"""Arrow columns as Python values: the same values as pyarrow's to_pylist, faster and smaller."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("pyarrow")


# Cells as the screen meets them: few distinct values (so columns get dictionary-encoded), nulls, any text.
CELLS = st.lists(st.one_of(st.none(), st.sampled_from(["", "a", "contradicted", "é\u2028"]), st.text()), max_size=40)


# No deadline: the first example pays for importing pyarrow.compute.
@settings(deadline=None)
@given(st.lists(CELLS, min_size=1, max_size=4))
def test_pylist_gives_to_pylists_values_for_plain_and_dictionary_columns(chunks: list[list[str | None]]) -> None:
    """pylist (and pyrows) equal pyarrow's to_pylist, chunked or not, dictionary-encoded or not."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from summitdata._arrow import pylist, pyrows

    plain = pa.chunked_array([pa.array(chunk, pa.string()) for chunk in chunks], pa.string())
    encoded = pc.dictionary_encode(plain)
    assert pa.types.is_dictionary(encoded.type)
    expected = plain.to_pylist()
    for column in (plain, encoded, plain.combine_chunks(), encoded.combine_chunks()):
        assert pylist(column) == expected
    table = pa.table({"plain": plain, "encoded": encoded})
    assert pyrows(table) == table.to_pylist()


def test_pylist_shares_one_string_per_distinct_value() -> None:
    """A dictionary-encoded column's rows share the string of their value (records of a large table stay small)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from summitdata._arrow import pylist

    values = pylist(pc.dictionary_encode(pa.array(["contradicted", "supported"] * 500)))
    assert len({id(value) for value in values}) == 2
