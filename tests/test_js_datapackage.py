"""npm `datapackage` (tableschema-js), a Data Package v1 reader, in strict mode reads every table with its types.

tests/js/read_datapackage.js loads datapackage.json strictly and reads each table with casting and
foreign keys resolved (relations), then reports what JavaScript type each column came back as.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from summitdata.descriptor import build_descriptor
from summitdata.resources import RESOURCES
from tests import node
from tests.conftest import ROOT

pytestmark = pytest.mark.slow

#: The JavaScript type each Table Schema type is read as (a resolved foreign key is its target row: an object).
JS_TYPES = {"string": "string", "integer": "number", "date": "date"}


def read(package: Path) -> tuple[int, dict[str, Any]]:
    result = node.run(node.require(node.NODE_MODULES / "datapackage"), str(node.READ_DATAPACKAGE), str(package))
    try:
        return result.returncode, json.loads(result.stdout)
    except ValueError:
        pytest.fail(f"no JSON report (exit {result.returncode}): {result.stderr[-2000:]}")


def test_strict_mode_reads_every_table_with_its_types_and_foreign_keys() -> None:
    """Every table is tabular, has all its rows, and each column comes back as its declared type."""
    code, report = read(ROOT)
    assert (code, report["errors"]) == (0, [])
    assert set(report["tables"]) == {r.name for r in RESOURCES}
    descriptor = build_descriptor()
    for resource in RESOURCES:
        table = report["tables"][resource.name]
        lines = (ROOT / resource.path).read_text(encoding="utf-8").count("\n") - 1
        assert table["rows"] == lines
        schema = next(r["schema"] for r in descriptor["resources"] if r["name"] == resource.name)
        keys = {key["fields"][0] for key in schema.get("foreignKeys", [])}
        for field in schema["fields"]:
            seen = table["types"][field["name"]]
            assert seen["declared"] == field["type"]
            expected = "object" if field["name"] in keys else JS_TYPES[field["type"]]
            assert seen["read"] in ([], [expected]), (resource.name, field["name"], seen)
    assert report["tables"]["events"]["types"]["start_date_earliest"]["read"] == ["date"]


def test_strict_mode_rejects_a_dangling_foreign_key_and_an_impossible_bound(package_copy: Path) -> None:
    """The reader agrees with the gate on a broken reference and on 31 June in a date column."""
    memberships = package_copy / "data/memberships.csv"
    memberships.write_text(
        memberships.read_text(encoding="utf-8").replace(
            "cho-ncg-co-head,cho-chang-rae", "cho-ncg-co-head,cho-chang-ra"
        ),
        encoding="utf-8",
    )
    events = package_copy / "data/events.csv"
    events.write_text(
        events.read_text(encoding="utf-8").replace("2024-06,2024-06-01,2024-06-30,", "2024-06,2024-06-01,2024-06-31,"),
        encoding="utf-8",
    )
    code, report = read(package_copy)
    assert code == 1
    errors = "\n".join(report["errors"])
    # Tables referencing events fail too: the reader cannot resolve keys into a table it cannot read.
    assert 'memberships: Foreign key "person_id" violation' in errors
    assert 'The value "2024-06-31" in column "start_date_latest" is not type "date"' in errors
