"""Shared fixtures. Paths come from this file's location, never the working directory."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import strategies as st

import summitdata

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

#: JSON values of every kind: text of every character, integers, booleans, null, nesting.
JSON_VALUES: Any = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**17), 10**17) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=20,
)


@pytest.fixture(scope="session")
def ds() -> summitdata.Dataset:
    return summitdata.load(ROOT)


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    """A scratch copy of the package (descriptor, data, schemas, docs) to break."""
    target = tmp_path / "package"
    target.mkdir()
    for name in ("datapackage.json", "CITATION.cff"):
        shutil.copy2(ROOT / name, target / name)
    for folder in ("data", "schemas", "docs"):
        shutil.copytree(ROOT / folder, target / folder)
    return target


def csv_rows(resource: dict[str, Any]) -> list[list[str]]:
    """A resource's CSV exactly as the csv module reads it, header included (for round-trip tests)."""
    with (ROOT / resource["path"]).open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def as_text(value: object) -> str:
    """A value read back from an export, as the CSV cell it came from."""
    return "" if value is None else str(value)


Edit = Callable[[str], str]


def edit_file(path: Path, change: Edit) -> None:
    """Rewrite a text file through ``change``, failing if it changed nothing."""
    before = path.read_text(encoding="utf-8")
    after = change(before)
    assert after != before, f"the edit did not change {path.name}"
    path.write_bytes(after.encode("utf-8"))
