"""Loading the package from disk into typed records, with errors that name file, line and field."""

from __future__ import annotations

import csv
import datetime as dt
import gc
import hashlib
import io
import re
import types
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from itertools import repeat
from operator import is_
from pathlib import Path
from typing import Any, TypeVar, Union, get_args, get_origin

from pydantic import ValidationError
from pydantic_core import from_json

from summitdata.csvio import CsvRow, CsvSyntaxError, iter_rows
from summitdata.dataset import Dataset, Table
from summitdata.engines import (
    LOAD_FAST_THRESHOLD_BYTES,
    Engine,
    FastEngineMissingError,
    csv_bytes,
    fast_available,
    pick,
)
from summitdata.models import Record
from summitdata.paths import DESCRIPTOR, bundled_root
from summitdata.resources import RESOURCES, Resource

R = TypeVar("R", bound=Record)

#: A CSV integer in its one canonical form: no sign but a minus, no leading zero, at most 18 digits
#: (so it always fits 64 bits, and int() never meets Python's limit on digits). Python's int() also
#: takes "+5", " 5", "05" and "5_000"; anything but this pattern stays text and fails its type.
INTEGER_PATTERN = r"^(0|-?[1-9][0-9]{0,17})$"


class LoadError(ValueError):
    """The package on disk could not be loaded; names the file, line and field."""

    def __init__(self, file: str, line: int | None, field: str | None, message: str) -> None:
        self.file, self.line, self.field, self.message = file, line, field, message
        where = file + (f":{line}" if line is not None else "")
        super().__init__(f"{where}: {field + ': ' if field else ''}{message}")


def holds(annotation: Any, kind: type) -> bool:
    """Whether a field annotated so holds values of ``kind`` (alone, optional or annotated)."""
    if annotation is kind:
        return True
    if type(annotation) is type:  # a plain class other than kind (most fields): no need to ask typing
        return False
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        return any(holds(arg, kind) for arg in get_args(annotation))
    return any(holds(arg, kind) for arg in get_args(annotation)[:1]) if origin else False


def is_int_annotation(annotation: Any) -> bool:
    """Whether a field holds integers (alone, optional or annotated)."""
    return holds(annotation, int)


@cache
def int_fields(model: type[Record]) -> frozenset[str]:
    """The fields of ``model`` that hold integers (asked once per model, not once per cell)."""
    return frozenset(name for name, info in model.model_fields.items() if is_int_annotation(info.annotation))


def cells_to_values(resource: Resource, header: list[str], cells: list[str]) -> dict[str, Any]:
    """Turn a CSV row into model input: empty cells are missing, integers are parsed strictly."""
    values: dict[str, Any] = {}
    ints = int_fields(resource.model)
    integer = re.compile(INTEGER_PATTERN)  # here, not at import: only a foreign copy's integers are read this way
    for name, cell in zip(header, cells, strict=False):
        if cell == "":
            continue
        if name in ints:
            values[name] = int(cell) if integer.fullmatch(cell) else cell
        else:
            values[name] = cell
    return values


def construct_records(model: type[R], fields: Sequence[str], rows: Iterable[Sequence[Any]]) -> list[R]:
    """Records from rows of values the model has already accepted, without validating again.

    Each row holds one value per field, in ``fields`` order (the model's own), None where the
    cell was empty; what ``model_validate`` of the same values would build, at a fraction of
    its cost and of ``model_construct``'s. For values already proven valid only: the vectorized
    gate's screened rows and the trusted load of the shipped data. tests/test_validation_fast.py
    and tests/test_loader.py compare the records with validated ones.
    """
    if list(fields) != list(model.model_fields) or any(
        not info.is_required() and info.get_default(call_default_factory=True) is not None
        for info in model.model_fields.values()
    ):
        # Only the models' shape (every optional field defaults to None) is covered here.
        return [model.model_validate({k: v for k, v in zip(fields, row, strict=True) if v is not None}) for row in rows]
    new, set_attribute = object.__new__, object.__setattr__
    private = {name: attribute.get_default() for name, attribute in model.__private_attributes__.items()}
    names = tuple(fields)
    # Days are typed (datetime.date) in the records, ISO text in the rows: converted as the model would.
    days = [name for name, info in model.model_fields.items() if holds(info.annotation, dt.date)]
    day = dt.date.fromisoformat
    nones = repeat(None)
    # Records with the same empty cells share one fields-set: the models are frozen, so pydantic
    # never adds to it (model_copy copies it first), and a set of a dozen names is the largest
    # object of a record, larger than its __dict__.
    fields_sets: dict[tuple[bool, ...], set[str]] = {}
    records: list[R] = []
    for row in rows:
        record = new(model)
        values = dict(zip(names, row, strict=True))
        for name in days:
            if values[name] is not None:
                values[name] = day(values[name])
        key = tuple(map(is_, row, nones))
        fields_set = fields_sets.get(key)
        if fields_set is None:
            fields_set = fields_sets[key] = {name for name, empty in zip(names, key, strict=True) if not empty}
        set_attribute(record, "__dict__", values)
        set_attribute(record, "__pydantic_fields_set__", fields_set)
        set_attribute(record, "__pydantic_extra__", None)
        set_attribute(record, "__pydantic_private__", dict(private))
        records.append(record)
    return records


def first_error(error: ValidationError, resource: Resource) -> tuple[str | None, str]:
    """The first error's column and its message in the gate's plain words (value quoted, what to write)."""
    # Imported only on this error path: loading valid data never needs the gate's modules.
    from summitdata.validation.explain import explain

    detail = error.errors(include_url=False)[0]
    field = str(detail["loc"][0]) if detail["loc"] else None
    message = detail["msg"].removeprefix("Value error, ")
    if field is None and ":" in message.split(" ")[0]:
        field = message.partition(": ")[0]
    head, hint = explain(resource, field, detail)
    return field, f"{head} — {hint}" if hint else head


def load_table(root: Path, resource: Resource) -> list[Record]:
    """One table's records, each validated by its model."""
    path = root / resource.path
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LoadError(resource.path, None, None, f"cannot read the file: {exc}") from None
    try:
        return _records(resource, iter_rows(text))
    except CsvSyntaxError as exc:
        raise LoadError(resource.path, exc.line, None, f"the CSV cannot be parsed: {exc.message}") from None


def _pinned(contents: dict[str, bytes]) -> bool:
    """Whether every table holds the bytes of the data this software ships (src/summitdata/_pins.py)."""
    try:
        from summitdata._pins import TABLE_SHA256
    except ImportError:  # a checkout before its first `summitdata generate`
        return False
    return all(hashlib.sha256(data).hexdigest() == TABLE_SHA256.get(path) for path, data in contents.items())


def trusted_table(resource: Resource, data: bytes) -> list[Record]:
    """The records of a table whose bytes hold the shipped data's pin, built without validating again.

    Those bytes passed the gate and every model in CI, so each cell becomes what
    ``model_validate`` makes of it (empty → None, integers parsed, days typed) directly.
    tests/test_loader.py compares the result with the validated records.
    """
    rows = csv.reader(io.StringIO(data.decode("utf-8"), newline=""), strict=True)
    next(rows)  # the header: pinned, so it is the model's
    ints = {i for i, name in enumerate(resource.fields) if name in int_fields(resource.model)}
    values = ([None if c == "" else int(c) if i in ints else c for i, c in enumerate(row)] for row in rows)
    return construct_records(resource.model, resource.fields, values)


def _records(resource: Resource, rows: Iterator[CsvRow]) -> list[Record]:
    header_row = next(rows, None)
    if header_row is None:
        raise LoadError(resource.path, 1, None, "the file is empty; it needs at least its header row")
    header = header_row.cells
    if header != resource.fields:
        raise LoadError(resource.path, 1, None, f"header must be {','.join(resource.fields)}")
    records: list[Record] = []
    for row in rows:
        if len(row.cells) != len(header):
            raise LoadError(
                resource.path,
                row.line,
                None,
                f"expected {len(header)} cells, found {len(row.cells)}",
            )
        try:
            records.append(resource.model.model_validate(cells_to_values(resource, header, row.cells)))
        except ValidationError as exc:
            field, message = first_error(exc, resource)
            raise LoadError(resource.path, row.line, f"{resource.name}.{field}" if field else None, message) from None
    return records


def _engine_for(engine: str, size: int) -> str:
    """load()'s engine for ``size`` bytes of CSV; FastEngineMissingError for ``fast`` without pyarrow."""
    picked = pick(engine, size, LOAD_FAST_THRESHOLD_BYTES)
    if picked == "fast" and not fast_available():
        raise FastEngineMissingError("load(engine='fast')")
    return picked


def validated_tables(root: Path, engine: str = "auto") -> dict[str, Table[Record]]:
    """Every table of the package at ``root``, each row validated by its model.

    ``engine`` (see :mod:`summitdata.engines`): ``rows`` validates row by row; ``fast`` screens
    whole columns with pyarrow as the gate does, and builds the records of each table with no
    problem directly; ``auto`` is ``fast`` above LOAD_FAST_THRESHOLD_BYTES of CSV when pyarrow
    is installed. A table with any problem is read row by row all the same, so the LoadError,
    and the records, never depend on the engine. Raises ValueError for an unknown engine,
    FastEngineMissingError for ``fast`` without pyarrow.
    """
    screened: dict[str, list[Record] | None] = {}
    if _engine_for(engine, csv_bytes(root)) == "fast":
        from summitdata.validation.fast import screened_records

        try:
            screened = screened_records(root)
        except Exception:  # a shortcut that fails is no verdict: the row path reads every table and decides
            screened = {}
    tables: dict[str, Table[Record]] = {}
    for resource in RESOURCES:
        records = screened.get(resource.name)
        if records is None:
            records = load_table(root, resource)
        tables[resource.name] = Table(resource.name, records)
    return tables


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Python's cycle collector off while records are built, then as it was.

    Loading creates a few objects per row, all kept: with the default thresholds the collector
    walks every one of them again and again for cycles it never finds (a tenth to a sixth of a
    100,000-row load, when this was measured). Reference counting still frees everything else at once,
    and the collector runs at its next threshold after. A caller that had disabled it keeps it so;
    with two loads in two threads, the first to finish re-enables it.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load(path: str | Path | None = None, *, engine: Engine = "auto") -> Dataset:
    """Load the data package at ``path`` (default: the copy shipped with the installed package).

    The shipped data (the same bytes, wherever they are) passed the gate: its records are
    built directly. Any other copy is validated, by the ``engine`` given (see
    :func:`validated_tables`): ``auto`` screens large tables with pyarrow when the ``fast``
    extra is installed. Without it, reads with only the standard library's csv and with
    pydantic: nothing heavy.
    """
    root = Path(path) if path is not None else bundled_root()
    if root.is_file():
        root = root.parent
    _engine_for(engine, 0)  # an unknown engine, or fast without pyarrow, refused before any file is read
    try:
        # pydantic_core's parser, loaded already: importing json cost a load 5 million of its
        # instructions, and json's recursion met a deeply nested descriptor with a RecursionError.
        descriptor = from_json((root / DESCRIPTOR).read_bytes())
        version = descriptor["version"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise LoadError(DESCRIPTOR, None, "version", f"cannot read the package version: {exc}") from None
    contents: dict[str, bytes] | None = {}  # the files' bytes, while each one read holds its pin
    # Every file is read here, even past the first that differs from its pin: a missing or unreadable
    # file is so reported before any table is validated, whichever table it is.
    for resource in RESOURCES:
        try:
            data = (root / resource.path).read_bytes()
        except OSError as exc:
            raise LoadError(resource.path, None, None, f"cannot read the file: {exc}") from None
        if contents is not None:
            contents[resource.path] = data
            if not _pinned({resource.path: data}):
                # Not the shipped data: each table is read again as it is validated. Kept until
                # then, the files' bytes were a tenth of a 100,000-row load's peak memory.
                contents = None
    with _cycle_collector_paused():
        if contents is not None:
            tables = {r.name: Table(r.name, trusted_table(r, contents[r.path])) for r in RESOURCES}
        else:
            tables = validated_tables(root, engine)
        return Dataset(version=str(version), root=root, tables=tables)
