"""summitdata.validation: the real package passes; each kind of break is named precisely."""

from __future__ import annotations

from pathlib import Path

import pytest

from summitdata.validation import CODES, Problem, validate_package
from tests.conftest import ROOT, Edit, edit_file

# (name, file, edit, expected (code, line, field) problems)
CASES: list[tuple[str, str, Edit, set[tuple[str, int | None, str | None]]]] = [
    (
        "country-not-iso",
        "data/people.csv",
        lambda s: s.replace("Vipin Narang,,USA", "Vipin Narang,,Korea"),
        {("constraint-error", 5, "people.country")},
    ),
    (
        "straight-apostrophe-in-quote",
        "data/people.csv",
        lambda s: s.replace("director of Korea’s", "director of Korea's", 1),
        {("quote-not-found", 6, "people.quote")},
    ),
    (
        "dangling-person",
        "data/memberships.csv",
        lambda s: s.replace("cho-ncg-co-head,cho-chang-rae", "cho-ncg-co-head,cho-chang-ra"),
        {("foreign-key-error", 5, "memberships.person_id")},
    ),
    (
        "impossible-date",
        "data/events.csv",
        lambda s: s.replace("2024-07-09,2024-07-11", "2024-07-09,2024-02-30"),
        {("constraint-error", 7, "events.end_date")},
    ),
    (
        "duplicate-id",
        "data/people.csv",
        lambda s: s + s.splitlines(keepends=True)[-1],
        {("primary-key-error", 8, "people.id")},
    ),
    (
        "unknown-enum",
        "data/fact_checks.csv",
        lambda s: s.replace(",start_date,refined,", ",start_date,wrong,", 1),
        {("constraint-error", 2, "fact_checks.status")},
    ),
    (
        "missing-required",
        "data/workstreams.csv",
        lambda s: s.replace("strategic-communications,ncg,5,", "strategic-communications,ncg,,"),
        {("required-error", 6, "workstreams.position")},
    ),
    (
        "not-an-integer",
        "data/workstreams.csv",
        lambda s: s.replace("strategic-communications,ncg,5,", "strategic-communications,ncg,5.0,"),
        {("type-error", 6, "workstreams.position")},
    ),
    (
        "fact-check-unknown-field",
        "data/fact_checks.csv",
        lambda s: s.replace(",start_date,refined,", ",begin,refined,", 1),
        {("fact-check-target", 2, "fact_checks.field")},
    ),
    (
        "header-renamed",
        "data/agreements.csv",
        lambda s: s.replace("id,title,", "id,name,", 1),
        {("header-error", 1, None)},
    ),
    (
        "crlf",
        "data/agreements.csv",
        lambda s: s.replace("\n", "\r\n"),
        {("line-ending-error", 1, None)},
    ),
    (
        "stated-record-citing-a-web-page",
        "data/organizations.csv",
        lambda s: s.replace("nato,NATO,,,alliance,,,hankyoreh-article", "nato,NATO,,,alliance,,,nato-int-226799"),
        {("basis-source-mismatch", 5, "organizations.basis")},
    ),
    (
        "tampered-article",
        "data/sources/hankyoreh-yoon-biden-nuclear-guidelines.txt",
        lambda s: s.replace("Thursday", "Wednesday", 1),
        {("source-hash-mismatch", None, "sources.sha256")},
    ),
    (
        "hand-edited-json",
        "data/summit.json",
        lambda s: s.replace('"Vipin Narang"', '"V. Narang"', 1),
        {("generated-stale", None, "/people/3/name")},
    ),
]


def test_the_real_package_is_valid() -> None:
    report = validate_package(ROOT)
    assert report.problems == []
    assert report.valid
    assert report.rows > 100


@pytest.mark.parametrize(("name", "file", "edit", "expected"), CASES, ids=[c[0] for c in CASES])
def test_each_break_is_reported_with_code_line_and_field(
    package_copy: Path,
    name: str,
    file: str,
    edit: Edit,
    expected: set[tuple[str, int | None, str | None]],
) -> None:
    edit_file(package_copy / file, edit)
    problems = validate_package(package_copy).problems
    assert {(p.code, p.line, p.field) for p in problems} == expected, name
    assert all(p.file == file and p.hint for p in problems)


def test_several_problems_are_all_reported_sorted(package_copy: Path) -> None:
    for _, file, edit, _ in CASES[:4]:
        edit_file(package_copy / file, edit)
    problems = validate_package(package_copy).problems
    assert len(problems) == 4
    assert problems == sorted(problems, key=Problem.sort_key)


def test_a_missing_descriptor_is_a_package_error(tmp_path: Path) -> None:
    assert [p.code for p in validate_package(tmp_path).problems] == ["package-error"]


def test_every_code_is_documented() -> None:
    assert all(code.islower() and " " not in code and text for code, text in CODES.items())


def test_a_crafted_column_name_is_cut_in_the_message(package_copy: Path) -> None:
    """A header cell of 65,000 characters, repeated: the message shows 80 of them and the length, not the cell."""
    name = '"' * 65_000
    cell = '"' + name.replace('"', '""') + '"'
    edit_file(package_copy / "data/people.csv", lambda t: t.replace("\n", f",{cell},{cell}\n", 1))
    (problem,) = validate_package(package_copy).problems
    assert (problem.file, problem.line, problem.code) == ("data/people.csv", 1, "header-error")
    assert problem.message == f"the header repeats {name[:80]}… (65,000 characters)"
