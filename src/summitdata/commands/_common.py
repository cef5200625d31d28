"""What every command shares: exit codes, the sub-parser type, and how a command is told its package."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TypeAlias

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2

# argparse's sub-parser action is generic over the parser class; the CLI uses its own subclass.
Subparsers: TypeAlias = "argparse._SubParsersAction[Any]"

PACKAGE_HELP = (
    "the package folder (the one holding datapackage.json); default: the package the working directory "
    "is in, else the data bundled with summitdata"
)


def add_package_argument(parser: argparse.ArgumentParser, *, positional: bool = False) -> None:
    """``--package DIR``, the same on every command (``validate`` and ``info`` also take it positionally)."""
    parser.add_argument("--package", type=Path, metavar="DIR", help=PACKAGE_HELP)
    if positional:
        parser.add_argument("package_dir", nargs="?", type=Path, metavar="PACKAGE", help="same as --package DIR")


def package_folder(args: argparse.Namespace, *, check: bool = True) -> Path:
    """The package a command works on, as an absolute path.

    Named (``--package`` or the positional) > the caller's default (``validate.py`` passes its
    checkout) > the package the working directory is in > the bundled data. With ``check``, a
    named folder without a descriptor raises NotAPackageError (the gate reports it itself).
    """
    from summitdata.paths import NotAPackageError, default_package, package_root

    option, positional = getattr(args, "package", None), getattr(args, "package_dir", None)
    if option is not None and positional is not None and option.resolve() != positional.resolve():
        raise NotAPackageError(positional, f"is given besides --package {option} — name the package once")
    named: Path | None = option or positional
    if named is None:
        named = args.default_package
    if named is None:
        return default_package()
    named = named.resolve()
    return package_root(named) if check else named
