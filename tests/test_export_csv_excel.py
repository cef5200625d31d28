"""summitdata export csv-excel, and the export command's contract: exit codes, one-line errors, progress."""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path
from typing import Any

import pytest

from summitdata.cli import run
from summitdata.commands.export import FORMAT_NAMES
from summitdata.descriptor import build_descriptor
from summitdata.export import FORMATS, Format
from tests.conftest import ROOT, csv_rows, edit_file

TABLES = [r for r in build_descriptor()["resources"] if r["type"] == "table"]
BOM = b"\xef\xbb\xbf"
#: (arguments after "export", what the one error line says): usage errors exit 2 with one line.
USAGE_ERRORS = [
    (["pdf", "out.pdf"], "invalid choice: 'pdf'"),
    (["xlsx", "{tmp}"], "is a directory; xlsx writes one file"),
    (["parquet", "{tmp}/file.txt"], "is a file; parquet writes a directory"),
    (["jsonld", "{tmp}/x.jsonld", "--package", "{tmp}/missing"], "missing does not exist"),
    (["sqlite", "/proc/summitdata.db"], "cannot write /proc/summitdata.db"),
]


def call(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(args), out, err)
    return code, out.getvalue(), err.getvalue()


def digests(root: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted((root / "data").glob("*.csv"))}


@pytest.fixture(scope="module")
def directory(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("csv-excel") / "summitdata-csv-excel"
    code, _, err = call("export", "csv-excel", str(out), "--package", str(ROOT))
    assert code == 0, err
    return out


@pytest.mark.parametrize("resource", TABLES, ids=[r["name"] for r in TABLES])
def test_every_file_has_a_bom_and_reads_back_equal_to_its_csv(directory: Path, resource: dict[str, Any]) -> None:
    data = (directory / f"{resource['name']}.csv").read_bytes()
    assert data.startswith(BOM)
    assert list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))) == csv_rows(resource)


@pytest.mark.parametrize("resource", TABLES, ids=[r["name"] for r in TABLES])
def test_every_line_ends_in_crlf_as_excel_writes_csv(directory: Path, resource: dict[str, Any]) -> None:
    data = (directory / f"{resource['name']}.csv").read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n") > 0


def test_the_canonical_csvs_stay_bom_free_and_unchanged(package_copy: Path, tmp_path: Path) -> None:
    before = digests(package_copy)
    code, _, _ = call("export", "csv-excel", str(tmp_path / "excel"), "--package", str(package_copy))
    assert code == 0
    assert digests(package_copy) == before
    assert not any((package_copy / "data" / name).read_bytes().startswith(BOM) for name in before)


def test_the_export_reads_the_package_it_is_given(package_copy: Path, tmp_path: Path) -> None:
    edit_file(package_copy / "data/people.csv", lambda s: s.replace("Vipin Narang,,USA", "Vipin Narang,,Korea"))
    code, _, err = call("export", "csv-excel", str(tmp_path / "excel"), "--package", str(package_copy))
    assert code == 2  # the copy no longer loads: the export never writes unvalidated data
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("summitdata export: data/people.csv:")


def test_the_command_lists_exactly_the_registered_formats() -> None:
    assert tuple(FORMATS) == FORMAT_NAMES


@pytest.mark.parametrize(("arguments", "message"), USAGE_ERRORS, ids=[e[1] for e in USAGE_ERRORS])
def test_a_usage_error_is_one_line_and_exit_2(tmp_path: Path, arguments: list[str], message: str) -> None:
    (tmp_path / "file.txt").write_text("not a directory", encoding="utf-8")
    code, out, err = call("export", *(a.format(tmp=tmp_path) for a in arguments))
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert message in err
    assert "Traceback" not in err


def test_a_missing_library_is_one_line_naming_the_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    missing = Format("xlsx", "test", "file", "x.xlsx", "xlsx", ("summitdata_no_such_module",))
    monkeypatch.setitem(FORMATS, "xlsx", missing)
    code, _, err = call("export", "xlsx", str(tmp_path / "x.xlsx"))
    assert code == 2
    assert err.strip().splitlines() == [
        "summitdata export: the xlsx export needs summitdata_no_such_module, which is not installed — "
        "run: python -m pip install 'summitdata[export]'"
    ]


def test_progress_goes_to_stderr_and_the_written_files_to_stdout(tmp_path: Path) -> None:
    code, out, err = call("export", "csv-excel", str(tmp_path / "excel"))
    assert code == 0
    assert out.splitlines() == [f"wrote {tmp_path / 'excel' / (r['name'] + '.csv')}" for r in TABLES]
    assert all(f"csv-excel: {r['name']} (" in err for r in TABLES)
