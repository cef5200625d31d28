"""Packaging: a wheel built from the checkout, installed in a fresh venv, loads every resource."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from summitdata.resources import RESOURCES
from tests.conftest import ROOT

CHECK = """
import sys, summitdata
ds = summitdata.load()
assert ds.version == summitdata.__version__, (ds.version, summitdata.__version__)
assert '_package' in str(ds.root), ds.root
print(",".join(f"{name}={len(table)}" for name, table in ds.tables.items()))
print(sorted(m for m in sys.modules if m.split('.')[0] in ('frictionless', 'jsonschema', 'pandas', 'pyarrow', 'yaml')))
"""


@pytest.mark.slow
def test_the_wheel_installs_in_a_fresh_venv_and_loads_every_resource(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    (wheel,) = dist.glob("summitdata-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "summitdata/_package/datapackage.json" in names
    assert "summitdata/py.typed" in names
    assert {f"summitdata/export/site/assets/{name}" for name in ("page.html", "site.css", "site.js")} <= names
    # CITATION.cff is part of the package the gate checks; the CFF schema it is checked against ships too.
    assert {"summitdata/_package/CITATION.cff", "summitdata/validation/vendor/cff-1.2.0.schema.json"} <= names
    assert {f"summitdata/_package/{r.path}" for r in RESOURCES} <= names
    # The wheel ships the code, the data and the article's text, so its licence names all three (the article's
    # notice is in LICENSE-DATA), and both licence files ship.
    (metadata,) = (name for name in names if name.endswith(".dist-info/METADATA"))
    headers = zipfile.ZipFile(wheel).read(metadata).decode("utf-8").partition("\n\n")[0].splitlines()
    assert "License-Expression: MIT AND CC-BY-4.0 AND LicenseRef-Hankyoreh-Article" in headers
    assert {"License-File: LICENSE", "License-File: LICENSE-DATA"} <= set(headers)
    env = tmp_path / "venv"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", str(wheel)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    result = subprocess.run(
        [str(python), "-c", CHECK], capture_output=True, text=True, cwd=tmp_path, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    counts, heavy = result.stdout.strip().splitlines()
    assert all(int(part.split("=")[1]) > 0 for part in counts.split(","))
    assert len(counts.split(",")) == len(RESOURCES)
    assert heavy == "[]"
    gate = subprocess.run([str(env / "bin" / "summitdata"), "validate"], capture_output=True, text=True, check=False)
    assert gate.returncode == 2, gate.stdout + gate.stderr  # the gate is an extra: one clear line says so
    assert "summitdata[validate]" in gate.stderr
    assert "Traceback" not in gate.stderr
    installed = subprocess.run(
        [str(python), "-m", "pip", "list", "--format=freeze"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert not any(
        line.lower().startswith(("frictionless", "jsonschema", "pandas", "pyarrow"))
        for line in installed.stdout.splitlines()
    )
