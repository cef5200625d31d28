"""The release index (``releases.json``) and turning a version spec into a package directory.

A *version spec* names one version of the package:

- a directory holding a ``datapackage.json`` (``.``, ``path/to/copy``);
- ``installed``: the data bundled with the installed package;
- a release number (``1.0.0`` or ``v1.0.0``) listed in ``releases.json`` (→ its commit), or else a git tag
  ``v1.0.0`` / ``1.0.0``;
- any git revision of the repository (``HEAD~1``, ``main``, a commit hash).

A git revision is materialized by reading its committed files into a temporary directory: the working
tree, the index and the refs are never touched.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath

from summitdata.metadata import HOMEPAGE
from summitdata.packagediff import DiffError
from summitdata.paths import DESCRIPTOR, bundled_root
from summitdata.versions import is_version, parse_version

RELEASES_FILE = "releases.json"
INSTALLED = "installed"
_COMMIT = re.compile(r"^[0-9a-f]{7,40}$")
_KEYS = ("version", "commit", "date")
_FETCH_HINT = "fetch the full history (git fetch --unshallow; in GitHub Actions: actions/checkout with fetch-depth: 0)"


# Both are DiffErrors: whatever keeps diff() from reading a side, a caller catches summitdata.DiffError.
class UnknownVersionError(DiffError):
    """A version spec names no directory, release, tag or revision that can be read."""


class ReleaseIndexError(DiffError):
    """``releases.json`` is not a list of {"version", "commit", "date"} objects."""


@dataclass(frozen=True)
class Release:
    """One published release: its version, the commit it was cut from, and the day."""

    version: str
    commit: str
    date: str


@dataclass(frozen=True)
class PackageVersion:
    """A version of the package, readable as a directory (temporary for git revisions)."""

    spec: str
    label: str
    root: Path
    commit: str | None = None


def release_index_problems(data: object) -> list[str]:
    """Everything wrong with the shape of a parsed ``releases.json`` (empty when it is valid)."""
    if not isinstance(data, list):
        return ["releases.json must be a JSON list of releases"]
    problems: list[str] = []
    seen: set[str] = set()
    for number, entry in enumerate(data, start=1):
        where = f"release {number}"
        if not isinstance(entry, dict) or sorted(entry) != sorted(_KEYS):
            problems.append(f"{where} must be an object with exactly the keys {', '.join(_KEYS)}")
            continue
        version, commit, day = entry["version"], entry["commit"], entry["date"]
        if not isinstance(version, str) or not is_version(version) or version.startswith("v"):
            problems.append(f"{where}: version {version!r} is not X.Y.Z")
        elif version in seen:
            problems.append(f"{where}: version {version} is listed twice")
        else:
            seen.add(version)
        if not isinstance(commit, str) or not _COMMIT.match(commit):
            problems.append(f"{where}: commit {commit!r} is not a lowercase hexadecimal git hash (7-40 digits)")
        if not isinstance(day, str) or not _is_iso_date(day):
            problems.append(f"{where}: date {day!r} is not YYYY-MM-DD")
    return problems


def _is_iso_date(text: str) -> bool:
    try:
        return date.fromisoformat(text).isoformat() == text
    except ValueError:
        return False


def read_releases(repo: Path) -> tuple[Release, ...]:
    """The releases listed in ``repo/releases.json``, newest version first (none if the file is absent)."""
    path = repo / RELEASES_FILE
    if not path.is_file():
        return ()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ReleaseIndexError(f"cannot read {RELEASES_FILE}: {exc}") from None
    problems = release_index_problems(data)
    if problems:
        raise ReleaseIndexError(f"{RELEASES_FILE}: " + "; ".join(problems))
    releases = [Release(e["version"], e["commit"], e["date"]) for e in data]
    return tuple(sorted(releases, key=lambda r: parse_version(r.version), reverse=True))


def find_release(releases: tuple[Release, ...], version: str) -> Release | None:
    return next((release for release in releases if release.version == version.removeprefix("v")), None)


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False, timeout=120)
    except FileNotFoundError:
        raise UnknownVersionError("git is not installed: only directories and 'installed' can be read") from None


def find_repo(start: Path) -> Path | None:
    """The top of the git repository holding ``start``, if any."""
    if not start.is_dir():
        return None
    try:
        result = _git(start, "rev-parse", "--show-toplevel")
    except UnknownVersionError:
        return None
    return Path(result.stdout.decode().strip()) if result.returncode == 0 else None


def default_repo() -> Path | None:
    """The repository of the current directory, else the checkout this code runs from (editable install)."""
    found = find_repo(Path.cwd())
    if found is not None:
        return found
    return find_repo(Path(__file__).resolve().parent)


def resolve_commit(repo: Path, rev: str) -> str | None:
    """The full hash of the commit ``rev`` names in ``repo``, or None."""
    if rev.startswith("-"):  # never let a spec be read as an option of git
        return None
    result = _git(repo, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
    return result.stdout.decode().strip() if result.returncode == 0 else None


def materialize(repo: Path, commit: str, target: Path) -> None:
    """Write ``datapackage.json`` and ``data/*.csv`` as committed in ``commit`` into ``target``."""
    import tarfile

    result = _git(repo, "archive", "--format=tar", commit, "--", DESCRIPTOR, "data")
    if result.returncode != 0:
        raise UnknownVersionError(f"{commit[:12]} holds no {DESCRIPTOR} and data/ to compare")
    with tarfile.open(fileobj=io.BytesIO(result.stdout), mode="r:") as archive:
        for member in archive.getmembers():
            name = PurePosixPath(member.name)
            wanted = name == PurePosixPath(DESCRIPTOR) or (
                len(name.parts) == 2 and name.parts[0] == "data" and name.suffix == ".csv"
            )
            # Only regular files with the two shapes above: nothing can land outside ``target``.
            if not (wanted and member.isfile()):
                continue
            extracted = archive.extractfile(member)
            if extracted is None:
                continue
            destination = target.joinpath(*name.parts)
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(extracted.read())


def _revision(spec: str, repo: Path | None) -> tuple[str, str]:
    """(commit, label) for a release number, tag or revision; raise UnknownVersionError otherwise."""
    if repo is None:
        if is_version(spec):
            number = spec.removeprefix("v")
            # An installed wheel carries only its own data; earlier releases live in the git history.
            raise UnknownVersionError(
                f"release {number} is read from the repository's git history, which an installed copy does not "
                f"have: run the command inside a clone (git clone {HOMEPAGE}), or pass the folder of that "
                f"release's package instead (e.g. its sdist, unpacked: summitdata diff summitdata-{number} installed)"
            )
        raise UnknownVersionError(
            f"unknown version {spec!r}: not a directory, and there is no git repository to find it in "
            "(run from a clone of the summitdata repository, or pass a package directory or 'installed')"
        )
    if is_version(spec):
        release = find_release(read_releases(repo), spec)
        if release is not None:
            commit = resolve_commit(repo, release.commit)
            if commit is None:
                raise UnknownVersionError(
                    f"release {release.version} is commit {release.commit}, which this clone does not have: "
                    + _FETCH_HINT
                )
            return commit, f"{release.version} ({commit[:7]})"
        number = spec.removeprefix("v")
        for tag in (f"v{number}", number):
            commit = resolve_commit(repo, f"refs/tags/{tag}")
            if commit is not None:
                return commit, f"{number} (tag {tag}, {commit[:7]})"
        raise UnknownVersionError(f"unknown version {spec!r}: not in {RELEASES_FILE} and no tag v{number}")
    commit = resolve_commit(repo, spec)
    if commit is None:
        raise UnknownVersionError(f"unknown version {spec!r}: not a directory, a release or a git revision of {repo}")
    return commit, f"{spec} ({commit[:7]})"


@contextmanager
def open_version(spec: str | Path, repo: Path | None = None) -> Iterator[PackageVersion]:
    """Yield the package version ``spec`` names as a readable directory (see the module's docstring).

    ``repo`` is the git repository for releases and revisions (default: :func:`default_repo`). A git
    revision lives in a temporary directory removed on exit.
    """
    text = str(spec)
    if isinstance(spec, Path) or Path(text).is_dir():
        root = Path(spec)
        if not (root / DESCRIPTOR).is_file():
            raise UnknownVersionError(f"{root} is a directory without {DESCRIPTOR}: not a package version")
        yield PackageVersion(text, text, root)
        return
    if text == INSTALLED:
        yield PackageVersion(text, INSTALLED, bundled_root())
        return
    repo = repo if repo is not None else default_repo()
    commit, label = _revision(text, repo)
    assert repo is not None  # _revision raises without a repository
    with tempfile.TemporaryDirectory(prefix="summitdata-") as scratch:
        materialize(repo, commit, Path(scratch))
        yield PackageVersion(text, label, Path(scratch), commit)
