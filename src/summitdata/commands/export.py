"""``summitdata export``: placeholder until its issue lands."""

from __future__ import annotations

import argparse
from typing import TextIO

from summitdata.commands._common import EXIT_USAGE, Subparsers


def register(commands: Subparsers) -> None:
    commands.add_parser(
        "export",
        help="(not yet available)",
        description="Not yet available.",
        epilog="Example: summitdata export --help",
    )


def run(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    stderr.write("summitdata export: not yet available\n")
    return EXIT_USAGE
