"""data/summit.json: the whole dataset as one nested document, generated from the tables.

Its shape is defined here by pydantic models, so its JSON Schema
(schemas/summit.schema.json) is generated from the same definitions as the tables'.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

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

_CHECKS: Any = (list[FactCheck], Field(description="Fact checks about this record."))
_DISPUTED: Any = (
    bool,
    Field(description="True when a fact check contradicts the record or finds it unsupported."),
)


class _Node(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


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


def _checked(record: Record) -> dict[str, Any]:
    return {
        **_plain(record),
        "fact_checks": [_plain(c) for c in record.fact_checks],
        "disputed": record.disputed,
    }


def build_document(ds: Dataset) -> dict[str, Any]:
    """The nested document as plain JSON data, in table order."""
    return {
        "name": "summitdata",
        "version": ds.version,
        "sources": [_plain(s) for s in ds.sources],
        "organizations": [
            {
                **_checked(o),
                "memberships": [_checked(m) for m in o.memberships],
                "workstreams": [_checked(w) for w in o.workstreams],
            }
            for o in ds.organizations
        ],
        "people": [
            {
                **_checked(p),
                "memberships": [_checked(m) for m in p.memberships],
                "participations": [_checked(x) for x in p.participations],
                "actions": [_checked(a) for a in p.actions],
                "statement_ids": [s.id for s in p.statements],
            }
            for p in ds.people
        ],
        "events": [
            {
                **_checked(e),
                "participants": [_checked(x) for x in e.participants],
                "actions": [_checked(a) for a in e.actions],
                "child_ids": [c.id for c in e.children],
            }
            for e in ds.events
        ],
        "agreements": [
            {
                **_checked(a),
                "actions": [_checked(x) for x in a.actions],
                "statement_ids": [s.id for s in a.statements],
            }
            for a in ds.agreements
        ],
        "statements": [_checked(s) for s in ds.statements],
        "fact_checks": [_plain(c) for c in ds.fact_checks],
        "event_codes": [_plain(c) for c in ds.event_codes],
    }


def render_document(ds: Dataset) -> str:
    document = build_document(ds)
    SummitDocument.model_validate(document)  # the generator never writes what its schema rejects
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
