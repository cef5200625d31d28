"""Pathological contributions get a short report from both engines, never a flood or a crash."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from summitdata.validation import Report, validate_package
from summitdata.validation.fast import validate_fast
from tests.conftest import ROOT


def _both(root: Path) -> Report:
    report = validate_package(root)
    assert validate_fast(root).problems == report.problems
    return report


def test_a_million_blank_lines_are_one_problem(package_copy: Path) -> None:
    """A run of blank rows is reported once, naming its first and last line, by both engines."""
    path = package_copy / "data" / "people.csv"
    lines = path.read_text(encoding="utf-8").count("\n")
    path.write_text(path.read_text(encoding="utf-8") + "\n" * 1_000_000, encoding="utf-8")
    (problem,) = [p for p in _both(package_copy).problems if p.file == "data/people.csv"]
    assert (problem.code, problem.line) == ("blank-row", lines + 1)
    assert problem.message == f"lines {lines + 1}–{lines + 1_000_000} are empty (1,000,000 rows)"


def test_separate_blank_lines_are_separate_problems(package_copy: Path) -> None:
    """Blank rows apart from each other are each reported at their line."""
    path = package_copy / "data" / "people.csv"
    text = path.read_text(encoding="utf-8").split("\n")
    text[2:2] = [""]
    text[5:5] = ["", ""]
    path.write_text("\n".join(text), encoding="utf-8")
    blank = [(p.line, p.message) for p in _both(package_copy).problems if p.code == "blank-row"]
    assert blank == [(3, "the row is empty"), (6, "lines 6–7 are empty (2 rows)")]


@pytest.mark.parametrize("name", ["data/summit.json", "datapackage.json"])
def test_json_nested_100000_deep_is_reported_as_too_deep(package_copy: Path, name: str) -> None:
    """A JSON file nested 100,000 deep gets json-too-deep at its line from both engines."""
    (package_copy / name).write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    codes = {(p.code, p.file, p.line) for p in _both(package_copy).problems}
    assert ("json-too-deep", name, 1) in codes


#: Address-space caps (MiB) well under the gate's file limit (2 GiB): the row engine's, and the fast
#: engine's, whose thread pool reserves a stack per core.
ADDRESS_SPACE_CAPS = {"rows": 768, "fast": 1536}


@pytest.mark.parametrize("engine", sorted(ADDRESS_SPACE_CAPS))
def test_the_gate_validates_the_real_package_under_a_capped_address_space(engine: str) -> None:
    """With `ulimit -v` set (as some CI runners and containers do), each engine still reads every file."""
    cap = ADDRESS_SPACE_CAPS[engine] * 1024**2
    # The child caps itself before it imports anything, then runs validate.py as `python validate.py` would.
    capped = (
        "import resource, runpy, sys; "
        f"resource.setrlimit(resource.RLIMIT_AS, ({cap}, {cap})); "
        "sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')"
    )
    result = subprocess.run(
        [sys.executable, "-c", capped, str(ROOT / "validate.py"), str(ROOT), "--engine", engine],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("valid: ")


def _doubled_quotes_header(root: Path) -> None:
    path = root / "data" / "people.csv"
    header, rest = path.read_text(encoding="utf-8").split("\n", 1)
    cells = ",".join(['"' + '""' * 65_000 + '"'] * 100)  # each cell under the csv module's field limit
    path.write_text(f"{header},{cells}\n{rest}", encoding="utf-8")


def _crafted_slug(root: Path) -> None:
    path = root / "data" / "summit.json"
    text = path.read_text(encoding="utf-8")
    start = text.index('"id": "', text.index('"people": [')) + len('"id": "')
    path.write_text(text[:start] + "a-" * 5_000_000 + "a" + text[text.index('"', start) :], encoding="utf-8")


def _backtracking_schema(root: Path) -> None:
    schema_path = root / "schemas" / "summit.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    schema["properties"]["name"] = {"type": "string", "pattern": "^(a+)+$"}
    schema_path.write_text(json.dumps(schema, indent=2) + "\n", encoding="utf-8")
    path = root / "data" / "summit.json"
    path.write_text(
        path.read_text(encoding="utf-8").replace('"summitdata"', '"' + "a" * 40 + 'b"', 1), encoding="utf-8"
    )


#: Crafted input that took a backtracking regex engine gigabytes or forever, and the line the gate reports it with.
CRAFTED = {
    "a 13 MB header line of doubled quotes (884 MB before)": (
        _doubled_quotes_header,
        "data/people.csv:1: [header-error]",
    ),
    "a 10 MB id in a stale summit.json (918 MB before)": (_crafted_slug, "/people/0/id: [json-schema-error]"),
    "a schema pattern that backtracks exponentially (never ended)": (
        _backtracking_schema,
        "/name: [json-schema-error]",
    ),
}


@pytest.mark.parametrize("case", CRAFTED)
def test_crafted_input_is_reported_within_a_memory_and_cpu_cap(package_copy: Path, case: str) -> None:
    """Under 768 MiB of address space and 120 s of CPU (limits, not timings: a regression fails, never hangs), the
    row engine reports each crafted input."""
    make, expected = CRAFTED[case]
    make(package_copy)
    cap = ADDRESS_SPACE_CAPS["rows"] * 1024**2
    capped = (
        "import resource, runpy, sys; "
        f"resource.setrlimit(resource.RLIMIT_AS, ({cap}, {cap})); "
        "resource.setrlimit(resource.RLIMIT_CPU, (120, 120)); "
        "sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')"
    )
    result = subprocess.run(
        [sys.executable, "-c", capped, str(ROOT / "validate.py"), str(package_copy), "--engine", "rows"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stderr) == (1, "")
    assert expected in result.stdout
