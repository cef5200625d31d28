"""validation/profile.py: Frictionless's profile checks a hand-made descriptor, within bounds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summitdata.validation import profile
from summitdata.validation.problems import Problem


def _descriptor_with(package: Path, **changes: object) -> None:
    path = package / "datapackage.json"
    path.write_text(json.dumps({**json.loads(path.read_text(encoding="utf-8")), **changes}), encoding="utf-8")


def test_a_hand_made_descriptor_gets_frictionless_s_problems(package_copy: Path) -> None:
    _descriptor_with(package_copy, resources=[1])
    problems: list[Problem] = []
    profile.check_descriptor_profile(package_copy, problems)
    assert problems
    assert {p.code for p in problems} == {"descriptor-error"}
    assert not any("Frictionless's profile is not run" in p.message for p in problems)


def test_a_descriptor_far_larger_than_the_generated_one_is_not_given_to_frictionless(
    package_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _descriptor_with(package_copy, keywords=["x"] * 50_000)
    monkeypatch.setattr(profile, "_profile_problems", lambda descriptor: pytest.fail("Frictionless was run"))
    problems: list[Problem] = []
    profile.check_descriptor_profile(package_copy, problems)
    assert [(p.code, p.hint) for p in problems] == [("descriptor-error", "run `summitdata generate`")]
    assert "times the generated descriptor's: Frictionless's profile is not run on it" in problems[0].message


def test_only_the_first_problems_frictionless_finds_are_reported(package_copy: Path) -> None:
    _descriptor_with(package_copy, resources=[1] * 500)
    problems: list[Problem] = []
    profile.check_descriptor_profile(package_copy, problems)
    assert len(problems) == profile.MAX_PROFILE_PROBLEMS
