"""The GitHub workflows: actionlint finds nothing, and releases publish by trusted publishing from a tag."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"


def _actionlint() -> str:
    # The dev extra installs it beside this interpreter; PATH is the fallback for other layouts.
    beside = Path(sys.executable).parent / "actionlint"
    found = str(beside) if beside.is_file() else shutil.which("actionlint")
    assert found is not None, "actionlint is missing: python -m pip install -e '.[dev]'"
    return found


def _load(name: str) -> dict[Any, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_actionlint_passes_every_workflow() -> None:
    """actionlint (syntax, expressions, action versions, shell scripts) reports nothing."""
    files = sorted(str(path) for path in WORKFLOWS.glob("*.yml"))
    assert len(files) >= 2
    result = subprocess.run([_actionlint(), *files], capture_output=True, text=True, check=False, cwd=ROOT)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_a_tag_publishes_the_wheel_and_sdist_by_trusted_publishing() -> None:
    """The release workflow runs on vX.Y.Z tags, builds once, and publishes with an identity token, not a secret."""
    release = _load("release.yml")
    triggers = release[True]  # YAML 1.1 reads the key `on` as true
    assert triggers == {"push": {"tags": ["v*.*.*"]}}
    jobs = release["jobs"]
    build_steps = " ".join(str(step.get("run", "")) for step in jobs["build"]["steps"])
    assert "python -m build" in build_steps
    assert "validate.py" in build_steps
    publish = jobs["pypi"]
    assert publish["permissions"] == {"id-token": "write"}
    assert publish["steps"][-1]["uses"] == "pypa/gh-action-pypi-publish@release/v1"
    assert "with" not in publish["steps"][-1]  # no password: trusted publishing only
    assert "secrets." not in (WORKFLOWS / "release.yml").read_text(encoding="utf-8")
    assert release["permissions"] == {"contents": "read"}
