"""The README's examples are true: its code runs and its quoted output is what the tools print."""

from __future__ import annotations

import io
import re
from pathlib import Path

from summitdata.cli import run
from tests.conftest import ROOT, edit_file

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_python_quick_start_runs_as_written() -> None:
    (block,) = re.findall(r"## For Python users\n\n```python\n(.*?)```", README, re.S)
    exec(compile(block, "README.md", "exec"), {})  # the README's own example code


def test_the_quoted_gate_output_is_what_the_gate_prints(package_copy: Path) -> None:
    (quoted,) = re.findall(r"## Contributing: the gate.*?```\n(.*?)\n```", README, re.S)
    edit_file(package_copy / "data/people.csv", lambda s: s.replace("Vipin Narang,,USA", "Vipin Narang,,Korea"))
    out = io.StringIO()
    assert run(["validate", str(package_copy)], out, io.StringIO()) == 1
    assert out.getvalue().splitlines()[0] == quoted


def test_the_two_setup_commands_are_the_ones_ci_runs() -> None:
    commands = re.findall(r"```sh\n(.*?)\n```", README.split("## Set up on a fresh machine")[1].split("\n## ")[0])
    assert commands == [
        'python -m pip install -e ".[validate]" && python validate.py',
        'python -m pip install -e ".[dev]" && python -m pytest',
    ]
    assert commands[1] in (ROOT / ".ci/run").read_text(encoding="utf-8")


def test_the_speed_table_is_the_latest_benchmark_run() -> None:
    results = (ROOT / "bench/RESULTS.md").read_text(encoding="utf-8")
    table = [line for line in results.splitlines() if line.startswith("|")]
    assert table
    assert "\n".join(table) in README
