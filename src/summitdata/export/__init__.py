"""Exports for journalists' tools: one module per format, all driven by the descriptor.

Each format module defines ``write(ds, out, progress) -> list[Path]``. Importing this
package imports none of the format libraries (sqlite-utils, openpyxl, pyarrow, PyLD):
a format's module, and its library, load only when that format is written.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol, cast

from summitdata.dataset import Dataset
from summitdata.export._tables import Progress, no_progress

__all__ = ["FORMATS", "Format", "MissingDependencyError", "export"]


class MissingDependencyError(RuntimeError):
    """A format's library is not installed; the message says what to install."""


class _Writer(Protocol):
    def write(self, ds: Dataset, out: Path, progress: Progress) -> list[Path]: ...


@dataclass(frozen=True)
class Format:
    """One export format: what ``summitdata export NAME OUT`` writes."""

    name: str
    summary: str
    #: Whether OUT is a file or a directory of files.
    target: Literal["file", "directory"]
    #: The conventional name of OUT, for help texts and ``serve``.
    default_out: str
    module: str
    #: The import names the format needs, to report a missing one in one line.
    requires: tuple[str, ...] = ()

    def write(self, ds: Dataset, out: Path, progress: Progress = no_progress) -> list[Path]:
        for name in self.requires:
            try:
                importlib.import_module(name)
            except ImportError:
                raise MissingDependencyError(
                    f"the {self.name} export needs {name}, which is not installed — "
                    "run: python -m pip install 'summitdata[export]'"
                ) from None
        writer = cast("_Writer", importlib.import_module(f"summitdata.export.{self.module}"))
        return writer.write(ds, out, progress)


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            "sqlite",
            "SQLite database with keys, indexes, full-text search and named views, plus Datasette metadata",
            "file",
            "summitdata.db",
            "sqlite",
            ("sqlite_utils",),
        ),
        Format(
            "xlsx",
            "Excel workbook: a README sheet, then one sheet per table",
            "file",
            "summitdata.xlsx",
            "xlsx",
            ("openpyxl",),
        ),
        Format(
            "parquet",
            "one Parquet file per table, typed from the Table Schemas",
            "directory",
            "summitdata-parquet",
            "parquet",
            ("pyarrow",),
        ),
        Format(
            "jsonld",
            "schema.org JSON-LD (Event, Person, Organization, CreativeWork, Quotation)",
            "file",
            "summitdata.jsonld",
            "jsonld",
        ),
        Format(
            "csv-excel",
            "the CSVs with a UTF-8 byte order mark and CRLF line ends, for double-click opening in Excel",
            "directory",
            "summitdata-csv-excel",
            "csv_excel",
        ),
        Format(
            "site",
            "a static website: the article annotated with its facts, fact checks, timeline, tables and "
            "every other export to download",
            "directory",
            "summitdata-site",
            "site",
            ("sqlite_utils", "openpyxl", "pyarrow"),
        ),
    )
}


def export(name: str, ds: Dataset, out: Path, progress: Progress = no_progress) -> list[Path]:
    """Write ``ds`` as format ``name`` to ``out``; return the files written."""
    return FORMATS[name].write(ds, out, progress)
