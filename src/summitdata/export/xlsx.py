"""``summitdata export xlsx OUT.xlsx``: an Excel workbook, a README sheet then one sheet per table.

Every text cell is stored as text — a value beginning with ``=`` is never a formula, and
one that looks like a number or a date stays as written. A partial date (``2024-06``) stays
the CSV's text, never a made-up day; beside it, the first and last day it can mean are real
Excel dates (``yyyy-mm-dd``), so Excel sorts and filters by them.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summitdata import metadata
from summitdata.dataset import Dataset
from summitdata.export._tables import (
    LICENCE_NOTE,
    ExportTable,
    Progress,
    Value,
    atomic_path,
    citation,
    export_tables,
    is_date,
    is_day,
)

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

README_SHEET = "README"
#: Excel's number format for a typed date.
DATE_FORMAT = "yyyy-mm-dd"
#: Excel's limits: a cell holds at most 32,767 characters; a sheet name at most 31.
MAX_CELL, MAX_SHEET_NAME = 32_767, 31
#: First characters that make Excel read typed-in text as a formula.
FORMULA_START = ("=", "+", "-", "@")
#: Digits with the punctuation of numbers, dates, times, currencies and percentages: "0012", "1e3", "2024-06".
NUMBER_LIKE = re.compile(r"^(?=.*\d)[\d\s.,:/%$€£¥₩()eE-]+$")
#: Column widths, in characters.
MIN_WIDTH, MAX_WIDTH = 8, 60


def cell_at(ws: Worksheet, row: int, column: int) -> Cell:
    """The (unmerged) cell at ``row``, ``column``; the export merges no cells."""
    from openpyxl.cell.cell import Cell

    cell = ws.cell(row, column)
    if not isinstance(cell, Cell):
        raise TypeError(f"{ws.title}!{cell.coordinate} is a merged cell")
    return cell


def set_text(cell: Cell, text: str) -> None:
    """Store ``text`` as a text cell, whatever it looks like."""
    if len(text) > MAX_CELL:
        raise ValueError(f"{cell.coordinate}: a cell holds at most {MAX_CELL} characters, this one {len(text)}")
    cell.value = text
    # openpyxl makes any string beginning with "=" a formula and "#N/A"-like strings errors;
    # forcing the type keeps the characters as they are.
    cell.data_type = "s"
    if _excel_would_convert(text):
        # Excel's own "this is text" marker (the leading apostrophe of typed input): the cell
        # stays text even after someone edits it in Excel.
        cell.quotePrefix = True


def _excel_would_convert(text: str) -> bool:
    """Whether Excel would read this text, typed in, as something else: a formula, an error, a number or a date."""
    from openpyxl.cell.cell import ERROR_CODES

    return text.startswith(FORMULA_START) or text in ERROR_CODES or bool(NUMBER_LIKE.match(text))


def set_value(cell: Cell, value: Value, field: dict[str, Any]) -> None:
    """Write one value of a Table Schema ``field`` into ``cell``; None leaves the cell empty."""
    if value is None:
        return
    if isinstance(value, dt.date) and is_day(field):
        cell.value = value
        cell.number_format = DATE_FORMAT
    elif isinstance(value, str):
        set_text(cell, value)
    else:
        cell.value = value


def _readme(ws: Worksheet, tables: list[ExportTable], version: str) -> None:
    from openpyxl.styles import Font

    licence = metadata.DATA_LICENSE
    facts = [
        ("Version", version),
        ("Licence", f"{licence['title']} ({licence['name']}): {licence['path']}"),
        ("Licence note", LICENCE_NOTE),
        ("Cite as", citation(version)),
        ("Source", metadata.SOURCES[0]["title"]),
        ("Homepage", metadata.HOMEPAGE),
        ("Description", metadata.DESCRIPTION),
        (
            "Dates",
            "Each date column (e.g. start_date) is ISO 8601 text at the precision the evidence supports "
            "(2024, 2024-06 or 2024-06-11); the _earliest and _latest columns beside it are Excel dates, "
            "the first and last day it can mean (2024-06 → 2024-06-01 … 2024-06-30). Sort and filter by those.",
        ),
        ("Empty cells", "Unknown or not applicable."),
    ]
    set_text(cell_at(ws, 1, 1), metadata.TITLE)
    cell_at(ws, 1, 1).font = Font(bold=True, size=14)
    row = 3
    for label, text in facts:
        set_text(cell_at(ws, row, 1), label)
        cell_at(ws, row, 1).font = Font(bold=True)
        set_text(cell_at(ws, row, 2), text)
        row += 1
    row += 1
    for column, heading in enumerate(("Sheet", "Column", "Type", "Required", "Description"), start=1):
        set_text(cell_at(ws, row, column), heading)
        cell_at(ws, row, column).font = Font(bold=True)
    for table in tables:
        row += 1
        set_text(cell_at(ws, row, 1), table.name)
        set_text(cell_at(ws, row, 2), f"({len(table.rows)} rows)")
        set_text(cell_at(ws, row, 5), f"{table.title}. {table.description}")
        for column in range(1, 6):
            cell_at(ws, row, column).font = Font(bold=True)
        for field in table.fields:
            row += 1
            set_text(cell_at(ws, row, 1), table.name)
            set_text(cell_at(ws, row, 2), field["name"])
            set_text(cell_at(ws, row, 3), "date" if is_date(field) else field["type"])
            set_text(cell_at(ws, row, 4), "yes" if field["name"] in table.required else "no")
            set_text(cell_at(ws, row, 5), field["description"])
    for letter, width in zip("ABCDE", (18, 28, 10, 10, 100), strict=True):
        ws.column_dimensions[letter].width = width


def _sheet(ws: Worksheet, table: ExportTable) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    widths = []
    for column, field in enumerate(table.fields, start=1):
        header = cell_at(ws, 1, column)
        set_text(header, field["name"])
        header.font = Font(bold=True)
        # The column's description where a reader looks first: on the header cell.
        header.comment = Comment(field["description"], "summitdata", width=320, height=140)
        widths.append(len(field["name"]))
    for row_number, row in enumerate(table.rows, start=2):
        for column, (value, field) in enumerate(zip(row, table.fields, strict=True), start=1):
            set_value(cell_at(ws, row_number, column), value, field)
            if value is not None:
                widths[column - 1] = max(widths[column - 1], len(str(value)))
    for column, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(column)].width = min(MAX_WIDTH, max(MIN_WIDTH, width + 2))
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = ws.dimensions
    set_printing(ws)


def set_printing(ws: Worksheet) -> None:
    """Print a table legibly: landscape, every column on one page's width, the header row on every page."""
    ws.page_setup.orientation = "landscape"
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as the rows need
    ws.print_title_rows = "1:1"


def write_workbook(tables: list[ExportTable], version: str, path: Path, progress: Progress) -> None:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    workbook = Workbook()
    readme = workbook.active
    if not isinstance(readme, Worksheet):
        raise TypeError("a new workbook starts with one worksheet")
    readme.title = README_SHEET
    _readme(readme, tables, version)
    for table in tables:
        if len(table.name) > MAX_SHEET_NAME:
            raise ValueError(f"the sheet name {table.name!r} is longer than Excel's {MAX_SHEET_NAME} characters")
        progress(f"xlsx: {table.name} ({len(table.rows)} rows)")
        _sheet(workbook.create_sheet(table.name), table)
    properties = workbook.properties
    properties.title = metadata.TITLE
    properties.creator = "summitdata contributors"
    properties.description = metadata.DESCRIPTION
    properties.keywords = ", ".join(metadata.KEYWORDS)
    properties.version = version
    properties.created = dt.datetime.fromisoformat(metadata.CREATED.replace("Z", "+00:00")).replace(tzinfo=None)
    workbook.save(path)


def write(ds: Dataset, out: Path, progress: Progress) -> list[Path]:
    tables = export_tables(ds)
    with atomic_path(out) as scratch:
        write_workbook(tables, ds.version, scratch, progress)
    return [out]
