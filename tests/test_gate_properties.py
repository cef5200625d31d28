"""Properties of the gate under random mutations of the real CSVs and summit.json (hypothesis).

Whatever the bytes, the gate returns a report and never raises; a broken foreign key, a repeated
id or an altered quote is always reported with its own code; the gate opens no network
connection and writes nothing inside the package it checks. Derandomized, so CI runs the same
examples every time.
"""

from __future__ import annotations

import csv
import io
import socket
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from summitdata.csvio import to_csv
from summitdata.fields import SLUG_PATTERN
from summitdata.loader import cells_to_values
from summitdata.resources import BY_NAME, JSON_PATH, RESOURCES, Resource
from summitdata.validation import CODES, FORMATS, Report, format_report, validate_package
from tests.cases.edits import ROOT, copy_package, load_cases

GATE_SETTINGS = settings(
    max_examples=50,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)

ARTICLE = "data/sources/hankyoreh-yoon-biden-nuclear-guidelines.txt"
MUTABLE_FILES = tuple(sorted([resource.path for resource in RESOURCES] + [JSON_PATH]))
ORIGINALS: dict[str, bytes] = {path: (ROOT / path).read_bytes() for path in MUTABLE_FILES}


@dataclass(frozen=True)
class Row:
    """A data row of a real CSV: its resource, physical line (no cell spans lines) and cells."""

    resource: Resource
    line: int
    cells: tuple[str, ...]

    def cell(self, column: str) -> str:
        return self.cells[self.resource.fields.index(column)]


def _rows(resource: Resource) -> list[Row]:
    text = ORIGINALS[resource.path].decode("utf-8")
    parsed = list(csv.reader(io.StringIO(text, newline="")))
    assert to_csv(parsed[0], parsed[1:]) == text, f"{resource.path} does not round-trip through the CSV writer"
    assert text.count("\n") == len(parsed), f"{resource.path} has a cell spanning lines"
    return [Row(resource, index + 2, tuple(cells)) for index, cells in enumerate(parsed[1:])]


ROWS: dict[str, list[Row]] = {resource.name: _rows(resource) for resource in RESOURCES}
IDS: dict[str, set[str]] = {name: {row.cells[0] for row in rows} for name, rows in ROWS.items()}
#: (row, column) of every filled foreign-key cell.
REFERENCES = [
    (row, column)
    for resource in RESOURCES
    for row in ROWS[resource.name]
    for column in resource.foreign_keys
    if row.cell(column)
]
QUOTED = [row for rows in ROWS.values() for row in rows if "quote" in row.resource.fields and row.cell("quote")]
ARTICLE_TEXT = (ROOT / ARTICLE).read_text(encoding="utf-8")


def _write_row(package: Path, row: Row, cells: list[str]) -> None:
    rows = ROWS[row.resource.name]
    table = [list(r.cells) if r.line != row.line else cells for r in rows]
    (package / row.resource.path).write_bytes(to_csv(row.resource.fields, table).encode("utf-8"))


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy for the whole module; each example restores the files it changed."""
    return copy_package(tmp_path_factory.mktemp("properties") / "package")


def _restore(package: Path) -> None:
    for path, data in ORIGINALS.items():
        (package / path).write_bytes(data)


def _check_report(report: Report) -> None:
    assert isinstance(report, Report)
    assert all(p.code in CODES and p.hint for p in report.problems)
    for fmt in FORMATS:
        assert format_report(report, fmt)


def _validate(package: Path) -> Report:
    try:
        report = validate_package(package)
    finally:
        _restore(package)
    _check_report(report)
    return report


# ---------------------------------------------------------------- mutations of one file's text or bytes

NASTY = st.sampled_from(["", ",", '"', "\n", "\r", "\x00", "\ufeff", "\u200b", " ", "=", "é", "\t", "{", "]", "\\"])
CHARACTERS = st.one_of(NASTY, st.characters(codec="utf-8"))


@st.composite
def mutated_file(draw: st.DrawFn) -> tuple[str, bytes]:
    """A file of the package and new bytes for it, by one random kind of mutation."""
    path = draw(st.sampled_from(MUTABLE_FILES))
    data = ORIGINALS[path]
    text = data.decode("utf-8")
    kind = draw(st.sampled_from(["flip", "insert", "delete", "truncate", "byte", "duplicate-row", "shuffle-row"]))
    lines = text.splitlines(keepends=True)
    if kind == "byte":
        index = draw(st.integers(0, len(data) - 1))
        return path, data[:index] + bytes([draw(st.integers(0, 255))]) + data[index + 1 :]
    if kind == "truncate":
        return path, data[: draw(st.integers(0, len(data) - 1))]
    if kind in ("duplicate-row", "shuffle-row") and path.endswith(".csv") and len(lines) > 1:
        index = draw(st.integers(1, len(lines) - 1))
        if kind == "duplicate-row":
            lines.insert(draw(st.integers(1, len(lines))), lines[index])
        else:
            cells = lines[index].rstrip("\n").split(",")
            lines[index] = ",".join(draw(st.permutations(cells))) + "\n"
        return path, "".join(lines).encode("utf-8")
    index = draw(st.integers(0, len(text) - 1))
    if kind == "delete":
        return path, (text[:index] + text[index + 1 :]).encode("utf-8")
    char = draw(CHARACTERS)
    if kind == "flip":
        return path, (text[:index] + char + text[index + 1 :]).encode("utf-8")
    return path, (text[:index] + char + text[index:]).encode("utf-8")


@GATE_SETTINGS
@given(mutation=mutated_file())
def test_the_gate_never_raises_on_a_mutated_file(package: Path, mutation: tuple[str, bytes]) -> None:
    path, data = mutation
    (package / path).write_bytes(data)
    report = _validate(package)
    # Every byte of the tables reaches data/summit.json, which must match them byte for byte.
    assert report.valid == (data == ORIGINALS[path])


# ---------------------------------------------------------------- the breaks that must never pass

SLUGS = st.from_regex(SLUG_PATTERN, fullmatch=True).filter(lambda s: len(s) <= 80)


@GATE_SETTINGS
@given(reference=st.sampled_from(REFERENCES), new_id=SLUGS)
def test_a_broken_foreign_key_is_always_reported(package: Path, reference: tuple[Row, str], new_id: str) -> None:
    row, column = reference
    target = row.resource.foreign_keys[column]
    assume(new_id not in IDS[target])
    cells = list(row.cells)
    cells[row.resource.fields.index(column)] = new_id
    _write_row(package, row, cells)
    report = _validate(package)
    field = f"{row.resource.name}.{column}"
    assert ("foreign-key-error", row.resource.path, row.line, field) in _keys(report)


@GATE_SETTINGS
@given(resource=st.sampled_from([r for r in RESOURCES if len(ROWS[r.name]) > 1]), data=st.data())
def test_a_repeated_id_is_always_reported(package: Path, resource: Resource, data: st.DataObject) -> None:
    rows = ROWS[resource.name]
    first, second = data.draw(st.lists(st.sampled_from(rows), min_size=2, max_size=2, unique_by=lambda r: r.line))
    later = max(first, second, key=lambda r: r.line)
    earlier = first if later is second else second
    cells = list(later.cells)
    # The same id, or a look-alike typed in fullwidth letters (equal after NFKC normalization).
    cells[0] = data.draw(st.sampled_from([earlier.cells[0], _fullwidth(earlier.cells[0])]))
    _write_row(package, later, cells)
    report = _validate(package)
    assert ("primary-key-error", resource.path, later.line, f"{resource.name}.id") in _keys(report)


@GATE_SETTINGS
@given(row=st.sampled_from(QUOTED), data=st.data())
def test_an_altered_quote_is_always_reported(package: Path, row: Row, data: st.DataObject) -> None:
    quote = row.cell("quote")
    index = data.draw(st.integers(0, len(quote) - 1))
    char = data.draw(st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'\"’“”"))
    altered = quote[:index] + char + quote[index + 1 :]
    assume(altered != quote and altered not in ARTICLE_TEXT)
    cells = list(row.cells)
    cells[row.resource.fields.index("quote")] = altered
    _write_row(package, row, cells)
    report = _validate(package)
    keys = _keys(report)
    if _passes_model(row.resource, cells):
        assert ("quote-not-found", row.resource.path, row.line, f"{row.resource.name}.quote") in keys
    else:  # the change also breaks a row rule (e.g. date_text or a statement's text must be words of the quote)
        assert any(file == row.resource.path and line == row.line for _, file, line, _ in keys)
    assert not report.valid


def _fullwidth(text: str) -> str:
    looks_alike = "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalnum() else c for c in text)
    assert unicodedata.normalize("NFKC", looks_alike) == text
    return looks_alike


def _passes_model(resource: Resource, cells: list[str]) -> bool:
    try:
        resource.model.model_validate(cells_to_values(resource, resource.fields, cells))
    except ValueError:
        return False
    return True


def _keys(report: Report) -> set[tuple[str, str, int | None, str | None]]:
    return {(p.code, p.file, p.line, p.field) for p in report.problems}


# ---------------------------------------------------------------- no network, no writes

#: Packages the no-network and no-write checks run on: the real one's copy and cases that reach every layer.
SIDE_EFFECT_CASES = (
    "unsafe-path-url",
    "mixture-descriptor-and-citation",
    "mixture-keys-and-provenance",
    "json-schema-violation",
)


def _snapshot(root: Path) -> dict[str, tuple[Any, ...]]:
    state: dict[str, tuple[Any, ...]] = {}
    for path in sorted(root.rglob("*")):
        info = path.lstat()
        content = path.read_bytes() if path.is_file() and not path.is_symlink() else b""
        state[path.relative_to(root).as_posix()] = (info.st_mode, info.st_size, info.st_mtime_ns, content)
    return state


def _side_effect_packages(tmp_path: Path) -> list[Path]:
    from tests.cases.edits import build_case

    packages = [copy_package(tmp_path / "pristine")]
    packages += [build_case(case, tmp_path / case.name) for case in load_cases(SIDE_EFFECT_CASES)]
    assert len(packages) == 1 + len(SIDE_EFFECT_CASES)
    return packages


def test_the_gate_opens_no_network_connection(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    attempts: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise OSError("the gate must not use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    for package in _side_effect_packages(tmp_path):
        _check_report(validate_package(package))
    assert attempts == []


def test_the_gate_writes_nothing_inside_the_package(tmp_path: Path) -> None:
    for package in _side_effect_packages(tmp_path):
        before = _snapshot(package)
        _check_report(validate_package(package))
        assert _snapshot(package) == before, package.name


def test_the_mutation_targets_cover_every_table() -> None:
    assert {row.resource.name for row, _ in REFERENCES} >= {r.name for r in RESOURCES if r.foreign_keys}
    assert {row.resource.name for row in QUOTED} >= {"people", "organizations", "statements", "events"}
    assert set(BY_NAME) == set(ROWS)
