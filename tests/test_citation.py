"""validation/citation.py: CITATION.cff read within its own limit; the schema's first problems name what matters."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summitdata.validation import citation
from summitdata.validation.patterns import linear
from summitdata.validation.problems import Problem
from tests.cases import crafted
from tests.conftest import JSON_VALUES, ROOT, edit_file

#: The real citation, as the schema sees it.
REAL: dict[str, Any] = citation._loader((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
#: Every top-level key the CFF schema knows, and a few it does not.
KEYS = [*sorted(citation.cff_schema()["properties"]), "unknown", ""]


def _all_problems(schema: Any, document: Any) -> list[tuple[str, str, str]]:
    errors = linear(jsonschema.Draft7Validator)(schema).iter_errors(document)
    return sorted((str(list(e.absolute_path)), e.validator, e.message) for e in errors)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(
    changes=st.dictionaries(st.sampled_from(KEYS), JSON_VALUES, max_size=4),
    removed=st.sets(st.sampled_from(sorted(REAL)), max_size=3),
)
def test_moving_keywords_that_look_inside_members_last_changes_no_problem(
    changes: dict[str, Any], removed: set[str]
) -> None:
    document = {key: value for key, value in REAL.items() if key not in removed} | changes
    schema = citation.cff_schema()
    assert _all_problems(citation._shallow_first(schema), document) == _all_problems(schema, document)


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


def test_the_readme_gives_the_citation_limit() -> None:
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert f"at most {citation.CITATION_MAX_BYTES // 1024} KiB; safe YAML" in readme
