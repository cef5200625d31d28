"""summitdata._json: orjson and pydantic_core write the generated documents' JSON byte for byte alike."""

from __future__ import annotations

import json
from typing import Any

import pydantic_core
import pytest
from hypothesis import given

import summitdata
from summitdata import _json
from summitdata._json import indented
from summitdata.nested import iter_document, render_document
from tests.conftest import JSON_VALUES, ROOT

#: Values orjson refuses, which pydantic_core writes: each must still be written, and as json.dumps does.
ORJSON_REFUSES: list[Any] = [2**64, -(2**63) - 1, [1, {"deep": 10**30}], 10**4000]


def _pydantic_core_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_json, "_orjson", lambda: None)


def test_orjson_writes_the_generated_documents() -> None:
    """With the validate extra installed (as in CI), orjson is the writer, not the fallback."""
    assert _json._orjson() is not None


@given(JSON_VALUES)
def test_both_writers_write_what_the_standard_library_writes(value: Any) -> None:
    """Every character (controls, quotes, non-ASCII), integers, empty lists and objects: one text from all three."""
    expected = json.dumps(value, ensure_ascii=False, indent=2).encode("utf-8")
    assert indented(value) == expected
    assert pydantic_core.to_json(value, indent=2) == expected


def test_every_character_is_written_alike() -> None:
    """Each code point but the surrogates, the 127 ASCII ones one by one: orjson's text is the standard library's."""
    characters = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    ascii_each = [chr(c) for c in range(128)]
    for value in [ascii_each, "".join(characters)]:
        assert indented(value) == json.dumps(value, ensure_ascii=False, indent=2).encode("utf-8")


@pytest.mark.parametrize("value", ORJSON_REFUSES, ids=repr)
def test_a_value_orjson_refuses_is_written_by_pydantic_core(value: Any) -> None:
    """An integer past 64 bits is written all the same, as the standard library writes it."""
    assert indented(value) == json.dumps(value, indent=2).encode("utf-8")


def test_a_lone_surrogate_is_refused_by_both_with_a_value_error() -> None:
    """Text with no UTF-8 (a lone surrogate) raises ValueError, as it did before orjson: callers catch that."""
    with pytest.raises(ValueError, match="surrogate"):
        indented({"text": "\ud800"})


def test_the_shipped_document_is_the_same_from_either_writer(monkeypatch: pytest.MonkeyPatch) -> None:
    """The streamed and the checked render of data/summit.json are the committed bytes with orjson and without it."""
    ds = summitdata.load(ROOT)
    committed = (ROOT / "data/summit.json").read_bytes()
    assert b"".join(iter_document(ds)) == committed
    _pydantic_core_only(monkeypatch)
    assert b"".join(iter_document(ds)) == committed
    assert render_document(ds).encode("utf-8") == committed
