"""``summitdata info [PACKAGE_DIR]``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from summitdata.commands._common import EXIT_OK, EXIT_USAGE, Subparsers


def register(commands: Subparsers) -> None:
    parser = commands.add_parser(
        "info",
        help="show resources, row counts, version, licence and citation",
        description="Summarize the package: resources and row counts, version, licence, citation.",
        epilog="Example: summitdata info",
    )
    parser.add_argument("package_dir", nargs="?", type=Path, help="the package directory (default: the bundled data)")


def run(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from summitdata import metadata
    from summitdata.loader import LoadError, load

    try:
        ds = load(args.package_dir)
    except LoadError as exc:
        stderr.write(f"summitdata info: {exc}\n")
        return EXIT_USAGE
    stdout.write(f"{metadata.TITLE}\nversion {ds.version}\n\n")
    for name, table in ds.tables.items():
        stdout.write(f"  {name:<18} {len(table):>4} rows\n")
    stdout.write(f"\nlicence: {metadata.DATA_LICENSE['title']} ({metadata.DATA_LICENSE['name']}) for the data;\n")
    stdout.write("         the article's text is © The Hankyoreh, included only to verify quotes.\n")
    citation = metadata.CITATION.format(year=metadata.CREATED[:4], version=ds.version, homepage=metadata.HOMEPAGE)
    stdout.write(f"cite as: {citation}\n")
    return EXIT_OK
