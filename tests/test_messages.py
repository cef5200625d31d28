"""What the gate says to a journalist: the value quoted, what to write in plain words, never a regex.

Each edit is one a person makes by hand in a spreadsheet; the real command runs as a subprocess from
inside the edited copy (no folder argument), and its exact output is compared line by line.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from summitdata.fields import PATTERN_ADVICE, REF_ADVICE
from summitdata.resources import RESOURCES
from summitdata.validation.report import GENERATE_PENDING
from tests.cases.edits import build_case, load_cases
from tests.conftest import ROOT, edit_file

DATE_HINT = "write the date as YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2024-07-11"

#: (name, file, old text, new text, the exact problem line the gate prints).
EDITS = [
    (
        "date-in-words",
        "data/events.csv",
        "2024-07-09,2024-07-11",
        '2024-07-09,"July 11, 2024"',
        f"data/events.csv:7: events.end_date: [constraint-error] 'July 11, 2024' is not a date — {DATE_HINT}",
    ),
    (
        "date-without-zeros",
        "data/events.csv",
        "2024-07-09,2024-07-11",
        "2024-07-09,2024-7-11",
        f"data/events.csv:7: events.end_date: [constraint-error] '2024-7-11' is not a date — {DATE_HINT}",
    ),
    (
        "date-with-trailing-space",
        "data/events.csv",
        "2024-07-09,2024-07-11",
        "2024-07-09,2024-07-11 ",
        "data/events.csv:7: events.end_date: [constraint-error] '2024-07-11 ' is not a date (it has a space before "
        f"or after it) — {DATE_HINT}",
    ),
    (
        "speaker-by-name",
        "data/statements.csv",
        ",kim-tae-hyo,",
        ",Kim Tae-hyo,",
        "data/statements.csv:11: statements.speaker_person_id: [constraint-error] 'Kim Tae-hyo' is the name of the "
        "person kim-tae-hyo, not an id — use the person's id: kim-tae-hyo",
    ),
    (
        "speaker-by-short-name",
        "data/statements.csv",
        ",kim-tae-hyo,",
        ",kim,",
        "data/statements.csv:11: statements.speaker_person_id: [foreign-key-error] 'kim' is the name of the person "
        "kim-tae-hyo, not an id — use the person's id: kim-tae-hyo",
    ),
    (
        "speaker-unknown",
        "data/statements.csv",
        ",kim-tae-hyo,",
        ",tae-hyo-kim,",
        "data/statements.csv:11: statements.speaker_person_id: [foreign-key-error] 'tae-hyo-kim' is not an id in "
        "people — use the person's id, e.g. vipin-narang, from data/people.csv, or add the record there",
    ),
    (
        "capitalized-basis",
        "data/people.csv",
        "Presidents Yoon Suk-yeol and Joe Biden,inferred",
        "Presidents Yoon Suk-yeol and Joe Biden,Inferred",
        "data/people.csv:2: people.basis: [constraint-error] 'Inferred' is not an allowed value — values are "
        "case-sensitive: write inferred",
    ),
    (
        "straight-apostrophe-in-a-quote",
        "data/statements.csv",
        "Alliance’s combined defense posture.”,inferred",
        "Alliance's combined defense posture.”,inferred",
        "data/statements.csv:6: statements.quote: [quote-not-found] the article uses curly quotes ’ “ ”; this cell "
        "has a straight ' at position 109, in \"…bute to the Alliance's combined defense p…\" — type the curly "
        "quotation mark the article has there (copy the words from the article)",
    ),
]


def _validate(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "summitdata", "validate", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
        timeout=300,
    )


@pytest.mark.parametrize("edit", EDITS, ids=[e[0] for e in EDITS])
def test_a_hand_edit_gets_one_line_with_the_value_and_what_to_write(
    package_copy: Path, edit: tuple[str, str, str, str, str]
) -> None:
    """The report names the value, quoted, and says what to write; then once that the generator will be needed."""
    _, file, old, new, line = edit
    edit_file(package_copy / file, lambda text: text.replace(old, new, 1))
    result = _validate(package_copy / "data")  # from a subfolder: the package is found above it
    assert (result.returncode, result.stderr) == (1, "")
    first, note, last = result.stdout.splitlines()
    assert (first, note) == (line, GENERATE_PENDING)
    assert last.startswith(f"invalid: 1 problem(s) in 1 file(s) of {package_copy}; ")


def test_the_json_report_keeps_the_value_and_the_code(package_copy: Path) -> None:
    """Programs get the raw value and the stable code, whatever the wording for people."""
    edit_file(package_copy / "data/events.csv", lambda text: text.replace("2024-07-11", "July 11 2024", 1))
    result = _validate(package_copy, "--format", "json")
    report = json.loads(result.stdout)
    [problem] = report["problems"]
    assert (problem["code"], problem["value"], problem["field"]) == (
        "constraint-error",
        "July 11 2024",
        "events.end_date",
    )
    assert (report["package"], report["generate_after_fixes"]) == (str(package_copy), True)


def test_once_the_tables_are_valid_stale_generated_files_come_in_the_same_run(package_copy: Path) -> None:
    """A valid data edit is reported with every generated file it makes stale, in one run."""
    # The end date with its derived bounds, as `summitdata generate` would write them.
    edit_file(
        package_copy / "data/events.csv",
        lambda text: text.replace(
            "2024-07-11,2024-07-11,2024-07-11,from Tuesday", "2024-07-12,2024-07-12,2024-07-12,from Tuesday", 1
        ),
    )
    result = _validate(package_copy)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("data/summit.json: /events/")
    assert all("[generated-stale]" in line and "run `summitdata generate`" in line for line in lines[:-1])
    assert GENERATE_PENDING not in lines


def test_no_message_of_the_corpus_shows_a_pattern(tmp_path: Path) -> None:
    """Across every invalid case, no message or hint contains a regular expression."""
    from summitdata.validation import validate_package

    regex = re.compile(r"\^|\$$|\[0-9|\[a-z|\{[0-9]|\(\?|\\[sdw]")
    for case in load_cases():
        package = build_case(case, tmp_path / case.name)
        for problem in validate_package(package, case.max_bytes or 2**31).problems:
            assert not regex.search(problem.message + problem.hint), (case.name, problem)


def test_every_pattern_and_reference_of_the_models_has_advice() -> None:
    """A new pattern or foreign key cannot reach people as a regex: it needs words in fields.py first."""
    for resource in RESOURCES:
        properties = resource.model.model_json_schema()["properties"]
        for name, schema in properties.items():
            for option in schema.get("anyOf", [schema]):
                if "pattern" in option:
                    assert option["pattern"] in PATTERN_ADVICE, (resource.name, name)
        assert set(resource.foreign_keys.values()) <= set(REF_ADVICE), resource.name


def test_each_advice_example_id_exists() -> None:
    """The ids the hints give as examples are records of the package."""
    for target, advice in REF_ADVICE.items():
        ids = [line.split(",", 1)[0] for line in (ROOT / f"data/{target}.csv").read_text(encoding="utf-8").splitlines()]
        assert advice.example in ids, target
