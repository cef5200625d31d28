"""Shared fixtures. Paths come from this file's location, never the working directory."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

import summitdata

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def ds() -> summitdata.Dataset:
    return summitdata.load(ROOT)


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    """A scratch copy of the package (descriptor, data, schemas, docs) to break."""
    target = tmp_path / "package"
    target.mkdir()
    for name in ("datapackage.json",):
        shutil.copy2(ROOT / name, target / name)
    for folder in ("data", "schemas", "docs"):
        shutil.copytree(ROOT / folder, target / folder)
    return target


Edit = Callable[[str], str]


def edit_file(path: Path, change: Edit) -> None:
    """Rewrite a text file through ``change``, failing if it changed nothing."""
    before = path.read_text(encoding="utf-8")
    after = change(before)
    assert after != before, f"the edit did not change {path.name}"
    path.write_bytes(after.encode("utf-8"))
