"""summitdata.nested: the streamed text of data/summit.json is the checked render, byte for byte."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given

import summitdata
from summitdata.dataset import Dataset, Table
from summitdata.nested import (
    RELATIONS,
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


def test_writing_the_document_leaves_every_record_as_it_was() -> None:
    """A node's value is a copy of its record's fields plus its relations: no record gains a key or changes."""
    ds = summitdata.load(ROOT)
    before = {name: [dict(record.__dict__) for record in table] for name, table in ds.tables.items()}
    streamed = b"".join(iter_json(document_sections(ds, _Text(ds))))
    assert streamed == (ROOT / "data/summit.json").read_bytes()
    assert {name: [record.__dict__ for record in table] for name, table in ds.tables.items()} == before
    assert all(list(r.__dict__) == list(type(r).model_fields) for table in ds.tables.values() for r in table)


def test_the_streamed_text_of_empty_tables_is_the_checked_render() -> None:
    """With no records every list is written empty, as the checked render writes it."""
    ds = Dataset(version="0.0.0", root=ROOT, tables={r.name: Table(r.name, []) for r in RESOURCES})
    assert b"".join(iter_document(ds)) == render_document(ds).encode("utf-8")


@given(JSON_VALUES)
def test_render_json_is_the_standard_librarys_indented_output(value: Any) -> None:
    """Every character (controls, quotes, non-ASCII), empty lists and objects: byte for byte json.dumps."""
    assert render_json(value) == json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def test_render_json_reproduces_the_committed_document() -> None:
    """The committed data/summit.json, parsed and rendered again, is the same text."""
    text = (ROOT / "data" / "summit.json").read_text(encoding="utf-8")
    assert render_json(json.loads(text)) == text
