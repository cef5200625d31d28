"""summitdata.nested: the streamed text of data/summit.json is the checked render, byte for byte."""

from __future__ import annotations

import json
from typing import Any

import pydantic_core
from hypothesis import given
from hypothesis import strategies as st

import summitdata
from summitdata.dataset import Dataset, Table
from summitdata.nested import (
    RELATIONS,
    _array,
    _Text,
    document_sections,
    iter_document,
    iter_json,
    render_document,
    render_json,
)
from summitdata.resources import RESOURCES
from tests.conftest import JSON_VALUES, ROOT


def test_the_streamed_text_of_the_shipped_data_is_the_checked_render_and_the_committed_file() -> None:
    """The gate's streamed text, joined from each record's text, equals the generator's checked render and the file."""
    ds = summitdata.load(ROOT)
    streamed = b"".join(iter_document(ds))
    assert streamed == render_document(ds).encode("utf-8")
    assert streamed == (ROOT / "data/summit.json").read_bytes()


def test_each_relation_is_the_records_property_record_by_record() -> None:
    """RELATIONS names, for each node's relation, the property it is: the same records, in the same order."""
    ds = summitdata.load(ROOT)
    followed = 0
    for name, relations in RELATIONS.items():
        for record in getattr(ds, name):
            for relation in relations:
                found = getattr(record, relation.prop)
                assert found == ds.referencing(relation.model, relation.field, record.id)
                assert all(type(item) is relation.model for item in found)
                followed += len(found)
    assert followed > 100


def test_every_embedded_node_is_let_go_once_its_last_parent_has_it() -> None:
    """Writing the shipped document leaves no embedded node's text held, and each was written once per record."""
    ds = summitdata.load(ROOT)
    text = _Text(ds)
    written = 0
    real = text.node

    def counted(record: Any, **relations: bytes) -> bytes:
        nonlocal written
        written += 1
        return real(record, **relations)

    text.node = counted  # type: ignore[method-assign]  # counting the nodes it writes
    streamed = b"".join(iter_json(document_sections(ds, text)))
    assert streamed == (ROOT / "data/summit.json").read_bytes()
    assert text.written == {}
    assert text.left == {}
    assert written == sum(
        len(getattr(ds, name))
        for name in ("memberships", "participants", "agreement_actions", "workstreams", *RELATIONS)
    )


def test_a_node_let_go_too_soon_is_written_again_the_same() -> None:
    """With no parent counted, every embedded node is written again where it appears: the same document."""
    ds = summitdata.load(ROOT)
    text = _Text(ds)
    text.parents = {}
    assert b"".join(iter_json(document_sections(ds, text))) == (ROOT / "data/summit.json").read_bytes()
    assert text.written == {}


def test_the_streamed_text_of_empty_tables_is_the_checked_render() -> None:
    """With no records every list is written empty, as the checked render writes it."""
    ds = Dataset(version="0.0.0", root=ROOT, tables={r.name: Table(r.name, []) for r in RESOURCES})
    assert b"".join(iter_document(ds)) == render_document(ds).encode("utf-8")


@given(st.lists(JSON_VALUES, max_size=5))
def test_an_array_joined_from_its_items_texts_is_the_arrays_text(items: list[Any]) -> None:
    """_array of each item's indented text is the indented text of the list."""
    texts = [pydantic_core.to_json(item, indent=2) for item in items]
    assert _array(texts) == pydantic_core.to_json(items, indent=2)


@given(JSON_VALUES)
def test_render_json_is_the_standard_librarys_indented_output(value: Any) -> None:
    """Every character (controls, quotes, non-ASCII), empty lists and objects: byte for byte json.dumps."""
    assert render_json(value) == json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def test_render_json_reproduces_the_committed_document() -> None:
    """The committed data/summit.json, parsed and rendered again, is the same text."""
    text = (ROOT / "data" / "summit.json").read_text(encoding="utf-8")
    assert render_json(json.loads(text)) == text
