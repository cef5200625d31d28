"""Arrow columns as Python values: the same values as pyarrow's to_pylist, faster and smaller."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import edit_file

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


INT64 = st.integers(min_value=-(2**63), max_value=2**63 - 1)


@settings(deadline=None)
@given(st.lists(st.one_of(st.none(), st.text())), st.lists(INT64), st.lists(st.booleans()), st.binary())
def test_arrays_built_from_buffers_equal_pyarrows_conversion(
    texts: list[str | None], integers: list[int], truths: list[bool], data: bytes
) -> None:
    """strings, int64s, bools, constant, blob and scalar give what pa.array and pa.scalar give, type included."""
    import pyarrow as pa

    from summitdata._arrow import blob, bools, constant, int64s, scalar, strings

    assert strings(texts).equals(pa.array(texts, pa.string()))
    assert int64s(integers).equals(pa.array(integers, pa.int64()))
    assert bools(truths).equals(pa.array(truths, pa.bool_()))
    for value in (True, False):
        assert constant(value, len(truths)).equals(pa.array([value] * len(truths), pa.bool_()))
    assert blob(data).equals(pa.array([data], pa.large_binary()))
    for item in (*texts[:3], *integers[:3], *truths[:3]):
        if item is not None:
            assert scalar(item).equals(pa.scalar(item))
    assert scalar(None, pa.string()).equals(pa.scalar(None, pa.string()))


# Rows of a few columns with few distinct values, so combinations repeat; None is a value.
GROUP_ROWS = st.lists(st.tuples(*[st.sampled_from([None, "", "a", "b"])] * 3), min_size=1, max_size=60)


@settings(deadline=None)
@given(GROUP_ROWS, st.integers(min_value=1, max_value=3), st.booleans())
def test_group_codes_are_equal_exactly_where_rows_are(
    rows: list[tuple[str | None, ...]], width: int, encoded: bool
) -> None:
    """Two rows get one code iff they hold the same values (nulls included); first_rows gives each group's first."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from summitdata._arrow import first_rows, group_codes

    rows = [row[:width] for row in rows]
    columns = [pa.chunked_array([pa.array([row[i] for row in rows], pa.string())]) for i in range(width)]
    if encoded:  # the screen dictionary-encodes repetitive columns
        columns = [pc.dictionary_encode(column) for column in columns]
    codes = group_codes(columns).to_pylist()
    assert all((codes[i] == codes[j]) == (rows[i] == rows[j]) for i in range(len(rows)) for j in range(len(rows)))
    assert first_rows(pa.array(codes, pa.int64())).to_pylist() == [rows.index(row) for row in dict.fromkeys(rows)]


# A caller's process: the vectorized load and gate, every grouping path forced, on a valid copy
# and on one with a rejected row; pandas is installed but must stay unimported.
LIBRARY_RUN = """
import importlib.util, sys
from pathlib import Path
assert importlib.util.find_spec("pandas") is not None, "pandas is installed here"
import summitdata
from summitdata.validation.fast import _read, validate_fast
_read._SAMPLE_ROWS, _read._GROUP_ABOVE_SECONDS = 1, 0.0
valid, broken = Path(sys.argv[1]), Path(sys.argv[2])
summitdata.load(valid, engine="fast")
try:
    summitdata.load(broken, engine="fast")
except summitdata.LoadError:
    pass
print(validate_fast(valid).valid, validate_fast(broken).valid, "pyarrow" in sys.modules, "pandas" in sys.modules)
"""


def test_a_vectorized_load_and_gate_leave_a_callers_pandas_unimported(package_copy: Path, tmp_path: Path) -> None:
    """load(engine="fast") and the fast gate, in a library caller's process, never make pyarrow import pandas."""
    broken = tmp_path / "broken"
    shutil.copytree(package_copy, broken)
    # Both copies are foreign (edited), so both are screened; one cell of the broken one fails its model.
    edit_file(package_copy / "data/people.csv", lambda s: s.replace("Vipin Narang,,USA", "Vipin Narang,,IND", 1))
    edit_file(broken / "data/people.csv", lambda s: s.replace("Vipin Narang,,USA", "Vipin Narang,,XXX", 1))
    result = subprocess.run(
        [sys.executable, "-c", LIBRARY_RUN, str(package_copy), str(broken)], capture_output=True, text=True, check=True
    )
    # Neither passes the gate (the edit leaves the first one's generated files stale).
    assert result.stdout.split() == ["False", "False", "True", "False"]
