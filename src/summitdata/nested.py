"""data/summit.json: the whole dataset as one nested document, generated from the tables.

Its shape is defined here by pydantic models, so its JSON Schema
(schemas/summit.schema.json) is generated from the same definitions as the tables'.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

import pydantic_core
from pydantic import BaseModel, ConfigDict, Field, create_model

from summitdata.dataset import Dataset
from summitdata.models import (
    Agreement,
    AgreementAction,
    Event,
    EventCode,
    FactCheck,
    Membership,
    Organization,
    Participant,
    Person,
    Record,
    Source,
    Statement,
    Workstream,
)
from summitdata.models._base import disputing

_CHECKS: Any = (list[FactCheck], Field(description="Fact checks about this record."))
_DISPUTED: Any = (
    bool,
    Field(description="True when a fact check contradicts the record or finds it unsupported."),
)


class _Node(BaseModel):
    # Built on first use (the schema, or a validated render): importing the package stays light.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def _node(model: type[Record], **relations: Any) -> type[BaseModel]:
    """A record's columns plus its embedded relations, its fact checks and the disputed flag.

    Built with create_model from the record's own fields (not by subclassing) so the
    record's relation properties are not shadowed by same-named fields.
    """
    fields: dict[str, Any] = {name: (info.annotation, info) for name, info in model.model_fields.items()}
    fields.update(relations, fact_checks=_CHECKS, disputed=_DISPUTED)
    return create_model(
        f"{model.__name__}Node",
        __base__=_Node,
        __doc__=f"{model.__doc__} With its relations embedded.",
        **fields,
    )


# Embedded records carry their own fact checks and flag too, so a contested act shows as
# disputed wherever it appears.
MembershipNode = _node(Membership)
ParticipantNode = _node(Participant)
AgreementActionNode = _node(AgreementAction)
WorkstreamNode = _node(Workstream)

OrganizationNode = _node(
    Organization,
    memberships=(list[MembershipNode], Field(description="Posts held in the organization.")),  # type: ignore[valid-type]
    workstreams=(list[WorkstreamNode], Field(description="The organization's workstreams, in order.")),  # type: ignore[valid-type]
)
PersonNode = _node(
    Person,
    memberships=(list[MembershipNode], Field(description="The person's posts and roles.")),  # type: ignore[valid-type]
    participations=(list[ParticipantNode], Field(description="The person's parts in events.")),  # type: ignore[valid-type]
    actions=(list[AgreementActionNode], Field(description="What the person did with agreements.")),  # type: ignore[valid-type]
    statement_ids=(
        list[str],
        Field(description="IDs of the person's statements (see `statements`)."),
    ),
)
EventNode = _node(
    Event,
    participants=(list[ParticipantNode], Field(description="Who took part, in what role.")),  # type: ignore[valid-type]
    actions=(list[AgreementActionNode], Field(description="Acts on agreements done at the event.")),  # type: ignore[valid-type]
    child_ids=(list[str], Field(description="IDs of the events held as part of this one.")),
)
AgreementNode = _node(
    Agreement,
    actions=(list[AgreementActionNode], Field(description="Every act on the agreement.")),  # type: ignore[valid-type]
    statement_ids=(list[str], Field(description="IDs of statements quoted from the document.")),
)
StatementNode = _node(Statement)


class SummitDocument(_Node):
    """The nested document."""

    name: Annotated[str, Field(description="The data package's name.")]
    version: Annotated[str, Field(description="The data package's version.")]
    sources: Annotated[list[Source], Field(description="Every source (see the sources table).")]
    organizations: list[OrganizationNode]  # type: ignore[valid-type]  # built by create_model
    people: list[PersonNode]  # type: ignore[valid-type]
    events: list[EventNode]  # type: ignore[valid-type]
    agreements: list[AgreementNode]  # type: ignore[valid-type]
    statements: list[StatementNode]  # type: ignore[valid-type]
    fact_checks: Annotated[list[FactCheck], Field(description="Every fact check (see the fact_checks table).")]
    event_codes: Annotated[
        list[EventCode], Field(description="CAMEO and PLOVER codes of every event kind and agreement action.")
    ]


def _plain(record: Record) -> dict[str, Any]:
    # JSON mode: the typed date bounds become their ISO text, as in the CSVs.
    return record.model_dump(mode="json")


def _fields(record: Record) -> dict[str, Any]:
    # For pydantic_core.to_json only: the record's own field values, days still dates (written as
    # their ISO text, as model_dump's JSON mode gives them), without model_dump's per-call cost.
    return record.__dict__


def document_sections(ds: Dataset, *, for_json: bool = False) -> dict[str, Any]:
    """The nested document, each list of records a lazy iterator (built as it is written).

    ``for_json``: records as their field values, for pydantic_core.to_json to write (the same
    text, tests/test_gate_shortcuts.py checks it); otherwise plain JSON data.
    """
    plain = _fields if for_json else _plain
    # The dataset's own index, not each record's fact_checks and disputed: asked once per record.
    checks_of = ds.fact_checks_of

    def _checked(record: Record) -> dict[str, Any]:
        checks = checks_of(record)
        return {**plain(record), "fact_checks": [plain(c) for c in checks], "disputed": disputing(checks)}

    return {
        "name": "summitdata",
        "version": ds.version,
        "sources": (plain(s) for s in ds.sources),
        "organizations": (
            {
                **_checked(o),
                "memberships": [_checked(m) for m in o.memberships],
                "workstreams": [_checked(w) for w in o.workstreams],
            }
            for o in ds.organizations
        ),
        "people": (
            {
                **_checked(p),
                "memberships": [_checked(m) for m in p.memberships],
                "participations": [_checked(x) for x in p.participations],
                "actions": [_checked(a) for a in p.actions],
                "statement_ids": [s.id for s in p.statements],
            }
            for p in ds.people
        ),
        "events": (
            {
                **_checked(e),
                "participants": [_checked(x) for x in e.participants],
                "actions": [_checked(a) for a in e.actions],
                "child_ids": [c.id for c in e.children],
            }
            for e in ds.events
        ),
        "agreements": (
            {
                **_checked(a),
                "actions": [_checked(x) for x in a.actions],
                "statement_ids": [s.id for s in a.statements],
            }
            for a in ds.agreements
        ),
        "statements": (_checked(s) for s in ds.statements),
        "fact_checks": (plain(c) for c in ds.fact_checks),
        "event_codes": (plain(c) for c in ds.event_codes),
    }


def build_document(ds: Dataset) -> dict[str, Any]:
    """The nested document as plain JSON data, in table order."""
    return {key: value if isinstance(value, str) else list(value) for key, value in document_sections(ds).items()}


def render_document(ds: Dataset, *, check: bool = True) -> str:
    """The nested document's text.

    ``check``: validate it with ``SummitDocument`` first, so the generator never writes what
    its schema rejects. The gate passes False for records its table layers validated: every
    node is a record's own fields (the same annotations) plus lists of such records, so the
    check could only repeat what every record already passed.
    """
    if not check:
        return b"".join(iter_document(ds)).decode("utf-8")
    document = build_document(ds)
    SummitDocument.model_validate(document)
    return render_json(document)


def iter_document(ds: Dataset) -> Iterator[bytes]:
    """The nested document's text (UTF-8) piece by piece, one record at a time: memory stays one record's worth."""
    return iter_json(document_sections(ds, for_json=True))


def render_json(document: Any) -> str:
    """``json.dumps(document, ensure_ascii=False, indent=2)`` plus a final line end, in Rust.

    Byte for byte the standard library's output for plain JSON data (tests/test_gate_shortcuts.py
    checks it on the real document and on every kind of character), about three times
    faster: Python's own encoder falls back to pure Python when it indents.
    """
    return pydantic_core.to_json(document, indent=2).decode("utf-8") + "\n"


def iter_json(document: dict[str, Any]) -> Iterator[bytes]:
    """:func:`render_json` of an object, streamed: a value that is an iterator is written item by item.

    Each item is rendered alone and indented to its depth (a JSON text has no raw line
    breaks inside strings, so indenting after each line break is exact).
    """
    to_json = pydantic_core.to_json
    if not document:
        yield b"{}\n"
        return
    for number, (key, value) in enumerate(document.items()):
        yield (b"{\n  " if number == 0 else b",\n  ") + to_json(key) + b": "
        if isinstance(value, Iterator):
            empty = True
            for item in value:
                yield (b"[\n    " if empty else b",\n    ") + to_json(item, indent=2).replace(b"\n", b"\n    ")
                empty = False
            yield b"[]" if empty else b"\n  ]"
        else:
            yield to_json(value, indent=2).replace(b"\n", b"\n  ")
    yield b"\n}\n"
