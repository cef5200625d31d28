"""Pathological contributions get a short report from both engines, never a flood or a crash."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from summitdata.validation import Report, validate_package
from summitdata.validation.fast import validate_fast
from tests.cases import crafted
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
    result = _capped_gate(ROOT, engine)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("valid: ")


def _capped_gate(root: Path, engine: str, *options: str, cpu_seconds: int | None = None) -> Any:
    """`python validate.py ROOT --engine ENGINE` in a child capped to the engine's address space (and CPU time)."""
    cap = ADDRESS_SPACE_CAPS[engine] * 1024**2
    cpu = f"resource.setrlimit(resource.RLIMIT_CPU, ({cpu_seconds}, {cpu_seconds})); " if cpu_seconds else ""
    # The child caps itself before it imports anything, then runs validate.py as `python validate.py` would.
    capped = (
        "import resource, runpy, sys; "
        f"resource.setrlimit(resource.RLIMIT_AS, ({cap}, {cap})); {cpu}"
        "sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')"
    )
    return subprocess.run(
        [sys.executable, "-c", capped, str(ROOT / "validate.py"), str(root), "--engine", engine, *options],
        capture_output=True,
        text=True,
        check=False,
    )


#: Crafted input that took the gate gigabytes or forever (mostly a backtracking regex engine), and what it reports.
CRAFTED: dict[str, tuple[Callable[[Path], None], list[tuple[str, str | None, str]]]] = {
    "a 13 MB header line of doubled quotes (884 MB before)": (
        crafted.doubled_quotes_header,
        [("data/people.csv", None, "header-error")],
    ),
    "a 10 MB id in a stale summit.json (918 MB before)": (
        crafted.crafted_id,
        [("data/summit.json", "/people/0/id", "json-schema-error")],
    ),
    "a 5 MB CITATION.cff of 300,000 keys (13 s and 500 MB before)": (
        crafted.citation_of_many_keys,
        [("CITATION.cff", None, "file-too-large")],
    ),
    "120,000 bad authors in CITATION.cff (1.2 GB before)": (
        crafted.citation_of_many_bad_authors,
        # The first 20 problems the schema finds: the list's own, then its first items (sorted as text).
        [
            ("CITATION.cff", "authors", "citation-error"),
            *(("CITATION.cff", f"authors.{i}", "citation-error") for i in sorted(range(19), key=str)),
        ],
    ),
    "a summit.json of five million bare numbers (killed at 120 s before)": (
        crafted.summit_of_bare_numbers,
        # The first 50 problems the schema finds: the missing keys, then the first items (sorted as text).
        [
            *(("data/summit.json", "", "json-schema-error") for _ in range(9)),
            *(("data/summit.json", f"/people/{i}", "json-schema-error") for i in sorted(range(41), key=str)),
        ],
    ),
    "a stored article over a mebibyte, pinned": (
        crafted.stored_article_over_a_mebibyte,
        [("data/sources.csv", "sources.path", "file-too-large")],
    ),
    "a datapackage.json of two million bare resources (85 s and 9.8 GB before)": (
        crafted.descriptor_of_many_resources,
        [("datapackage.json", None, "descriptor-error")],
    ),
    "a stale table schema of 100 MB (530 MB before)": (
        crafted.stale_table_schema_of_100_mb,
        # Stale, without its first difference: the file is far larger than the generator's.
        [("schemas/people.schema.json", None, "generated-stale")],
    ),
    "a schema pattern that backtracks exponentially (never ended)": (
        crafted.backtracking_schema,
        [
            ("data/summit.json", "/name", "json-schema-error"),
            ("schemas/summit.schema.json", "/properties/name/pattern", "generated-stale"),
        ],
    ),
}


@pytest.mark.parametrize("case", CRAFTED)
def test_crafted_input_is_reported_within_a_memory_and_cpu_cap(package_copy: Path, case: str) -> None:
    """Under 768 MiB of address space and 120 s of CPU (limits, not timings: a regression fails, never hangs), the
    row engine reports each crafted input, and nothing else."""
    make, expected = CRAFTED[case]
    make(package_copy)
    result = _capped_gate(package_copy, "rows", "--format", "json", cpu_seconds=120)
    assert (result.returncode, result.stderr) == (1, "")
    problems = json.loads(result.stdout)["problems"]
    assert [(p["file"], p["field"], p["code"]) for p in problems] == expected


def test_a_schema_that_asks_too_many_checks_is_stopped_within_a_memory_and_cpu_cap(package_copy: Path) -> None:
    """A hand-made schema of 20,000 alternatives for every field (10 s and 3 GB before) is stopped at its budget of
    checks, and says so; what it found before stays reported."""
    crafted.schema_of_many_alternatives(package_copy)
    result = _capped_gate(package_copy, "rows", "--format", "json", cpu_seconds=120)
    assert (result.returncode, result.stderr) == (1, "")
    problems = json.loads(result.stdout)["problems"]
    stopped = [p for p in problems if p["file"] == "schemas/summit.schema.json"]
    assert [p["code"] for p in stopped] == ["json-schema-error"]
    assert "checks of data/summit.json (64 a value): it was stopped there" in stopped[0]["message"]
    assert {p["code"] for p in problems if p["file"] == "data/summit.json"} == {"json-schema-error"}
