"""Time the gate on pathological contributions: each is reported within seconds, with memory bounded.

    python bench/pathological.py            # writes bench/pathological-results.json

Each case is a copy of the real package with one pathological file, run through both engines
as a contributor runs the gate (``python validate.py PACKAGE --engine rows|fast --format json``,
a fresh process, start-up included). The baseline is the unchanged real package, timed the same
way in the same run. The two engines must give the same report (exit status and problems);
the results file holds each run's wall time, peak memory, exit status and problem codes.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from run import PYTHON, VALIDATE, child, machine  # noqa: E402  # bench/ is the script's folder
from tests.cases import crafted  # noqa: E402
from tests.cases.edits import copy_package  # noqa: E402

from summitdata.csvio import to_csv  # noqa: E402  # after the path set-up above

PEOPLE = "data/people.csv"


def _wide_header(root: Path) -> None:
    """people.csv's header with 100,000 extra columns."""
    path = root / PEOPLE
    header, rest = path.read_text(encoding="utf-8").split("\n", 1)
    extra = ",".join(f"extra{i}" for i in range(100_000))
    path.write_text(f"{header},{extra}\n{rest}", encoding="utf-8")


def _huge_cell(root: Path) -> None:
    """A 10 MB note in the first person's row (one cell, one line)."""
    path = root / PEOPLE
    header, *rows = csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline=""))
    rows[0][header.index("note")] = "a" * 10_000_000
    path.write_text(to_csv(header, rows), encoding="utf-8")


def _blank_lines(root: Path) -> None:
    """A million blank lines at the end of people.csv."""
    with (root / PEOPLE).open("a", encoding="utf-8") as file:
        file.write("\n" * 1_000_000)


def _deep_json(root: Path) -> None:
    """data/summit.json nested 100,000 deep."""
    (root / "data/summit.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")


def _unended_record(root: Path) -> None:
    """data/summit.json as generated up to its last event, which opens a string that never ends: 5 million escaped
    quotes (10 MB) to the end of the file. The gate walks the file beside the generator's document, through a
    window that doubles until the file ends, then parses the whole and reports it."""
    path = root / "data/summit.json"
    text = path.read_bytes()
    start = text.rindex(b'\n    {\n      "id": ', 0, text.index(b'\n  "agreements": ')) + len(b"\n    ")
    path.write_bytes(text[:start] + b'{"id": "' + b'\\"' * 5_000_000)


CASES: dict[str, Callable[[Path], None]] = {
    "header with 100,000 extra columns": _wide_header,
    "a 10 MB cell": _huge_cell,
    "a 13 MB header line of doubled quotes": crafted.doubled_quotes_header,
    "a million blank lines": _blank_lines,
    "summit.json nested 100,000 deep": _deep_json,
    "a summit.json record that never ends (10 MB of escaped quotes)": _unended_record,
    "a 10 MB id in summit.json": crafted.crafted_id,
    "a 5 MB CITATION.cff of 300,000 keys": crafted.citation_of_many_keys,
    "120,000 bad authors in CITATION.cff": crafted.citation_of_many_bad_authors,
    "a summit.json of five million bare numbers": crafted.summit_of_bare_numbers,
    "a datapackage.json of two million bare resources": crafted.descriptor_of_many_resources,
    "a summit schema of 20,000 alternatives for every field": crafted.schema_of_many_alternatives,
    "a stale table schema of 100 MB": crafted.stale_table_schema_of_100_mb,
}


def _gate(root: Path, engine: str) -> dict[str, Any]:
    result = child([PYTHON, VALIDATE, str(root), "--engine", engine, "--format", "json"], report=True)
    report = result.pop("report")
    result["codes"] = dict(Counter(problem["code"] for problem in report["problems"]))
    result["problems"] = [(p["file"], p["line"], p["field"], p["code"]) for p in report["problems"]]
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE / "pathological-results.json")
    parser.add_argument("--make", nargs=2, metavar=("DIR", "CASE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make:
        # Run as a child: Linux keeps a process's peak RSS across fork and exec, so the parent
        # never holds the large inputs that would inflate every gate's measured peak memory.
        root = copy_package(Path(args.make[0]))
        if args.make[1] in CASES:
            CASES[args.make[1]](root)
        return 0
    results: dict[str, Any] = {"machine": machine(), "cases": {}}
    agree = True
    with tempfile.TemporaryDirectory() as scratch:
        for name in ["the real package, unchanged (baseline)", *CASES]:
            root = Path(scratch) / "package"
            child([PYTHON, __file__, "--make", str(root), name])
            runs = {engine: _gate(root, engine) for engine in ("rows", "fast")}
            same = all(runs["rows"][key] == runs["fast"][key] for key in ("status", "problems"))
            agree &= same
            for run in runs.values():
                del run["problems"]  # kept as codes; the full lists were compared above
            results["cases"][name] = {"engines_agree": same, **runs}
            print(name, json.dumps(results["cases"][name]), flush=True)
            shutil.rmtree(root)
    baseline = results["cases"]["the real package, unchanged (baseline)"]
    results["slowest_case_to_baseline"] = {
        engine: round(max(case[engine]["wall"] for case in results["cases"].values()) / baseline[engine]["wall"], 1)
        for engine in ("rows", "fast")
    }
    results["finished"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0 if agree else 1


if __name__ == "__main__":
    raise SystemExit(main())
