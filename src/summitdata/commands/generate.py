"""``summitdata generate [--check] [--package DIR]``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from summitdata.commands._common import EXIT_INVALID, EXIT_OK, EXIT_USAGE, Subparsers


def register(commands: Subparsers) -> None:
    parser = commands.add_parser(
        "generate",
        help="rewrite the files generated from the models and tables",
        description="Write datapackage.json, schemas/*.schema.json, data/summit.json and "
        "docs/data-dictionary.md from the pydantic models and the CSV tables of the package the working "
        "directory is in (or --package DIR).",
        epilog="Example: summitdata generate --check   # exit 1 when anything is stale",
    )
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if any file is stale")
    parser.add_argument(
        "--package",
        type=Path,
        metavar="DIR",
        help="the package folder to write into; default: the package the working directory is in, else the "
        "checkout summitdata runs from",
    )


def run(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from summitdata.generate import stale_files, write_files
    from summitdata.loader import LoadError
    from summitdata.paths import NotAPackageError, checkout_root, find_package, package_root

    try:
        # Never the bundled data: an installed copy is the wheel's, not the user's to regenerate.
        named = args.package or args.default_package
        root = package_root(named) if named is not None else find_package(Path.cwd()) or checkout_root()
        if args.check:
            stale = stale_files(root)
            for path in stale:
                stdout.write(f"stale: {path}\n")
            stdout.write(
                f"generated files in {root} are current\n"
                if not stale
                else f"run `summitdata generate` to update them in {root}\n"
            )
            return EXIT_INVALID if stale else EXIT_OK
        changed = write_files(root)
    except (FileNotFoundError, LoadError, NotAPackageError) as exc:
        stderr.write(f"summitdata generate: {exc}\n")
        return EXIT_USAGE
    for path in changed:
        stdout.write(f"wrote {path}\n")
    stdout.write(f"{len(changed)} file(s) updated in {root}\n")
    return EXIT_OK
