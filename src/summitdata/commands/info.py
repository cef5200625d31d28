"""``summitdata info [--package DIR] [--format text|json]``."""

from __future__ import annotations

import argparse
import json
from typing import Any, TextIO

from summitdata.commands._common import EXIT_OK, EXIT_USAGE, Subparsers, add_package_argument, package_folder


def register(commands: Subparsers) -> None:
    parser = commands.add_parser(
        "info",
        help="the package's folder, row counts, version, licence and citation",
        description="Summarize the package: the folder read, resources and row counts, version, licence, "
        "citation. Without a folder, the package the working directory is in (else the bundled data).",
        epilog="Example: summitdata info --format json",
    )
    add_package_argument(parser, positional=True)
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")


def run(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from summitdata import metadata
    from summitdata.loader import LoadError, load
    from summitdata.paths import NotAPackageError

    try:
        root = package_folder(args)
        ds = load(root)
    except (LoadError, NotAPackageError, FileNotFoundError) as exc:
        stderr.write(f"summitdata info: {exc}\n")
        return EXIT_USAGE
    citation = metadata.CITATION.format(year=metadata.CREATED[:4], version=ds.version, homepage=metadata.HOMEPAGE)
    if args.format == "json":
        data: dict[str, Any] = {
            "package": str(root),
            "title": metadata.TITLE,
            "version": ds.version,
            "resources": {name: len(table) for name, table in ds.tables.items()},
            "license": metadata.DATA_LICENSE,
            "citation": citation,
        }
        stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    stdout.write(f"{metadata.TITLE}\nversion {ds.version}\npackage {root}\n\n")
    for name, table in ds.tables.items():
        stdout.write(f"  {name:<18} {len(table):>4} rows\n")
    stdout.write(f"\nlicence: {metadata.DATA_LICENSE['title']} ({metadata.DATA_LICENSE['name']}) for the data;\n")
    stdout.write("         the article's text is © The Hankyoreh, included only to verify quotes.\n")
    stdout.write(f"cite as: {citation}\n")
    return EXIT_OK
