"""The README's examples are true: its code runs and its quoted output is what the tools print."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, get_args

import pytest

import summitdata
from summitdata.cli import run
from summitdata.engines import FAST_THRESHOLD_BYTES, LOAD_FAST_THRESHOLD_BYTES
from summitdata.generate import generated_files
from summitdata.models._base import DISPUTING_STATUSES
from summitdata.models.agreements import STANDING_ACTIONS, Action
from summitdata.models.event_codes import CAMEO_CODEBOOK, PLOVER_CROSSWALK
from summitdata.models.events import EventKind
from summitdata.resources import RESOURCES
from summitdata.validation import citation, documents, provenance
from tests.conftest import ROOT, edit_file

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _flat(text: str) -> str:
    """The text with every run of white space one space (sentences wrap anywhere in Markdown)."""
    return " ".join(text.split())


def _quick_start() -> str:
    block: str
    (block,) = re.findall(r"## For Python users\n\n```python\n(.*?)```", README, re.S)
    return block


def test_the_python_quick_start_runs_as_written() -> None:
    """The quick start runs as one block, as a reader pastes it, and binds the dataset and the record it names."""
    namespace: dict[str, Any] = {}
    exec(compile(_quick_start(), "README.md", "exec"), namespace)  # the README's own example code
    assert namespace["ds"].version == namespace["summitdata"].__version__
    assert namespace["narang"] is namespace["ds"].people["vipin-narang"]


def test_the_quoted_gate_output_is_what_the_gate_prints(package_copy: Path) -> None:
    (quoted,) = re.findall(r"## Contributing: the gate.*?```\n(.*?)\n```", README, re.S)
    edit_file(package_copy / "data/people.csv", lambda s: s.replace("Vipin Narang,,USA", "Vipin Narang,,Korea"))
    out = io.StringIO()
    assert run(["validate", str(package_copy)], out, io.StringIO()) == 1
    assert out.getvalue().splitlines()[0] == quoted


def test_every_size_the_readme_gives_for_the_fast_engine_is_its_threshold() -> None:
    """The gate's "over 4 MiB of CSV" and load()'s "more than 32 MiB of CSV" are the engines' thresholds."""
    sizes = re.findall(r"(over|more\s+than)\s+(\d+)\s+MiB\s+of\s+CSV", README)
    assert sorted((words.split()[0], int(mib) * 1024**2) for words, mib in sizes) == [
        ("more", LOAD_FAST_THRESHOLD_BYTES),
        ("over", FAST_THRESHOLD_BYTES),
    ]


def test_the_two_setup_commands_are_the_ones_ci_runs() -> None:
    commands = re.findall(r"```sh\n(.*?)\n```", README.split("## Set up on a fresh machine")[1].split("\n## ")[0])
    assert commands == [
        'python -m pip install -e ".[validate]" && python validate.py',
        'python -m pip install -e ".[dev]" && python -m pytest',
    ]
    assert commands[1] in (ROOT / ".ci/run").read_text(encoding="utf-8")


def test_the_speed_tables_are_the_latest_benchmark_run() -> None:
    """Every table of bench/RESULTS.md is in the README's Speed section, row for row."""
    results = (ROOT / "bench/RESULTS.md").read_text(encoding="utf-8")
    tables = re.findall(r"(?:^\|.*\n?)+", results, re.MULTILINE)
    assert tables
    speed = README.split("### Speed")[1].split("\n## ")[0]
    for table in tables:
        assert table.rstrip("\n") in speed
    # The run's sentences of figures too: the real package end to end, and import plus load.
    assert f"Measured on: {_measured()['machine']}." in speed  # the machine and the date of that run
    figures = [line for line in results.splitlines() if line.startswith(("The real package", "`import summitdata"))]
    assert len(figures) == 2
    for line in figures:
        assert line in speed


# The README's opening summary of disputed claims, between these markers, is checked against the fact checks.
DISPUTED_BLOCK = re.compile(r"<!-- disputed-claims:.*?-->\n(.*?)<!-- /disputed-claims -->", re.S)
DISPUTED_BULLET = re.compile(r"^- `([a-z0-9-]+)` \(\*\*([a-z]+)\*\*\): (.*?)(?=^- |\Z)", re.S | re.M)
NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def _claim_of(check: summitdata.FactCheck) -> str:
    """The claim a fact check is about: its event or statement, or the event of a checked action or participant."""
    target = check.target
    if isinstance(target, summitdata.Event | summitdata.Statement):
        return target.id
    assert isinstance(target, summitdata.AgreementAction | summitdata.Participant), check.id
    assert target.event_id is not None, check.id
    return target.event_id


def _disputing(ds: summitdata.Dataset) -> list[summitdata.FactCheck]:
    return [check for check in ds.fact_checks if check.status in DISPUTING_STATUSES]


def test_the_opening_summary_names_exactly_the_disputed_claims_with_their_status() -> None:
    """Every claim a fact check contradicts or finds unsupported is in the README's summary, and nothing else."""
    ds = summitdata.load(ROOT)
    (block,) = DISPUTED_BLOCK.findall(README)
    bullets = {record_id: {status} for record_id, status, _ in DISPUTED_BULLET.findall(block)}
    claims: dict[str, set[str]] = {}
    for check in _disputing(ds):
        claims.setdefault(_claim_of(check), set()).add(check.status)
    assert bullets == claims
    count = NUMBER_WORDS[len(claims)]
    assert f"does not support {count} of the article's claims" in _flat(README)


def test_the_opening_summary_quotes_the_article_as_the_fact_checks_do() -> None:
    """Each phrase the summary quotes from the article is part of a disputing fact check's `reported` words."""
    ds = summitdata.load(ROOT)
    (block,) = DISPUTED_BLOCK.findall(README)
    quoted = 0
    for record_id, _, text in DISPUTED_BULLET.findall(block):
        reported = [c.reported or "" for c in _disputing(ds) if _claim_of(c) == record_id]
        for phrase in re.findall(r'\*\*[^"*]*"([^"]+)"', _flat(text)):
            assert any(phrase in words for words in reported), (record_id, phrase)
            quoted += 1
    assert quoted == 3


def test_the_readme_calls_nothing_a_misquotation() -> None:
    """The joint-planning quotation is refined, and the README mentions misquotation only to say it is not one."""
    ds = summitdata.load(ROOT)
    assert ds.fact_checks["joint-planning-wording"].status == "refined"
    mentions = re.findall(r"[^.]*misquot[^.]*\.", _flat(README))
    assert mentions
    assert all("*not* a misquotation" in m for m in mentions)


def test_the_quoted_citation_is_what_summitdata_info_prints_for_this_version() -> None:
    """The README's citation is `summitdata info`'s (homepage left out), with the package's version."""
    out = io.StringIO()
    assert run(["info"], out, io.StringIO()) == 0
    [cited] = [line.removeprefix("cite as: ") for line in out.getvalue().splitlines() if line.startswith("cite as: ")]
    quoted = " ".join(
        line.removeprefix("> ") for line in README.split("## Citation", 1)[1].splitlines() if line.startswith("> ")
    )
    assert f"(version {summitdata.__version__})" in quoted
    assert quoted == re.sub(r" https://\S+\.", "", cited)


def test_the_parquet_example_runs_with_what_the_export_extra_installs(tmp_path: Path) -> None:
    """The README's Parquet one-liner needs no tool outside the documented extras, and prints the events."""
    (line,) = re.findall(r"`(summitdata export parquet [^`]*)`", README)
    command = line.replace("summitdata export", f"{sys.executable} -m summitdata export --package {ROOT}").replace(
        "python -c", f"{sys.executable} -c"
    )
    result = subprocess.run(command, shell=True, capture_output=True, text=True, cwd=tmp_path, check=False, timeout=300)
    assert result.returncode == 0, result.stderr
    assert 'id: [["biden-yoon-summit-2023",' in result.stdout  # the table, printed by pyarrow


def test_install_commands_work_before_the_package_is_on_pypi() -> None:
    """Every shell block's pip install of summitdata names a source pip can reach: a clone, a git tag or a wheel."""
    commands = [line for block in re.findall(r"```sh\n(.*?)```", README, re.S) for line in block.splitlines()]
    installs = [line for line in commands if "pip install" in line]
    assert installs
    for line in installs:
        assert " -e " in line or " @ git+https://" in line or re.search(r" @ https://\S+\.whl", line), line


def _speed() -> str:
    return README.split("### Speed")[1].split("\n## ")[0]


def _measured() -> dict[str, Any]:
    results: dict[str, Any] = json.loads((ROOT / "bench/results.json").read_text(encoding="utf-8"))
    assert not results["tables_only"], "the README's Speed section reports the full gate"
    return results


#: Each claim the Speed section makes in words, and what must hold in bench/results.json for it to be true.
SPEED_CLAIMS: dict[str, Callable[[dict[str, Any]], bool]] = {
    "faster than `frictionless validate` from 10,000 rows up": lambda r: all(
        m["fast"]["wall"] < m["frictionless"]["wall"] for size, m in r["sizes"].items() if int(size) >= 10_000
    ),
    "far short of\nthe tenfold": lambda r: all(
        m["frictionless"]["wall"] / m["fast"]["wall"] < 5 for m in r["sizes"].values()
    ),
    "**faster than Frictionless too, from 10,000 rows up**": lambda r: all(
        m["stale"]["wall"] < m["frictionless"]["wall"]
        for size, m in r["sizes"].items()
        if int(size) >= 10_000 and "stale" in m
    ),
    "**under twice the time of the current package**": lambda r: all(
        m["stale"]["wall"] < 2 * m["fast"]["wall"]
        for size, m in r["sizes"].items()
        if int(size) >= 100_000 and "stale" in m
    ),
    "**under 1.2 times its peak memory**": lambda r: all(
        m["stale"]["peak_mib"] < 1.2 * m["fast"]["peak_mib"]
        for size, m in r["sizes"].items()
        if int(size) >= 100_000 and "stale" in m
    ),
    "several times Frictionless's peak memory": lambda r: all(
        m["fast"]["peak_mib"] >= 2 * m["frictionless"]["peak_mib"]
        for size, m in r["sizes"].items()
        if int(size) >= 10_000
    ),
    "**under 2.5 times the instructions of `import pydantic`** (the aim;": lambda r: (
        r["import_instructions"]["import_load"] / r["import_instructions"]["import_pydantic"] < 2.5
    ),
    "in **under half a second** in this run": lambda r: r["real"]["validate_py"] < 0.5,
    'a large copy loads in **less than half the time of\n`load(engine="rows")`**': lambda r: all(
        m["load"]["inner_seconds"] / m["load_rows"]["inner_seconds"] < 0.5
        for size, m in r["sizes"].items()
        if int(size) >= 100_000 and "load" in m
    ),
    "at 100,000 rows **two to four times `csv.DictReader`**": lambda r: (
        2 <= r["sizes"]["100000"]["load"]["inner_seconds"] / r["sizes"]["100000"]["dictreader"]["inner_seconds"] <= 4
    ),
    "(the aim is three, met in\nthis run;": lambda r: (
        r["sizes"]["100000"]["load"]["inner_seconds"] / r["sizes"]["100000"]["dictreader"]["inner_seconds"] <= 3
    ),
    "costs several times a plain `csv.DictReader`": lambda r: all(
        m["load"]["inner_seconds"] >= 2 * m["dictreader"]["inner_seconds"] for m in r["sizes"].values() if "load" in m
    ),
}


@pytest.mark.parametrize("claim", SPEED_CLAIMS)
def test_each_speed_claim_in_words_holds_in_the_latest_run(claim: str) -> None:
    """The Speed section's sentences say what bench/results.json measured, sizes 10k and 1M included."""
    assert claim in _speed()
    results = _measured()
    assert {"10000", "100000", "1000000"} <= set(results["sizes"])
    assert SPEED_CLAIMS[claim](results)


def test_the_nested_document_is_larger_than_the_tables_it_is_made_from() -> None:
    """What the Speed section says of data/summit.json holds for the real package."""
    assert "which is larger than all the tables together" in _speed()
    tables = sum((ROOT / r.path).stat().st_size for r in RESOURCES)
    assert (ROOT / "data/summit.json").stat().st_size > tables


#: The size limits the README's list of checks gives, and the constants that enforce them.
LIMITS = {
    "`CITATION.cff` (required; at most {} KiB;": lambda: citation.CITATION_MAX_BYTES // 1024,
    "each stored text's SHA-256 (at most {} MiB)": lambda: provenance.STORED_TEXT_MAX_BYTES // 1024**2,
    "a hand-edited schema is stopped after {} checks a value)": lambda: documents.SCHEMA_CHECKS_PER_VALUE,
}


@pytest.mark.parametrize("sentence", LIMITS)
def test_each_size_limit_the_readme_gives_is_the_one_enforced(sentence: str) -> None:
    readme = _flat(README)
    assert sentence.format(LIMITS[sentence]()) in readme


def test_the_evidence_of_every_disputed_claim_has_its_address_in_sources() -> None:
    """Each fact check behind the opening summary cites a source with an address (its title only where shown)."""
    ds = summitdata.load(ROOT)
    assert "with the evidence's address in `sources.csv`, and its title where the page shows one" in _flat(README)
    checks = _disputing(ds)
    assert checks
    for check in checks:
        assert ds.sources[check.source_id].url, check.id


#: The files table's words for the event kinds and agreement actions, and the values each covers.
EVENT_KIND_WORDS = {
    "summit": {"summit"},
    "meeting": {"meeting", "bilateral-meeting"},
    "signing": {"signing"},
    "authorization": {"authorization"},
    "release": {"document-release"},
    "founding": {"founding"},
    "briefing": {"briefing"},
}
ACTION_WORDS = {
    "adopted": {"adopted"},
    "signed": {"signed"},
    "authorized": {"authorized"},
    "reaffirmed": {"reaffirmed"},
    "released": {"released"},
    "carries out": {"carries-out"},
    "guided by": {"guided-by"},
}


@pytest.mark.parametrize(
    ("path", "values", "words"),
    [("events.csv", EventKind, EVENT_KIND_WORDS), ("agreement_actions.csv", Action, ACTION_WORDS)],
    ids=["events", "agreement_actions"],
)
def test_the_files_table_names_every_event_kind_and_action(path: str, values: Any, words: dict[str, set[str]]) -> None:
    """The files table lists the kinds of events and acts on agreements: every value the model allows, no other."""
    (row,) = [line for line in README.splitlines() if line.startswith(f"| `{path}` |")]
    assert [word for word in words if word not in row] == []
    assert set().union(*words.values()) == set(get_args(values))


def test_the_event_codes_the_readme_says_are_missing_are_the_missing_ones() -> None:
    """No PLOVER type for CAMEO 010 (releases and briefings), and no code at all for the standing relations."""
    assert (
        "releases and briefings (CAMEO 010) have no PLOVER type; `carries-out` and `guided-by`, standing "
        "relations and not events, have neither code" in _flat(README)
    )
    assert STANDING_ACTIONS == ("carries-out", "guided-by")
    codes = summitdata.load(ROOT).event_codes
    statements = {code.value for code in codes if code.cameo_code == "010"}
    assert statements == {"document-release", "released", "briefing"}
    assert {code.value for code in codes if code.plover_event is None} == statements | set(STANDING_ACTIONS)
    assert {code.value for code in codes if code.cameo_code is None} == set(STANDING_ACTIONS)


def test_the_files_generate_writes_are_the_ones_the_readme_lists() -> None:
    """The sentence on `summitdata generate` names every file it writes (the schemas as one pattern)."""
    (sentence,) = re.findall(r"`summitdata generate` writes(.*?); `summitdata generate --check`", README, re.S)
    listed = {name for name in re.findall(r"`([^`]+)`", sentence) if "/" in name or name.endswith(".json")}
    written = {re.sub(r"^schemas/.*\.schema\.json$", "schemas/*.schema.json", path) for path in generated_files(ROOT)}
    assert listed == written


def test_the_data_model_diagram_is_the_descriptors_foreign_keys() -> None:
    """Each arrow of the diagram is a foreign key of datapackage.json, and every foreign key has its arrow."""
    (diagram,) = re.findall(r"## The data model at a glance\n\n```\n(.*?)```", README, re.S)
    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    tables = {resource.name for resource in RESOURCES}
    keys: dict[str, set[tuple[str, str]]] = {}  # referenced table → (referencing table, column)
    for resource in descriptor["resources"]:
        for key in resource.get("schema", {}).get("foreignKeys", []):
            (column,) = key["fields"] if isinstance(key["fields"], list) else [key["fields"]]
            keys.setdefault(key["reference"].get("resource") or resource["name"], set()).add((resource["name"], column))
    arrows = dict(line.split(" ◄── ") for line in diagram.splitlines() if " ◄── " in line)
    assert set(arrows) == set(keys)
    for target, text in arrows.items():
        if target == "sources":
            assert set(re.findall(r"\b[a-z_]+_id\b", text)) == {column for _, column in keys[target]}
            (but,) = re.findall(r"of every table but (.*?)\)", text)
            assert set(but.split(" and ")) == tables - {
                table for table, column in keys[target] if column == "source_id"
            }
        else:
            expected = {column if table == target else table for table, column in keys[target]}
            assert {item.strip() for item in text.split(",")} == expected, target


def test_the_research_notes_are_under_the_licence_the_readme_gives_them() -> None:
    """The README puts the research notes under CC BY 4.0; LICENSE-DATA, which grants it, names them."""
    assert "The research notes (`data/sources/external-context.md`) are the project's, under CC BY 4.0" in _flat(README)
    licence = _flat((ROOT / "LICENSE-DATA").read_text(encoding="utf-8"))
    assert "the research notes data/sources/external-context.md" in licence
    assert "Creative Commons Attribution 4.0 International" in licence


def test_every_document_under_docs_is_named_by_the_data_licence() -> None:
    """LICENSE-DATA names each file under docs/, as the README's "the documents under `docs/`" says."""
    assert "and the documents under `docs/`): [CC BY 4.0](LICENSE-DATA)" in _flat(README)
    licence = _flat((ROOT / "LICENSE-DATA").read_text(encoding="utf-8"))
    documents = sorted(path.relative_to(ROOT).as_posix() for path in (ROOT / "docs").iterdir())
    assert documents
    assert [name for name in documents if name not in licence] == []


def test_the_licence_the_readme_gives_the_wheel_is_the_one_it_declares() -> None:
    """The README's licence expression for the wheel is pyproject.toml's, naming the article's text apart."""
    declared = re.findall(r'^license = "(.*)"$', (ROOT / "pyproject.toml").read_text(encoding="utf-8"), re.MULTILINE)
    assert declared == ["MIT AND CC-BY-4.0 AND LicenseRef-Hankyoreh-Article"]
    assert f"The wheel holds both, and the article's text (below), so its licence is `{declared[0]}`." in _flat(README)


def test_the_workflow_the_readme_says_publishes_the_site_is_the_one_that_does() -> None:
    """The pages workflow deploys to GitHub Pages; the release workflow does not."""
    assert "(the pages workflow puts it on GitHub Pages)" in _flat(README)
    workflows = ROOT / ".github/workflows"
    assert "actions/deploy-pages@" in (workflows / "pages.yml").read_text(encoding="utf-8")
    assert "deploy-pages" not in (workflows / "release.yml").read_text(encoding="utf-8")


def test_the_quick_start_comments_are_what_each_line_returns() -> None:
    """Each value the Python quick start shows in a comment (a quoted name, True) is what its line gives."""
    namespace: dict[str, Any] = {}
    shown = 0
    for line in _quick_start().splitlines():
        code, _, comment = line.partition("  # ")
        if re.fullmatch(r"'[^']*'|True|False", comment.strip()):
            assert repr(eval(code, namespace)) == comment.strip(), code  # the README's own example code
            shown += 1
        elif code.strip():
            exec(code, namespace)  # the README's own example code
    assert shown == 5


def test_the_fast_load_takes_less_than_half_the_time_as_the_readme_says() -> None:
    """ "in less than half the time at 100,000 rows": load() against load(engine="rows") in the latest benchmark."""
    assert "in less than half the time at 100,000 rows" in _flat(README)
    measured = _measured()["sizes"]["100000"]
    assert measured["load"]["inner_seconds"] < 0.5 * measured["load_rows"]["inner_seconds"]


def test_the_gate_prints_its_problems_sorted_by_file_and_line(package_copy: Path) -> None:
    """Problems in two files, given out of order, come out by file, then by line."""
    assert "sorted by file and line" in _flat(README)
    edit_file(package_copy / "data/people.csv", lambda s: s.replace("Vipin Narang,,USA", "Vipin Narang,,Korea"))
    edit_file(package_copy / "data/people.csv", lambda s: s.replace(",KOR,", ",Korea,", 1))
    edit_file(package_copy / "data/events.csv", lambda s: s.replace(",2024-07-11,", ",2024-07-32,", 1))
    out = io.StringIO()
    assert run(["validate", str(package_copy)], out, io.StringIO()) == 1
    places = [(file, int(line)) for file, line in re.findall(r"^([^:\n]+):(\d+):", out.getvalue(), re.M)]
    assert len({file for file, _ in places}) >= 2
    assert places == sorted(places)


def test_ci_and_pre_commit_run_the_gate_as_the_readme_says() -> None:
    """validate.yml annotates with --format github and runs the release gate against the base; the hook is the gate."""
    workflow = (ROOT / ".github/workflows/validate.yml").read_text(encoding="utf-8")
    assert "python validate.py --format github\n" in workflow
    assert "python validate.py --format github --against ${{ github.event.pull_request.base.sha }}" in workflow
    assert "entry: python validate.py\n" in (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "CI runs it against each pull request's base" in _flat(README)


def test_the_event_code_references_are_the_ones_the_data_cites() -> None:
    """The codebook and crosswalk the README names are the ones the event codes are documented from."""
    text = _flat(README)
    assert "(CAMEO codebook 1.1b3)" in text
    assert "version 1.1b3" in CAMEO_CODEBOOK["title"]
    assert "CAMEO2PLOVER-2021 crosswalk" in text
    assert "CAMEO2PLOVER-2021" in PLOVER_CROSSWALK["title"]


def test_every_as_reported_record_has_a_fact_check_pointing_to_the_records_version() -> None:
    """Rows named …-as-reported hold the article's version; a fact check on each names the other version."""
    ds = summitdata.load(ROOT)
    reported = [(name, i) for name, table in ds.tables.items() for i in table.ids if i.endswith("-as-reported")]
    assert reported
    for name, record_id in reported:
        counterparts = [c.counterpart_id for c in ds.fact_checks if (c.resource, c.record_id) == (name, record_id)]
        assert any(counterparts), record_id
        assert all(c is None or c in ds.tables[name] for c in counterparts), record_id


def test_the_files_table_lists_every_table_in_the_descriptors_order() -> None:
    """The README's table of files has one row per resource table, in the order datapackage.json gives them."""
    rows = re.findall(r"^\| `([a-z_]+\.csv)` \|", README, re.M)
    assert rows == [Path(resource.path).name for resource in RESOURCES]


def test_the_sites_marks_and_the_timelines_red_are_the_ones_the_readme_names() -> None:
    """ "(✗ contradicted, ⚠ unsupported)" are the site's marks; disputed events are drawn in a red."""
    from summitdata.export.site.context import STATUS_SYMBOLS
    from summitdata.timeline import DISPUTED

    text = _flat(README)
    assert "(✗ contradicted, ⚠ unsupported)" in text
    assert (STATUS_SYMBOLS["contradicted"], STATUS_SYMBOLS["unsupported"]) == ("✗", "⚠")
    assert "contradicted and unsupported versions are drawn in red" in text
    red, green, blue = (int(DISPUTED[i : i + 2], 16) for i in (1, 3, 5))
    assert red > 2 * max(green, blue)
