"""Layer 5 of the gate: JSON resources and the descriptor (CITATION.cff: citation.py).

JSON is parsed strictly (duplicate keys, NaN/Infinity, huge numbers and deep nesting are
refused), validated with ``jsonschema`` with format checking on and every remote
reference refused (skipped for data/summit.json when its models prove it would find
nothing: :mod:`.screen`), and its foreign keys resolved against the tables. YAML is read only
through ``yaml.safe_load``'s loader with aliases refused.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from itertools import accumulate
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from summitdata._regex import POSSESSIVE
from summitdata._version import __version__
from summitdata.paths import DESCRIPTOR
from summitdata.resources import BY_NAME, JSON_PATH
from summitdata.validation.files import MAX_FILE_BYTES, RefusedFileError, open_limited, read_limited, read_opened
from summitdata.validation.jsonpos import line_of_pointer, scan
from summitdata.validation.patterns import linear
from summitdata.validation.problems import Problem
from summitdata.validation.window import UnendedError, Window

MAX_DEPTH = 64
MAX_INT_DIGITS = 18


class JsonProblemError(ValueError):
    def __init__(self, code: str, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.code, self.message, self.line = code, message, line


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise JsonProblemError("json-duplicate-key", f"the key {key!r} appears twice in one object")
        seen[key] = value
    return seen


def _constant(name: str) -> Any:
    raise JsonProblemError("json-number-error", f"{name} is not a JSON number")


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise JsonProblemError("json-number-error", f"the number {text[:20]}… has more than {MAX_INT_DIGITS} digits")
    return int(text)


def _float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise JsonProblemError("json-number-error", f"the number {text[:20]} is too large")
    return value


# A JSON string, quotes included, or an unclosed one running to the end of the text (as far as the
# depth is concerned, everything after an unclosed quote is inside it). The loop is unrolled (each
# character can be matched one way only), so the pass is linear with no backtracking, also on
# Python 3.10; possessive from 3.11, so it holds no state per escape either (summitdata._regex).
_STRING = re.compile(rf'"[^"\\]*(?:\\.[^"\\]*)*{POSSESSIVE}(?:"|\\?\Z)', re.DOTALL)
# Every byte that is not a bracket, for bytes.translate to delete.
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_STEP = [0] * 256
_STEP[ord("[")] = _STEP[ord("{")] = 1
_STEP[ord("]")] = _STEP[ord("}")] = -1


def _depth(text: str) -> int:
    """Nesting depth, counted outside strings, before parsing (so deep input never recurses).

    Iterative and at C speed: strings are cut out by one regex pass (an unclosed string
    runs to the end of the text), every other character but brackets is deleted, and the
    depth is the highest running sum of the brackets that remain. The definition the
    gate's reports follow on any text; :func:`_lexed_depth` is the fast pass for JSON.
    """
    outside = _STRING.sub("", text)
    brackets = outside.encode("utf-8", "surrogatepass").translate(None, _NOT_BRACKETS)
    return max(accumulate(map(_STEP.__getitem__, brackets), initial=0))


# Every byte that is not a quote or a bracket, for bytes.translate to delete.
_NOT_STRUCTURE = bytes(b for b in range(256) if b not in b'"[]{}')


def _lexed_depth(data: bytes) -> int:
    """Nesting depth as JSON's lexer sees it, from the UTF-8 bytes, with no regex (about ten times :func:`_depth`).

    Escaped backslashes are cut first, then escaped quotes, so the quotes left delimit the
    strings (no UTF-8 sequence holds an ASCII byte). It equals :func:`_depth` on every text
    in which each backslash is inside a string, so on every text ``json.loads`` accepts; on
    any other text it is still at least the depth ``json.loads`` reaches before it stops
    (a backslash outside a string is where it stops), so it bounds the parser's recursion.
    """
    if b"\\" in data:
        data = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    skeleton = data.translate(None, _NOT_STRUCTURE)
    # Two quotes side by side (an empty string, or one string's end and the next one's start)
    # enclose no bracket and change no string's extent: dropped before the split, which then
    # makes one piece per string that holds a bracket instead of one per string.
    outside = b"".join(skeleton.replace(b'""', b"").split(b'"')[::2])
    return max(accumulate(map(_STEP.__getitem__, outside), initial=0))


def _refuse_if_too_deep(text: str) -> None:
    if _depth(text) > MAX_DEPTH:
        raise JsonProblemError("json-too-deep", f"nesting is deeper than {MAX_DEPTH} levels")


def strict_json(text: str) -> Any:
    """Parse JSON strictly, raising :class:`JsonProblemError` with a stable code and its line.

    Depth is measured before parsing. The fast :func:`_lexed_depth` decides for valid JSON;
    where it is over the limit, or the text is not JSON after all, the exact :func:`_depth`
    decides, so every text gets the report it always got (json-too-deep before any other problem).
    """
    lexed_depth = _lexed_depth(text.encode("utf-8", "surrogatepass"))
    try:
        if lexed_depth > MAX_DEPTH:
            _refuse_if_too_deep(text)
        try:
            return json.loads(
                text, object_pairs_hook=_pairs, parse_constant=_constant, parse_int=_int, parse_float=_float
            )
        except ValueError:  # JSONDecodeError or a hook's JsonProblemError: not JSON after all
            _refuse_if_too_deep(text)
            raise
    except json.JSONDecodeError as exc:
        raise JsonProblemError("json-syntax-error", exc.msg, exc.lineno) from None
    except JsonProblemError as exc:
        # The hooks know what is wrong but not where: the scanner finds the first such place.
        found = next((issue for issue in scan(text, MAX_DEPTH, MAX_INT_DIGITS).issues if issue[0] == exc.code), None)
        if found is None:
            raise
        raise JsonProblemError(exc.code, found[2], found[1]) from None


_DECODER = json.JSONDecoder(object_pairs_hook=_pairs, parse_constant=_constant, parse_int=_int, parse_float=_float)


# One token of a JSON text, as far as its extent goes: a run of bytes that are neither quotes nor
# brackets, a string (escapes included), or a bracket. Matched one after another from the value's
# start, never searched for: an unterminated string ends the scan at once, so the scan is linear on
# any bytes (a search would retry from every later quote, quadratically).
_TOKEN = re.compile(rb'[^"\[\]{}]+|"[^"\\]*(?:\\.[^"\\]*)*' + POSSESSIVE.encode() + rb'"|[\[\]{}]', re.DOTALL)
_OPENING, _CLOSING = frozenset(b"[{"), frozenset(b"]}")


def strict_value_at(data: bytes, pos: int, max_depth: int) -> tuple[Any, int]:
    """The JSON object or array at ``pos`` of UTF-8 ``data`` and the offset after it, parsed strictly.

    Raises ValueError where the value is not an object or array, nests more than ``max_depth``
    deep, does not end, is not UTF-8, or holds what :func:`strict_json` reports (its hooks are
    used). Its extent is found first, by its strings and brackets, so only its own bytes are
    decoded, and nothing deeper than ``max_depth`` is parsed. A value that does not end raises
    :class:`.window.UnendedError`: given more of the file, it may end.
    """
    if pos >= len(data) or data[pos] not in _OPENING:
        raise ValueError("not an object or array")
    depth = 0
    at = pos
    while (token := _TOKEN.match(data, at)) is not None:
        at = token.end()
        byte = data[token.start()]
        if byte in _OPENING:
            depth += 1
            if depth > max_depth:
                raise ValueError(f"nesting is deeper than {max_depth} levels")
        elif byte in _CLOSING:
            depth -= 1
            if depth == 0:
                return _DECODER.decode(data[pos:at].decode("utf-8")), at
    raise UnendedError("the value does not end")


def _is_semver(version: str) -> bool:
    """Strictly X.Y.Z, by the one definition of a version (summitdata.versions)."""
    from summitdata.versions import parse_version

    try:
        parse_version(version)
    except ValueError:
        return False
    return version == version.strip()


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
    validator_class = linear(jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator))
    validator = validator_class(
        schema,
        # attrs' generated __init__ takes `retrieve`; mypy's view of referencing's stubs does not know it.
        registry=Registry(retrieve=_no_network),  # type: ignore[call-arg]
        format_checker=validator_class.FORMAT_CHECKER,
    )
    try:
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    except Exception as exc:  # an unresolvable (e.g. remote) $ref: refused, never fetched
        yield Problem(
            path, None, None, "json-schema-error", f"the schema cannot be used: {exc}", "use the generated schema"
        )
        return
    positions = scan(text, MAX_DEPTH, MAX_INT_DIGITS).lines if errors else {}
    for error in errors[:50]:
        pointer = "".join(f"/{p}" for p in error.absolute_path)
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
    return _foreign_keys(list(_top_level(document)), ids, path, lambda: text)


def _foreign_keys(
    elements: list[tuple[str, int, Any]], ids: dict[str, set[str]], path: str, text: Callable[[], str]
) -> Iterator[Problem]:
    """:func:`json_foreign_keys` of some top-level records (``text`` gives the whole document's, for lines).

    Given only the records the generator does not vouch for, it reports what it reports given
    the whole document: every other record, and every id it holds, is a table row's.
    """
    own = _document_ids(elements)
    positions: dict[str, int] | None = None
    empty: set[str] = set()

    def line(pointer: str) -> int | None:
        nonlocal positions
        if positions is None:
            positions = scan(text(), MAX_DEPTH, MAX_INT_DIGITS).lines
        return line_of_pointer(positions, pointer)

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
                    line(f"{pointer}/{field}"),
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

    for key, index, element in elements:
        yield from walk(_LISTS[key], element, f"/{key}/{index}")


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
                problems.extend(_foreign_keys(elements, ids, JSON_PATH, _text_again(file, max_bytes)))
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


#: The one profile URL the descriptor may name: the generator's, which Frictionless carries locally.
_KNOWN_PROFILES = frozenset({"https://datapackage.org/profiles/2.0/datapackage.json"})
#: Profile names Frictionless knows without fetching anything.
_PROFILE_NAMES = frozenset({"data-package", "tabular-data-package", "data-resource", "tabular-data-resource"})
#: Keys whose string value a library would fetch or open: refused unless known to be local.
_REFERENCE_KEYS = frozenset({"$schema", "profile", "schema", "dialect", "$ref"})


def remote_references(descriptor: Any) -> list[tuple[str, str]]:
    """(where, value) of every reference in the descriptor that a library would fetch or open.

    Checked before Frictionless sees the descriptor: a remote profile, schema, dialect or
    ``$ref`` would be fetched from the network, a path would be read without the size limit.
    """
    found: list[tuple[str, str]] = []
    stack: list[tuple[str, Any]] = [("", descriptor)]
    while stack:  # iterative: the nesting depth is whatever the JSON parser let through
        where, node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, value in items:
            here = f"{where}.{key}" if where else str(key)
            if key in _REFERENCE_KEYS and isinstance(value, str):
                if value not in _KNOWN_PROFILES and not (key == "profile" and value in _PROFILE_NAMES):
                    found.append((here, value))
            elif isinstance(value, (dict, list)):
                stack.append((here, value))
    return sorted(found)


def _profile_problems(descriptor: Any) -> Iterator[Problem]:
    """Frictionless's own Data Package profile (skipped when the validate extra is not installed)."""
    try:
        from frictionless import Package
    except ImportError:
        return
    try:
        errors = [str(error.message) for error in Package.metadata_validate(descriptor)]
    except Exception as exc:  # Frictionless raises on some malformed descriptors instead of reporting
        errors = [f"Frictionless cannot read the descriptor: {exc}"]
    for message in errors:
        if "is not safe" in message:
            continue  # the files layer names the unsafe path precisely (unsafe-path)
        yield Problem(DESCRIPTOR, None, None, "descriptor-error", message[:300], "run `summitdata generate`")


def _is_generated_descriptor(text: str) -> bool:
    """Whether the descriptor is the generator's own, which passes Frictionless's profile.

    Then the profile check (and importing Frictionless) proves nothing: tests/test_gate_shortcuts.py
    checks the generated descriptor against the profile, and the corpus runs both ways.
    """
    from summitdata.generate import descriptor_text
    from summitdata.validation import generated

    return generated.TRUST_GENERATED and text == descriptor_text()


def check_descriptor_profile(root: Path, problems: list[Problem], max_bytes: int = MAX_FILE_BYTES) -> Any:
    """Read datapackage.json strictly, check it against Frictionless's own profile and the version rules."""
    parsed = read_json(root, DESCRIPTOR, problems, max_bytes)
    if parsed is None:
        return None
    descriptor, text = parsed
    if not isinstance(descriptor, dict):
        problems.append(
            Problem(
                DESCRIPTOR,
                None,
                None,
                "descriptor-error",
                "datapackage.json is not a JSON object",
                "restore it, then run `summitdata generate`",
            )
        )
        return None
    remote = remote_references(descriptor)
    for where, value in remote:
        problems.append(
            Problem(
                DESCRIPTOR,
                None,
                where,
                "unsafe-path",
                f"{where} names {value!r}, which would be fetched or opened outside the gate",
                "inline the schema or dialect in datapackage.json (run `summitdata generate`); "
                "the gate never fetches anything",
                None,
                value,
            )
        )
    # Frictionless would fetch or open what is refused above; the generator's own descriptor passes it.
    if not remote and not _is_generated_descriptor(text):
        problems.extend(_profile_problems(descriptor))
    version = descriptor.get("version") if isinstance(descriptor, dict) else None
    if not isinstance(version, str) or not _is_semver(version):
        problems.append(
            Problem(
                DESCRIPTOR,
                None,
                "version",
                "version-mismatch",
                f"{version!r} is not a semantic version X.Y.Z",
                "set the version in src/summitdata/_version.py and run `summitdata generate`",
            )
        )
    elif version != __version__:
        problems.append(
            Problem(
                DESCRIPTOR,
                None,
                "version",
                "version-mismatch",
                f"datapackage.json has version {version!r}, the software {__version__!r}",
                "set the version in src/summitdata/_version.py and run `summitdata generate`",
            )
        )
    return descriptor
