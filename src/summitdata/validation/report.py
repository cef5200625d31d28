"""Formatting a gate report: plain text for people, JSON for programs."""

from __future__ import annotations

import json
from itertools import groupby
from typing import Any

from summitdata.validation.package import Report
from summitdata.validation.problems import Problem

FORMATS = ("text", "json")


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
    if report.valid:
        lines.append(f"valid: {report.rows} rows checked in {report.seconds:.2f}s")
    else:
        files = len({p.file for p in report.problems})
        lines.append(
            f"invalid: {len(report.problems)} problem(s) in {files} file(s); {report.rows} rows passed their model"
        )
    return "\n".join(lines) + "\n"


def format_json(report: Report) -> str:
    counts: dict[str, int] = {}
    for problem in report.problems:
        counts[problem.code] = counts.get(problem.code, 0) + 1
    data: dict[str, Any] = {
        "valid": report.valid,
        "problems": [p.as_dict() for p in report.problems],
        "counts": {"problems": len(report.problems), "rows": report.rows, "by_code": counts},
        "seconds": round(report.seconds, 4),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def format_report(report: Report, fmt: str) -> str:
    return format_json(report) if fmt == "json" else format_text(report)
