"""Layer 5 of the gate: JSON resources (the descriptor: :mod:`.profile`; CITATION.cff: :mod:`.citation`).

JSON is parsed strictly (:mod:`.strictjson`), validated with ``jsonschema`` with format checking on
and every remote reference refused (skipped for data/summit.json when its models prove it would find
nothing: :mod:`.screen`), and its foreign keys resolved against the tables.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from summitdata.resources import BY_NAME, JSON_PATH
from summitdata.validation.files import MAX_FILE_BYTES, RefusedFileError, open_limited, read_limited, read_opened
from summitdata.validation.firsterrors import bounded, first_errors, shallow_first, values_in
from summitdata.validation.jsonpos import line_of_pointer, lines_of
from summitdata.validation.patterns import linear
from summitdata.validation.problems import Problem
from summitdata.validation.strictjson import JsonProblemError, strict_json
from summitdata.validation.window import Window


def read_checked(root: Path, path: str, problems: list[Problem], max_bytes: int) -> bytes | None:
    """A package file's bytes, or None after reporting why it is not read (never opened if unsafe)."""
    try:
        return read_limited(root, path, max_bytes)
    except RefusedFileError as exc:
        problems.append(exc.problem(path))
        return None


def open_checked(root: Path, path: str, problems: list[Problem], max_bytes: int) -> BinaryIO | None:
    """A package file opened for reading, or None after reporting why it is not (as :func:`read_checked`)."""
    try:
        return open_limited(root, path, max_bytes)
    except RefusedFileError as exc:
        problems.append(exc.problem(path))
        return None


def decode_json(path: str, raw: bytes, problems: list[Problem]) -> str | None:
    """A JSON file's text, or None after reporting that it is not UTF-8."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(
            Problem(
                path,
                line,
                None,
                "encoding-error",
                f"byte 0x{raw[exc.start]:02x} is not valid UTF-8",
                "save it as UTF-8",
            )
        )
        return None


def parse_json_text(path: str, text: str, problems: list[Problem]) -> tuple[Any] | None:
    """The document :func:`strict_json` parses (in a 1-tuple: it may be null), or None after reporting why not."""
    try:
        return (strict_json(text),)
    except JsonProblemError as exc:
        problems.append(
            Problem(path, exc.line, None, exc.code, exc.message, "regenerate it with `summitdata generate`")
        )
        return None


def read_json(
    root: Path, path: str, problems: list[Problem], max_bytes: int = MAX_FILE_BYTES
) -> tuple[Any, str] | None:
    raw = read_checked(root, path, problems, max_bytes)
    text = None if raw is None else decode_json(path, raw, problems)
    if text is None:
        return None
    del raw  # not kept beside the document as it is parsed
    parsed = parse_json_text(path, text, problems)
    return None if parsed is None else (parsed[0], text)


def _no_network(uri: str) -> Any:
    from referencing.exceptions import NoSuchResource

    raise NoSuchResource(ref=uri)  # type: ignore[call-arg]  # attrs __init__, unknown to the stubs


#: The schema's problems reported per file: the first it finds (see :mod:`.firsterrors`).
MAX_SCHEMA_PROBLEMS = 50
#: The checks a schema may ask of a document: so many a value, and a floor. The generated schema asks about three
#: a value of the real summit.json; a hand-edited one that asks far more is stopped (see :mod:`.firsterrors`).
SCHEMA_CHECKS_PER_VALUE, SCHEMA_CHECKS_FLOOR = 64, 100_000


def schema_problems(
    path: str, text: str, document: Any, schema: Any, schema_path: str | None = None
) -> Iterator[Problem]:
    """Validate with jsonschema: format checking on, remote references refused."""
    import jsonschema
    from referencing import Registry

    known = {
        str(cls.META_SCHEMA["$schema"]).rstrip("#")
        for cls in (
            jsonschema.Draft4Validator,
            jsonschema.Draft6Validator,
            jsonschema.Draft7Validator,
            jsonschema.Draft201909Validator,
            jsonschema.Draft202012Validator,
        )
    }
    dialect = schema.get("$schema") if isinstance(schema, dict) else None
    if isinstance(dialect, str) and dialect.rstrip("#") not in known:
        # An unknown dialect would be looked up by its URL: refused, never fetched.
        yield Problem(
            schema_path or path,
            None,
            "$schema",
            "json-schema-error",
            f"the schema names an unknown $schema {dialect!r}",
            "use the generated schema",
        )
        return
    # Patterns matched in linear time: the schema on disk may be a contributor's (see .patterns).
    budget = SCHEMA_CHECKS_FLOOR + SCHEMA_CHECKS_PER_VALUE * values_in(document)
    validator_class = bounded(
        linear(jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)), budget
    )
    validator = validator_class(
        shallow_first(schema),
        # attrs' generated __init__ takes `retrieve`; mypy's view of referencing's stubs does not know it.
        registry=Registry(retrieve=_no_network),  # type: ignore[call-arg]
        format_checker=validator_class.FORMAT_CHECKER,
    )
    try:
        errors, stopped = first_errors(validator, document, MAX_SCHEMA_PROBLEMS)
    except Exception as exc:  # an unresolvable (e.g. remote) $ref: refused, never fetched
        yield Problem(
            path, None, None, "json-schema-error", f"the schema cannot be used: {exc}", "use the generated schema"
        )
        return
    if stopped:
        yield Problem(
            schema_path or path,
            None,
            None,
            "json-schema-error",
            f"the schema asks more than {budget:,} checks of {path} ({SCHEMA_CHECKS_PER_VALUE} a value): it was "
            "stopped there",
            "use the generated schema (`summitdata generate`)",
        )
    pointers = ["".join(f"/{p}" for p in error.absolute_path) for error in errors]
    positions = lines_of(text, pointers) if errors else {}
    for error, pointer in zip(errors, pointers, strict=True):
        line = line_of_pointer(positions, pointer)
        yield Problem(
            path, line, pointer, "json-schema-error", error.message[:300], "regenerate it with `summitdata generate`"
        )


# Where each list of summit.json holds records of which resource.
_LISTS = {
    "sources": "sources",
    "organizations": "organizations",
    "people": "people",
    "events": "events",
    "agreements": "agreements",
    "statements": "statements",
    "fact_checks": "fact_checks",
    "memberships": "memberships",
    "workstreams": "workstreams",
    "participations": "participants",
    "participants": "participants",
    "actions": "agreement_actions",
}


def _top_level(document: Any) -> Iterator[tuple[str, int, Any]]:
    """Each record of the nested document's top-level lists: the list's key, its place, the record."""
    if isinstance(document, dict):
        for key in _LISTS:
            for index, element in enumerate(document.get(key) or []):
                yield key, index, element


def _document_ids(elements: Iterable[tuple[str, int, Any]]) -> dict[str, set[str]]:
    """The ids of every record these top-level records hold, themselves included, by resource."""
    found: dict[str, set[str]] = {}

    def walk(resource: str, item: Any) -> None:
        if not isinstance(item, dict):
            return
        if isinstance(item.get("id"), str):
            found.setdefault(resource, set()).add(item["id"])
        for key, child in item.items():
            if key in _LISTS and isinstance(child, list):
                for element in child:
                    walk(_LISTS[key], element)

    for key, _, element in elements:
        walk(_LISTS[key], element)
    return found


def json_foreign_keys(document: Any, ids: dict[str, set[str]], path: str, text: str) -> Iterator[Problem]:
    """Every reference inside the nested document names a record of the package.

    A reference resolves when the tables or the document itself hold the record: a document
    that is merely stale (rows removed from a table since it was generated) is reported as
    stale, not as a cascade of broken references; a reference to nothing at all is caught.
    """
    # Walked twice, never held: a list of (key, place, record) cost 110 bytes a record (a crafted list of a
    # million bare numbers: 110 MB).
    return _foreign_keys(lambda: _top_level(document), ids, path, lambda: text)


def _foreign_keys(
    elements: Callable[[], Iterable[tuple[str, int, Any]]], ids: dict[str, set[str]], path: str, text: Callable[[], str]
) -> Iterator[Problem]:
    """:func:`json_foreign_keys` of some top-level records, each time ``elements`` is called (``text`` gives the
    whole document's, for lines).

    Given only the records the generator does not vouch for, it reports what it reports given
    the whole document: every other record, and every id it holds, is a table row's.
    """
    own = _document_ids(elements())
    empty: set[str] = set()

    def walk(resource: str, item: Any, pointer: str) -> Iterator[Problem]:
        if not isinstance(item, dict):
            return
        for field, target in BY_NAME[resource].foreign_keys.items():
            value = item.get(field)
            known = ids.get(target)  # None for a table that could not be read: its own problem comes first
            if (
                isinstance(value, str)
                and known is not None
                and value not in known
                and value not in own.get(target, empty)
            ):
                yield Problem(
                    path,
                    None,  # placed below, all at once
                    f"{pointer}/{field}",
                    "foreign-key-error",
                    f"{value!r} is not an id in {target}",
                    "regenerate it with `summitdata generate`",
                    resource,
                    value,
                )
        for key, child in item.items():
            if key in _LISTS and isinstance(child, list):
                for index, element in enumerate(child):
                    yield from walk(_LISTS[key], element, f"{pointer}/{key}/{index}")

    found = [problem for key, index, element in elements() for problem in walk(_LISTS[key], element, f"/{key}/{index}")]
    if found:
        positions = lines_of(text(), [str(problem.field) for problem in found])
        yield from (replace(problem, line=line_of_pointer(positions, str(problem.field))) for problem in found)


SCHEMA_PATH = "schemas/summit.schema.json"


class Vouched(Protocol):
    """What of data/summit.json the generator vouches for (:class:`summitdata.validation.generated._Vouched`)."""

    def __call__(self, document: Any) -> Any:
        """The part of the parsed document the screen must see."""

    def aligned(self, data: Window) -> tuple[dict[str, Any], dict[str, list[int]]] | None:
        """That part and its records' places, from the file's bytes, or None where the whole must be parsed."""


def _screened(document: Any, schema: Any, unvouched: Vouched | None = None) -> bool:
    """Whether jsonschema is proven to find nothing in the document (see :mod:`.screen`).

    ``unvouched``: the part of the document the screen must see, the rest being records the
    generator made from tables that passed (see :func:`.compare.unvouched_part`).
    """
    from summitdata.validation import generated
    from summitdata.validation.screen import schema_finds_nothing

    if not generated.TRUST_GENERATED:
        return False
    try:
        return schema_finds_nothing(document if unvouched is None else unvouched(document), schema)
    except Exception:  # the screen only ever lets jsonschema be skipped: whatever fails in it, jsonschema runs
        return False


def _aligned(data: Window, schema: Any, unvouched: Vouched) -> tuple[list[tuple[str, int, Any]] | None, bool]:
    """The records the generator does not vouch for, if the screen passes them; the rest is not even decoded.

    Otherwise None, and whether the screen saw those records and did not pass them (so it need not
    see them again): then the whole document is parsed and checked, as always.
    """
    from summitdata.validation import generated
    from summitdata.validation.screen import schema_finds_nothing

    if not generated.TRUST_GENERATED:
        return None, False
    try:
        aligned = unvouched.aligned(data)
    except Exception:  # as in _screened: whatever fails, the whole document is parsed and checked
        return None, False
    if aligned is None:
        return None, False
    part, places = aligned
    try:
        if not schema_finds_nothing(part, schema):
            return None, True
    except Exception:  # the screen fails on what it would fail on in the whole document
        return None, True
    return [
        (key, index, item)
        for key in _LISTS
        if key in places
        for index, item in zip(places[key], part[key], strict=True)
    ], False


def check_json_resources(
    root: Path,
    ids: dict[str, set[str]],
    problems: list[Problem],
    max_bytes: int = MAX_FILE_BYTES,
    safe: set[str] | None = None,
    *,
    unvouched: Vouched | None = None,
) -> Any:
    """Strict parsing, the generated JSON Schema, and references that resolve; the parsed document.

    None if it was refused, or not parsed: ``unvouched`` (what of the document the screen must
    see; by default, all of it) can find, in the text alone, the records that are not the
    generator's, when the file is laid out as the generator's. When the screen passes those,
    every other record is the generator's own and the whole is strict JSON (:func:`.compare.aligned_part`),
    so only those are parsed and their references checked. The report is the one the whole
    document's parse and checks give (tests/test_gate_cases.py compares them over the corpus).
    ``safe``: the paths the files layer cleared; a schema it refused is not read (nor reported twice).
    """
    file = open_checked(root, JSON_PATH, problems, max_bytes)
    declined = False  # the screen already saw the records unlike the generator's, and did not pass them
    try:
        schema = read_json(root, SCHEMA_PATH, problems, max_bytes) if safe is None or SCHEMA_PATH in safe else None
        if file is None:
            return None
        if schema is not None and unvouched is not None:
            # Through a window: the file is held whole only if it must be parsed whole.
            elements, declined = _aligned(Window(file, max_bytes), schema[0], unvouched)
            if elements is not None:
                problems.extend(_foreign_keys(lambda: elements, ids, JSON_PATH, _text_again(file, max_bytes)))
                return None
        try:
            raw = read_opened(file, JSON_PATH, max_bytes)
        except RefusedFileError as exc:  # it grew past the limit since it was opened
            problems.append(exc.problem(JSON_PATH))
            return None
    finally:
        if file is not None:
            file.close()
    text = decode_json(JSON_PATH, raw, problems)
    if text is None:
        return None
    del raw  # not kept beside the document as it is parsed
    parsed = parse_json_text(JSON_PATH, text, problems)
    if parsed is None:
        return None
    document = parsed[0]
    if schema is not None and (declined or not _screened(document, schema[0], unvouched)):
        problems.extend(schema_problems(JSON_PATH, text, document, schema[0], SCHEMA_PATH))
    problems.extend(json_foreign_keys(document, ids, JSON_PATH, text))
    return document


def _text_again(file: BinaryIO, max_bytes: int) -> Callable[[], str]:
    """The open file's text, read again when first asked for (a line number is needed only for a problem).

    :func:`.compare.aligned_part` found its bytes UTF-8 and strict JSON. A file changed since (grown
    past the limit, no longer UTF-8) gives no text, and so no line numbers, rather than an error.
    """

    def text() -> str:
        try:
            return read_opened(file, JSON_PATH, max_bytes).decode("utf-8")
        except (RefusedFileError, UnicodeDecodeError):
            return ""

    return text
