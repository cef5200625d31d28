"""Comparing a document with the generator's: the pointer first_difference names, and what is left to the screen."""

from __future__ import annotations

import io
import json
import re
import sys
import tracemalloc
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic_core import to_json

from summitdata.nested import iter_json
from summitdata.validation import strictjson
from summitdata.validation.compare import (
    BATCH_BYTES,
    BATCH_ITEMS,
    _batch,
    aligned_part,
    first_difference,
    unvouched_part,
)
from summitdata.validation.strictjson import MAX_DEPTH, strict_value_at
from summitdata.validation.window import Window
from tests.conftest import JSON_VALUES, ROOT


def _reference_difference(old: Any, new: Any, pointer: str = "") -> str | None:
    if isinstance(old, dict) and isinstance(new, dict):
        for key in list(dict.fromkeys([*old, *new])):
            if key not in old or key not in new:
                return f"{pointer}/{key}"
            found = _reference_difference(old[key], new[key], f"{pointer}/{key}")
            if found is not None:
                return found
        return None
    if isinstance(old, list) and isinstance(new, list):
        for index, (a, b) in enumerate(zip(old, new, strict=False)):
            found = _reference_difference(a, b, f"{pointer}/{index}")
            if found is not None:
                return found
        return None if len(old) == len(new) else f"{pointer}/{min(len(old), len(new))}"
    return None if old == new and type(old) is type(new) else pointer or "/"


@given(JSON_VALUES, JSON_VALUES)
def test_first_difference_matches_the_recursive_definition(old: Any, new: Any) -> None:
    """The iterative comparison names the same first differing pointer as the recursive one."""
    assert first_difference(old, new) == _reference_difference(old, new)
    assert first_difference(old, old) is None


def test_first_difference_handles_any_depth() -> None:
    """Two documents nested 100,000 deep are compared without recursion."""
    deep: Any = 1
    other: Any = 2
    for _ in range(100_000):
        deep, other = [deep], [other]
    assert first_difference(deep, other) == "/0" * 100_000


_DOCUMENTS = st.dictionaries(
    st.sampled_from(["name", "a", "b"]), st.one_of(st.text(max_size=2), st.lists(JSON_VALUES, max_size=4)), max_size=3
)


@st.composite
def _document_pairs(draw: st.DrawFn) -> tuple[Any, dict[str, Any]]:
    """A document and another one: unrelated, or the same with each list cut short, grown or an item changed."""
    new = draw(_DOCUMENTS)
    if draw(st.booleans()):
        return draw(st.one_of(JSON_VALUES, _DOCUMENTS)), new
    old: dict[str, Any] = {}
    for key, value in new.items():
        kept = value[: draw(st.integers(0, len(value)))] if isinstance(value, list) else value
        old[key] = kept + draw(st.lists(JSON_VALUES, max_size=2)) if isinstance(kept, list) else kept
    return old, new


def _texts(document: dict[str, Any]) -> dict[str, Any]:
    """A document with its top-level lists as iterators of item texts, as StreamedDocument.texts() gives them."""
    return {
        key: value if isinstance(value, str) else (to_json(item, indent=2) for item in value)
        for key, value in document.items()
    }


def _reference_unvouched(old: Any, new: dict[str, Any]) -> Any:
    if not isinstance(old, dict):
        return old
    part: dict[str, Any] = {}
    for key, value in old.items():
        theirs = new.get(key)
        if isinstance(value, list) and isinstance(theirs, list):
            part[key] = [
                item
                for index, item in enumerate(value)
                if index >= len(theirs) or json.dumps(item) != json.dumps(theirs[index])  # as JSON: true is not 1
            ]
        else:
            part[key] = value
    return part


@given(_document_pairs())
@settings(max_examples=1000)
def test_only_items_unlike_the_generators_are_left_to_the_screen(pair: tuple[Any, dict[str, Any]]) -> None:
    """The screen sees the items whose text is not the generator's at their place; the pointer is the same."""
    old, new = pair
    part, first = unvouched_part(old, _texts(new))
    assert part == _reference_unvouched(old, new)
    assert first == first_difference(old, new)


def _set(where: list[str], value: Any) -> Any:
    def edit(document: Any) -> None:
        node = document
        for step in where[:-1]:
            node = node[int(step)] if isinstance(node, list) else node[step]
        node[where[-1]] = value

    return edit


# Edits of the real summit.json, each a way a stale or hand-edited document differs.
STALE_EDITS: dict[str, Any] = {
    "last-event-note": _set(["events", "-1", "note"], "edited"),
    "embedded-membership": _set(["people", "0", "memberships", "0", "role"], "edited"),
    "version": _set(["version"], "0.0.1"),
    "one-fact-check-fewer": lambda d: d["fact_checks"].pop(),
    "one-source-more": lambda d: d["sources"].append({"id": "extra"}),
    "a-section-gone": lambda d: d.pop("statements"),
    "a-key-more": _set(["extra"], []),
    "events-not-a-list": _set(["events"], {}),
    "a-lone-surrogate": _set(["people", "1", "name"], "\ud800"),
    # json.loads reads NaN, where the file is parsed loosely to find its first difference: not a null.
    "a-nan-for-a-null": _set(["organizations", "0", "parent_id"], float("nan")),
    "an-infinity-for-a-null": _set(["organizations", "0", "parent_id"], float("inf")),
    "a-boolean-for-an-integer": lambda d: next(o for o in d["organizations"] if o["workstreams"])["workstreams"][
        0
    ].__setitem__("position", True),
}


@pytest.mark.parametrize("edit", STALE_EDITS.values(), ids=STALE_EDITS.keys())
def test_a_stale_document_gets_the_pointer_the_whole_parsed_document_gives(ds: Any, edit: Any) -> None:
    """On the real package, comparing record by record finds the first difference and the records to screen."""
    from summitdata.generate import StreamedDocument

    text = (ROOT / "data" / "summit.json").read_text(encoding="utf-8")
    old = json.loads(text)
    edit(old)
    expected = StreamedDocument(ds)
    whole = json.loads(b"".join(expected()).decode("utf-8"))
    part, first = unvouched_part(old, expected.texts())
    assert first == first_difference(old, whole) is not None
    assert part == _reference_unvouched(old, whole)


def _laid_out(document: Any) -> bytes:
    """A document's bytes as the generator lays them out (a lone surrogate kept as the bytes Python would write)."""
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8", "surrogatepass") + b"\n"


def _value_at(data: bytes, pos: int) -> tuple[Any, int]:
    return strict_value_at(data, pos, MAX_DEPTH - 2)


def _assert_aligned_as_parsed(data: bytes, new: dict[str, Any], found: Any) -> None:
    """aligned_part's answer is unvouched_part's of the parsed document, with each kept item's place."""
    old = json.loads(data)
    part, places, first, identical = found
    assert (part, first) == unvouched_part(old, _texts(new))
    assert identical == (data == b"".join(iter_json(_texts(new))))
    for key, indices in places.items():
        assert part[key] == [old[key][index] for index in indices]


#: Edits of the real document that keep the generator's layout (aligned) and those that do not (None).
ALIGNED_EDITS = {
    "last-event-note",
    "embedded-membership",
    "one-fact-check-fewer",
    "one-source-more",
    "a-boolean-for-an-integer",
}


@pytest.mark.parametrize("edit", STALE_EDITS, ids=STALE_EDITS.keys())
def test_a_stale_document_laid_out_as_the_generators_is_read_only_where_it_differs(ds: Any, edit: str) -> None:
    """On the real package: the same part and pointer as the whole parse, or no answer where the layout differs."""
    from summitdata.generate import StreamedDocument

    old = json.loads((ROOT / "data" / "summit.json").read_text(encoding="utf-8"))
    STALE_EDITS[edit](old)
    expected = StreamedDocument(ds)
    whole = json.loads(b"".join(expected()).decode("utf-8"))
    found = aligned_part(_laid_out(old), expected.texts(), _value_at)
    data = _laid_out(old)
    assert aligned_part(Window(io.BytesIO(data), len(data), chunk=4096), expected.texts(), _value_at) == found
    if edit not in ALIGNED_EDITS:
        assert found is None
        return
    assert found is not None
    part, places, first, identical = found
    assert not identical
    assert first == first_difference(old, whole) is not None
    assert part == _reference_unvouched(old, whole)
    assert sum(map(len, places.values())) == (0 if edit == "one-fact-check-fewer" else 1)  # records left to screen


def test_the_generators_own_document_is_identical_and_nothing_is_parsed(ds: Any) -> None:
    """The committed summit.json beside the generator's document: identical, nothing left to screen, no difference."""
    from summitdata.generate import StreamedDocument

    data = (ROOT / "data" / "summit.json").read_bytes()
    parsed: list[int] = []

    def counted(data: bytes, pos: int) -> tuple[Any, int]:
        parsed.append(pos)
        return _value_at(data, pos)

    found = aligned_part(data, StreamedDocument(ds).texts(), counted)
    assert found is not None
    assert found.identical
    assert found.first is None
    assert not any(found.places.values())
    assert parsed == []


_RECORDS = st.dictionaries(st.sampled_from(["id", "a", "b"]), JSON_VALUES, min_size=1, max_size=3)
_LISTED = st.lists(_RECORDS, max_size=4)


@st.composite
def _stale_pairs(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    """The generator's document and a stale one: each list cut short, grown, or with records changed."""
    new = {"name": draw(st.text(max_size=3)), "xs": draw(_LISTED), "ys": draw(_LISTED)}  # in the generator's order
    old: dict[str, Any] = {"name": new["name"]}
    for key in ("xs", "ys"):
        items = [draw(st.one_of(st.just(item), _RECORDS)) for item in new[key]]
        old[key] = items[: draw(st.integers(0, len(items)))] + draw(st.lists(_RECORDS, max_size=2))
    return old, new


def _through_window(data: bytes, new: dict[str, Any], chunk: int) -> Any:
    """aligned_part of ``data`` read from a file through a window of ``chunk`` bytes."""
    return aligned_part(Window(io.BytesIO(data), len(data), chunk=chunk), _texts(new), _value_at)


@given(_stale_pairs(), st.integers(1, 64), st.integers(1, 4))
@settings(max_examples=500)
def test_a_stale_document_in_the_generators_layout_gets_the_whole_parses_answer(
    pair: tuple[dict[str, Any], dict[str, Any]], chunk: int, batch: int
) -> None:
    """Records changed, lists cut or grown: the part, the pointer and the places the parsed document gives, however
    small the window the file is read through and however many items are compared at once."""
    old, new = pair
    found = aligned_part(_laid_out(old), _texts(new), _value_at)
    assert found is not None
    _assert_aligned_as_parsed(_laid_out(old), new, found)
    assert _through_window(_laid_out(old), new, chunk) == found
    assert aligned_part(_laid_out(old), _texts(new), _value_at, batch=batch) == found


#: Ways a document's text can leave the generator's layout or strict JSON, each applied at random places.
_MUTATIONS = [
    lambda t, i: t[:i] + t[i + 1 :],
    lambda t, i: t[:i] + " " + t[i:],
    lambda t, i: t[:i] + "\n" + t[i:],
    lambda t, i: t[:i] + t[i] * 2 + t[i + 1 :],
    lambda t, i: t[:i] + '"' + t[i:],
    lambda t, i: t[:i] + "\\" + t[i:],
    lambda t, i: t[:i] + "[" * 70 + "]" * 70 + t[i:],
]


@given(_stale_pairs(), st.integers(0, len(_MUTATIONS) - 1), st.floats(0, 1), st.integers(1, 64), st.integers(1, 4))
@settings(max_examples=1000)
def test_any_text_gets_either_no_answer_or_the_whole_parses(
    pair: tuple[dict[str, Any], dict[str, Any]], mutation: int, where: float, chunk: int, batch: int
) -> None:
    """A stale document's text damaged anywhere: aligned_part answers only where the text parses strictly, and then
    as the parsed document does; read through a window of any size, or comparing any number of items at once, the
    same answer."""
    old, new = pair
    text = _laid_out(old).decode("utf-8", "surrogatepass")
    at = min(int(where * len(text)), len(text) - 1)
    data = _MUTATIONS[mutation](text, at).encode("utf-8", "surrogatepass")
    found = aligned_part(data, _texts(new), _value_at)
    assert _through_window(data, new, chunk) == found
    assert aligned_part(data, _texts(new), _value_at, batch=batch) == found
    if found is not None:
        from summitdata.validation.strictjson import strict_json

        strict_json(data.decode("utf-8"))  # the whole is strict JSON: raises otherwise
        _assert_aligned_as_parsed(data, new, found)


STRICT_VALUES = [
    (b'{"a": "]}\\"", "b": [1, {"c": null}]}, 2', 36),
    (b"[]", 2),
    (b'  {"a": 1}', None),
    (b"1", None),
    (b'{"a": "unterminated}', None),
    (b'{"a": 1, "a": 2}', None),
    (b'{"a": NaN}', None),
    (b'{"a": 1' + b"0" * 30 + b"}", None),
    (b'{"a": "\xff"}', None),
    (b"[" * (MAX_DEPTH - 1) + b"]" * (MAX_DEPTH - 1), None),
    (b"[" * (MAX_DEPTH - 2) + b"]" * (MAX_DEPTH - 2), 2 * (MAX_DEPTH - 2)),
]


@pytest.mark.parametrize(("data", "end"), STRICT_VALUES)
def test_one_value_is_parsed_strictly_to_its_end_or_refused(data: bytes, end: int | None) -> None:
    """strict_value_at finds an object's or array's end by its strings and brackets, and parses it strictly."""
    if end is None:
        with pytest.raises(ValueError):  # noqa: PT011  # JSONDecodeError, JsonProblemError or the depth: any refusal
            strict_value_at(data, 0, MAX_DEPTH - 2)
        return
    value, stop = strict_value_at(data, 0, MAX_DEPTH - 2)
    assert stop == end
    assert value == json.loads(data[:end])


def test_an_unterminated_string_among_a_million_escaped_quotes_is_refused_in_one_pass() -> None:
    """A record whose string never ends, followed by a million escaped quotes: refused, linearly (no retries)."""
    with pytest.raises(ValueError, match="does not end"):
        strict_value_at(b'{"a": "' + b'\\"' * 1_000_000, 0, MAX_DEPTH - 2)


#: What each possessive pattern of strictjson.py is, spelled with a plain repeat (the definition).
PLAIN_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*(?:"|\\?\Z)', re.DOTALL)
PLAIN_TOKEN = re.compile(rb'[^"\[\]{}]+|"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.DOTALL)


@given(st.text(alphabet='a"\\[]{} ', max_size=30))
def test_the_possessive_string_and_token_patterns_match_what_the_plain_ones_match(text: str) -> None:
    """Strings cut out, and tokens matched one after another: the same with and without the possessive repeat."""
    assert strictjson._STRING.sub("", text) == PLAIN_STRING.sub("", text)
    data = text.encode()
    for at in range(len(data) + 1):
        mine, plain = strictjson._TOKEN.match(data, at), PLAIN_TOKEN.match(data, at)
        assert (mine and mine.span()) == (plain and plain.span())


@pytest.mark.skipif(sys.version_info < (3, 11), reason="possessive repeats exist from Python 3.11 (summitdata._regex)")
def test_ten_megabytes_of_escaped_quotes_are_scanned_in_bounded_memory() -> None:
    """An unterminated string of five million escaped quotes: its depth and its extent are found holding no state
    per escape (730 MB before), only the text itself."""
    text = '[{"id": "' + '\\"' * 5_000_000
    tracemalloc.start()
    try:
        assert strictjson._depth(text) == 2
        with pytest.raises(ValueError, match="does not end"):
            strict_value_at(text.encode(), 1, MAX_DEPTH - 2)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 2 * len(text) + 1_000_000  # the encoded copy and a slice of it, no more


#: (sizes of the generator's texts, how many a batch takes): at most BATCH_ITEMS, and it stops once it holds
#: BATCH_BYTES, so a document of a few huge records is never held whole.
BATCHES = [
    ([10] * 1000, BATCH_ITEMS),
    ([10] * 3, 3),
    ([600 * 1024] * 5, 2),
    ([3 * BATCH_BYTES] * 3, 1),
    ([BATCH_BYTES - 1, 1, 1], 2),
]


@pytest.mark.parametrize(("sizes", "taken"), BATCHES)
def test_a_batch_stops_at_its_count_or_its_bytes(sizes: list[int], taken: int) -> None:
    """The walk compares at most BATCH_ITEMS texts at once, and stops adding once it holds BATCH_BYTES."""
    texts = iter([b"x" * size for size in sizes])
    batch = _batch(next(texts), texts, BATCH_ITEMS)
    assert [len(text) for text in batch] == sizes[:taken]
    assert [len(text) for text in texts] == sizes[taken:]  # the rest is left to the walk, in order
