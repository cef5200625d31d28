"""summitdata.validation.release: ``--against REV`` demands the right bump and a changelog that lists it.

Each test builds a git repository in tmp_path (a copy of the package at 1.0.0), commits it as the base,
then makes a contributor's real edit in the working tree.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from summitdata.releases import UnknownVersionError
from summitdata.validation.problems import Problem
from summitdata.validation.release import check_against
from tests.test_packagediff import add_a_person, change_an_id, constrain, correct_a_value, delete_a_record
from tests.test_releases import add_person, commit, git, make_repo, record_release

pytestmark = pytest.mark.slow  # every test creates a git repository

Edit = Callable[[Path], None]


def nothing(_: Path) -> None:
    """A contribution that changes no data (code or docs only)."""


#: A contributor's edit, the version they set (None: untouched), the ### Data lines of their new
#: CHANGELOG entry (None: no entry) → the codes the gate reports.
CASES: dict[str, tuple[Edit, str | None, str | None, set[str]]] = {
    "a correction without a bump": (correct_a_value, None, None, {"version-not-bumped"}),
    "a correction bumped and listed passes": (correct_a_value, "1.0.1", "- `people`: `vipin-narang` fixed.", set()),
    "an addition bumped only to a patch": (
        add_a_person,
        "1.0.1",
        "- `people`: added `jane-doe`.",
        {"version-not-bumped"},
    ),
    "an addition bumped and listed passes": (add_a_person, "1.1.0", "- `people`: added `jane-doe`.", set()),
    "a bump beyond what is required passes": (add_a_person, "2.0.0", "- `people`: added `jane-doe`.", set()),
    "an addition missing from the entry": (add_a_person, "1.1.0", "- `people`: one more.", {"changelog-incomplete"}),
    "an entry not naming the resource": (correct_a_value, "1.0.1", "- fixed `vipin-narang`.", {"changelog-incomplete"}),
    "a deletion bumped and listed passes": (delete_a_record, "2.0.0", "- `people`: removed `kim-tae-hyo`.", set()),
    "a deletion not listed": (delete_a_record, "2.0.0", "- `people`: tidied.", {"released-id-removed"}),
    "a deletion without bump or entry": (delete_a_record, None, None, {"version-not-bumped", "released-id-removed"}),
    "an id change bumped to minor": (
        change_an_id,
        "1.1.0",
        "- `people`: `kim-tae-hyo` is `kim-taehyo`.",
        {"version-not-bumped"},
    ),
    "a tightened constraint bumped to minor": (
        constrain("name", minLength=5),
        "1.1.0",
        "- `people`: names of 5+ characters.",
        {"version-not-bumped"},
    ),
    "a bump with a stale changelog": (add_a_person, "1.1.0", None, {"changelog-mismatch"}),
    "no data change and no bump passes": (nothing, None, None, set()),
}


def set_version(repo: Path, version: str) -> None:
    path = repo / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["version"] = version
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def add_entry(repo: Path, version: str, data: str, heading: str | None = None) -> None:
    """Put a new entry on top of CHANGELOG.md, as a contributor does."""
    path = repo / "CHANGELOG.md"
    text = path.read_text(encoding="utf-8")
    entry = f"## {heading or f'[{version}] - 2026-12-01'}\n\n### Data\n{data}\n\n"
    at = text.index("## [")
    path.write_text(text[:at] + entry + text[at:], encoding="utf-8")


def contribute(repo: Path, edit: Edit, version: str | None, data: str | None) -> None:
    edit(repo)
    if version is not None:
        set_version(repo, version)
    if data is not None:
        add_entry(repo, version or "1.0.0", data)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "repo")


def codes(problems: list[Problem]) -> set[str]:
    return {problem.code for problem in problems}


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_gate_demands_the_bump_and_the_changelog_the_edit_requires(repo: Path, case: str) -> None:
    edit, version, data, expected = CASES[case]
    contribute(repo, edit, version, data)
    assert codes(check_against(repo, "HEAD")) == expected


def test_a_missing_bump_names_the_records_the_version_and_what_to_do(repo: Path) -> None:
    correct_a_value(repo)
    add_a_person(repo)
    [problem] = check_against(repo, "HEAD")
    lines = (repo / "datapackage.json").read_text(encoding="utf-8").splitlines()
    assert (problem.file, problem.field, problem.code) == ("datapackage.json", "version", "version-not-bumped")
    assert problem.line is not None
    assert lines[problem.line - 1].strip().startswith('"version"')
    assert "require a minor bump (1.0.0 → 1.1.0), but the version is 1.0.0" in problem.message
    assert "people: added jane-doe; changed vipin-narang" in problem.message
    assert problem.hint.startswith("bump to 1.1.0 in src/summitdata/_version.py and run `summitdata generate`")


def test_a_removed_released_id_is_named_in_its_file(repo: Path) -> None:
    contribute(repo, change_an_id, "2.0.0", "- `people`: tidied IDs.")
    [problem] = check_against(repo, "HEAD")
    assert (problem.file, problem.field, problem.code) == ("data/people.csv", "people.id", "released-id-removed")
    assert "kim-tae-hyo (now kim-taehyo)" in problem.message
    assert "released IDs never change" in problem.hint


def test_an_incomplete_entry_names_the_missing_records_at_its_data_section(repo: Path) -> None:
    contribute(repo, add_a_person, "1.1.0", "- `people`: one more.")
    [problem] = check_against(repo, "HEAD")
    changelog = (repo / "CHANGELOG.md").read_text(encoding="utf-8").splitlines()
    assert problem.file == "CHANGELOG.md"
    assert problem.line is not None
    assert changelog[problem.line - 1] == "### Data"
    assert "does not list people records jane-doe" in problem.message
    assert "summitdata diff HEAD . --format markdown" in problem.hint


@pytest.mark.parametrize("heading", ["[1.1.0]", "1.1.0 - 2026-12-01", "[1.1.0] - 2026-12-99"])
def test_a_malformed_newest_entry_is_a_mismatch(repo: Path, heading: str) -> None:
    add_a_person(repo)
    set_version(repo, "1.1.0")
    add_entry(repo, "1.1.0", "- `people`: added `jane-doe`.", heading=heading)
    assert codes(check_against(repo, "HEAD")) == {"changelog-mismatch"}


def test_a_version_going_backwards_is_refused(repo: Path) -> None:
    contribute(repo, nothing, "0.9.0", "- nothing.")
    problems = check_against(repo, "HEAD")
    assert any("older than the base's 1.0.0" in p.message for p in problems)


def test_ci_compares_a_committed_pull_request_with_its_base_sha(repo: Path) -> None:
    base = git(repo, "rev-parse", "HEAD")
    contribute(repo, add_a_person, "1.0.1", "- `people`: added `jane-doe`.")
    commit(repo, "add a person")
    [problem] = check_against(repo, base)
    assert "bump to 1.1.0" in problem.hint


def test_pull_requests_can_accumulate_on_an_unreleased_version(repo: Path) -> None:
    record_release(repo, "1.0.0", git(repo, "rev-parse", "HEAD"))
    commit(repo, "record release 1.0.0")
    contribute(repo, add_a_person, "1.1.0", "- `people`: added `jane-doe`.")
    commit(repo, "first pull request: 1.1.0, unreleased")
    add_person(repo, "john-roe")  # the second pull request keeps 1.1.0 and extends its entry
    changelog = repo / "CHANGELOG.md"
    changelog.write_text(changelog.read_text(encoding="utf-8").replace("`jane-doe`", "`jane-doe`, `john-roe`"), "utf-8")
    assert check_against(repo, "HEAD") == []


def test_an_accumulating_entry_must_still_list_every_record_since_the_release(repo: Path) -> None:
    record_release(repo, "1.0.0", git(repo, "rev-parse", "HEAD"))
    commit(repo, "record release 1.0.0")
    contribute(repo, add_a_person, "1.1.0", "- `people`: added `jane-doe`.")
    commit(repo, "first pull request")
    add_person(repo, "john-roe")
    [problem] = check_against(repo, "HEAD")
    assert (problem.code, problem.message) == (
        "changelog-incomplete",
        "### Data of [1.1.0] does not list people records john-roe",
    )


def test_without_a_recorded_release_the_base_is_the_reference(repo: Path) -> None:
    contribute(repo, add_a_person, "1.1.0", "- `people`: added `jane-doe`.")
    commit(repo, "first pull request")
    add_person(repo, "john-roe")
    [problem] = [p for p in check_against(repo, "HEAD") if p.code == "version-not-bumped"]
    assert "1.1.0 → 1.2.0" in problem.message


def test_an_unknown_base_is_a_usage_error(repo: Path) -> None:
    with pytest.raises(UnknownVersionError, match="unknown version 'no-such-base'"):
        check_against(repo, "no-such-base")


def test_a_package_outside_git_needs_a_repository(tmp_path: Path) -> None:
    (tmp_path / "datapackage.json").write_text("{}", encoding="utf-8")
    with pytest.raises(UnknownVersionError, match="not in a git repository"):
        check_against(tmp_path, "HEAD")


def test_a_release_whose_commit_is_missing_is_a_usage_error_not_a_pass(repo: Path) -> None:
    """The release a pull request builds on, named in releases.json but not in the history, stops the gate (exit 2)."""
    record_release(repo, "1.0.0", "0" * 40)
    commit(repo, "record release 1.0.0 from a history this clone lacks")
    with pytest.raises(UnknownVersionError, match="fetch-depth: 0"):
        check_against(repo, "HEAD")
