"""``summitdata generate``: write (or ``--check``) every file generated from the models and tables."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from summitdata._version import __version__
from summitdata.bounds import fill_bounds, stale_bounds
from summitdata.dataset import Dataset, Table
from summitdata.descriptor import build_descriptor
from summitdata.dictionary import build_codes_doc, build_dictionary
from summitdata.loader import load_table
from summitdata.nested import render_document
from summitdata.resources import JSON_PATH, RESOURCES
from summitdata.schemas import build_schemas, render
from summitdata.timeline import render_timeline

DICTIONARY_PATH = "docs/data-dictionary.md"
CODES_PATH = "docs/problem-codes.md"


def generated_files(root: Path) -> dict[str, str]:
    """Relative path → the content the generator would write, from the models and the CSVs."""
    descriptor = build_descriptor()
    tables = {r.name: Table(r.name, load_table(root, r)) for r in RESOURCES}
    ds = Dataset(version=__version__, root=root, tables=tables)
    files = {"datapackage.json": json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"}
    for name, schema in build_schemas().items():
        files[f"schemas/{name}"] = render(schema)
    files[JSON_PATH] = render_document(ds)
    files[DICTIONARY_PATH] = build_dictionary(descriptor, ds)
    files[CODES_PATH] = build_codes_doc()
    files["docs/timeline.svg"] = render_timeline(ds)
    return files


def stale_files(root: Path) -> list[str]:
    """Generated files that are missing or differ from what the generator makes, plus strays.

    Tables whose derived date bounds are stale count too: the generator rewrites them.
    """
    bounds = stale_bounds(root)
    if bounds:
        return bounds  # the other files are generated from the tables: compare them once these are current
    expected = generated_files(root)
    if not (root / "docs").is_dir():
        # An installed package carries data, schemas and descriptor, not the docs.
        expected = {path: content for path, content in expected.items() if not path.startswith("docs/")}
    stale = [path for path, content in expected.items() if not _holds(root / path, content.encode("utf-8"))]
    schema_dir = root / "schemas"
    if schema_dir.is_dir():
        stale += [f"schemas/{p.name}" for p in sorted(schema_dir.glob("*.json")) if f"schemas/{p.name}" not in expected]
    return sorted(stale)


def _holds(path: Path, content: bytes) -> bool:
    """Whether ``path`` is a regular file (not a link) holding exactly ``content``.

    Decided from ``lstat`` first: a link, a device or a file of another size is never opened,
    so a generated file swapped for /dev/zero cannot stall the comparison.
    """
    try:
        info = path.lstat()
    except OSError:
        return False
    if not stat.S_ISREG(info.st_mode) or info.st_size != len(content):
        return False
    return path.read_bytes() == content


def write_files(root: Path) -> list[str]:
    """Derive the tables' date bounds, then write every generated file; return the paths that changed."""
    changed = fill_bounds(root)
    for path, content in generated_files(root).items():
        target = root / path
        if target.is_file() and target.read_bytes() == content.encode("utf-8"):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content.encode("utf-8"))
        changed.append(path)
    return changed
