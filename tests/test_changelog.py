"""summitdata.changelog: Keep a Changelog entries, and what it means for an entry to match a diff."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

import summitdata
from summitdata.changelog import (
    GROUPS,
    Entry,
    mentions,
    mismatches,
    newest_entry,
    parse_changelog,
    unlisted_records,
    unmentioned_resources,
)
from summitdata.commands.diff import to_markdown
from summitdata.packagediff import PackageDiff, diff_dirs
from summitdata.releases import RELEASES_FILE, UnknownVersionError, open_version, read_releases
from summitdata.versions import parse_version
from tests.conftest import ROOT
from tests.test_packagediff import add_a_person, change_an_id, correct_a_value, delete_a_record

ENTRY = "## [1.1.0] - 2026-12-01\n\n"
SAMPLE = """# Changelog

## [Unreleased]

### Added
- something not yet released

## [1.1.0] - 2026-12-01

### Data
- `people`: added `jane-doe`.

```
## [9.9.9] - not an entry: inside a code fence
```

### Fixed
- a typo.

## [1.0.0] - 2026-11-28

### Data
- First release.
"""

#: (text, name) → whether the name stands alone in the text.
MENTION_CASES: dict[tuple[str, str], bool] = {
    ("- `people`: added", "people"): True,
    ("see data/people.csv", "people"): True,
    ("peoples of the world", "people"): False,
    ("- `agreement_actions`", "agreements"): False,
    ("added `kim-tae-hyo`", "kim-tae-hyo"): True,
    ("added `kim-tae-hyo-2`", "kim-tae-hyo"): False,
}

#: A malformed newest entry → a fragment of what is reported.
MALFORMED: dict[str, tuple[str, str]] = {
    "no date": ("## [1.1.0]\n\n### Data\n- x\n", "is not '## [X.Y.Z] - YYYY-MM-DD'"),
    "no brackets": ("## 1.1.0 - 2026-12-01\n", "is not '## [X.Y.Z] - YYYY-MM-DD'"),
    "impossible date": ("## [1.1.0] - 2026-13-01\n", "not a real date"),
    "unknown group": ("## [1.1.0] - 2026-12-01\n\n### Data changes\n- x\n", "unknown group '### Data changes'"),
    "group twice": ("## [1.1.0] - 2026-12-01\n\n### Data\n- x\n### Data\n- y\n", "appears twice"),
}

#: An edit of the package, and the Data section that lists it (the "matches" rule: every ID named).
EDITS = {
    "a correction": (correct_a_value, "- `people`: corrected `vipin-narang`'s country."),
    "an addition": (add_a_person, "- `people`: added `jane-doe`."),
    "a removal": (delete_a_record, "- `people`: removed `kim-tae-hyo` (a duplicate)."),
    "an ID change": (change_an_id, "- `people`: `kim-tae-hyo` is now `kim-taehyo`."),
}


def test_the_newest_entry_is_the_first_release_after_unreleased() -> None:
    entries = parse_changelog(SAMPLE)
    assert [e.heading for e in entries] == ["[Unreleased]", "[1.1.0] - 2026-12-01", "[1.0.0] - 2026-11-28"]
    newest = newest_entry(entries)
    assert newest is not None
    assert (newest.version, newest.date, newest.line, newest.problems) == ("1.1.0", "2026-12-01", 8, ())
    assert "jane-doe" in newest.group("Data")
    assert newest.group_lines["Fixed"] == 17


def test_the_project_changelog_is_well_formed_and_current() -> None:
    newest = newest_entry(parse_changelog((ROOT / "CHANGELOG.md").read_text(encoding="utf-8")))
    assert newest is not None
    assert newest.problems == ()
    assert newest.version == summitdata.__version__
    assert set(newest.groups) <= set(GROUPS)
    assert "Data" in newest.groups


@pytest.mark.parametrize(("text", "name"), sorted(MENTION_CASES))
def test_a_name_counts_only_when_it_stands_alone(text: str, name: str) -> None:
    assert mentions(text, name) is MENTION_CASES[text, name]


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_a_malformed_entry_says_what_is_wrong(case: str) -> None:
    text, fragment = MALFORMED[case]
    entry = newest_entry(parse_changelog(text))
    assert entry is not None
    assert any(fragment in problem for problem in entry.problems), entry.problems


@pytest.mark.parametrize("case", sorted(EDITS))
def test_an_entry_listing_every_record_matches_the_diff(package_copy: Path, case: str) -> None:
    edit, data = EDITS[case]
    edit(package_copy)
    result = diff_dirs(ROOT, package_copy)
    entry = newest_entry(parse_changelog(f"## [{result.new_version}] - 2026-12-01\n\n### Data\n{data}\n"))
    assert entry is not None
    assert mismatches(entry, result) == []


def test_an_entry_missing_a_record_or_resource_does_not_match(package_copy: Path) -> None:
    add_a_person(package_copy)
    correct_a_value(package_copy)
    result = diff_dirs(ROOT, package_copy)
    entry = newest_entry(parse_changelog(f"## [{result.new_version}] - 2026-12-01\n\n### Data\n- Added `jane-doe`.\n"))
    assert entry is not None
    assert mismatches(entry, result) == [
        "the entry does not mention people",
        "### Data does not list people records vipin-narang",
    ]


def test_an_entry_for_another_version_does_not_match(package_copy: Path) -> None:
    result = diff_dirs(ROOT, package_copy)
    entry = newest_entry(parse_changelog("## [0.1.0] - 2020-01-01\n\n### Data\n- nothing\n"))
    assert entry is not None
    assert mismatches(entry, result) == [f"the entry is for 0.1.0, the package is {result.new_version}"]


def test_the_markdown_diff_pasted_under_an_entry_matches(package_copy: Path) -> None:
    correct_a_value(package_copy)
    add_a_person(package_copy)
    delete_a_record(package_copy)
    result = diff_dirs(ROOT, package_copy, "1.0.0", "HEAD")
    markdown = to_markdown(result)
    pasted = f"## [{result.new_version}] - 2026-12-01\n\n" + markdown[markdown.index("### Data") :]
    entry = newest_entry(parse_changelog(pasted))
    assert entry is not None
    assert mismatches(entry, result) == []


def _previous_release(repo: Path) -> str | None:
    current = parse_version(summitdata.__version__)
    older = [r for r in read_releases(repo) if parse_version(r.version) < current]
    return older[0].version if older else None


def test_the_newest_entry_matches_the_diff_against_the_previous_release() -> None:
    """The project's own CHANGELOG: its newest entry lists every record changed since the previous release,
    and once that version is released, the [Unreleased] entry lists every resource changed since."""
    previous = _previous_release(ROOT)
    everything = parse_changelog((ROOT / "CHANGELOG.md").read_text(encoding="utf-8"))
    entries = [e for e in everything if not e.unreleased]
    if previous is None:
        # The first release has nothing to be compared with: it must be the only entry.
        assert [e.version for e in entries] == [summitdata.__version__]
        return
    shallow = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--is-shallow-repository"], capture_output=True, text=True, check=False
    )
    released = summitdata.__version__ in {r.version for r in read_releases(ROOT)}
    try:
        with open_version(previous, ROOT) as before:
            if released:
                # Work since the release is not the release's: compare the entry with the release itself.
                with open_version(summitdata.__version__, ROOT) as release:
                    result = diff_dirs(before.root, release.root, before.label, release.label)
                    since = diff_dirs(release.root, ROOT, release.label, "checkout")
            else:
                result = diff_dirs(before.root, ROOT, before.label, "checkout")
                since = None
    except UnknownVersionError as exc:
        if shallow.stdout.strip() == "true":
            pytest.skip(f"a shallow clone lacks release {previous}: {exc}")
        raise
    unreleased = next((e for e in everything if e.unreleased), None)
    problems = mismatches(entries[0], result)
    if not released and unreleased is not None:
        # A release in preparation: what the [Unreleased] entry describes is folded into it when it is cut,
        # so a change either entry lists is listed.
        problems = [p for p in problems if p in _uncovered(unreleased, result)] + list(entries[0].problems)
        problems = list(dict.fromkeys(problems))
    # Said so that whoever changes data knows the fix: the newest entry lists every change since the last release.
    hint = (
        f"the newest CHANGELOG entry ({entries[0].heading}) must list every change since release {previous}: "
        f"paste the output of `summitdata diff {previous} . --format markdown` under its ### Data"
    )
    assert problems == [], f"{hint}\n{json.dumps(result.as_dict(), ensure_ascii=False)[:2000]}"
    if since is not None and any(r.records or r.schema for r in since.resources):
        assert unreleased, "the package changed since its release: describe the change under ## [Unreleased]"
        unmentioned = unmentioned_resources(unreleased, since)
        assert unmentioned == [], json.dumps(since.as_dict(), ensure_ascii=False)[:2000]


def _uncovered(entry: Entry, diff: PackageDiff) -> list[str]:
    """The mismatches of ``entry`` that are about coverage (resources and records), in mismatches' words."""
    problems = [f"the entry does not mention {name}" for name in unmentioned_resources(entry, diff)]
    for name, ids in unlisted_records(entry, diff).items():
        problems.append(f"### Data does not list {name} records {', '.join(ids)}")
    return problems


def test_the_release_index_is_at_the_top_of_the_repository() -> None:
    assert (ROOT / RELEASES_FILE).is_file()
