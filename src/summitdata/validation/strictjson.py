"""JSON parsed strictly: duplicate keys, NaN and Infinity, huge numbers and deep nesting refused.

The gate's one reading of JSON (data/summit.json, datapackage.json, the schemas): the whole
document (:func:`strict_json`), or one value at an offset of a file read through a window
(:func:`strict_value_at`). The nesting depth is measured before anything is parsed, by scans
that take linear time and bounded memory on any text.
"""

from __future__ import annotations

import json
import re
from itertools import accumulate
from typing import Any

from summitdata._regex import POSSESSIVE
from summitdata.validation.jsonpos import scan
from summitdata.validation.window import UnendedError

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
