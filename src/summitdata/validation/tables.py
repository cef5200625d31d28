"""Layers 1–3 of the gate: files, CSV hygiene, and every cell through the pydantic models."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from summitdata.csvio import CsvSyntaxError, iter_rows
from summitdata.fields import NFC_CODE, TEXT_RULES
from summitdata.loader import cells_to_values
from summitdata.models import Record
from summitdata.resources import Resource
from summitdata.validation.explain import STRAIGHT_QUOTE_HINT, explain, straight_quote, straight_quote_columns
from summitdata.validation.files import MAX_FILE_BYTES, RefusedFileError, read_limited
from summitdata.validation.problems import Problem

# Pydantic error types → the gate's codes.
_TYPE_ERRORS = {
    "string_type",
    "int_type",
    "int_parsing",
    "int_from_float",
    "bool_type",
    "bool_parsing",
}
_CONSTRAINT_ERRORS = {
    "string_pattern_mismatch",
    "literal_error",
    "enum",
    "string_too_short",
    "string_too_long",
    "greater_than_equal",
    "less_than_equal",
}


_Report = Callable[[int | None, str, str, str], None]


class LoadedRow:
    """A record that passed its model, with where it came from."""

    __slots__ = ("line", "record", "values")

    def __init__(self, line: int, record: Record, values: dict[str, Any]) -> None:
        self.line, self.record, self.values = line, record, values


_TEXT_CODES = {rule.code.replace("-", "_"): rule.code for rule in (*TEXT_RULES,)} | {
    NFC_CODE.replace("-", "_"): NFC_CODE
}


def _code_for(error_type: str, field: str | None) -> str:
    if error_type in _TEXT_CODES:
        return _TEXT_CODES[error_type]
    if error_type == "row_rule":
        return "row-rule-error"
    if error_type == "missing":
        return "required-error"
    if error_type in _TYPE_ERRORS:
        return "type-error"
    if error_type in _CONSTRAINT_ERRORS:
        return "constraint-error"
    return "constraint-error" if field else "row-rule-error"


def row_problems(
    resource: Resource, line: int, error: ValidationError, values: dict[str, Any] | None = None
) -> Iterator[Problem]:
    """One problem per cell error; for a row-rule failure, one per rule the row breaks."""
    for detail in error.errors(include_url=False):
        if detail["type"] == "row_rule" and values is not None:
            for rule in resource.model.row_rules:
                if not rule.violated(values):
                    continue
                blamed = straight_quote_columns(rule, values)
                for column in blamed:
                    yield Problem(
                        resource.path,
                        line,
                        f"{resource.name}.{column}",
                        "quote-not-found",
                        straight_quote(values[column]) or "",
                        STRAIGHT_QUOTE_HINT,
                        resource.name,
                        values[column],
                    )
                if not blamed:
                    yield Problem(
                        resource.path,
                        line,
                        f"{resource.name}.{rule.field}",
                        rule.code,
                        rule.message,
                        rule.hint,
                        resource.name,
                    )
            continue
        field = str(detail["loc"][0]) if detail["loc"] else None
        message = detail["msg"].removeprefix("Value error, ")
        code = _code_for(detail["type"], field)
        if field is None and ": " in message and message.split(": ", 1)[0].isidentifier():
            # Row rules name the column they are about as "column: message".
            field, message = message.split(": ", 1)
        value = detail.get("input")
        head, hint = explain(resource, field, detail)
        yield Problem(
            file=resource.path,
            line=line,
            field=f"{resource.name}.{field}" if field else None,
            code=code,
            message=head,
            hint=hint,
            resource=resource.name,
            value=value if isinstance(value, str) else None,
        )


def _decode(raw: bytes, report: _Report) -> str | None:
    """The file's text after the byte-level checks (BOM, UTF-8, line ends), or None."""
    if raw.startswith(b"\xef\xbb\xbf"):
        report(1, "bom-error", "the file starts with a UTF-8 byte-order mark", "save as UTF-8 without BOM")
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        report(line, "encoding-error", f"byte 0x{raw[exc.start]:02x} is not valid UTF-8", "save the file as UTF-8")
        return None
    if "\r" in text:
        text = _line_ends(text, report)
    return text


def _line_ends(text: str, report: _Report) -> str:
    """Report CR line ends (CRLF, or a lone CR outside quotes) once, and drop them.

    A CR inside a quoted cell is the cell's content: the text rules report it there.
    """
    kept: list[str] = []
    quoted = False
    first: int | None = None
    line = 1
    for char in text:
        if char == '"':
            quoted = not quoted
        elif char == "\n":
            line += 1
        elif char == "\r" and not quoted:
            first = first or line
            continue
        kept.append(char)
    if first is not None:
        report(first, "line-ending-error", "the file has CR or CRLF line ends", "save with LF (Unix) line ends")
    return "".join(kept)


#: The most characters of one column name a message shows (a crafted header cell can be 130 KB).
NAME_CHARS = 80


def _name(name: str) -> str:
    """A column name for a message: printable, and cut after NAME_CHARS characters, with its length."""
    shown = repr(name) if not name or not name.isprintable() else name
    return shown if len(shown) <= NAME_CHARS else f"{shown[:NAME_CHARS]}… ({len(name):,} characters)"


def _names(names: list[str], limit: int = 10) -> str:
    """Column names for a message: at most ``limit`` of them, each as :func:`_name` shows it."""
    shown = ", ".join(_name(name) for name in names[:limit])
    return shown + (f" and {len(names) - limit:,} more" if len(names) > limit else "")


def _header_ok(header: list[str], resource: Resource, report: _Report) -> bool:
    """Compare the header with the schema's columns, in time linear in the header's length."""
    expected = ",".join(resource.fields)
    if len(header) == 1 and any(sep in header[0] for sep in ";\t|"):
        report(
            1, "header-error", "the header is one cell: the file is not comma-separated", "separate cells with commas"
        )
        return False
    if header == resource.fields:
        return True
    if header[:-1] == resource.fields and header[-1] == "":
        report(1, "header-error", "the header ends with a comma (an empty column name)", "delete the trailing comma")
        return False
    counts = Counter(header)
    duplicates = sorted(name for name, count in counts.items() if count > 1)
    if duplicates:
        report(1, "header-error", f"the header repeats {_names(duplicates)}", f"use exactly: {expected}")
        return False
    known = set(resource.fields)
    missing = [f for f in resource.fields if f not in counts]
    extra = [f for f in header if f not in known]
    empty = "" in counts
    parts = [
        f"missing {_names(missing)}" if missing else "",
        f"unknown {_names([f for f in extra if f])}" if any(extra) else "",
        "an empty column name (a stray comma?)" if empty else "",
    ]
    detail = "; ".join(p for p in parts if p) or "columns out of order"
    report(1, "header-error", f"the header does not match the schema ({detail})", f"use exactly: {expected}")
    return False


def _read(root: Path, resource: Resource, max_bytes: int, report: _Report) -> bytes | None:
    try:
        return read_limited(root, resource.path, max_bytes)
    except RefusedFileError as exc:
        if exc.code == "file-missing":
            report(None, "file-missing", "the file does not exist", f"restore {resource.path} from the repository")
        else:
            report(None, exc.code, exc.message, exc.hint)
        return None


def check_table(
    root: Path,
    resource: Resource,
    problems: list[Problem],
    raw_ids: list[tuple[int, str]] | None = None,
    safe: set[str] | None = None,
    *,
    max_bytes: int = MAX_FILE_BYTES,
) -> list[LoadedRow]:
    """Check one CSV file; return the rows that passed their model.

    ``raw_ids`` collects (line, id cell) of every well-formed row, valid or not, so key
    checks neither miss duplicates nor cascade errors from a row that failed its model.
    ``safe`` is the set of paths the files layer cleared for reading.
    """

    def report(line: int | None, code: str, message: str, hint: str) -> None:
        problems.append(Problem(resource.path, line, None, code, message, hint, resource.name))

    if safe is not None and resource.path not in safe:
        return []  # the files layer reported why it is not read
    raw = _read(root, resource, max_bytes, report)
    if raw is None:
        return []
    text = _decode(raw, report)
    if text is None:
        return []
    loaded: list[LoadedRow] = []
    blank = _BlankRuns(report)
    rows = iter_rows(text)
    try:
        header_row = next(rows, None)
        if header_row is None:
            report(1, "header-error", "the file is empty", f"the header is {','.join(resource.fields)}")
            return []
        if not _header_ok(header_row.cells, resource, report):
            return []
        for row in rows:
            if row.cells in ([], [""]):
                blank.add(row.line)
                continue
            blank.flush()
            if len(row.cells) != len(header_row.cells):
                if raw_ids is not None and row.cells[0]:
                    raw_ids.append((row.line, row.cells[0]))  # keep its id: no cascade of key errors
                report(
                    row.line,
                    "row-length-error",
                    f"expected {len(header_row.cells)} cells, found {len(row.cells)}",
                    "check for a missing or extra comma, or a comma inside an unquoted cell",
                )
            else:
                loaded.extend(_check_row(resource, row.line, row.cells, problems, raw_ids))
    except CsvSyntaxError as exc:
        hint = (
            "remove NUL bytes (save as plain UTF-8 text)"
            if "NUL" in exc.message
            else exc.hint or "close every opened double quote"
        )
        report(exc.line, "csv-syntax-error", f"the CSV cannot be parsed: {exc.message}", hint)
    finally:
        blank.flush()
    return loaded


class _BlankRuns:
    """One problem per run of blank rows: a million empty lines are one line of the report, not a million."""

    def __init__(self, report: _Report) -> None:
        self.report = report
        self.first = self.last = 0

    def add(self, line: int) -> None:
        if self.first and line == self.last + 1:
            self.last = line
            return
        self.flush()
        self.first = self.last = line

    def flush(self) -> None:
        first, last = self.first, self.last
        if not first:
            return
        if first == last:
            self.report(first, "blank-row", "the row is empty", "delete the empty line")
        else:
            message = f"lines {first}–{last} are empty ({last - first + 1:,} rows)"
            self.report(first, "blank-row", message, "delete the empty lines")
        self.first = self.last = 0


def _check_row(
    resource: Resource,
    line: int,
    cells: list[str],
    problems: list[Problem],
    raw_ids: list[tuple[int, str]] | None,
) -> list[LoadedRow]:
    if raw_ids is not None:
        raw_ids.append((line, cells[0]))
    values = cells_to_values(resource, resource.fields, cells)
    try:
        record = resource.model.model_validate(values)
    except ValidationError as exc:
        problems.extend(row_problems(resource, line, exc, values))
        return []
    return [LoadedRow(line, record, values)]
