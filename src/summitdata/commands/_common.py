"""What every command shares: exit codes and the sub-parser type commands register on."""

from __future__ import annotations

import argparse
from typing import Any, TypeAlias

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2

# argparse's sub-parser action is generic over the parser class; the CLI uses its own subclass.
Subparsers: TypeAlias = "argparse._SubParsersAction[Any]"
