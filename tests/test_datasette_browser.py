"""Datasette in a real headless browser (Debian's Chromium): each table page's first screen shows data.

A real Datasette serves the export on a free local port; Chromium opens every table page at 1400×1000
and saves a screenshot (under pytest's temporary folder, to look at). Skipped only on a machine without
Chromium, never in CI (CI=true), where a missing browser is a failure.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import summitdata
from summitdata.descriptor import build_descriptor
from summitdata.export import export
from tests.conftest import ROOT
from tests.site_helpers import CHROMIUM, CHROMIUM_ARGS, missing_tool

pytestmark = pytest.mark.slow

#: Chromium as the brief prescribes: headless, with the site tests' flags (no sandbox, no background traffic).
CHROMIUM_FLAGS = ["--headless", *CHROMIUM_ARGS]
WIDTH, HEIGHT = 1400, 1000
#: A first screen "shows data" when this many rows (or all, if fewer) are above the fold.
ROWS_ABOVE_THE_FOLD = 3
TABLES = [r for r in build_descriptor()["resources"] if r["type"] == "table"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of a real Datasette serving the SQLite export with its metadata."""
    database = tmp_path_factory.mktemp("datasette") / "summitdata.db"
    export("sqlite", summitdata.load(ROOT), database)
    port = _free_port()
    command = [sys.executable, "-m", "datasette", "serve", str(database), "--port", str(port)]
    command += ["--metadata", str(database.with_name("summitdata.metadata.json"))]
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as process:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{base}/-/versions.json", timeout=2):
                    break
            except OSError:
                assert process.poll() is None, "Datasette exited"
                assert time.monotonic() < deadline, "Datasette did not answer"
                time.sleep(0.3)
        try:
            yield base
        finally:
            process.terminate()
            process.wait(timeout=30)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.is_file():
        missing_tool(f"no {CHROMIUM} on this machine: .ci/run installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.mark.parametrize("resource", TABLES, ids=[r["name"] for r in TABLES])
def test_a_table_page_shows_rows_above_the_fold_and_keeps_the_column_descriptions(
    server: str, browser: Any, resource: dict[str, Any], tmp_path: Path
) -> None:
    """At 1400×1000, rows are on the first screen; every column's description is on the page and on its header."""
    page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
    try:
        page.goto(f"{server}/summitdata/{resource['name']}", wait_until="load")
        page.screenshot(path=str(tmp_path / f"{resource['name']}.png"))
        tops = page.eval_on_selector_all(
            "table.rows-and-columns tbody tr", "rows => rows.map(row => row.getBoundingClientRect().top)"
        )
        described = page.eval_on_selector_all(
            "dl.column-descriptions dt", "terms => terms.map(term => term.textContent.trim())"
        )
        titles = page.eval_on_selector_all(
            "table.rows-and-columns th[data-column]", "cells => cells.map(cell => [cell.dataset.column, cell.title])"
        )
    finally:
        page.close()
    assert sum(1 for top in tops if top < HEIGHT) >= min(ROWS_ABOVE_THE_FOLD, len(tops)), resource["name"]
    fields = {f["name"]: f["description"] for f in resource["schema"]["fields"]}
    assert described == list(fields)
    assert {column: title for column, title in titles if column in fields} == fields
