"""The gate's entry point: run every layer over a package directory and collect the problems."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summitdata.paths import DESCRIPTOR, NotAPackageError
from summitdata.resources import RESOURCES
from summitdata.validation import progress
from summitdata.validation.coverage import check_coverage
from summitdata.validation.documents import check_descriptor_profile
from summitdata.validation.files import MAX_FILE_BYTES, check_files, declared_paths
from summitdata.validation.generated import check_documents
from summitdata.validation.integrity import check_keys
from summitdata.validation.names import name_the_ids
from summitdata.validation.problems import Problem
from summitdata.validation.provenance import check_provenance
from summitdata.validation.tables import LoadedRow, check_table

#: Problems after which a table cannot be read at all: checks that need its ids skip it.
FATAL_CODES = frozenset(
    {"file-missing", "encoding-error", "header-error", "csv-syntax-error", "unsafe-path", "file-too-large"}
)


@dataclass
class Report:
    """Every problem found, sorted and de-duplicated, with counts and timing."""

    root: Path
    problems: list[Problem] = field(default_factory=list)
    rows: int = 0
    seconds: float = 0.0
    #: Data problems kept the generated files from being compared: run the generator once they are fixed.
    generate_pending: bool = False

    @property
    def valid(self) -> bool:
        return not self.problems


def package_error(message: str, hint: str) -> Problem:
    return Problem(DESCRIPTOR, None, None, "package-error", message, hint)


def open_package(root: Path, max_bytes: int, problems: list[Problem]) -> tuple[Any, set[str]] | None:
    """The layers both engines start with: the descriptor (strict JSON, profile, version) and the files.

    Returns the descriptor and the paths safe to read, or None when the package cannot be read
    at all (its problems are in ``problems``).
    """
    if not (root / DESCRIPTOR).is_file():
        message, _, hint = str(NotAPackageError(root)).partition(" — ")
        problems.append(package_error(message, hint))
        return None
    descriptor = check_descriptor_profile(root, problems)
    if descriptor is None:
        return None
    return descriptor, check_files(root, max_bytes, problems)


def validate_package(root: Path, max_bytes: int = MAX_FILE_BYTES, *, generated: bool = True) -> Report:
    """Check the package at ``root``; never raises for bad data, only reports it.

    ``generated=False`` skips rebuilding the generated files for comparison (the bench's
    synthetic packages ship none); every other layer always runs.
    """
    started = time.perf_counter()
    problems: list[Problem] = []
    progress.layer("descriptor and files")
    opened = open_package(root, max_bytes, problems)
    if opened is None:
        return Report(root, sorted(set(problems), key=Problem.sort_key), 0, time.perf_counter() - started)
    descriptor, safe = opened
    progress.layer("tables (encoding, CSV, types, rules)")
    rows: dict[str, list[LoadedRow]] = {}
    raw_ids: dict[str, list[tuple[int, str]]] = {}
    table_problems: list[Problem] = []
    for resource in RESOURCES:
        raw_ids[resource.name] = []
        rows[resource.name] = check_table(root, resource, table_problems, raw_ids[resource.name], safe)
    problems += table_problems
    unreadable = {p.resource for p in table_problems if p.code in FATAL_CODES and p.resource is not None}
    unreadable |= {r.name for r in RESOURCES if r.path not in safe}
    progress.layer("keys, provenance and coverage")
    ids = check_keys(rows, raw_ids, unreadable, problems)
    check_provenance(root, rows, problems, declared=declared_paths(descriptor))
    check_coverage(raw_ids, rows, unreadable, problems)
    pending = check_documents(
        root,
        safe,
        lambda: {k: v for k, v in ids.items() if k not in unreadable},
        lambda: {name: [row.record for row in loaded] for name, loaded in rows.items()},
        problems,
        generated=generated,
    )
    problems = name_the_ids(root, problems, safe)
    unique = sorted(set(problems), key=Problem.sort_key)
    return Report(root, unique, sum(len(r) for r in rows.values()), time.perf_counter() - started, pending)
