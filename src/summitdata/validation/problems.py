"""Problems the gate reports, each with a stable slug code (frictionless ``cell-error`` style)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

#: Every code the gate can report, with what it means. Codes never change meaning once released.
CODES: dict[str, str] = {
    "package-error": "The package directory or datapackage.json cannot be read (or a check of the gate failed on it).",
    "file-missing": "A file the package declares does not exist.",
    "unsafe-path": "A declared path is absolute, leaves the package, is a link or a URL, or is not a regular file.",
    "file-too-large": "A file is over the size limit; it is not parsed.",
    "undeclared-file": "A file sits in data/ but no resource declares it.",
    "encoding-error": "A file is not valid UTF-8.",
    "bom-error": "A CSV file starts with a byte-order mark.",
    "line-ending-error": "A CSV file has CR or CRLF line ends instead of LF.",
    "missing-final-line-end": "A CSV file's last line has no line end (LF).",
    "csv-syntax-error": "A CSV file cannot be parsed (e.g. an unterminated quote).",
    "header-error": "A CSV header differs from the schema's columns (names, order, count).",
    "blank-row": "A CSV file has an empty row.",
    "row-length-error": "A row has more or fewer cells than the header.",
    "required-error": "A required cell is empty.",
    "type-error": "A cell is not of the column's type.",
    "constraint-error": "A cell breaks a constraint of its column (pattern, enum, range, calendar date).",
    "text-whitespace": "A text cell has leading or trailing whitespace.",
    "text-control-character": "A text cell holds a control character (line break, tab, NUL …).",
    "text-invisible-character": "A text cell holds an invisible character (zero-width space, BOM, bidi control).",
    "text-not-nfc": "A text cell is not in Unicode normal form NFC.",
    "formula-risk": "A text cell starts with = + - or @, which a spreadsheet would run as a formula.",
    "row-rule-error": "A row breaks a rule across its cells (e.g. end before start, quote missing).",
    "date-bound-stale": "A typed date bound (`…_earliest`/`…_latest`) is not the one derived from its partial date: "
    "it was edited by hand or not regenerated.",
    "primary-key-error": "An id is repeated within a resource.",
    "foreign-key-error": "A reference names a record that does not exist.",
    "fact-check-target": "A fact check names a record or column that does not exist.",
    "source-hash-mismatch": "A stored source's bytes do not match its pinned SHA-256.",
    "quote-not-found": "Words said to be the article's are not found verbatim in it.",
    "basis-source-mismatch": "A record's basis does not fit its source (e.g. a stated record citing a web page).",
    "json-syntax-error": "A JSON file cannot be parsed.",
    "json-duplicate-key": "A JSON object repeats a key.",
    "json-number-error": "A JSON number is NaN, Infinity or too large.",
    "json-too-deep": "A JSON document nests deeper than the limit.",
    "json-schema-error": "A JSON document breaks its JSON Schema.",
    "descriptor-error": "datapackage.json breaks the Data Package profile (Frictionless's own check).",
    "yaml-error": "A YAML file cannot be read safely (syntax, aliases, custom tags, repeated keys).",
    "citation-error": "CITATION.cff is not a valid Citation File Format 1.2.0 document.",
    "parent-cycle": "A record is its own parent, directly or through a chain of parents.",
    "text-unusual-character": "A text cell holds a character plain text does not need (private use, unassigned, "
    "noncharacter, no-break or special space, a combining mark with nothing to combine with).",
    "coverage-missing": "A record the package must hold (src/summitdata/coverage.py) is missing.",
    "generated-stale": "A generated file differs from what `summitdata generate` makes.",
    "version-mismatch": "The package version disagrees with the software's version.",
    "version-not-bumped": "The version is not bumped as far as the change since the base requires.",
    "released-id-removed": "A record ID that a release published is gone or changed.",
    "changelog-mismatch": "The newest CHANGELOG entry disagrees with the package version or is malformed.",
    "changelog-incomplete": "The newest CHANGELOG entry does not mention every changed resource.",
}


#: Longest part of a cell a message quotes; the JSON report keeps the whole value.
SHOWN_CHARACTERS = 60


def show(value: str, limit: int = SHOWN_CHARACTERS) -> str:
    """A cell value as a message quotes it: in quotes, control and invisible characters escaped, shortened.

    ``repr`` escapes every character Python does not print (line breaks, NUL, bidirectional
    controls, zero-width spaces), so a crafted value cannot rewrite the terminal line it is shown on.
    Every human-readable message quotes values through this one function.
    """
    return repr(value[:limit] + ("…" if len(value) > limit else ""))


@dataclass(frozen=True, order=True)
class Problem:
    """One problem, located as precisely as possible."""

    file: str
    line: int | None
    field: str | None
    code: str
    message: str
    hint: str = ""
    resource: str | None = None
    value: str | None = None

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unknown problem code {self.code!r}")

    def sort_key(self) -> tuple[str, int, str, str, str]:
        return (self.file, self.line or 0, self.field or "", self.code, self.message)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)
