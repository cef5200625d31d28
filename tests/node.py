"""Running the npm clients (ajv-cli, datapackage) that `.ci/run` installs with `npm ci`.

A test that needs node skips on a machine without it, but fails when CI is set: CI installs them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

NODE_MODULES = ROOT / "node_modules"
AJV = NODE_MODULES / ".bin" / "ajv"
READ_DATAPACKAGE = Path(__file__).parent / "js" / "read_datapackage.js"
TIMEOUT_SECONDS = 300


def require(*paths: Path) -> str:
    """The node executable, after checking the npm packages are installed; skip (or fail on CI) if not."""
    node = shutil.which("node")
    missing = [str(p) for p in paths if not p.exists()]
    if node is None or missing:
        why = "node is not installed" if node is None else f"run `npm ci` first (missing {', '.join(missing)})"
        if os.environ.get("CI"):
            pytest.fail(f"CI must have the npm clients: {why}")
        pytest.skip(why)
    return node


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), cwd=cwd, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False)


def ajv(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """ajv-cli in its default strict mode, JSON Schema 2020-12, with ajv-formats: what a JS user runs."""
    node = require(AJV, NODE_MODULES / "ajv-formats")
    return run(node, str(AJV), *args, "--spec=draft2020", "-c", "ajv-formats", cwd=cwd)
