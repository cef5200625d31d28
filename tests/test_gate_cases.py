"""The contribution gate against the corpus of invalid cases in tests/cases/invalid/.

Each case is one small break of the real package (see tests/cases/edits.py for the format).
The gate must report exactly the expected set of (code, file, line, field), each problem with a
hint, in every output format, with the expected exit code and no traceback.

Cases in :data:`tests.cases.defects.KNOWN_GATE_DEFECTS` hold what a careful reviewer expects but the gate does not
report yet; they are strict xfails, so fixing the gate turns them into failures that say
"remove me from the list".
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

import summitdata.validation
from summitdata.cli import run
from summitdata.validation import CODES, Report, validate_package
from summitdata.validation.files import MAX_FILE_BYTES
from summitdata.validation.report import GENERATE_PENDING, printable, verdict
from tests.cases.defects import GATE_CRASHES, KNOWN_GATE_DEFECTS
from tests.cases.edits import (
    INVALID,
    Case,
    EditError,
    apply_edit,
    build_case,
    case_folders,
    copy_package,
    load_cases,
)

CASES: list[Case] = load_cases()
BY_NAME: dict[str, Case] = {case.name: case for case in CASES}

#: Covered by the release-check corpus, not this one.
RELEASE_CODES = frozenset({"version-not-bumped", "released-id-removed", "changelog-mismatch", "changelog-incomplete"})

MIN_CASES = 70
MIN_MIXTURES = 8

ProblemKey = tuple[str, str, int | None, str | None]


def _params(crashes_only: bool) -> list[object]:
    params: list[object] = []
    for case in CASES:
        marks = []
        if case.name in (GATE_CRASHES if crashes_only else KNOWN_GATE_DEFECTS):
            marks.append(pytest.mark.xfail(reason=KNOWN_GATE_DEFECTS[case.name], strict=True))
        params.append(pytest.param(case, id=case.name, marks=marks))
    return params


def _keys(report: Report) -> set[ProblemKey]:
    return {(p.code, p.file, p.line, p.field) for p in report.problems}


def _printed(keys: set[ProblemKey]) -> set[ProblemKey]:
    """The keys as every output format prints them: names escaped by report.printable."""
    return {
        (code, printable(file), line, None if field is None else printable(field)) for code, file, line, field in keys
    }


def _limit(case: Case) -> int:
    return case.max_bytes if case.max_bytes is not None else MAX_FILE_BYTES


Built = Callable[[Case], tuple[Path, Report]]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Each case's package and report, built and validated once for the whole module."""
    cache: dict[str, tuple[Path, Report]] = {}

    def get(case: Case) -> tuple[Path, Report]:
        if case.name not in cache:
            package = build_case(case, tmp_path_factory.mktemp(case.name) / "package")
            cache[case.name] = (package, validate_package(package, _limit(case)))
        return cache[case.name]

    return get


@pytest.mark.parametrize("case", _params(crashes_only=False))
def test_the_gate_reports_exactly_the_expected_problems(case: Case, built: Built) -> None:
    _, report = built(case)
    assert _keys(report) == set(case.problems)


def _run_cli(args: list[str]) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    code = run(args, stdout, stderr)
    return code, stdout.getvalue(), stderr.getvalue()


@pytest.fixture
def cached_gate(monkeypatch: pytest.MonkeyPatch) -> dict[Path, tuple[int, Report]]:
    """Make the CLI reuse a report already computed for a package (the command's plumbing is what is tested)."""
    reports: dict[Path, tuple[int, Report]] = {}
    real = summitdata.validation.validate_package

    def cached(root: Path, max_bytes: int = MAX_FILE_BYTES) -> Report:
        if root in reports:
            limit, report = reports[root]
            assert max_bytes == limit, "the CLI did not pass --max-bytes through"
            return report
        return real(root, max_bytes)

    monkeypatch.setattr(summitdata.validation, "validate_package", cached)
    return reports


@pytest.mark.parametrize("case", _params(crashes_only=True))
def test_every_format_reports_each_problem_once_with_a_hint_and_the_expected_exit_code(
    case: Case, built: Built, cached_gate: dict[Path, tuple[int, Report]]
) -> None:
    package, report = built(case)
    assert report.problems, "an invalid case must not pass"
    assert all(p.hint.strip() and p.message.strip() and p.code in CODES for p in report.problems)
    cached_gate[package] = (_limit(case), report)
    limit = ["--max-bytes", str(case.max_bytes)] if case.max_bytes is not None else []
    outputs: dict[str, str] = {}
    for fmt in ("text", "json", "github"):
        code, stdout, stderr = _run_cli(["validate", str(package), "--format", fmt, *limit])
        assert (code, stderr) == (case.exit, ""), fmt
        assert "Traceback" not in stdout
        outputs[fmt] = stdout

    text = outputs["text"].splitlines()
    note = [GENERATE_PENDING] if report.generate_pending else []
    assert text[len(report.problems) :] == [*note, verdict(report)]
    if case.exit == 2:
        assert text[-1] == f"not checked: {package} is not a data package"
    else:
        assert text[-1].startswith(f"invalid: {len(report.problems)} problem(s) in ")
        assert f" of {package}; " in text[-1]
    for line, problem in zip(text, report.problems, strict=False):
        # Names and values are printed escaped (a newline in a file name must not forge a line).
        assert line.startswith(printable(problem.file))
        assert f"[{problem.code}]" in line
        assert line.endswith(printable(problem.hint))

    data = json.loads(outputs["json"])
    assert data["valid"] is False
    assert (data["package"], data["generate_after_fixes"]) == (str(package), report.generate_pending)
    assert {(p["code"], p["file"], p["line"], p["field"]) for p in data["problems"]} == _printed(_keys(report))
    assert data["counts"]["problems"] == len(report.problems) == sum(data["counts"]["by_code"].values())

    github = outputs["github"].splitlines()
    assert len(github) == len(report.problems) + len(note) + 1
    assert github[-1] == text[-1]
    for line, problem in zip(github, report.problems, strict=False):
        assert line.startswith("::error file=")
        assert (f",line={problem.line}," in line) == (problem.line is not None)
        assert f"title={problem.code}" in line


#: Cases run through the real command line end to end (no cached report): exit codes, --max-bytes, formats.
END_TO_END = ("descriptor-missing", "file-too-large", "bom", "mixture-files-and-hygiene", "dangling-event-parent")


@pytest.mark.parametrize("name", END_TO_END)
def test_the_command_line_gives_the_expected_exit_code_and_json_report(name: str, tmp_path: Path) -> None:
    case = BY_NAME[name]
    package = build_case(case, tmp_path / "package")
    limit = ["--max-bytes", str(case.max_bytes)] if case.max_bytes is not None else []
    code, stdout, stderr = _run_cli(["validate", str(package), "--format", "json", *limit])
    assert (code, stderr) == (case.exit, "")
    problems = json.loads(stdout)["problems"]
    assert {(p["code"], p["file"], p["line"], p["field"]) for p in problems} == _printed(set(case.problems))


def test_without_the_size_limit_the_oversized_case_is_valid(tmp_path: Path) -> None:
    """file-too-large breaks nothing but the limit: the same package passes under the default limit."""
    case = BY_NAME["file-too-large"]
    assert case.edits == []
    assert validate_package(build_case(case, tmp_path / "package")).problems == []


def test_the_corpus_covers_every_code_except_the_release_codes() -> None:
    covered = {code for case in CASES for code, *_ in case.problems}
    assert covered <= set(CODES)
    assert not covered & RELEASE_CODES
    assert set(CODES) - RELEASE_CODES - covered == set(), "add a case for every new check"


def test_the_corpus_is_large_and_has_mixtures_of_layers() -> None:
    assert len(CASES) >= MIN_CASES
    mixtures = [c for c in CASES if c.name.startswith("mixture-")]
    assert len(mixtures) >= MIN_MIXTURES
    for case in mixtures:
        assert len(case.problems) >= 3, case.name
        assert len({file for _, file, *_ in case.problems}) >= 2, case.name
        assert len({code for code, *_ in case.problems}) >= 2, case.name


def test_every_case_folder_has_its_three_files_and_a_short_readme() -> None:
    folders = case_folders()
    assert [f.name for f in folders] == [c.name for c in CASES]
    for folder in folders:
        assert sorted(p.name for p in folder.iterdir()) == ["README.md", "edits.json", "expected.json"], folder.name
        readme = (folder / "README.md").read_text(encoding="utf-8").strip()
        assert readme, folder.name
        assert len(readme.splitlines()) <= 2, folder.name
    assert INVALID.is_dir()


def test_the_known_defect_list_names_only_existing_cases() -> None:
    assert set(KNOWN_GATE_DEFECTS) <= set(BY_NAME)
    assert set(GATE_CRASHES) <= set(KNOWN_GATE_DEFECTS)


def test_an_unedited_copy_of_the_package_is_valid(tmp_path: Path) -> None:
    package = copy_package(tmp_path / "package")
    assert validate_package(package).problems == []


#: Operations that must fail loudly instead of silently changing nothing.
BAD_EDITS: list[tuple[str, dict[str, object]]] = [
    ("replace-text-absent", {"op": "replace", "file": "data/people.csv", "old": "no such text", "new": "x"}),
    ("replace-too-few", {"op": "replace", "file": "data/people.csv", "old": "vipin-narang,", "new": "x", "count": 9}),
    ("replace-no-change", {"op": "replace", "file": "data/people.csv", "old": "KOR", "new": "KOR"}),
    ("missing-file", {"op": "append", "file": "data/nothing.csv", "text": "x"}),
    ("path-leaves-copy", {"op": "write_text", "file": "../escape.txt", "text": "x"}),
    ("row-absent", {"op": "delete_row", "file": "data/people.csv", "id": "nobody"}),
    ("pointer-absent", {"op": "json_set", "file": "datapackage.json", "pointer": "/nothing/here", "value": 1}),
    ("pointer-unchanged", {"op": "json_set", "file": "datapackage.json", "pointer": "/name", "value": "summitdata"}),
    ("unknown-operation", {"op": "rename", "file": "data/people.csv"}),
]


@pytest.mark.parametrize(("name", "op"), BAD_EDITS, ids=[name for name, _ in BAD_EDITS])
def test_an_edit_that_cannot_apply_as_written_fails_loudly(name: str, op: dict[str, object], tmp_path: Path) -> None:
    package = copy_package(tmp_path / "package")
    with pytest.raises(EditError):
        apply_edit(package, op)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_the_vectorized_engine_reports_exactly_what_the_row_engine_reports(case: Case, built: Built) -> None:
    from summitdata.validation.fast import validate_fast

    package, report = built(case)
    assert validate_fast(package, _limit(case)).problems == report.problems


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_the_current_json_shortcut_changes_no_report_in_either_engine(
    case: Case, built: Built, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the JSON layer always run in full (no shortcut for a current summit.json), both engines report the same."""
    from summitdata.validation import generated
    from summitdata.validation.fast import validate_fast

    package, report = built(case)
    monkeypatch.setattr(generated, "TRUST_GENERATED", False)
    assert validate_package(package, _limit(case)).problems == report.problems
    assert validate_fast(package, _limit(case)).problems == report.problems
