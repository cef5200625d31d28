"""summitdata.cli: help for every command, exit codes 0/1/2, never a traceback."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from summitdata.cli import run
from summitdata.commands import NAMES as COMMANDS
from tests.conftest import ROOT, edit_file


def call(*args: str, default_package: Path | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(args), out, err, default_package)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_has_help_with_an_example(command: str) -> None:
    code, out, _ = call(command, "--help")
    assert code == 0 or out == ""  # argparse prints help itself; check through a subprocess below
    result = subprocess.run(
        [sys.executable, "-m", "summitdata", command, "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert "Example:" in result.stdout


def test_top_level_help_lists_every_command() -> None:
    result = subprocess.run([sys.executable, "-m", "summitdata", "--help"], capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert all(command in result.stdout for command in COMMANDS)


def test_validate_exits_0_on_the_real_package() -> None:
    code, out, _ = call("validate", str(ROOT))
    assert code == 0
    assert out.startswith("valid:")


def test_validate_exits_1_with_one_line_per_problem(package_copy: Path) -> None:
    edit_file(
        package_copy / "data/people.csv",
        lambda s: s.replace("Vipin Narang,,USA", "Vipin Narang,,Korea"),
    )
    code, out, _ = call("validate", str(package_copy))
    assert code == 1
    assert out.splitlines()[0] == (
        "data/people.csv:5: people.country: [constraint-error] 'Korea' is not an ISO 3166-1 alpha-3 code"
        " — use the code: KOR (Korea, Republic of) or PRK (Korea, Democratic People's Republic of)"
    )


def test_validate_json_report_is_machine_readable(package_copy: Path) -> None:
    import json

    edit_file(
        package_copy / "data/people.csv",
        lambda s: s.replace("Vipin Narang,,USA", "Vipin Narang,,Korea"),
    )
    code, out, _ = call("validate", str(package_copy), "--format", "json")
    report = json.loads(out)
    assert code == 1
    assert report["valid"] is False
    assert report["counts"]["by_code"] == {"constraint-error": 1}
    assert set(report["problems"][0]) >= {
        "code",
        "file",
        "line",
        "field",
        "message",
        "hint",
        "value",
    }


@pytest.mark.parametrize("args", [("validate", "--format", "xml"), ("nonsense",), ("validate", "/no/such/dir")])
def test_usage_errors_exit_2_with_one_line(args: tuple[str, ...]) -> None:
    code, _, err = call(*args)
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_generate_check_passes_on_the_checkout() -> None:
    code, out, _ = call("generate", "--check")
    assert code == 0
    assert "current" in out


def test_info_shows_counts_licence_and_citation() -> None:
    code, out, _ = call("info")
    assert code == 0
    assert "workstreams" in out
    assert "CC-BY-4.0" in out
    assert "cite as:" in out


def test_validate_py_shim_validates_its_checkout() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "validate.py")], capture_output=True, text=True, cwd="/", check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("valid:")
