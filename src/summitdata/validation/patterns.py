"""JSON Schema's ``pattern`` keywords matched in linear time, by Rust's regex engine (through pydantic-core).

jsonschema matches them with Python's ``re``, which backtracks. A schema file a contributor edits can
hold a pattern that takes exponential time: ``^(a+)+$`` against forty a's and a b did not finish in
20 s. Even the generated slug pattern took 918 MB to match a crafted 10 MB id in a stale
``summit.json``. Rust's engine takes time linear in the text and memory bounded by the pattern. It is
the engine the models already match with (pydantic's default), so the generated schema's patterns all
compile in it.

Two differences from Python's ``re``, both as JSON Schema (ECMA-262) reads a pattern:

- ``$`` matches only at the end. Python's also matches before a final line break, so it accepted
  ``"abc\\n"`` for ``^[a-z]+$``.
- Look-around and back-references are not supported. A schema that uses them is reported, not run.

``additionalProperties`` weeds out the ``patternProperties`` with the same engine (jsonschema used ``re``, and
walked the extra properties in an order that changed from run to run). ``unevaluatedProperties``, which
jsonschema resolves with ``re`` too, is reported, not run: no generated schema uses it.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache, lru_cache
from typing import Any

#: What a pattern the engine cannot compile is reported as (the schema is not the generated one).
UNSUPPORTED = (
    "the schema's pattern {pattern!r} cannot be matched in linear time (look-around, back-references, too large,"
    " or not a string)"
)


#: What a keyword that would match patterns with Python's ``re`` is reported as (the generated schemas use none).
UNSUPPORTED_KEYWORD = "the schema's {keyword} is not checked: jsonschema matches its patterns by backtracking"


class UnsupportedPatternError(ValueError):
    """A pattern Rust's regex engine does not compile (or that is not a string)."""


@lru_cache(maxsize=1024)
def _matcher(pattern: str) -> Any:
    import pydantic_core
    from pydantic_core import core_schema

    try:
        return pydantic_core.SchemaValidator(core_schema.str_schema(pattern=pattern))
    except pydantic_core.SchemaError:
        return None


def search(pattern: object, text: str) -> bool:
    """Whether ``pattern`` matches anywhere in ``text`` (JSON Schema's ``pattern``), in linear time.

    Raises :class:`UnsupportedPatternError` for a pattern the engine cannot compile.
    """
    import pydantic_core

    matcher = _matcher(pattern) if isinstance(pattern, str) else None
    if matcher is None:
        raise UnsupportedPatternError(UNSUPPORTED.format(pattern=pattern))
    try:
        matcher.validate_python(text)
    except pydantic_core.ValidationError:
        return False
    return True


@cache
def linear(validator_class: Any) -> Any:
    """``validator_class`` with ``pattern`` and ``patternProperties`` matched by :func:`search`.

    The messages are jsonschema's own, so the reports read as before.
    """
    from jsonschema import ValidationError, validators

    def pattern(validator: Any, pattern: object, instance: Any, schema: Any) -> Iterator[Any]:
        if not validator.is_type(instance, "string"):
            return
        try:
            found = search(pattern, instance)
        except UnsupportedPatternError as exc:
            yield ValidationError(str(exc))
            return
        if not found:
            yield ValidationError(f"{instance!r} does not match {pattern!r}")

    def pattern_properties(validator: Any, patterns: Any, instance: Any, schema: Any) -> Iterator[Any]:
        if not validator.is_type(instance, "object"):
            return
        for key_pattern, subschema in patterns.items():
            for key, value in instance.items():
                try:
                    found = search(key_pattern, key)
                except UnsupportedPatternError as exc:
                    yield ValidationError(str(exc))
                    break
                if found:
                    yield from validator.descend(value, subschema, path=key, schema_path=key_pattern)

    def additional_properties(validator: Any, additional: Any, instance: Any, schema: Any) -> Iterator[Any]:
        # jsonschema's own matches patternProperties with `re` (one alternation of them all) and walks the extra
        # properties as a set, in an order that changes from run to run: here, in the document's order.
        if not validator.is_type(instance, "object"):
            return
        properties, patterns = schema.get("properties", {}), schema.get("patternProperties", {})
        try:
            extras = [key for key in instance if key not in properties and not any(search(p, key) for p in patterns)]
        except UnsupportedPatternError as exc:
            yield ValidationError(str(exc))
            return
        if validator.is_type(additional, "object"):
            for extra in extras:
                yield from validator.descend(instance[extra], additional, path=extra)
        elif not additional and extras:
            if "patternProperties" in schema:  # as jsonschema words it, even when it holds no pattern
                verb = "does" if len(extras) == 1 else "do"
                joined = ", ".join(repr(each) for each in sorted(extras))
                named = ", ".join(repr(each) for each in sorted(patterns))
                yield ValidationError(f"{joined} {verb} not match any of the regexes: {named}")
            else:
                verb = "was" if len(extras) == 1 else "were"
                joined = ", ".join(repr(each) for each in sorted(extras, key=str))
                yield ValidationError(f"Additional properties are not allowed ({joined} {verb} unexpected)")

    def unevaluated_properties(validator: Any, unevaluated: Any, instance: Any, schema: Any) -> Iterator[Any]:
        # jsonschema finds the evaluated properties with `re` on every patternProperties it meets: refused, not run.
        if validator.is_type(instance, "object"):
            yield ValidationError(UNSUPPORTED_KEYWORD.format(keyword="unevaluatedProperties"))

    keywords = {
        "pattern": pattern,
        "patternProperties": pattern_properties,
        "additionalProperties": additional_properties,
    }
    if "unevaluatedProperties" in validator_class.VALIDATORS:
        keywords["unevaluatedProperties"] = unevaluated_properties
    return validators.extend(validator_class, keywords)  # type: ignore[no-untyped-call]  # jsonschema leaves it untyped


__all__ = ["UnsupportedPatternError", "linear", "search"]
