"""validation/citation.py: CITATION.cff read within its own limit; the schema's first problems name what matters."""

from __future__ import annotations

from pathlib import Path

import pytest

from summitdata.validation import citation
from summitdata.validation.problems import Problem
from tests.cases import crafted
from tests.conftest import edit_file


def test_a_citation_over_its_limit_is_refused_before_it_is_parsed(
    package_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = package_copy / "CITATION.cff"
    path.write_bytes(path.read_bytes() + b"#" * citation.CITATION_MAX_BYTES)
    monkeypatch.setattr(citation, "_loader", lambda text: pytest.fail("the over-limit citation was parsed"))
    problems: list[Problem] = []
    citation.check_citation(package_copy, problems)
    assert [(p.code, p.hint) for p in problems] == [
        ("file-too-large", "a citation is kilobytes: restore CITATION.cff from the repository and edit it there")
    ]


def test_a_smaller_gate_limit_keeps_its_own_hint(package_copy: Path) -> None:
    problems: list[Problem] = []
    citation.check_citation(package_copy, problems, max_bytes=100)
    assert [(p.code, p.hint) for p in problems] == [
        ("file-too-large", "split the data or raise the limit with --max-bytes")
    ]


def test_a_missing_field_is_named_among_more_bad_items_than_are_reported(package_copy: Path) -> None:
    crafted.replace_citation_authors(package_copy, "authors: [" + "a, " * 499 + "a]")
    edit_file(package_copy / "CITATION.cff", lambda text: text.replace("\ntitle: ", "\nheadline: ", 1))
    problems: list[Problem] = []
    citation.check_citation(package_copy, problems)
    messages = [p.message for p in problems if p.code == "citation-error"]
    assert len(messages) == citation.MAX_SCHEMA_PROBLEMS
    assert "not valid CFF 1.2.0: 'title' is a required property" in messages
