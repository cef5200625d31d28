"""Shared by the site tests: building a site, reading the CSVs it must agree with, and the browser to drive it."""

from __future__ import annotations

import csv
import os
from collections import defaultdict
from pathlib import Path

import pytest

from summitdata.resources import RESOURCES
from tests.conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
#: Chromium's own background traffic off: the no-network test must see only what the page asks for.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTICLE = "data/sources/hankyoreh-yoon-biden-nuclear-guidelines.txt"
INJECTED = "<script>alert(1)</script>"


def missing_tool(reason: str) -> None:
    """Skip on a developer's machine without the tool; fail in CI, where .ci/run installs it."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set: .ci/run installs it)")
    pytest.skip(reason)


def csv_records(root: Path = ROOT) -> dict[tuple[str, str], dict[str, str]]:
    """Every row of every table as the CSV holds it, by (table, id)."""
    records = {}
    for resource in RESOURCES:
        with (root / resource.path).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                records[(resource.name, row["id"])] = row
    return records


def quoted(root: Path = ROOT) -> dict[str, list[tuple[str, str]]]:
    """Each distinct quote of the CSVs → the records quoting it, in file order."""
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key, row in csv_records(root).items():
        if row.get("quote"):
            found[row["quote"]].append(key)
    return found


def inject(package: Path) -> None:
    """Put a script tag into the article and into every cell that names the Washington Declaration."""
    for path in [package / ARTICLE, *(package / "data").glob("*.csv")]:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("Washington Declaration", f"Washington {INJECTED} Declaration"), encoding="utf-8")
