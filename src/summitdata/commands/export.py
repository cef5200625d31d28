"""``summitdata export FORMAT OUT [--package DIR] [--parents]``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from summitdata.commands._common import EXIT_OK, EXIT_USAGE, Subparsers, add_package_argument, package_folder

# The format names, stated here so that registering the command (on every CLI start) does
# not import the export machinery; a test checks they match summitdata.export.FORMATS.
FORMAT_NAMES = ("sqlite", "xlsx", "parquet", "jsonld", "csv-excel", "site")


def register(commands: Subparsers) -> None:
    parser = commands.add_parser(
        "export",
        help="write the data for SQLite, Excel, Parquet, JSON-LD or Excel CSV",
        description="Write the package in another format, with the same descriptions, licence and sources: "
        "sqlite (a database plus Datasette metadata beside it), xlsx (a workbook with a README sheet), "
        "parquet (a directory of one file per table), jsonld (schema.org), csv-excel (a directory of CSVs "
        "with a byte order mark, for double-click opening in Excel), site (a static website: the article "
        "annotated with its facts, and every other export to download; open its index.html). Exit 0 done, "
        "2 on a usage error or unreadable input.",
        epilog="Example: summitdata export sqlite summitdata.db && datasette summitdata.db "
        "--metadata summitdata.metadata.json",
    )
    parser.add_argument("format", choices=FORMAT_NAMES, metavar="FORMAT", help=f"one of {', '.join(FORMAT_NAMES)}")
    parser.add_argument(
        "out",
        type=Path,
        metavar="OUT",
        help="the file to write (sqlite, xlsx, jsonld) or directory (parquet, csv-excel, site)",
    )
    add_package_argument(parser)
    parser.add_argument(
        "--parents", action="store_true", help="create OUT's missing parent folders (default: refuse, like mkdir)"
    )


def _out_problem(target: str, name: str, default_out: str, out: Path, parents: bool) -> str | None:
    """Why OUT cannot take the export, if it cannot."""
    if not parents and not out.parent.is_dir():
        return f"the folder {out.parent} does not exist — create it first, or add --parents"
    if target == "file" and out.is_dir():
        return f"{out} is a directory; {name} writes one file — name it, e.g. {out / default_out}"
    if target == "directory" and out.exists() and not out.is_dir():
        return f"{out} is a file; {name} writes a directory of files — name a directory"
    return None


def run(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from summitdata.export import FORMATS, MissingDependencyError
    from summitdata.loader import LoadError, load

    def progress(message: str) -> None:
        stderr.write(f"{message}\n")
        stderr.flush()

    fmt = FORMATS[args.format]
    out: Path = args.out
    problem = _out_problem(fmt.target, fmt.name, fmt.default_out, out, args.parents)
    try:
        if problem is not None:
            raise ValueError(problem)
        ds = load(package_folder(args))
        written = fmt.write(ds, out, progress)
    except OSError as exc:
        # FileNotFoundError included: an installation without its data, or an unwritable OUT.
        reason = str(exc) if exc.filename is None else f"cannot write {out}: {exc.strerror}"
        stderr.write(f"summitdata export: {reason}\n")
        return EXIT_USAGE
    except (LoadError, MissingDependencyError, ValueError) as exc:
        # ValueError: OUT of the wrong kind, a folder that is not a package, or data the format cannot hold.
        stderr.write(f"summitdata export: {exc}\n")
        return EXIT_USAGE
    for path in written:
        stdout.write(f"wrote {path}\n")
    if fmt.name == "sqlite":
        stdout.write(f"browse it: datasette {written[0]} --metadata {written[1]}   (or: summitdata serve)\n")
    return EXIT_OK
