"""One module per CLI command: each defines ``register(subparsers)`` and ``run(args, stdout, stderr)``.

A command is added by writing its module and naming it in :data:`NAMES`.
"""

from __future__ import annotations

import argparse
import importlib
from typing import Protocol, TextIO, cast

from summitdata.commands._common import Subparsers

#: The commands, in the order ``summitdata --help`` lists them.
NAMES: tuple[str, ...] = ("info", "validate", "generate", "diff", "export", "serve")


class Command(Protocol):
    def register(self, commands: Subparsers) -> None: ...

    def run(self, args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int: ...


def load(name: str) -> Command:
    return cast("Command", importlib.import_module(f"summitdata.commands.{name.replace('-', '_')}"))
