"""Reading and writing the package's CSV dialect: UTF-8, comma, LF, one header row."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from summitdata._regex import POSSESSIVE


class CsvSyntaxError(ValueError):
    """A CSV text cannot be parsed; ``line`` is the physical line where parsing stopped."""

    def __init__(self, line: int, message: str, hint: str = "") -> None:
        super().__init__(f"line {line}: {message}")
        self.line, self.message, self.hint = line, message, hint


# One RFC 4180 field: quoted (quotes doubled inside, line breaks allowed), or unquoted without any quote.
# The quoted form is unrolled (runs without a quote, each followed by a doubled quote): every
# character can be matched one way only, so a long cell is one linear pass, never a backtrack;
# possessive, so its doubled quotes take no memory each (summitdata._regex).
_FIELD = rf'(?:"[^"]*(?:""[^"]*)*{POSSESSIVE}"|[^",\n]*)'
#: A whole record as RFC 4180 writes it. Python's csv module also takes `Joe "Joey" Biden`
#: unquoted (the quotes become content); the package's dialect does not. Compiled on first use
#: (``re`` caches it), as a record with a quote is the only one that needs it.
STRICT_RECORD_PATTERN = rf"{_FIELD}(?:,{_FIELD})*\n?"


class CsvRow(NamedTuple):
    """A data row with the physical line (1-based) it starts on."""

    line: int
    cells: list[str]


def iter_rows(text: str) -> Iterator[CsvRow]:
    """Yield the rows of a CSV text, header included, with their physical line numbers.

    A quoted cell spanning lines does not shift later numbers: each row reports the
    line it starts on.
    """
    # Physical lines end at LF only: a CR inside a quoted cell is content, not a line break.
    parts = text.split("\n")
    if parts[-1] == "":
        parts.pop()  # the text ends with a line end: no further line
    lines = iter([f"{part}\n" for part in parts])
    reader = csv.reader(lines, strict=True)
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise CsvSyntaxError(start, str(exc)) from None
        if any('"' in part for part in parts[start - 1 : reader.line_num]):
            record = "\n".join(parts[start - 1 : reader.line_num])
            if re.fullmatch(STRICT_RECORD_PATTERN, record) is None:
                raise CsvSyntaxError(
                    start,
                    "a double quote inside a cell that is not quoted",
                    'put the whole cell in double quotes and double the quotes inside it ("Joe ""Joey"" Biden")',
                )
        yield CsvRow(start, cells)
        start = reader.line_num + 1


def read_text(path: Path) -> str:
    """Read a file as strict UTF-8 (no BOM stripping: a BOM is an error for the gate)."""
    return path.read_bytes().decode("utf-8")


def to_csv(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Serialize rows in the package's dialect."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()
