"""Crafted contributions too large to write down as corpus cases: built in code from a copy of the package.

Each once took the gate gigabytes of memory or unbounded time (most of them a backtracking regular-expression
engine). tests/test_gate_bounded.py runs the gate on them under memory and CPU limits; bench/pathological.py
measures them.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path


def doubled_quotes_header(root: Path) -> None:
    """people.csv's header with 100 extra cells of 65,000 doubled quotes each (a 13 MB line; each cell stays
    under the csv module's field limit, so the line reaches the strict record pattern)."""
    path = root / "data" / "people.csv"
    header, rest = path.read_text(encoding="utf-8").split("\n", 1)
    cells = ",".join(['"' + '""' * 65_000 + '"'] * 100)
    path.write_text(f"{header},{cells}\n{rest}", encoding="utf-8")


def crafted_id(root: Path) -> None:
    """data/summit.json with the first person's id 10 MB long (a-a-a-…): the models refuse it, and the
    schema's slug pattern is matched against it to report it."""
    path = root / "data" / "summit.json"
    text = path.read_text(encoding="utf-8")
    start = text.index('"id": "', text.index('"people": [')) + len('"id": "')
    path.write_text(text[:start] + "a-" * 5_000_000 + "a" + text[text.index('"', start) :], encoding="utf-8")


def backtracking_schema(root: Path) -> None:
    """schemas/summit.schema.json edited to hold the pattern ``^(a+)+$`` for the document's name, and
    summit.json's name forty a's and a b: exponential for a backtracking engine."""
    schema_path = root / "schemas" / "summit.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    schema["properties"]["name"] = {"type": "string", "pattern": "^(a+)+$"}
    schema_path.write_text(json.dumps(schema, indent=2) + "\n", encoding="utf-8")
    path = root / "data" / "summit.json"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"summitdata"', '"' + "a" * 40 + 'b"', 1), encoding="utf-8")


def citation_of_many_keys(root: Path) -> None:
    """CITATION.cff followed by 300,000 more keys (5 MB): PyYAML's Python loader took 13 s and 500 MB to read it."""
    path = root / "CITATION.cff"
    extra = "".join(f"key{i}: value\n" for i in range(300_000))
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")


def citation_of_many_bad_authors(root: Path) -> None:
    """CITATION.cff's authors a flow list of 120,000 plain words (240 KB, under the citation's limit): each fails
    the schema's alternatives, and the gate once collected every one of those problems (9.5 s and 1.2 GB)."""
    replace_citation_authors(root, "authors: [" + "a," * 120_000 + "a]")


def replace_citation_authors(root: Path, authors: str) -> None:
    """CITATION.cff with its ``authors:`` block (down to the next top-level key) replaced by ``authors``."""
    path = root / "CITATION.cff"
    lines = path.read_text(encoding="utf-8").split("\n")
    start = lines.index("authors:")
    end = next(i for i in range(start + 1, len(lines)) if lines[i] and not lines[i].startswith((" ", "-")))
    lines[start:end] = [authors]
    path.write_text("\n".join(lines), encoding="utf-8")


def summit_of_bare_numbers(root: Path) -> None:
    """data/summit.json a list of five million bare numbers as its people (10 MB): each fails the schema, and the
    gate once collected every problem and a line for every value (400,000 numbers: 14 s and 1.5 GB; these: killed
    at 120 s)."""
    (root / "data" / "summit.json").write_text('{"people": [' + "1," * 5_000_000 + "1]}", encoding="utf-8")


def stored_article_over_a_mebibyte(root: Path) -> None:
    """The stored article with a mebibyte of a's appended, and its pin in sources.csv updated to match: each quote
    not in a stored text is looked for through all of it (0.3 s a quote for 100 MiB of a's)."""
    article = root / "data" / "sources" / "hankyoreh-yoon-biden-nuclear-guidelines.txt"
    before = hashlib.sha256(article.read_bytes()).hexdigest()
    article.write_bytes(article.read_bytes() + b"a" * 1024**2)
    sources = root / "data" / "sources.csv"
    after = hashlib.sha256(article.read_bytes()).hexdigest()
    sources.write_text(sources.read_text(encoding="utf-8").replace(before, after), encoding="utf-8")


def descriptor_of_many_resources(root: Path) -> None:
    """datapackage.json with two million bare numbers as its resources (6 MB): Frictionless's profile finds every
    one of its problems before it gives the first (85 s and 9.8 GB)."""
    path = root / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["resources"] = [1] * 2_000_000
    path.write_text(json.dumps(descriptor), encoding="utf-8")


def schema_of_many_alternatives(root: Path) -> None:
    """schemas/summit.schema.json replaced by a schema that asks every field of every record to be one of 20,000
    constants (1 MB): jsonschema tried each, and kept why each failed (10 s and 3 GB for the real summit.json)."""
    alternatives = [{"const": f"x{i}"} for i in range(20_000)]
    schema = {"additionalProperties": {"items": {"additionalProperties": {"anyOf": alternatives}}}}
    (root / "schemas" / "summit.schema.json").write_text(json.dumps(schema), encoding="utf-8")


def stale_table_schema_of_100_mb(root: Path) -> None:
    """schemas/people.schema.json replaced by a list of fifty million numbers (100 MB): parsed to find where it
    differs from the generator's schema, it took 530 MB."""
    (root / "schemas" / "people.schema.json").write_text("[" + "1," * 50_000_000 + "1]", encoding="utf-8")
