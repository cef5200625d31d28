"""The gate's entry point: run every layer over a package directory and collect the problems."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from summitdata.paths import DESCRIPTOR, NotAPackageError
from summitdata.resources import RESOURCES
from summitdata.validation import progress
from summitdata.validation.coverage import check_coverage
from summitdata.validation.files import MAX_FILE_BYTES, check_files, declared_paths
from summitdata.validation.generated import check_documents
from summitdata.validation.integrity import (
    as_reported_records,
    check_as_reported,
    check_keys,
    check_parents,
    disputed_records,
    parent_links,
)
from summitdata.validation.names import name_the_ids
from summitdata.validation.problems import Problem
from summitdata.validation.profile import check_descriptor_profile
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


#: The start of the message of a layer that raised: tests look for it, so a gate bug never passes as a report.
LAYER_FAILED = "the gate's check of"

T = TypeVar("T")


def guarded(problems: list[Problem], layer: str, default: T, check: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run one layer; if it raises, report that (exit 2) and go on with the other layers.

    Every layer reports what is wrong with the data itself; an exception here is a bug of the
    gate, and still ends in a report, never a traceback.
    """
    try:
        return check(*args, **kwargs)
    except Exception as exc:  # a bug of the gate, whatever the input: turned into a problem
        problems.append(
            package_error(
                f"{LAYER_FAILED} {layer} failed on this input ({type(exc).__name__}: {str(exc)[:200]})",
                "the other checks ran; please report this input as a bug of summitdata's gate",
            )
        )
        return default


def open_package(root: Path, max_bytes: int, problems: list[Problem]) -> tuple[Any, set[str]] | None:
    """The layers both engines start with: the descriptor (strict JSON, profile, version) and the files.

    Returns the descriptor and the paths safe to read, or None when the package cannot be read
    at all (its problems are in ``problems``).
    """
    if not (root / DESCRIPTOR).is_file():
        message, _, hint = str(NotAPackageError(root)).partition(" — ")
        problems.append(package_error(message, hint))
        return None
    descriptor = check_descriptor_profile(root, problems, max_bytes)
    if descriptor is None:
        return None
    return descriptor, check_files(root, max_bytes, problems, descriptor)


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
        rows[resource.name] = guarded(
            table_problems,
            resource.path,
            [],
            check_table,
            root,
            resource,
            table_problems,
            raw_ids[resource.name],
            safe,
            max_bytes=max_bytes,
        )
    problems += table_problems
    unreadable = {p.resource for p in table_problems if p.code in FATAL_CODES and p.resource is not None}
    unreadable |= {r.name for r in RESOURCES if r.path not in safe}
    no_ids: dict[str, set[str]] = {}
    progress.layer("keys, provenance and coverage")
    ids = guarded(problems, "keys", no_ids, check_keys, rows, raw_ids, unreadable, problems)
    guarded(problems, "parents", None, check_parents, parent_links(rows), unreadable, problems)
    guarded(
        problems,
        "as-reported records",
        None,
        check_as_reported,
        as_reported_records(rows),
        disputed_records(rows),
        unreadable,
        problems,
    )
    guarded(problems, "provenance", None, check_provenance, root, rows, problems, declared_paths(descriptor), max_bytes)
    guarded(problems, "coverage", None, check_coverage, raw_ids, rows, unreadable, problems)
    progress.layer("JSON resources, CITATION.cff and generated files")
    pending = check_documents(
        root,
        safe,
        lambda: {k: v for k, v in ids.items() if k not in unreadable},
        lambda: {name: [row.record for row in loaded] for name, loaded in rows.items()},
        problems,
        max_bytes=max_bytes,
        generated=generated,
    )
    problems = guarded(problems, "names", problems, name_the_ids, root, problems, safe)
    unique = sorted(set(problems), key=Problem.sort_key)
    return Report(root, unique, sum(len(r) for r in rows.values()), time.perf_counter() - started, pending)
