"""Dates every tool can use: the typed bounds read as dates everywhere, and every validator rejects a wrong date.

The wrong dates are the issue's: an impossible day (2023-02-30, 2024-06-31), a month 13, a month without
its zero (2024-6), a month where a day belongs, and a bound column edited by hand. Each tool is asked the
question it can answer, and must give the gate's answer: JSON Schema validators (ajv-cli in strict mode,
check-jsonschema, Python jsonschema) on data/summit.json; pandas, pyarrow and DuckDB reading the bound
columns with their declared type; Frictionless on the CSVs (also in tests/test_gate_frictionless.py).
A bound that is a real day but not the one its date means is a cross-column fact no single-column tool
can check: only the gate (and `summitdata generate`) can, which the last tests pin down.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb
import jsonschema
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pytest

import summitdata
from summitdata.bounds import fill_bounds
from summitdata.dates import bounds
from summitdata.resources import RESOURCES
from summitdata.validation import validate_package
from tests import node
from tests.conftest import ROOT

CHECK_JSONSCHEMA = shutil.which("check-jsonschema") or str(Path(sys.executable).parent / "check-jsonschema")

#: (pointer in data/summit.json, wrong value): a partial date and a typed bound, each wrong in every way.
WRONG_JSON_DATES = [
    ("/events/0/start_date", "2023-02-30"),
    ("/events/0/start_date", "2024-13"),
    ("/events/0/start_date", "2024-6"),
    ("/events/0/start_date", "0000"),
    ("/events/0/start_date_earliest", "2023-02-30"),
    ("/events/0/start_date_earliest", "2024-06-31"),
    ("/events/0/start_date_earliest", "2024-06"),
    ("/events/0/start_date_earliest", "2024-6-01"),
    ("/events/0/start_date_earliest", "20240601"),
]
IDS = [f"{pointer.rsplit('/', 1)[1]}={value}" for pointer, value in WRONG_JSON_DATES]

#: Typed bounds that are not calendar days, each written into a bound cell of events.csv.
WRONG_BOUNDS = ["2023-02-30", "2024-06-31", "2024-13-01", "2024-06"]


def _set(document: Any, pointer: str, value: str) -> None:
    *parents, last = pointer.strip("/").split("/")
    for part in parents:
        document = document[int(part)] if isinstance(document, list) else document[part]
    document[last] = value


@pytest.fixture(scope="module")
def wrong_documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each wrong date written into a copy of data/summit.json (the rest untouched)."""
    folder = tmp_path_factory.mktemp("wrong-json")
    original = json.loads((ROOT / "data/summit.json").read_text(encoding="utf-8"))
    paths: dict[str, Path] = {}
    for name, (pointer, value) in zip(IDS, WRONG_JSON_DATES, strict=True):
        document = json.loads(json.dumps(original))
        _set(document, pointer, value)
        path = folder / f"{len(paths)}.json"
        path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        paths[name] = path
    return paths


def _python_jsonschema_errors(path: Path) -> list[str]:
    schema = json.loads((ROOT / "schemas/summit.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    return [error.message for error in validator.iter_errors(json.loads(path.read_text(encoding="utf-8")))]


def _check_jsonschema(*documents: Path) -> subprocess.CompletedProcess[str]:
    # Its defaults check every format. Proxies pointing at a closed port: a fetch would fail, so none happens.
    closed = "http://127.0.0.1:9"
    env = {**os.environ, **dict.fromkeys(("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"), closed)}
    return subprocess.run(
        [CHECK_JSONSCHEMA, "--schemafile", str(ROOT / "schemas/summit.schema.json"), *map(str, documents)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env=env,
    )


def test_python_jsonschema_with_format_checking_accepts_the_real_document() -> None:
    """jsonschema (formats on) finds nothing wrong in data/summit.json."""
    assert _python_jsonschema_errors(ROOT / "data/summit.json") == []


@pytest.mark.parametrize("name", IDS)
def test_python_jsonschema_rejects_every_wrong_date(wrong_documents: dict[str, Path], name: str) -> None:
    """jsonschema (formats on) rejects each wrong date in the nested document."""
    assert _python_jsonschema_errors(wrong_documents[name]) != []


@pytest.mark.slow
def test_check_jsonschema_accepts_the_real_document_and_rejects_every_wrong_date(
    wrong_documents: dict[str, Path],
) -> None:
    """check-jsonschema (its defaults: formats on, ECMAScript regexes) agrees with the gate on every document."""
    good = _check_jsonschema(ROOT / "data/summit.json")
    assert good.returncode == 0, good.stdout + good.stderr
    for name, path in wrong_documents.items():
        result = _check_jsonschema(path)
        assert result.returncode == 1, (name, result.stdout + result.stderr)


@pytest.mark.slow
def test_ajv_strict_compiles_every_schema() -> None:
    """ajv-cli, strict by default, compiles every schema in schemas/ with only ajv-formats: no custom format."""
    schemas = sorted((ROOT / "schemas").glob("*.schema.json"))
    assert len(schemas) == len(RESOURCES) + 1
    for schema in schemas:
        result = node.ajv("compile", "-s", str(schema), "--strict=true")
        assert result.returncode == 0, (schema.name, result.stdout + result.stderr)


@pytest.mark.slow
def test_ajv_strict_accepts_the_real_document_and_rejects_every_wrong_date(wrong_documents: dict[str, Path]) -> None:
    """ajv-cli (strict, formats from ajv-formats) validates data/summit.json and rejects each wrong date."""
    schema = str(ROOT / "schemas/summit.schema.json")
    good = node.ajv("validate", "-s", schema, "-d", str(ROOT / "data/summit.json"), "--strict=true")
    assert good.returncode == 0, good.stdout + good.stderr
    for name, path in wrong_documents.items():
        result = node.ajv("validate", "-s", schema, "-d", str(path), "--strict=true")
        assert result.returncode != 0, (name, result.stdout + result.stderr)
        assert "invalid" in result.stderr + result.stdout, name


@pytest.mark.slow
def test_the_gate_rejects_every_wrong_date_in_the_nested_document(
    wrong_documents: dict[str, Path], package_copy: Path
) -> None:
    """The gate says what the JSON Schema validators say: each wrong date is a json-schema-error."""
    for name, path in wrong_documents.items():
        shutil.copyfile(path, package_copy / "data/summit.json")
        codes = {p.code for p in validate_package(package_copy).problems}
        assert "json-schema-error" in codes, (name, codes)


# --- the typed readers -------------------------------------------------------------------------


def _bound_columns() -> dict[str, list[str]]:
    return {r.name: list(r.model.date_bounds()) for r in RESOURCES if r.model.date_bounds()}


@pytest.mark.parametrize("resource", sorted(_bound_columns()))
def test_pandas_pyarrow_and_duckdb_read_every_bound_as_a_date(resource: str) -> None:
    """The real CSVs: each tool, told the column is a date, reads every bound as that calendar day."""
    path = ROOT / "data" / f"{resource}.csv"
    columns = _bound_columns()[resource]
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    for column in columns:
        parsed = pd.to_datetime(frame[column].replace("", None), format="%Y-%m-%d", errors="raise")
        assert [None if pd.isna(v) else v.date() for v in parsed] == [
            None if v == "" else dt.date.fromisoformat(v) for v in frame[column]
        ]
    table = pacsv.read_csv(path, convert_options=pacsv.ConvertOptions(column_types=dict.fromkeys(columns, pa.date32())))
    records = summitdata.load(ROOT).tables[resource]
    for column in columns:
        assert table.column(column).to_pylist() == [getattr(r, column) for r in records]
    types = ", ".join(f"'{c}': 'DATE'" for c in columns)
    with duckdb.connect() as connection:
        rows = connection.execute(
            f"SELECT {', '.join(columns)} FROM read_csv(?, header = true, types = {{{types}}})", [str(path)]
        ).fetchall()
    assert rows == [tuple(getattr(r, c) for c in columns) for r in records]


def _with_bound(value: str) -> str:
    """events.csv with the first event's start_date_earliest replaced by ``value``."""
    header, first, rest = (ROOT / "data/events.csv").read_text(encoding="utf-8").split("\n", 2)
    cells = first.split(",")
    cells[header.split(",").index("start_date_earliest")] = value
    return "\n".join([header, ",".join(cells), rest])


@pytest.mark.parametrize("value", WRONG_BOUNDS)
def test_typed_readers_and_the_gate_reject_a_bound_that_is_no_calendar_day(value: str, package_copy: Path) -> None:
    """pandas, pyarrow and DuckDB, reading the bound as a date, fail where the gate reports the cell."""
    text = _with_bound(value)
    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    with pytest.raises(ValueError, match=r"out of range|match format|unconverted data"):
        pd.to_datetime(frame["start_date_earliest"].replace("", None), format="%Y-%m-%d", errors="raise")
    with pytest.raises(pa.ArrowInvalid):
        pacsv.read_csv(
            io.BytesIO(text.encode("utf-8")),
            convert_options=pacsv.ConvertOptions(column_types={"start_date_earliest": pa.date32()}),
        )
    (package_copy / "data/events.csv").write_text(text, encoding="utf-8")
    with duckdb.connect() as connection, pytest.raises(duckdb.Error):
        connection.execute(
            "SELECT * FROM read_csv(?, header = true, types = {'start_date_earliest': 'DATE'})",
            [str(package_copy / "data/events.csv")],
        ).fetchall()
    problems = validate_package(package_copy).problems
    assert [(p.code, p.line, p.field) for p in problems] == [("constraint-error", 2, "events.start_date_earliest")]


# --- the one check only the gate can make --------------------------------------------------------


def test_a_hand_edited_bound_is_reported_and_generate_restores_it(package_copy: Path) -> None:
    """A real day that is not the one its date means: date-bound-stale, in both engines; generate rewrites it."""
    pytest.importorskip("pyarrow")
    original = (ROOT / "data/events.csv").read_text(encoding="utf-8")
    (package_copy / "data/events.csv").write_text(_with_bound("2023-04-25"), encoding="utf-8")
    for engine in ("rows", "fast"):
        report = validate_package(package_copy) if engine == "rows" else _fast(package_copy)
        assert [(p.code, p.line, p.field, p.hint) for p in report.problems] == [
            (
                "date-bound-stale",
                2,
                "events.start_date_earliest",
                "run `summitdata generate`, which rewrites start_date_earliest from start_date",
            )
        ], engine
    assert fill_bounds(package_copy) == ["data/events.csv"]
    assert (package_copy / "data/events.csv").read_text(encoding="utf-8") == original


def _fast(package: Path) -> Any:
    from summitdata.validation.fast import validate_fast

    return validate_fast(package)


@pytest.mark.parametrize(
    "dropped", [("date_earliest", "date_latest"), ("date_earliest", "date_latest", "date_qualifier")]
)
def test_generate_adds_missing_bound_columns_and_keeps_every_other_byte(
    package_copy: Path, dropped: tuple[str, ...]
) -> None:
    """A table from before the bounds (or one side of a merge): generate inserts them; other cells stay as they are."""
    original = (ROOT / "data/agreements.csv").read_text(encoding="utf-8")
    rows = [line.split(",") for line in original.split("\n")[:1]]
    drop = [rows[0].index(name) for name in dropped]

    def without_bounds(line: str) -> str:
        import csv

        cells = next(csv.reader([line]))
        kept = [c for i, c in enumerate(cells) if i not in drop]
        out = io.StringIO()
        csv.writer(out, lineterminator="").writerow(kept)
        return out.getvalue()

    stripped = "\n".join(without_bounds(line) for line in original.rstrip("\n").split("\n")) + "\n"
    (package_copy / "data/agreements.csv").write_text(stripped, encoding="utf-8")
    assert fill_bounds(package_copy) == ["data/agreements.csv"]
    assert (package_copy / "data/agreements.csv").read_text(encoding="utf-8") == original


def test_the_bounds_in_the_data_are_the_ones_dates_bounds_derives() -> None:
    """One definition: every loaded bound equals summitdata.dates.bounds of its date and qualifier."""
    ds = summitdata.load(ROOT)
    checked = 0
    for resource in RESOURCES:
        qualifier = resource.model.date_qualifier_field()
        for record in ds.tables[resource.name]:
            for column, bound in resource.model.date_bounds().items():
                first, last = bounds(getattr(record, bound.of), getattr(record, qualifier) if qualifier else None)
                assert getattr(record, column) == (first if bound.side == "earliest" else last)
                checked += 1
    assert checked > 100


def test_the_calendar_exact_pattern_is_a_restatement_not_a_tightening() -> None:
    """summitdata diff: the old shape-only date pattern → the calendar-exact one is metadata (patch), no more."""
    from summitdata.dates import LEGACY_PARTIAL_DATE_PATTERN, PARTIAL_DATE_PATTERN
    from summitdata.schemadiff import _constraint_kind

    assert _constraint_kind("pattern", LEGACY_PARTIAL_DATE_PATTERN, PARTIAL_DATE_PATTERN) == "metadata-changed"
    assert _constraint_kind("pattern", PARTIAL_DATE_PATTERN, LEGACY_PARTIAL_DATE_PATTERN) == "constraint-tightened"
    assert _constraint_kind("pattern", LEGACY_PARTIAL_DATE_PATTERN, "^[0-9]{4}$") == "constraint-tightened"
