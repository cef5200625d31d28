"""jsonschema's problems, bounded: the first few it finds, shallow ones first.

A document of many bad items has as many problems, each with the reasons for every alternative it
fails. Collected all, a ``summit.json`` of 400,000 bad people (0.8 MB) took 14 s and 1.5 GB, and a
CITATION.cff of 120,000 bad authors 9.5 s and 1.2 GB, for reports that show 50 and 20 of them.
:func:`first_errors` stops at the limit. So that the few it finds name what matters, the schema is
given to the validator with :func:`shallow_first`: a missing required key is found before the bad
items of a long list.
"""

from __future__ import annotations

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


def first_errors(validator: Any, instance: Any, limit: int) -> list[Any]:
    """The first ``limit`` errors ``validator`` finds in ``instance`` (give it a :func:`shallow_first` schema)."""
    return list(islice(validator.iter_errors(instance), limit))


__all__ = ["DESCENDING", "first_errors", "shallow_first"]
