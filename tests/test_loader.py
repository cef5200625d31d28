"""summitdata.loader: loading the shipped data, another copy, and naming bad input precisely."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import summitdata
from tests.conftest import ROOT, edit_file

HEAVY = ("frictionless", "jsonschema", "pandas", "pyarrow", "yaml")


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


def test_import_and_load_bring_in_nothing_heavy() -> None:
    code = (
        "import sys, summitdata; assert 'summitdata.dataset' in sys.modules; "
        "summitdata.load(); "
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r}))"
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
