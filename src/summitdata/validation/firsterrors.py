"""jsonschema's problems, bounded: the first few it finds, shallow ones first, within a budget of checks.

A document of many bad items has as many problems, each with the reasons for every alternative it
fails. Collected all, those of a CITATION.cff of 120,000 bad authors took 9.5 s and 1.2 GB, for a
report that shows 20 of them. :func:`first_errors` stops at the limit. So that the few it finds
name what matters, the schema is given to the validator with :func:`shallow_first`: a missing
required key is found before the bad items of a long list.

A schema a contributor edits may ask any number of checks of each value (an ``anyOf`` of 20,000
alternatives: 10 s and 3 GB for the real ``summit.json``). :func:`bounded` gives up after a budget
of checks proportional to the document, and keeps no record of why each alternative failed.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from typing import Any

#: Keywords that look inside a value's members: evaluated after the other keywords of their schema object.
DESCENDING = frozenset(
    {
        "properties",
        "patternProperties",
        "additionalProperties",
        "unevaluatedProperties",
        "propertyNames",
        "dependencies",
        "dependentSchemas",
        "items",
        "prefixItems",
        "additionalItems",
        "unevaluatedItems",
        "contains",
    }
)


def shallow_first(schema: Any) -> Any:
    """The schema with, in each of its objects, the keywords that look inside members moved last.

    The order of keywords changes no verdict and no problem, only the order in which jsonschema finds
    them (tests/test_firsterrors.py compares every problem of random documents under both orders).
    """
    if isinstance(schema, dict):
        kept = [(key, shallow_first(value)) for key, value in schema.items()]
        return dict(sorted(kept, key=lambda item: item[0] in DESCENDING))  # stable: the rest keep their order
    if isinstance(schema, list):
        return [shallow_first(value) for value in schema]
    return schema


class BudgetExceededError(Exception):
    """The schema asked more checks of the document than its budget."""


def bounded(validator_class: Any, budget: int) -> Any:
    """``validator_class`` that raises :class:`BudgetExceededError` after ``budget`` keyword checks, and whose
    ``anyOf`` and ``oneOf`` stop each alternative at its first problem and keep none of them (jsonschema keeps
    every problem of every alternative, which no report here shows). Messages are jsonschema's own."""
    from jsonschema import ValidationError, validators

    used = [0]

    def counted(check: Any) -> Any:
        def run(validator: Any, value: Any, instance: Any, schema: Any) -> Iterator[Any]:
            used[0] += 1
            if used[0] > budget:
                raise BudgetExceededError(budget)
            yield from check(validator, value, instance, schema)

        return run

    def passes(validator: Any, instance: Any, subschema: Any, index: int) -> bool:
        return next(validator.descend(instance, subschema, schema_path=index), None) is None

    def any_of(validator: Any, alternatives: Any, instance: Any, schema: Any) -> Iterator[Any]:
        if not any(passes(validator, instance, subschema, index) for index, subschema in enumerate(alternatives)):
            yield ValidationError(f"{instance!r} is not valid under any of the given schemas")

    def one_of(validator: Any, alternatives: Any, instance: Any, schema: Any) -> Iterator[Any]:
        valid = (
            subschema for index, subschema in enumerate(alternatives) if passes(validator, instance, subschema, index)
        )
        first = next(valid, None)
        if first is None:
            yield ValidationError(f"{instance!r} is not valid under any of the given schemas")
            return
        more = list(valid)
        if more:
            reprs = ", ".join(repr(each) for each in [*more, first])
            yield ValidationError(f"{instance!r} is valid under each of {reprs}")

    keywords = {name: counted(check) for name, check in validator_class.VALIDATORS.items()}
    own = {"anyOf": any_of, "oneOf": one_of}  # only where the draft has them (Draft 3 has neither)
    keywords |= {name: counted(check) for name, check in own.items() if name in validator_class.VALIDATORS}
    return validators.extend(validator_class, keywords)  # type: ignore[no-untyped-call]  # jsonschema leaves it untyped


def values_in(document: Any, stop: int | None = None) -> int:
    """How many JSON values ``document`` holds, itself included, counted up to ``stop`` (iterative: any depth)."""
    count, stack = 0, [document]
    while stack and (stop is None or count < stop):
        value = stack.pop()
        count += 1
        if isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return count


def first_errors(validator: Any, instance: Any, limit: int) -> tuple[list[Any], bool]:
    """The first ``limit`` errors ``validator`` finds in ``instance`` (give it a :func:`shallow_first` schema), and
    whether its budget ran out first (:func:`bounded`): the errors found until then are kept."""
    found: list[Any] = []
    try:
        for error in islice(validator.iter_errors(instance), limit):
            found.append(error)
    except BudgetExceededError:
        return found, True
    return found, False


__all__ = ["DESCENDING", "BudgetExceededError", "bounded", "first_errors", "shallow_first", "values_in"]
