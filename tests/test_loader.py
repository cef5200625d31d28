"""summitdata.loader: loading the shipped data, another copy, and naming bad input precisely."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

import summitdata
import summitdata.validation.fast
from summitdata import engines, loader
from summitdata.models import Record
from summitdata.resources import RESOURCES
from tests.cases.edits import Case, build_case, load_cases
from tests.conftest import ROOT, edit_file

#: The gate's corpus of broken packages, which load() must treat alike in both engines.
CASES: list[Case] = load_cases()

HEAVY = ("frictionless", "jsonschema", "pandas", "pyarrow", "yaml")
#: What only a diff (git), an export, frames() or the gate needs: `import summitdata; summitdata.load()`
#: leaves them out (json too: load() reads the descriptor with pydantic_core's parser).
FOR_DIFF_OR_EXPORT = (
    "json",
    "subprocess",
    "tempfile",
    "shutil",
    "summitdata.releases",
    "summitdata.packagediff",
    "summitdata.export",
    "summitdata.descriptor",
    "summitdata.tableschema",
)


#: Descriptors load() cannot take its version from, each refused with a LoadError (never a traceback).
UNREADABLE_DESCRIPTORS = {
    "nested 100,000 deep": b"[" * 100_000,
    "invalid UTF-8": b'{"version": "\xff"}',
    "a byte order mark": b'\xef\xbb\xbf{"version": "1.2.1"}',
    "cut short": b'{"version": "1.2.1"',
    "trailing text": b'{"version": "1.2.1"} {}',
    "not an object": b'["version"]',
    "no version": b"{}",
}


def test_load_without_a_path_reads_the_shipped_data() -> None:
    ds = summitdata.load()
    assert ds.version == summitdata.__version__
    assert ds.people["vipin-narang"].name == "Vipin Narang"


def test_load_reads_another_copy(package_copy: Path) -> None:
    edit_file(
        package_copy / "data/people.csv",
        lambda s: s.replace("Vipin Narang,,USA", "Vipin Narang,,IND", 1),
    )
    assert summitdata.load(package_copy).people["vipin-narang"].country == "IND"


def test_a_loading_error_names_file_line_and_field(package_copy: Path) -> None:
    edit_file(
        package_copy / "data/events.csv",
        lambda s: s.replace(",summit,2024-07-09", ",party,2024-07-09"),
    )
    with pytest.raises(summitdata.LoadError) as info:
        summitdata.load(package_copy)
    assert (info.value.file, info.value.line, info.value.field) == (
        "data/events.csv",
        7,
        "events.kind",
    )


@pytest.mark.parametrize("content", UNREADABLE_DESCRIPTORS.values(), ids=UNREADABLE_DESCRIPTORS)
def test_a_descriptor_without_a_readable_version_is_a_loading_error(tmp_path: Path, content: bytes) -> None:
    """A descriptor that is no JSON object with a version names the file and the field, whatever its bytes."""
    (tmp_path / "datapackage.json").write_bytes(content)
    with pytest.raises(summitdata.LoadError) as info:
        summitdata.load(tmp_path)
    assert (info.value.file, info.value.line, info.value.field) == ("datapackage.json", None, "version")


def test_import_and_load_bring_in_nothing_heavy() -> None:
    code = (
        "import sys, summitdata; assert 'summitdata.dataset' in sys.modules; "
        "summitdata.load(); "
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT.parent)
    assert out.stdout.strip() == "[]"


def test_import_and_load_leave_out_what_only_a_diff_or_an_export_needs() -> None:
    """Modules only diff(), the exports and frames() use (milliseconds of every start-up) wait for those calls."""
    code = f"import sys, summitdata; summitdata.load(); print([m for m in {FOR_DIFF_OR_EXPORT!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT.parent)
    assert out.stdout.strip() == "[]"


def test_import_and_load_compile_no_regular_expression_of_their_own() -> None:
    """Patterns are compiled on first use: the trusted load of the shipped data uses none."""
    code = (
        "import re, sys; called = []; real = re._compile\n"
        "def spy(pattern, flags):\n"
        "    frame = sys._getframe(1)\n"
        "    while frame.f_globals.get('__name__') == 're': frame = frame.f_back\n"
        "    called.append((frame.f_globals.get('__name__', ''), pattern)); return real(pattern, flags)\n"
        "re._compile = spy\n"
        "import summitdata; summitdata.load()\n"
        "print([c for c in called if c[0].split('.')[0] == 'summitdata'])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT.parent)
    assert out.stdout.strip() == "[]"


def test_import_reads_no_data_file() -> None:
    watched = [str(ROOT / "data"), str(ROOT / "schemas"), str(ROOT / "datapackage.json"), "_package"]
    code = (
        "import builtins, io, pathlib; opened = []\n"
        "real = io.open\n"
        "def spy(f, *a, **k):\n    opened.append(str(f)); return real(f, *a, **k)\n"
        "builtins.open = io.open = spy\n"
        "pathlib.Path.read_bytes = lambda self: opened.append(str(self)) or b''\n"
        "import summitdata\n"
        f"print([o for o in opened if any(w in o for w in {watched!r})])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT.parent)
    assert out.stdout.strip() == "[]"


def _dumped(ds: summitdata.Dataset) -> dict[str, list[tuple[dict[str, object], dict[str, object], set[str]]]]:
    """Every record as its fields (typed values), its JSON dump and the fields set, table by table."""
    return {
        name: [(dict(r.__dict__), r.model_dump(mode="json"), set(r.model_fields_set)) for r in table]
        for name, table in ds.tables.items()
    }


def test_the_shipped_data_is_pinned_and_loads_without_validating_to_the_same_records(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The shipped tables hold their pins; the trusted load builds exactly the records validation builds."""
    assert loader._pinned({r.path: (ROOT / r.path).read_bytes() for r in RESOURCES})
    trusted = summitdata.load(ROOT)
    monkeypatch.setattr(loader, "_pinned", lambda contents: False)
    validated = summitdata.load(ROOT)
    assert _dumped(trusted) == _dumped(validated)
    assert [type(v) for r in trusted.events for v in r.__dict__.values()] == [
        type(v) for r in validated.events for v in r.__dict__.values()
    ]
    assert trusted.people["vipin-narang"].memberships == validated.people["vipin-narang"].memberships


def test_a_copy_with_one_byte_changed_is_validated(package_copy: Path) -> None:
    """A table that differs from its pin by one cell goes through the models, which reject a bad value."""
    edit_file(package_copy / "data/people.csv", lambda s: s.replace("Vipin Narang,,USA", "Vipin Narang,,XXX", 1))
    with pytest.raises(summitdata.LoadError) as info:
        summitdata.load(package_copy)
    assert (info.value.file, info.value.field) == ("data/people.csv", "people.country")


def test_records_sharing_a_fields_set_stay_independent_through_copies_and_assignment() -> None:
    """Trusted records with the same empty cells share one fields set, which no copy or assignment can change."""
    groups: dict[int, list[summitdata.Record]] = {}
    for record in summitdata.load(ROOT).memberships:
        groups.setdefault(id(record.model_fields_set), []).append(record)
    # A set shared by several records, with a field left empty (the case a copy's update would add to).
    first, second, *_ = next(
        g for g in groups.values() if len(g) > 1 and len(g[0].model_fields_set) < len(g[0].__dict__)
    )
    before = set(second.model_fields_set)
    empty = next(name for name in first.__dict__ if name not in before)
    copied = first.model_copy(update={empty: "x"})
    assert empty in copied.model_fields_set
    with pytest.raises(ValidationError):  # frozen: pydantic refuses before it would touch the set
        setattr(first, empty, "x")
    assert second.model_fields_set == before
    assert first.model_fields_set is second.model_fields_set


Outcome = tuple[object, ...]


def _outcome(root: Path, engine: engines.Engine) -> Outcome:
    """What load() makes of a package: its records, or its LoadError's file, line, field and message."""
    try:
        ds = summitdata.load(root, engine=engine)
    except summitdata.LoadError as exc:
        return ("error", exc.file, exc.line, exc.field, exc.message)
    return ("loaded", _dumped(ds))


@pytest.fixture
def screened_tables(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the tables the vectorized engine built records for, load after load."""
    names: list[str] = []
    real = summitdata.validation.fast.screened_records

    def spy(root: Path) -> dict[str, list[Record] | None]:
        screened = real(root)
        names.extend(name for name, records in screened.items() if records is not None)
        return screened

    monkeypatch.setattr(summitdata.validation.fast, "screened_records", spy)
    return names


def test_the_fast_engine_builds_every_table_of_a_valid_copy_as_the_rows_engine_does(
    package_copy: Path, screened_tables: list[str]
) -> None:
    """A valid foreign copy: every table screened by pyarrow, and the same records as row-by-row validation."""
    edit_file(package_copy / "data/people.csv", lambda s: s.replace("Vipin Narang,,USA", "Vipin Narang,,IND", 1))
    fast = _outcome(package_copy, "fast")
    assert sorted(screened_tables) == sorted(r.name for r in RESOURCES)
    assert fast == _outcome(package_copy, "rows")
    assert fast[0] == "loaded"


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_both_engines_load_each_broken_package_alike(case: Case, tmp_path: Path) -> None:
    """Each package of the gate's invalid corpus gives the same LoadError, or the same records, in both engines."""
    package = build_case(case, tmp_path / "package")
    assert _outcome(package, "fast") == _outcome(package, "rows")


def test_the_corpus_exercises_both_outcomes_and_the_screened_path(tmp_path: Path, screened_tables: list[str]) -> None:
    """The comparison above means something: some cases load, some fail, and most tables go through the screens."""
    kinds = set()
    for case in CASES[:40]:
        kinds.add(_outcome(build_case(case, tmp_path / case.name), "fast")[0])
    assert kinds == {"loaded", "error"}
    assert len(screened_tables) > 40 * len(RESOURCES) // 2


def test_auto_screens_with_pyarrow_only_above_the_size_threshold(
    package_copy: Path, screened_tables: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """auto validates a small foreign copy row by row, and screens it once the threshold is below its size."""
    edit_file(package_copy / "data/people.csv", lambda s: s.replace("Vipin Narang,,USA", "Vipin Narang,,IND", 1))
    summitdata.load(package_copy)
    assert screened_tables == []
    monkeypatch.setattr(loader, "LOAD_FAST_THRESHOLD_BYTES", 0)
    summitdata.load(package_copy)
    assert len(screened_tables) == len(RESOURCES)


def test_a_failure_of_the_fast_engine_leaves_the_verdict_to_the_rows_engine(
    package_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the vectorized read raises (a bug, or pyarrow out of memory), load() validates row by row instead."""
    edit_file(package_copy / "data/people.csv", lambda s: s.replace("Vipin Narang,,USA", "Vipin Narang,,XXX", 1))
    expected = _outcome(package_copy, "rows")

    def broken(root: Path) -> dict[str, list[Record] | None]:
        raise MemoryError

    monkeypatch.setattr(summitdata.validation.fast, "screened_records", broken)
    assert _outcome(package_copy, "fast") == expected
    assert expected[:4] == ("error", "data/people.csv", 5, "people.country")


def test_an_unknown_engine_is_refused_before_any_file_is_read(tmp_path: Path) -> None:
    """load(engine=...) names the engines it knows, even where there is no package to read."""
    with pytest.raises(ValueError, match="auto, rows, fast"):
        summitdata.load(tmp_path / "nowhere", engine="turbo")  # type: ignore[arg-type]  # the error under test


def test_the_fast_engine_without_pyarrow_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    """load(engine="fast") without the fast extra raises an ImportError naming it, even for the shipped data."""
    monkeypatch.setattr(loader, "fast_available", lambda: False)
    with pytest.raises(engines.FastEngineMissingError, match=r"summitdata\[fast\]"):
        summitdata.load(engine="fast")


@pytest.mark.parametrize("enabled", [True, False])
def test_load_pauses_the_cycle_collector_and_leaves_it_as_it_was(
    package_copy: Path, monkeypatch: pytest.MonkeyPatch, enabled: bool
) -> None:
    """Records are built with the cycle collector off; after a load, or a LoadError, it is as the caller left it."""
    seen: list[bool] = []
    real = loader.validated_tables

    def spy(*args: Any, **kwargs: Any) -> dict[str, Any]:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(loader, "validated_tables", spy)
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        edit_file(package_copy / "data/people.csv", lambda s: s.replace("Vipin Narang,,USA", "Vipin Narang,,IND", 1))
        summitdata.load(package_copy)
        assert gc.isenabled() is enabled
        edit_file(package_copy / "data/people.csv", lambda s: s.replace("Vipin Narang,,IND", "Vipin Narang,,XXX", 1))
        with pytest.raises(summitdata.LoadError):
            summitdata.load(package_copy)
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
    assert seen == [False, False]
