"""The ``summitdata`` command line: ``main(argv) -> int`` around ``run(args, stdout, stderr)``.

Exit codes: 0 valid / done, 1 invalid / stale, 2 usage error or unreadable input. Each
command lives in its own module under :mod:`summitdata.commands`.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType
from typing import NoReturn, TextIO

from summitdata import commands
from summitdata._version import __version__
from summitdata.commands._common import EXIT_USAGE


class UsageError(Exception):
    """Raised instead of argparse's sys.exit, so ``run`` returns 2 with one clear line."""


class _ParserExitError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message}")

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        raise _ParserExitError(status, message or "")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="summitdata",
        description="The Yoon–Biden summit data package: check, compare, export and browse it.",
        epilog="Every command works on the package the working directory is in (else the data\n"
        "bundled with summitdata), or on the one named with --package DIR.\n"
        "'summitdata COMMAND --help' describes a command.\n\n"
        "Example: summitdata validate --format json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"summitdata {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in commands.NAMES:
        commands.load(name).register(subparsers)
    return parser


def run(args: Sequence[str], stdout: TextIO, stderr: TextIO, default_package: Path | None = None) -> int:
    """Run the command line with explicit streams; return the exit code.

    ``default_package`` is the package directory used when none is given (validate.py
    passes its checkout); otherwise the bundled data.
    """
    parser = build_parser()
    try:
        # argparse prints --help and --version to sys.stdout itself: to the caller's stream here.
        with contextlib.redirect_stdout(stdout):
            namespace = parser.parse_args(list(args))
    except UsageError as exc:
        stderr.write(f"{exc}\n")
        return EXIT_USAGE
    except _ParserExitError as exc:
        # --help and --version have been printed (to stdout); argparse's status is ours.
        return exc.status
    namespace.default_package = default_package
    if namespace.command is None:
        stdout.write(parser.format_help())
        return EXIT_USAGE
    try:
        return commands.load(namespace.command).run(namespace, stdout, stderr)
    except KeyboardInterrupt:
        stderr.write("summitdata: interrupted\n")
        return 130


#: The exit code of a command whose reader went away (``summitdata info | head -1``): 128 + SIGPIPE, as a shell says.
EXIT_BROKEN_PIPE = 141


#: Python's cycle-collector thresholds for a command's process (mypy's choice, for the same reason).
GC_THRESHOLDS = (200_000, 30, 30)
#: Modules a command's process never imports: no command uses them (tests/test_cli.py checks).
KEPT_OUT = frozenset({"pandas"})


class KeepOut:
    """A meta path finder that imports none of :data:`KEPT_OUT`, as if they were not installed.

    pyarrow, on its first conversion of Python values, imports pandas if it can, only to ask
    whether the values are pandas objects (apache/arrow#34994): 0.4 s and 55 MiB where pandas
    is installed, for an answer no command needs. The gate's fast engine makes no such
    conversion (:mod:`summitdata._arrow`), but the Parquet export does. Only for the command's
    own process (:func:`main`): a library caller's pyarrow keeps its pandas.
    """

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname.partition(".")[0] in KEPT_OUT:
            message = f"No module named {fullname!r} (kept out of summitdata's commands)"
            raise ModuleNotFoundError(message, name=fullname)
        return None


def main(argv: Sequence[str] | None = None, default_package: Path | None = None) -> int:
    """The process entry point (the ``summitdata`` script, validate.py): :func:`run` on the real streams."""
    # A command builds a record per row and keeps it to the end: with the default thresholds the
    # cycle collector walks all of them again and again (0.9 s of 6.7 s at 100k rows), for
    # almost no cycles. Reference counting frees the rest at once. The process ends with the command.
    gc.set_threshold(*GC_THRESHOLDS)
    if not KEPT_OUT & sys.modules.keys():
        sys.meta_path.insert(0, KeepOut())
    try:
        code = run(sys.argv[1:] if argv is None else argv, sys.stdout, sys.stderr, default_package)
        sys.stdout.flush()  # inside the try: a reader that left shows up here, not as a traceback at exit
    except BrokenPipeError:
        # Python's documented recipe: point stdout at devnull so the interpreter's final flush stays quiet.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    # What the command leaves is freed by the exit: the interpreter's last collection would walk every
    # object (the models, the records) to find nothing to do, a sixth of validating the real package.
    gc.freeze()
    return code
