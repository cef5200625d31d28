"""summitdata.dictionary: docs/data-dictionary.md says what each column holds."""

from __future__ import annotations

import json
import typing

import pytest

import summitdata
from summitdata.dictionary import build_dictionary
from summitdata.generate import descriptor_text
from summitdata.models.event_codes import PloverEvent

#: (column, the words its constraints cell must hold)
ENUM_CELLS: list[tuple[str, str]] = [
    ("`country`", "one of 249 codes (ISO 3166-1 alpha-3)"),
    ("`plover_event`", "one of " + ", ".join(f"`{code}`" for code in typing.get_args(PloverEvent))),
]


@pytest.fixture(scope="module")
def dictionary() -> str:
    return build_dictionary(json.loads(descriptor_text()), summitdata.load())


@pytest.mark.parametrize(("column", "words"), ENUM_CELLS)
def test_an_enum_is_named_as_what_it_is(dictionary: str, column: str, words: str) -> None:
    """Country codes are named as ISO 3166-1 alpha-3; any other enum, however long, lists its values."""
    rows = [line for line in dictionary.splitlines() if line.startswith(f"| {column} |")]
    assert rows
    assert all(line.split(" | ")[2] == words for line in rows)
