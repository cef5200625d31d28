"""data/summit.json: the whole dataset as one nested document, generated from the tables.

Its shape is defined here by pydantic models, so its JSON Schema
(schemas/summit.schema.json) is generated from the same definitions as the tables'.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Annotated, Any, NamedTuple, Protocol, TypeVar

from pydantic import BaseModel, ConfigDict, Field, create_model

from summitdata._json import indented
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

V = TypeVar("V")

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


class _Relation(NamedTuple):
    """What a node embeds under ``key``: the records of ``model`` whose ``field`` holds the node's id."""

    key: str
    prop: str  # the record property that follows the relation (Organization.memberships, ...)
    model: type[Record]
    field: str
    ids: bool = False  # only the records' ids (statement_ids, child_ids)


#: The top-level lists of nodes and each node's relations, in the document's order: the one definition
#: of what the document embeds (tests/test_nested.py checks each against its property, record by record).
RELATIONS: dict[str, tuple[_Relation, ...]] = {
    "organizations": (
        _Relation("memberships", "memberships", Membership, "organization_id"),
        _Relation("workstreams", "workstreams", Workstream, "organization_id"),
    ),
    "people": (
        _Relation("memberships", "memberships", Membership, "person_id"),
        _Relation("participations", "participations", Participant, "person_id"),
        _Relation("actions", "actions", AgreementAction, "person_id"),
        _Relation("statement_ids", "statements", Statement, "speaker_person_id", ids=True),
    ),
    "events": (
        _Relation("participants", "participants", Participant, "event_id"),
        _Relation("actions", "actions", AgreementAction, "event_id"),
        _Relation("child_ids", "children", Event, "parent_id", ids=True),
    ),
    "agreements": (
        _Relation("actions", "actions", AgreementAction, "agreement_id"),
        _Relation("statement_ids", "statements", Statement, "agreement_id", ids=True),
    ),
    "statements": (),
}


class _Builder(Protocol[V]):
    """How the document's values are made: plain JSON data, or (for the streamed text) each top-level value's JSON."""

    def record(self, record: Record) -> V: ...

    def node(self, record: Record, **relations: V) -> V: ...

    def nodes(self, records: Iterable[Record]) -> V: ...

    def ids(self, records: Iterable[Record]) -> V: ...


class _Plain:
    """Plain JSON data (dicts and lists), for the model check and ``json.dumps``."""

    def __init__(self, ds: Dataset) -> None:
        # The dataset's own index, not each record's fact_checks and disputed: asked once per record.
        self.checks_of = ds.fact_checks_of

    def record(self, record: Record) -> Any:
        # JSON mode: the typed date bounds become their ISO text, as in the CSVs.
        return record.model_dump(mode="json")

    def node(self, record: Record, **relations: Any) -> Any:
        checks = self.checks_of(record)
        own = self.record(record)
        return {**own, "fact_checks": [self.record(c) for c in checks], "disputed": disputing(checks), **relations}

    def nodes(self, records: Iterable[Record]) -> Any:
        return [self.node(record) for record in records]

    def ids(self, records: Iterable[Record]) -> Any:
        return [record.__dict__["id"] for record in records]


class _Text:
    """Each top-level value as its JSON text at depth 0, byte for byte what :func:`~summitdata._json.indented`
    writes of :class:`_Plain`'s value (tests/test_nested.py). A node and the nodes it embeds are plain values of
    the records' own field values (days as dates, which both writers write as their ISO text), written in one
    call: the embedded records go to the writer as dicts, not written each on its own and then indented
    and joined in Python (about a tenth of the render's time at 100,000 rows). Nothing is held between nodes.
    """

    def __init__(self, ds: Dataset) -> None:
        # Each checked record's fact checks as written and its flag, made once from the dataset's index
        # (ds.fact_checks_of's): most records have none, and a fact check is written wherever its record is.
        self.checks = {key: ([c.__dict__ for c in found], disputing(found)) for key, found in ds._checks.items()}
        self.unchecked: tuple[list[Any], bool] = ([], False)  # only read by the writer, never changed

    def _value(self, record: Record, relations: dict[str, Any]) -> dict[str, Any]:
        checks, disputed = self.checks.get((record.resource_name, record.__dict__["id"]), self.unchecked)
        value = dict(record.__dict__)  # a copy: the record's own dict stays as it is
        value["fact_checks"] = checks
        value["disputed"] = disputed
        value.update(relations)
        return value

    def record(self, record: Record) -> bytes:
        return indented(record.__dict__)

    def node(self, record: Record, **relations: Any) -> bytes:
        return indented(self._value(record, relations))

    def nodes(self, records: Iterable[Record]) -> Any:
        return [self._value(record, {}) for record in records]

    def ids(self, records: Iterable[Record]) -> Any:
        return [record.__dict__["id"] for record in records]


def document_sections(ds: Dataset, build: _Builder[V]) -> dict[str, str | Iterator[V]]:
    """The nested document, each list of records a lazy iterator (built as it is written).

    The document's one definition, with :data:`RELATIONS`; ``build`` makes its values
    (:class:`_Plain` or :class:`_Text`).
    """
    nodes = {name: _nodes(ds, name, relations, build) for name, relations in RELATIONS.items()}
    return {
        "name": "summitdata",
        "version": ds.version,
        "sources": (build.record(s) for s in ds.sources),
        **nodes,
        "fact_checks": (build.record(c) for c in ds.fact_checks),
        "event_codes": (build.record(c) for c in ds.event_codes),
    }


def _nodes(ds: Dataset, name: str, relations: tuple[_Relation, ...], build: _Builder[V]) -> Iterator[V]:
    # What each record's property (relation.prop) returns, found in the index ds.referencing answers from
    # (every relation is by an id), once per relation: the property's way there costs several times as
    # much, ds.referencing's once per record a tenth of the render (tests/test_nested.py compares them).
    indexes = [(relation, ds._index(relation.model.resource_name, relation.field)) for relation in relations]
    for record in getattr(ds, name):
        related = {}
        key = record.__dict__["id"]
        for relation, index in indexes:
            found = index.get(key, ())
            related[relation.key] = build.ids(found) if relation.ids else build.nodes(found)
        yield build.node(record, **related)


def document_texts(ds: Dataset) -> dict[str, str | Iterator[bytes]]:
    """The nested document with each list of records made lazily as its items' JSON texts (see :class:`_Text`)."""
    return document_sections(ds, _Text(ds))


def build_document(ds: Dataset) -> dict[str, Any]:
    """The nested document as plain JSON data, in table order."""
    sections = document_sections(ds, _Plain(ds))
    return {key: value if isinstance(value, str) else list(value) for key, value in sections.items()}


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
    """The nested document's text (UTF-8) piece by piece, one top-level record at a time.

    Memory holds one top-level record's text (its embedded records included) at a time.
    """
    return iter_json(document_texts(ds))


def render_json(document: Any) -> str:
    """``json.dumps(document, ensure_ascii=False, indent=2)`` plus a final line end, in Rust.

    Byte for byte the standard library's output for plain JSON data (tests/test_nested.py
    checks it on the real document and on every kind of character), several times
    faster: Python's own encoder falls back to pure Python when it indents.
    """
    return indented(document).decode("utf-8") + "\n"


def iter_json(document: dict[str, Any]) -> Iterator[bytes]:
    """:func:`render_json` of an object, streamed: a value that is an iterator of JSON texts (each
    as :func:`summitdata._json.indented` writes it) is written item by item, indented to its depth.
    """
    if not document:
        yield b"{}\n"
        return
    for number, (key, value) in enumerate(document.items()):
        yield (b"{\n  " if number == 0 else b",\n  ") + indented(key) + b": "
        if isinstance(value, Iterator):
            empty = True
            for text in value:
                # A JSON text has no raw line break inside a string: indenting after each one is exact.
                yield (b"[\n    " if empty else b",\n    ") + text.replace(b"\n", b"\n    ")
                empty = False
            yield b"[]" if empty else b"\n  ]"
        else:
            yield indented(value).replace(b"\n", b"\n  ")
    yield b"\n}\n"
