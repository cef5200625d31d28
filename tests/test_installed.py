"""A newcomer's path with a normal (non-editable) install: a wheel with the gate extra in a fresh venv.

The commands run as subprocesses of that venv, from folders a user would be in: a clone they edited,
or a folder that holds no package at all.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.conftest import ROOT, edit_file

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin folder of a fresh venv with the wheel and its `validate` extra installed as the README says."""
    scratch = tmp_path_factory.mktemp("installed")
    dist = scratch / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    (wheel,) = dist.glob("summitdata-*-py3-none-any.whl")
    env = scratch / "venv"
    venv.create(env, with_pip=True)
    subprocess.run(
        [str(env / "bin" / "python"), "-m", "pip", "install", "-q", f"summitdata[validate] @ {wheel.as_uri()}"],
        check=True,
        capture_output=True,
        timeout=900,
    )
    return env / "bin"


def _clone(target: Path) -> Path:
    """The files a clone has that the gate reads."""
    target.mkdir()
    shutil.copy2(ROOT / "datapackage.json", target / "datapackage.json")
    shutil.copy2(ROOT / "CITATION.cff", target / "CITATION.cff")  # part of the package: the gate requires it
    for folder in ("data", "schemas", "docs"):
        shutil.copytree(ROOT / folder, target / folder)
    return target


def _run(bin_dir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(bin_dir / "summitdata"), *args], capture_output=True, text=True, cwd=cwd, check=False, timeout=300
    )


def test_validate_checks_the_clone_it_runs_in_not_the_bundled_data(installed: Path, tmp_path: Path) -> None:
    """With no argument, a broken row in the folder you are in is found (exit 1), and the verdict names it."""
    clone = _clone(tmp_path / "clone")
    edit_file(clone / "data/events.csv", lambda text: text.replace("2024-07-09,2024-07-11", "2024-07-09,2024-7-11", 1))
    result = _run(installed, "validate", cwd=clone / "data")
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "data/events.csv:7: events.end_date: [constraint-error] '2024-7-11' is not a date — "
        "write the date as YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2024-07-11"
    )
    assert lines[-1].startswith(f"invalid: 1 problem(s) in 1 file(s) of {clone}; ")


def test_outside_a_package_info_and_validate_name_the_bundled_data(installed: Path, tmp_path: Path) -> None:
    """Elsewhere the bundled data is the default, and both commands say which folder that is."""
    info = _run(installed, "info", cwd=tmp_path)
    assert info.returncode == 0, info.stderr
    folder = info.stdout.splitlines()[2].removeprefix("package ")
    assert folder.endswith("site-packages/summitdata/_package")
    gate = _run(installed, "validate", cwd=tmp_path)
    assert gate.returncode == 0, gate.stdout
    assert gate.stdout.startswith("valid: ")
    assert f" rows in {folder} checked in " in gate.stdout


def test_diff_against_a_release_outside_a_clone_says_where_it_works(installed: Path, tmp_path: Path) -> None:
    """No git history: one line saying to run it in a clone, or to pass the release's folder."""
    result = _run(installed, "diff", "1.0.0", "installed", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        "summitdata diff: release 1.0.0 is read from the repository's git history, which an installed copy does "
        "not have: run the command inside a clone (git clone https://github.com/summitdata/summitdata), or pass "
        "the folder of that release's package instead (e.g. its sdist, unpacked: summitdata diff summitdata-1.0.0 "
        "installed)\n"
    )


def test_changes_since_a_release_outside_a_clone_raises_the_same_advice(installed: Path, tmp_path: Path) -> None:
    """summitdata.changes(since=...) from Python fails with the error the command line prints."""
    code = "import summitdata\ntry:\n    summitdata.changes(since='1.0.0')\nexcept ValueError as exc:\n    print(exc)\n"
    result = subprocess.run(
        [str(installed / "python"), "-c", code], capture_output=True, text=True, cwd=tmp_path, check=False, timeout=120
    )
    assert result.stdout.startswith("release 1.0.0 is read from the repository's git history"), result.stderr
    assert "git clone https://github.com/summitdata/summitdata" in result.stdout


def test_generate_runs_on_the_clone_it_is_in(installed: Path, tmp_path: Path) -> None:
    """`summitdata generate`, which the gate asks for after a data fix, works with a normal install too."""
    clone = _clone(tmp_path / "clone")
    result = _run(installed, "generate", "--check", cwd=clone)
    assert (result.returncode, result.stdout) == (0, f"generated files in {clone} are current\n"), result.stderr
