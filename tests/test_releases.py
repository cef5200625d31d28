"""summitdata.releases: the release index, version specs, and git revisions read without touching the tree."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from summitdata.cli import run
from summitdata.packagediff import changes, diff
from summitdata.paths import bundled_root
from summitdata.releases import (
    RELEASES_FILE,
    ReleaseIndexError,
    UnknownVersionError,
    open_version,
    read_releases,
    release_index_problems,
    resolve_commit,
)
from tests.conftest import ROOT

GOOD = {"version": "1.0.0", "commit": "0123abc", "date": "2026-11-28"}

#: A malformed index → a fragment of the message that says what is wrong.
BAD_INDEXES: dict[str, tuple[object, str]] = {
    "not a list": ({"1.0.0": "abc"}, "must be a JSON list"),
    "missing key": ([{"version": "1.0.0", "commit": "0123abc"}], "exactly the keys version, commit, date"),
    "extra key": ([{**GOOD, "tag": "v1.0.0"}], "exactly the keys"),
    "v-prefixed version": ([{**GOOD, "version": "v1.0.0"}], "is not X.Y.Z"),
    "short version": ([{**GOOD, "version": "1.0"}], "is not X.Y.Z"),
    "duplicate version": ([GOOD, {**GOOD, "commit": "4567def"}], "listed twice"),
    "branch name as commit": ([{**GOOD, "commit": "main"}], "hexadecimal git hash"),
    "impossible date": ([{**GOOD, "date": "2026-02-30"}], "not YYYY-MM-DD"),
}


def git(repo: Path, *args: str) -> str:
    """Run git in ``repo`` with a throwaway identity; return its stdout."""
    command = ["git", "-C", str(repo), "-c", "user.name=Test", "-c", "user.email=test@example.org"]
    command += ["-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false", *args]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip()


FIRST_ENTRY = "# Changelog\n\n## [1.0.0] - 2026-11-28\n\n### Data\n- First release of every table.\n"


def make_repo(target: Path) -> Path:
    """A git repository holding a copy of the package at version 1.0.0 and its changelog, in one commit.

    The version and changelog are the test's own, so the tests do not depend on the real release history.
    """
    target.mkdir()
    git(target, "init", "-q", "-b", "main")
    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["version"] = "1.0.0"
    (target / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", "utf-8")
    (target / "CHANGELOG.md").write_text(FIRST_ENTRY, encoding="utf-8")
    shutil.copytree(ROOT / "data", target / "data")
    (target / RELEASES_FILE).write_text("[]\n", encoding="utf-8")
    commit(target, "base")
    return target


def commit(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD")


def record_release(repo: Path, version: str, sha: str, day: str = "2026-11-28") -> None:
    """Append a release to the repository's index (as the maintainer does after tagging)."""
    path = repo / RELEASES_FILE
    entries = json.loads(path.read_text(encoding="utf-8"))
    entries.append({"version": version, "commit": sha, "date": day})
    path.write_text(json.dumps(entries, indent=2) + "\n", encoding="utf-8")


def add_person(repo: Path, person_id: str) -> None:
    with (repo / "data/people.csv").open("a", encoding="utf-8", newline="") as file:
        file.write(f"{person_id},{person_id.title()},,USA,hankyoreh-article,,external,\n")


def test_the_repository_release_index_is_well_formed() -> None:
    data = json.loads((ROOT / RELEASES_FILE).read_text(encoding="utf-8"))
    assert release_index_problems(data) == []
    versions = [entry["version"] for entry in data]
    assert len(versions) == len(set(versions))


@pytest.mark.parametrize("case", sorted(BAD_INDEXES))
def test_a_malformed_release_index_says_what_is_wrong(case: str) -> None:
    data, fragment = BAD_INDEXES[case]
    problems = release_index_problems(data)
    assert any(fragment in problem for problem in problems), problems


def test_reading_a_malformed_index_raises(tmp_path: Path) -> None:
    (tmp_path / RELEASES_FILE).write_text('[{"version": "1.0"}]', encoding="utf-8")
    with pytest.raises(ReleaseIndexError, match=r"releases\.json: release 1"):
        read_releases(tmp_path)


def test_no_index_means_no_releases(tmp_path: Path) -> None:
    assert read_releases(tmp_path) == ()


def test_installed_names_the_bundled_data() -> None:
    with open_version("installed") as version:
        assert version.root == bundled_root()


def test_a_directory_without_a_descriptor_is_not_a_version(tmp_path: Path) -> None:
    with pytest.raises(UnknownVersionError, match=r"without datapackage\.json"), open_version(tmp_path):
        pass


def test_diff_of_a_side_that_names_no_version_raises_diff_error(tmp_path: Path) -> None:
    """summitdata.diff's one error type covers a folder without a descriptor and an unknown release (README)."""
    import summitdata

    with pytest.raises(summitdata.DiffError, match=r"without datapackage\.json"):
        summitdata.diff(tmp_path, ROOT)
    with pytest.raises(summitdata.DiffError, match="unknown version"):
        summitdata.diff("9.9.9", ROOT, repo=ROOT)


def test_a_spec_never_becomes_a_git_option() -> None:
    assert resolve_commit(ROOT, "--output=/tmp/x") is None


@pytest.mark.slow
def test_a_revision_is_read_from_git_without_touching_the_working_tree(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    committed = (repo / "data/people.csv").read_bytes()
    add_person(repo, "jane-doe")  # an uncommitted edit must survive and stay out of HEAD's copy
    status = git(repo, "status", "--porcelain")
    with open_version("HEAD", repo) as head:
        assert (head.root / "data/people.csv").read_bytes() == committed
        assert (head.root / "datapackage.json").is_file()
        assert head.commit == git(repo, "rev-parse", "HEAD")
        scratch = head.root
    assert not scratch.exists()
    assert git(repo, "status", "--porcelain") == status
    assert b"jane-doe" in (repo / "data/people.csv").read_bytes()


@pytest.mark.slow
def test_a_release_number_resolves_through_the_index_without_tags(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    record_release(repo, "1.0.0", git(repo, "rev-parse", "HEAD"))
    add_person(repo, "jane-doe")
    commit(repo, "add a person")
    result = diff("1.0.0", "HEAD", repo=repo)
    assert result.old.startswith("1.0.0 (")
    assert [(c.kind, c.id) for c in result.resource("people").records] == [("added", "jane-doe")]
    assert git(repo, "tag") == ""


@pytest.mark.slow
def test_diffs_work_from_a_fresh_clone_of_main(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    record_release(repo, "1.0.0", git(repo, "rev-parse", "HEAD"))
    commit(repo, "record release 1.0.0")
    add_person(repo, "jane-doe")
    commit(repo, "add a person")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(repo), str(clone)], check=True, capture_output=True)
    out, err = io.StringIO(), io.StringIO()
    code = run(["diff", "1.0.0", "HEAD", "--repo", str(clone), "--format", "json"], out, err)
    assert (code, err.getvalue()) == (0, "")
    assert json.loads(out.getvalue())["bump"] == "minor"


@pytest.mark.slow
def test_a_tag_is_found_when_the_index_lacks_the_release(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    git(repo, "tag", "v1.0.0")
    add_person(repo, "jane-doe")
    assert diff("1.0.0", repo, repo=repo).bump == "minor"
    assert diff("v1.0.0", repo, repo=repo).old.startswith("1.0.0 (tag v1.0.0")


@pytest.mark.slow
def test_changes_since_a_release_compare_it_with_the_current_package(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    record_release(repo, "1.0.0", git(repo, "rev-parse", "HEAD"))
    add_person(repo, "jane-doe")
    result = changes(since="1.0.0", current=repo, repo=repo)
    assert [r.name for r in result.resources] == ["people"]


@pytest.mark.slow
def test_a_release_whose_commit_is_missing_says_to_fetch_history(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    record_release(repo, "1.0.0", "0" * 40)
    with pytest.raises(UnknownVersionError, match="fetch-depth: 0"), open_version("1.0.0", repo):
        pass


@pytest.mark.slow
@pytest.mark.parametrize("spec", ["no-such-branch", "HEAD~5", "2.0.0"])
def test_an_unknown_revision_or_release_is_refused(tmp_path: Path, spec: str) -> None:
    repo = make_repo(tmp_path / "repo")
    with pytest.raises(UnknownVersionError, match="unknown version"), open_version(spec, repo):
        pass
