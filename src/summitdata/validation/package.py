"""The gate's entry point: run every layer over a package directory and collect the problems."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from summitdata._version import __version__
from summitdata.paths import DESCRIPTOR
from summitdata.resources import RESOURCES
from summitdata.validation.integrity import check_keys
from summitdata.validation.problems import Problem
from summitdata.validation.provenance import check_provenance
from summitdata.validation.tables import LoadedRow, check_table


@dataclass
class Report:
    """Every problem found, sorted and de-duplicated, with counts and timing."""

    root: Path
    problems: list[Problem] = field(default_factory=list)
    rows: int = 0
    seconds: float = 0.0

    @property
    def valid(self) -> bool:
        return not self.problems


def _package_error(message: str, hint: str) -> Problem:
    return Problem(DESCRIPTOR, None, None, "package-error", message, hint)


def _check_descriptor(root: Path, problems: list[Problem]) -> None:
    try:
        descriptor = json.loads((root / DESCRIPTOR).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        problems.append(
            _package_error(f"cannot read {DESCRIPTOR}: {exc}", "restore it, then run `summitdata generate`")
        )
        return
    version = descriptor.get("version") if isinstance(descriptor, dict) else None
    if version != __version__:
        problems.append(
            Problem(
                DESCRIPTOR,
                None,
                "version",
                "version-mismatch",
                f"datapackage.json has version {version!r}, the software {__version__!r}",
                "set the version in src/summitdata/_version.py and run `summitdata generate`",
            )
        )


def _check_generated(root: Path, problems: list[Problem]) -> None:
    # Imported here: generation needs every table loadable, which the earlier layers established.
    from summitdata.generate import stale_files

    for path in stale_files(root):
        problems.append(
            Problem(
                path,
                None,
                None,
                "generated-stale",
                "the file differs from what the generator makes from the models and tables",
                "run `summitdata generate` (never edit generated files by hand)",
            )
        )


def validate_package(root: Path) -> Report:
    """Check the package at ``root``; never raises for bad data, only reports it."""
    started = time.perf_counter()
    problems: list[Problem] = []
    if not (root / DESCRIPTOR).is_file():
        problems.append(
            _package_error(
                f"no {DESCRIPTOR} in {root}",
                "point the command at the package directory (the one holding datapackage.json)",
            )
        )
        return Report(root, problems, 0, time.perf_counter() - started)
    _check_descriptor(root, problems)
    rows: dict[str, list[LoadedRow]] = {}
    table_problems: list[Problem] = []
    raw_ids: dict[str, list[tuple[int, str]]] = {}
    for resource in RESOURCES:
        raw_ids[resource.name] = []
        rows[resource.name] = check_table(root, resource, table_problems, raw_ids[resource.name])
    problems += table_problems
    fatal = {"file-missing", "encoding-error", "header-error", "csv-syntax-error"}
    unreadable = {p.resource for p in table_problems if p.code in fatal and p.resource is not None}
    check_keys(rows, raw_ids, unreadable, problems)
    check_provenance(root, rows, problems)
    if not problems:
        # Stale generated files follow from any data problem; report them only on their own.
        _check_generated(root, problems)
    unique = sorted(set(problems), key=Problem.sort_key)
    return Report(root, unique, sum(len(r) for r in rows.values()), time.perf_counter() - started)
