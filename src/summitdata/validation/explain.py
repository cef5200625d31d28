"""Plain-words messages for a cell that fails its model: the value, quoted, and what to write instead.

Pydantic's own wording ("String should match pattern '^[0-9]{4}…'") is for programmers; people
read "'July 11, 2024' is not a date — write the date as YYYY, YYYY-MM or YYYY-MM-DD, e.g.
2024-07-11". The advice comes from the field definitions (:data:`summitdata.fields.PATTERN_ADVICE`,
:data:`summitdata.fields.REF_ADVICE`); this module only words it. Both gate engines and the loader
report cell errors through :func:`explain`, so they say the same thing.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic_core import ErrorDetails

from summitdata.fields import PATTERN_ADVICE, REF_ADVICE, Advice
from summitdata.resources import Resource
from summitdata.rules import Rule, SubstringOf
from summitdata.validation.problems import show

_SEE_DICTIONARY = "see the column's description in docs/data-dictionary.md"
_NUMBER_ERRORS = {"int_type", "int_parsing", "int_from_float"}
_FALLBACK = Advice("in the form this column needs", _SEE_DICTIONARY, "")


def article(noun: str) -> str:
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"


def allowed_values(ctx: dict[str, Any]) -> list[str]:
    """The values of a ``Literal`` field, from pydantic's ``'a', 'b' or 'c'``."""
    return re.findall(r"'([^']*)'", str(ctx.get("expected", "")))


def explain(resource: Resource, field: str | None, detail: ErrorDetails) -> tuple[str, str]:
    """``(message, hint)`` for one pydantic error of a cell (or of a row, when ``field`` is None)."""
    error_type, value, ctx = detail["type"], detail.get("input"), detail.get("ctx") or {}
    message = detail["msg"].removeprefix("Value error, ")
    if field is not None and message.startswith(f"{field}: "):
        message = message.removeprefix(f"{field}: ")  # a row rule names its column first
    shown = show(value) if isinstance(value, str) else None
    if " — " in message:  # our own validators and text rules: "what is wrong — what to do"
        head, _, hint = message.partition(" — ")
        if shown and value:
            # Validators name the value with repr() for Python users; the gate quotes it its own way.
            head = f"{shown} {head.removeprefix(repr(value)).lstrip()}"
        return head, hint
    if error_type == "missing" or value == "":
        return "is required but empty", "fill in the cell"
    if shown is None:
        return message, _SEE_DICTIONARY
    if error_type == "string_pattern_mismatch":
        return _pattern(resource, field, str(ctx.get("pattern", "")), value, shown)
    if error_type == "literal_error":
        return _choice(allowed_values(ctx), value, shown)
    simple = {
        "greater_than_equal": ("is too small", f"write a number of at least {ctx.get('ge')}"),
        "less_than_equal": ("is too large", f"write a number of at most {ctx.get('le')}"),
        "string_too_long": (f"is {len(value)} characters long", f"shorten it to {ctx.get('max_length')} characters"),
    } | dict.fromkeys(_NUMBER_ERRORS, ("is not a whole number", "write a whole number in digits, e.g. 3"))
    head, hint = simple.get(error_type, (f"does not fit the column: {message}", _SEE_DICTIONARY))
    return f"{shown} {head}", hint


def _pattern(resource: Resource, field: str | None, pattern: str, value: str, shown: str) -> tuple[str, str]:
    spaced = " (it has a space before or after it)" if value.strip() != value else ""
    target = resource.foreign_keys.get(field) if field else None
    if target in REF_ADVICE:
        ref = REF_ADVICE[target]
        return f"{shown} is not {article(ref.noun)}'s id{spaced}", ref_hint(target)
    advice = PATTERN_ADVICE.get(pattern, _FALLBACK)
    return f"{shown} is not {advice.what}{spaced}", advice.hint(value) if advice.example else advice.write


def ref_hint(target: str, exact: str | None = None) -> str:
    """What to write in a reference to ``target``: the record meant when known, else an example."""
    ref = REF_ADVICE.get(target)
    noun = ref.noun if ref else "record"
    if exact is not None:
        return f"use the {noun}'s id: {exact}"
    example = f", e.g. {ref.example}," if ref else ""
    return f"use the {noun}'s id{example} from data/{target}.csv"


def _choice(values: list[str], value: str, shown: str) -> tuple[str, str]:
    same_letters = [v for v in values if v.casefold() == value.strip().casefold()]
    if same_letters:
        return f"{shown} is not an allowed value", f"values are case-sensitive: write {same_letters[0]}"
    return f"{shown} is not an allowed value", f"use one of: {', '.join(values)}"


#: The article's quotation marks, and the typewriter marks a keyboard or spreadsheet puts instead.
CURLY_QUOTES = "’ “ ”"
_STRAIGHTENED = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
STRAIGHT_QUOTE_HINT = "type the curly quotation mark the article has there (copy the words from the article)"
_AROUND = 20  # characters shown either side of a straight quotation mark


def straight_quote(value: str) -> str | None:
    """The message for a cell that must be the article's words but has a straight ' or ", else None."""
    for position, char in enumerate(value, start=1):
        if char in "'\"":
            start, end = max(0, position - 1 - _AROUND), position + _AROUND
            around = ("…" if start else "") + value[start:end] + ("…" if end < len(value) else "")
            return (
                f"the article uses curly quotes {CURLY_QUOTES}; this cell has a straight {char} at position {position}"
                f", in {show(around, limit=len(around))}"
            )
    return None


def straightened(text: str) -> str:
    """``text`` with curly quotation marks made straight: equal for two texts that differ only in those."""
    return text.translate(_STRAIGHTENED)


def straight_quote_columns(rule: Rule, values: dict[str, Any]) -> list[str]:
    """When a text-in-quote rule fails only because of straight quotation marks, the columns that have them.

    Changing ’ to ' in `quote` makes `text` no longer found in it; the edited column is the one to blame.
    """
    check = rule.then
    if not isinstance(check, SubstringOf):
        return []
    part, whole = values.get(check.part), values.get(check.whole)
    if not isinstance(part, str) or not isinstance(whole, str):
        return []
    straight = straightened(f"{check.prefix}{part}{check.suffix}") in straightened(whole)
    if not straight:
        return []
    return [column for column in (check.whole, check.part) if straight_quote(str(values[column])) is not None]
