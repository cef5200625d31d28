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
from summitdata.export._tables import ExportTable, Progress, atomic_path, export_tables

BOM = "\ufeff"


def excel_csv(table: ExportTable) -> bytes:
    """One table as Excel-friendly CSV bytes: BOM, header, rows; empty cell for a missing value."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.columns)
    writer.writerows(["" if value is None else str(value) for value in row] for row in table.rows)
    return (BOM + out.getvalue()).encode("utf-8")


def write(ds: Dataset, out: Path, progress: Progress) -> list[Path]:
    if out.exists() and not out.is_dir():
        raise NotADirectoryError(f"{out} exists and is not a directory; csv-excel writes one file per table into it")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for table in export_tables(ds):
        progress(f"csv-excel: {table.name} ({len(table.rows)} rows)")
        target = out / f"{table.name}.csv"
        with atomic_path(target) as scratch:
            scratch.write_bytes(excel_csv(table))
        written.append(target)
    progress(f"csv-excel: wrote {len(written)} files to {out}")
    return written
