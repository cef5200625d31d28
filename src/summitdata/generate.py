"""``summitdata generate``: write (or ``--check``) every file generated from the models and tables."""

from __future__ import annotations

import json
import stat
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from pathlib import Path

from summitdata._version import __version__
from summitdata.bounds import fill_bounds, stale_bounds
from summitdata.dataset import Dataset
from summitdata.descriptor import build_descriptor
from summitdata.dictionary import build_codes_doc, build_dictionary
from summitdata.loader import validated_tables
from summitdata.nested import document_texts, iter_document, render_document
from summitdata.resources import JSON_PATH, RESOURCES
from summitdata.schemas import build_schemas, render
from summitdata.timeline import render_timeline

DICTIONARY_PATH = "docs/data-dictionary.md"
CODES_PATH = "docs/problem-codes.md"
#: The shipped tables' SHA-256, in the repository checkout only (a data package elsewhere has no src/).
PINS_PATH = "src/summitdata/_pins.py"


@cache
def descriptor_text() -> str:
    """datapackage.json as the generator writes it (a function of the models alone)."""
    return json.dumps(build_descriptor(), ensure_ascii=False, indent=2) + "\n"


#: A generated file's content: its text, or (data/summit.json for the gate) a function
#: streaming its UTF-8 bytes, so a large document is compared without being held whole.
Content = str | Callable[[], Iterator[bytes]]


class StreamedDocument:
    """data/summit.json as the generator makes it from records already validated, never held whole.

    Called, it streams the document's UTF-8 text (what is written and compared); :meth:`texts`
    gives the same document with each list made one record at a time, as each record's JSON text
    (what a stale file is compared with, record by record).
    """

    def __init__(self, ds: Dataset) -> None:
        self.ds = ds

    def __call__(self) -> Iterator[bytes]:
        return iter_document(self.ds)

    def texts(self) -> dict[str, str | Iterator[bytes]]:
        """Each top-level list as its items' JSON texts at depth 0, as :func:`summitdata._json.indented` writes them."""
        return document_texts(self.ds)


def text_of(content: Content) -> str:
    return content if isinstance(content, str) else b"".join(content()).decode("utf-8")


def same_content(path: Path, content: Content) -> bool:
    """Whether ``path`` is a regular file (not a link) holding exactly ``content`` (compared as it streams).

    Decided from ``lstat`` first: a link, a device or a file of another size is never opened,
    so a generated file swapped for /dev/zero cannot stall the comparison.
    """
    try:
        info = path.lstat()
    except OSError:
        return False
    if not stat.S_ISREG(info.st_mode):
        return False
    if isinstance(content, str):
        data = content.encode("utf-8")
        return info.st_size == len(data) and path.read_bytes() == data
    with path.open("rb") as file:
        for piece in content():
            if file.read(len(piece)) != piece:
                return False
        return file.read(1) == b""


def generated_files(root: Path, ds: Dataset | None = None) -> dict[str, str]:
    """Relative path → the content the generator would write, from the models and the CSVs."""
    return {path: text_of(content) for path, content in generated_contents(root, ds).items()}


def generated_contents(root: Path, ds: Dataset | None = None) -> dict[str, Content]:
    """:func:`generated_files`, with data/summit.json streamed when ``ds`` is given.

    ``ds``: the package's tables already loaded and validated (the gate passes the records
    its table layers built, so no table is read or validated twice, nor the nested document).
    """
    validated = ds is not None
    text = descriptor_text()
    descriptor = json.loads(text)
    if ds is None:
        ds = Dataset(version=__version__, root=root, tables=validated_tables(root))
    files: dict[str, Content] = {"datapackage.json": text}
    for name, schema in build_schemas().items():
        files[f"schemas/{name}"] = render(schema)
    if validated:
        files[JSON_PATH] = StreamedDocument(ds)
    else:
        files[JSON_PATH] = render_document(ds)
    files[DICTIONARY_PATH] = build_dictionary(descriptor, ds)
    files[CODES_PATH] = build_codes_doc()
    files["docs/timeline.svg"] = render_timeline(ds)
    if (root / PINS_PATH).parent.is_dir():
        files[PINS_PATH] = render_pins(root)
    return files


def render_pins(root: Path) -> str:
    """src/summitdata/_pins.py: each table's SHA-256, so load() knows the shipped data when it meets it.

    Tables whose bytes hold these pins passed the gate in CI (the pins are checked current there,
    with the gate over the same data), so load() builds their records without validating again.
    """
    import hashlib

    lines = [
        '"""The SHA-256 of each table of the data this software ships.',
        "",
        'Generated by `summitdata generate`; do not edit."""',
        "",
        "TABLE_SHA256: dict[str, str] = {",
    ]
    for resource in RESOURCES:
        digest = hashlib.sha256((root / resource.path).read_bytes()).hexdigest()
        lines.append(f'    "{resource.path}": "{digest}",')
    return "\n".join([*lines, "}", ""])


def stale_files(
    root: Path,
    expected: Mapping[str, Content] | None = None,
    same: Callable[[Path, Content], bool] = same_content,
    *,
    bounds_checked: bool = False,
) -> list[str]:
    """Generated files that are missing or differ from what the generator makes, plus strays.

    ``expected``: :func:`generated_contents` of ``root``, when the caller has it already;
    ``same``: how a file is compared (the gate remembers comparisons it made already).
    Tables whose derived date bounds are stale count too: the generator rewrites them
    (``bounds_checked``: the caller has checked every bound already, as the gate does row by row).
    """
    bounds = [] if bounds_checked else stale_bounds(root)
    if bounds:
        return bounds  # the other files are generated from the tables: compare them once these are current
    if expected is None:
        expected = generated_files(root)
    if not (root / "docs").is_dir():
        # An installed package carries data, schemas and descriptor, not the docs.
        expected = {path: content for path, content in expected.items() if not path.startswith("docs/")}
    stale = [path for path, content in expected.items() if not same(root / path, content)]
    schema_dir = root / "schemas"
    if schema_dir.is_dir():
        stale += [f"schemas/{p.name}" for p in sorted(schema_dir.glob("*.json")) if f"schemas/{p.name}" not in expected]
    return sorted(stale)


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
