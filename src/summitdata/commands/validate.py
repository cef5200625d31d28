"""``summitdata validate [PACKAGE_DIR] [--format text|json]``."""

from __future__ import annotations

import argparse
import importlib.util
from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from summitdata.commands._common import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    Subparsers,
    add_package_argument,
    package_folder,
)
from summitdata.engines import ENGINES, FAST_HINT, fast_available

if TYPE_CHECKING:
    from summitdata.validation.package import Report


def _byte_limit(text: str) -> int:
    """--max-bytes: a whole number of bytes, 0 or more (a negative limit is a usage error, exit 2)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of bytes") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{value} is negative; give a size in bytes, 0 or more")
    return value


def _engine(name: str, root: Path) -> Callable[[Path, int], Report] | None:
    """The gate function ``--engine`` names (auto: by size), or None when its extra is not installed."""
    from summitdata.validation import validate_package

    if name == "auto":
        from summitdata.validation.fast import choose_engine

        name = choose_engine(root)
    if name != "fast":
        return validate_package
    if not fast_available():
        return None
    from summitdata.validation.fast import validate_fast

    return validate_fast


def _run_gate(gate: Callable[[Path, int], Report] | None, root: Path, max_bytes: int, stderr: TextIO) -> Report | None:
    """The report, or None after one clear line on stderr: no engine, or the gate itself failed (a bug)."""
    from summitdata.validation.report import printable

    if gate is None:
        stderr.write(f"summitdata validate: --engine fast needs pyarrow: {FAST_HINT}\n")
        return None
    from summitdata.validation import progress

    try:
        # Which layer a long run is in, on a terminal only: stdout and the report stay as they are.
        with progress.shown_on(stderr) if stderr.isatty() else nullcontext():
            return gate(root, max_bytes)
    except Exception as exc:  # the gate reports bad data itself; anything raised is a bug of the gate
        stderr.write(printable(f"summitdata validate: the gate failed ({type(exc).__name__}: {exc}); please report it"))
        stderr.write("\n")
        return None


def register(commands: Subparsers) -> None:
    parser = commands.add_parser(
        "validate",
        help="check a package and report every problem in plain words",
        description="Check every file of the package: CSV hygiene, types, keys, quotes against the "
        "pinned article, generated files. Without a folder, checks the package the working directory is in "
        "(else the bundled data); the last line names the folder checked. Exit 0 valid, 1 invalid, 2 usage "
        "error or not a package.",
        epilog="Example: summitdata validate . --format github --against origin/main",
    )
    add_package_argument(parser, positional=True)
    parser.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help="text for people, json for programs, github for pull-request annotations (default: text)",
    )
    parser.add_argument(
        "--against",
        metavar="REV",
        help="also check the version bump and CHANGELOG against a git revision or release "
        "(CI passes the pull request's base)",
    )
    parser.add_argument(
        "--engine",
        choices=ENGINES,
        default="auto",
        help="rows: row by row (pydantic); fast: vectorized (needs summitdata[fast]); "
        "auto: fast for large packages when available (default). Both report the same problems.",
    )
    parser.add_argument(
        "--max-bytes",
        type=_byte_limit,
        default=None,
        metavar="N",
        help="refuse files larger than N bytes before parsing (default: 2 GiB)",
    )


def run(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from summitdata.validation import format_report
    from summitdata.validation.report import printable

    missing = [name for name in ("jsonschema", "yaml") if importlib.util.find_spec(name) is None]
    if missing:
        stderr.write(
            f"summitdata validate: needs {', '.join(missing)}; install the gate with: "
            "python -m pip install 'summitdata[validate]'\n"
        )
        return EXIT_USAGE

    from summitdata.paths import NotAPackageError

    try:
        root = package_folder(args, check=False)
        if not root.is_dir():
            raise NotAPackageError(root)
    except (NotAPackageError, FileNotFoundError) as exc:  # FileNotFoundError: an install without its data
        stderr.write(printable(f"summitdata validate: {exc}") + "\n")
        return EXIT_USAGE
    from summitdata.validation.files import MAX_FILE_BYTES

    max_bytes = args.max_bytes if args.max_bytes is not None else MAX_FILE_BYTES
    report = _run_gate(_engine(args.engine, root), root, max_bytes, stderr)
    if report is None:
        return EXIT_USAGE
    if args.against:
        from summitdata.releases import ReleaseIndexError, UnknownVersionError
        from summitdata.validation.problems import Problem
        from summitdata.validation.release import check_against

        try:
            extra = check_against(root, args.against)
        except (UnknownVersionError, ReleaseIndexError) as exc:
            stderr.write(printable(f"summitdata validate: --against {args.against}: {exc}") + "\n")
            return EXIT_USAGE
        report.problems = sorted(set(report.problems) | set(extra), key=Problem.sort_key)
    stdout.write(format_report(report, args.format, getattr(stdout, "encoding", None)))
    if any(p.code == "package-error" for p in report.problems):
        return EXIT_USAGE
    return EXIT_OK if report.valid else EXIT_INVALID
