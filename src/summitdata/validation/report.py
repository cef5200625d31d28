"""Formatting a gate report: plain text for people, JSON for programs."""

from __future__ import annotations

import codecs
import json
from dataclasses import replace
from itertools import groupby
from pathlib import Path
from typing import Any

from summitdata.validation.package import Report
from summitdata.validation.problems import Problem

FORMATS = ("text", "json", "github")


def printable(text: str) -> str:
    """``text`` with every character a terminal or log would not show as itself escaped.

    Controls (a newline in a file name would forge a report line), format and bidi controls,
    separators other than the space, private-use, unassigned and lone surrogates (an undecodable
    file name) become ``\\xNN``/``\\uNNNN``/``\\UNNNNNNNN``; everything else, Hangul and curly
    quotes included, is kept. The one escape every output format applies to every name and value.
    """
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else _escape_char(ord(char)) for char in text)


def _escape_char(code: int) -> str:
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _printable_problem(problem: Problem) -> Problem:
    return replace(
        problem,
        file=printable(problem.file),
        field=None if problem.field is None else printable(problem.field),
        message=printable(problem.message),
        hint=printable(problem.hint),
        resource=None if problem.resource is None else printable(problem.resource),
        value=None if problem.value is None else printable(problem.value),
    )


def _for_output(report: Report) -> Report:
    # The folder's name too: it is printed in the verdict and in the JSON report.
    root = Path(printable(str(report.root)))
    return replace(report, root=root, problems=[_printable_problem(p) for p in report.problems])


def encodable(text: str, encoding: str | None) -> str:
    """``text`` as the output stream can encode it: what it cannot becomes a backslash escape."""
    if not encoding:
        return text
    try:
        codecs.lookup(encoding)
    except LookupError:
        return text
    return text.encode(encoding, "backslashreplace").decode(encoding)


def _location(problem: Problem) -> str:
    where = problem.file + (f":{problem.line}" if problem.line is not None else "")
    return where + (f": {problem.field}" if problem.field else "")


def format_text(report: Report) -> str:
    lines: list[str] = []
    for file, group in groupby(report.problems, key=lambda p: p.file):
        for problem in group:
            hint = f" — {problem.hint}" if problem.hint else ""
            lines.append(f"{_location(problem)}: [{problem.code}] {problem.message}{hint}")
        del file
    if report.generate_pending:
        lines.append(GENERATE_PENDING)
    lines.append(verdict(report))
    return "\n".join(lines) + "\n"


#: Said once, at the end, when data problems kept the generated files from being compared.
GENERATE_PENDING = (
    "then: once these are fixed, run `summitdata generate` — the files it writes from the tables "
    "(data/summit.json, docs/, schemas/, datapackage.json) are checked only when the tables are valid"
)


def verdict(report: Report) -> str:
    """The last line: the verdict, naming the folder checked."""
    if any(p.code == "package-error" for p in report.problems):
        return f"not checked: {report.root} is not a data package"
    if report.valid:
        return f"valid: {report.rows} rows in {report.root} checked in {report.seconds:.2f}s"
    files = len({p.file for p in report.problems})
    return (
        f"invalid: {len(report.problems)} problem(s) in {files} file(s) of {report.root}; "
        f"{report.rows} rows passed their model"
    )


def format_json(report: Report, *, ascii_only: bool = False) -> str:
    counts: dict[str, int] = {}
    for problem in report.problems:
        counts[problem.code] = counts.get(problem.code, 0) + 1
    data: dict[str, Any] = {
        "valid": report.valid,
        "package": str(report.root),
        "generate_after_fixes": report.generate_pending,
        "problems": [p.as_dict() for p in report.problems],
        "counts": {"problems": len(report.problems), "rows": report.rows, "by_code": counts},
        "seconds": round(report.seconds, 4),
    }
    return json.dumps(data, ensure_ascii=ascii_only, indent=2) + "\n"


def _escape(text: str, *, property: bool = False) -> str:
    # GitHub workflow-command escaping: data and properties differ in what must be escaped.
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property else text


def format_github(report: Report) -> str:
    """GitHub Actions annotations, so each problem shows on the pull request's diff."""
    lines = []
    for problem in report.problems:
        props = [f"file={_escape(problem.file, property=True)}"]
        if problem.line is not None:
            props.append(f"line={problem.line}")
        title = f"{problem.code}" + (f" in {problem.field}" if problem.field else "")
        props.append(f"title={_escape(title, property=True)}")
        hint = f" — {problem.hint}" if problem.hint else ""
        lines.append(f"::error {','.join(props)}::{_escape(problem.message + hint)}")
    if report.generate_pending:
        lines.append(f"::notice title=summitdata generate::{_escape(GENERATE_PENDING)}")
    lines.append(verdict(report))
    return "\n".join(lines) + "\n"


def format_report(report: Report, fmt: str, encoding: str | None = None) -> str:
    """The report in a format, every name and value escaped by :func:`printable`, encodable in ``encoding``."""
    safe = _for_output(report)
    if fmt == "json":
        text = format_json(safe)
        try:
            text.encode(encoding or "utf-8")
        except (UnicodeEncodeError, LookupError):
            text = format_json(safe, ascii_only=True)  # JSON's own \\u escapes, valid on any stream
        return text
    return encodable({"github": format_github}.get(fmt, format_text)(safe), encoding)
