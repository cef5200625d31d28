"""summitdata.versions: semantic versions, bumps, version specs and require_version."""

from __future__ import annotations

import pytest

import summitdata
from summitdata.versions import (
    BUMPS,
    Bump,
    Version,
    VersionMismatchError,
    bump_between,
    next_version,
    parse_version,
    require_version,
    strongest,
    version_matches,
)

#: Text → parsed version, or None when it must be refused.
PARSE_CASES: dict[str, Version | None] = {
    "1.0.0": Version(1, 0, 0),
    "10.20.30": Version(10, 20, 30),
    "1.0": None,
    "01.0.0": None,
    "1.0.0-rc1": None,
    "v1.0.0": None,
    "": None,
}

#: (version, bump) → the smallest version making that bump.
NEXT_CASES: dict[tuple[str, Bump], str] = {
    ("1.2.3", "none"): "1.2.3",
    ("1.2.3", "patch"): "1.2.4",
    ("1.2.3", "minor"): "1.3.0",
    ("1.2.3", "major"): "2.0.0",
}

#: (old, new) → the bump made.
BETWEEN_CASES: dict[tuple[str, str], str] = {
    ("1.0.0", "1.0.0"): "none",
    ("1.0.0", "0.9.0"): "none",
    ("1.0.0", "1.0.1"): "patch",
    ("1.0.5", "1.1.0"): "minor",
    ("1.9.9", "2.0.0"): "major",
}

#: (spec, version) → whether the version satisfies the spec.
MATCH_CASES: dict[tuple[str, str], bool] = {
    ("1.0", "1.0.0"): True,
    ("1.0", "1.0.7"): True,
    ("1.0", "1.1.0"): False,
    ("1", "1.9.0"): True,
    ("1", "2.0.0"): False,
    ("1.0.2", "1.0.2"): True,
    ("1.0.2", "1.0.3"): False,
    ("v1.0", "1.0.3"): True,
    (">=1.1,<2", "1.1.0"): True,
    (">=1.1,<2", "1.9.9"): True,
    (">=1.1,<2", "1.0.9"): False,
    (">=1.1,<2", "2.0.0"): False,
    ("==1.0", "1.0.0"): True,
    ("==1.0", "1.0.1"): False,
    ("!=1.0.1", "1.0.1"): False,
    (">1.0.0, <=1.2", "1.2.0"): True,
}


@pytest.mark.parametrize("text", sorted(PARSE_CASES))
def test_only_strict_x_y_z_parses(text: str) -> None:
    expected = PARSE_CASES[text]
    if expected is None:
        with pytest.raises(ValueError, match="not a semantic version"):
            parse_version(text)
    else:
        assert parse_version(text) == expected
        assert str(expected) == text


@pytest.mark.parametrize(("version", "bump"), sorted(NEXT_CASES))
def test_next_version_makes_exactly_the_bump(version: str, bump: Bump) -> None:
    assert str(next_version(parse_version(version), bump)) == NEXT_CASES[version, bump]


@pytest.mark.parametrize(("old", "new"), sorted(BETWEEN_CASES))
def test_bump_between_names_the_bump_made(old: str, new: str) -> None:
    assert bump_between(parse_version(old), parse_version(new)) == BETWEEN_CASES[old, new]


def test_strongest_bump_wins() -> None:
    assert strongest(["patch", "major", "minor"]) == "major"
    assert strongest([]) == "none"
    assert BUMPS == ("none", "patch", "minor", "major")


@pytest.mark.parametrize(("spec", "version"), sorted(MATCH_CASES))
def test_version_specs_match_like_pip(spec: str, version: str) -> None:
    assert version_matches(spec, version) is MATCH_CASES[spec, version]


@pytest.mark.parametrize("spec", ["", "~=1.0", ">=one", "1.0.0.0", ">=1.0;<2"])
def test_an_unreadable_spec_is_refused(spec: str) -> None:
    with pytest.raises(ValueError, match=r"specification|cannot read"):
        version_matches(spec, "1.0.0")


def test_require_version_passes_for_the_running_data_and_returns_it() -> None:
    major, minor, _ = summitdata.__version__.split(".")
    assert require_version(f"{major}.{minor}") == summitdata.__version__
    assert require_version(f">={major},<{int(major) + 1}") == summitdata.__version__


def test_require_version_fails_loudly_for_another_version() -> None:
    with pytest.raises(VersionMismatchError) as info:
        require_version("1.0", version="1.1.0")
    message = str(info.value)
    assert "needs summitdata data version 1.0, but the data is version 1.1.0" in message
    assert (
        "python -m pip install the .whl file attached to it at https://github.com/summitdata/summitdata/releases"
        in (message)
    )
    assert "==1.0.*" not in message  # no pip hint for a distribution the index does not have


def test_require_version_checks_a_loaded_copy(ds: summitdata.Dataset) -> None:
    assert require_version(ds.version, version=ds.version) == ds.version
