"""Semantic versions for the data: parsing, comparing, the bump rules, and :func:`require_version`.

The policy (after the Frictionless "Data Package Version" recipe) lives in :data:`RULES`: every kind of
change a diff can report maps to the bump it requires. Only the standard library is used, so that
``import summitdata`` stays light; ``packaging`` is not a runtime dependency of the package.
"""

from __future__ import annotations

import re
from typing import Literal, NamedTuple

from summitdata.metadata import HOMEPAGE

Bump = Literal["none", "patch", "minor", "major"]

#: Bumps from weakest to strongest; the index is the rank.
BUMPS: tuple[Bump, ...] = ("none", "patch", "minor", "major")

#: Every change kind a diff reports → the bump it requires (the README's "Versions" policy).
RULES: dict[str, Bump] = {
    # Records, keyed by their primary key (``id``).
    "record-added": "minor",
    "record-removed": "major",
    "record-changed": "patch",  # a corrected value
    "id-changed": "major",  # the same record under a new ID: the old ID is gone for whoever used it
    # Resources.
    "resource-added": "minor",
    "resource-removed": "major",
    "resource-changed": "patch",  # a non-tabular resource's metadata or pinned hash
    "resource-format-changed": "major",  # path, format, encoding or dialect: readers of the file break
    # Fields (columns) of a tabular resource.
    "field-added": "minor",
    "field-removed": "major",
    "field-renamed": "major",
    "field-retyped": "major",
    "fields-reordered": "major",  # readers that go by position break
    "key-changed": "major",  # the primary key names different columns: record identity changes
    # A constraint that rejects more values could fail existing data (or a consumer's copy of it);
    # one that accepts more values widens what the data may hold, like an addition.
    "constraint-tightened": "major",
    "constraint-loosened": "minor",
    # Titles, descriptions and other words about the data.
    "metadata-changed": "patch",
}


class Version(NamedTuple):
    """``MAJOR.MINOR.PATCH``; tuples compare in version order."""

    major: int
    minor: int
    patch: int

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}.{self.patch}"


class VersionMismatchError(RuntimeError):
    """The data is not the version an analysis was written for."""


# Patterns, compiled by ``re`` on first use (and cached there), not at import: most imports of
# summitdata never compare versions, and compiling both cost ``import summitdata`` a million instructions.
_VERSION = r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$"
_CLAUSE = r"^\s*(==|!=|>=|<=|>|<)?\s*v?(\d+(?:\.\d+){0,2})\s*$"


def parse_version(text: str) -> Version:
    """Parse a strict ``X.Y.Z`` (no leading zeros, no pre-release); raise ValueError otherwise."""
    match = re.match(_VERSION, text.strip())
    if match is None:
        raise ValueError(f"{text!r} is not a semantic version X.Y.Z")
    return Version(int(match[1]), int(match[2]), int(match[3]))


def is_version(text: str) -> bool:
    return re.match(_VERSION, text.strip().removeprefix("v")) is not None


def rank(bump: Bump) -> int:
    return BUMPS.index(bump)


def strongest(bumps: list[Bump] | tuple[Bump, ...]) -> Bump:
    """The strongest of some bumps (``"none"`` for none)."""
    return max(bumps, key=rank, default="none")


def next_version(version: Version, bump: Bump) -> Version:
    """The smallest version that makes ``bump`` over ``version``."""
    if bump == "major":
        return Version(version.major + 1, 0, 0)
    if bump == "minor":
        return Version(version.major, version.minor + 1, 0)
    if bump == "patch":
        return Version(version.major, version.minor, version.patch + 1)
    return version


def bump_between(old: Version, new: Version) -> Bump:
    """The bump ``old`` → ``new`` makes (``"none"`` when equal or going backwards)."""
    if new <= old:
        return "none"
    if new.major != old.major:
        return "major"
    if new.minor != old.minor:
        return "minor"
    return "patch"


def _clause_matches(operator: str | None, wanted: str, actual: Version) -> bool:
    parts = tuple(int(p) for p in wanted.split("."))
    if operator is None:
        # A bare version is a prefix: "1" is any 1.x.y, "1.0" any 1.0.x, "1.0.2" exactly that.
        return actual[: len(parts)] == parts
    padded = Version(*(parts + (0,) * (3 - len(parts))))
    results = {
        "==": actual == padded,
        "!=": actual != padded,
        ">=": actual >= padded,
        "<=": actual <= padded,
        ">": actual > padded,
        "<": actual < padded,
    }
    return results[operator]


def version_matches(spec: str, version: str | Version) -> bool:
    """Whether ``version`` satisfies ``spec``: ``"1.0"`` (prefix), ``"1.0.2"``, ``">=1.1,<2"``, ``"!=1.2.0"``.

    Clauses are comma-separated and must all hold; missing parts of an operator's version are zeros.
    """
    actual = version if isinstance(version, Version) else parse_version(version)
    clauses = [clause for clause in spec.split(",") if clause.strip()]
    if not clauses:
        raise ValueError(f"empty version specification {spec!r}")
    matched = True
    for clause in clauses:
        match = re.match(_CLAUSE, clause)
        if match is None:
            raise ValueError(f"cannot read {clause.strip()!r} in {spec!r}: use e.g. '1.0', '1.0.2' or '>=1.1,<2'")
        matched = matched and _clause_matches(match[1], match[2], actual)
    return matched


#: Where each release's wheel and sdist are attached (the release workflow puts them there).
RELEASES_URL = f"{HOMEPAGE}/releases"


def require_version(spec: str, version: str | None = None) -> str:
    """Fail loudly unless the data is a version ``spec`` allows; return the version.

    ``version`` defaults to the installed package's (the bundled data's) version; pass ``ds.version``
    to check a copy loaded with ``summitdata.load(path)``.

    >>> require_version(">=1.0")  # doctest: +SKIP
    '1.0.0'
    """
    if version is None:
        from summitdata._version import __version__

        version = __version__
    if not version_matches(spec, version):
        raise VersionMismatchError(
            f"this analysis needs summitdata data version {spec}, but the data is version {version}: "
            f"install a release that matches (python -m pip install the .whl file attached to it at {RELEASES_URL}) "
            "or update the analysis for the new data (see CHANGELOG.md)"
        )
    return version
