"""Real clients: the official frictionless CLI and the jsonschema library accept the package."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from summitdata.loader import cells_to_values
from summitdata.resources import RESOURCES, Resource
from tests.conftest import ROOT, edit_file

FRICTIONLESS = shutil.which("frictionless") or str(Path(sys.executable).parent / "frictionless")


def frictionless_validate(package: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [FRICTIONLESS, "validate", "--type", "package", "--json", "datapackage.json"],
        capture_output=True,
        text=True,
        cwd=package,
        timeout=300,
        check=False,
    )


@pytest.mark.slow
def test_the_official_frictionless_cli_reports_the_package_valid() -> None:
    result = frictionless_validate(ROOT)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    report = json.loads(result.stdout)
    assert report["valid"] is True
    assert {task["name"] for task in report["tasks"]} >= {r.name for r in RESOURCES} | {
        "article",
        "summit",
    }


@pytest.mark.slow
def test_frictionless_also_rejects_a_break_the_gate_rejects(package_copy: Path) -> None:
    edit_file(
        package_copy / "data/memberships.csv",
        lambda s: s.replace("cho-ncg-co-head,cho-chang-rae", "cho-ncg-co-head,cho-chang-ra"),
    )
    result = frictionless_validate(package_copy)
    assert result.returncode != 0
    assert "foreign-key" in result.stdout


def _validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((ROOT / "schemas" / name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize("resource", RESOURCES, ids=[r.name for r in RESOURCES])
def test_every_row_is_valid_against_its_generated_json_schema(resource: Resource) -> None:
    validator = _validator(f"{resource.name}.schema.json")
    with (ROOT / resource.path).open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        rows: list[dict[str, Any]] = [cells_to_values(resource, header, cells) for cells in reader]
    assert rows
    for row in rows:
        validator.validate(row)


def test_the_nested_json_is_valid_against_its_schema() -> None:
    document = json.loads((ROOT / "data/summit.json").read_text(encoding="utf-8"))
    _validator("summit.schema.json").validate(document)
    assert document["version"] == json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))["version"]
