"""summitdata export parquet: pyarrow and DuckDB read every file back equal to the CSVs, typed from the schemas."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import summitdata
from summitdata.descriptor import build_descriptor
from summitdata.export import export
from tests.conftest import ROOT, as_text, csv_rows

TABLES = [r for r in build_descriptor()["resources"] if r["type"] == "table"]
ARROW_TYPES = {
    "string": pa.string(),
    "integer": pa.int64(),
    "number": pa.float64(),
    "boolean": pa.bool_(),
    "date": pa.date32(),
}


@pytest.fixture(scope="module")
def directory(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("parquet") / "summitdata-parquet"
    export("parquet", summitdata.load(ROOT), out)
    return out


def test_there_is_one_file_per_table(directory: Path) -> None:
    assert sorted(p.name for p in directory.iterdir()) == sorted(f"{r['name']}.parquet" for r in TABLES)


@pytest.mark.parametrize("resource", TABLES, ids=[r["name"] for r in TABLES])
def test_pyarrow_reads_every_file_back_equal_to_its_csv(directory: Path, resource: dict[str, Any]) -> None:
    table = pq.read_table(directory / f"{resource['name']}.parquet")
    header, *rows = csv_rows(resource)
    assert table.column_names == header
    assert [[as_text(row[c]) for c in header] for row in table.to_pylist()] == rows


@pytest.mark.parametrize("resource", TABLES, ids=[r["name"] for r in TABLES])
def test_duckdb_reads_every_file_back_equal_to_its_csv(directory: Path, resource: dict[str, Any]) -> None:
    header, *rows = csv_rows(resource)
    with duckdb.connect() as connection:
        result = connection.execute(
            # file_row_number keeps the file's order, which SQL alone does not promise.
            "SELECT * EXCLUDE (file_row_number) FROM read_parquet(?, file_row_number = true) ORDER BY file_row_number",
            [str(directory / f"{resource['name']}.parquet")],
        )
        assert [d[0] for d in result.description] == header
        assert [[as_text(v) for v in row] for row in result.fetchall()] == rows


@pytest.mark.parametrize("resource", TABLES, ids=[r["name"] for r in TABLES])
def test_arrow_types_nullability_and_descriptions_follow_the_table_schema(
    directory: Path, resource: dict[str, Any]
) -> None:
    schema = pq.read_schema(directory / f"{resource['name']}.parquet")
    for field in resource["schema"]["fields"]:
        arrow = schema.field(field["name"])
        assert arrow.type == ARROW_TYPES[field["type"]]
        assert arrow.nullable == (not field.get("constraints", {}).get("required", False))
        assert arrow.metadata is not None
        assert arrow.metadata[b"description"].decode("utf-8") == field["description"]


def test_each_file_carries_the_package_metadata_and_its_descriptor_entry(directory: Path) -> None:
    descriptor = build_descriptor()
    for resource in TABLES:
        metadata = pq.read_schema(directory / f"{resource['name']}.parquet").metadata
        package = json.loads(metadata[b"summitdata"])
        assert package["version"] == descriptor["version"]
        assert package["licenses"] == descriptor["licenses"]
        assert package["resource"] == resource
        assert metadata[b"description"].decode("utf-8") == resource["description"]


def test_duckdb_types_the_integer_column_as_a_number(directory: Path) -> None:
    with duckdb.connect() as connection:
        total = connection.execute(
            "SELECT sum(position) FROM read_parquet(?)", [str(directory / "workstreams.parquet")]
        ).fetchone()
    workstreams = csv_rows(next(r for r in TABLES if r["name"] == "workstreams"))
    column = workstreams[0].index("position")
    assert total == (sum(int(row[column]) for row in workstreams[1:]),)


def test_duckdb_filters_and_sorts_by_the_date_bounds_without_parsing(directory: Path) -> None:
    """The bounds are DATE in DuckDB: the June signing sorts before July and a date filter needs no parsing."""
    import datetime as dt

    with duckdb.connect() as connection:
        rows = connection.execute(
            "SELECT id, start_date, start_date_earliest, start_date_latest FROM read_parquet(?) "
            "WHERE start_date_latest < DATE '2024-07-01' AND start_date_earliest >= DATE '2024-06-01' "
            "ORDER BY start_date_earliest, id",
            [str(directory / "events.parquet")],
        ).fetchall()
    assert ("guidelines-signing-as-reported", "2024-06", dt.date(2024, 6, 1), dt.date(2024, 6, 30)) in rows
    assert all(isinstance(row[2], dt.date) for row in rows)
