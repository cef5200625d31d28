"""``summitdata diff``: placeholder until its issue lands."""

from __future__ import annotations

import argparse
from typing import TextIO

from summitdata.commands._common import EXIT_USAGE, Subparsers


def register(commands: Subparsers) -> None:
    commands.add_parser(
        "diff", help="(not yet available)", description="Not yet available.", epilog="Example: summitdata diff --help"
    )


def run(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    stderr.write("summitdata diff: not yet available\n")
    return EXIT_USAGE
