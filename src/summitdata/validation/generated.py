"""Layers 5 and 9 of the gate around the generated files, computed once for both engines.

The generated files (descriptor, schemas, data/summit.json, docs) are made once, from the
records the table layers already validated, and serve twice:

- **JSON resources.** When data/summit.json and its schema are byte for byte what the
  generator makes from tables that passed every layer, the JSON layer's checks cannot find
  anything (see :func:`json_is_generated`), so they are skipped; any difference and they
  all run, to name the problem and its place, except that the models' screen sees only the
  records unlike the generator's (:func:`unvouched_part`), and where the file keeps the
  generator's layout, only those records are decoded and parsed (:func:`aligned_part`). That
  one walk of the file beside the generator's document also tells a current file from a stale
  one, so the document is made once either way. tests/test_gate_cases.py runs the whole corpus
  of malformed packages both ways and requires identical reports.
- **Stale files.** Every generated file is compared with what is on disk; a stale
  summit.json's first difference comes from that same record-by-record comparison.

Both engines call :func:`check_documents`, so the rule is written once.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from functools import cached_property
from pathlib import Path
from typing import Any

from summitdata.generate import (
    Content,
    StreamedDocument,
    generated_contents,
    same_content,
    stale_files,
    text_of,
)
from summitdata.loader import LoadError
from summitdata.models import Record
from summitdata.resources import JSON_PATH, RESOURCES
from summitdata.validation import progress
from summitdata.validation.citation import check_citation
from summitdata.validation.compare import Aligned, aligned_part, first_difference, unvouched_part
from summitdata.validation.documents import check_json_resources
from summitdata.validation.files import MAX_FILE_BYTES, RefusedFileError, open_limited, read_limited
from summitdata.validation.problems import Problem
from summitdata.validation.strictjson import MAX_DEPTH, MAX_INT_DIGITS, strict_value_at
from summitdata.validation.window import Window

SCHEMA_PATH = "schemas/summit.schema.json"

#: Set to False to run every check of the JSON layer even on a current document, and jsonschema
#: even where the models accept summit.json (the tests compare both ways over the corpus).
TRUST_GENERATED = True


class _Vouched:
    """What of summit.json the JSON layer's screen must see, given the generator's document.

    Called with the parsed document: the part not vouched for, or all of it where the premises
    do not hold (a value the schema's ``format`` refuses, or an integer too long for strict JSON,
    in the tables). :meth:`aligned` finds that part in the text, without parsing the rest.
    Keeps the first difference it found for the stale report (``compared`` says it did).
    :meth:`identical` makes that walk first, to tell a current file from a stale one.
    """

    def __init__(self, content: StreamedDocument, premises: Callable[[], bool]) -> None:
        self.content, self._premises = content, premises
        self.compared = False
        self.first: str | None = None
        self._walked: list[Aligned | None] = []  # the one walk of the file, once made (see :meth:`identical`)

    @cached_property
    def premises(self) -> bool:
        """Whether the premises hold (asked once: the format check reads every record)."""
        return self._premises()

    def __call__(self, document: Any) -> Any:
        if not self.premises:
            return document
        part, self.first = unvouched_part(document, self.content.texts())
        self.compared = True
        return part

    def aligned(self, data: Window) -> tuple[dict[str, Any], dict[str, list[int]]] | None:
        """The part and its records' places, from the file's bytes (the walk :meth:`identical` made, if it made one)."""
        found = self._walked[0] if self._walked else self._walk(data)
        if found is None:
            return None
        self.first, self.compared = found.first, True
        return found.part, found.places

    def _walk(self, data: Window) -> Aligned | None:
        if not self.premises:
            return None
        # A list's item sits two levels into the document: the whole may nest MAX_DEPTH deep.
        return aligned_part(data, self.content.texts(), lambda data, pos: strict_value_at(data, pos, MAX_DEPTH - 2))

    def identical(self, root: Path, max_bytes: int) -> bool | None:
        """Whether the file is the generator's document byte for byte, from one walk of it that
        :meth:`aligned` then answers from (a stale file is so made once, not twice); None where the
        walk gives no answer (the premises fail, another layout, a record that does not parse).
        """
        try:
            with open_limited(root, JSON_PATH, max_bytes) as file:
                found = self._walk(Window(file, max_bytes))
        except Exception:  # as the JSON layer's walk: whatever fails, the file is compared and parsed as before
            found = None
        self._walked = [found]
        return None if found is None else found.identical


def _formats_hold(expected: Mapping[str, Content], tables: Mapping[str, list[Record]]) -> bool:
    """Every value under a ``format`` that jsonschema checks here conforms to it.

    Which formats jsonschema checks depends on what is installed (``uri`` needs rfc3987), and
    a check may be stricter than the model's validator: so the values are asked, not assumed.
    """
    import jsonschema

    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    for resource in RESOURCES:
        schema = json.loads(text_of(expected[f"schemas/{resource.name}.schema.json"]))
        for field, spec in schema.get("properties", {}).items():
            options = [spec, *spec.get("anyOf", [])] if isinstance(spec, dict) else []
            formats = {option.get("format") for option in options if isinstance(option, dict)} & set(checker.checkers)
            if not formats:
                continue
            # Each distinct value once, as the document writes it: a day as its ISO text (jsonschema
            # passes any value that is not a string, so a date object would prove nothing).
            values = {record.__dict__.get(field) for record in tables[resource.name]} - {None}
            texts = {value.isoformat() if isinstance(value, dt.date) else value for value in values}
            if not all(checker.conforms(text, str(name)) for name in formats for text in texts):
                return False
    return True


def _ints_fit(tables: Mapping[str, list[Record]]) -> bool:
    """Every integer the document would hold has at most MAX_INT_DIGITS digits (strict JSON's limit)."""
    from summitdata.loader import is_int_annotation

    for resource in RESOURCES:
        for name, info in resource.model.model_fields.items():
            if not is_int_annotation(info.annotation):
                continue
            for record in tables[resource.name]:
                value = record.__dict__[name]
                if isinstance(value, int) and len(str(abs(value))) > MAX_INT_DIGITS:
                    return False
    return True


class _Comparisons:
    """same_content, each file compared once (summit.json is long: the JSON shortcut and the stale check share it)."""

    def __init__(self) -> None:
        self.done: dict[Path, bool] = {}

    def __call__(self, path: Path, content: Content) -> bool:
        if path not in self.done:
            self.done[path] = same_content(path, content)
        return self.done[path]


def json_is_generated(
    root: Path,
    expected: Mapping[str, Content],
    tables: Mapping[str, list[Record]],
    same: Callable[[Path, Content], bool] = same_content,
    *,
    vouched: _Vouched | None = None,
    max_bytes: int = MAX_FILE_BYTES,
) -> bool:
    """Whether the JSON layer's checks are proven to find nothing, without running them.

    Called only when every earlier layer passed. Then data/summit.json equal to the
    generator's output is json.dumps of plain data built from validated records: no
    duplicate key, no NaN (no model has a float), depth fixed by the document's models,
    integers checked by :func:`_ints_fit`; its values passed the models, whose JSON Schema is
    the generated schema file (required equal too) and no stricter than they are (same enums,
    lengths and anchored patterns), except for ``format`` checks, asked by
    :func:`_formats_hold`; and every id it cites is a table row's, each resolving because the
    key layer passed.

    ``vouched``: where given, summit.json is compared by walking it beside the generator's document
    (:meth:`_Vouched.identical`), which the JSON layer then reads a stale file's records from,
    instead of by a plain comparison that would make the document a second time. ``same`` learns
    the answer (it is :class:`_Comparisons`, which the stale report asks).
    """
    if not same(root / SCHEMA_PATH, expected[SCHEMA_PATH]):
        return False
    identical = None if vouched is None else vouched.identical(root, max_bytes)
    if identical is None:
        identical = same(root / JSON_PATH, expected[JSON_PATH])
    elif isinstance(same, _Comparisons):
        same.done[root / JSON_PATH] = identical  # the walk compared every byte: no second comparison
    if not identical:
        return False
    # The same premises the walk needed (asked once: the format check reads every record).
    return vouched.premises if vouched is not None else _ints_fit(tables) and _formats_hold(expected, tables)


#: A stale generated JSON file's first difference is looked for when the file is at most this many times the
#: generator's text (plus a MiB): a crafted 100 MB schema took 530 MB to parse for it.
LOCATE_FACTOR = 16


def report_stale(
    root: Path,
    expected: Mapping[str, Content],
    problems: list[Problem],
    *,
    same: Callable[[Path, Content], bool] = same_content,
    skip: frozenset[str] = frozenset(),
    parsed: Mapping[str, Any] | None = None,
    known: Mapping[str, str | None] | None = None,
    max_bytes: int = MAX_FILE_BYTES,
) -> None:
    """A generated-stale problem per stale file not in ``skip`` (reported already), with its first difference.

    ``parsed``: files already parsed strictly (the JSON layer's summit.json), used as read: a strict
    parse gives the values ``json.loads`` gives, for every text it accepts. ``known``: first
    differences found already (the JSON layer's screen compared summit.json record by record).
    """
    # Called once no table has a problem: every date bound passed its row's date-bound-stale check.
    for path in stale_files(root, expected, same, bounds_checked=True):
        if path in skip:
            continue
        where = None
        if known is not None and path in known:
            where = known[path]
        elif path.endswith(".json") and path in expected:
            try:
                old = (parsed or {}).get(path)
                content = expected[path]
                if old is None and isinstance(content, StreamedDocument):
                    old = json.loads(read_limited(root, path, max_bytes).decode("utf-8"))
                if isinstance(content, StreamedDocument):
                    where = unvouched_part(old, content.texts())[1]  # never made whole, nor parsed
                else:
                    text = text_of(content)
                    if old is None:
                        # Parsed, a file takes several times its size: one far larger than the generator's is
                        # not a hand edit of it, and is reported without its first difference.
                        limit = min(max_bytes, LOCATE_FACTOR * len(text) + 1024**2)
                        old = json.loads(read_limited(root, path, limit).decode("utf-8"))
                    where = first_difference(old, json.loads(text))
            except (RefusedFileError, ValueError, RecursionError):
                where = None
        problems.append(
            Problem(
                path,
                None,
                where,
                "generated-stale",
                "the file differs from what the generator makes from the models and tables"
                + (f" (first at {where})" if where else ""),
                "run `summitdata generate` (never edit generated files by hand)",
            )
        )


def expected_files(root: Path, tables: Mapping[str, list[Record]]) -> dict[str, Content]:
    """Every generated file, made from validated records (never re-read from disk); summit.json streamed."""
    from summitdata._version import __version__
    from summitdata.dataset import Dataset, Table

    ds = Dataset(version=__version__, root=root, tables={name: Table(name, rows) for name, rows in tables.items()})
    return generated_contents(root, ds)


def check_documents(
    root: Path,
    safe: set[str],
    ids: Callable[[], dict[str, set[str]]],
    tables: Callable[[], dict[str, list[Record]]],
    problems: list[Problem],
    *,
    max_bytes: int = MAX_FILE_BYTES,
    generated: bool = True,
) -> bool:
    """The JSON layer, CITATION.cff and the generated-files layer; True when the last must wait.

    ``ids``: the ids of each readable table, for the JSON layer's references. ``tables``:
    every table's validated records (asked for only when no table file has a problem, so
    they are every row of every table). Stale generated files are reported in the same run
    as everything else, except files with a problem of their own; when a table file has a
    problem, generation cannot run and True says the generator will be needed after the
    fix. ``generated=False`` leaves the generated files out (and so the JSON shortcut).
    Each part is guarded: one that raises is reported and the others still run.
    """
    from summitdata.validation.package import guarded  # package.py imports this module

    expected: dict[str, Content] | None = None
    records: dict[str, list[Record]] | None = None
    same = _Comparisons()
    # Documents the JSON layer parsed, so a stale one is not read and parsed again to find its first difference.
    parsed: dict[str, Any] = {}
    known: dict[str, str | None] = {}
    if generated and not problems:
        # Generation needs every table valid, which the earlier layers established.
        progress.layer("building the generated files from the tables")
        records = tables()
        expected = guarded(problems, "generated files", None, expected_files, root, records)
    if JSON_PATH in safe:
        progress.layer("JSON resources")
        vouched = _vouched(expected, records)
        trusted = (
            TRUST_GENERATED
            and expected is not None
            and records is not None
            and guarded(
                problems,
                JSON_PATH,
                False,
                json_is_generated,
                root,
                expected,
                records,
                same,
                vouched=vouched,
                max_bytes=max_bytes,
            )
        )
        if not trusted:
            document = guarded(
                problems,
                JSON_PATH,
                None,
                check_json_resources,
                root,
                ids(),
                problems,
                max_bytes,
                safe,
                unvouched=vouched,
            )
            if document is not None:
                parsed[JSON_PATH] = document
            if vouched is not None and vouched.compared:
                known[JSON_PATH] = vouched.first
    guarded(problems, "CITATION.cff", None, check_citation, root, problems, max_bytes)
    if not generated:
        return False
    return guarded(
        problems,
        "generated files",
        True,
        _check_stale,
        root,
        safe,
        expected,
        tables,
        problems,
        same=same,
        parsed=parsed,
        known=known,
        max_bytes=max_bytes,
    )


def _vouched(expected: Mapping[str, Content] | None, records: Mapping[str, list[Record]] | None) -> _Vouched | None:
    """The screen's guide to summit.json, when the tables passed and the generator's document is at hand."""
    content = expected.get(JSON_PATH) if expected is not None else None
    if not TRUST_GENERATED or records is None or expected is None or not isinstance(content, StreamedDocument):
        return None
    made = expected
    return _Vouched(content, lambda: _ints_fit(records) and _formats_hold(made, records))


def _check_stale(
    root: Path,
    safe: set[str],
    expected: dict[str, Content] | None,
    tables: Callable[[], dict[str, list[Record]]],
    problems: list[Problem],
    *,
    same: Callable[[Path, Content], bool],
    parsed: Mapping[str, Any],
    known: Mapping[str, str | None],
    max_bytes: int,
) -> bool:
    """Report stale generated files; True when they cannot be compared until a table is fixed.

    A file that already has a problem of its own (a hand edit the JSON Schema rejects) is
    not reported a second time.
    """
    # Files with a problem of their own, or named by one (a declared file that is missing, unsafe or too large).
    refused = ("file-missing", "unsafe-path", "file-too-large")  # files that must not be opened
    reported = {p.file for p in problems} | {p.value for p in problems if p.code in refused}
    if reported & {resource.path for resource in RESOURCES} or any(p.code == "package-error" for p in problems):
        return True
    progress.layer("comparing the generated files")
    try:
        if expected is None:
            if all(resource.path in safe for resource in RESOURCES):
                expected = expected_files(root, tables())
            else:
                # A table the files layer did not clear holds no records here: the generator reads it
                # from disk, as `summitdata generate` would.
                expected = dict(generated_contents(root))
        report_stale(
            root,
            expected,
            problems,
            same=same,
            skip=frozenset(p for p in reported if p is not None),
            parsed=parsed,
            known=known,
            max_bytes=max_bytes,
        )
    except (LoadError, OSError):
        return True  # a table the layers above passed still cannot be loaded: compare after the fix
    return False


__all__ = ["check_documents", "json_is_generated", "report_stale"]
