"""summitdata export xlsx: openpyxl reads every sheet back equal to the CSVs; text stays text; bounds are dates."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

import summitdata
from summitdata.dates import PARTIAL_DATE_PATTERN
from summitdata.descriptor import build_descriptor
from summitdata.export import export
from summitdata.export._tables import ExportTable, citation, no_progress
from summitdata.export.xlsx import README_SHEET, write_workbook
from tests.conftest import ROOT, csv_rows

TABLES = [r for r in build_descriptor()["resources"] if r["type"] == "table"]
#: Text Excel would otherwise take for a formula, an error, a number or a date.
TRICKY_TEXT = [
    "=1+1",
    '=HYPERLINK("http://example.com","x")',
    "+82 2 710 0114",
    "-5",
    "@SUM(A1:A2)",
    "#N/A",
    "0012",
    "1e3",
]


def cell_text(cell: Any) -> str:
    """What the CSV holds for a cell: a typed date back to ISO (YYYY-MM-DD)."""
    if cell.value is None:
        return ""
    if isinstance(cell.value, dt.datetime):
        assert cell.number_format == "yyyy-mm-dd"
        return cell.value.strftime("%Y-%m-%d")
    return str(cell.value)


def is_date(field: dict[str, Any]) -> bool:
    return bool(field.get("constraints", {}).get("pattern") == PARTIAL_DATE_PATTERN)


def sheet(workbook: openpyxl.Workbook, name: str) -> Worksheet:
    ws = workbook[name]
    assert isinstance(ws, Worksheet)
    return ws


@pytest.fixture(scope="module")
def workbook_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("xlsx") / "summitdata.xlsx"
    export("xlsx", summitdata.load(ROOT), out)
    return out


@pytest.fixture(scope="module")
def workbook(workbook_path: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(workbook_path)


def test_the_workbook_has_a_readme_then_one_sheet_per_table(workbook: openpyxl.Workbook) -> None:
    assert workbook.sheetnames == [README_SHEET, *(r["name"] for r in TABLES)]


@pytest.mark.parametrize("resource", TABLES, ids=[r["name"] for r in TABLES])
def test_every_sheet_reads_back_equal_to_its_csv(workbook: openpyxl.Workbook, resource: dict[str, Any]) -> None:
    ws = sheet(workbook, resource["name"])
    assert [[cell_text(c) for c in row] for row in ws.iter_rows()] == csv_rows(resource)


@pytest.mark.parametrize("resource", TABLES, ids=[r["name"] for r in TABLES])
def test_text_is_stored_as_text_and_dates_as_excel_dates(workbook: openpyxl.Workbook, resource: dict[str, Any]) -> None:
    ws = sheet(workbook, resource["name"])
    header, *rows = csv_rows(resource)
    fields = {f["name"]: f for f in resource["schema"]["fields"]}
    for values, cells in zip(rows, ws.iter_rows(min_row=2), strict=True):
        for name, value, cell in zip(header, values, cells, strict=True):
            assert isinstance(cell, Cell)  # the export merges no cells
            if value == "":
                assert cell.value is None
            elif fields[name]["type"] == "integer":
                assert cell.data_type == "n"
            elif fields[name]["type"] == "date":
                assert cell.is_date, (name, value)
                assert cell.number_format == "yyyy-mm-dd"
            elif is_date(fields[name]):
                # A partial date is the CSV's text: "2024-06" must never become 1 June.
                assert cell.data_type == "s", (name, value)
                assert cell.value == value
            else:
                assert cell.data_type == "s", (name, value)


def test_every_header_cell_carries_its_columns_description(workbook: openpyxl.Workbook) -> None:
    for resource in TABLES:
        ws = sheet(workbook, resource["name"])
        for cell, field in zip(ws[1], resource["schema"]["fields"], strict=True):
            assert cell.comment is not None
            assert cell.comment.text == field["description"]


def test_the_readme_sheet_gives_title_version_licence_citation_and_every_column(
    workbook: openpyxl.Workbook, ds: summitdata.Dataset
) -> None:
    text = [[str(c.value) for c in row if c.value is not None] for row in sheet(workbook, README_SHEET).iter_rows()]
    flat = "\n".join("\t".join(row) for row in text)
    descriptor = build_descriptor()
    assert descriptor["title"] in flat
    assert ["Version", ds.version] in text
    assert descriptor["licenses"][0]["path"] in flat
    assert citation(ds.version) in flat
    for resource in TABLES:
        for field in resource["schema"]["fields"]:
            assert any(row[:2] == [resource["name"], field["name"]] and row[-1] == field["description"] for row in text)


def _tricky_table() -> ExportTable:
    fields = [
        {"name": "id", "type": "string", "description": "id"},
        {"name": "text", "type": "string", "description": "text"},
    ]
    resource = {
        "name": "tricky",
        "title": "Tricky",
        "description": "d",
        "schema": {"fields": fields, "primaryKey": ["id"]},
    }
    return ExportTable(resource, tuple((f"row-{i}", value) for i, value in enumerate(TRICKY_TEXT)))


def test_a_cell_beginning_with_equals_or_looking_like_a_number_stays_text(tmp_path: Path) -> None:
    path = tmp_path / "tricky.xlsx"
    write_workbook([_tricky_table()], "0.0.0", path, no_progress)
    ws = sheet(openpyxl.load_workbook(path), "tricky")
    cells = [row[1] for row in ws.iter_rows(min_row=2)]
    assert [c.value for c in cells] == TRICKY_TEXT
    assert all(isinstance(c, Cell) and c.data_type == "s" for c in cells)
    assert all(c.quotePrefix for c in cells)  # Excel keeps them text even when a reader edits them
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet2.xml").decode("utf-8")
    assert "<f>" not in xml  # no formula anywhere in the sheet


def test_every_table_sheet_prints_landscape_one_page_wide_with_its_header_on_each_page(tmp_path: Path) -> None:
    """The workbook prints legibly as saved: Excel reads these settings back from the file."""
    out = tmp_path / "summitdata.xlsx"
    export("xlsx", summitdata.load(ROOT), out)
    workbook = openpyxl.load_workbook(out)
    for sheet in workbook.worksheets[1:]:
        assert sheet.page_setup.orientation == "landscape", sheet.title
        setup = sheet.sheet_properties.pageSetUpPr
        assert setup is not None
        assert setup.fitToPage is True, sheet.title
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0), sheet.title
        assert sheet.print_title_rows == "$1:$1", sheet.title
