"""Where a JSON document differs from the generator's, and what of it the generator vouches for.

The gate compares a data/summit.json that is not byte for byte the generator's with the
generator's document, made one top-level record at a time from records already validated
(:class:`summitdata.generate.StreamedDocument`), never held whole: for the stale report's first
difference, and for the records the JSON layer's screen must still see. :func:`aligned_part`
does it from the text, parsing only the records whose text is not the generator's, when the
file is laid out as the generator lays it out (a table edited without ``summitdata generate``).
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from typing import Any, NamedTuple

import pydantic_core

from summitdata._json import indented
from summitdata.validation.window import Window, as_window


def first_difference(old: Any, new: Any, pointer: str = "") -> str | None:
    """The JSON pointer of the first place two JSON values differ (iterative: any depth).

    Values differ as JSON values do: ``true`` and ``1``, or ``1.0`` and ``1``, are different
    although Python calls them equal.
    """
    stack: list[tuple[Any, Any, str]] = [(old, new, pointer)]
    while stack:
        a, b, where = stack.pop()
        if isinstance(a, dict) and isinstance(b, dict):
            children: list[tuple[Any, Any, str]] = []
            for key in dict.fromkeys([*a, *b]):
                if key not in a or key not in b:
                    children.append((None, (), f"{where}/{key}"))  # never equal: reported here
                    break
                children.append((a[key], b[key], f"{where}/{key}"))
            stack.extend(reversed(children))
        elif isinstance(a, list) and isinstance(b, list):
            children = [(x, y, f"{where}/{index}") for index, (x, y) in enumerate(zip(a, b, strict=False))]
            if len(a) != len(b):
                children.append((None, (), f"{where}/{min(len(a), len(b))}"))
            stack.extend(reversed(children))
        elif a != b or type(a) is not type(b):  # as JSON values: true is not 1, nor 1.0 the integer 1
            return where or "/"
    return None


def unvouched_part(old: Any, sections: Mapping[str, Any]) -> tuple[Any, str | None]:
    """``old`` cut to what the generator's document does not vouch for, and the first difference.

    ``sections``: :meth:`StreamedDocument.texts`, each list an iterator of its items' JSON texts.
    Each top-level list of ``old`` keeps only the items whose JSON text (:func:`~summitdata._json.indented`)
    differs from the generator's item at the same place, or that have none; all
    else is kept. An item with the generator's very text is its very value (``true`` is not
    ``1`` there), which the schema accepts when :func:`json_is_generated`'s premises hold: the
    schema has no keyword over a list as a whole, so an item's validity is its own. The pointer
    is :func:`first_difference`'s (tests/test_compare.py compares them).
    """
    if not isinstance(old, dict):
        return old, "/"  # a document is an object: anything else differs at the root
    part: dict[str, Any] = {}
    first: str | None = None
    for key in dict.fromkeys([*old, *sections]):
        if key not in old or key not in sections:
            first = first or f"/{key}"
            if key in old:
                part[key] = old[key]
            continue
        mine, theirs = old[key], sections[key]
        if isinstance(theirs, str) or not isinstance(mine, list):
            part[key] = mine
            found = first_difference(mine, theirs, f"/{key}") if isinstance(theirs, str) else f"/{key}"
        else:
            part[key], found = _unvouched_items(mine, theirs, f"/{key}")
        first = first or found
    return part, first


def _unvouched_items(mine: list[Any], texts: Iterator[bytes], where: str) -> tuple[list[Any], str | None]:
    """The items of ``mine`` whose text is not the generator's at the same place, and the first difference."""
    part: list[Any] = []
    first: str | None = None
    count = 0
    for count, text in enumerate(texts, start=1):
        if count > len(mine):
            return part, first or f"{where}/{len(mine)}"  # the generator has more: the rest is not read
        item = mine[count - 1]
        if _text_of(item) != text:
            part.append(item)
            # Values can be equal where texts differ (key order): the pointer is where the values differ.
            first = first or first_difference(item, json.loads(text), f"{where}/{count - 1}")
    part += mine[count:]
    return part, first or (f"{where}/{count}" if count < len(mine) else None)


def _text_of(item: Any) -> bytes | None:
    """The item's JSON text, or None where it has none: a lone surrogate (JSON's ``\\ud800``) has no UTF-8.

    pydantic_core's, which for the values the generator writes is :func:`~summitdata._json.indented`'s
    (tests/test_json.py), not orjson's: the item comes from the file, which ``json.loads`` may have read
    loosely, and orjson writes NaN and Infinity as ``null``, the generator's text for a null, so such an
    item would pass for the generator's (tests/test_compare.py).
    """
    try:
        return pydantic_core.to_json(item, indent=2)
    except ValueError:  # pydantic_core's PydanticSerializationError
        return None


class Aligned(NamedTuple):
    """What :func:`aligned_part` finds: the part left to the screen, each list's kept items' places in the
    document, the first difference, and whether the file is the generator's text, byte for byte."""

    part: dict[str, Any]
    places: dict[str, list[int]]
    first: str | None
    identical: bool


#: How many of the generator's items :func:`aligned_part` compares with the file at once, at most,
#: and how many bytes of them: so memory holds a few megabytes of the generator's text and of the file
#: (the batch, its joined copy and the window over the file), or a few copies of one record where it is longer.
BATCH_ITEMS, BATCH_BYTES = 256, 1024**2

#: Parses the JSON object or array at an offset of a UTF-8 text: the value and the offset after it.
#: Raises ValueError where the whole document's parse or depth limit would report a problem.
ValueAt = Callable[[bytes, int], tuple[Any, int]]


def aligned_part(
    data: bytes | Window, sections: Mapping[str, Any], value_at: ValueAt, *, batch: int = BATCH_ITEMS
) -> Aligned | None:
    """:func:`unvouched_part` of the document in ``data`` (UTF-8), parsing only the items that are not the generator's.

    Returns the part, each list's kept items' places in the document, the first difference, and
    whether every byte is the generator's (no item was parsed: the file is what ``iter_json`` writes),
    or None where ``data`` is not laid out as the generator writes it (:func:`summitdata.nested.iter_json`):
    the same keys in the same order, the same values outside the lists, items two spaces in and
    one per line. An item whose bytes are the generator's item, indented, is that item and is
    neither decoded nor parsed; any other is parsed by ``value_at``, which refuses what the whole
    document's parse refuses, and is kept unless it writes back to the generator's text, as
    :func:`unvouched_part` decides. None, too, where an item cannot be parsed: then the whole
    document is decoded, parsed and reported on, as before. So whenever this answers, ``data``
    is UTF-8 and strict JSON, and this is its :func:`unvouched_part` (tests/test_compare.py).

    ``data`` may be a :class:`~summitdata.validation.window.Window` over the file: it is read once,
    front to back, and held only around the current batch of records (see :data:`BATCH_BYTES`). ``value_at`` raises
    :class:`~summitdata.validation.window.UnendedError` where an item runs past the bytes it is given.
    ``batch``: how many of the generator's items are compared with the file at once (any number gives
    the same answer; the tests vary it).
    """
    text = as_window(data)
    pos = 0
    part: dict[str, Any] = {}
    places: dict[str, list[int]] = {}
    first: str | None = None
    parsed = 0
    for number, (key, theirs) in enumerate(sections.items()):
        head = (b"{\n  " if number == 0 else b",\n  ") + indented(key) + b": "
        if not text.startswith(head, pos):
            return None
        pos += len(head)
        if isinstance(theirs, str):
            literal = indented(theirs).replace(b"\n", b"\n  ")
            if not text.startswith(literal, pos):
                return None
            pos += len(literal)
            part[key] = theirs
            continue
        walked = _aligned_items(text, pos, theirs, where=f"/{key}", value_at=value_at, batch=batch)
        if walked is None:
            return None
        pos, part[key], places[key], found, read = walked
        first = first or found
        parsed += read
    if not text.rest_is(b"\n}\n" if sections else b"{}\n", pos):
        return None
    return Aligned(part, places, first, identical=first is None and parsed == 0)


def _aligned_items(
    text: Window, pos: int, texts: Iterator[bytes], *, where: str, value_at: ValueAt, batch: int
) -> tuple[int, list[Any], list[int], str | None, int] | None:
    """One list of :func:`aligned_part` from ``pos``: the offset after it, its kept items, their places,
    the first difference and how many items were parsed."""
    kept: list[Any] = []
    places: list[int] = []
    first: str | None = None
    count = 0  # the file's items read so far
    parsed = 0
    generated = iter(texts)
    pending: deque[bytes] = deque()  # the generator's texts taken in a batch the file did not match

    def take() -> bytes | None:
        return pending.popleft() if pending else next(generated, None)

    theirs = take()
    while True:
        if theirs is not None:
            # While the file is the generator's text, this item and the next ones are compared at once: the
            # file holds a batch exactly when it holds each separator and item in turn. A batch it does not
            # hold is walked again item by item, each still compared before it is parsed.
            taken = [theirs] if pending else _batch(theirs, generated, batch)
            block = b"".join(
                (b"[\n    " if count + number == 0 else b",\n    ") + item.replace(b"\n", b"\n    ")
                for number, item in enumerate(taken)
            )
            if text.startswith(block, pos):
                pos += len(block)  # the generator's very text: its very values, vouched for
                count += len(taken)
                theirs = take()
                continue
            if len(taken) > 1:
                pending.extend(taken[1:])
                continue
        separator = b"[\n    " if count == 0 else b",\n    "
        if not text.startswith(separator, pos):
            break
        pos += len(separator)
        try:
            item, pos = text.value(pos, value_at)
        except (ValueError, RecursionError):
            return None
        parsed += 1
        if theirs is None or _text_of(item) != theirs:
            kept.append(item)
            places.append(count)
            if theirs is None:
                first = first or f"{where}/{count}"  # the file has more items than the generator
            else:
                first = first or first_difference(item, json.loads(theirs), f"{where}/{count}")
        count += 1
        if theirs is not None:
            theirs = take()
    closing = b"[]" if count == 0 else b"\n  ]"
    if not text.startswith(closing, pos):
        return None
    if theirs is not None:
        first = first or f"{where}/{count}"  # the generator has more items than the file (the rest is not made)
    return pos + len(closing), kept, places, first, parsed


def _batch(first: bytes, rest: Iterator[bytes], most: int) -> list[bytes]:
    """``first`` and the next texts of ``rest``, while they number fewer than ``most`` and hold fewer than
    :data:`BATCH_BYTES` bytes (the last one taken may cross that line)."""
    taken, size = [first], len(first)
    while len(taken) < most and size < BATCH_BYTES:
        item = next(rest, None)
        if item is None:
            break
        taken.append(item)
        size += len(item)
    return taken


__all__ = ["Aligned", "aligned_part", "first_difference", "unvouched_part"]
