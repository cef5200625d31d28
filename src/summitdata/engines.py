"""The two ways to read a package's tables, and which one ``auto`` picks, for the gate and for load().

``rows`` reads row by row and validates each with its model (pydantic only). ``fast`` screens
whole columns with pyarrow (the ``fast`` extra) and asks the model only about the rows a screen
flags; both accept and reject the same rows, and build the same records. ``auto`` picks ``fast``
for large tables when pyarrow is installed: below a threshold, pyarrow's start-up and memory
cost more than its screens save. The gate's threshold is lower than load()'s: the gate checks
more per row.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Literal

__all__ = [
    "ENGINES",
    "FAST_HINT",
    "FAST_THRESHOLD_BYTES",
    "LOAD_FAST_THRESHOLD_BYTES",
    "Engine",
    "FastEngineMissingError",
    "csv_bytes",
    "fast_available",
    "pick",
]

Engine = Literal["auto", "rows", "fast"]
#: The engines, as ``--engine`` and ``load(engine=...)`` take them.
ENGINES: tuple[Engine, ...] = ("auto", "rows", "fast")
#: Above this many bytes of CSV, the gate's ``auto`` picks the vectorized engine.
FAST_THRESHOLD_BYTES = 4 * 1024**2
#: Above this many bytes of CSV, load()'s ``auto`` does: below it the vectorized engine saves little
#: time for much more memory. Measured here (bench/run.py's packages, import included): at 10 MB of
#: CSV it took 1.0–1.5 s against 1.1–1.4 s and 2.3 times the memory; at 20 MB, 1.2 s against 2.0–2.1 s
#: and 1.7 times the memory; at 51 MB, 2.3–2.8 s against 4.9–5.1 s and 1.1–1.2 times the memory.
LOAD_FAST_THRESHOLD_BYTES = 32 * 1024**2
#: What to do when the vectorized engine is asked for and pyarrow is missing.
FAST_HINT = "pip install 'summitdata[fast]'"


class FastEngineMissingError(ImportError):
    """The ``fast`` engine was asked for, and pyarrow (the ``fast`` extra) is not installed."""

    def __init__(self, what: str) -> None:
        super().__init__(f"{what} needs pyarrow: {FAST_HINT}")


def fast_available() -> bool:
    """Whether pyarrow can be imported (without importing it)."""
    return importlib.util.find_spec("pyarrow") is not None


def csv_bytes(root: Path) -> int:
    """The bytes of CSV in the package at ``root``, what ``auto`` decides by (regular files only)."""
    from summitdata.resources import RESOURCES

    paths = [root / resource.path for resource in RESOURCES]
    return sum(path.stat().st_size for path in paths if path.is_file() and not path.is_symlink())


def pick(engine: str, csv_bytes: int, threshold: int = FAST_THRESHOLD_BYTES) -> Literal["rows", "fast"]:
    """The engine to run for ``engine`` on tables of ``csv_bytes`` in all (``auto``: fast above ``threshold``
    bytes, when pyarrow is installed).

    Raises ValueError for a name not in :data:`ENGINES`. Whether ``fast`` can run is the caller's
    question (:func:`fast_available`): the gate says so in a usage message, load() raises.
    """
    if engine == "rows":
        return "rows"
    if engine == "fast":
        return "fast"
    if engine != "auto":
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    return "fast" if csv_bytes > threshold and fast_available() else "rows"
