"""summitdata.cli: help for every command, exit codes 0/1/2, never a traceback."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import summitdata
from summitdata.cli import run
from summitdata.commands import NAMES as COMMANDS
from tests.conftest import ROOT, edit_file


def call(*args: str, default_package: Path | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(args), out, err, default_package)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_has_help_with_an_example(command: str) -> None:
    """Each command's --help has an example, written to run()'s stream and to the real process's stdout."""
    code, out, _ = call(command, "--help")
    assert (code, out.startswith(f"usage: summitdata {command}"), "Example:" in out) == (0, True, True)
    result = subprocess.run(
        [sys.executable, "-m", "summitdata", command, "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert "Example:" in result.stdout


def test_version_is_written_to_the_stream_run_is_given() -> None:
    """run(["--version"]) writes the version to its stdout argument, not to the process's."""
    assert call("--version") == (0, f"summitdata {summitdata.__version__}\n", "")


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


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "summitdata", *args], capture_output=True, text=True, cwd=cwd, check=False, timeout=300
    )


def test_without_a_folder_validate_checks_the_package_the_working_directory_is_in(package_copy: Path) -> None:
    """From inside a package (or below it) the gate checks that package, and its verdict names the folder."""
    edit_file(package_copy / "data/people.csv", lambda s: s.replace("Vipin Narang,,USA", "Vipin Narang,,Korea"))
    result = _cli("validate", cwd=package_copy / "docs")
    assert result.returncode == 1
    assert result.stdout.splitlines()[-1].startswith(f"invalid: 1 problem(s) in 1 file(s) of {package_copy}; ")


def test_outside_any_package_the_bundled_data_is_checked_and_named(tmp_path: Path) -> None:
    """With no package around, the bundled data is the default, and the verdict says where it is."""
    from summitdata.paths import bundled_root

    result = _cli("validate", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.fullmatch(rf"valid: \d+ rows in {re.escape(str(bundled_root()))} checked in [0-9.]+s\n", result.stdout)


@pytest.mark.parametrize("command", ["info", "validate"])
def test_a_folder_that_is_not_a_package_exits_2_and_says_so(command: str) -> None:
    """`validate data` names the folder to use instead, with no row count."""
    result = _cli(command, "data", cwd=ROOT)
    assert result.returncode == 2
    said = (result.stdout + result.stderr).strip().splitlines()
    assert f"{ROOT / 'data'} is not a data package: it has no datapackage.json — the package is {ROOT}" in said[0]
    assert "rows" not in result.stdout


@pytest.mark.parametrize("command", ["info", "validate", "diff", "export", "serve", "generate"])
def test_every_command_takes_the_package_as_package_dir(command: str) -> None:
    """The same --package DIR option on every command."""
    result = _cli(command, "--help", cwd=ROOT)
    assert "--package DIR" in result.stdout


def test_info_names_its_folder_and_speaks_json(package_copy: Path) -> None:
    """info --format json gives the folder, version and row counts for programs."""
    import json

    text = _cli("info", cwd=package_copy)
    assert text.stdout.splitlines()[2] == f"package {package_copy}"
    data = json.loads(_cli("info", "--format", "json", cwd=package_copy).stdout)
    assert data["package"] == str(package_copy)
    assert data["resources"]["workstreams"] == 7


@pytest.mark.parametrize("args", [("info",), ("diff", "1.0.0", "--format", "json"), ("--help",)])
def test_a_reader_that_stops_early_gets_no_traceback(args: tuple[str, ...]) -> None:
    """`summitdata info | head -1`: the first line, then a quiet exit."""
    repo = ["--repo", str(ROOT)] if args[0] == "diff" else []
    with subprocess.Popen(
        [sys.executable, "-m", "summitdata", *args, *repo],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        assert process.stdout.readline()
        process.stdout.close()  # like head -1
        error = process.stderr.read()
        assert process.wait(timeout=120) in (0, 141)
    assert error == ""


def test_top_level_help_gives_each_command_one_line() -> None:
    """Each command's summary fits on its own line in an 80-column terminal."""
    result = subprocess.run(
        [sys.executable, "-m", "summitdata", "--help"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "COLUMNS": "80"},
    )
    lines = result.stdout.splitlines()
    for command in COMMANDS:
        [line] = [line for line in lines if line.strip().split(" ")[0] == command]
        index = lines.index(line)
        assert not lines[index + 1].startswith(" " * 10), f"{command}'s help wraps"
        assert len(line.split(None, 1)[1]) > 10


def test_export_prints_each_written_file_once(tmp_path: Path) -> None:
    """stdout lists the files, stderr only progress: no path twice."""
    result = _cli("export", "sqlite", str(tmp_path / "x.db"), cwd=ROOT)
    assert result.returncode == 0, result.stderr
    both = result.stdout + result.stderr
    assert both.count(f"wrote {tmp_path / 'x.db'}\n") == 1
    assert both.count(str(tmp_path / "x.metadata.json")) == 2  # the wrote line and the datasette command


def test_export_does_not_create_missing_folders_unless_asked(tmp_path: Path) -> None:
    """A typo in OUT's folder is an error, exit 2; --parents creates it."""
    out = tmp_path / "no" / "such" / "x.db"
    result = _cli("export", "sqlite", str(out), cwd=ROOT)
    assert result.returncode == 2
    assert (
        result.stderr
        == f"summitdata export: the folder {out.parent} does not exist — create it first, or add --parents\n"
    )
    assert not (tmp_path / "no").exists()
    assert _cli("export", "sqlite", str(out), "--parents", cwd=ROOT).returncode == 0
    assert out.is_file()


def test_two_different_packages_are_a_usage_error(tmp_path: Path) -> None:
    """`validate --package A B` names the package twice: one line, exit 2, nothing checked."""
    result = _cli("validate", "--package", str(ROOT), str(tmp_path), cwd=ROOT)
    assert (result.returncode, result.stdout) == (2, "")
    said = f"summitdata validate: {tmp_path} is given besides --package {ROOT} — name the package once\n"
    assert result.stderr == said


def test_a_commands_process_collects_cycles_rarely() -> None:
    """main() (the process entry point) sets the collector's thresholds and leaves the exit nothing to walk;
    run() used as a library does neither."""
    code = (
        "import gc, io; from summitdata.cli import GC_THRESHOLDS, main, run; before = gc.get_threshold(); "
        "run(['--version'], io.StringIO(), io.StringIO()); "
        "assert (gc.get_threshold(), gc.get_freeze_count()) == (before, 0); "
        "main(['--version']); assert gc.get_threshold() == GC_THRESHOLDS, gc.get_threshold(); "
        "assert gc.get_freeze_count() > 0; print('ok')"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip().endswith("ok")


def test_a_commands_process_keeps_pandas_out_and_the_fast_gate_works_without_it() -> None:
    """main() keeps pandas out of the process (pyarrow would import it only to probe), and the fast gate passes."""
    code = (
        "import importlib.util, sys; from summitdata.cli import main; "
        "assert importlib.util.find_spec('pandas') is not None, 'pandas is installed here'; "
        f"code = main(['validate', {str(ROOT)!r}, '--engine', 'fast']); "
        "print(code, 'pyarrow' in sys.modules, 'pandas' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.splitlines()[-1] == "0 True False"


def test_run_as_a_library_leaves_the_callers_imports_alone() -> None:
    """run() installs no import finder: a library caller's pyarrow keeps its pandas."""
    code = (
        "import io, sys; from summitdata.cli import KeepOut, run; "
        "run(['--version'], io.StringIO(), io.StringIO()); "
        "print(any(isinstance(finder, KeepOut) for finder in sys.meta_path))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout == "False\n"


@pytest.mark.parametrize("name", COMMANDS)
def test_no_command_imports_what_its_process_keeps_out(name: str) -> None:
    """No command module names pandas, or the two ways into it (frames(), Dataset.to_pandas())."""
    source = (ROOT / "src/summitdata/commands" / f"{name.replace('-', '_')}.py").read_text(encoding="utf-8")
    assert not re.search(r"\bpandas\b|\bframes\b|to_pandas", source)
