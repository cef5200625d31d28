"""The gate's vectorized engine (pyarrow, the ``fast`` extra): the same problems as validate_package.

:func:`validate_fast` runs the layers of :func:`~summitdata.validation.package.validate_package`
in the same order, reusing every layer that does not scale with the rows as is. The row
layers are replaced by column screens derived from the models (see ``_read``), and every
row a screen flags is judged by the standard path's own code, so messages, lines and
fields are identical. pyarrow is imported only inside functions: ``import summitdata``
never loads it.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from summitdata.engines import FAST_THRESHOLD_BYTES, csv_bytes, pick
from summitdata.resources import RESOURCES
from summitdata.validation import progress
from summitdata.validation.files import MAX_FILE_BYTES, declared_paths
from summitdata.validation.generated import check_documents
from summitdata.validation.integrity import known_ids
from summitdata.validation.names import name_the_ids
from summitdata.validation.package import FATAL_CODES, Report, guarded, open_package
from summitdata.validation.problems import Problem

if TYPE_CHECKING:
    from concurrent.futures import Future

    from summitdata.models import Record
    from summitdata.resources import Resource
    from summitdata.validation.fast._tables import TableState

__all__ = ["FAST_THRESHOLD_BYTES", "choose_engine", "screened_records", "validate_fast"]

#: Tables screened at once: pyarrow's kernels release the GIL, so a second table uses the second core.
TABLE_WORKERS = 2


def choose_engine(root: Path) -> str:
    """``"fast"`` when pyarrow is installed and the tables are large, else ``"rows"``."""
    return pick("auto", csv_bytes(root))


def _scannable(root: Path, path: str, safe: set[str] | None) -> bool:
    return (safe is None or path in safe) and (root / path).is_file()


def _address_space_capped() -> bool:
    """Whether the process runs under an address-space cap (``ulimit -v``, RLIMIT_AS)."""
    try:
        import resource
    except ImportError:  # not on Unix: no such cap
        return False
    return resource.getrlimit(resource.RLIMIT_AS)[0] != resource.RLIM_INFINITY


def _release_memory_promptly() -> None:
    """Use jemalloc, handing freed memory back at once: a third less peak memory than mimalloc here.

    Not under an address-space cap: jemalloc reserves address space in large extents and then
    fails, or crashes the process, where pyarrow's default pool keeps working
    (tests/test_gate_bounded.py runs both engines under a cap).
    """
    import pyarrow as pa

    if _address_space_capped():
        return
    try:
        pa.set_memory_pool(pa.jemalloc_memory_pool())
        pa.jemalloc_set_decay_ms(0)
    except (NotImplementedError, pa.ArrowNotImplementedError):
        pass  # pyarrow built without jemalloc: keep its default pool


def validate_fast(root: Path, max_bytes: int = MAX_FILE_BYTES, *, generated: bool = True) -> Report:
    """Check the package at ``root`` like validate_package, with the row layers vectorized.

    ``generated=False`` skips only the last layer (generated files up to date); it is for
    packages that ship no generated files. The default keeps it.
    """
    from summitdata.validation.fast import _layers

    started = time.perf_counter()
    problems: list[Problem] = []
    progress.layer("descriptor and files")
    opened = open_package(root, max_bytes, problems)
    if opened is None:
        return Report(root, sorted(set(problems), key=Problem.sort_key), 0, time.perf_counter() - started)
    descriptor, safe = opened
    _release_memory_promptly()
    progress.layer("tables (encoding, CSV, types, rules)")
    found: dict[str, list[Problem]] = {resource.name: [] for resource in RESOURCES}
    states = read_tables(root, safe, found, max_bytes)
    table_problems = [problem for resource in RESOURCES for problem in found[resource.name]]
    problems += table_problems
    unreadable = {p.resource for p in table_problems if p.code in FATAL_CODES and p.resource is not None}
    unreadable |= {r.name for r in RESOURCES if r.path not in safe}
    progress.layer("keys, provenance and coverage")
    guarded(problems, "keys", None, _layers.keys, states, unreadable, problems)
    guarded(problems, "graph", None, _layers.graph, states, unreadable, problems)
    guarded(
        problems, "provenance", None, _layers.provenance, root, states, problems, declared_paths(descriptor), max_bytes
    )
    guarded(problems, "coverage", None, _layers.coverage, states, unreadable, problems)
    rows = sum(state.rows.num_rows for state in states.values())  # before records() lets the columns go
    progress.layer("JSON resources, CITATION.cff and generated files")
    pending = check_documents(
        root,
        safe,
        lambda: {name: known_ids(state.ids.to_pylist()) for name, state in states.items() if name not in unreadable},
        lambda: {name: state.records() for name, state in states.items()},
        problems,
        max_bytes=max_bytes,
        generated=generated,
    )
    problems = guarded(problems, "names", problems, name_the_ids, root, problems, safe)
    unique = sorted(set(problems), key=Problem.sort_key)
    return Report(root, unique, rows, time.perf_counter() - started, pending)


def read_tables(
    root: Path,
    safe: set[str] | None,
    found: dict[str, list[Problem]],
    max_bytes: int = MAX_FILE_BYTES,
    *,
    records: bool = False,
) -> dict[str, TableState]:
    """Layers 2–3 for every table (``found``: each table's problems); ``safe`` None: every file may be read.

    ``records``: each table without a problem also builds its records (and lets its columns go) as soon as
    it is read, so that Python work overlaps pyarrow's reading of the next table. Only for a caller that
    needs nothing else: the later layers read the columns.
    """
    from summitdata.validation.fast._read import scan
    from summitdata.validation.fast._tables import read_table

    def read(resource: Resource, plain: Future[bool] | None) -> TableState:
        state = read_table(root, resource, found[resource.name], safe, plain=plain, max_bytes=max_bytes)
        if records and not found[resource.name]:
            state.records()
        return state

    # TABLE_WORKERS files at a time, so peak memory stays that many files' worth; the byte scans
    # (small chunks) run ahead on a thread of their own.
    with ThreadPoolExecutor(max_workers=1) as pool, ThreadPoolExecutor(max_workers=TABLE_WORKERS) as tables:
        scans = {r.name: pool.submit(scan, root / r.path) for r in RESOURCES if _scannable(root, r.path, safe)}
        futures = {r.name: tables.submit(read, r, scans.get(r.name)) for r in RESOURCES}
        return {name: future.result() for name, future in futures.items()}


def screened_records(root: Path) -> dict[str, list[Record] | None]:
    """Each table's records, as load() would build them row by row, or None for a table with a problem.

    The tables are read and screened as the gate reads them, and a table the gate has no
    problem with holds only rows its model accepts, so its records are built without
    validating again. For a table with any problem, gate-only ones included (a CR line end,
    a BOM), the answer is None: load() reads that table row by row, and so says exactly what
    it says without this engine (tests/test_loader.py runs the corpus of invalid packages
    through both).
    """
    found: dict[str, list[Problem]] = {resource.name: [] for resource in RESOURCES}
    states = read_tables(root, None, found, records=True)
    return {name: None if found[name] else state.records() for name, state in states.items()}
