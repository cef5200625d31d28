"""CHANGELOG.md in the Keep a Changelog form, and whether an entry matches a diff.

An entry is ``## [X.Y.Z] - YYYY-MM-DD`` (or ``## [Unreleased]``) followed by groups ``### Data``,
``### Added``, ``### Changed``, ``### Deprecated``, ``### Removed``, ``### Fixed``, ``### Security``.

**An entry matches a diff** (see :func:`mismatches`) when

1. its version is the diff's new version;
2. every resource the diff reports (records or schema) is named somewhere in the entry, by its name
   (``people``) or its file (``data/people.csv``);
3. its ``### Data`` section names every record ID the diff reports as added, removed or changed (both
   IDs of a record whose ID changed).

Names count as mentioned when they stand alone: ``people`` is found in "`people`" or "data/people.csv",
not in "peoples". Values are not compared: a maintainer may word a correction freely, as long as the
records are listed. ``summitdata diff OLD NEW --format markdown`` writes a ``### Data`` section that matches.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from summitdata.packagediff import PackageDiff, RecordKind

CHANGELOG = "CHANGELOG.md"
GROUPS = ("Data", "Added", "Changed", "Deprecated", "Removed", "Fixed", "Security")
UNRELEASED = "[Unreleased]"
_RELEASE = re.compile(r"^\[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$")
_FENCE = "```"


@dataclass(frozen=True)
class Entry:
    """One ``## `` section of the changelog."""

    heading: str  # the text after "## "
    line: int  # 1-based line of the heading
    version: str | None  # None for [Unreleased] and for a malformed heading
    date: str | None
    text: str  # everything under the heading, up to the next entry
    groups: Mapping[str, str] = field(default_factory=dict)  # "Data" → the group's text
    group_lines: Mapping[str, int] = field(default_factory=dict)
    problems: tuple[str, ...] = ()  # what is malformed

    @property
    def unreleased(self) -> bool:
        return self.heading == UNRELEASED

    def group(self, name: str) -> str:
        return self.groups.get(name, "")


def _heading_problems(heading: str) -> tuple[str | None, str | None, list[str]]:
    match = _RELEASE.match(heading)
    if match is None:
        return None, None, [f"heading '## {heading}' is not '## [X.Y.Z] - YYYY-MM-DD'"]
    try:
        date.fromisoformat(match[2])
    except ValueError:
        return match[1], None, [f"{match[2]} is not a real date"]
    return match[1], match[2], []


def _entry(heading: str, line: int, body: list[tuple[int, str]]) -> Entry:
    version, day, problems = (None, None, []) if heading == UNRELEASED else _heading_problems(heading)
    groups: dict[str, list[str]] = {}
    group_lines: dict[str, int] = {}
    current: str | None = None
    in_fence = False
    for number, text in body:
        if text.startswith(_FENCE):
            in_fence = not in_fence
        if not in_fence and text.startswith("### "):
            current = text[4:].strip()
            if current not in GROUPS:
                problems.append(f"line {number}: unknown group '### {current}' (use {', '.join(GROUPS)})")
            elif current in groups:
                problems.append(f"line {number}: group '### {current}' appears twice")
            groups.setdefault(current, [])
            group_lines.setdefault(current, number)
            continue
        if current is not None:
            groups[current].append(text)
    return Entry(
        heading,
        line,
        version,
        day,
        "\n".join(text for _, text in body),
        {name: "\n".join(lines) for name, lines in groups.items()},
        group_lines,
        tuple(problems),
    )


def parse_changelog(text: str) -> list[Entry]:
    """Every ``## `` entry, in file order (the newest first, as Keep a Changelog writes them)."""
    entries: list[Entry] = []
    heading: tuple[str, int] | None = None
    body: list[tuple[int, str]] = []
    in_fence = False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith(_FENCE):
            in_fence = not in_fence
        if not in_fence and line.startswith("## "):
            if heading is not None:
                entries.append(_entry(heading[0], heading[1], body))
            heading, body = (line[3:].strip(), number), []
        elif heading is not None:
            body.append((number, line))
    if heading is not None:
        entries.append(_entry(heading[0], heading[1], body))
    return entries


def newest_entry(entries: Iterable[Entry]) -> Entry | None:
    """The newest release entry: the first one that is not ``[Unreleased]`` (malformed ones included)."""
    return next((entry for entry in entries if not entry.unreleased), None)


def mentions(text: str, name: str) -> bool:
    """Whether ``name`` stands alone in ``text`` (not inside a longer ID or word)."""
    return re.search(rf"(?<![A-Za-z0-9_-]){re.escape(name)}(?![A-Za-z0-9_-])", text) is not None


def unmentioned_resources(entry: Entry, diff: PackageDiff) -> list[str]:
    """The resources the diff reports that the entry never names."""
    return [name for name in diff.changed_resources if not mentions(entry.text, name)]


_ALL_KINDS: tuple[RecordKind, ...] = ("added", "removed", "changed", "id-changed")


def unlisted_records(
    entry: Entry | None, diff: PackageDiff, kinds: tuple[RecordKind, ...] = _ALL_KINDS
) -> dict[str, list[str]]:
    """Resource → the record IDs (of the given kinds) the entry's ``### Data`` section does not name."""
    data = entry.group("Data") if entry is not None else ""
    missing: dict[str, list[str]] = {}
    for resource in diff.resources:
        ids: list[str] = []
        for change in resource.records:
            if change.kind in kinds:
                ids += [change.id] + ([change.new_id] if change.new_id is not None else [])
        unlisted = [record_id for record_id in dict.fromkeys(ids) if not mentions(data, record_id)]
        if unlisted:
            missing[resource.name] = unlisted
    return missing


def mismatches(entry: Entry, diff: PackageDiff) -> list[str]:
    """Why ``entry`` does not match ``diff`` (empty when it matches; the rules are in the module's docstring)."""
    problems = list(entry.problems)
    if entry.version != diff.new_version:
        problems.append(f"the entry is for {entry.version or entry.heading}, the package is {diff.new_version}")
    for name in unmentioned_resources(entry, diff):
        problems.append(f"the entry does not mention {name}")
    for name, ids in unlisted_records(entry, diff).items():
        problems.append(f"### Data does not list {name} records {', '.join(ids)}")
    return problems
