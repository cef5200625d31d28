"""The release gate: ``summitdata validate --against REV`` (CI passes the pull request's base).

:func:`check_against` compares the package at ``root`` with the *reference*: the newest release in
``releases.json`` not newer than the base's version (the base itself when there is none). Comparing with
the last release rather than the base lets several pull requests land on one pending version: once the
base says 1.1.0 (unreleased, over release 1.0.0), a further addition needs no 1.2.0.

It reports, with the registered codes only:

- ``version-not-bumped``: the version is lower than the reference's version bumped as far as the diff
  requires (or lower than the base's);
- ``released-id-removed``: a released record ID is gone (or now another ID) and the newest CHANGELOG
  entry's ``### Data`` section does not name it;
- ``changelog-mismatch``: no CHANGELOG.md, a malformed newest entry, or one for another version;
- ``changelog-incomplete``: the newest entry does not name a changed resource, or its ``### Data`` section
  does not list an added or changed record (see :mod:`summitdata.changelog` for what "matches" means).
"""

from __future__ import annotations

from pathlib import Path

from summitdata.changelog import CHANGELOG, Entry, newest_entry, parse_changelog, unlisted_records
from summitdata.changelog import unmentioned_resources as _unmentioned
from summitdata.packagediff import DiffError, PackageDiff, diff_dirs, read_descriptor
from summitdata.paths import DESCRIPTOR
from summitdata.releases import (
    Release,
    UnknownVersionError,
    find_repo,
    open_version,
    read_releases,
    resolve_commit,
)
from summitdata.validation.problems import Problem
from summitdata.versions import Version, bump_between, next_version, parse_version, rank

_BUMP_HINT = "bump to {version} in src/summitdata/_version.py and run `summitdata generate`"


def check_against(root: Path, rev: str, *, repo: Path | None = None) -> list[Problem]:
    """Problems of the package at ``root`` against the git revision ``rev`` (the pull request's base).

    ``repo`` is the git repository holding ``rev`` and ``releases.json`` (default: the one holding
    ``root``). Raises :class:`~summitdata.releases.UnknownVersionError` when ``rev`` (or the release it
    builds on) cannot be found: a usage error (exit 2), not a problem of the package. Returns nothing when
    the package itself cannot be read: the gate's other layers report that.
    """
    repo = repo if repo is not None else find_repo(root)
    if repo is None:
        raise UnknownVersionError(f"{root} is not in a git repository: --against needs one to read {rev!r}")
    try:
        new_version_text = str(read_descriptor(root).get("version", ""))
    except DiffError:
        return []
    with open_version(rev, repo) as base:
        base_version = _version_of(base.root)
        reference = _reference(read_releases(repo), base_version)
        try:
            if reference is None or _same_commit(repo, reference, base.commit):
                diff = diff_dirs(base.root, root, base.label, "working tree")
            else:
                with open_version(reference.version, repo) as released:
                    diff = diff_dirs(released.root, root, released.label, "working tree")
        except UnknownVersionError:
            raise  # a DiffError too, but a release that cannot be found is a usage error, not a package's
        except DiffError:
            return []
    problems = _check_version(diff, new_version_text, base_version, _version_line(root))
    problems += _check_changelog(root, diff)
    return sorted(set(problems), key=Problem.sort_key)


def _version_of(root: Path) -> Version | None:
    try:
        return parse_version(str(read_descriptor(root).get("version", "")))
    except (DiffError, ValueError):
        return None


def _reference(releases: tuple[Release, ...], base: Version | None) -> Release | None:
    """The newest release not newer than the base (releases come newest first)."""
    if base is None:
        return None
    return next((r for r in releases if parse_version(r.version) <= base), None)


def _same_commit(repo: Path, release: Release, commit: str | None) -> bool:
    return commit is not None and resolve_commit(repo, release.commit) == commit


def _version_line(root: Path) -> int | None:
    """The line of ``"version"`` in datapackage.json, so the report points at it."""
    try:
        lines = (root / DESCRIPTOR).read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    return next((number for number, line in enumerate(lines, 1) if line.strip().startswith('"version"')), None)


def summarize(diff: PackageDiff) -> str:
    """Every record the diff involves, by resource: ``people: added a, b; removed c``."""
    parts: list[str] = []
    for resource in diff.resources:
        items = [
            f"{label} {', '.join(c.id if c.new_id is None else f'{c.id} (now {c.new_id})' for c in changes)}"
            for label, changes in (
                ("removed", resource.removed),
                ("ID changed", resource.id_changed),
                ("added", resource.added),
                ("changed", resource.changed),
            )
            if changes
        ]
        items += [schema.detail for schema in resource.schema]
        parts.append(f"{resource.name}: {'; '.join(items)}")
    parts += [change.detail for change in diff.package]
    return " | ".join(parts)


def _check_version(diff: PackageDiff, new_text: str, base: Version | None, line: int | None) -> list[Problem]:
    try:
        new = parse_version(new_text)
    except ValueError:
        return [
            Problem(
                DESCRIPTOR,
                line,
                "version",
                "version-not-bumped",
                f"version {new_text!r} is not X.Y.Z",
                _BUMP_HINT.format(version="a semantic version"),
            )
        ]
    problems: list[Problem] = []
    if base is not None and new < base:
        problems.append(
            Problem(
                DESCRIPTOR,
                line,
                "version",
                "version-not-bumped",
                f"version {new} is older than the base's {base}",
                _BUMP_HINT.format(version=f"{base} or later"),
            )
        )
    if not diff.required_version:
        return problems  # the reference's version is not X.Y.Z: its own gate reported that when it landed
    old = parse_version(diff.old_version)
    required = next_version(old, diff.bump)
    if new < required:
        made = bump_between(old, new)
        problems.append(
            Problem(
                DESCRIPTOR,
                line,
                "version",
                "version-not-bumped",
                f"the changes since {diff.old} require a {diff.bump} bump ({old} → {required}), but the version "
                f"is {new}{f' (a {made} bump)' if rank(made) else ''}: {summarize(diff)}",
                _BUMP_HINT.format(version=required) + f", then add a `## [{required}] - YYYY-MM-DD` entry to "
                f"{CHANGELOG} listing the records",
                value=str(new),
            )
        )
    return problems


def _check_changelog(root: Path, diff: PackageDiff) -> list[Problem]:
    paste = f"paste `summitdata diff {diff.old.split(' ')[0]} . --format markdown` under ### Data"
    try:
        entries = parse_changelog((root / CHANGELOG).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        return [
            Problem(
                CHANGELOG,
                None,
                None,
                "changelog-mismatch",
                f"cannot read {CHANGELOG}: {exc}",
                "keep CHANGELOG.md at the top of the repository (Keep a Changelog)",
            )
        ]
    entry = newest_entry(entries)
    problems: list[Problem] = []
    if entry is None:
        problems.append(
            Problem(
                CHANGELOG,
                None,
                None,
                "changelog-mismatch",
                f"{CHANGELOG} has no release entry",
                f"add `## [{diff.new_version}] - YYYY-MM-DD` with a ### Data section; {paste}",
            )
        )
    elif entry.problems:
        problems += [
            Problem(
                CHANGELOG,
                entry.line,
                None,
                "changelog-mismatch",
                f"the newest entry is malformed: {problem}",
                "write entries as `## [X.Y.Z] - YYYY-MM-DD` with groups ### Data, ### Added, ### Changed, …",
            )
            for problem in entry.problems
        ]
    elif entry.version != diff.new_version:
        problems.append(
            Problem(
                CHANGELOG,
                entry.line,
                None,
                "changelog-mismatch",
                f"the newest entry is [{entry.version}], but the package version is {diff.new_version}",
                f"add a `## [{diff.new_version}] - YYYY-MM-DD` entry at the top; {paste}",
            )
        )
    # The entry describes the changes only once it is an entry for a new version.
    current = entry if entry is not None and entry.version == diff.new_version != diff.old_version else None
    problems += _released_ids(diff, current)
    if current is not None:
        problems += _incomplete(diff, current, paste)
    return problems


def _released_ids(diff: PackageDiff, entry: Entry | None) -> list[Problem]:
    problems: list[Problem] = []
    for name, ids in unlisted_records(entry, diff, ("removed", "id-changed")).items():
        resource = diff.resource(name)
        renamed = {c.id: c.new_id for c in resource.id_changed}
        gone = [record_id for record_id in ids if record_id not in renamed.values()]
        if not gone:
            continue
        described = ", ".join(f"{i} (now {renamed[i]})" if i in renamed else i for i in gone)
        where = f"the [{entry.version}] entry's" if entry is not None else f"a new {CHANGELOG} entry's"
        problems.append(
            Problem(
                resource.path,
                None,
                f"{name}.id",
                "released-id-removed",
                f"IDs released in {diff.old} are gone: {described}",
                f"restore them (released IDs never change), or list them under ### Data in {where} and bump the "
                "major version",
                resource=name,
            )
        )
    return problems


def _incomplete(diff: PackageDiff, entry: Entry, paste: str) -> list[Problem]:
    problems: list[Problem] = []
    heading = f"[{entry.version}]"
    for name in _unmentioned(entry, diff):
        problems.append(
            Problem(
                CHANGELOG,
                entry.line,
                None,
                "changelog-incomplete",
                f"the {heading} entry does not mention {name}, which changed since {diff.old}",
                f"name {name} in the entry; {paste}",
                resource=name,
            )
        )
    data_line = entry.group_lines.get("Data", entry.line)
    for name, ids in unlisted_records(entry, diff, ("added", "changed")).items():
        problems.append(
            Problem(
                CHANGELOG,
                data_line,
                None,
                "changelog-incomplete",
                f"### Data of {heading} does not list {name} records {', '.join(ids)}",
                paste,
                resource=name,
            )
        )
    return problems
