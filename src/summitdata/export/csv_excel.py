"""``summitdata export csv-excel OUT_DIR``: the CSVs as Excel opens them on a double click.

Excel reads a CSV without a byte order mark in the machine's legacy code page, which
garbles “curly quotes”, dashes and Hangul; with a UTF-8 BOM it reads UTF-8. Lines end in
CRLF, as Excel writes CSV. The cells are the canonical files' cells, unchanged; the
canonical files in ``data/`` stay BOM-free.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from summitdata.dataset import Dataset
from summitdata.export._tables import ExportTable, Progress, write_per_table

BOM = "\ufeff"


def excel_csv(table: ExportTable) -> bytes:
    """One table as Excel-friendly CSV bytes: BOM, header, rows; empty cell for a missing value."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.columns)
    writer.writerows(["" if value is None else str(value) for value in row] for row in table.rows)
    return (BOM + out.getvalue()).encode("utf-8")


def write(ds: Dataset, out: Path, progress: Progress) -> list[Path]:
    def write_one(table: ExportTable, path: Path) -> None:
        path.write_bytes(excel_csv(table))

    return write_per_table(ds, out, progress, fmt="csv-excel", suffix=".csv", write_one=write_one)
