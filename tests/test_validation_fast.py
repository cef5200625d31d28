"""The vectorized engine reports exactly what the row-by-row gate reports, on valid and broken packages."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summitdata.csvio import to_csv
from summitdata.validation.fast import choose_engine, validate_fast
from summitdata.validation.package import validate_package

from .conftest import ROOT, edit_file

pytest.importorskip("pyarrow")

BENCH = ROOT / "bench"


def assert_same(root: Path) -> list[str]:
    expected = validate_package(root).problems
    actual = validate_fast(root).problems
    assert actual == expected
    return sorted({p.code for p in expected})


def set_cell(
    column: str, value: str, row: int = 0, where: Callable[[dict[str, str]], bool] | None = None
) -> Callable[[str], str]:
    """An edit that sets one cell of the ``row``-th data row (among those ``where`` selects)."""

    def change(text: str) -> str:
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
        chosen = [r for r in rows if where is None or where(r)]
        chosen[row][column] = value
        header = list(rows[0])
        return to_csv(header, [[r[h] for h in header] for r in rows])

    return change


def stated(row: dict[str, str]) -> bool:
    return row.get("basis") == "stated"


def web_page(row: dict[str, str]) -> bool:
    return row["kind"] == "web-page"


def test_real_package_is_valid_in_both_engines() -> None:
    assert assert_same(ROOT) == []


CELL_EDITS: list[tuple[str, Callable[[str], str], str]] = [
    ("people", set_cell("country", "XXX"), "constraint-error"),
    ("people", set_cell("name", ""), "required-error"),
    ("people", set_cell("id", "Bad_ID"), "constraint-error"),
    ("people", set_cell("id", "a" * 81), "constraint-error"),
    ("people", set_cell("name", " Joe"), "text-whitespace"),
    ("people", set_cell("name", "Jo\u200be"), "text-invisible-character"),
    ("people", set_cell("name", "=SUM(A1)"), "formula-risk"),
    ("people", set_cell("name", "Jose\u0301"), "text-not-nfc"),
    ("people", set_cell("name", "Jo\x07e"), "text-control-character"),
    ("workstreams", set_cell("position", "abc"), "type-error"),
    ("workstreams", set_cell("position", "0"), "constraint-error"),
    ("workstreams", set_cell("position", "-3"), "constraint-error"),
    ("workstreams", set_cell("position", "1.5"), "type-error"),
    # Over 18 digits an integer is not canonical (no 64-bit column holds it): a type error, not a value.
    ("workstreams", set_cell("position", "99999999999999999999999"), "type-error"),
    ("workstreams", set_cell("position", "05"), "type-error"),
    ("events", set_cell("start_date", "2023-02-30"), "constraint-error"),
    ("events", set_cell("start_date", "2023-13"), "constraint-error"),
    ("events", set_cell("start_date", "0000-01-01"), "constraint-error"),
    ("events", set_cell("end_date", "1999"), "row-rule-error"),
    ("organizations", set_cell("kind", "club"), "constraint-error"),
    ("statements", set_cell("basis", "external"), "row-rule-error"),
    ("participants", set_cell("organization_id", "nato"), "row-rule-error"),
    ("sources", set_cell("url", "ftp://example.org/x", where=web_page), "constraint-error"),
    ("sources", set_cell("url", "https://example.org/\u00a0x", where=web_page), "constraint-error"),
    ("sources", set_cell("sha256", "abc"), "constraint-error"),
    ("sources", set_cell("language", "english"), "constraint-error"),
    ("memberships", set_cell("person_id", "nobody"), "foreign-key-error"),
    ("statements", set_cell("event_id", "no-such-event"), "foreign-key-error"),
    ("fact_checks", set_cell("record_id", "nobody"), "fact-check-target"),
    ("fact_checks", set_cell("counterpart_id", "nobody"), "fact-check-target"),
    ("fact_checks", set_cell("field", "no_such_column"), "fact-check-target"),
    ("people", set_cell("quote", "words that are nowhere in the article", where=stated), "quote-not-found"),
    ("people", set_cell("source_id", "external-context", where=stated), "basis-source-mismatch"),
    ("organizations", set_cell("id", "south-korea", row=1, where=lambda r: r["id"] != "nato"), "primary-key-error"),
]


@pytest.mark.parametrize(("resource", "change", "code"), CELL_EDITS, ids=lambda v: v if isinstance(v, str) else "")
def test_cell_problems_match(package_copy: Path, resource: str, change: Callable[[str], str], code: str) -> None:
    edit_file(package_copy / "data" / f"{resource}.csv", change)
    assert code in assert_same(package_copy)


def _duplicate_first_row(text: str) -> str:
    lines = text.split("\n")
    return "\n".join([lines[0], lines[1], *lines[1:]])


def _nfkc_lookalike(text: str) -> str:
    lines = text.split("\n")
    return "\n".join([*lines[:-1], lines[1].replace("joe-biden", "joe-b\uff49den", 1), ""])


def _loose_quote(text: str) -> str:
    lines = text.split("\n")
    first = lines[1].split(",")
    first[1] = f'"{first[1]}"x'
    return "\n".join([lines[0], ",".join(first), *lines[2:]])


FILE_EDITS: list[tuple[str, Callable[[str], str], str]] = [
    ("people", _duplicate_first_row, "primary-key-error"),
    ("people", _nfkc_lookalike, "primary-key-error"),
    ("people", lambda t: t.replace("id,name", "id,full_name", 1), "header-error"),
    ("people", lambda t: t.replace("id,name,", "id,", 1), "header-error"),
    ("people", lambda t: "\ufeff" + t, "bom-error"),
    ("people", lambda t: t.replace("\n", "\r\n"), "line-ending-error"),
    ("people", lambda t: t.replace("Joe Biden", "Joe\0Biden", 1), "text-control-character"),
    ("people", lambda t: t + '"unterminated,quote\n', "csv-syntax-error"),
    ("people", _loose_quote, "csv-syntax-error"),
    ("people", lambda t: t.replace("\n", "\n\n", 2), "blank-row"),
    ("people", lambda t: t + "only,three,cells\n", "row-length-error"),
    ("people", lambda t: t.replace(",Joe Biden,", ',"Joe\nBiden",', 1), "text-control-character"),
    ("people", lambda t: t.split("\n", 1)[0] + "\n", "coverage-missing"),
    ("workstreams", lambda t: "\n".join(t.split("\n")[:-2]) + "\n", "coverage-missing"),
]


@pytest.mark.parametrize(("resource", "change", "code"), FILE_EDITS, ids=lambda v: v if isinstance(v, str) else "")
def test_file_problems_match(package_copy: Path, resource: str, change: Callable[[str], str], code: str) -> None:
    edit_file(package_copy / "data" / f"{resource}.csv", change)
    assert code in assert_same(package_copy)


def test_empty_file_matches(package_copy: Path) -> None:
    (package_copy / "data" / "people.csv").write_bytes(b"")
    assert "header-error" in assert_same(package_copy)


def test_undecodable_and_missing_files_match(package_copy: Path) -> None:
    path = package_copy / "data" / "people.csv"
    path.write_bytes(path.read_bytes().replace(b"Joe Biden", b"Joe \xff Biden", 1))
    (package_copy / "data" / "agreements.csv").unlink()
    codes = assert_same(package_copy)
    assert {"encoding-error", "file-missing"} <= set(codes)


def test_stale_generated_file_matches(package_copy: Path) -> None:
    edit_file(package_copy / "data" / "summit.json", lambda t: t.replace('"Joe Biden"', '"Joe  Biden"', 1))
    assert assert_same(package_copy) == ["generated-stale"]


def _generate(out: Path, rows: int, *options: str) -> Path:
    subprocess.run([sys.executable, str(BENCH / "generate.py"), str(out), "--rows", str(rows), *options], check=True)
    return out


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _generate(tmp_path_factory.mktemp("bench") / "package", 3000)


def test_synthetic_package_is_valid_and_current_in_both_engines(
    synthetic: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """bench/generate.py makes a valid package with every generated file current, also without the JSON shortcut."""
    from summitdata.validation import generated

    assert assert_same(synthetic) == []
    monkeypatch.setattr(generated, "TRUST_GENERATED", False)
    assert assert_same(synthetic) == []


def test_tables_only_synthetic_package_lacks_only_its_generated_files(tmp_path: Path) -> None:
    """--tables-only ships no generated files: valid without that layer, stale with it."""
    package = _generate(tmp_path / "package", 1000, "--tables-only")
    assert validate_fast(package, generated=False).problems == []
    assert assert_same(package) == ["generated-stale"]


def test_records_built_from_screened_columns_equal_validated_records(synthetic: Path) -> None:
    """The vectorized engine's records (built without validating again) equal summitdata.load()'s, field for field."""
    import summitdata
    from summitdata.resources import RESOURCES
    from summitdata.validation.fast._tables import read_table
    from summitdata.validation.problems import Problem

    loaded = summitdata.load(synthetic)
    for resource in RESOURCES:
        problems: list[Problem] = []
        records = read_table(synthetic, resource, problems, None).records()
        assert problems == []
        expected = list(loaded.tables[resource.name])
        assert [type(r) for r in records] == [type(r) for r in expected]
        assert [r.__dict__ for r in records] == [r.__dict__ for r in expected], resource.name


def _quote_every_cell(text: str) -> str:
    rows = list(csv.reader(io.StringIO(text, newline="")))
    out = io.StringIO(newline="")
    csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n").writerows(rows)
    return out.getvalue()


# Each table rewritten so that its empty cells reach the engine another way, and whether pyarrow then reads it.
EMPTY_CELL_SPELLINGS: dict[str, tuple[Callable[[str], str], bool]] = {
    "quoted": (_quote_every_cell, True),  # every empty cell written ""
    "crlf": (lambda text: text.replace("\n", "\r\n"), False),  # not plain: read row by row
}


@pytest.mark.parametrize("spelling", sorted(EMPTY_CELL_SPELLINGS))
def test_empty_cells_are_none_in_records_however_spelled(package_copy: Path, spelling: str) -> None:
    """An empty cell, quoted or in a file read row by row, is None in the fast engine's records, as in load()'s."""
    import summitdata
    from summitdata.resources import RESOURCES
    from summitdata.validation.fast._tables import read_table
    from summitdata.validation.problems import Problem

    rewrite, vectorized = EMPTY_CELL_SPELLINGS[spelling]
    expected = summitdata.load(ROOT)
    for resource in RESOURCES:
        edit_file(package_copy / resource.path, rewrite)
    empty = 0
    for resource in RESOURCES:
        problems: list[Problem] = []
        state = read_table(package_copy, resource, problems, None)
        assert (state.loaded is None) == vectorized, resource.name  # the path the spelling is meant to take
        records = state.records()
        assert [r.__dict__ for r in records] == [r.__dict__ for r in expected.tables[resource.name]], resource.name
        empty += sum(value is None for record in records for value in record.__dict__.values())
    assert empty > 100  # the real data has empty cells for the rewrite to spell


def test_synthetic_package_with_injected_errors(synthetic: Path, tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "broken"
    shutil.copytree(synthetic, root)
    edit_file(root / "data" / "fact_checks.csv", set_cell("record_id", "nobody", row=500))
    edit_file(root / "data" / "statements.csv", set_cell("speaker_person_id", "ghost", row=200))
    edit_file(root / "data" / "events.csv", set_cell("start_date", "2024-02-30", row=100))
    edit_file(root / "data" / "people.csv", set_cell("id", "joe-biden", row=50))
    edit_file(root / "data" / "organizations.csv", set_cell("quote", "not the article's words", row=5, where=stated))
    codes = assert_same(root)
    assert {"fact-check-target", "foreign-key-error", "constraint-error", "primary-key-error"} <= set(codes)
    assert "quote-not-found" in codes


def test_choose_engine(synthetic: Path) -> None:
    assert choose_engine(ROOT) == "rows"
    assert choose_engine(synthetic) in {"rows", "fast"}


def test_import_summitdata_does_not_import_pyarrow() -> None:
    code = "import sys, summitdata; summitdata.load(); print('pyarrow' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def one_row_per_line(text: str) -> bool:
    """What the vectorized reader needs, asked of the row engine's parser: the text parses, with no blank row,
    no CR, and each row on a line of its own (so splitting at line ends gives the same rows)."""
    from summitdata.csvio import CsvSyntaxError, iter_rows

    if "\r" in text or "\n\n" in text or text.startswith("\n"):
        return False
    try:
        starts = [row.line for row in iter_rows(text)]
    except CsvSyntaxError:
        return False
    return starts == list(range(1, len(text.removesuffix("\n").split("\n")) + 1)) if text else starts == []


@settings(deadline=None)  # the first example pays for importing pyarrow.compute
@given(st.text(alphabet='ab",\n ”\r', max_size=40))
def test_scan_finds_a_file_plain_exactly_when_the_row_engine_reads_one_row_per_line(text: str) -> None:
    """_read.scan clears a file exactly when the row engine's parser reads it one row per line (no blank row, CR)."""
    from summitdata.validation.fast._read import scan

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "table.csv"
        path.write_bytes(text.encode("utf-8"))
        assert scan(path) == one_row_per_line(text)


def test_jemalloc_is_not_chosen_under_an_address_space_cap() -> None:
    """Under `ulimit -v` pyarrow keeps its default pool: jemalloc's large reservations fail or crash there."""
    probe = (
        "import resource, pyarrow as pa; "
        "resource.setrlimit(resource.RLIMIT_AS, (8 * 1024**3, 8 * 1024**3)); "
        "from summitdata.validation.fast import _release_memory_promptly; _release_memory_promptly(); "
        "print(pa.default_memory_pool().backend_name)"
    )
    default = subprocess.run(
        [sys.executable, "-c", "import pyarrow as pa; print(pa.default_memory_pool().backend_name)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout == default
    assert default.strip() != "jemalloc"
