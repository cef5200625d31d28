"""Frictionless as a second opinion: the official ``frictionless validate`` agrees with the gate.

It accepts the real package and rejects every corpus case marked ``"frictionless": true`` (the
breaks a Data Package can express: types, constraints, enums, patterns, required cells, unique
and foreign keys, missing files, the article's hash, headers), which the gate rejects too.
Only those cases run Frictionless, in parallel, once per module.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from summitdata.validation import validate_package
from summitdata.validation.files import MAX_FILE_BYTES
from tests.cases.defects import GATE_CRASHES, KNOWN_GATE_DEFECTS
from tests.cases.edits import ROOT, Case, build_case, copy_package, load_cases

pytestmark = pytest.mark.slow

FRICTIONLESS = Path(sys.executable).with_name("frictionless")
CASES: list[Case] = [case for case in load_cases() if case.frictionless]
PRISTINE = "pristine-copy"
TIMEOUT_SECONDS = 300


def frictionless_validate(package: Path) -> dict[str, Any]:
    """The JSON report of ``frictionless validate --json datapackage.json`` run inside ``package``."""
    if not FRICTIONLESS.is_file():
        pytest.skip(f"no frictionless executable next to {sys.executable}")
    result = subprocess.run(
        [str(FRICTIONLESS), "validate", "--json", "datapackage.json"],
        cwd=package,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )
    try:
        report: dict[str, Any] = json.loads(result.stdout)
    except ValueError:
        pytest.fail(f"frictionless printed no JSON report (exit {result.returncode}): {result.stderr[-2000:]}")
    return report


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[dict[str, Any], bool | None]]:
    """Case name → (Frictionless's report, whether the gate found problems or None if it crashed)."""
    packages = {PRISTINE: copy_package(tmp_path_factory.mktemp(PRISTINE) / "package")}
    for case in CASES:
        packages[case.name] = build_case(case, tmp_path_factory.mktemp(case.name) / "package")
    limits = {case.name: case.max_bytes or MAX_FILE_BYTES for case in CASES}
    gate = {name: _gate_rejects(path, limits.get(name, MAX_FILE_BYTES)) for name, path in packages.items()}
    with ThreadPoolExecutor(max_workers=min(8, os.cpu_count() or 1)) as pool:
        reports = dict(zip(packages, pool.map(frictionless_validate, packages.values()), strict=True))
    return {name: (reports[name], gate[name]) for name in packages}


def _gate_rejects(package: Path, max_bytes: int) -> bool | None:
    try:
        return bool(validate_package(package, max_bytes).problems)
    except Exception:  # a known gate crash (tests.cases.defects.GATE_CRASHES); asserted per case
        return None


def _errors(report: dict[str, Any]) -> list[str]:
    errors = [f"{e['type']}: {e.get('note') or e.get('message')}" for e in report.get("errors", [])]
    for task in report.get("tasks", []):
        errors += [f"{task.get('name')}: {e['type']}: {e.get('message')}" for e in task.get("errors", [])]
    return errors


def test_frictionless_accepts_the_real_package() -> None:
    report = frictionless_validate(ROOT)
    assert report["valid"] is True, _errors(report)


def test_frictionless_and_the_gate_accept_an_unedited_copy(
    verdicts: dict[str, tuple[dict[str, Any], bool | None]],
) -> None:
    report, gate_found_problems = verdicts[PRISTINE]
    assert report["valid"] is True, _errors(report)
    assert gate_found_problems is False


CRASH = {name: pytest.mark.xfail(reason=KNOWN_GATE_DEFECTS[name], strict=True) for name in GATE_CRASHES}
CASE_PARAMS = [
    pytest.param(case, id=case.name, marks=[CRASH[case.name]] if case.name in CRASH else []) for case in CASES
]


@pytest.mark.parametrize("case", CASE_PARAMS)
def test_frictionless_and_the_gate_both_reject_the_case(
    case: Case, verdicts: dict[str, tuple[dict[str, Any], bool | None]]
) -> None:
    report, gate_found_problems = verdicts[case.name]
    assert report["valid"] is False
    assert _errors(report), "an invalid verdict names its errors"
    assert gate_found_problems is True
