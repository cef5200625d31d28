"""The ``summitdata`` command line: ``main(argv) -> int`` around ``run(args, stdout, stderr)``.

Exit codes: 0 valid / done, 1 invalid / stale, 2 usage error or unreadable input.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn, TextIO

from summitdata._version import __version__

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Raised instead of argparse's sys.exit, so ``run`` returns 2 with one clear line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message}")

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        raise _ParserExitError(status, message or "")


class _ParserExitError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


def build_parser(stdout: TextIO) -> argparse.ArgumentParser:
    parser = _Parser(
        prog="summitdata",
        description="The Yoon–Biden summit data package: validate, generate and inspect it.",
        epilog="Example: summitdata validate . --format json",
    )
    parser.add_argument("--version", action="version", version=f"summitdata {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    validate = commands.add_parser(
        "validate",
        help="check a package directory and report every problem",
        description="Check every file of the package: CSV hygiene, types, keys, quotes against the "
        "pinned article, generated files. Exit 0 valid, 1 invalid, 2 usage error.",
        epilog="Example: summitdata validate path/to/checkout --format text",
    )
    validate.add_argument(
        "package_dir",
        nargs="?",
        type=Path,
        help="the package directory (default: the bundled data)",
    )
    validate.add_argument("--format", choices=("text", "json"), default="text", help="report format (default: text)")

    generate = commands.add_parser(
        "generate",
        help="write the files generated from the models and tables",
        description="Write datapackage.json, schemas/*.schema.json, data/summit.json and "
        "docs/data-dictionary.md from the pydantic models and the CSV tables.",
        epilog="Example: summitdata generate --check   # exit 1 when anything is stale",
    )
    generate.add_argument("--check", action="store_true", help="write nothing; exit 1 if any file is stale")

    info = commands.add_parser(
        "info",
        help="show resources, row counts, version, licence and citation",
        description="Summarize the package: resources and row counts, version, licence, citation.",
        epilog="Example: summitdata info",
    )
    info.add_argument(
        "package_dir",
        nargs="?",
        type=Path,
        help="the package directory (default: the bundled data)",
    )
    del stdout
    return parser


def _cmd_validate(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from summitdata.paths import bundled_root
    from summitdata.validation import format_report, validate_package

    root = args.package_dir or args.default_package or bundled_root()
    if not root.is_dir():
        stderr.write(f"summitdata validate: {root} is not a directory\n")
        return EXIT_USAGE
    report = validate_package(root)
    stdout.write(format_report(report, args.format))
    if any(p.code == "package-error" for p in report.problems):
        return EXIT_USAGE
    return EXIT_OK if report.valid else EXIT_INVALID


def _cmd_generate(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from summitdata.generate import stale_files, write_files
    from summitdata.loader import LoadError
    from summitdata.paths import checkout_root

    try:
        root = checkout_root()
        if args.check:
            stale = stale_files(root)
            for path in stale:
                stdout.write(f"stale: {path}\n")
            stdout.write("generated files are current\n" if not stale else "run `summitdata generate` to update them\n")
            return EXIT_INVALID if stale else EXIT_OK
        changed = write_files(root)
    except (FileNotFoundError, LoadError) as exc:
        stderr.write(f"summitdata generate: {exc}\n")
        return EXIT_USAGE
    for path in changed:
        stdout.write(f"wrote {path}\n")
    stdout.write(f"{len(changed)} file(s) updated\n")
    return EXIT_OK


def _cmd_info(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
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


COMMANDS = {"validate": _cmd_validate, "generate": _cmd_generate, "info": _cmd_info}


def run(args: Sequence[str], stdout: TextIO, stderr: TextIO, default_package: Path | None = None) -> int:
    """Run the command line with explicit streams; return the exit code.

    ``default_package`` is the package directory used when none is given (validate.py
    passes its checkout); otherwise the bundled data.
    """
    parser = build_parser(stdout)
    try:
        namespace = parser.parse_args(list(args))
        namespace.default_package = default_package
    except UsageError as exc:
        stderr.write(f"{exc}\n")
        return EXIT_USAGE
    except _ParserExitError as exc:
        # --help and --version: argparse prints to sys.stdout; route it to ours.
        return exc.status
    if namespace.command is None:
        stdout.write(parser.format_help())
        return EXIT_USAGE
    return COMMANDS[namespace.command](namespace, stdout, stderr)


def main(argv: Sequence[str] | None = None, default_package: Path | None = None) -> int:
    return run(sys.argv[1:] if argv is None else argv, sys.stdout, sys.stderr, default_package)
