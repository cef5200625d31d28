"""JSON text as the generated documents write it: indented by two spaces, non-ASCII as it is, in Rust.

For the values the generator writes: text, integers, booleans, null, days, and lists and objects of them.
orjson writes them where it is installed (the ``validate`` extra brings it), twice as fast as pydantic_core:
the nested document's text is about a fifth of the gate's time on a large package. Else, and for a value
orjson will not write (an integer past 64 bits, a key that is not text), pydantic_core does, or raises
ValueError where it cannot either (text with a lone surrogate has no UTF-8), as it did before orjson. Both
write the same bytes, which are ``json.dumps(value, ensure_ascii=False, indent=2)``'s (tests/test_json.py,
on every kind of character). Not for floats: orjson writes NaN and Infinity as ``null``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, partial
from typing import Any

import pydantic_core


@cache
def _orjson() -> Callable[[Any], bytes] | None:
    """orjson's writer, imported on first use (never at ``import summitdata``), or None where it is not installed."""
    try:
        import orjson
    except ImportError:
        return None
    return partial(orjson.dumps, option=orjson.OPT_INDENT_2)


def indented(value: Any) -> bytes:
    """``value``'s JSON text (UTF-8), indented by two spaces, with no final line end.

    Raises ValueError (pydantic_core's PydanticSerializationError) where neither library can write it.
    """
    dumps = _orjson()
    if dumps is not None:
        try:
            return dumps(value)
        except TypeError:  # orjson.JSONEncodeError: pydantic_core writes it, or says why it cannot
            pass
    return pydantic_core.to_json(value, indent=2)


__all__ = ["indented"]
