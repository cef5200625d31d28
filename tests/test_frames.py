"""summitdata.frames() / Dataset.to_pandas(): typed DataFrames, dtypes from the Table Schemas."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys

import pandas as pd

import summitdata
from summitdata.descriptor import build_descriptor
from tests.conftest import ROOT, csv_rows

TABLES = [r for r in build_descriptor()["resources"] if r["type"] == "table"]


def test_every_column_has_the_dtype_its_table_schema_declares() -> None:
    """Text is `string` (even when empty), codes are categoricals of every allowed code, bounds are dates."""
    frames = summitdata.load(ROOT).to_pandas()
    assert list(frames) == [r["name"] for r in TABLES]
    for resource in TABLES:
        frame = frames[resource["name"]]
        assert list(frame.columns) == [f["name"] for f in resource["schema"]["fields"]]
        for field in resource["schema"]["fields"]:
            dtype = frame[field["name"]].dtype
            enum = field.get("constraints", {}).get("enum")
            if field["type"] == "date":
                assert dtype == "datetime64[s]", field["name"]
            elif enum is not None:
                assert isinstance(dtype, pd.CategoricalDtype)
                assert list(dtype.categories) == enum
            elif field["type"] == "integer":
                assert dtype == "Int64"
            else:
                assert dtype == pd.StringDtype(), (resource["name"], field["name"], dtype)


def test_the_values_are_the_csv_cells() -> None:
    """Every cell reads back as the CSV's text (bounds as ISO days); an empty cell is missing."""
    frames = summitdata.frames(summitdata.load(ROOT))
    for resource in TABLES:
        header, *rows = csv_rows(resource)
        frame = frames[resource["name"]]
        for column in header:
            values = frame[column].tolist()
            cells = [
                "" if pd.isna(v) else v.date().isoformat() if isinstance(v, pd.Timestamp) else str(v) for v in values
            ]
            assert cells == [row[header.index(column)] for row in rows], (resource["name"], column)


def test_a_month_is_an_interval_not_its_first_day() -> None:
    """The guidelines' signing "in June" is 2024-06 with bounds 1 and 30 June; filtering by date needs no parsing."""
    events = summitdata.frames()["events"]
    june = events[events["id"] == "guidelines-signing-as-reported"].iloc[0]
    assert june["start_date"] == "2024-06"
    assert (june["start_date_earliest"].date(), june["start_date_latest"].date()) == (
        dt.date(2024, 6, 1),
        dt.date(2024, 6, 30),
    )
    in_july = events[events["start_date_earliest"] >= pd.Timestamp("2024-07-01")]
    assert "guidelines-signing-as-reported" not in set(in_july["id"])


def test_importing_summitdata_does_not_import_pandas() -> None:
    """frames() imports pandas only when called: the runtime stays pydantic-only."""
    code = "import sys, summitdata; print('pandas' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_the_readme_pandas_example_runs_as_written() -> None:
    """The README's pandas block runs, and its filter keeps the June signing and drops the July summit."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (block,) = re.findall(r"\*\*pandas\.\*\*.*?```python\n(.*?)```", readme, re.S)
    scope: dict[str, object] = {"summitdata": summitdata}
    exec(compile(block, "README.md", "exec"), scope)  # the README's own example code
    events = scope["events"]
    assert isinstance(events, pd.DataFrame)
    before_july = set(events[events["start_date_latest"] < "2024-07-01"]["id"])
    assert "guidelines-signing-as-reported" in before_july
    assert "yoon-biden-summit-2024" not in before_july
